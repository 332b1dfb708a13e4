; dynptr_stack_out_of_bounds: a dynptr needs 16 bytes of stack; at fp-8 it
; would reach past the top of the frame.
; expect: reject
; message: invalid write to stack
; upstream: reject "Dynptr has to be an uninitialized dynptr"
.program dynptr_stack_out_of_bounds raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -8
	call bpf_ringbuf_reserve_dynptr
	r1 = r10
	r1 += -8
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit

; dynptr_in_map_value: a dynptr lives on the stack only; a global variable (a
; map value) cannot hold one.
; expect: reject
; message: type=map_value expected=fp
; upstream: reject "R4 type=map_value expected=fp, dynptr_ptr"
.program dynptr_in_map_value raw_tp
.map ringbuf ringbuf max_entries=4096
.bss global_ptr 16

	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = global_ptr ll
	call bpf_ringbuf_reserve_dynptr
	r1 = global_ptr ll
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit

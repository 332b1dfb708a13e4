; dynptr_at_slot_offset: a dynptr is passed by the address of its first slot.
; fp-8 is the second slot of the dynptr at fp-16, not a dynptr of its own.
; expect: reject
; message: Expected an initialized dynptr as arg #3
; upstream: reject "Expected an initialized dynptr as arg #2"
.program dynptr_at_slot_offset raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = r10
	r1 += -32
	r2 = 8
	r3 = r10
	r3 += -8			; &ptr + 8
	r4 = 0
	r5 = 0
	call bpf_dynptr_read
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit

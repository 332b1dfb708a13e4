; dynptr_misaligned: a dynptr argument must sit on an 8-byte stack slot
; boundary; &ptr + 1 does not.
; expect: reject
; message: cannot pass in dynptr at an offset
; upstream: reject "Expected an initialized dynptr as arg #2"
.program dynptr_misaligned raw_tp
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
	r3 += -15			; &ptr + 1
	r4 = 0
	r5 = 0
	call bpf_dynptr_read
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit

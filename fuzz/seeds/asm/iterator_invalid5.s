; iterator_invalid5: the dynptr passed as the callback's context cannot be
; released inside the callback. The callback discards the ring buffer dynptr it
; finds behind its context pointer; the release does not count for the caller,
; whose reference (id 1) is still held when the program exits. The callback
; body is verified once, with the caller's state at the call.
; expect: reject
; message: Unreleased reference
.program iterator_invalid5 raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = r10
	r1 += -16
	r2 = iterator_invalid5_cb ll
	r3 = r10
	r3 += -16			; the context is the dynptr itself
	r4 = 0
	call bpf_dynptr_iterator
	r0 = 0				; "the callback released it"
	exit

iterator_invalid5_cb:
	r1 = r2				; the caller's dynptr, via the context
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = 0
	exit

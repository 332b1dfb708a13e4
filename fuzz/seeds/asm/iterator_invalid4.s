; iterator_invalid4: the dynptr a callback receives is not a reference the
; callback owns; it cannot be released (submitted) there.
; expect: reject
; message: arg 1 is an unacquired reference
.program iterator_invalid4 raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = r10
	r1 += -16
	r2 = iterator_invalid4_cb ll
	r3 = 0
	r4 = 0
	call bpf_dynptr_iterator
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = 0
	exit

iterator_invalid4_cb:
	; r1 is the iterator's dynptr
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit

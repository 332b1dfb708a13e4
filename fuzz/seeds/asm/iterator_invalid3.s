; iterator_invalid3: the dynptr a callback receives (R1, a PTR_TO_DYNPTR) is
; already initialized; the callback may not hand it to a helper that
; initializes a dynptr.
; expect: reject
; message: PTR_TO_DYNPTR is already an initialized dynptr
.program iterator_invalid3 raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = r10
	r1 += -16
	r2 = iterator_invalid3_cb ll
	r3 = 0
	r4 = 0
	call bpf_dynptr_iterator
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit

iterator_invalid3_cb:
	r4 = r1				; the iterator's dynptr
	r1 = ringbuf ll
	r2 = 8
	r3 = 0
	call bpf_ringbuf_reserve_dynptr	; would re-initialize it
	r0 = 0
	exit

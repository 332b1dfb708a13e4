; ringbuf_invalid_api: a data slice of a ring buffer dynptr is not a record of
; the non-dynptr ring buffer API: bpf_ringbuf_submit wants what
; bpf_ringbuf_reserve returned.
; expect: reject
; message: type=mem expected=ringbuf_mem
; upstream: reject "R1 type=mem expected=ringbuf_mem"
.program ringbuf_invalid_api raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = 16
	call bpf_dynptr_data
	if r0 == 0 goto discard
	r1 = r0
	r2 = 0
	call bpf_ringbuf_submit		; the wrong API
discard:
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = 0
	exit

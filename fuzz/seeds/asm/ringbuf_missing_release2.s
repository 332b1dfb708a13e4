; ringbuf_missing_release2: two reservations (ids 1 and 2); only the first
; is submitted.
; expect: reject
; message: Unreleased reference id=2
; upstream: reject "Unreleased reference id=4"
.program ringbuf_missing_release2 raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = ringbuf ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -32
	call bpf_ringbuf_reserve_dynptr
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit

; ringbuf_missing_release1: a ring buffer dynptr is a reference: it must be
; submitted or discarded on every path, even when the reservation failed.
; expect: reject
; message: Unreleased reference id=1
; upstream: reject "Unreleased reference id=2"
.program ringbuf_missing_release1 raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	if r0 != 0 goto out		; "it failed, nothing to release": wrong
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
out:
	r0 = 0
	exit

; overlapping_dynptrs: a second reservation into fp-24 would overlap the
; dynptr at fp-16 (its first slot); the stack there is not uninitialized.
; expect: reject
; message: Dynptr has to be an uninitialized dynptr
; upstream: reject "cannot overwrite referenced dynptr"
.program overlapping_dynptrs raw_tp
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
	r4 += -24			; overlaps fp-16..fp-9
	call bpf_ringbuf_reserve_dynptr
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r1 = r10
	r1 += -24
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit

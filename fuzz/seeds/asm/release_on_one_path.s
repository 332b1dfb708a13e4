; release_on_one_path: the reservation is submitted only when the record was
; filled; the other path leaks it. The verifier checks every path.
; expect: reject
; message: Unreleased reference id=1
; upstream: reject "Unreleased reference id=2"
.program release_on_one_path raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	call bpf_get_prandom_u32
	r1 = 42
	*(u64 *)(r10 - 24) = r1
	if r0 > 0x7fffffff goto out	; half the time: nothing to say
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = r10
	r3 += -24
	r4 = 8
	r5 = 0
	call bpf_dynptr_write
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr
out:
	r0 = 0
	exit

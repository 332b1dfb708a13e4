; unreleased_in_subprog: a bpf-to-bpf subprogram reserves a ring buffer dynptr
; in its own frame and returns without releasing it; the reference outlives the
; frame that held the dynptr.
; expect: reject
; message: Unreleased reference id=1
; upstream: reject "Unreleased reference id=2"
.program unreleased_in_subprog raw_tp
.map ringbuf ringbuf max_entries=4096

	call emit_sample
	r0 = 0
	exit

emit_sample:
	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = 7
	*(u64 *)(r10 - 24) = r1
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = r10
	r3 += -24
	r4 = 8
	r5 = 0
	call bpf_dynptr_write
	r0 = 0				; forgot bpf_ringbuf_submit_dynptr
	exit

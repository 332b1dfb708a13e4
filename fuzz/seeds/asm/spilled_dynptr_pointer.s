; spilled_dynptr_pointer: the address of a dynptr may be spilled to the stack
; and filled back (a PTR_TO_STACK keeps its type through the spill); only the
; dynptr's own bytes are off limits.
; expect: accept
; run: r0 = 0
; ringbuf-records: 1
; upstream: accept
.program spilled_dynptr_pointer raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = r10
	r1 += -16
	*(u64 *)(r10 - 24) = r1		; spill &ptr
	call bpf_get_prandom_u32
	r1 = *(u64 *)(r10 - 24)		; fill it back
	r2 = 0
	call bpf_ringbuf_submit_dynptr
	r0 = 0
	exit

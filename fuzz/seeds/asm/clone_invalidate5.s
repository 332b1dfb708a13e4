; clone_invalidate5: a data slice of the parent dies when the clone is
; submitted, even when the slice was spilled to the stack in between.
; expect: reject
; message: invalid mem access 'scalar'
.program clone_invalidate5 raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r1 = r10
	r1 += -16
	r2 = r10
	r2 += -32
	r3 = 0
	call bpf_dynptr_clone
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = 8
	call bpf_dynptr_data		; slice of the parent
	if r0 == 0 goto discard
	*(u64 *)(r10 - 40) = r0		; spill the slice
	r1 = r10
	r1 += -32
	r2 = 0
	call bpf_ringbuf_submit_dynptr	; submit through the clone
	r1 = *(u64 *)(r10 - 40)		; fill: a scalar since the release
	r0 = *(u64 *)(r1 + 0)
	r0 = 0
	exit
discard:
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = 0
	exit

; clone_invalidate4: a data slice of the clone dies when the parent is
; submitted: the slice register becomes a scalar.
; expect: reject
; message: invalid mem access 'scalar'
.program clone_invalidate4 raw_tp
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
	r1 += -32
	r2 = 0
	r3 = 8
	call bpf_dynptr_data		; slice of the clone
	if r0 == 0 goto discard
	r6 = r0
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_submit_dynptr	; submit the parent
	r1 = 1
	*(u64 *)(r6 + 0) = r1		; R6 is a scalar now
	r0 = 0
	exit
discard:
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = 0
	exit

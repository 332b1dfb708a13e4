; clone_invalidate6: slices of every generation die together. A slice of the
; grandchild (fp-48, cloned 4 bytes in) is used after the original (fp-16) is
; discarded.
; expect: reject
; message: invalid mem access 'scalar'
.program clone_invalidate6 raw_tp
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
	r2 = r10
	r2 += -48
	r3 = 4
	call bpf_dynptr_clone
	r1 = r10
	r1 += -48
	r2 = 0
	r3 = 4
	call bpf_dynptr_data		; slice of the grandchild
	if r0 == 0 goto discard
	r7 = r0
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr	; discard the original
	r0 = *(u32 *)(r7 + 0)		; R7 is a scalar now
	r0 = 0
	exit
discard:
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = 0
	exit

; clone_invalidate1: a clone shares its parent's reference. Submitting the
; parent ring buffer dynptr (fp-16) invalidates the clone (fp-32) too, so the
; read through the clone is refused.
; expect: reject
; message: Expected an initialized dynptr
.program clone_invalidate1 raw_tp
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
	call bpf_ringbuf_submit_dynptr	; releases id of fp-16 and fp-32
	r1 = r10
	r1 += -48
	r2 = 8
	r3 = r10
	r3 += -32
	r4 = 0
	r5 = 0
	call bpf_dynptr_read		; the clone died with its parent
	r0 = 0
	exit

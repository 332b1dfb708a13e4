; clone_invalidate3: three generations (fp-16 -> fp-32 -> fp-48) are one
; family. Discarding the middle one invalidates the grandchild as well.
; expect: reject
; message: Expected an initialized dynptr
.program clone_invalidate3 raw_tp
.map ringbuf ringbuf max_entries=4096

	r1 = ringbuf ll
	r2 = 32
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
	r3 = 8
	call bpf_dynptr_clone		; a clone of the clone, 8 bytes in
	r1 = r10
	r1 += -32
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r1 = r10
	r1 += -48
	r2 = 4
	call bpf_dynptr_advance		; the grandchild is gone too
	r0 = 0
	exit

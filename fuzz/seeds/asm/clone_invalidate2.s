; clone_invalidate2: releasing through the clone invalidates the parent.
; The clone (fp-32) is submitted; the parent (fp-16) is then written to.
; expect: reject
; message: Expected an initialized dynptr
.program clone_invalidate2 raw_tp
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
	call bpf_ringbuf_submit_dynptr	; submit through the clone
	r1 = 0x2a
	*(u64 *)(r10 - 48) = r1
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = r10
	r3 += -48
	r4 = 8
	r5 = 0
	call bpf_dynptr_write		; the parent is gone as well
	r0 = 0
	exit

; test_dynptr_is_null: a dynptr whose ring buffer reservation failed (here:
; non-zero flags, -EINVAL) is null; a successfully reserved one is not. Both
; must still be released.
; expect: accept
; run: r0 = 0
; run: err = 0
; ringbuf-records: 0
.program test_dynptr_is_null tp
.map ringbuf ringbuf max_entries=4096
.bss err 4

	r1 = ringbuf ll
	r2 = 8
	r3 = 1				; bad flags
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r7 = r0
	r1 = ringbuf ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -32
	call bpf_ringbuf_reserve_dynptr
	r8 = r0
	r6 = 1
	if r7 != -22 goto done
	r6 = 2
	if r8 != 0 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_is_null
	r6 = 3
	if r0 != 1 goto done
	r1 = r10
	r1 += -32
	call bpf_dynptr_is_null
	r6 = 4
	if r0 != 0 goto done
	r6 = 0
done:
	r1 = err ll
	*(u32 *)(r1 + 0) = r6
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr	; a no-op on the null one
	r1 = r10
	r1 += -32
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = 0
	exit

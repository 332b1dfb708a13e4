; test_advance_trim: bpf_dynptr_advance moves the offset forward and shrinks
; the size by the same amount; bpf_dynptr_trim shrinks the size only.
; expect: accept
; run: r0 = 0
; run: err = 0
; ringbuf-records: 0
.program test_advance_trim tp
.map ringbuf ringbuf max_entries=4096
.bss err 4

	r1 = ringbuf ll
	r2 = 64
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_ringbuf_reserve_dynptr
	r6 = 1
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	r2 = 10
	call bpf_dynptr_advance
	r6 = 2
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_offset
	r6 = 3
	if r0 != 10 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_size
	r6 = 4
	if r0 != 54 goto done
	r1 = r10
	r1 += -16
	r2 = 4
	call bpf_dynptr_trim
	r6 = 5
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_size
	r6 = 6
	if r0 != 50 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_offset
	r6 = 7
	if r0 != 10 goto done		; trimming leaves the offset alone
	r6 = 0
done:
	r1 = err ll
	*(u32 *)(r1 + 0) = r6
	r1 = r10
	r1 += -16
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = 0
	exit

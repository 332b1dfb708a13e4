; test_dynptr_clone: a clone starts with the parent's type, offset, size and
; read-only bit; afterwards the two views are independent (advancing the clone
; or trimming the parent changes only that one) while the bytes are shared.
; expect: accept
; packet: 00000000000000000000000008004500007b00000000000600000000000000000000000000000000000000000000500000000000007b
; run: r0 = 0
; run: err = 0
.program test_dynptr_clone tc
.bss err 4

	r2 = 0
	r3 = r10
	r3 += -16
	call bpf_dynptr_from_skb
	r6 = 1
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	r2 = r10
	r2 += -32
	r3 = 0
	call bpf_dynptr_clone
	r6 = 2
	if r0 != 0 goto done
	; same size
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_size
	r7 = r0
	r1 = r10
	r1 += -32
	call bpf_dynptr_get_size
	r6 = 3
	if r0 != r7 goto done
	; same offset
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_offset
	r8 = r0
	r1 = r10
	r1 += -32
	call bpf_dynptr_get_offset
	r6 = 4
	if r0 != r8 goto done
	; same read-only bit
	r1 = r10
	r1 += -16
	call bpf_dynptr_is_rdonly
	r8 = r0
	r1 = r10
	r1 += -32
	call bpf_dynptr_is_rdonly
	r6 = 5
	if r0 != r8 goto done
	; advancing the clone leaves the parent alone
	r1 = r10
	r1 += -32
	r2 = 4
	call bpf_dynptr_advance
	r6 = 6
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_offset
	r6 = 7
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_size
	r6 = 8
	if r0 != r7 goto done
	r1 = r10
	r1 += -32
	call bpf_dynptr_get_offset
	r6 = 9
	if r0 != 4 goto done
	; trimming the parent leaves the clone alone
	r1 = r10
	r1 += -32
	call bpf_dynptr_get_size
	r8 = r0
	r1 = r10
	r1 += -16
	r2 = 10
	call bpf_dynptr_trim
	r6 = 10
	if r0 != 0 goto done
	r1 = r10
	r1 += -32
	call bpf_dynptr_get_size
	r6 = 11
	if r0 != r8 goto done
	; byte 4 of the parent is byte 0 of the clone
	r1 = r10
	r1 += -40
	r2 = 1
	r3 = r10
	r3 += -16
	r4 = 4
	r5 = 0
	call bpf_dynptr_read
	r6 = 12
	if r0 != 0 goto done
	r1 = r10
	r1 += -48
	r2 = 1
	r3 = r10
	r3 += -32
	r4 = 0
	r5 = 0
	call bpf_dynptr_read
	r6 = 13
	if r0 != 0 goto done
	r1 = *(u8 *)(r10 - 40)
	r2 = *(u8 *)(r10 - 48)
	r6 = 14
	if r1 != r2 goto done
	r6 = 0
done:
	r1 = err ll
	*(u32 *)(r1 + 0) = r6
	r0 = 0
	exit

; test_advance_trim_err: advancing or trimming by more than the size fails with
; -ERANGE and changes nothing; advancing by exactly the size is allowed.
; expect: accept
; run: r0 = 0
; run: err = 0
.program test_advance_trim_err tp
.bss buf 32
.bss err 4

	r1 = buf ll
	r2 = 32
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_dynptr_from_mem
	r6 = 1
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	r2 = 33
	call bpf_dynptr_advance
	r6 = 2
	if r0 != -34 goto done		; -ERANGE
	r1 = r10
	r1 += -16
	r2 = 33
	call bpf_dynptr_trim
	r6 = 3
	if r0 != -34 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_offset
	r6 = 4
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_size
	r6 = 5
	if r0 != 32 goto done
	r1 = r10
	r1 += -16
	r2 = 32
	call bpf_dynptr_advance		; to the very end: size 0
	r6 = 6
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	r2 = 1
	call bpf_dynptr_advance
	r6 = 7
	if r0 != -34 goto done
	r1 = r10
	r1 += -16
	r2 = 1
	call bpf_dynptr_trim
	r6 = 8
	if r0 != -34 goto done
	r6 = 0
done:
	r1 = err ll
	*(u32 *)(r1 + 0) = r6
	r0 = 0
	exit

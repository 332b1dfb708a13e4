; dynptr_is_rdonly_invalid: bpf_dynptr_is_rdonly takes an initialized dynptr
; only. The 16 bytes at fp-16 hold two plain numbers (STACK_MISC), which is not
; a dynptr even if the bytes looked like one.
; expect: reject
; message: Expected an initialized dynptr as arg #1
.program dynptr_is_rdonly_invalid raw_tp

	r1 = 0
	*(u64 *)(r10 - 16) = r1
	r1 = 0x1000000000000010 ll
	*(u64 *)(r10 - 8) = r1
	r1 = r10
	r1 += -16
	call bpf_dynptr_is_rdonly
	r0 = 0
	exit

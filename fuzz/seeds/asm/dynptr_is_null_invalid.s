; dynptr_is_null_invalid: bpf_dynptr_is_null takes an initialized dynptr only;
; fp-16 was never written.
; expect: reject
; message: Expected an initialized dynptr as arg #1
.program dynptr_is_null_invalid raw_tp

	r1 = r10
	r1 += -16
	call bpf_dynptr_is_null
	r0 = 0
	exit

; clone_invalid1: only an initialized dynptr can be cloned; fp-16 was never
; initialized.
; expect: reject
; message: Expected an initialized dynptr as arg #1
.program clone_invalid1 raw_tp

	r1 = r10
	r1 += -16
	r2 = r10
	r2 += -32
	r3 = 0
	call bpf_dynptr_clone
	r0 = 0
	exit

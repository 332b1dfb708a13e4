; null_dynptr_arg: a dynptr argument is a pointer to the stack (or the
; iterator's dynptr), never NULL.
; expect: reject
; message: R3 type=scalar expected=fp
; upstream: reject "R3 type=scalar expected=fp, dynptr_ptr"
.program null_dynptr_arg raw_tp

	r1 = r10
	r1 += -8
	r2 = 8
	r3 = 0				; NULL
	r4 = 0
	r5 = 0
	call bpf_dynptr_read
	r0 = 0
	exit

; advance_past_end: advancing a 16-byte dynptr by 17 bytes fails with -ERANGE
; at run time; the verifier has nothing to object to.
; expect: accept
; run: r0 = -34
.program advance_past_end raw_tp
.bss buf 16

	r1 = buf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_dynptr_from_mem
	r1 = r10
	r1 += -16
	r2 = 17
	call bpf_dynptr_advance
	exit

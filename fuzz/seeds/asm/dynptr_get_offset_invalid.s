; dynptr_get_offset_invalid: bpf_dynptr_get_offset takes an initialized dynptr
; only. A local dynptr lives at fp-16; the call is given fp-32, which is not.
; expect: reject
; message: Expected an initialized dynptr as arg #1
.program dynptr_get_offset_invalid raw_tp
.bss buf 16

	r1 = buf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_dynptr_from_mem
	r1 = r10
	r1 += -32
	call bpf_dynptr_get_offset
	r0 = 0
	exit

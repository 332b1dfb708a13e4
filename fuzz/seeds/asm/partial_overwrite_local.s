; partial_overwrite_local: one byte stored over a local dynptr's first slot
; turns it into plain bytes; it is no longer a dynptr.
; expect: reject
; message: Expected an initialized dynptr as arg #1
; upstream: reject "Expected an initialized dynptr as arg #0"
.program partial_overwrite_local raw_tp
.bss buf 16

	r1 = buf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_dynptr_from_mem
	r1 = 0
	*(u8 *)(r10 - 16) = r1		; clobber the low byte of ptr->data
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = 1
	call bpf_dynptr_data
	r0 = 0
	exit

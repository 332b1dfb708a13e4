; iterator_invalid6: the dynptr a callback receives cannot be modified by
; hand: R1 is a PTR_TO_DYNPTR, not memory the program may store to.
; expect: reject
; message: invalid mem access 'dynptr_ptr'
.program iterator_invalid6 raw_tp
.bss buf 16

	r1 = buf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_dynptr_from_mem
	r1 = r10
	r1 += -16
	r2 = iterator_invalid6_cb ll
	r3 = 0
	r4 = 0
	call bpf_dynptr_iterator
	r0 = 0
	exit

iterator_invalid6_cb:
	r2 = 0
	*(u64 *)(r1 + 0) = r2		; scribble over the dynptr's data pointer
	r0 = 1
	exit

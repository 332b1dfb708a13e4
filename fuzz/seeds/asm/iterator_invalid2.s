; iterator_invalid2: bpf_dynptr_iterator cannot iterate over an uninitialized
; dynptr.
; expect: reject
; message: Expected an initialized dynptr as arg #1
.program iterator_invalid2 raw_tp

	r1 = r10
	r1 += -16
	r2 = iterator_invalid2_cb ll
	r3 = 0
	r4 = 0
	call bpf_dynptr_iterator
	r0 = 0
	exit

iterator_invalid2_cb:
	r0 = 0
	exit

; iterator_invalid7: an iterator callback returns how many bytes to advance,
; an int: the verifier requires R0 in [0, U32_MAX] at callback return.
; expect: reject
; message: At callback return the register R0 has value (0x100000000; 0x0)
.program iterator_invalid7 raw_tp
.bss buf 16

	r1 = buf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_dynptr_from_mem
	r1 = r10
	r1 += -16
	r2 = iterator_invalid7_cb ll
	r3 = 0
	r4 = 0
	call bpf_dynptr_iterator
	r0 = 0
	exit

iterator_invalid7_cb:
	r0 = 0x100000000 ll		; U32_MAX + 1
	exit

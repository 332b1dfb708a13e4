; read_dynptr_bytes: a program may not load a dynptr's bytes: they hold a
; kernel pointer.
; expect: reject
; message: invalid read from stack
; upstream: reject "invalid read from stack off -16+0 size 8"
.program read_dynptr_bytes raw_tp
.bss buf 16

	r1 = buf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_dynptr_from_mem
	r0 = *(u64 *)(r10 - 16)		; ptr->data
	exit

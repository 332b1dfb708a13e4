; clone_invalid2: the clone must be an uninitialized dynptr. Both fp-16 and
; fp-32 already hold local dynptrs over the global buffer; cloning one onto the
; other would silently lose the second.
; expect: reject
; message: Dynptr has to be an uninitialized dynptr
.program clone_invalid2 raw_tp
.bss buf 32

	r1 = buf ll
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_dynptr_from_mem
	r1 = buf ll
	r1 += 16
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -32
	call bpf_dynptr_from_mem
	r1 = r10
	r1 += -16
	r2 = r10
	r2 += -32
	r3 = 0
	call bpf_dynptr_clone
	r0 = 0
	exit

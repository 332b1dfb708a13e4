; kfunc_slice_buffer_over_dynptr: bpf_dynptr_slice's bounce buffer (14 bytes
; at fp-24) runs into the dynptr at fp-16 itself; copying a non-linear header
; there would overwrite the dynptr, so the buffer's bytes must be plain stack.
; (Found by tests/corpus/kernel-diff.py: the playground once accepted it.)
; expect: reject
; message: arg#2 arg#3 memory, len pair leads to invalid memory access
; upstream: reject "arg#2 arg#3 memory, len pair leads to invalid memory access"
.program kfunc_slice_buffer_over_dynptr xdp

	r2 = 0
	r3 = r10
	r3 += -16
	call kfunc bpf_dynptr_from_xdp
	if w0 != 0 goto drop
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = r10
	r3 += -24			; fp-24..fp-11: over the dynptr
	r4 = 14
	call bpf_dynptr_slice
	if r0 == 0 goto drop
	r0 = 2
	exit
drop:
	r0 = 1
	exit

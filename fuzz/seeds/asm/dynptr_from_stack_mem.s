; dynptr_from_stack_mem: bpf_dynptr_from_mem takes a map value (a global
; here would do) as its data, not a stack buffer.
; expect: reject
; message: Unsupported reg type fp for bpf_dynptr_from_mem data
; upstream: reject "Unsupported reg type fp for bpf_dynptr_from_mem data"
.program dynptr_from_stack_mem raw_tp

	r1 = 0
	*(u64 *)(r10 - 24) = r1
	*(u64 *)(r10 - 32) = r1
	r1 = r10
	r1 += -32
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_dynptr_from_mem
	r0 = 0
	exit

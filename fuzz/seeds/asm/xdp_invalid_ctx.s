; xdp_invalid_ctx: bpf_dynptr_from_xdp is offered only to XDP programs. A tc
; program (context: __sk_buff) asks for it.
; expect: reject
; message: unknown func bpf_dynptr_from_xdp
.program xdp_invalid_ctx tc

	r2 = 0
	r3 = r10
	r3 += -16
	call bpf_dynptr_from_xdp
	r0 = 0
	exit

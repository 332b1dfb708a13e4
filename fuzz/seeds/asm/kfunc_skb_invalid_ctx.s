; kfunc_skb_invalid_ctx: the upstream flavour of skb_invalid_ctx: the kfunc
; bpf_dynptr_from_skb is registered for skb program types only; an XDP
; program may not call it.
; expect: reject
; message: calling kernel function bpf_dynptr_from_skb is not allowed
; upstream: reject "calling kernel function bpf_dynptr_from_skb is not allowed"
.program kfunc_skb_invalid_ctx xdp

	r2 = 0
	r3 = r10
	r3 += -16
	call kfunc bpf_dynptr_from_skb
	r0 = 2
	exit

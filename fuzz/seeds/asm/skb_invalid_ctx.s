; skb_invalid_ctx: bpf_dynptr_from_skb is offered only to program types whose
; context is an sk_buff (tc, cgroup_skb). A raw tracepoint asks for it anyway.
; expect: reject
; message: unknown func bpf_dynptr_from_skb
.program skb_invalid_ctx raw_tp

	; r1 still holds the context: the tracepoint's arguments, not an skb
	r2 = 0
	r3 = r10
	r3 += -16
	call bpf_dynptr_from_skb
	r0 = 0
	exit

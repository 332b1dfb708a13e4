; kfunc_skb_slice_after_pull: the upstream flavour of skb_slice_after_pull:
; a bpf_dynptr_slice of the kfunc bpf_dynptr_from_skb's dynptr dies when
; bpf_skb_pull_data may move the packet.
; expect: reject
; message: invalid mem access 'scalar'
; upstream: reject "invalid mem access 'scalar'"
.program kfunc_skb_slice_after_pull tc

	r6 = r1
	r2 = 0
	r3 = r10
	r3 += -16
	call kfunc bpf_dynptr_from_skb
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = r10
	r3 += -32			; bounce buffer for a non-linear header
	r4 = 14
	call bpf_dynptr_slice		; the Ethernet header
	if r0 == 0 goto out
	r7 = r0
	r1 = r6
	r2 = 0
	call bpf_skb_pull_data
	r0 = *(u8 *)(r7 + 12)		; stale
	exit
out:
	r0 = 0
	exit

; skb_slice_renewed_after_pull: the fix for skb_slice_after_pull: take the
; slice again after bpf_skb_pull_data. Returns the IPv4 version/IHL byte.
; expect: accept
; packet: 00000000000000000000000008004500007b00000000000600000000000000000000000000000000000000000000500000000000007b
; run: r0 = 0x45
.program skb_slice_renewed_after_pull tc

	r6 = r1
	r2 = 0
	r3 = r10
	r3 += -16
	call bpf_dynptr_from_skb
	if r0 != 0 goto fail
	r1 = r6
	r2 = 34
	call bpf_skb_pull_data
	r1 = r10
	r1 += -16
	r2 = 14
	r3 = 1
	call bpf_dynptr_data		; a fresh slice
	if r0 == 0 goto fail
	r0 = *(u8 *)(r0 + 0)
	exit
fail:
	r0 = 0
	exit

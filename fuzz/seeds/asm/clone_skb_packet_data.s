; clone_skb_packet_data: bpf_skb_pull_data may move the packet, so every data
; slice of an skb dynptr dies with it, including slices of clones.
; expect: reject
; message: invalid mem access 'scalar'
.program clone_skb_packet_data tc

	r6 = r1
	r2 = 0
	r3 = r10
	r3 += -16
	call bpf_dynptr_from_skb
	r1 = r10
	r1 += -16
	r2 = r10
	r2 += -32
	r3 = 0
	call bpf_dynptr_clone
	r1 = r10
	r1 += -32
	r2 = 0
	r3 = 1
	call bpf_dynptr_data		; slice of the clone
	if r0 == 0 goto out
	r7 = r0
	r1 = r6
	r2 = 0
	call bpf_skb_pull_data		; changes packet data
	r0 = *(u8 *)(r7 + 0)		; R7 is a scalar now
out:
	r0 = 0
	exit

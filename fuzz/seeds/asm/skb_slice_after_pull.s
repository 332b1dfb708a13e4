; skb_slice_after_pull: bpf_skb_pull_data may reallocate the packet; the slice
; taken before it points into the old buffer and is refused afterwards.
; expect: reject
; message: invalid mem access 'scalar'
.program skb_slice_after_pull tc

	r6 = r1
	r2 = 0
	r3 = r10
	r3 += -16
	call bpf_dynptr_from_skb
	r1 = r10
	r1 += -16
	r2 = 12
	r3 = 2
	call bpf_dynptr_data		; the EtherType
	if r0 == 0 goto out
	r7 = r0
	r1 = r6
	r2 = 64
	call bpf_skb_pull_data
	r0 = *(u16 *)(r7 + 0)		; stale
	exit
out:
	r0 = 0
	exit

; skb_slice_after_dynptr_write: bpf_dynptr_write on an skb dynptr may have to
; pull or copy packet data, so it invalidates the slices of that skb.
; expect: reject
; message: invalid mem access 'scalar'
.program skb_slice_after_dynptr_write tc

	r2 = 0
	r3 = r10
	r3 += -16
	call bpf_dynptr_from_skb
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = 6
	call bpf_dynptr_data		; destination MAC
	if r0 == 0 goto out
	r7 = r0
	r1 = 0xff
	*(u8 *)(r10 - 24) = r1
	r1 = r10
	r1 += -16
	r2 = 6
	r3 = r10
	r3 += -24
	r4 = 1
	r5 = 0
	call bpf_dynptr_write		; first byte of the source MAC
	r1 = 0
	*(u8 *)(r7 + 0) = r1		; stale
out:
	r0 = 0
	exit

; skb_invalid_write: cgroup_skb programs may not write packet data, so the
; skb dynptr they get is read-only and so is every data slice of it. A store
; through such a slice is refused.
; expect: reject
; message: cannot write into rdonly_mem
.program skb_invalid_write cgroup_skb

	r2 = 0
	r3 = r10
	r3 += -16
	call bpf_dynptr_from_skb
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = 8
	call bpf_dynptr_data
	if r0 == 0 goto out
	r1 = 0
	*(u64 *)(r0 + 0) = r1		; the slice is rdonly_mem
out:
	r0 = 1
	exit

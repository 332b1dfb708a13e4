; test_skb_readonly: cgroup_skb packets are read-only, so bpf_dynptr_write on
; their skb dynptr fails with -EINVAL (SETUP_SKB_PROG: run on pkt_v4).
; expect: accept
; packet: 00000000000000000000000008004500007b00000000000600000000000000000000000000000000000000000000500000000000007b
; run: r0 = 1
; run: err = 0
.program test_skb_readonly cgroup_skb
.bss err 4

	r2 = 0
	r3 = r10
	r3 += -16
	call bpf_dynptr_from_skb
	r6 = 1
	if r0 != 0 goto done
	r1 = 0x0201
	*(u16 *)(r10 - 24) = r1
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = r10
	r3 += -24
	r4 = 2
	r5 = 0
	call bpf_dynptr_write
	r6 = 2
	if r0 != -22 goto done		; -EINVAL: the dynptr is read-only
	r6 = 0
done:
	r1 = err ll
	*(u32 *)(r1 + 0) = r6
	r0 = 1
	exit

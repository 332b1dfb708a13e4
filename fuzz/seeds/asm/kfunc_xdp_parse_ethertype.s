; kfunc_xdp_parse_ethertype: the upstream flavour of xdp_parse_ethertype: the
; kfunc bpf_dynptr_from_xdp and a bpf_dynptr_slice of the Ethernet header
; (with a stack bounce buffer for packets whose header is not linear).
; expect: accept
; packet: 00000000000000000000000008004500007b00000000000600000000000000000000000000000000000000000000500000000000007b
; run: r0 = 2
; upstream: accept
.program kfunc_xdp_parse_ethertype xdp

	r2 = 0
	r3 = r10
	r3 += -16
	call kfunc bpf_dynptr_from_xdp
	if w0 != 0 goto drop
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = r10
	r3 += -32
	r4 = 14
	call bpf_dynptr_slice
	if r0 == 0 goto drop
	r1 = *(u16 *)(r0 + 12)
	if r1 != 0x8 goto drop		; htons(ETH_P_IP), read little-endian
	r0 = 2				; XDP_PASS
	exit
drop:
	r0 = 1				; XDP_DROP
	exit

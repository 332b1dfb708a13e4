; xdp_parse_ethertype: read the EtherType of the packet through an xdp dynptr
; with bpf_dynptr_read, and pass IPv4, drop the rest.
; expect: accept
; packet: 00000000000000000000000008004500007b00000000000600000000000000000000000000000000000000000000500000000000007b
; run: r0 = 2
.program xdp_parse_ethertype xdp

	r2 = 0
	r3 = r10
	r3 += -16
	call bpf_dynptr_from_xdp
	if r0 != 0 goto drop
	r1 = r10
	r1 += -24
	r2 = 2
	r3 = r10
	r3 += -16
	r4 = 12
	r5 = 0
	call bpf_dynptr_read
	if r0 != 0 goto drop
	r1 = *(u16 *)(r10 - 24)
	if r1 != 0x8 goto drop		; htons(ETH_P_IP), read little-endian
	r0 = 2				; XDP_PASS
	exit
drop:
	r0 = 1				; XDP_DROP
	exit

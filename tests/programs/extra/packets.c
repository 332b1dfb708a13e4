// SPDX-License-Identifier: GPL-2.0
/* skb and xdp dynptrs (the series' helpers 212 and 213): slices die when the
 * packet may move. Assembly versions: tests/corpus/extra/<name>.s.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_series.h"

char _license[] SEC("license") = "GPL";

/* expect: reject "invalid mem access 'scalar'" */
SEC("?tc")
int skb_slice_after_pull(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	volatile __u16 *eth_proto;

	bpf_dynptr_from_skb(skb, 0, &ptr);
	eth_proto = bpf_dynptr_data(&ptr, 12, sizeof(*eth_proto));
	if (!eth_proto)
		return 0;
	bpf_skb_pull_data(skb, 64);
	/* stale */
	return *eth_proto;
}

/* expect: reject "invalid mem access 'scalar'" */
SEC("?tc")
int skb_slice_after_dynptr_write(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	volatile __u8 *dst_mac;
	__u8 byte = 0xff;

	bpf_dynptr_from_skb(skb, 0, &ptr);
	dst_mac = bpf_dynptr_data(&ptr, 0, 6);
	if (!dst_mac)
		return 0;
	bpf_dynptr_write(&ptr, 6, &byte, 1, 0);
	/* stale */
	dst_mac[0] = 0;
	return 0;
}

/* expect: reject "invalid mem access 'scalar'" */
SEC("?xdp")
int xdp_slice_after_adjust_head(struct xdp_md *xdp)
{
	struct bpf_dynptr ptr;
	volatile __u8 *eth;

	bpf_dynptr_from_xdp(xdp, 0, &ptr);
	eth = bpf_dynptr_data(&ptr, 0, 14);
	if (!eth)
		return XDP_PASS;
	/* strip the Ethernet header */
	bpf_xdp_adjust_head(xdp, 14);
	/* stale */
	eth[13];
	return XDP_PASS;
}

/* expect: accept; packet: pkt_v4; run: r0 = 2 */
SEC("?xdp")
int xdp_parse_ethertype(struct xdp_md *xdp)
{
	struct bpf_dynptr ptr;
	__u16 proto;

	if (bpf_dynptr_from_xdp(xdp, 0, &ptr))
		return XDP_DROP;
	if (bpf_dynptr_read(&proto, sizeof(proto), &ptr, 12, 0))
		return XDP_DROP;
	/* htons(ETH_P_IP) */
	if (proto != 0x0008)
		return XDP_DROP;
	return XDP_PASS;
}

/* expect: accept; packet: pkt_v4; run: r0 = 0x45 */
SEC("?tc")
int skb_slice_renewed_after_pull(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u8 *ver_ihl;

	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return 0;
	bpf_skb_pull_data(skb, 34);
	/* a fresh slice after the pull */
	ver_ihl = bpf_dynptr_data(&ptr, 14, 1);
	if (!ver_ihl)
		return 0;
	return *ver_ihl;
}

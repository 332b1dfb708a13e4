/* Lesson: helpers vs kfuncs (2/2) - the same XDP parser with upstream kfuncs.
 *
 * Line for line the program of xdp_parse_series.c, written with the
 * kfuncs Linux merged (6.4) instead of the series' helpers:
 *
 *   bpf_dynptr_from_xdp (helper 213)  ->  bpf_dynptr_from_xdp (kfunc)
 *   bpf_dynptr_advance(p, n)          ->  bpf_dynptr_adjust(p, n, size(p))
 *   bpf_dynptr_data(p, 0, len)        ->  bpf_dynptr_slice(p, 0, buf, len)
 *
 * A kfunc is declared `extern ... __ksym` (dynptr_kfuncs.h); clang emits
 * `call -1` with a relocation, and the loader patches in the function's
 * BTF id: the bytecode says src_reg = BPF_PSEUDO_KFUNC_CALL. adjust takes
 * a start and an end, so "advance" needs the size first. bpf_dynptr_slice
 * takes a stack buffer: when the bytes are not contiguous (an XDP fragment)
 * it copies them there and returns the buffer, where bpf_dynptr_data would
 * have returned NULL. It returns NULL only when the bytes do not exist.
 *
 * Verified under the 6.18 profile, and loads into a real Linux 6.18: with
 * the default packet (UDP to port 53) it returns XDP_DROP (1).
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dynptr_kfuncs.h"

char _license[] SEC("license") = "GPL";

__u64 dns_dropped;

SEC("xdp")
int xdp_parse_kfuncs(struct xdp_md *ctx)
{
	struct bpf_dynptr pkt;
	struct ethhdr *eth, eth_buf;
	struct iphdr *ip, ip_buf;
	struct udphdr *udp, udp_buf;

	if (bpf_dynptr_from_xdp(ctx, 0, &pkt))
		return XDP_PASS;

	/* NULL only when the packet is shorter than the header */
	eth = bpf_dynptr_slice(&pkt, 0, &eth_buf, sizeof(eth_buf));
	if (!eth || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;

	/* no advance: adjust to [start, end) of the current view */
	if (bpf_dynptr_adjust(&pkt, sizeof(*eth), bpf_dynptr_size(&pkt)))
		return XDP_PASS;
	ip = bpf_dynptr_slice(&pkt, 0, &ip_buf, sizeof(ip_buf));
	if (!ip || ip->protocol != IPPROTO_UDP)
		return XDP_PASS;

	/* a run-time distance (20 to 60 bytes): no bounds proof needed */
	if (bpf_dynptr_adjust(&pkt, ip->ihl * 4, bpf_dynptr_size(&pkt)))
		return XDP_PASS;
	udp = bpf_dynptr_slice(&pkt, 0, &udp_buf, sizeof(udp_buf));
	if (!udp || udp->dest != bpf_htons(53))
		return XDP_PASS;

	dns_dropped++;
	return XDP_DROP;
}

/* Lesson: helpers vs kfuncs (1/2) - an XDP parser with the series' helpers.
 *
 * Drops UDP packets to port 53 and counts them, walking the headers with
 * the packet dynptr as a cursor: bpf_dynptr_advance() moves the dynptr's
 * start past each header, and bpf_dynptr_data() gives a pointer to the
 * next one, checked by the helper at run time rather than by comparisons
 * against data_end. The IPv4 header's length (ihl) is only known at run
 * time, and a dynptr does not care: advance takes any value, and fails
 * with -ERANGE past the end of the packet.
 *
 * The helpers are numbered calls of the stable UAPI: bpf_dynptr_from_xdp is
 * `call 213`, bpf_dynptr_advance `call 214` (see dynptr_series.h). Such a
 * program loads only into a kernel with the series, never merged; the
 * page verifies it under the `series` profile. Its pair, xdp_parse_kfuncs.c,
 * is the same parser with the kfuncs Linux merged instead: compare the
 * encodings (call 214 vs call -1 with a relocation), the logs and the runs.
 *
 * Look at: the Dynptrs panel (the window over the packet moves right at
 * each advance), the Packet panel, and the global `dns_dropped`.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dynptr_series.h"

char _license[] SEC("license") = "GPL";

__u64 dns_dropped;

SEC("xdp")
int xdp_parse_series(struct xdp_md *ctx)
{
	struct bpf_dynptr pkt;
	struct ethhdr *eth;
	struct iphdr *ip;
	struct udphdr *udp;

	if (bpf_dynptr_from_xdp(ctx, 0, &pkt))
		return XDP_PASS;

	/* NULL when the packet is shorter than the header */
	eth = bpf_dynptr_data(&pkt, 0, sizeof(*eth));
	if (!eth || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;

	/* the cursor moves: offset 0 of `pkt` is now the IPv4 header */
	if (bpf_dynptr_advance(&pkt, sizeof(*eth)))
		return XDP_PASS;
	ip = bpf_dynptr_data(&pkt, 0, sizeof(*ip));
	if (!ip || ip->protocol != IPPROTO_UDP)
		return XDP_PASS;

	/* a run-time distance (20 to 60 bytes): no bounds proof needed */
	if (bpf_dynptr_advance(&pkt, ip->ihl * 4))
		return XDP_PASS;
	udp = bpf_dynptr_data(&pkt, 0, sizeof(*udp));
	if (!udp || udp->dest != bpf_htons(53))
		return XDP_PASS;

	dns_dropped++;
	return XDP_DROP;
}

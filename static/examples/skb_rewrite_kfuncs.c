/* Lesson: helpers vs kfuncs (2/2) - rewriting an skb with bpf_dynptr_slice_rdwr.
 *
 * Redirects DNS to a local resolver port: UDP packets to port 53 leave with
 * destination port 5353. bpf_dynptr_from_skb() wraps the socket buffer;
 * bpf_dynptr_slice_rdwr() returns a writable pointer to the UDP header.
 *
 * The catch the kfunc's contract carries: the `buffer` argument. When the
 * header lies in the skb's linear data, the slice points into the packet
 * and a store through it changes the packet. When it does not (paged
 * data), the kfunc copies the bytes into `buffer` and returns `buffer`:
 * a store then changes only the copy, and bpf_dynptr_write() must put it
 * back. Checking `udp == &udp_buf` covers both cases.
 *
 * The UDP checksum of the default packet is 0 (none, allowed over IPv4),
 * so no checksum needs fixing; a real program would call
 * bpf_l4_csum_replace().
 *
 * Verified under the 6.18 profile; in a real Linux 6.18 (BPF_PROG_TEST_RUN
 * with the default packet) it returns TC_ACT_OK and the packet leaves with
 * port 0x14e9 (5353). Look at: the Packet panel, bytes 36-37.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dynptr_kfuncs.h"

char _license[] SEC("license") = "GPL";

SEC("tc")
int skb_rewrite_kfuncs(struct __sk_buff *skb)
{
	struct bpf_dynptr pkt;
	struct ethhdr *eth, eth_buf;
	struct iphdr *ip, ip_buf;
	struct udphdr *udp, udp_buf;
	__u32 off;

	if (bpf_dynptr_from_skb(skb, 0, &pkt))
		return TC_ACT_OK;
	eth = bpf_dynptr_slice(&pkt, 0, &eth_buf, sizeof(eth_buf));
	if (!eth || eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	ip = bpf_dynptr_slice(&pkt, sizeof(*eth), &ip_buf, sizeof(ip_buf));
	if (!ip || ip->protocol != IPPROTO_UDP)
		return TC_ACT_OK;

	off = sizeof(*eth) + ip->ihl * 4;
	/* writable this time: rdwr */
	udp = bpf_dynptr_slice_rdwr(&pkt, off, &udp_buf, sizeof(udp_buf));
	if (!udp || udp->dest != bpf_htons(53))
		return TC_ACT_OK;
	udp->dest = bpf_htons(5353);
	/* the bytes were copied, not mapped: write the copy back */
	if (udp == &udp_buf)
		bpf_dynptr_write(&pkt, off, &udp_buf, sizeof(udp_buf), 0);
	return TC_ACT_OK;
}

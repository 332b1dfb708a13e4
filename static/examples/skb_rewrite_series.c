/* Lesson: helpers vs kfuncs (1/2) - rewriting an skb with the series' helpers.
 *
 * Redirects DNS to a local resolver port: UDP packets to port 53 leave with
 * destination port 5353. bpf_dynptr_from_skb() (the series' helper 212)
 * wraps the socket buffer, bpf_dynptr_read() copies the headers out, and
 * bpf_dynptr_data() returns a writable pointer into the packet, or NULL
 * when the bytes are not in the skb's linear data: then the program falls
 * back to bpf_dynptr_write(), which writes anywhere in the packet.
 *
 * Compare with skb_rewrite_kfuncs.c, the upstream version: there
 * bpf_dynptr_slice_rdwr() takes a buffer and never fails for bytes that
 * exist, and the program checks whether it got the buffer back instead.
 * In both, a data slice into an skb dies when the packet can move
 * (bpf_skb_pull_data and friends): see rej_clone_skb_packet_data.s.
 *
 * The UDP checksum of the default packet is 0 (none, allowed over IPv4),
 * so no checksum needs fixing.
 *
 * Verified under the `series` profile. Look at: the Packet panel, bytes
 * 36-37 become 14 e9 (5353).
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dynptr_series.h"

char _license[] SEC("license") = "GPL";

SEC("tc")
int skb_rewrite_series(struct __sk_buff *skb)
{
	struct bpf_dynptr pkt;
	struct ethhdr eth;
	struct iphdr ip;
	__u16 *dport, port = bpf_htons(5353);
	__u32 off;

	if (bpf_dynptr_from_skb(skb, 0, &pkt))
		return TC_ACT_OK;
	/* copies: they fail (-E2BIG) on a packet too short */
	if (bpf_dynptr_read(&eth, sizeof(eth), &pkt, 0, 0) ||
	    eth.h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	if (bpf_dynptr_read(&ip, sizeof(ip), &pkt, sizeof(eth), 0) ||
	    ip.protocol != IPPROTO_UDP)
		return TC_ACT_OK;

	/* the destination port: 2 bytes into the UDP header */
	off = sizeof(eth) + ip.ihl * 4 + offsetof(struct udphdr, dest);
	dport = bpf_dynptr_data(&pkt, off, sizeof(*dport));
	if (dport) {
		/* in the linear data: store through the slice */
		if (*dport == bpf_htons(53))
			*dport = port;
		return TC_ACT_OK;
	}
	/* not linear (or not there): read and write through the dynptr */
	if (bpf_dynptr_read(&port, sizeof(port), &pkt, off, 0) ||
	    port != bpf_htons(53))
		return TC_ACT_OK;
	port = bpf_htons(5353);
	bpf_dynptr_write(&pkt, off, &port, sizeof(port), 0);
	return TC_ACT_OK;
}

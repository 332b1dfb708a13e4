// Upstream-only tc programs over bpf_dynptr_from_skb and the dynptr kfuncs
// (see xdp_dynptr.c for how they are used).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

/* bpf_dynptr_read / bpf_dynptr_write on an skb dynptr: copies the source
 * MAC over the destination MAC; returns the write's and a too-long read's
 * results. */
SEC("tc")
int skb_read_write(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u8 mac[6];
	long w, r;

	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return -1;
	if (bpf_dynptr_read(mac, sizeof(mac), &ptr, 6, 0))
		return -2;
	w = bpf_dynptr_write(&ptr, 0, mac, sizeof(mac), 0);
	r = bpf_dynptr_read(mac, sizeof(mac), &ptr, skb->len - 2, 0);
	return (int)(w * 1000 + r);
}

/* The bpf_dynptr_data helper on an skb dynptr: upstream gives NULL (only
 * slices reach packet memory), whatever the offset. */
SEC("tc")
int skb_dynptr_data(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u8 *p;

	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return -1;
	p = bpf_dynptr_data(&ptr, 0, 4);
	if (!p)
		return 7;
	return p[0];
}

/* The IPv4 TTL, decremented through a read-write slice. */
SEC("tc")
int skb_slice_rdwr_ttl(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u8 buf[20] = {};
	__u8 *ip;

	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return -1;
	ip = bpf_dynptr_slice_rdwr(&ptr, 14, buf, sizeof(buf));
	if (!ip)
		return -2;
	ip[8] -= 1;
	return ip[8];
}

/* Rejected: bpf_skb_pull_data may move the packet, so the slice taken
 * before it is invalid afterwards. */
SEC("tc")
int skb_bad_slice_after_pull(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u8 buf[4] = {};
	volatile __u8 *p;

	bpf_dynptr_from_skb(skb, 0, &ptr);
	p = bpf_dynptr_slice(&ptr, 0, buf, sizeof(buf));
	if (!p)
		return 0;
	bpf_skb_pull_data(skb, 0);
	return p[0];
}

/* A size the verifier cannot bound, for a slice's buffer: since Linux 6.3
 * the size register is checked as a memory size first ("R4 unbounded memory
 * access ..." and "arg#2 arg#3 memory, len pair leads to invalid memory
 * access"), before "must be a known constant". */
__u32 slice_len;

SEC("tc")
int skb_bad_slice_unbounded_len(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u8 buf[16] = {};
	__u8 *p;

	bpf_dynptr_from_skb(skb, 0, &ptr);
	p = bpf_dynptr_slice(&ptr, 0, buf, slice_len);
	return p ? p[0] : 0;
}

/* A bounded but variable size: "R4 must be a known constant". */
SEC("tc")
int skb_bad_slice_variable_len(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u8 buf[16] = {};
	__u8 *p;

	bpf_dynptr_from_skb(skb, 0, &ptr);
	p = bpf_dynptr_slice(&ptr, 0, buf, slice_len & 7);
	return p ? p[0] : 0;
}

char LICENSE[] SEC("license") = "GPL";

// Upstream-only cgroup_skb programs: the skb dynptr of a program type that
// may not write packet data is read-only (see xdp_dynptr.c for how these
// programs are used). cgroup_skb must return 0 or 1, so results go to a
// global.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

long results[4];

/* is_rdonly is true; bpf_dynptr_write fails; reading and slicing work. */
SEC("cgroup_skb/egress")
int cgroup_rdonly_dynptr(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u8 b = 0x55, buf[2] = {};
	__u8 *p;

	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return 1;
	results[0] = bpf_dynptr_is_rdonly(&ptr) ? 1 : 2;
	results[1] = bpf_dynptr_write(&ptr, 0, &b, 1, 0);
	results[2] = bpf_dynptr_read(&b, 1, &ptr, 9, 0);
	p = bpf_dynptr_slice(&ptr, 12, buf, sizeof(buf));
	results[3] = p ? (p[0] << 8 | p[1]) : -1;
	return 1;
}

/* Rejected: a read-write slice in a program that may not write packets. */
SEC("cgroup_skb/egress")
int cgroup_bad_slice_rdwr(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u8 buf[2] = {};
	__u8 *p;

	bpf_dynptr_from_skb(skb, 0, &ptr);
	p = bpf_dynptr_slice_rdwr(&ptr, 0, buf, sizeof(buf));
	if (p)
		p[0] = 1;
	return 1;
}

char LICENSE[] SEC("license") = "GPL";

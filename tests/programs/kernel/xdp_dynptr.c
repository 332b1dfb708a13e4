// Upstream-only xdp programs over bpf_dynptr_from_xdp and the dynptr kfuncs,
// loaded into the running kernel and into the playground by
// tests/kernel_compare.rs. Accepted programs return a value computed from
// the packet; rejected ones break one verifier rule each.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

/* The ethertype through a read-only slice: 0x0800 for the test packet. */
SEC("xdp")
int xdp_slice_ethertype(struct xdp_md *ctx)
{
	struct bpf_dynptr ptr;
	__u8 buf[2] = {};
	__u8 *p;

	if (bpf_dynptr_from_xdp(ctx, 0, &ptr))
		return 100;
	p = bpf_dynptr_slice(&ptr, 12, buf, sizeof(buf));
	if (!p)
		return 101;
	return (p[0] << 8) | p[1];
}

/* Size of the whole packet, then of a window [6, 20), then the error of
 * moving its start past its end, encoded in one return value. */
SEC("xdp")
int xdp_adjust_size(struct xdp_md *ctx)
{
	struct bpf_dynptr ptr;
	__u32 whole, window;
	int bad;

	if (bpf_dynptr_from_xdp(ctx, 0, &ptr))
		return 1;
	whole = bpf_dynptr_size(&ptr);
	if (bpf_dynptr_adjust(&ptr, 6, 20))
		return 2;
	window = bpf_dynptr_size(&ptr);
	bad = bpf_dynptr_adjust(&ptr, 15, 14);
	return whole * 10000 + window * 100 + (-bad);
}

/* A clone keeps its own window: adjusting it leaves the original alone. */
SEC("xdp")
int xdp_clone_adjust(struct xdp_md *ctx)
{
	struct bpf_dynptr ptr, clone;
	__u8 buf[1] = {};
	__u8 *p;

	if (bpf_dynptr_from_xdp(ctx, 0, &ptr))
		return 1;
	if (bpf_dynptr_clone(&ptr, &clone))
		return 2;
	if (bpf_dynptr_adjust(&clone, 14, 30))
		return 3;
	p = bpf_dynptr_slice(&clone, 0, buf, sizeof(buf));
	if (!p)
		return 4;
	/* The IPv4 version/IHL byte, the clone's size and the original's. */
	return (*p << 16) | (bpf_dynptr_size(&clone) << 8) | bpf_dynptr_size(&ptr);
}

/* After bpf_xdp_adjust_head moves the packet start by 14 bytes, the
 * dynptr made before reads from the new start (the IPv4 header) and keeps
 * its size; a read that fits the old size but not the new packet fails. */
SEC("xdp")
int xdp_dynptr_after_adjust_head(struct xdp_md *ctx)
{
	struct bpf_dynptr ptr;
	__u8 b[2] = {};
	long err;

	if (bpf_dynptr_from_xdp(ctx, 0, &ptr))
		return 1;
	if (bpf_xdp_adjust_head(ctx, 14))
		return 2;
	if (bpf_dynptr_read(b, sizeof(b), &ptr, 0, 0))
		return 3;
	err = bpf_dynptr_read(b, 1, &ptr, bpf_dynptr_size(&ptr) - 2, 0);
	return (b[0] << 24) | (bpf_dynptr_size(&ptr) << 8) | (-err & 0xff);
}

/* Rejected: bpf_dynptr_slice returns read-only memory. */
SEC("xdp")
int xdp_bad_write_rdonly_slice(struct xdp_md *ctx)
{
	struct bpf_dynptr ptr;
	__u8 buf[4] = {};
	__u8 *p;

	bpf_dynptr_from_xdp(ctx, 0, &ptr);
	p = bpf_dynptr_slice(&ptr, 0, buf, sizeof(buf));
	if (!p)
		return 0;
	*(volatile __u8 *)p = 1;
	return 0;
}

/* Rejected: reads one byte past the end of a 4-byte slice. */
SEC("xdp")
int xdp_bad_slice_oob(struct xdp_md *ctx)
{
	struct bpf_dynptr ptr;
	__u8 buf[4] = {};
	volatile __u8 *p;

	bpf_dynptr_from_xdp(ctx, 0, &ptr);
	p = bpf_dynptr_slice(&ptr, 0, buf, sizeof(buf));
	if (!p)
		return 0;
	return p[4];
}

/* Rejected: bpf_dynptr_from_skb is not available to xdp programs. */
SEC("xdp")
int xdp_bad_from_skb(struct xdp_md *ctx)
{
	struct bpf_dynptr ptr;

	bpf_dynptr_from_skb((struct __sk_buff *)ctx, 0, &ptr);
	return bpf_dynptr_size(&ptr);
}

char LICENSE[] SEC("license") = "GPL";

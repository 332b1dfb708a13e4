// bpf_dynptr_from_skb_meta (Linux 6.18): a dynptr over the metadata area in
// front of an skb's packet. BPF_PROG_TEST_RUN gives a tc program no
// metadata, so the dynptr is empty there; the verifier's rules are the same
// whatever its size.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

extern int bpf_dynptr_from_skb_meta(struct __sk_buff *skb, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym;

/* The size of the metadata area, and bpf_dynptr_data's NULL on it. */
SEC("tc")
int meta_size_and_data(struct __sk_buff *skb)
{
	struct bpf_dynptr meta;

	if (bpf_dynptr_from_skb_meta(skb, 0, &meta))
		return -1;
	if (bpf_dynptr_data(&meta, 0, 1))
		return -2;
	return bpf_dynptr_size(&meta) + 100 * bpf_dynptr_is_rdonly(&meta);
}

/* Non-zero flags: -EINVAL and a null dynptr. */
SEC("tc")
int meta_bad_flags(struct __sk_buff *skb)
{
	struct bpf_dynptr meta;
	long r = bpf_dynptr_from_skb_meta(skb, 1, &meta);

	return r * 10 + bpf_dynptr_is_null(&meta);
}

/* A read past the (empty) area fails. */
SEC("tc")
int meta_read(struct __sk_buff *skb)
{
	struct bpf_dynptr meta;
	__u8 b[4];

	bpf_dynptr_from_skb_meta(skb, 0, &meta);
	return bpf_dynptr_read(b, sizeof(b), &meta, 0, 0);
}

/* A slice of the metadata: NULL when it does not fit. */
SEC("tc")
int meta_slice(struct __sk_buff *skb)
{
	struct bpf_dynptr meta;
	__u8 *md;

	bpf_dynptr_from_skb_meta(skb, 0, &meta);
	md = bpf_dynptr_slice(&meta, 0, NULL, 1);
	if (!md)
		return 3;
	return *md;
}

/* Rejected: bpf_dynptr_slice gives read-only memory. */
SEC("tc")
int meta_slice_write(struct __sk_buff *skb)
{
	struct bpf_dynptr meta;
	__u8 *md;

	bpf_dynptr_from_skb_meta(skb, 0, &meta);
	md = bpf_dynptr_slice(&meta, 0, NULL, 1);
	if (!md)
		return 0;
	*md = 1;
	return 0;
}

/* Rejected: one byte was asked for, the second is outside. */
SEC("tc")
int meta_slice_past_end(struct __sk_buff *skb)
{
	struct bpf_dynptr meta;
	__u8 *md;

	bpf_dynptr_from_skb_meta(skb, 0, &meta);
	md = bpf_dynptr_slice_rdwr(&meta, 0, NULL, 1);
	if (!md)
		return 0;
	md[1] = 1;
	return 0;
}

/* Rejected: bpf_skb_pull_data may move the packet and its metadata. */
SEC("tc")
int meta_slice_after_pull(struct __sk_buff *skb)
{
	struct bpf_dynptr meta;
	__u8 *md;

	bpf_dynptr_from_skb_meta(skb, 0, &meta);
	md = bpf_dynptr_slice_rdwr(&meta, 0, NULL, 1);
	if (!md)
		return 0;
	bpf_skb_pull_data(skb, 0);
	return *md;
}

/* Rejected: a write to the packet's dynptr invalidates metadata slices. */
SEC("tc")
int meta_slice_after_skb_write(struct __sk_buff *skb)
{
	struct bpf_dynptr data, meta;
	__u8 b = 1, *md;

	bpf_dynptr_from_skb(skb, 0, &data);
	bpf_dynptr_from_skb_meta(skb, 0, &meta);
	md = bpf_dynptr_slice(&meta, 0, NULL, 1);
	if (!md)
		return 0;
	bpf_dynptr_write(&data, 0, &b, 1, 0);
	return *md;
}

/* Rejected: a write to the metadata invalidates packet slices. */
SEC("tc")
int data_slice_after_meta_write(struct __sk_buff *skb)
{
	struct bpf_dynptr data, meta;
	__u8 b = 1, buf[2], *p;

	bpf_dynptr_from_skb(skb, 0, &data);
	bpf_dynptr_from_skb_meta(skb, 0, &meta);
	p = bpf_dynptr_slice(&data, 0, buf, 2);
	if (!p)
		return 0;
	bpf_dynptr_write(&meta, 0, &b, 1, 0);
	return *p;
}

/* Rejected: only tc programs may make metadata dynptrs. */
SEC("xdp")
int meta_in_xdp(struct xdp_md *xdp)
{
	struct bpf_dynptr meta;

	return bpf_dynptr_from_skb_meta((struct __sk_buff *)xdp, 0, &meta);
}

char LICENSE[] SEC("license") = "GPL";

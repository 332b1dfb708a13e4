// SPDX-License-Identifier: GPL-2.0
/* The upstream kfunc flavour: bpf_dynptr_slice / _rdwr, bpf_dynptr_adjust,
 * bpf_dynptr_size, bpf_dynptr_clone (no offset), bpf_iter_num_*. Only upstream
 * helpers and kfuncs: these load on a current kernel. Assembly versions:
 * tests/corpus/extra/<name>.s.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

#define EINVAL 22
#define ERANGE 34

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ringbuf SEC(".maps");

/* expect: reject "invalid mem access 'rdonly_mem_or_null'"; upstream: reject "R0 invalid mem access 'rdonly_mem_or_null'" */
SEC("?raw_tp")
int kfunc_slice_missing_null_check(void *ctx)
{
	struct bpf_dynptr ptr;
	__u64 *data, value;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	data = bpf_dynptr_slice(&ptr, 0, NULL, sizeof(*data));
	/* no NULL check */
	value = *data;
	bpf_ringbuf_discard_dynptr(&ptr, 0);
	return value;
}

/* expect: reject "cannot write into rdonly_mem"; upstream: reject "R0 cannot write into rdonly_mem" */
SEC("?raw_tp")
int kfunc_slice_write_rdonly(void *ctx)
{
	struct bpf_dynptr ptr;
	__u64 *data;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	data = bpf_dynptr_slice(&ptr, 0, NULL, sizeof(*data));
	if (data)
		/* read-only: bpf_dynptr_slice_rdwr is the writable one */
		*data = 1;
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}

/* Upstream offers bpf_dynptr_slice_rdwr only to program types that may write
 * packet data (it says "the prog does not allow writes to packet data" to a
 * raw tracepoint), hence tc here.
 * expect: accept; packet: pkt_v4; run: r0 = 0; ringbuf-records: 1; upstream: accept
 */
SEC("?tc")
int kfunc_slice_rdwr(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u64 *data;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	data = bpf_dynptr_slice_rdwr(&ptr, 0, NULL, 16);
	if (!data) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		return 1;
	}
	data[0] = 0x1122334455667788ULL;
	data[1] = 42;
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}

/* expect: accept; run: r0 = 0; ringbuf-records: 0; upstream: accept */
SEC("?raw_tp")
int kfunc_adjust(void *ctx)
{
	struct bpf_dynptr ptr;
	int ret;

	ret = 1;
	if (bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr))
		goto out;
	ret = 2;
	if (bpf_dynptr_adjust(&ptr, 4, 12))
		goto out;
	ret = 3;
	if (bpf_dynptr_size(&ptr) != 8)
		goto out;
	/* start > end */
	ret = 4;
	if (bpf_dynptr_adjust(&ptr, 6, 2) != -EINVAL)
		goto out;
	/* end > size */
	ret = 5;
	if (bpf_dynptr_adjust(&ptr, 0, 9) != -ERANGE)
		goto out;
	ret = 6;
	if (bpf_dynptr_size(&ptr) != 8)
		goto out;
	ret = 0;
out:
	bpf_ringbuf_discard_dynptr(&ptr, 0);
	return ret;
}

/* expect: accept; run: r0 = 0; ringbuf-records: 1; upstream: accept */
SEC("?raw_tp")
int kfunc_clone_submit(void *ctx)
{
	struct bpf_dynptr ptr, clone;
	__u64 value = 0x0807060504030201ULL;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, &ptr);
	bpf_dynptr_clone(&ptr, &clone);
	bpf_dynptr_write(&clone, 0, &value, sizeof(value), 0);
	/* releases the parent too */
	bpf_ringbuf_submit_dynptr(&clone, 0);
	return 0;
}

/* expect: accept; run: r0 = 45; upstream: accept */
SEC("?raw_tp")
int iter_num_sum(void *ctx)
{
	struct bpf_iter_num it;
	int *v, sum = 0;

	bpf_iter_num_new(&it, 0, 10);
	while ((v = bpf_iter_num_next(&it)))
		sum += *v;
	bpf_iter_num_destroy(&it);
	return sum;
}

/* expect: reject "Unreleased reference id=1"; upstream: reject "Unreleased reference id=1" */
SEC("?raw_tp")
int iter_num_missing_destroy(void *ctx)
{
	struct bpf_iter_num it;

	bpf_iter_num_new(&it, 0, 3);
	bpf_iter_num_next(&it);
	return 0;
}

/* expect: reject "invalid mem access 'scalar'"; upstream: reject "invalid mem access 'scalar'" */
SEC("?tc")
int kfunc_skb_slice_after_pull(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u8 buf[14];
	volatile __u8 *eth;

	bpf_dynptr_from_skb(skb, 0, &ptr);
	eth = bpf_dynptr_slice(&ptr, 0, buf, sizeof(buf));
	if (!eth)
		return 0;
	bpf_skb_pull_data(skb, 0);
	/* stale */
	return eth[12];
}

/* expect: accept; packet: pkt_v4; run: r0 = 2; upstream: accept */
SEC("?xdp")
int kfunc_xdp_parse_ethertype(struct xdp_md *xdp)
{
	struct bpf_dynptr ptr;
	__u8 buf[14];
	__u8 *eth;

	if (bpf_dynptr_from_xdp(xdp, 0, &ptr))
		return XDP_DROP;
	/* the bounce buffer serves packets whose header is not linear */
	eth = bpf_dynptr_slice(&ptr, 0, buf, sizeof(buf));
	if (!eth)
		return XDP_DROP;
	/* htons(ETH_P_IP) */
	if (*(__u16 *)(eth + 12) != 0x0008)
		return XDP_DROP;
	return XDP_PASS;
}

/* expect: reject "calling kernel function bpf_dynptr_from_skb is not allowed"; upstream: reject "calling kernel function bpf_dynptr_from_skb is not allowed" */
SEC("?xdp")
int kfunc_skb_invalid_ctx(struct xdp_md *xdp)
{
	struct bpf_dynptr ptr;

	bpf_dynptr_from_skb((struct __sk_buff *)xdp, 0, &ptr);
	return XDP_PASS;
}

/* Found by tests/corpus/kernel-diff.py: the playground once accepted it.
 * expect: reject "arg#2 arg#3 memory, len pair leads to invalid memory access"; upstream: reject "arg#2 arg#3 memory, len pair leads to invalid memory access"
 */
SEC("?xdp")
int kfunc_slice_buffer_over_dynptr(struct xdp_md *xdp)
{
	struct {
		__u8 pad[8];
		struct bpf_dynptr ptr;
	} s;

	if (bpf_dynptr_from_xdp(xdp, 0, &s.ptr))
		return XDP_DROP;
	/* the 14-byte bounce buffer runs into the dynptr */
	if (!bpf_dynptr_slice(&s.ptr, 0, s.pad, 14))
		return XDP_DROP;
	return XDP_PASS;
}

// SPDX-License-Identifier: GPL-2.0
/* The failing selftests of patch 6 of the dynptr convenience helpers series
 * (and the older ones its table keeps), written from each test's description.
 * One program per test, named as the test; the comment before each program
 * gives the verdict and the verifier message the corpus harness expects.
 * The same programs exist as assembly in tests/corpus/spec/<name>.s.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_series.h"

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ringbuf SEC(".maps");

char buf[32];

/* expect: reject "unknown func bpf_dynptr_from_skb" */
SEC("?raw_tp")
int skb_invalid_ctx(void *ctx)
{
	struct bpf_dynptr ptr;

	/* a raw tracepoint's context is not an sk_buff */
	bpf_dynptr_from_skb(ctx, 0, &ptr);
	return 0;
}

/* expect: reject "unknown func bpf_dynptr_from_xdp" */
SEC("?tc")
int xdp_invalid_ctx(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;

	bpf_dynptr_from_xdp((void *)skb, 0, &ptr);
	return 0;
}

/* expect: reject "cannot write into rdonly_mem" */
SEC("?cgroup_skb/egress")
int skb_invalid_write(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u64 *data;

	bpf_dynptr_from_skb(skb, 0, &ptr);
	data = bpf_dynptr_data(&ptr, 0, sizeof(*data));
	if (!data)
		return 1;
	/* cgroup_skb packets are read-only, and so are the slices */
	*data = 0;
	return 1;
}

/* expect: reject "Expected an initialized dynptr as arg #1" */
SEC("?raw_tp")
int dynptr_is_null_invalid(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_dynptr_is_null(&ptr);
	return 0;
}

/* expect: reject "Expected an initialized dynptr as arg #1" */
SEC("?raw_tp")
int dynptr_is_rdonly_invalid(void *ctx)
{
	struct bpf_dynptr ptr;
	volatile __u64 *words = (void *)&ptr;

	/* bytes that look like a dynptr are not one */
	words[0] = 0;
	words[1] = 0x1000000000000010ULL;
	bpf_dynptr_is_rdonly(&ptr);
	return 0;
}

/* expect: reject "Expected an initialized dynptr as arg #1" */
SEC("?raw_tp")
int dynptr_get_size_invalid(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	bpf_ringbuf_discard_dynptr(&ptr, 0);
	/* the dynptr is gone */
	bpf_dynptr_get_size(&ptr);
	return 0;
}

/* expect: reject "Expected an initialized dynptr as arg #1" */
SEC("?raw_tp")
int dynptr_get_offset_invalid(void *ctx)
{
	struct bpf_dynptr ptr, other;

	bpf_dynptr_from_mem(buf, 16, 0, &ptr);
	bpf_dynptr_get_offset(&other);
	return 0;
}

/* expect: reject "Expected an initialized dynptr as arg #1" */
SEC("?raw_tp")
int clone_invalid1(void *ctx)
{
	struct bpf_dynptr ptr, clone;

	bpf_dynptr_clone(&ptr, &clone, 0);
	return 0;
}

/* expect: reject "Dynptr has to be an uninitialized dynptr" */
SEC("?raw_tp")
int clone_invalid2(void *ctx)
{
	struct bpf_dynptr ptr1, ptr2;

	bpf_dynptr_from_mem(buf, 16, 0, &ptr1);
	bpf_dynptr_from_mem(buf + 16, 16, 0, &ptr2);
	/* the clone must be uninitialized */
	bpf_dynptr_clone(&ptr1, &ptr2, 0);
	return 0;
}

/* expect: reject "Expected an initialized dynptr" */
SEC("?raw_tp")
int clone_invalidate1(void *ctx)
{
	struct bpf_dynptr ptr, clone;
	char read_data[8];

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	bpf_dynptr_clone(&ptr, &clone, 0);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	/* the clone died with its parent */
	bpf_dynptr_read(read_data, sizeof(read_data), &clone, 0, 0);
	return 0;
}

/* expect: reject "Expected an initialized dynptr" */
SEC("?raw_tp")
int clone_invalidate2(void *ctx)
{
	struct bpf_dynptr ptr, clone;
	__u64 x = 42;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	bpf_dynptr_clone(&ptr, &clone, 0);
	bpf_ringbuf_submit_dynptr(&clone, 0);
	/* releasing the clone released the parent */
	bpf_dynptr_write(&ptr, 0, &x, sizeof(x), 0);
	return 0;
}

/* expect: reject "Expected an initialized dynptr" */
SEC("?raw_tp")
int clone_invalidate3(void *ctx)
{
	struct bpf_dynptr ptr, clone, grandchild;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 32, 0, &ptr);
	bpf_dynptr_clone(&ptr, &clone, 0);
	bpf_dynptr_clone(&clone, &grandchild, 8);
	bpf_ringbuf_discard_dynptr(&clone, 0);
	/* the whole family is gone */
	bpf_dynptr_advance(&grandchild, 4);
	return 0;
}

/* expect: reject "invalid mem access 'scalar'" */
SEC("?raw_tp")
int clone_invalidate4(void *ctx)
{
	struct bpf_dynptr ptr, clone;
	__u64 *data;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	bpf_dynptr_clone(&ptr, &clone, 0);
	data = bpf_dynptr_data(&clone, 0, sizeof(*data));
	if (!data) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		return 0;
	}
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	/* the clone's slice died with the parent */
	*data = 1;
	return 0;
}

/* expect: reject "invalid mem access 'scalar'" */
SEC("?raw_tp")
int clone_invalidate5(void *ctx)
{
	struct bpf_dynptr ptr, clone;
	volatile __u64 *data;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	bpf_dynptr_clone(&ptr, &clone, 0);
	data = bpf_dynptr_data(&ptr, 0, sizeof(*data));
	if (!data) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		return 0;
	}
	bpf_ringbuf_submit_dynptr(&clone, 0);
	/* the parent's slice died with the clone */
	return *data;
}

/* expect: reject "invalid mem access 'scalar'" */
SEC("?raw_tp")
int clone_invalidate6(void *ctx)
{
	struct bpf_dynptr ptr, clone, grandchild;
	volatile __u32 *data;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	bpf_dynptr_clone(&ptr, &clone, 0);
	bpf_dynptr_clone(&clone, &grandchild, 4);
	data = bpf_dynptr_data(&grandchild, 0, sizeof(*data));
	if (!data) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		return 0;
	}
	bpf_ringbuf_discard_dynptr(&ptr, 0);
	/* the grandchild's slice died with the original */
	return *data;
}

/* expect: reject "invalid mem access 'scalar'" */
SEC("?tc")
int clone_skb_packet_data(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr, clone;
	volatile __u8 *data;

	bpf_dynptr_from_skb(skb, 0, &ptr);
	bpf_dynptr_clone(&ptr, &clone, 0);
	data = bpf_dynptr_data(&clone, 0, 1);
	if (!data)
		return 0;
	bpf_skb_pull_data(skb, 0);
	/* pulling may have moved the packet */
	return *data;
}

/* expect: reject "invalid mem access 'scalar'" */
SEC("?xdp")
int clone_xdp_packet_data(struct xdp_md *xdp)
{
	struct bpf_dynptr ptr, clone;
	volatile __u16 *data;

	bpf_dynptr_from_xdp(xdp, 0, &ptr);
	bpf_dynptr_clone(&ptr, &clone, 0);
	data = bpf_dynptr_data(&clone, 0, sizeof(*data));
	if (!data)
		return XDP_PASS;
	bpf_xdp_adjust_head(xdp, 4);
	/* the head moved: the slice is stale */
	*data = 0;
	return XDP_PASS;
}

static long iterator_invalid1_cb(struct bpf_dynptr *ptr, void *ctx)
{
	struct bpf_dynptr record;

	/* reserved for every chunk, never released */
	bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, &record);
	return 0;
}

/* expect: reject "Unreleased reference id=1" */
SEC("?raw_tp")
int iterator_invalid1(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_dynptr_from_mem(buf, 16, 0, &ptr);
	bpf_dynptr_iterator(&ptr, iterator_invalid1_cb, NULL, 0);
	return 0;
}

static long iterator_noop_cb(struct bpf_dynptr *ptr, void *ctx)
{
	return 0;
}

/* expect: reject "Expected an initialized dynptr as arg #1" */
SEC("?raw_tp")
int iterator_invalid2(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_dynptr_iterator(&ptr, iterator_noop_cb, NULL, 0);
	return 0;
}

static long iterator_invalid3_cb(struct bpf_dynptr *ptr, void *ctx)
{
	/* ptr is already initialized */
	bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, ptr);
	return 0;
}

/* expect: reject "PTR_TO_DYNPTR is already an initialized dynptr" */
SEC("?raw_tp")
int iterator_invalid3(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	bpf_dynptr_iterator(&ptr, iterator_invalid3_cb, NULL, 0);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}

static long iterator_invalid4_cb(struct bpf_dynptr *ptr, void *ctx)
{
	/* not the callback's to release */
	bpf_ringbuf_submit_dynptr(ptr, 0);
	return 0;
}

/* expect: reject "arg 1 is an unacquired reference" */
SEC("?raw_tp")
int iterator_invalid4(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	bpf_dynptr_iterator(&ptr, iterator_invalid4_cb, NULL, 0);
	bpf_ringbuf_discard_dynptr(&ptr, 0);
	return 0;
}

static long iterator_invalid5_cb(struct bpf_dynptr *ptr, void *ctx)
{
	/* the caller's dynptr, reached through the context */
	bpf_ringbuf_discard_dynptr(ctx, 0);
	return 0;
}

/* expect: reject "Unreleased reference" */
SEC("?raw_tp")
int iterator_invalid5(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	bpf_dynptr_iterator(&ptr, iterator_invalid5_cb, &ptr, 0);
	/* "the callback released it" */
	return 0;
}

static long iterator_invalid6_cb(struct bpf_dynptr *ptr, void *ctx)
{
	/* scribble over the dynptr's data pointer */
	*(volatile __u64 *)ptr = 0;
	return 1;
}

/* expect: reject "invalid mem access 'dynptr_ptr'" */
SEC("?raw_tp")
int iterator_invalid6(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_dynptr_from_mem(buf, 16, 0, &ptr);
	bpf_dynptr_iterator(&ptr, iterator_invalid6_cb, NULL, 0);
	return 0;
}

static long iterator_invalid7_cb(struct bpf_dynptr *ptr, void *ctx)
{
	/* U32_MAX + 1: not an int */
	return 0x100000000L;
}

/* expect: reject "At callback return the register R0 has value (0x100000000; 0x0)" */
SEC("?raw_tp")
int iterator_invalid7(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_dynptr_from_mem(buf, 16, 0, &ptr);
	bpf_dynptr_iterator(&ptr, iterator_invalid7_cb, NULL, 0);
	return 0;
}

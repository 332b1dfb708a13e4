// SPDX-License-Identifier: GPL-2.0
/* Programs the verifier accepts, run for their results: clones of clones,
 * advance/trim edge cases, the iterator over a ring buffer record, callbacks
 * reaching the caller's dynptr, nested callbacks. Assembly versions:
 * tests/corpus/extra/<name>.s.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_series.h"

#define E2BIG 7

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ringbuf SEC(".maps");

char buf[16];
char small[4];

/* expect: accept; run: r0 = 0; ringbuf-records: 1 */
SEC("?raw_tp")
int clone_of_clone_submit(void *ctx)
{
	struct bpf_dynptr ptr, clone, grandchild;
	__u64 value = 0x1122334455667788ULL, seen = 0;
	long r1, r2, r3;
	int ret;

	/* every instance exists on every path from here on, so that the
	 * grandchild can be submitted on all of them
	 */
	r1 = bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	r2 = bpf_dynptr_clone(&ptr, &clone, 0);
	/* the grandchild views bytes [8, 16) */
	r3 = bpf_dynptr_clone(&clone, &grandchild, 8);
	ret = 1;
	if (r1)
		goto out;
	ret = 2;
	if (r2)
		goto out;
	ret = 3;
	if (r3)
		goto out;
	ret = 4;
	if (bpf_dynptr_write(&grandchild, 0, &value, sizeof(value), 0))
		goto out;
	ret = 5;
	if (bpf_dynptr_read(&seen, sizeof(seen), &ptr, 8, 0))
		goto out;
	ret = 6;
	if (seen != value)
		goto out;
	ret = 0;
out:
	/* via the grandchild: releases all three */
	bpf_ringbuf_submit_dynptr(&grandchild, 0);
	return ret;
}

/* expect: accept; run: r0 = -34 */
SEC("?raw_tp")
int advance_past_end(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_dynptr_from_mem(buf, sizeof(buf), 0, &ptr);
	return bpf_dynptr_advance(&ptr, sizeof(buf) + 1);
}

/* expect: accept; run: r0 = 0 */
SEC("?raw_tp")
int trim_to_zero(void *ctx)
{
	struct bpf_dynptr ptr;
	char c;

	if (bpf_dynptr_from_mem(buf, sizeof(buf), 0, &ptr))
		return 1;
	if (bpf_dynptr_trim(&ptr, sizeof(buf)))
		return 2;
	if (bpf_dynptr_get_size(&ptr) != 0)
		return 3;
	if (bpf_dynptr_get_offset(&ptr) != 0)
		return 4;
	if (bpf_dynptr_read(&c, 1, &ptr, 0, 0) != -E2BIG)
		return 5;
	/* empty is not null */
	if (bpf_dynptr_is_null(&ptr) != 0)
		return 6;
	return 0;
}

static long fill_chunk(struct bpf_dynptr *chunk, void *ctx)
{
	__u64 pattern = 0xababababababababULL;

	if (bpf_dynptr_write(chunk, 0, &pattern, sizeof(pattern), 0))
		return 0;
	return sizeof(pattern);
}

/* expect: accept; run: r0 = 0; ringbuf-records: 1 */
SEC("?raw_tp")
int iterator_over_ringbuf(void *ctx)
{
	struct bpf_dynptr ptr;
	__u64 last = 0;
	int ret;

	ret = 1;
	if (bpf_ringbuf_reserve_dynptr(&ringbuf, 32, 0, &ptr))
		goto out;
	ret = 2;
	if (bpf_dynptr_iterator(&ptr, fill_chunk, NULL, 0))
		goto out;
	ret = 3;
	if (bpf_dynptr_read(&last, sizeof(last), &ptr, 24, 0))
		goto out;
	ret = 4;
	if (last != 0xababababababababULL)
		goto out;
	ret = 0;
out:
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return ret;
}

static int write_index(__u32 index, void *ctx)
{
	__u8 byte = index;

	/* ctx: the caller's dynptr */
	bpf_dynptr_write(ctx, index, &byte, 1, 0);
	return 0;
}

/* expect: accept; run: r0 = 0; ringbuf-records: 1 */
SEC("?raw_tp")
int bpf_loop_dynptr_ctx(void *ctx)
{
	struct bpf_dynptr ptr;
	__u32 bytes = 0;
	int ret;

	ret = 1;
	if (bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, &ptr))
		goto out;
	ret = 2;
	if (bpf_loop(4, write_index, &ptr, 0) != 4)
		goto out;
	ret = 3;
	if (bpf_dynptr_read(&bytes, sizeof(bytes), &ptr, 0, 0))
		goto out;
	ret = 4;
	if (bytes != 0x03020100)
		goto out;
	ret = 0;
out:
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return ret;
}

static int count(__u32 index, void *ctx)
{
	(*(__u64 *)ctx)++;
	return 0;
}

static long per_byte(struct bpf_dynptr *view, void *ctx)
{
	/* the empty view after the last byte */
	if (bpf_dynptr_get_size(view) == 0)
		return 0;
	bpf_loop(3, count, ctx, 0);
	return 1;
}

/* expect: accept; run: r0 = 12 */
SEC("?raw_tp")
int nested_callbacks(void *ctx)
{
	struct bpf_dynptr ptr;
	__u64 counter = 0;

	bpf_dynptr_from_mem(small, sizeof(small), 0, &ptr);
	bpf_dynptr_iterator(&ptr, per_byte, &counter, 0);
	return counter;
}

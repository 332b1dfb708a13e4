// SPDX-License-Identifier: GPL-2.0
/* The succeeding selftests of patch 6 of the dynptr convenience helpers series
 * (and the older ones its table keeps), written from each test's description.
 * Each program records the first check that failed in the global `err` (0:
 * all passed). The comment before each program gives what the corpus harness
 * expects: acceptance, and after a run, r0 and the globals. "packet: pkt_v4"
 * is the selftests' IPv4/TCP test packet (SETUP_SKB_PROG); the other programs
 * are tracepoints (SETUP_SYSCALL_SLEEP). The same programs exist as assembly
 * in tests/corpus/spec/<name>.s.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_series.h"

#define E2BIG 7
#define EINVAL 22
#define ERANGE 34

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ringbuf SEC(".maps");

int err;
char buf[32];
char str[16] = "1,23,456,78";

struct sample {
	__u32 pid;
	__u32 seq;
	__u64 value;
};

/* expect: accept; run: r0 = 0, err = 0; ringbuf-records: 0; upstream: accept */
SEC("?tp/syscalls/sys_enter_nanosleep")
int test_read_write(void *ctx)
{
	char write_data[16] = "hello, dynptr!!";
	char read_data[16] = {};
	struct bpf_dynptr ptr;
	int i;

	err = 1;
	if (bpf_ringbuf_reserve_dynptr(&ringbuf, sizeof(write_data), 0, &ptr))
		goto out;
	err = 2;
	if (bpf_dynptr_write(&ptr, 0, write_data, sizeof(write_data), 0))
		goto out;
	err = 3;
	if (bpf_dynptr_read(read_data, sizeof(read_data), &ptr, 0, 0))
		goto out;
	err = 4;
	for (i = 0; i < sizeof(read_data); i++)
		if (read_data[i] != write_data[i])
			goto out;
	err = 0;
out:
	/* released on every path, even after a failed reservation */
	bpf_ringbuf_discard_dynptr(&ptr, 0);
	return 0;
}

/* expect: accept; run: r0 = 0, err = 0; ringbuf-records: 1; upstream: accept */
SEC("?tp/syscalls/sys_enter_nanosleep")
int test_data_slice(void *ctx)
{
	struct bpf_dynptr ptr;
	__u64 *data, val = 0;

	err = 1;
	if (bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr))
		goto out;
	err = 2;
	data = bpf_dynptr_data(&ptr, 0, 16);
	if (!data)
		goto out;
	*data = 0x1122334455667788ULL;
	err = 3;
	if (bpf_dynptr_read(&val, sizeof(val), &ptr, 0, 0))
		goto out;
	err = 4;
	if (val != 0x1122334455667788ULL)
		goto out;
	/* [8, 24) passes the end of the record */
	err = 5;
	if (bpf_dynptr_data(&ptr, 8, 16))
		goto out;
	err = 0;
out:
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}

/* expect: accept; run: r0 = 0, err = 0; ringbuf-records: 1; upstream: accept */
SEC("?tp/syscalls/sys_enter_nanosleep")
int test_ringbuf(void *ctx)
{
	struct bpf_dynptr ptr;
	struct sample *sample;

	if (bpf_ringbuf_reserve_dynptr(&ringbuf, sizeof(*sample), 0, &ptr))
		goto fail;
	sample = bpf_dynptr_data(&ptr, 0, sizeof(*sample));
	if (!sample)
		goto fail;
	sample->pid = bpf_get_current_pid_tgid() >> 32;
	sample->seq = 1;
	sample->value = 42;
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
fail:
	err = 1;
	bpf_ringbuf_discard_dynptr(&ptr, 0);
	return 0;
}

/* expect: accept; packet: pkt_v4; run: r0 = 1, err = 0 */
SEC("?cgroup_skb/egress")
int test_skb_readonly(struct __sk_buff *skb)
{
	__u8 write_data[2] = {1, 2};
	struct bpf_dynptr ptr;

	err = 1;
	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return 1;
	/* cgroup_skb packets are read-only */
	err = 2;
	if (bpf_dynptr_write(&ptr, 0, write_data, sizeof(write_data), 0) != -EINVAL)
		return 1;
	err = 0;
	return 1;
}

/* expect: accept; run: r0 = 0, err = 0; ringbuf-records: 0 */
SEC("?tp/syscalls/sys_enter_nanosleep")
int test_advance_trim(void *ctx)
{
	struct bpf_dynptr ptr;

	err = 1;
	if (bpf_ringbuf_reserve_dynptr(&ringbuf, 64, 0, &ptr))
		goto out;
	err = 2;
	if (bpf_dynptr_advance(&ptr, 10))
		goto out;
	err = 3;
	if (bpf_dynptr_get_offset(&ptr) != 10)
		goto out;
	err = 4;
	if (bpf_dynptr_get_size(&ptr) != 54)
		goto out;
	err = 5;
	if (bpf_dynptr_trim(&ptr, 4))
		goto out;
	err = 6;
	if (bpf_dynptr_get_size(&ptr) != 50)
		goto out;
	/* trimming leaves the offset alone */
	err = 7;
	if (bpf_dynptr_get_offset(&ptr) != 10)
		goto out;
	err = 0;
out:
	bpf_ringbuf_discard_dynptr(&ptr, 0);
	return 0;
}

/* expect: accept; run: r0 = 0, err = 0 */
SEC("?tp/syscalls/sys_enter_nanosleep")
int test_advance_trim_err(void *ctx)
{
	struct bpf_dynptr ptr;

	err = 1;
	if (bpf_dynptr_from_mem(buf, 32, 0, &ptr))
		return 0;
	err = 2;
	if (bpf_dynptr_advance(&ptr, 33) != -ERANGE)
		return 0;
	err = 3;
	if (bpf_dynptr_trim(&ptr, 33) != -ERANGE)
		return 0;
	/* nothing moved */
	err = 4;
	if (bpf_dynptr_get_offset(&ptr) != 0)
		return 0;
	err = 5;
	if (bpf_dynptr_get_size(&ptr) != 32)
		return 0;
	/* up to the very end is fine; one more byte is not */
	err = 6;
	if (bpf_dynptr_advance(&ptr, 32))
		return 0;
	err = 7;
	if (bpf_dynptr_advance(&ptr, 1) != -ERANGE)
		return 0;
	err = 8;
	if (bpf_dynptr_trim(&ptr, 1) != -ERANGE)
		return 0;
	err = 0;
	return 0;
}

/* expect: accept; run: r0 = 0, err = 0; ringbuf-records: 0 */
SEC("?tp/syscalls/sys_enter_nanosleep")
int test_zero_size_dynptr(void *ctx)
{
	struct bpf_dynptr ptr, trimmed;
	char data[8] = {};
	long ret, clone_ret;

	ret = bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	/* before any early exit: released together with ptr */
	clone_ret = bpf_dynptr_clone(&ptr, &trimmed, 0);
	err = 1;
	if (ret)
		goto out;
	err = 8;
	if (clone_ret)
		goto out;
	err = 2;
	if (bpf_dynptr_advance(&ptr, 16))
		goto out;
	err = 3;
	if (bpf_dynptr_get_size(&ptr) != 0)
		goto out;
	err = 4;
	if (bpf_dynptr_read(data, 0, &ptr, 0, 0))
		goto out;
	err = 5;
	if (bpf_dynptr_write(&ptr, 0, data, 0, 0))
		goto out;
	err = 6;
	if (bpf_dynptr_read(data, 1, &ptr, 0, 0) != -E2BIG)
		goto out;
	err = 7;
	if (bpf_dynptr_write(&ptr, 0, data, 1, 0) != -E2BIG)
		goto out;
	/* the same for the clone, trimmed to nothing */
	err = 9;
	if (bpf_dynptr_trim(&trimmed, 16))
		goto out;
	err = 10;
	if (bpf_dynptr_read(data, 0, &trimmed, 0, 0))
		goto out;
	err = 11;
	if (bpf_dynptr_write(&trimmed, 0, data, 1, 0) != -E2BIG)
		goto out;
	err = 0;
out:
	bpf_ringbuf_discard_dynptr(&ptr, 0);
	return 0;
}

/* expect: accept; run: r0 = 0, err = 0; ringbuf-records: 0 */
SEC("?tp/syscalls/sys_enter_nanosleep")
int test_dynptr_is_null(void *ctx)
{
	struct bpf_dynptr null_ptr, ptr;
	long ret1, ret2;

	/* bad flags: the reservation fails and the dynptr is null */
	ret1 = bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 1, &null_ptr);
	ret2 = bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, &ptr);
	err = 1;
	if (ret1 != -EINVAL)
		goto out;
	err = 2;
	if (ret2)
		goto out;
	err = 3;
	if (bpf_dynptr_is_null(&null_ptr) != 1)
		goto out;
	err = 4;
	if (bpf_dynptr_is_null(&ptr) != 0)
		goto out;
	err = 0;
out:
	bpf_ringbuf_discard_dynptr(&null_ptr, 0);
	bpf_ringbuf_discard_dynptr(&ptr, 0);
	return 0;
}

/* expect: accept; packet: pkt_v4; run: r0 = 1, err = 0; ringbuf-records: 0 */
SEC("?cgroup_skb/egress")
int test_dynptr_is_rdonly(struct __sk_buff *skb)
{
	struct bpf_dynptr skb_ptr, null_ptr, local_ptr;
	long ret;

	ret = bpf_dynptr_from_skb(skb, 0, &skb_ptr);
	bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 1, &null_ptr);
	bpf_dynptr_from_mem(buf, 8, 0, &local_ptr);
	err = 1;
	if (ret)
		goto out;
	err = 2;
	if (bpf_dynptr_is_rdonly(&skb_ptr) != 1)
		goto out;
	err = 3;
	if (bpf_dynptr_is_rdonly(&null_ptr) != 0)
		goto out;
	err = 4;
	if (bpf_dynptr_is_rdonly(&local_ptr) != 0)
		goto out;
	err = 0;
out:
	bpf_ringbuf_discard_dynptr(&null_ptr, 0);
	return 1;
}

/* expect: accept; packet: pkt_v4; run: r0 = 0, err = 0 */
SEC("?tc")
int test_dynptr_clone(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr, clone;
	long size, clone_size;
	__u8 a = 0, b = 1;

	err = 1;
	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return 0;
	err = 2;
	if (bpf_dynptr_clone(&ptr, &clone, 0))
		return 0;
	size = bpf_dynptr_get_size(&ptr);
	err = 3;
	if (bpf_dynptr_get_size(&clone) != size)
		return 0;
	err = 4;
	if (bpf_dynptr_get_offset(&clone) != bpf_dynptr_get_offset(&ptr))
		return 0;
	err = 5;
	if (bpf_dynptr_is_rdonly(&clone) != bpf_dynptr_is_rdonly(&ptr))
		return 0;
	/* advancing the clone leaves the parent alone */
	err = 6;
	if (bpf_dynptr_advance(&clone, 4))
		return 0;
	err = 7;
	if (bpf_dynptr_get_offset(&ptr) != 0)
		return 0;
	err = 8;
	if (bpf_dynptr_get_size(&ptr) != size)
		return 0;
	err = 9;
	if (bpf_dynptr_get_offset(&clone) != 4)
		return 0;
	/* trimming the parent leaves the clone alone */
	clone_size = bpf_dynptr_get_size(&clone);
	err = 10;
	if (bpf_dynptr_trim(&ptr, 10))
		return 0;
	err = 11;
	if (bpf_dynptr_get_size(&clone) != clone_size)
		return 0;
	/* the bytes are shared: byte 4 of the parent is byte 0 of the clone */
	err = 12;
	if (bpf_dynptr_read(&a, 1, &ptr, 4, 0))
		return 0;
	err = 13;
	if (bpf_dynptr_read(&b, 1, &clone, 0, 0))
		return 0;
	err = 14;
	if (a != b)
		return 0;
	err = 0;
	return 0;
}

/* expect: accept; packet: pkt_v4; run: r0 = 0, err = 0 */
SEC("?tc")
int test_dynptr_clone_offset(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr, bad, empty, l3;
	long size;

	err = 1;
	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return 0;
	size = bpf_dynptr_get_size(&ptr);
	/* one byte too far */
	err = 2;
	if (bpf_dynptr_clone(&ptr, &bad, size + 1) != -ERANGE)
		return 0;
	err = 3;
	if (bpf_dynptr_is_null(&bad) != 1)
		return 0;
	/* exactly at the end */
	err = 4;
	if (bpf_dynptr_clone(&ptr, &empty, size))
		return 0;
	err = 5;
	if (bpf_dynptr_get_size(&empty) != 0)
		return 0;
	/* past the Ethernet header */
	err = 6;
	if (bpf_dynptr_clone(&ptr, &l3, 14))
		return 0;
	err = 7;
	if (bpf_dynptr_get_offset(&l3) != 14)
		return 0;
	err = 8;
	if (bpf_dynptr_get_size(&l3) != size - 14)
		return 0;
	err = 9;
	if (bpf_dynptr_get_offset(&ptr) != 0)
		return 0;
	err = 0;
	return 0;
}

struct iter_ctx {
	__u64 calls;
	__u64 bytes;
};

static long iterator_chunk_cb(struct bpf_dynptr *ptr, void *data)
{
	struct iter_ctx *ctx = data;
	__u64 n = bpf_dynptr_get_size(ptr);

	if (n > 10)
		n = 10;
	ctx->calls++;
	ctx->bytes += n;
	/* advance by min(size, 10); 0 ends the iteration */
	return n;
}

/* The helper loops while the copy's raw size word (type bits included) is
 * non-zero, so after the last chunk the callback sees an empty view once:
 * 54 bytes, 6 chunks, 7 calls.
 * expect: accept; packet: pkt_v4; run: r0 = 0, err = 0
 */
SEC("?tc")
int test_dynptr_iterator(struct __sk_buff *skb)
{
	struct iter_ctx ctx = {};
	struct bpf_dynptr ptr;

	err = 1;
	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return 0;
	err = 2;
	if (bpf_dynptr_iterator(&ptr, iterator_chunk_cb, &ctx, 0))
		return 0;
	err = 3;
	if (ctx.calls != 7)
		return 0;
	err = 4;
	if (ctx.bytes != 54)
		return 0;
	/* the iterator worked on a copy */
	err = 5;
	if (bpf_dynptr_get_offset(&ptr) != 0)
		return 0;
	err = 6;
	if (bpf_dynptr_get_size(&ptr) != 54)
		return 0;
	err = 0;
	return 0;
}

struct parse_ctx {
	__u64 sum;
	__u64 count;
};

static long parse_number(struct bpf_dynptr *ptr, void *data)
{
	struct parse_ctx *ctx = data;
	__u64 value = 0;
	__u32 i = 0;
	char c;

	while (i < 8) {
		if (bpf_dynptr_read(&c, 1, ptr, i, 0))
			break;
		i++;
		if (c == ',')
			break;
		value = value * 10 + (c - '0');
	}
	/* an empty view: nothing left to parse */
	if (!i)
		return 0;
	ctx->sum += value;
	ctx->count++;
	return i;
}

/* expect: accept; run: r0 = 0, err = 0 */
SEC("?tp/syscalls/sys_enter_nanosleep")
int iterator_parse_strings(void *ctx)
{
	struct parse_ctx pctx = {};
	struct bpf_dynptr ptr;

	err = 1;
	if (bpf_dynptr_from_mem(str, 11, 0, &ptr))
		return 0;
	err = 2;
	if (bpf_dynptr_iterator(&ptr, parse_number, &pctx, 0))
		return 0;
	err = 3;
	if (pctx.sum != 1 + 23 + 456 + 78)
		return 0;
	err = 4;
	if (pctx.count != 4)
		return 0;
	err = 0;
	return 0;
}

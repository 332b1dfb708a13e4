// SPDX-License-Identifier: GPL-2.0
/* Ring buffer dynptrs are references: leaks, use after release, double
 * release, and the wrong release API. Only upstream helpers: these load on a
 * current kernel too (see docs/corpus.md for what it says). Assembly versions:
 * tests/corpus/extra/<name>.s.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ringbuf SEC(".maps");

/* expect: reject "Unreleased reference id=1"; upstream: reject "Unreleased reference id=2" */
SEC("?raw_tp")
int ringbuf_missing_release1(void *ctx)
{
	struct bpf_dynptr ptr;

	/* "it failed, nothing to release" is wrong: release it anyway */
	if (bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, &ptr))
		return 0;
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}

/* expect: reject "Unreleased reference id=2"; upstream: reject "Unreleased reference id=4" */
SEC("?raw_tp")
int ringbuf_missing_release2(void *ctx)
{
	struct bpf_dynptr ptr1, ptr2;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, &ptr1);
	bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, &ptr2);
	bpf_ringbuf_submit_dynptr(&ptr1, 0);
	return 0;
}

static int reserve_cb(__u32 index, void *data)
{
	struct bpf_dynptr ptr;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, &ptr);
	return 0;
}

/* expect: reject "Unreleased reference id"; upstream: reject "Unreleased reference id=2" */
SEC("?raw_tp")
int ringbuf_missing_release_callback(void *ctx)
{
	bpf_loop(4, reserve_cb, NULL, 0);
	return 0;
}

static __attribute__((noinline)) int emit_sample(void)
{
	struct bpf_dynptr ptr;
	__u64 value = 7;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	bpf_dynptr_write(&ptr, 0, &value, sizeof(value), 0);
	/* forgot bpf_ringbuf_submit_dynptr */
	return 0;
}

/* expect: reject "Unreleased reference id=1"; upstream: reject "Unreleased reference id=2" */
SEC("?raw_tp")
int unreleased_in_subprog(void *ctx)
{
	return emit_sample();
}

/* expect: reject "Expected an initialized dynptr as arg #3"; upstream: reject "Expected an initialized dynptr as arg #2" */
SEC("?raw_tp")
int use_after_submit(void *ctx)
{
	struct bpf_dynptr ptr;
	char data[8];

	bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, &ptr);
	bpf_dynptr_read(data, sizeof(data), &ptr, 0, 0);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	/* use after submit */
	bpf_dynptr_read(data, sizeof(data), &ptr, 0, 0);
	return 0;
}

/* expect: reject "arg 1 is an unacquired reference"; upstream: reject "arg 1 is an unacquired reference" */
SEC("?raw_tp")
int release_twice(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	bpf_ringbuf_discard_dynptr(&ptr, 0);
	return 0;
}

static int discard_cb(__u32 index, void *data)
{
	bpf_ringbuf_discard_dynptr(data, 0);
	return 0;
}

/* expect: reject "arg 1 is an unacquired reference"; upstream: reject "arg 1 is an unacquired reference" */
SEC("?raw_tp")
int release_twice_callback(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	bpf_loop(1, discard_cb, &ptr, 0);
	return 0;
}

/* expect: reject "type=mem expected=ringbuf_mem"; upstream: reject "R1 type=mem expected=ringbuf_mem" */
SEC("?raw_tp")
int ringbuf_invalid_api(void *ctx)
{
	struct bpf_dynptr ptr;
	void *data;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	data = bpf_dynptr_data(&ptr, 0, 16);
	if (data)
		/* a slice is not a bpf_ringbuf_reserve record */
		bpf_ringbuf_submit(data, 0);
	bpf_ringbuf_discard_dynptr(&ptr, 0);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/* Path sensitivity, dynptr types, NULL and overlapping dynptrs, callback
 * return ranges, dynptrs handed to subprograms or spilled. Only upstream
 * helpers. Assembly versions: tests/corpus/extra/<name>.s.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ringbuf SEC(".maps");

char buf[16];

/* expect: reject "Unreleased reference id=1"; upstream: reject "Unreleased reference id=2" */
SEC("?raw_tp")
int release_on_one_path(void *ctx)
{
	struct bpf_dynptr ptr;
	__u64 value = 42;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, &ptr);
	/* half the time: nothing to say, and the record leaks */
	if (bpf_get_prandom_u32() > 0x7fffffff)
		return 0;
	bpf_dynptr_write(&ptr, 0, &value, sizeof(value), 0);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}

/* A local dynptr holds no reference; the release check comes before the
 * type check.
 * expect: reject "arg 1 is an unacquired reference"; upstream: reject "arg 1 is an unacquired reference"
 */
SEC("?raw_tp")
int submit_local_dynptr(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_dynptr_from_mem(buf, sizeof(buf), 0, &ptr);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}

/* expect: reject "R3 type=scalar expected=fp"; upstream: reject "R3 type=scalar expected=fp, dynptr_ptr" */
SEC("?raw_tp")
int null_dynptr_arg(void *ctx)
{
	char data[8];

	bpf_dynptr_read(data, sizeof(data), NULL, 0, 0);
	return 0;
}

/* expect: reject "Dynptr has to be an uninitialized dynptr"; upstream: reject "cannot overwrite referenced dynptr" */
SEC("?raw_tp")
int overlapping_dynptrs(void *ctx)
{
	struct bpf_dynptr ptrs[2];
	/* a dynptr 8 bytes into the first one */
	struct bpf_dynptr *overlap = (void *)ptrs + 8;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, &ptrs[0]);
	bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, overlap);
	bpf_ringbuf_submit_dynptr(&ptrs[0], 0);
	bpf_ringbuf_submit_dynptr(overlap, 0);
	return 0;
}

static int write_two(__u32 index, void *ctx)
{
	__u16 bytes = 0x0101;

	bpf_dynptr_write(ctx, 0, &bytes, sizeof(bytes), 0);
	/* "bytes written": not 0 or 1 */
	return 2;
}

/* expect: reject "At callback return the register R0 has value (0x2; 0x0) should have been in (0x0; 0x1)"; upstream: reject "At callback return the register R0 has smin=2 smax=2 should have been in [0, 1]" */
SEC("?raw_tp")
int loop_callback_bad_return(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, &ptr);
	bpf_loop(1, write_two, &ptr, 0);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}

static __attribute__((noinline)) int finish_record(struct bpf_dynptr *ptr)
{
	__u64 value = 7;

	bpf_dynptr_write(ptr, 0, &value, sizeof(value), 0);
	bpf_ringbuf_submit_dynptr(ptr, 0);
	return 0;
}

/* expect: accept; run: r0 = 0; ringbuf-records: 1; upstream: accept */
SEC("?raw_tp")
int submit_in_subprog(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, &ptr);
	return finish_record(&ptr);
}

/* expect: accept; run: r0 = 0; ringbuf-records: 1; upstream: accept */
SEC("?raw_tp")
int spilled_dynptr_pointer(void *ctx)
{
	struct bpf_dynptr ptr;
	struct bpf_dynptr *volatile where = &ptr;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, &ptr);
	/* the pointer goes to the stack and comes back */
	bpf_get_prandom_u32();
	bpf_ringbuf_submit_dynptr(where, 0);
	return 0;
}

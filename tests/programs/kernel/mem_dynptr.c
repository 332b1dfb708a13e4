// Upstream-only syscall programs over local dynptrs (bpf_dynptr_from_mem),
// bpf_loop and the open-coded number iterator (see xdp_dynptr.c).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

char buf[32] = "dynptr playground, kernel check";
__u8 out[8];
long errs[4];

/* Writes 8 bytes into a global through a local dynptr and reads them back
 * elsewhere; returns the sum of what was read and the dynptr's size. */
SEC("syscall")
int mem_write_read(void *ctx)
{
	struct bpf_dynptr ptr;
	__u8 src[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	int sum = 0;

	if (bpf_dynptr_from_mem(buf, sizeof(buf), 0, &ptr))
		return -1;
	if (bpf_dynptr_write(&ptr, 4, src, sizeof(src), 0))
		return -2;
	if (bpf_dynptr_read(out, sizeof(out), &ptr, 2, 0))
		return -3;
	for (int i = 0; i < 8; i++)
		sum += out[i];
	return sum + bpf_dynptr_size(&ptr) * 1000;
}

/* The error codes of the dynptr helpers, kept in a global: flags on
 * from_mem, a read past the end, a write with flags, an offset beyond the
 * size. The flagged from_mem leaves a null dynptr, which is_null sees. */
SEC("syscall")
int mem_error_codes(void *ctx)
{
	struct bpf_dynptr bad, ptr;
	__u8 tmp[8];

	errs[0] = bpf_dynptr_from_mem(buf, sizeof(buf), 1, &bad);
	if (bpf_dynptr_from_mem(buf, 16, 0, &ptr))
		return -1;
	errs[1] = bpf_dynptr_read(tmp, sizeof(tmp), &ptr, 12, 0);
	errs[2] = bpf_dynptr_write(&ptr, 0, tmp, 0, 1);
	errs[3] = bpf_dynptr_read(tmp, 0, &ptr, 17, 0);
	return bpf_dynptr_is_null(&bad) * 10 + bpf_dynptr_is_rdonly(&ptr);
}

struct loop_ctx {
	struct bpf_dynptr *ptr;
	int sum;
};

static int add_byte(__u32 i, struct loop_ctx *lc)
{
	__u8 b;

	if (bpf_dynptr_read(&b, 1, lc->ptr, i, 0))
		return 1;
	lc->sum += b;
	return 0;
}

/* bpf_loop whose callback reads the caller's dynptr byte by byte until a
 * read fails; returns the number of iterations and the byte sum. */
SEC("syscall")
int mem_loop_sum(void *ctx)
{
	struct bpf_dynptr ptr;
	struct loop_ctx lc = { .ptr = &ptr, .sum = 0 };
	long n;

	if (bpf_dynptr_from_mem(buf, 10, 0, &ptr))
		return -1;
	n = bpf_loop(64, add_byte, &lc, 0);
	return n * 10000 + lc.sum;
}

/* The open-coded number iterator: sum of 3..9. */
SEC("syscall")
int iter_num_sum(void *ctx)
{
	struct bpf_iter_num it;
	int *v, sum = 0;

	bpf_iter_num_new(&it, 3, 10);
	while ((v = bpf_iter_num_next(&it)))
		sum += *v;
	bpf_iter_num_destroy(&it);
	return sum;
}

static int nop(__u32 i, void *ctx)
{
	return 0;
}

/* Edge cases of the helpers' and kfuncs' checks, one result each in a
 * global: zero-length accesses at the end, flags, adjust past the end,
 * adjust to empty, bpf_loop's limits. */
long edges[10];

SEC("syscall")
int mem_edge_codes(void *ctx)
{
	struct bpf_dynptr ptr, clone;
	__u8 tmp[4] = {};

	if (bpf_dynptr_from_mem(buf, 8, 0, &ptr))
		return -1;
	edges[0] = bpf_dynptr_write(&ptr, 8, tmp, 0, 0);
	edges[1] = bpf_dynptr_read(tmp, 0, &ptr, 8, 0);
	edges[2] = bpf_dynptr_read(tmp, 1, &ptr, 0, 1);
	edges[3] = bpf_dynptr_adjust(&ptr, 0, 9);
	edges[4] = bpf_dynptr_clone(&ptr, &clone);
	edges[5] = bpf_dynptr_adjust(&clone, 8, 8);
	edges[6] = bpf_dynptr_size(&clone) * 100 + bpf_dynptr_size(&ptr);
	edges[7] = bpf_dynptr_read(tmp, 1, &clone, 0, 0);
	edges[8] = bpf_loop(1 << 24, nop, NULL, 0);
	edges[9] = bpf_loop(1, nop, NULL, 1);
	return 0;
}

/* Rejected: a dynptr must sit at an 8-byte aligned stack offset. */
SEC("syscall")
int mem_bad_misaligned(void *ctx)
{
	__u64 space[3] = {};
	struct bpf_dynptr *ptr = (void *)((char *)space + 4);

	bpf_dynptr_from_mem(buf, sizeof(buf), 0, ptr);
	return bpf_dynptr_size(ptr);
}

/* Rejected: a store into the dynptr's slots destroys it; using it after
 * is using an uninitialised dynptr. */
SEC("syscall")
int mem_bad_overwritten(void *ctx)
{
	struct bpf_dynptr ptr;
	__u8 b = 0;

	bpf_dynptr_from_mem(buf, sizeof(buf), 0, &ptr);
	*(volatile __u32 *)&ptr = 0;
	bpf_dynptr_read(&b, 1, &ptr, 0, 0);
	return b;
}

/* Rejected: a helper's output buffer (bpf_dynptr_read's dst) covers the
 * stack slots of another dynptr. */
SEC("syscall")
int mem_bad_helper_writes_dynptr(void *ctx)
{
	struct bpf_dynptr src, victim;

	bpf_dynptr_from_mem(buf, sizeof(buf), 0, &src);
	bpf_dynptr_from_mem(buf, 8, 0, &victim);
	bpf_dynptr_read(&victim, sizeof(victim), &src, 0, 0);
	return bpf_dynptr_size(&src);
}

/* bpf_get_current_comm (helper 16): the test run's task is kload, so the
 * name is "kload", NUL-padded to the buffer's end; a 4-byte buffer gets
 * "klo" and a NUL. The buffers start as 'x's, so the padding shows. */
char comm[16] = "xxxxxxxxxxxxxxx";
char comm_short[6] = "xxxxx";

SEC("syscall")
int comm_of_task(void *ctx)
{
	long a = bpf_get_current_comm(comm, sizeof(comm));
	long b = bpf_get_current_comm(comm_short, 4);

	return a * 1000 + b * 100 + comm_short[3] * 10 + comm_short[4];
}

/* Rejected: since Linux 6.3 bpf_dynptr_slice_rdwr is refused at the call in
 * any program type that may not write packet data, even over a local
 * dynptr ("the prog does not allow writes to packet data"). */
SEC("syscall")
int mem_slice_rdwr_refused(void *ctx)
{
	struct bpf_dynptr ptr;
	__u8 tmp[4] = {};
	__u8 *p;

	bpf_dynptr_from_mem(buf, sizeof(buf), 0, &ptr);
	p = bpf_dynptr_slice_rdwr(&ptr, 0, tmp, sizeof(tmp));
	if (!p)
		return 1;
	p[0] = 7;
	return 0;
}

/* The number iterator from INT_MIN: bpf_iter_num_new stores start - 1,
 * which wraps to INT_MAX, and bpf_iter_num_next computes cur + 1 as an int
 * ((s64)(int)(cur + 1)), so the first number is INT_MIN again. Returns 1
 * when it is. */
SEC("syscall")
int mem_iter_from_int_min(void *ctx)
{
	struct bpf_iter_num it;
	const int min = -2147483647 - 1;
	int *v, r;

	bpf_iter_num_new(&it, min, min + 3);
	v = bpf_iter_num_next(&it);
	r = v ? *v == min : 2;
	bpf_iter_num_destroy(&it);
	return r;
}

char LICENSE[] SEC("license") = "GPL";

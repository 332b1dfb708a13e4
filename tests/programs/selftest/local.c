// Annotated tests (`dynptr-play test`) over local dynptrs made by
// bpf_dynptr_from_mem over a global buffer, with the clone and adjust
// kfuncs, and the verifier's refusals of an uninitialized dynptr.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"
#include "test_annotations.h"

#define INT_MIN (-2147483647 - 1)

__u8 scratch[32];

/* Write then read back through a local dynptr over a map value. */
SEC("syscall")
__success __retval(0x55)
int local_write_read(void *ctx)
{
	struct bpf_dynptr d;
	__u8 in = 0x55, out = 0;

	if (bpf_dynptr_from_mem(scratch, sizeof(scratch), 0, &d))
		return -1;
	if (bpf_dynptr_write(&d, 5, &in, 1, 0))
		return -2;
	if (bpf_dynptr_read(&out, 1, &d, 5, 0))
		return -3;
	return out;
}

/* bpf_dynptr_adjust narrows the view: [4, 20) is 16 bytes. */
SEC("syscall")
__success __retval(16)
int local_adjust_size(void *ctx)
{
	struct bpf_dynptr d;

	if (bpf_dynptr_from_mem(scratch, sizeof(scratch), 0, &d))
		return -1;
	if (bpf_dynptr_adjust(&d, 4, 20))
		return -2;
	return bpf_dynptr_size(&d);
}

/* A clone is adjusted on its own: the original keeps its size. The
 * result packs both sizes: 32 * 100 + 8. */
SEC("syscall")
__success __retval(3208)
int local_clone_independent(void *ctx)
{
	struct bpf_dynptr d, c;

	if (bpf_dynptr_from_mem(scratch, sizeof(scratch), 0, &d))
		return -1;
	if (bpf_dynptr_clone(&d, &c))
		return -2;
	if (bpf_dynptr_adjust(&c, 8, 16))
		return -3;
	return bpf_dynptr_size(&d) * 100 + bpf_dynptr_size(&c);
}

/* An adjust past the end fails at run time with -ERANGE. */
SEC("syscall")
__success __retval(-34)
int local_adjust_out_of_range(void *ctx)
{
	struct bpf_dynptr d;

	if (bpf_dynptr_from_mem(scratch, sizeof(scratch), 0, &d))
		return -1;
	return bpf_dynptr_adjust(&d, 8, 40);
}

/* Unknown flags: -EINVAL, and the dynptr is a null one. */
SEC("syscall")
__success __retval(INT_MIN)
int local_bad_flags_is_null(void *ctx)
{
	struct bpf_dynptr d;
	long err;

	err = bpf_dynptr_from_mem(scratch, sizeof(scratch), 1, &d);
	if (err == -22 && bpf_dynptr_is_null(&d))
		return INT_MIN;
	return (int)err;
}

/* A random number round-trips through the dynptr: the value cannot be
 * known, so any return value passes (POINTER_VALUE). */
SEC("syscall")
__success __retval(POINTER_VALUE)
int local_random_roundtrip(void *ctx)
{
	struct bpf_dynptr d;
	__u32 in = bpf_get_prandom_u32(), out = 0;

	if (bpf_dynptr_from_mem(scratch, sizeof(scratch), 0, &d))
		return -1;
	bpf_dynptr_write(&d, 0, &in, sizeof(in), 0);
	bpf_dynptr_read(&out, sizeof(out), &d, 0, 0);
	return out;
}

/* The log of an accepted program holds the calls it verified. */
SEC("syscall")
__success __log_level(2)
__msg("call bpf_dynptr_from_mem#197")
__msg("call bpf_dynptr_read#201")
__not_msg("call bpf_dynptr_write")
__msg("processed {{[0-9]+}} insns")
int local_log_shows_calls(void *ctx)
{
	struct bpf_dynptr d;
	__u32 v = 0;

	if (bpf_dynptr_from_mem(scratch, sizeof(scratch), 0, &d))
		return 0;
	bpf_dynptr_read(&v, sizeof(v), &d, 0, 0);
	return v;
}

/* A dynptr that was never initialized. */
SEC("?syscall")
__failure __msg("Expected an initialized dynptr as arg")
int local_uninit_read(void *ctx)
{
	struct bpf_dynptr d;
	__u32 v;

	bpf_dynptr_read(&v, sizeof(v), &d, 0, 0);
	return v;
}

/* A local dynptr larger than the memory it is made from. */
SEC("?syscall")
__failure __msg("invalid access to map value, value_size=32 off=0 size=64")
int local_from_mem_too_big(void *ctx)
{
	struct bpf_dynptr d;

	bpf_dynptr_from_mem(scratch, 64, 0, &d);
	return 0;
}

char _license[] SEC("license") = "GPL";

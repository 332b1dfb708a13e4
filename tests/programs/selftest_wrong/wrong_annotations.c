// Deliberately wrong annotations: `dynptr-play test` must report each of
// these programs as FAIL, with the reason given above it, and exit 1.
// Only the CLI test (crate/tests/cli_test.rs) runs this object; the right
// annotations are under tests/programs/selftest/.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"
#include "test_annotations.h"

__u8 buf[16];

/* Correct, so that one program of the object passes. */
SEC("syscall")
__success __retval(16)
int right_size(void *ctx)
{
	struct bpf_dynptr d;

	if (bpf_dynptr_from_mem(buf, sizeof(buf), 0, &d))
		return -1;
	return bpf_dynptr_size(&d);
}

/* Wrong: accepted, annotated __failure. */
SEC("syscall")
__failure __msg("Expected an initialized dynptr")
int wrong_expects_failure(void *ctx)
{
	struct bpf_dynptr d;

	bpf_dynptr_from_mem(buf, sizeof(buf), 0, &d);
	return 0;
}

/* Wrong: rejected (uninitialized dynptr), annotated __success. */
SEC("?syscall")
__success
int wrong_expects_success(void *ctx)
{
	struct bpf_dynptr d;

	return bpf_dynptr_size(&d);
}

/* Wrong: rejected as expected, but the message is not in the log. */
SEC("?syscall")
__failure __msg("this text is not in any verifier log")
int wrong_message(void *ctx)
{
	struct bpf_dynptr d;

	return bpf_dynptr_size(&d);
}

/* Wrong: both messages are in the log, in the other order. */
SEC("?syscall")
__failure __msg("Expected an initialized dynptr") __msg("call bpf_dynptr_size")
int wrong_message_order(void *ctx)
{
	struct bpf_dynptr d;

	return bpf_dynptr_size(&d);
}

/* Wrong: the program returns 16, annotated 15. */
SEC("syscall")
__success __retval(15)
__description("wrong retval: 16 is returned")
int wrong_retval(void *ctx)
{
	struct bpf_dynptr d;

	if (bpf_dynptr_from_mem(buf, sizeof(buf), 0, &d))
		return -1;
	return bpf_dynptr_size(&d);
}

/* Wrong: the forbidden message is in the log. */
SEC("?syscall")
__failure __not_msg("Expected an initialized dynptr")
int wrong_not_msg(void *ctx)
{
	struct bpf_dynptr d;

	return bpf_dynptr_size(&d);
}

/* Wrong: __retval names nothing the loader knows. */
SEC("syscall")
__success __retval(SOME_VALUE)
int wrong_retval_name(void *ctx)
{
	return 0;
}

char _license[] SEC("license") = "GPL";

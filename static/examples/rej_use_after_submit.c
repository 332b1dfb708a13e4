/* Lesson: rejected - submitting a clone kills the whole family.
 *
 * `copy` is a clone of `rec`: two views of one ring buffer record, sharing
 * one reference. bpf_ringbuf_submit_dynptr(&copy, 0) hands the record to
 * the consumer and releases that reference, and with it every dynptr of
 * the family: the verifier marks the stack slots of `rec` as well as
 * `copy` invalid. Writing through `rec` afterwards is a write into memory
 * that user space may already be reading:
 *
 *   Expected an initialized dynptr as arg #0
 *
 * (arg #0: the first argument of bpf_dynptr_write, in the numbering of
 * today's kernels; the series' era said arg #1). The page marks the C
 * line of the late write. The fix: finish every write before submitting,
 * through whichever view.
 *
 * Verified under the 6.18 profile (upstream bpf_dynptr_clone); Linux 6.18
 * rejects it with the same message.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

SEC("syscall")
int rej_use_after_submit(void *ctx)
{
	struct bpf_dynptr rec, copy;
	__u64 first = 1, second = 2;

	if (bpf_ringbuf_reserve_dynptr(&events, 16, 0, &rec)) {
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return 1;
	}
	bpf_dynptr_clone(&rec, &copy);
	bpf_dynptr_write(&copy, 0, &first, sizeof(first), 0);
	bpf_ringbuf_submit_dynptr(&copy, 0);

	/* BUG: `rec` was released with `copy` */
	bpf_dynptr_write(&rec, 8, &second, sizeof(second), 0);
	return 0;
}

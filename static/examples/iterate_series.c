/* Lesson: helpers vs kfuncs (1/2) - a callback iterator, bpf_dynptr_iterator.
 *
 * Sums six 32-bit samples. bpf_dynptr_iterator() (the series' helper 221)
 * clones `ptr` and calls `add_sample` with the clone; the callback's return
 * value is how many bytes to advance the clone before the next call, and 0
 * (or an error) stops the iteration. `ptr` itself is never moved.
 *
 * The callback is a separate function the verifier checks on its own:
 * what it gets is a dynptr it may read but not release or re-initialize,
 * and a pointer to the caller's stack (`acc`). Count the calls: 7 for 6
 * samples. The helper keeps calling while the view's size word is not 0,
 * and that word also holds the dynptr's type bits, so a last call comes
 * with an empty view; there bpf_dynptr_read() fails (-E2BIG) and the
 * callback returns 0 to stop. A callback that always returned 4 would make
 * the iterator return -ERANGE.
 *
 * Verified under the `series` profile (helper 221 exists in no released
 * kernel). Its pair, iterate_kfuncs.c, writes the loop the way upstream
 * went: an open-coded iterator. Look at: the Call stack panel, one frame
 * per callback; r0 at exit is the sum, 23.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_series.h"

char _license[] SEC("license") = "GPL";

__u32 samples[6] = { 3, 1, 4, 1, 5, 9 };
__u32 calls;

struct sum_ctx {
	__u32 sum;
	__u32 calls;
};

/* view: starts at the next unread sample; data: the caller's sum_ctx */
static int add_sample(struct bpf_dynptr *view, void *data)
{
	struct sum_ctx *acc = data;
	__u32 v;

	acc->calls++;
	if (bpf_dynptr_read(&v, sizeof(v), view, 0, 0))
		return 0;	/* fewer than 4 bytes left: stop */
	acc->sum += v;
	return sizeof(v);	/* advance the view by one sample */
}

SEC("syscall")
int iterate_series(void *ctx)
{
	struct bpf_dynptr ptr;
	struct sum_ctx acc = {};

	bpf_dynptr_from_mem(samples, sizeof(samples), 0, &ptr);
	if (bpf_dynptr_iterator(&ptr, add_sample, &acc, 0))
		return -1;
	calls = acc.calls;	/* 7 */
	return acc.sum;		/* 23 */
}

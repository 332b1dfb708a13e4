/* Lesson: helpers vs kfuncs (2/2) - the same sum with an open-coded iterator.
 *
 * Upstream Linux has no bpf_dynptr_iterator: instead of a callback it
 * merged open-coded iterators (6.4). bpf_iter_num_new(&it, 0, n) starts a
 * counter, bpf_iter_num_next(&it) returns a pointer to the next index or
 * NULL at the end, and bpf_iter_num_destroy(&it) ends it: a plain `while`
 * loop the verifier can check without knowing n, because it treats the
 * iterator's state, not the number of turns. The iterator is a reference
 * like a ring buffer record: forgetting bpf_iter_num_destroy() is
 * `Unreleased reference`.
 *
 * The loop body reads sample *i at offset *i * 4 through the dynptr; no
 * clone and no advance, and no second function: the loop's state stays in
 * the frame of the program (the Registers and Stack panels show `it` and
 * the sum, where the callback version needed a context struct). Six
 * turns for six samples: the iteration count is bpf_dynptr_size() / 4.
 *
 * Verified under the 6.18 profile, and in a real Linux 6.18 it returns 23
 * like iterate_series.c does in the playground.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

char _license[] SEC("license") = "GPL";

__u32 samples[6] = { 3, 1, 4, 1, 5, 9 };
__u32 calls;

SEC("syscall")
int iterate_kfuncs(void *ctx)
{
	struct bpf_dynptr ptr;
	struct bpf_iter_num it;
	__u32 sum = 0, n = 0, v;
	int *i;

	bpf_dynptr_from_mem(samples, sizeof(samples), 0, &ptr);
	bpf_iter_num_new(&it, 0, bpf_dynptr_size(&ptr) / sizeof(v));
	while ((i = bpf_iter_num_next(&it))) {
		n++;
		if (bpf_dynptr_read(&v, sizeof(v), &ptr, *i * sizeof(v), 0))
			break;
		sum += v;
	}
	bpf_iter_num_destroy(&it);
	calls = n;	/* 6 */
	return sum;	/* 23 */
}

/* Lesson: rejected - a failed reservation still has to be released.
 *
 * The classic mistake: "the reservation failed, there is nothing to
 * release", so the error path just returns. But bpf_ringbuf_reserve_dynptr()
 * acquires a reference whatever happens (on failure `rec` is a null dynptr
 * that still holds it), and the verifier does not know which way the
 * call went at run time: on the early return the reference is still held.
 * The verifier walks that path to its `return` and stops there:
 *
 *   Unreleased reference id=2 alloc_insn=10
 *   BPF_EXIT instruction in main prog would lead to reference leak
 *
 * (id=2: the reference of the reservation, alloc_insn: the call that took
 * it; the series' era printed id=1 and only the first line). The page
 * marks the C line of the rejected instruction: the function's closing
 * brace, because clang compiled both returns into one `exit` and put the
 * return value in a register first. The walk in the Verifier panel shows
 * the path: the branch where the reservation failed, straight to exit, with
 * refs=2 still held. The fix, as in ringbuf_record.c: call
 * bpf_ringbuf_discard_dynptr(&rec, 0) before returning; discarding a null
 * dynptr is allowed and does nothing.
 *
 * Verified under the 6.18 profile; Linux 6.18 rejects it with the same
 * message.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

__u32 want = 64;

SEC("syscall")
int rej_ringbuf_leak(void *ctx)
{
	struct bpf_dynptr rec;
	__u64 value = 42;

	if (bpf_ringbuf_reserve_dynptr(&events, want, 0, &rec))
		return 1;	/* BUG: `rec` is still reserved here */

	bpf_dynptr_write(&rec, 0, &value, sizeof(value), 0);
	bpf_ringbuf_submit_dynptr(&rec, 0);
	return 0;
}

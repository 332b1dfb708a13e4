/* Lesson: a ring buffer record through a dynptr (reserve, write, submit).
 *
 * bpf_ringbuf_reserve() needs a size the verifier knows (a constant);
 * bpf_ringbuf_reserve_dynptr() takes any size, checked when the program
 * runs, and hands back `rec`, a dynptr over the record. The program writes
 * a fixed header and then a message whose length is only known at run time
 * (the global `msg_len`): bpf_dynptr_write() checks every write against the
 * record's bounds, so no pointer arithmetic has to convince the verifier.
 *
 * The reservation is a reference the verifier tracks (the dynptr's
 * ref_obj_id): every path must submit or discard it, even the one where
 * the reservation failed (then `rec` is a null dynptr, size 0, and
 * discarding it does nothing). Lesson rej_ringbuf_leak.c shows the
 * rejection when one path forgets.
 *
 * Verified under the 6.18 profile (these helpers are upstream, since 5.19);
 * the series profile accepts it too. Look at the Ring buffer panel: one
 * committed record of 8 + 11 bytes; step through to watch `rec` in the
 * Dynptrs panel until bpf_ringbuf_submit_dynptr() releases it.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

/* What user space reads first in every record. */
struct header {
	__u32 seq;
	__u32 len;
};

/* Set by the loader in a real program; here a global the page shows. */
char msg[32] = "hello, ring";
__u32 msg_len = 11;
__u32 seq;

SEC("syscall")
int ringbuf_record(void *ctx)
{
	struct bpf_dynptr rec;
	struct header hdr;
	__u32 len = msg_len;

	/* bpf_dynptr_write() needs a size the verifier can bound */
	if (len > sizeof(msg))
		return 1;
	hdr.seq = ++seq;
	hdr.len = len;

	/* the size is a run-time value: only the dynptr API allows that */
	if (bpf_ringbuf_reserve_dynptr(&events, sizeof(hdr) + len, 0, &rec)) {
		/* failed (too big, or the buffer is full): still release it */
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return 2;
	}
	/* each write is checked against the record: [0, 8) then [8, 8 + len) */
	bpf_dynptr_write(&rec, 0, &hdr, sizeof(hdr), 0);
	bpf_dynptr_write(&rec, sizeof(hdr), msg, len, 0);

	/* the record goes to the consumer; `rec` is dead from here on */
	bpf_ringbuf_submit_dynptr(&rec, 0);
	return 0;
}

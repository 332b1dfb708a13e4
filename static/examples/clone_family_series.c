/* Lesson: helpers vs kfuncs (1/2) - a clone family with the series' helpers.
 *
 * bpf_dynptr_clone(&rec, &body, 8) makes `body` a second view of the same
 * ring buffer record, starting 8 bytes in. Narrowing the clone (here
 * bpf_dynptr_trim) leaves the original untouched: `rec` still sees all 16
 * bytes, `body` only [8, 12). A write past the clone's end is no verifier
 * error: bpf_dynptr_write checks it at run time and returns -E2BIG (-7).
 *
 * Clones share one reference: they are one family. Submitting the record
 * through any member releases them all, so after the last line `rec` is as
 * dead as `body` (lesson rej_use_after_submit.c shows the rejection when a
 * program touches it).
 *
 * Uses the series' helpers (clone with an offset, trim, get_size,
 * get_offset): verified under the `series` profile. Its pair,
 * clone_family_kfuncs.c, is the same program with upstream kfuncs.
 * Look at: the Dynptrs panel (`rec` and `body` drawn as one family), the
 * Ring buffer panel, and the globals in Maps & output.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_series.h"

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

/* What the clone saw, for the Maps panel. */
long body_size, body_offset, rec_size, too_long;

SEC("syscall")
int clone_family_series(void *ctx)
{
	struct bpf_dynptr rec, body;
	__u32 header[2] = { 0xc10e, 0 };
	char text[8] = "abcdefg";

	/* 16 bytes: an 8-byte header, then a body */
	if (bpf_ringbuf_reserve_dynptr(&events, 16, 0, &rec)) {
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return 1;
	}
	/* the clone starts 8 bytes in: [8, 16) */
	if (bpf_dynptr_clone(&rec, &body, 8)) {
		/* rec and body are one family: discarding rec ends both */
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return 2;
	}
	/* narrow the clone only: [8, 12) */
	bpf_dynptr_trim(&body, 4);
	body_size = bpf_dynptr_get_size(&body);		/* 4 */
	body_offset = bpf_dynptr_get_offset(&body);	/* 8 */
	rec_size = bpf_dynptr_get_size(&rec);		/* still 16 */

	/* 8 bytes do not fit in the 4-byte view: -E2BIG at run time */
	too_long = bpf_dynptr_write(&body, 0, text, 8, 0);
	bpf_dynptr_write(&body, 0, text, 4, 0);

	/* the header, through the original view */
	header[1] = body_size;
	bpf_dynptr_write(&rec, 0, header, sizeof(header), 0);

	/* through the clone: releases the record, so `rec` dies too */
	bpf_ringbuf_submit_dynptr(&body, 0);
	return 0;
}

/* Lesson: helpers vs kfuncs (2/2) - the same clone family with upstream kfuncs.
 *
 * clone_family_series.c written with the kfuncs Linux merged (6.4):
 *
 *   bpf_dynptr_clone(&rec, &body, 8)  ->  bpf_dynptr_clone(&rec, &body)
 *   bpf_dynptr_trim(&body, 4)             + bpf_dynptr_adjust(&body, 8, 12)
 *   bpf_dynptr_get_size(&body)        ->  bpf_dynptr_size(&body)
 *   bpf_dynptr_get_offset(&body)      ->  (no kfunc: upstream keeps the
 *                                          offset private)
 *
 * The upstream clone takes no offset: a clone starts as an exact copy, and
 * one kfunc, bpf_dynptr_adjust(start, end), does what advance and trim
 * did, relative to the current view. The family rules did not change:
 * submitting through the clone releases the original too.
 *
 * Verified under the 6.18 profile, and loads and runs in a real Linux 6.18
 * (same record, same globals as the playground).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

/* What the clone saw, for the Maps panel. */
long body_size, rec_size, too_long;

SEC("syscall")
int clone_family_kfuncs(void *ctx)
{
	struct bpf_dynptr rec, body;
	__u32 header[2] = { 0xc10e, 0 };
	char text[8] = "abcdefg";

	/* 16 bytes: an 8-byte header, then a body */
	if (bpf_ringbuf_reserve_dynptr(&events, 16, 0, &rec)) {
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return 1;
	}
	/* an exact copy of rec: [0, 16) */
	if (bpf_dynptr_clone(&rec, &body)) {
		/* rec and body are one family: discarding rec ends both */
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return 2;
	}
	/* narrow the clone only: [8, 12) */
	bpf_dynptr_adjust(&body, 8, 12);
	body_size = bpf_dynptr_size(&body);	/* 4 */
	rec_size = bpf_dynptr_size(&rec);	/* still 16 */

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

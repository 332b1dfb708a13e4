/* Lesson: bpf_loop - a callback per byte of the packet, through a dynptr.
 *
 * Counts the printable ASCII bytes of the packet. bpf_loop(n, cb, ctx, 0)
 * calls `cb(i, ctx)` for i = 0 .. n-1 (or until cb returns 1), where n is
 * only known at run time: here the packet's size, from bpf_dynptr_size().
 * Upstream kept this helper (5.17) as its callback loop; the series'
 * bpf_dynptr_iterator (iterate_series.c) was not merged.
 *
 * The callback reaches the caller's dynptr through the context: `pkt`
 * lives in the caller's frame, inside `struct scan`, and the callback
 * passes `&sc->pkt` to bpf_dynptr_read(). The verifier checks the
 * callback once with `i` unknown, so the read at offset i is checked at
 * run time by the dynptr (never out of bounds, whatever n was).
 *
 * Verified under the 6.18 profile, and loads and runs in a real Linux 6.18
 * (bpf_dynptr_from_xdp and bpf_dynptr_size are kfuncs there). Look at: the
 * Call stack panel while stepping (one frame per iteration), and the
 * global `printable`: 13 for the default packet (the payload "dynptr!"
 * and six header bytes that happen to be printable, such as 0x45, 'E').
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

char _license[] SEC("license") = "GPL";

__u32 printable;

struct scan {
	struct bpf_dynptr pkt;
	__u32 count;
};

/* i: the iteration; data: the caller's struct scan. 0: go on, 1: stop. */
static int count_printable(__u32 i, void *data)
{
	struct scan *sc = data;
	__u8 c;

	if (bpf_dynptr_read(&c, 1, &sc->pkt, i, 0))
		return 1;	/* past the end: stop early */
	if (c >= ' ' && c <= '~')
		sc->count++;
	return 0;
}

SEC("xdp")
int loop_callback(struct xdp_md *ctx)
{
	struct scan sc = {};

	if (bpf_dynptr_from_xdp(ctx, 0, &sc.pkt))
		return XDP_PASS;
	bpf_loop(bpf_dynptr_size(&sc.pkt), count_printable, &sc, 0);
	printable = sc.count;
	return XDP_PASS;
}

/* Lesson: rejected - a slice can be NULL; check it before using it.
 *
 * bpf_dynptr_slice() returns a pointer to `len` bytes of the packet, or
 * NULL when the packet has fewer bytes than that at this offset: a frame
 * of 40 bytes has no TCP header at offset 34. The verifier types the
 * return value `rdonly_mem_or_null` and refuses any access through it
 * until a comparison with NULL has split the paths:
 *
 *   R0 invalid mem access 'rdonly_mem_or_null'
 *
 * The page marks the C line that dereferences the slice. The fix is one
 * line: `if (!eth) return XDP_PASS;` right after the call. After that
 * test, the verifier knows R0 is a pointer to 14 readable bytes on one
 * path and 0 on the other (xdp_parse_kfuncs.c does it for every header).
 * The slice is read-only: bpf_dynptr_slice_rdwr() gives a writable one.
 *
 * Verified under the 6.18 profile; Linux 6.18 rejects it with the same
 * message.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dynptr_kfuncs.h"

char _license[] SEC("license") = "GPL";

SEC("xdp")
int rej_slice_null_check(struct xdp_md *ctx)
{
	struct bpf_dynptr pkt;
	struct ethhdr *eth, buf;

	bpf_dynptr_from_xdp(ctx, 0, &pkt);
	eth = bpf_dynptr_slice(&pkt, 0, &buf, sizeof(buf));
	/* BUG: no `if (!eth)` before the access */
	if (eth->h_proto == bpf_htons(ETH_P_IPV6))
		return XDP_DROP;
	return XDP_PASS;
}

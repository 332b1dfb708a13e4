/* Lesson: rejected - a length from a map is used as a size unchecked.
 *
 * The length of the header to copy comes from a map that user space
 * fills: the verifier knows nothing of its value, so `len` may be any
 * 32-bit number. bpf_dynptr_read() copies `len` bytes into `buf`, 64
 * bytes on the stack, and the verifier must prove the copy fits:
 *
 *   R2 unbounded memory access, use 'var &= const' or 'if (var < const)'
 *
 * Verify, then look at the numbered markers: the first is where `len`
 * became unbounded (the load from the map value), the last the call that
 * uses it. The fix is one line: `if (len > sizeof(buf)) return XDP_PASS;`
 * (or `len &= 63`) before the call.
 *
 * Verified under the 6.18 profile; Linux 6.18 rejects it with the same
 * message.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} hdr_len SEC(".maps");

SEC("xdp")
int rej_unbounded_len(struct xdp_md *ctx)
{
	struct bpf_dynptr pkt;
	char buf[64];
	__u32 key = 0, *cfg, len;

	cfg = bpf_map_lookup_elem(&hdr_len, &key);
	if (!cfg)
		return XDP_PASS;
	len = *cfg;
	bpf_dynptr_from_xdp(ctx, 0, &pkt);
	/* BUG: nothing bounds `len` by sizeof(buf) */
	bpf_dynptr_read(buf, len, &pkt, 0, 0);
	return buf[0] == 0x45 ? XDP_DROP : XDP_PASS;
}

// Two programs for examples/wasm-test, built by build.rs with
// `clang -O2 -g -target bpf -mcpu=v3`:
//   count_eth      (xdp)     the verifier accepts it; it counts packets in
//                            globals and logs each frame's EtherType and
//                            length as a ring buffer record;
//   forgets_discard (syscall) the verifier rejects it: a failed
//                            bpf_ringbuf_reserve_dynptr still holds a
//                            reference that must be discarded.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

// Helpers of the dynptr series that libbpf does not declare (the series'
// helper numbers; see tests/programs/include/dynptr_series.h).
static long (*bpf_dynptr_from_xdp)(struct xdp_md *xdp_md, __u64 flags, struct bpf_dynptr *ptr) = (void *) 213;
static long (*bpf_dynptr_get_size)(struct bpf_dynptr *ptr) = (void *) 218;

struct event {
	__u16 proto;
	__u16 pad;
	__u32 len;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

__u64 packets = 0;                 /* .bss */
__u32 last_proto = 0;              /* .bss */
const volatile __u32 min_len = ETH_HLEN; /* .rodata */

SEC("xdp")
int count_eth(struct xdp_md *ctx)
{
	struct bpf_dynptr pkt, rec;
	struct ethhdr eth;
	struct event ev = {};

	if (bpf_dynptr_from_xdp(ctx, 0, &pkt))
		return XDP_ABORTED;
	ev.len = bpf_dynptr_get_size(&pkt);
	if (ev.len < min_len)
		return XDP_DROP;
	if (bpf_dynptr_read(&eth, sizeof(eth), &pkt, 0, 0))
		return XDP_DROP;
	ev.proto = bpf_ntohs(eth.h_proto);
	packets++;
	last_proto = ev.proto;

	if (bpf_ringbuf_reserve_dynptr(&events, sizeof(ev), 0, &rec)) {
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return XDP_PASS;
	}
	bpf_dynptr_write(&rec, 0, &ev, sizeof(ev), 0);
	bpf_ringbuf_submit_dynptr(&rec, 0);
	return XDP_PASS;
}

SEC("syscall")
int forgets_discard(void *ctx)
{
	struct bpf_dynptr rec;

	if (bpf_ringbuf_reserve_dynptr(&events, 8, 0, &rec))
		return 1; /* the reference leaks: the kernel wants a discard here too */
	bpf_ringbuf_submit_dynptr(&rec, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

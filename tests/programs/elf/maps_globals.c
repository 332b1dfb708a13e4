// Several programs in one object: array and hash maps, globals in .bss,
// .data and .rodata, a static subprogram, a bpf_loop callback, and a
// program whose section starts with '?' (not auto-loaded by libbpf).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct value {
	__u64 packets;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, struct value);
} counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 128);
	__uint(key_size, 8);
	__uint(value_size, 4);
} seen SEC(".maps");

__u32 hits;                      /* .bss */
__u64 total_len = 7;             /* .data */
__u32 scale = 3;                 /* .data */
const volatile __u32 limit = 100; /* .rodata */

static __attribute__((noinline)) int account(__u32 idx, __u64 len)
{
	struct value *v = bpf_map_lookup_elem(&counters, &idx);

	if (!v)
		return -1;
	v->packets++;
	v->bytes += len * scale;
	return 0;
}

struct loop_ctx {
	__u64 sum;
};

static int add_one(__u32 i, void *data)
{
	struct loop_ctx *c = data;

	c->sum += i;
	return 0;
}

SEC("xdp")
int count_xdp(struct xdp_md *ctx)
{
	__u64 len = ctx->data_end - ctx->data;

	hits++;
	total_len += len;
	if (len > limit)
		return XDP_DROP;
	account(0, len);
	return XDP_PASS;
}

SEC("?tc")
int count_tc(struct __sk_buff *skb)
{
	__u64 key = skb->mark;
	__u32 one = 1;

	account(1, skb->len);
	bpf_map_update_elem(&seen, &key, &one, BPF_ANY);
	return 0;
}

SEC("syscall")
int loop_sum(void *ctx)
{
	struct loop_ctx c = { .sum = 0 };

	bpf_loop(limit, add_one, &c, 0);
	hits += c.sum;
	return c.sum;
}

char LICENSE[] SEC("license") = "GPL";

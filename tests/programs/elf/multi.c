// Two programs in one section, a global (non-static) subprogram, nested
// subprogram calls, bpf_printk's format strings, a struct global in a
// custom data section, and a series helper called from a subprogram.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_series.h"

struct stats {
	__u32 calls;
	__u32 last;
	__u64 sum;
};

struct stats stats SEC(".data.stats") = { .calls = 1, .last = 2, .sum = 3 };
const volatile __u32 shift = 2;
const volatile __u8 tag[3] = { 'a', 'b', 'c' };

static __attribute__((noinline)) __u32 mix(__u32 x)
{
	return (x << shift) ^ tag[1];
}

static __attribute__((noinline)) __u32 twice(__u32 x)
{
	return mix(x) + mix(x + 1);
}

__attribute__((noinline)) int shared_len(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;

	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return -1;
	return bpf_dynptr_get_size(&ptr);
}

SEC("tc")
int tc_first(struct __sk_buff *skb)
{
	stats.calls++;
	stats.last = twice(skb->len);
	bpf_printk("first %u", stats.last);
	return shared_len(skb) > 0;
}

SEC("tc")
int tc_second(struct __sk_buff *skb)
{
	stats.sum += mix(skb->mark);
	bpf_printk("second %llu", stats.sum);
	return shared_len(skb);
}

char LICENSE[] SEC("license") = "GPL";

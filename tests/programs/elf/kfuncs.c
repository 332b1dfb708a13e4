// The upstream kfunc flavour: extern __ksym declarations, resolved by name.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

__u32 seen_size;

SEC("xdp")
int xdp_slice(struct xdp_md *ctx)
{
	struct bpf_dynptr ptr;
	__u8 buf[4] = {};
	__u8 *p;

	if (bpf_dynptr_from_xdp(ctx, 0, &ptr))
		return XDP_ABORTED;
	if (bpf_dynptr_adjust(&ptr, 2, 10))
		return XDP_ABORTED;
	seen_size = bpf_dynptr_size(&ptr);
	p = bpf_dynptr_slice(&ptr, 0, buf, sizeof(buf));
	if (!p)
		return XDP_DROP;
	return p[0] == 0xff ? XDP_DROP : XDP_PASS;
}

SEC("syscall")
int iter_sum(void *ctx)
{
	struct bpf_iter_num it;
	int *v, sum = 0;

	bpf_iter_num_new(&it, 0, 5);
	while ((v = bpf_iter_num_next(&it)))
		sum += *v;
	bpf_iter_num_destroy(&it);
	return sum;
}

char LICENSE[] SEC("license") = "GPL";

// Global (non-static) functions: the kernel verifies each once, from its
// BTF prototype, and checks every call's arguments against that prototype
// instead of walking the function with the caller's state.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

/* A dynptr parameter: an initialised dynptr the function may read. */
__attribute__((noinline)) int gf_sum_ports(struct bpf_dynptr *p)
{
	__u8 b[2];

	if (bpf_dynptr_read(b, sizeof(b), p, 12, 0))
		return -5;
	return b[0] + b[1];
}

/* A pointer to memory: sizeof(__u8) bytes, and maybe NULL. */
__attribute__((noinline)) int gf_first_last(const __u8 *buf)
{
	if (!buf)
		return -1;
	return buf[0] + buf[7];
}

/* The same without the NULL check. */
__attribute__((noinline)) int gf_first_unchecked(const __u8 *buf)
{
	return buf[0];
}

/* A context parameter and a scalar. */
__attribute__((noinline)) int gf_len_plus(struct __sk_buff *skb, int x)
{
	return skb->len + x;
}

/* A global function must return a scalar. */
__attribute__((noinline)) void gf_log(int x)
{
	bpf_printk("%d", x);
}

__attribute__((noinline)) int gf_inc(int x)
{
	return x + 1;
}

/* A global function calling another. */
__attribute__((noinline)) int gf_twice_inc(int x)
{
	return gf_inc(x) * 2;
}

SEC("tc")
int global_dynptr_arg(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;

	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return -1;
	return gf_sum_ports(&ptr);
}

/* Rejected: the context is not a dynptr. */
SEC("tc")
int global_dynptr_not_stack(struct __sk_buff *skb)
{
	return gf_sum_ports((struct bpf_dynptr *)skb);
}

/* Rejected: the dynptr was never initialised. */
SEC("tc")
int global_dynptr_uninit(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;

	return gf_sum_ports(&ptr);
}

/* Rejected inside the function: buf points to one byte. */
SEC("tc")
int global_mem_one_byte(struct __sk_buff *skb)
{
	__u8 b[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	return gf_first_last(b);
}

/* Rejected inside the function: buf may be NULL. */
SEC("tc")
int global_mem_maybe_null(struct __sk_buff *skb)
{
	__u8 b[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	return gf_first_unchecked(b);
}

SEC("tc")
int global_ctx_arg(struct __sk_buff *skb)
{
	return gf_len_plus(skb, 3);
}

/* Rejected: a stack pointer where the prototype wants the context. */
SEC("tc")
int global_ctx_not_ctx(struct __sk_buff *skb)
{
	__u64 x = 0;

	return gf_len_plus((void *)&x, 3);
}

/* Rejected: gf_log returns void. */
SEC("tc")
int global_void_return(struct __sk_buff *skb)
{
	gf_log(skb->len);
	return 0;
}

SEC("tc")
int global_calls_global(struct __sk_buff *skb)
{
	return gf_twice_inc(skb->len) + gf_inc(3);
}

/* Rejected: a pointer where the prototype wants a scalar. */
SEC("tc")
int global_scalar_not_scalar(struct __sk_buff *skb)
{
	return gf_inc((long)skb);
}

char LICENSE[] SEC("license") = "GPL";

// Socket filters (SEC("socket"), BPF_PROG_TYPE_SOCKET_FILTER): the skb context
// without packet pointers, cb[] the only writable field, the packet read
// through ld_abs or a read-only skb dynptr.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

SEC("socket")
int sock_len(struct __sk_buff *skb)
{
	return skb->len;
}
SEC("socket")
int sock_data(struct __sk_buff *skb)
{
	return skb->data_end - skb->data;
}
SEC("socket")
int sock_mark_write(struct __sk_buff *skb)
{
	skb->mark = 1;
	return 0;
}
SEC("socket")
int sock_cb_write(struct __sk_buff *skb)
{
	skb->cb[1] = 7;
	return skb->cb[1] + skb->protocol;
}
SEC("socket")
int sock_dynptr(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u8 b[2];
	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return -1;
	if (bpf_dynptr_read(b, 2, &ptr, 0, 0))
		return -2;
	return b[0] * 256 + b[1] + bpf_dynptr_is_rdonly(&ptr) * 100000;
}
SEC("socket")
int sock_dynptr_write(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u8 b[2] = {1, 2};
	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return -1;
	return bpf_dynptr_write(&ptr, 0, b, 2, 0);
}
SEC("socket")
int sock_slice_rdwr(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u8 buf[4];
	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return -1;
	__u8 *p = bpf_dynptr_slice_rdwr(&ptr, 0, buf, 4);
	return p ? p[0] : -3;
}
unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
SEC("socket")
int sock_ld_abs(struct __sk_buff *skb)
{
	return load_byte(skb, 9);
}
char LICENSE[] SEC("license") = "GPL";

// The dynptr kfuncs Linux added after 6.5, checked against the running
// kernel: bpf_dynptr_memset (6.17), bpf_dynptr_copy and the probe-read /
// copy-from-user kfuncs into a dynptr (6.16). The copy_from_user ones are
// sleepable: `syscall` programs may call them, xdp ones may not.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

extern int bpf_dynptr_memset(struct bpf_dynptr *p, __u32 offset, __u32 size, __u8 val) __ksym;
extern int bpf_dynptr_copy(struct bpf_dynptr *dst_ptr, __u32 dst_off, struct bpf_dynptr *src_ptr,
			   __u32 src_off, __u32 size) __ksym;
extern int bpf_probe_read_user_dynptr(struct bpf_dynptr *dptr, __u32 off, __u32 size,
				      const void *unsafe_ptr__ign) __ksym;
extern int bpf_probe_read_kernel_dynptr(struct bpf_dynptr *dptr, __u32 off, __u32 size,
					const void *unsafe_ptr__ign) __ksym;
extern int bpf_probe_read_user_str_dynptr(struct bpf_dynptr *dptr, __u32 off, __u32 size,
					  const void *unsafe_ptr__ign) __ksym;
extern int bpf_probe_read_kernel_str_dynptr(struct bpf_dynptr *dptr, __u32 off, __u32 size,
					    const void *unsafe_ptr__ign) __ksym;
extern int bpf_copy_from_user_dynptr(struct bpf_dynptr *dptr, __u32 off, __u32 size,
				     const void *unsafe_ptr__ign) __ksym;
extern int bpf_copy_from_user_str_dynptr(struct bpf_dynptr *dptr, __u32 off, __u32 size,
					 const void *unsafe_ptr__ign) __ksym;

char LICENSE[] SEC("license") = "GPL";

__u8 area[32];
__u8 src[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
__u8 dst[16];
char msg[16] = "probe me";
__u8 out[24];
long errs[8];

/* memset inside the view, past its end, and on a null dynptr (size 0 is
 * fine there, size 1 is not); returns the sum of the area's bytes. */
SEC("syscall")
int memset_local(void *ctx)
{
	struct bpf_dynptr ptr, null;
	int sum = 0;

	if (bpf_dynptr_from_mem(area, sizeof(area), 0, &ptr))
		return -1;
	errs[0] = bpf_dynptr_memset(&ptr, 4, 8, 0xab);
	errs[1] = bpf_dynptr_memset(&ptr, 30, 4, 1);
	bpf_dynptr_from_mem(area, sizeof(area), 1, &null);
	errs[2] = bpf_dynptr_memset(&null, 0, 0, 1);
	errs[3] = bpf_dynptr_memset(&null, 0, 1, 1);
	if (bpf_dynptr_adjust(&ptr, 8, 16))
		return -2;
	errs[4] = bpf_dynptr_memset(&ptr, 0, 8, 0x11);
	errs[5] = bpf_dynptr_memset(&ptr, 1, 8, 0x22);
	for (int i = 0; i < 32; i++)
		sum += area[i];
	return sum;
}

/* copies between two local dynptrs, one overlapping copy inside one
 * dynptr, and the error codes: range past the end of the destination or
 * the source, null source, null destination. */
SEC("syscall")
int copy_local(void *ctx)
{
	struct bpf_dynptr s, d, null;

	if (bpf_dynptr_from_mem(src, sizeof(src), 0, &s))
		return -1;
	if (bpf_dynptr_from_mem(dst, sizeof(dst), 0, &d))
		return -2;
	bpf_dynptr_from_mem(dst, sizeof(dst), 1, &null);
	errs[0] = bpf_dynptr_copy(&d, 2, &s, 0, 8);
	errs[1] = bpf_dynptr_copy(&s, 1, &s, 0, 8);
	errs[2] = bpf_dynptr_copy(&d, 10, &s, 0, 8);
	errs[3] = bpf_dynptr_copy(&d, 0, &s, 12, 8);
	errs[4] = bpf_dynptr_copy(&d, 0, &null, 0, 4);
	errs[5] = bpf_dynptr_copy(&null, 0, &s, 0, 4);
	errs[6] = bpf_dynptr_copy(&null, 0, &null, 0, 0);
	errs[7] = bpf_dynptr_copy(&null, 0, &null, 0, 1);
	return dst[2] + dst[9] * 256;
}

/* The probe reads into a dynptr: kernel memory (the stack, a global) and
 * the errors (-ERANGE, -EFAULT, -E2BIG); the string variants return the
 * length with the NUL. */
SEC("syscall")
int probe_into_dynptr(void *ctx)
{
	struct bpf_dynptr ptr;
	__u64 local = 0x0102030405060708ULL;

	if (bpf_dynptr_from_mem(out, sizeof(out), 0, &ptr))
		return -1;
	errs[0] = bpf_probe_read_kernel_dynptr(&ptr, 0, 8, &local);
	errs[1] = bpf_probe_read_kernel_dynptr(&ptr, 20, 8, msg);
	errs[2] = bpf_probe_read_kernel_dynptr(&ptr, 0, 4, (void *)0x1000);
	errs[3] = bpf_probe_read_user_dynptr(&ptr, 0, 4, (void *)0);
	errs[4] = bpf_probe_read_kernel_str_dynptr(&ptr, 8, 6, msg);
	errs[5] = bpf_probe_read_kernel_str_dynptr(&ptr, 16, 8, msg);
	errs[6] = bpf_probe_read_user_str_dynptr(&ptr, 16, 8, (void *)0);
	errs[7] = bpf_probe_read_kernel_str_dynptr(&ptr, 16, 8, (void *)0x1000);
	return out[0] + out[13] * 256;
}

/* copy_from_user of unreadable user memory returns the number of bytes it
 * could not copy and zeroes them; of a kernel address, the same (access_ok
 * fails); the string variant returns -EFAULT. */
SEC("syscall")
int copy_from_user_sleepable(void *ctx)
{
	struct bpf_dynptr ptr;
	__u64 local = 7;

	__builtin_memset(out, 0x5a, sizeof(out));
	if (bpf_dynptr_from_mem(out, sizeof(out), 0, &ptr))
		return -1;
	errs[0] = bpf_copy_from_user_dynptr(&ptr, 0, 8, (void *)0);
	errs[1] = bpf_copy_from_user_dynptr(&ptr, 8, 4, &local);
	errs[2] = bpf_copy_from_user_str_dynptr(&ptr, 12, 4, (void *)0);
	errs[3] = bpf_copy_from_user_str_dynptr(&ptr, 12, 0, (void *)0);
	errs[4] = bpf_copy_from_user_dynptr(&ptr, 20, 8, (void *)0);
	return out[0] + out[12] + out[16];
}

/* memset of the destination MAC through an xdp dynptr; -E2BIG past the
 * packet's end; returns the first byte after. */
SEC("xdp")
int xdp_memset_mac(struct xdp_md *ctx)
{
	struct bpf_dynptr ptr;
	__u8 b = 0;

	if (bpf_dynptr_from_xdp(ctx, 0, &ptr))
		return 1;
	if (bpf_dynptr_memset(&ptr, 0, 6, 0xee))
		return 2;
	if (bpf_dynptr_memset(&ptr, 48, 4, 0) != -7)
		return 3;
	bpf_dynptr_read(&b, 1, &ptr, 5, 0);
	return b;
}

/* Swaps nothing but copies the source MAC over the destination MAC inside
 * one skb dynptr. */
SEC("tc")
int skb_copy_mac(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	__u8 b[2] = {};

	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return 1;
	if (bpf_dynptr_copy(&ptr, 0, &ptr, 6, 6))
		return 2;
	bpf_dynptr_read(b, 2, &ptr, 4, 0);
	return b[0] << 8 | b[1];
}

/* Refused: a sleepable kfunc in an xdp program. */
SEC("xdp")
int xdp_bad_copy_from_user(struct xdp_md *ctx)
{
	struct bpf_dynptr ptr;

	if (bpf_dynptr_from_xdp(ctx, 0, &ptr))
		return 1;
	return bpf_copy_from_user_dynptr(&ptr, 0, 4, (void *)0);
}

/* Refused: memset of a dynptr that was never initialised. */
SEC("syscall")
int memset_bad_uninit(void *ctx)
{
	struct bpf_dynptr ptr;

	return bpf_dynptr_memset(&ptr, 0, 4, 0);
}

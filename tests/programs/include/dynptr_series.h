/* The helpers of the dynptr series (helper numbers 212..221) that no libbpf
 * declares, in the helper-call idiom: a function pointer whose value is the
 * helper number. Include after <bpf/bpf_helpers.h>.
 *
 * Some names (bpf_dynptr_from_skb, _from_xdp, _is_null, _is_rdonly, _clone)
 * are also upstream kfuncs with other prototypes: a program uses this header
 * or dynptr_kfuncs.h, never both.
 */
#ifndef DYNPTR_SERIES_H
#define DYNPTR_SERIES_H

#include <linux/bpf.h>

static long (*bpf_dynptr_from_skb)(struct __sk_buff *skb, __u64 flags, struct bpf_dynptr *ptr) = (void *) 212;
static long (*bpf_dynptr_from_xdp)(struct xdp_md *xdp_md, __u64 flags, struct bpf_dynptr *ptr) = (void *) 213;
static long (*bpf_dynptr_advance)(struct bpf_dynptr *ptr, __u32 len) = (void *) 214;
static long (*bpf_dynptr_trim)(struct bpf_dynptr *ptr, __u32 len) = (void *) 215;
static long (*bpf_dynptr_is_null)(struct bpf_dynptr *ptr) = (void *) 216;
static long (*bpf_dynptr_is_rdonly)(struct bpf_dynptr *ptr) = (void *) 217;
static long (*bpf_dynptr_get_size)(struct bpf_dynptr *ptr) = (void *) 218;
static long (*bpf_dynptr_get_offset)(struct bpf_dynptr *ptr) = (void *) 219;
static long (*bpf_dynptr_clone)(struct bpf_dynptr *ptr, struct bpf_dynptr *clone, __u32 offset) = (void *) 220;
static long (*bpf_dynptr_iterator)(struct bpf_dynptr *ptr, void *callback_fn, void *callback_ctx, __u64 flags) = (void *) 221;

#endif

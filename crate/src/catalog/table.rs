//! The table itself: one entry per helper and kfunc. Prototypes follow the
//! `bpf_func_proto` definitions of the specification's kernel (helpers) and
//! the kfunc declarations of the Linux version that merged each kfunc.

use super::proto::flags::*;
use super::proto::{ArgBase::*, ArgType, FuncKind, FuncProto, RetType};
use super::{Availability, Doc, FuncDef};
use crate::program::ProgType;

const fn a(base: super::ArgBase) -> ArgType {
    ArgType::plain(base)
}
const fn af(base: super::ArgBase, f: u32) -> ArgType {
    ArgType::with(base, f)
}
const fn h(id: u32) -> FuncKind {
    FuncKind::Helper { id }
}
const fn k(btf_id: u32) -> FuncKind {
    FuncKind::Kfunc { btf_id }
}

const SKB_TYPES: &[ProgType] = &[ProgType::Tc, ProgType::CgroupSkb];
const TC_ONLY: &[ProgType] = &[ProgType::Tc];
const XDP_ONLY: &[ProgType] = &[ProgType::Xdp];

/// Every helper and kfunc, helpers by number first, then kfuncs.
pub(super) static TABLE: &[FuncDef] = &[
    FuncDef {
        name: "bpf_map_lookup_elem",
        kind: h(1),
        proto: FuncProto { ret: RetType::PtrToMapValueOrNull, args: &[a(ConstMapPtr), a(PtrToMapKey)] },
        doc: Doc {
            signature: "void *bpf_map_lookup_elem(struct bpf_map *map, const void *key)",
            description: "Look up the entry of `map` for `key`.",
            returns: "Pointer to the value, or NULL when there is no entry.",
        },
        origin: "v3.18",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_map_update_elem",
        kind: h(2),
        proto: FuncProto {
            ret: RetType::Integer,
            args: &[a(ConstMapPtr), a(PtrToMapKey), a(PtrToMapValue), a(Anything)],
        },
        doc: Doc {
            signature: "long bpf_map_update_elem(struct bpf_map *map, const void *key, const void *value, u64 flags)",
            description: "Add or update the entry of `map` for `key`. `flags`: BPF_ANY (0), BPF_NOEXIST (1), BPF_EXIST (2).",
            returns: "0 on success; -EINVAL for bad flags, -EEXIST/-ENOENT when the flag's condition fails, -E2BIG when a hash map is full or an array index is out of range.",
        },
        origin: "v3.18",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_map_delete_elem",
        kind: h(3),
        proto: FuncProto { ret: RetType::Integer, args: &[a(ConstMapPtr), a(PtrToMapKey)] },
        doc: Doc {
            signature: "long bpf_map_delete_elem(struct bpf_map *map, const void *key)",
            description: "Delete the entry of `map` for `key`.",
            returns: "0 on success; -ENOENT when there is no entry; -EINVAL for array maps.",
        },
        origin: "v3.18",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_ktime_get_ns",
        kind: h(5),
        proto: FuncProto { ret: RetType::Integer, args: &[] },
        doc: Doc {
            signature: "u64 bpf_ktime_get_ns(void)",
            description: "Time since boot in nanoseconds (the simulated monotonic clock; it advances with every instruction).",
            returns: "Current time in ns.",
        },
        origin: "v4.1",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_trace_printk",
        kind: h(6),
        proto: FuncProto {
            ret: RetType::Integer,
            args: &[af(PtrToMem, MEM_RDONLY), a(ConstSize), a(Anything), a(Anything), a(Anything)],
        },
        doc: Doc {
            signature: "long bpf_trace_printk(const char *fmt, u32 fmt_size, ...)",
            description: "Print a formatted message (up to three arguments: %d %i %u %x %ld %lu %lx %lld %llu %llx %p %s %c %%) to the trace pipe, shown in the playground's output panel.",
            returns: "Number of bytes written, or a negative error for a bad format.",
        },
        origin: "v4.1",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_get_prandom_u32",
        kind: h(7),
        proto: FuncProto { ret: RetType::Integer, args: &[] },
        doc: Doc {
            signature: "u32 bpf_get_prandom_u32(void)",
            description: "A pseudo-random number from the world's seeded generator: the same seed gives the same run.",
            returns: "A random 32-bit value.",
        },
        origin: "v4.1",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_get_current_pid_tgid",
        kind: h(14),
        proto: FuncProto { ret: RetType::Integer, args: &[] },
        doc: Doc {
            signature: "u64 bpf_get_current_pid_tgid(void)",
            description: "The current task's thread group id and pid, from the world.",
            returns: "`tgid << 32 | pid`.",
        },
        origin: "v4.2",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_skb_pull_data",
        kind: h(39),
        proto: FuncProto { ret: RetType::Integer, args: &[a(PtrToCtx), a(Anything)] },
        doc: Doc {
            signature: "long bpf_skb_pull_data(struct sk_buff *skb, u32 len)",
            description: "Make the first `len` bytes of the packet linear (all of it for 0), pulling them from the fragments. Every packet pointer and every skb dynptr slice is invalidated.",
            returns: "0 on success, -ENOMEM when `len` is past the packet's end.",
        },
        origin: "v4.9",
        availability: Availability::Only(TC_ONLY),
        changes_pkt_data: true,
    },
    FuncDef {
        name: "bpf_xdp_adjust_head",
        kind: h(44),
        proto: FuncProto { ret: RetType::Integer, args: &[a(PtrToCtx), a(Anything)] },
        doc: Doc {
            signature: "long bpf_xdp_adjust_head(struct xdp_buff *xdp_md, int delta)",
            description: "Move `xdp_md->data` by `delta` bytes (negative grows the packet into the headroom). Every packet pointer and xdp dynptr slice is invalidated.",
            returns: "0 on success, -EINVAL when the new head is outside the headroom or leaves fewer than 14 bytes.",
        },
        origin: "v4.10",
        availability: Availability::Only(XDP_ONLY),
        changes_pkt_data: true,
    },
    FuncDef {
        name: "bpf_xdp_adjust_tail",
        kind: h(65),
        proto: FuncProto { ret: RetType::Integer, args: &[a(PtrToCtx), a(Anything)] },
        doc: Doc {
            signature: "long bpf_xdp_adjust_tail(struct xdp_buff *xdp_md, int delta)",
            description: "Move `xdp_md->data_end` by `delta` bytes (shrinking or growing into the tailroom). Every packet pointer and xdp dynptr slice is invalidated.",
            returns: "0 on success, -EINVAL when the new tail is out of range.",
        },
        origin: "v4.18",
        availability: Availability::Only(XDP_ONLY),
        changes_pkt_data: true,
    },
    FuncDef {
        name: "bpf_ringbuf_output",
        kind: h(130),
        proto: FuncProto {
            ret: RetType::Integer,
            args: &[a(ConstMapPtr), af(PtrToMem, MEM_RDONLY), a(ConstSizeOrZero), a(Anything)],
        },
        doc: Doc {
            signature: "long bpf_ringbuf_output(void *ringbuf, void *data, u64 size, u64 flags)",
            description: "Copy `size` bytes from `data` into a new ring buffer record and submit it.",
            returns: "0 on success; -EINVAL for bad flags; -EAGAIN when the ring buffer is full.",
        },
        origin: "v5.8",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_ringbuf_reserve",
        kind: h(131),
        proto: FuncProto {
            ret: RetType::PtrToAllocMemOrNull,
            args: &[a(ConstMapPtr), a(ConstAllocSizeOrZero), a(Anything)],
        },
        doc: Doc {
            signature: "void *bpf_ringbuf_reserve(void *ringbuf, u64 size, u64 flags)",
            description: "Reserve `size` bytes in the ring buffer. The record must be submitted or discarded before the program exits.",
            returns: "Pointer to the record, or NULL when the ring buffer is full or the flags are non-zero.",
        },
        origin: "v5.8",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_ringbuf_submit",
        kind: h(132),
        proto: FuncProto { ret: RetType::Void, args: &[af(PtrToAllocMem, OBJ_RELEASE), a(Anything)] },
        doc: Doc {
            signature: "void bpf_ringbuf_submit(void *data, u64 flags)",
            description: "Submit a reserved record: the consumer sees it once every earlier record is submitted or discarded.",
            returns: "Nothing.",
        },
        origin: "v5.8",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_ringbuf_discard",
        kind: h(133),
        proto: FuncProto { ret: RetType::Void, args: &[af(PtrToAllocMem, OBJ_RELEASE), a(Anything)] },
        doc: Doc {
            signature: "void bpf_ringbuf_discard(void *data, u64 flags)",
            description: "Discard a reserved record: the consumer skips it.",
            returns: "Nothing.",
        },
        origin: "v5.8",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_ringbuf_query",
        kind: h(134),
        proto: FuncProto { ret: RetType::Integer, args: &[a(ConstMapPtr), a(Anything)] },
        doc: Doc {
            signature: "u64 bpf_ringbuf_query(void *ringbuf, u64 flags)",
            description: "Query the ring buffer: BPF_RB_AVAIL_DATA (0), BPF_RB_RING_SIZE (1), BPF_RB_CONS_POS (2), BPF_RB_PROD_POS (3).",
            returns: "The requested value, or 0 for an unknown flag.",
        },
        origin: "v5.8",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_loop",
        kind: h(181),
        proto: FuncProto {
            ret: RetType::Integer,
            args: &[a(Anything), a(PtrToFunc), af(PtrToStack, PTR_MAYBE_NULL), a(Anything)],
        },
        doc: Doc {
            signature: "long bpf_loop(u32 nr_loops, void *callback_fn, void *callback_ctx, u64 flags)",
            description: "Call `callback_fn(index, callback_ctx)` up to `nr_loops` times; a callback returning 1 stops the loop.",
            returns: "The number of iterations run; -E2BIG when `nr_loops` exceeds 1 << 23; -EINVAL when `flags` is non-zero.",
        },
        origin: "v5.17",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_from_mem",
        kind: h(197),
        proto: FuncProto {
            ret: RetType::Integer,
            args: &[
                af(PtrToMem, MEM_UNINIT),
                a(ConstSizeOrZero),
                a(Anything),
                af(PtrToDynptr, DYNPTR_TYPE_LOCAL | MEM_UNINIT),
            ],
        },
        doc: Doc {
            signature: "long bpf_dynptr_from_mem(void *data, u32 size, u64 flags, struct bpf_dynptr *ptr)",
            description: "Make `ptr` a local dynptr over `size` bytes of `data` (a map value or the stack).",
            returns: "0 on success; -E2BIG when `size` exceeds DYNPTR_MAX_SIZE (16 MiB - 1); -EINVAL when `flags` is non-zero. On error `ptr` is set to null.",
        },
        origin: "v5.19",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_ringbuf_reserve_dynptr",
        kind: h(198),
        proto: FuncProto {
            ret: RetType::Integer,
            args: &[
                a(ConstMapPtr),
                a(Anything),
                a(Anything),
                af(PtrToDynptr, DYNPTR_TYPE_RINGBUF | MEM_UNINIT),
            ],
        },
        doc: Doc {
            signature: "long bpf_ringbuf_reserve_dynptr(void *ringbuf, u32 size, u64 flags, struct bpf_dynptr *ptr)",
            description: "Reserve `size` bytes in the ring buffer and make `ptr` a ringbuf dynptr over them. The dynptr must be submitted or discarded, even when the reservation failed.",
            returns: "0 on success; -E2BIG for a size over DYNPTR_MAX_SIZE; -EINVAL for non-zero flags; -EAGAIN when the ring buffer is full. On error `ptr` is set to null.",
        },
        origin: "v5.19",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_ringbuf_submit_dynptr",
        kind: h(199),
        proto: FuncProto {
            ret: RetType::Void,
            args: &[af(PtrToDynptr, DYNPTR_TYPE_RINGBUF | OBJ_RELEASE), a(Anything)],
        },
        doc: Doc {
            signature: "void bpf_ringbuf_submit_dynptr(struct bpf_dynptr *ptr, u64 flags)",
            description: "Submit the record `ptr` views and set `ptr` (and every clone of it) to null.",
            returns: "Nothing.",
        },
        origin: "v5.19",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_ringbuf_discard_dynptr",
        kind: h(200),
        proto: FuncProto {
            ret: RetType::Void,
            args: &[af(PtrToDynptr, DYNPTR_TYPE_RINGBUF | OBJ_RELEASE), a(Anything)],
        },
        doc: Doc {
            signature: "void bpf_ringbuf_discard_dynptr(struct bpf_dynptr *ptr, u64 flags)",
            description: "Discard the record `ptr` views and set `ptr` (and every clone of it) to null.",
            returns: "Nothing.",
        },
        origin: "v5.19",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_read",
        kind: h(201),
        proto: FuncProto {
            ret: RetType::Integer,
            args: &[
                af(PtrToMem, MEM_UNINIT),
                a(ConstSizeOrZero),
                af(PtrToDynptr, MEM_RDONLY),
                a(Anything),
                a(Anything),
            ],
        },
        doc: Doc {
            signature: "long bpf_dynptr_read(void *dst, u32 len, const struct bpf_dynptr *src, u32 offset, u64 flags)",
            description: "Copy `len` bytes from `offset` into the data `src` views, into `dst`.",
            returns: "0 on success; -EINVAL for a null dynptr or non-zero flags; -E2BIG when `offset + len` passes the dynptr's end.",
        },
        origin: "v5.19",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_write",
        kind: h(202),
        proto: FuncProto {
            ret: RetType::Integer,
            args: &[
                af(PtrToDynptr, MEM_RDONLY),
                a(Anything),
                af(PtrToMem, MEM_RDONLY),
                a(ConstSizeOrZero),
                a(Anything),
            ],
        },
        doc: Doc {
            signature: "long bpf_dynptr_write(const struct bpf_dynptr *dst, u32 offset, void *src, u32 len, u64 flags)",
            description: "Copy `len` bytes from `src` to `offset` into the data `dst` views.",
            returns: "0 on success; -EINVAL for a null or read-only dynptr or bad flags; -E2BIG when `offset + len` passes the dynptr's end.",
        },
        origin: "v5.19",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_data",
        kind: h(203),
        proto: FuncProto {
            ret: RetType::PtrToDynptrMemOrNull,
            args: &[af(PtrToDynptr, MEM_RDONLY), a(Anything), a(ConstAllocSizeOrZero)],
        },
        doc: Doc {
            signature: "void *bpf_dynptr_data(const struct bpf_dynptr *ptr, u32 offset, u32 len)",
            description: "A direct pointer (a data slice) to `len` bytes at `offset` into the data `ptr` views. The slice dies with the dynptr.",
            returns: "The pointer, or NULL for a null or read-only dynptr or when `offset + len` passes the dynptr's end.",
        },
        origin: "v5.19",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_from_skb",
        kind: h(212),
        proto: FuncProto {
            ret: RetType::Integer,
            args: &[a(PtrToCtx), a(Anything), af(PtrToDynptr, DYNPTR_TYPE_SKB | MEM_UNINIT)],
        },
        doc: Doc {
            signature: "long bpf_dynptr_from_skb(struct sk_buff *skb, u64 flags, struct bpf_dynptr *ptr)",
            description: "Make `ptr` an skb dynptr over the whole packet, fragments included. In program types that may not write packet data (cgroup_skb) the dynptr and its slices are read-only.",
            returns: "0 on success; -EINVAL for non-zero flags (and `ptr` is set to null).",
        },
        origin: "series base (skb/xdp dynptrs)",
        availability: Availability::Only(SKB_TYPES),
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_from_xdp",
        kind: h(213),
        proto: FuncProto {
            ret: RetType::Integer,
            args: &[a(PtrToCtx), a(Anything), af(PtrToDynptr, DYNPTR_TYPE_XDP | MEM_UNINIT)],
        },
        doc: Doc {
            signature: "long bpf_dynptr_from_xdp(struct xdp_buff *xdp_md, u64 flags, struct bpf_dynptr *ptr)",
            description: "Make `ptr` an xdp dynptr over the whole packet, fragments included.",
            returns: "0 on success; -EINVAL for non-zero flags (and `ptr` is set to null).",
        },
        origin: "series base (skb/xdp dynptrs)",
        availability: Availability::Only(XDP_ONLY),
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_advance",
        kind: h(214),
        proto: FuncProto { ret: RetType::Integer, args: &[a(PtrToDynptr), a(Anything)] },
        doc: Doc {
            signature: "long bpf_dynptr_advance(struct bpf_dynptr *ptr, u32 len)",
            description: "Advance the dynptr's view by `len` bytes: its offset grows by `len` and its size shrinks by `len`.",
            returns: "0 on success; -EINVAL for a null dynptr; -ERANGE when `len` exceeds the size.",
        },
        origin: "series patch 1",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_trim",
        kind: h(215),
        proto: FuncProto { ret: RetType::Integer, args: &[a(PtrToDynptr), a(Anything)] },
        doc: Doc {
            signature: "long bpf_dynptr_trim(struct bpf_dynptr *ptr, u32 len)",
            description: "Trim `len` bytes off the end of the dynptr's view: its size shrinks by `len`.",
            returns: "0 on success; -EINVAL for a null dynptr; -ERANGE when `len` exceeds the size.",
        },
        origin: "series patch 1",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_is_null",
        kind: h(216),
        proto: FuncProto { ret: RetType::Integer, args: &[a(PtrToDynptr)] },
        doc: Doc {
            signature: "long bpf_dynptr_is_null(struct bpf_dynptr *ptr)",
            description: "Whether the dynptr is null (views no data).",
            returns: "1 when null, 0 otherwise.",
        },
        origin: "series patch 2",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_is_rdonly",
        kind: h(217),
        proto: FuncProto { ret: RetType::Integer, args: &[a(PtrToDynptr)] },
        doc: Doc {
            signature: "long bpf_dynptr_is_rdonly(struct bpf_dynptr *ptr)",
            description: "Whether the dynptr is read-only.",
            returns: "1 when read-only, 0 when writable or null.",
        },
        origin: "series patch 2",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_get_size",
        kind: h(218),
        proto: FuncProto { ret: RetType::Integer, args: &[a(PtrToDynptr)] },
        doc: Doc {
            signature: "long bpf_dynptr_get_size(struct bpf_dynptr *ptr)",
            description: "The number of bytes the dynptr views.",
            returns: "The size; -EINVAL for a null dynptr.",
        },
        origin: "series patch 3",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_get_offset",
        kind: h(219),
        proto: FuncProto { ret: RetType::Integer, args: &[a(PtrToDynptr)] },
        doc: Doc {
            signature: "long bpf_dynptr_get_offset(struct bpf_dynptr *ptr)",
            description: "The dynptr's offset into the data it was made over.",
            returns: "The offset; -EINVAL for a null dynptr.",
        },
        origin: "series patch 3",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_clone",
        kind: h(220),
        proto: FuncProto {
            ret: RetType::Integer,
            args: &[a(PtrToDynptr), af(PtrToDynptr, MEM_UNINIT), a(Anything)],
        },
        doc: Doc {
            signature: "long bpf_dynptr_clone(struct bpf_dynptr *ptr, struct bpf_dynptr *clone, u32 offset)",
            description: "Make `clone` a copy of `ptr` advanced by `offset`. The clone shares the reference: releasing either releases both, and invalidating one's slices invalidates all.",
            returns: "0 on success; -EINVAL for a null `ptr`; -ERANGE when `offset` exceeds the size. On error `clone` is set to null.",
        },
        origin: "series patch 4",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_iterator",
        kind: h(221),
        proto: FuncProto {
            ret: RetType::Integer,
            args: &[a(PtrToDynptr), a(PtrToFunc), af(PtrToStack, PTR_MAYBE_NULL), a(Anything)],
        },
        doc: Doc {
            signature: "long bpf_dynptr_iterator(struct bpf_dynptr *ptr, void *callback_fn, void *callback_ctx, u64 flags)",
            description: "Iterate over `ptr`: call `callback_fn(iter_ptr, callback_ctx)` on a clone, which is advanced by the callback's return value after each call, until the callback returns 0 or a negative error, or the view is exhausted.",
            returns: "0 when done; a negative callback return; -EINVAL for a null dynptr or non-zero flags; -ERANGE when the callback returns more than U32_MAX or more than what is left.",
        },
        origin: "series patch 5",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    // ---- kfuncs: the upstream flavour ----
    FuncDef {
        name: "bpf_dynptr_from_skb",
        kind: k(70001),
        proto: FuncProto {
            ret: RetType::Integer,
            args: &[a(PtrToCtx), a(Anything), af(PtrToDynptr, DYNPTR_TYPE_SKB | MEM_UNINIT)],
        },
        doc: Doc {
            signature: "int bpf_dynptr_from_skb(struct __sk_buff *skb, u64 flags, struct bpf_dynptr *ptr__uninit)",
            description: "Kfunc (v6.4): make `ptr__uninit` an skb dynptr over the whole packet.",
            returns: "0 on success; -EINVAL for non-zero flags (and the dynptr is set to null).",
        },
        origin: "v6.4 kfunc",
        availability: Availability::Only(SKB_TYPES),
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_from_xdp",
        kind: k(70002),
        proto: FuncProto {
            ret: RetType::Integer,
            args: &[a(PtrToCtx), a(Anything), af(PtrToDynptr, DYNPTR_TYPE_XDP | MEM_UNINIT)],
        },
        doc: Doc {
            signature: "int bpf_dynptr_from_xdp(struct xdp_md *xdp, u64 flags, struct bpf_dynptr *ptr__uninit)",
            description: "Kfunc (v6.4): make `ptr__uninit` an xdp dynptr over the whole packet.",
            returns: "0 on success; -EINVAL for non-zero flags (and the dynptr is set to null).",
        },
        origin: "v6.4 kfunc",
        availability: Availability::Only(XDP_ONLY),
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_slice",
        kind: k(70003),
        proto: FuncProto {
            ret: RetType::DynptrSliceRdonlyOrNull,
            args: &[af(PtrToDynptr, MEM_RDONLY), a(Anything), af(PtrToMemOpt, PTR_MAYBE_NULL), a(ConstSizeK)],
        },
        doc: Doc {
            signature: "void *bpf_dynptr_slice(const struct bpf_dynptr *p, u32 offset, void *buffer__opt, u32 buffer__szk)",
            description: "Kfunc (v6.4): a read-only pointer to `buffer__szk` bytes at `offset`; when they are not contiguous (packet fragments) they are copied into `buffer__opt` and that is returned.",
            returns: "The pointer, or NULL when the dynptr is null, the range is out of bounds, or a copy was needed and no buffer was given.",
        },
        origin: "v6.4 kfunc",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_slice_rdwr",
        kind: k(70004),
        proto: FuncProto {
            ret: RetType::DynptrSliceOrNull,
            args: &[af(PtrToDynptr, MEM_RDONLY), a(Anything), af(PtrToMemOpt, PTR_MAYBE_NULL), a(ConstSizeK)],
        },
        doc: Doc {
            signature: "void *bpf_dynptr_slice_rdwr(const struct bpf_dynptr *p, u32 offset, void *buffer__opt, u32 buffer__szk)",
            description: "Kfunc (v6.4): like bpf_dynptr_slice, but writable; NULL for a read-only dynptr.",
            returns: "The pointer, or NULL.",
        },
        origin: "v6.4 kfunc",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_adjust",
        kind: k(70005),
        proto: FuncProto { ret: RetType::Integer, args: &[a(PtrToDynptr), a(Anything), a(Anything)] },
        doc: Doc {
            signature: "int bpf_dynptr_adjust(const struct bpf_dynptr *p, u32 start, u32 end)",
            description: "Kfunc (v6.5): narrow the view to [start, end) of the current view.",
            returns: "0 on success; -EINVAL for a null dynptr; -ERANGE when start > end or end > size.",
        },
        origin: "v6.5 kfunc",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_is_null",
        kind: k(70006),
        proto: FuncProto { ret: RetType::Integer, args: &[a(PtrToDynptr)] },
        doc: Doc {
            signature: "bool bpf_dynptr_is_null(const struct bpf_dynptr *p)",
            description: "Kfunc (v6.5): whether the dynptr is null.",
            returns: "true or false.",
        },
        origin: "v6.5 kfunc",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_is_rdonly",
        kind: k(70007),
        proto: FuncProto { ret: RetType::Integer, args: &[a(PtrToDynptr)] },
        doc: Doc {
            signature: "bool bpf_dynptr_is_rdonly(const struct bpf_dynptr *p)",
            description: "Kfunc (v6.5): whether the dynptr is read-only (false for a null dynptr).",
            returns: "true or false.",
        },
        origin: "v6.5 kfunc",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_size",
        kind: k(70008),
        proto: FuncProto { ret: RetType::Integer, args: &[a(PtrToDynptr)] },
        doc: Doc {
            signature: "__u32 bpf_dynptr_size(const struct bpf_dynptr *p)",
            description: "Kfunc (v6.5): the number of bytes the dynptr views.",
            returns: "The size; -EINVAL (as u32) for a null dynptr.",
        },
        origin: "v6.5 kfunc",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_dynptr_clone",
        kind: k(70009),
        proto: FuncProto { ret: RetType::Integer, args: &[a(PtrToDynptr), af(PtrToDynptr, MEM_UNINIT)] },
        doc: Doc {
            signature: "int bpf_dynptr_clone(const struct bpf_dynptr *p, struct bpf_dynptr *clone__uninit)",
            description: "Kfunc (v6.5): make `clone__uninit` a copy of `p` sharing its reference.",
            returns: "0 on success; -EINVAL for a null dynptr (the clone is set to null).",
        },
        origin: "v6.5 kfunc",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_iter_num_new",
        kind: k(70010),
        proto: FuncProto {
            ret: RetType::Integer,
            args: &[af(PtrToIterNum, ITER_NEW), a(Anything), a(Anything)],
        },
        doc: Doc {
            signature: "int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end)",
            description: "Kfunc (v6.4): start an open-coded iterator over [start, end).",
            returns: "0 on success; -EINVAL when start > end; -E2BIG when the range exceeds 1 << 23 (the iterator is then empty).",
        },
        origin: "v6.4 kfunc",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_iter_num_next",
        kind: k(70011),
        proto: FuncProto { ret: RetType::IterNumNextOrNull, args: &[a(PtrToIterNum)] },
        doc: Doc {
            signature: "int *bpf_iter_num_next(struct bpf_iter_num *it)",
            description: "Kfunc (v6.4): advance the iterator.",
            returns: "Pointer to the next number, or NULL when the range is exhausted.",
        },
        origin: "v6.4 kfunc",
        availability: Availability::All,
        changes_pkt_data: false,
    },
    FuncDef {
        name: "bpf_iter_num_destroy",
        kind: k(70012),
        proto: FuncProto { ret: RetType::Void, args: &[af(PtrToIterNum, ITER_DESTROY)] },
        doc: Doc {
            signature: "void bpf_iter_num_destroy(struct bpf_iter_num *it)",
            description: "Kfunc (v6.4): end the iterator; every bpf_iter_num_new needs one.",
            returns: "Nothing.",
        },
        origin: "v6.4 kfunc",
        availability: Availability::All,
        changes_pkt_data: false,
    },
];

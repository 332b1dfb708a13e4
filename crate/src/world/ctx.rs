//! Context layouts: `struct xdp_md`, `struct __sk_buff`, and the opaque
//! contexts of tracing and syscall programs. The VM builds the context bytes
//! from these; the verifier checks context accesses against them
//! (`is_valid_access`) and types the packet pointers it loads.

use serde::Serialize;

use crate::program::ProgType;

/// What loading a context field yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CtxFieldKind {
    /// A plain number (`SCALAR_VALUE`).
    Scalar,
    /// `PTR_TO_PACKET`: the start of the packet's linear data.
    PacketData,
    /// `PTR_TO_PACKET_END`.
    PacketEnd,
    /// `PTR_TO_PACKET_META`.
    PacketMeta,
}

/// One field of a context structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CtxField {
    /// Its C name (`data_end`).
    pub name: &'static str,
    /// Byte offset.
    pub offset: u32,
    /// Size in bytes.
    pub size: u32,
    /// What a load yields.
    pub kind: CtxFieldKind,
    /// True when the program may store to it.
    pub writable: bool,
    /// True when narrower loads (1, 2 bytes) of it are allowed
    /// (`bpf_ctx_narrow_access_ok`); the verifier refuses any other size.
    pub narrow_load: bool,
}

const fn f(
    name: &'static str,
    offset: u32,
    size: u32,
    kind: CtxFieldKind,
    writable: bool,
) -> CtxField {
    let narrow_load = matches!(kind, CtxFieldKind::Scalar);
    CtxField {
        name,
        offset,
        size,
        kind,
        writable,
        narrow_load,
    }
}

/// A field only ever read whole (no narrower load).
const fn whole(
    name: &'static str,
    offset: u32,
    size: u32,
    kind: CtxFieldKind,
    writable: bool,
) -> CtxField {
    CtxField {
        narrow_load: false,
        ..f(name, offset, size, kind, writable)
    }
}

use CtxFieldKind::*;

/// `struct xdp_md`: every field is read as a whole `u32`
/// (`__is_valid_xdp_access`: `size != sizeof(__u32)` is refused).
pub const XDP_MD: &[CtxField] = &[
    whole("data", 0, 4, PacketData, false),
    whole("data_end", 4, 4, PacketEnd, false),
    whole("data_meta", 8, 4, PacketMeta, false),
    whole("ingress_ifindex", 12, 4, Scalar, false),
    whole("rx_queue_index", 16, 4, Scalar, false),
    whole("egress_ifindex", 20, 4, Scalar, false),
];

/// `struct __sk_buff` (the fields tc and cgroup_skb programs use).
pub const SK_BUFF: &[CtxField] = &[
    f("len", 0, 4, Scalar, false),
    f("pkt_type", 4, 4, Scalar, false),
    f("mark", 8, 4, Scalar, true),
    f("queue_mapping", 12, 4, Scalar, true),
    f("protocol", 16, 4, Scalar, false),
    f("vlan_present", 20, 4, Scalar, false),
    f("vlan_tci", 24, 4, Scalar, false),
    f("vlan_proto", 28, 4, Scalar, false),
    f("priority", 32, 4, Scalar, true),
    f("ingress_ifindex", 36, 4, Scalar, false),
    f("ifindex", 40, 4, Scalar, false),
    f("tc_index", 44, 4, Scalar, true),
    f("cb[0]", 48, 4, Scalar, true),
    f("cb[1]", 52, 4, Scalar, true),
    f("cb[2]", 56, 4, Scalar, true),
    f("cb[3]", 60, 4, Scalar, true),
    f("cb[4]", 64, 4, Scalar, true),
    f("hash", 68, 4, Scalar, false),
    f("tc_classid", 72, 4, Scalar, true),
    f("data", 76, 4, PacketData, false),
    f("data_end", 80, 4, PacketEnd, false),
    f("napi_id", 84, 4, Scalar, false),
    f("family", 88, 4, Scalar, false),
    whole("remote_ip4", 92, 4, Scalar, false),
    whole("local_ip4", 96, 4, Scalar, false),
    f("remote_port", 132, 4, Scalar, false),
    f("local_port", 136, 4, Scalar, false),
    f("data_meta", 140, 4, PacketMeta, false),
    whole("tstamp", 152, 8, Scalar, true),
    f("wire_len", 160, 4, Scalar, false),
    f("gso_segs", 164, 4, Scalar, false),
    f("gso_size", 176, 4, Scalar, false),
];

/// `struct __sk_buff` as a socket filter sees it (`sk_filter_is_valid_access`):
/// no packet pointers, no `tc_classid`, socket addresses, `tstamp` or
/// `wire_len`, and only `cb[]` writable.
pub const SK_BUFF_SOCKET: &[CtxField] = &[
    f("len", 0, 4, Scalar, false),
    f("pkt_type", 4, 4, Scalar, false),
    f("mark", 8, 4, Scalar, false),
    f("queue_mapping", 12, 4, Scalar, false),
    f("protocol", 16, 4, Scalar, false),
    f("vlan_present", 20, 4, Scalar, false),
    f("vlan_tci", 24, 4, Scalar, false),
    f("vlan_proto", 28, 4, Scalar, false),
    f("priority", 32, 4, Scalar, false),
    f("ingress_ifindex", 36, 4, Scalar, false),
    f("ifindex", 40, 4, Scalar, false),
    f("tc_index", 44, 4, Scalar, false),
    f("cb[0]", 48, 4, Scalar, true),
    f("cb[1]", 52, 4, Scalar, true),
    f("cb[2]", 56, 4, Scalar, true),
    f("cb[3]", 60, 4, Scalar, true),
    f("cb[4]", 64, 4, Scalar, true),
    f("hash", 68, 4, Scalar, false),
    f("napi_id", 84, 4, Scalar, false),
    f("gso_segs", 164, 4, Scalar, false),
    f("gso_size", 176, 4, Scalar, false),
];

/// Size of `struct xdp_md`.
pub const XDP_MD_SIZE: u32 = 24;
/// Size of `struct __sk_buff`.
pub const SK_BUFF_SIZE: u32 = 192;
/// Size of the opaque context of raw_tp, tp and syscall programs (the
/// playground gives them 64 readable bytes of arguments).
pub const OPAQUE_CTX_SIZE: u32 = 64;

/// The layout of a program type's context: its fields (empty for an opaque
/// context, where any aligned read inside [`ctx_size`] is a scalar).
pub fn ctx_fields(t: ProgType) -> &'static [CtxField] {
    match t {
        ProgType::Xdp => XDP_MD,
        ProgType::Tc | ProgType::CgroupSkb => SK_BUFF,
        ProgType::Socket => SK_BUFF_SOCKET,
        ProgType::RawTp | ProgType::Tp | ProgType::Syscall => &[],
    }
}

/// Size of a program type's context in bytes.
pub fn ctx_size(t: ProgType) -> u32 {
    match t {
        ProgType::Xdp => XDP_MD_SIZE,
        ProgType::Tc | ProgType::CgroupSkb | ProgType::Socket => SK_BUFF_SIZE,
        ProgType::RawTp | ProgType::Tp | ProgType::Syscall => OPAQUE_CTX_SIZE,
    }
}

/// The C name of the context structure (`struct xdp_md`).
pub fn ctx_struct_name(t: ProgType) -> &'static str {
    match t {
        ProgType::Xdp => "struct xdp_md",
        ProgType::Tc | ProgType::CgroupSkb | ProgType::Socket => "struct __sk_buff",
        ProgType::RawTp => "struct bpf_raw_tracepoint_args",
        ProgType::Tp => "tracepoint context",
        ProgType::Syscall => "syscall context",
    }
}

/// The field that contains byte `off`, if any.
pub fn field_at(t: ProgType, off: u32) -> Option<&'static CtxField> {
    ctx_fields(t)
        .iter()
        .find(|fl| off >= fl.offset && off < fl.offset + fl.size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_sorted_disjoint_and_inside() {
        for t in [ProgType::Xdp, ProgType::Tc, ProgType::Socket] {
            let fields = ctx_fields(t);
            for w in fields.windows(2) {
                assert!(
                    w[0].offset + w[0].size <= w[1].offset,
                    "{} overlaps {}",
                    w[0].name,
                    w[1].name
                );
            }
            assert!(fields.iter().all(|fl| fl.offset + fl.size <= ctx_size(t)));
        }
        assert_eq!(
            field_at(ProgType::Xdp, 4).map(|fl| fl.kind),
            Some(CtxFieldKind::PacketEnd)
        );
        assert_eq!(field_at(ProgType::Tc, 78).map(|fl| fl.name), Some("data"));
    }
}

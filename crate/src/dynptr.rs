//! What a dynptr is in memory: `struct bpf_dynptr_kern` (16 bytes on the
//! stack: `void *data; u32 size; u32 offset;`) with the type in bits 28..30
//! of `size` and the read-only flag in bit 31. The VM stores exactly this, so
//! a program that reads its own dynptr's bytes sees what the kernel would;
//! the verifier and the snapshots name the kinds the same way.

use serde::{Deserialize, Serialize};

/// `sizeof(struct bpf_dynptr)`.
pub const BPF_DYNPTR_SIZE: usize = 16;
/// Byte offset of `data` in `struct bpf_dynptr_kern`.
pub const DATA_OFF: usize = 0;
/// Byte offset of `size` (with type and read-only bits).
pub const SIZE_OFF: usize = 8;
/// Byte offset of `offset`.
pub const OFFSET_OFF: usize = 12;
/// `DYNPTR_MAX_SIZE`: the largest size a dynptr can view.
pub const DYNPTR_MAX_SIZE: u32 = (1 << 24) - 1;
/// `DYNPTR_SIZE_MASK`.
pub const DYNPTR_SIZE_MASK: u32 = 0x00FF_FFFF;
/// `DYNPTR_RDONLY_BIT`.
pub const DYNPTR_RDONLY_BIT: u32 = 1 << 31;
/// `DYNPTR_TYPE_SHIFT`.
pub const DYNPTR_TYPE_SHIFT: u32 = 28;

/// `enum bpf_dynptr_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DynptrKind {
    /// `BPF_DYNPTR_TYPE_LOCAL`: memory of the program (stack, map value).
    Local,
    /// `BPF_DYNPTR_TYPE_RINGBUF`: a ring buffer record; holds a reference.
    Ringbuf,
    /// `BPF_DYNPTR_TYPE_SKB`: an `__sk_buff`'s packet.
    Skb,
    /// `BPF_DYNPTR_TYPE_XDP`: an `xdp_md`'s packet.
    Xdp,
    /// `BPF_DYNPTR_TYPE_SKB_META`: the metadata area in front of an skb's
    /// packet (Linux 6.18's `bpf_dynptr_from_skb_meta`).
    SkbMeta,
}

impl DynptrKind {
    /// The kernel's enum value (`BPF_DYNPTR_TYPE_INVALID` is 0).
    pub fn kernel_value(self) -> u32 {
        match self {
            DynptrKind::Local => 1,
            DynptrKind::Ringbuf => 2,
            DynptrKind::Skb => 3,
            DynptrKind::Xdp => 4,
            DynptrKind::SkbMeta => 5,
        }
    }

    /// From the kernel's enum value.
    pub fn from_kernel_value(v: u32) -> Option<Self> {
        Some(match v {
            1 => DynptrKind::Local,
            2 => DynptrKind::Ringbuf,
            3 => DynptrKind::Skb,
            4 => DynptrKind::Xdp,
            5 => DynptrKind::SkbMeta,
            _ => return None,
        })
    }

    /// Lower-case name as the verifier log and the UI print it (`ringbuf`).
    pub fn name(self) -> &'static str {
        match self {
            DynptrKind::Local => "local",
            DynptrKind::Ringbuf => "ringbuf",
            DynptrKind::Skb => "skb",
            DynptrKind::Xdp => "xdp",
            DynptrKind::SkbMeta => "skb_meta",
        }
    }

    /// True for the kinds over packet memory, whose slices die when the
    /// packet may move (`clear_all_pkt_pointers`).
    pub fn is_packet(self) -> bool {
        matches!(
            self,
            DynptrKind::Skb | DynptrKind::Xdp | DynptrKind::SkbMeta
        )
    }

    /// True for kinds that hold a reference that must be released.
    pub fn is_refcounted(self) -> bool {
        matches!(self, DynptrKind::Ringbuf)
    }
}

/// The decoded `size` word of `struct bpf_dynptr_kern`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeWord {
    /// Usable bytes (`size & DYNPTR_SIZE_MASK`).
    pub size: u32,
    /// The type bits; `None` for `BPF_DYNPTR_TYPE_INVALID` or garbage.
    pub kind: Option<DynptrKind>,
    /// `DYNPTR_RDONLY_BIT`.
    pub rdonly: bool,
}

impl SizeWord {
    /// Decode the raw word.
    pub fn decode(raw: u32) -> Self {
        SizeWord {
            size: raw & DYNPTR_SIZE_MASK,
            kind: DynptrKind::from_kernel_value((raw & !DYNPTR_RDONLY_BIT) >> DYNPTR_TYPE_SHIFT),
            rdonly: raw & DYNPTR_RDONLY_BIT != 0,
        }
    }

    /// Encode as the kernel does (`bpf_dynptr_set_type`, `bpf_dynptr_set_size`,
    /// `bpf_dynptr_set_rdonly`).
    pub fn encode(self) -> u32 {
        let kind = self.kind.map_or(0, DynptrKind::kernel_value);
        (self.size & DYNPTR_SIZE_MASK)
            | (kind << DYNPTR_TYPE_SHIFT)
            | if self.rdonly { DYNPTR_RDONLY_BIT } else { 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_word_round_trips() {
        for kind in [
            DynptrKind::Local,
            DynptrKind::Ringbuf,
            DynptrKind::Skb,
            DynptrKind::Xdp,
            DynptrKind::SkbMeta,
        ] {
            for rdonly in [false, true] {
                let w = SizeWord {
                    size: 0x12345,
                    kind: Some(kind),
                    rdonly,
                };
                assert_eq!(SizeWord::decode(w.encode()), w);
            }
        }
        let ringbuf_rdonly = SizeWord {
            size: 8,
            kind: Some(DynptrKind::Ringbuf),
            rdonly: true,
        };
        assert_eq!(ringbuf_rdonly.encode(), 0xA000_0008);
    }
}

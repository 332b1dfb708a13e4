//! The concrete machine state a checker compares with the verifier's
//! abstract states (`crate::check`): registers, the running frame's stack,
//! and what a pointer value points into.

use super::mem::RegionKind;
use super::{Access, Vm};

/// Where a pointer value points, in the terms the verifier uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PtrTarget {
    /// Not a pointer the VM handed out (a plain number, or NULL).
    None,
    /// A stack frame: `fp_off` from that frame's `r10`; `depth` is the
    /// frame's index on the call stack (0: the entry), when still alive.
    Stack {
        /// Call-stack index of the frame.
        depth: Option<usize>,
        /// Offset from its frame pointer (negative inside the frame).
        fp_off: i64,
    },
    /// The packet's linear data of `gen`, `data_off` from `data`.
    Packet {
        /// Offset from the packet's `data` (of the current layout).
        data_off: i64,
        /// From the packet's current layout (false: made before a change).
        current: bool,
    },
    /// Another region (context, map value, record, ...): kind and offset.
    Region(RegionKind, i64),
}

impl Vm {
    /// Register `r` (`None` while never written).
    pub fn reg_value(&self, r: usize) -> Option<u64> {
        (r < 11 && self.init[r]).then(|| self.regs[r])
    }

    /// The running frame's stack bytes and which of them were written;
    /// `r10` points just past the end.
    pub fn frame_stack(&self) -> Option<(&[u8], &[bool])> {
        self.frames
            .last()
            .map(|f| (f.stack.as_slice(), f.stack_init.as_slice()))
    }

    /// What `v` points into.
    pub fn ptr_target(&self, v: u64) -> PtrTarget {
        let Some((kind, off)) = self.regions.decode(v) else {
            return PtrTarget::None;
        };
        match kind {
            RegionKind::Stack { frame } => PtrTarget::Stack {
                depth: self.frames.iter().position(|f| f.uid == frame),
                fp_off: off - crate::isa::MAX_BPF_STACK as i64,
            },
            RegionKind::Packet { gen } => {
                let p = &self.world.packet;
                PtrTarget::Packet {
                    data_off: off - p.data as i64,
                    current: gen == p.generation,
                }
            }
            k => PtrTarget::Region(k, off),
        }
    }

    /// The packet's `data_meta` as an offset from `data` (0 or negative).
    pub fn packet_meta_off(&self) -> i64 {
        let p = &self.world.packet;
        p.data_meta as i64 - p.data as i64
    }

    /// The packet's linear length (`data_end - data`).
    pub fn packet_len(&self) -> i64 {
        self.world.packet.headlen() as i64
    }

    /// True when `len` bytes at `addr` can be read (bounds and liveness of
    /// the memory only; stack bytes may still be unwritten).
    pub fn can_read(&self, addr: u64, len: usize) -> bool {
        len == 0 || self.accessible(addr, len, Access::Read)
    }

    /// A register value as a person reads it: a pointer as what it points
    /// into (`pkt+14`, `fp-8`), a number in decimal (and hex when large).
    pub fn describe_value(&self, v: u64) -> String {
        if let Some(d) = self.describe_ptr(v) {
            return d;
        }
        if v < 1 << 16 {
            v.to_string()
        } else if (v as i64) < 0 && (v as i64) > -(1 << 16) {
            format!("{}", v as i64)
        } else {
            format!("{v} ({v:#x})")
        }
    }
}

//! Stack slots (`struct bpf_stack_state`): eight byte types per 8-byte slot
//! plus the spilled register, as the kernel keeps them. A dynptr takes two
//! slots of `STACK_DYNPTR`, the first (higher) one marked `first_slot`.

use serde::{Deserialize, Serialize};

use super::reg_state::{BpfRegType, RegState};
use crate::isa::MAX_BPF_STACK;

/// `BPF_REG_SIZE`.
pub const BPF_REG_SIZE: usize = 8;
/// Number of 8-byte slots in a frame.
pub const STACK_SLOTS: usize = MAX_BPF_STACK / BPF_REG_SIZE;
/// `BPF_DYNPTR_NR_SLOTS`.
pub const BPF_DYNPTR_NR_SLOTS: usize = 2;

/// Type of one stack byte (`enum bpf_stack_slot_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum SlotType {
    /// `STACK_INVALID`: never written.
    #[default]
    Invalid,
    /// `STACK_SPILL`: part of a spilled register.
    Spill,
    /// `STACK_MISC`: some data.
    Misc,
    /// `STACK_ZERO`: known zero.
    Zero,
    /// `STACK_DYNPTR`: part of a dynptr.
    Dynptr,
    /// `STACK_ITER`: part of an open-coded iterator (`bpf_iter_num`).
    Iter,
}

impl SlotType {
    /// The letter the kernel's log prints (`slot_type_char`).
    pub fn log_char(self) -> char {
        match self {
            SlotType::Invalid => '?',
            SlotType::Spill => 'r',
            SlotType::Misc => 'm',
            SlotType::Zero => '0',
            SlotType::Dynptr => 'd',
            SlotType::Iter => 'i',
        }
    }
}

/// One 8-byte stack slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct StackSlot {
    /// The register spilled here (or the dynptr/iterator description).
    pub spilled_ptr: RegState,
    /// Byte types; index `i` is the byte at `-(spi * 8) - 1 - i` from the frame pointer.
    pub slot_type: [SlotType; BPF_REG_SIZE],
}

impl StackSlot {
    /// `is_spilled_reg`.
    pub fn is_spilled_reg(&self) -> bool {
        self.slot_type[BPF_REG_SIZE - 1] == SlotType::Spill
    }

    /// True when every byte is `STACK_INVALID`.
    pub fn is_invalid(&self) -> bool {
        self.slot_type.iter().all(|t| *t == SlotType::Invalid)
    }

    /// True when any byte is part of a dynptr.
    pub fn is_dynptr(&self) -> bool {
        self.slot_type.contains(&SlotType::Dynptr)
    }

    /// True when any byte is part of an iterator.
    pub fn is_iter(&self) -> bool {
        self.slot_type.contains(&SlotType::Iter)
    }

    /// Resets the slot to never-written.
    pub fn invalidate(&mut self) {
        *self = StackSlot::default();
    }

    /// How the kernel's log prints the slot after `fp-8=`.
    pub fn log_str(&self) -> String {
        if self.is_spilled_reg() {
            let r = &self.spilled_ptr;
            if r.typ == BpfRegType::Scalar {
                if r.var_off.is_const() {
                    return format!("{}", r.var_off.value as i64);
                }
                return String::new();
            }
            return r.type_str();
        }
        self.slot_type.iter().map(|t| t.log_char()).collect()
    }
}

/// Stack slot index of a frame-pointer offset (`get_spi`): -1..-8 is 0.
pub fn get_spi(off: i64) -> i64 {
    (-off - 1).div_euclid(BPF_REG_SIZE as i64)
}

/// `is_spi_bounds_valid`: slots `spi-nr+1 ..= spi` are inside the frame.
pub fn is_spi_bounds_valid(spi: i64, nr_slots: usize) -> bool {
    let min_spi = spi - nr_slots as i64 + 1;
    spi < STACK_SLOTS as i64 && min_spi >= 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spi_mapping() {
        assert_eq!(get_spi(-8), 0);
        assert_eq!(get_spi(-1), 0);
        assert_eq!(get_spi(-16), 1);
        assert_eq!(get_spi(0), -1);
        assert!(is_spi_bounds_valid(1, 2));
        assert!(!is_spi_bounds_valid(0, 2));
        assert!(!is_spi_bounds_valid(64, 1));
    }
}

//! Tracked numbers (`struct tnum`): what the verifier knows of each bit of a
//! scalar. A bit set in `mask` is unknown; the others are the bits of
//! `value`. Same algebra as `kernel/bpf/tnum.c`, so bounds and the log agree
//! with the kernel's.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A tracked number: `value` holds the known bits, `mask` the unknown ones.
/// (`add`/`sub`/`mul` are named as in `tnum.c`, not operator traits.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tnum {
    /// Known bits (zero where unknown).
    pub value: u64,
    /// Unknown bits.
    pub mask: u64,
}

#[allow(clippy::should_implement_trait)]
impl Tnum {
    /// Every bit unknown (`tnum_unknown`).
    pub const UNKNOWN: Tnum = Tnum {
        value: 0,
        mask: u64::MAX,
    };

    /// A known constant (`tnum_const`).
    pub const fn konst(v: u64) -> Tnum {
        Tnum { value: v, mask: 0 }
    }

    /// The smallest tnum holding every number of `[min, max]` (`tnum_range`).
    pub fn range(min: u64, max: u64) -> Tnum {
        let chi = min ^ max;
        let bits = 64 - chi.leading_zeros();
        if bits > 63 {
            return Tnum::UNKNOWN;
        }
        let delta = (1u64 << bits) - 1;
        Tnum {
            value: min & !delta,
            mask: delta,
        }
    }

    /// True when every bit is known.
    pub fn is_const(self) -> bool {
        self.mask == 0
    }

    /// True when no bit is known.
    pub fn is_unknown(self) -> bool {
        self.mask == u64::MAX
    }

    /// True when the tnum is a constant equal to `v`.
    pub fn equals_const(self, v: u64) -> bool {
        self.is_const() && self.value == v
    }

    /// `tnum_lshift`.
    pub fn lshift(self, shift: u32) -> Tnum {
        Tnum {
            value: self.value.wrapping_shl(shift),
            mask: self.mask.wrapping_shl(shift),
        }
    }

    /// `tnum_rshift`.
    pub fn rshift(self, shift: u32) -> Tnum {
        Tnum {
            value: self.value.wrapping_shr(shift),
            mask: self.mask.wrapping_shr(shift),
        }
    }

    /// `tnum_arshift` for a 32- or 64-bit operand.
    pub fn arshift(self, shift: u32, insn_bitness: u32) -> Tnum {
        if insn_bitness == 32 {
            Tnum {
                value: ((self.value as i32) >> (shift & 31)) as u32 as u64,
                mask: ((self.mask as i32) >> (shift & 31)) as u32 as u64,
            }
        } else {
            Tnum {
                value: ((self.value as i64) >> (shift & 63)) as u64,
                mask: ((self.mask as i64) >> (shift & 63)) as u64,
            }
        }
    }

    /// `tnum_add`.
    pub fn add(self, b: Tnum) -> Tnum {
        let sm = self.mask.wrapping_add(b.mask);
        let sv = self.value.wrapping_add(b.value);
        let sigma = sm.wrapping_add(sv);
        let chi = sigma ^ sv;
        let mu = chi | self.mask | b.mask;
        Tnum {
            value: sv & !mu,
            mask: mu,
        }
    }

    /// `tnum_sub`.
    pub fn sub(self, b: Tnum) -> Tnum {
        let dv = self.value.wrapping_sub(b.value);
        let alpha = dv.wrapping_add(self.mask);
        let beta = dv.wrapping_sub(b.mask);
        let chi = alpha ^ beta;
        let mu = chi | self.mask | b.mask;
        Tnum {
            value: dv & !mu,
            mask: mu,
        }
    }

    /// `tnum_and`.
    pub fn and(self, b: Tnum) -> Tnum {
        let alpha = self.value | self.mask;
        let beta = b.value | b.mask;
        let v = self.value & b.value;
        Tnum {
            value: v,
            mask: alpha & beta & !v,
        }
    }

    /// `tnum_or`.
    pub fn or(self, b: Tnum) -> Tnum {
        let v = self.value | b.value;
        let mu = self.mask | b.mask;
        Tnum {
            value: v,
            mask: mu & !v,
        }
    }

    /// `tnum_xor`.
    pub fn xor(self, b: Tnum) -> Tnum {
        let v = self.value ^ b.value;
        let mu = self.mask | b.mask;
        Tnum {
            value: v & !mu,
            mask: mu,
        }
    }

    /// `tnum_mul` (shift-and-add over the unknown bits).
    pub fn mul(self, b: Tnum) -> Tnum {
        let mut a = self;
        let mut b = b;
        let acc_v = a.value.wrapping_mul(b.value);
        let mut acc_m = Tnum::konst(0);
        while a.value != 0 || a.mask != 0 {
            if a.value & 1 != 0 {
                acc_m = acc_m.add(Tnum {
                    value: 0,
                    mask: b.mask,
                });
            } else if a.mask & 1 != 0 {
                acc_m = acc_m.add(Tnum {
                    value: 0,
                    mask: b.value | b.mask,
                });
            }
            a = a.rshift(1);
            b = b.lshift(1);
        }
        Tnum::konst(acc_v).add(acc_m)
    }

    /// `tnum_intersect`: both are known to hold.
    pub fn intersect(self, b: Tnum) -> Tnum {
        let v = self.value | b.value;
        let mu = self.mask & b.mask;
        Tnum {
            value: v & !mu,
            mask: mu,
        }
    }

    /// `tnum_overlap`: some value is both a value of `self` and of `b` (the
    /// bits known in both agree).
    pub fn overlap(self, b: Tnum) -> bool {
        let mu = self.mask | b.mask;
        (self.value & !mu) == (b.value & !mu)
    }

    /// `tnum_cast`: keep the low `size` bytes.
    pub fn cast(self, size: u32) -> Tnum {
        if size >= 8 {
            return self;
        }
        let keep = (1u64 << (size * 8)) - 1;
        Tnum {
            value: self.value & keep,
            mask: self.mask & keep,
        }
    }

    /// `tnum_in(self, b)`: every value of `b` is a value of `self`.
    pub fn contains(self, b: Tnum) -> bool {
        if b.mask & !self.mask != 0 {
            return false;
        }
        (b.value & !self.mask) == self.value
    }

    /// `tnum_subreg`: the low 32 bits.
    pub fn subreg(self) -> Tnum {
        self.cast(4)
    }

    /// `tnum_clear_subreg`: the high 32 bits only.
    pub fn clear_subreg(self) -> Tnum {
        self.rshift(32).lshift(32)
    }

    /// `tnum_with_subreg`: high 32 bits of `self`, low 32 bits of `sub`.
    pub fn with_subreg(self, sub: Tnum) -> Tnum {
        self.clear_subreg().or(sub.subreg())
    }

    /// `tnum_const_subreg`.
    pub fn const_subreg(self, v: u32) -> Tnum {
        self.with_subreg(Tnum::konst(v as u64))
    }

    /// Smallest value (`value`).
    pub fn min(self) -> u64 {
        self.value
    }

    /// Largest value (`value | mask`).
    pub fn max(self) -> u64 {
        self.value | self.mask
    }
}

impl Tnum {
    /// `tnum_strn` as a kernel prints it: the era's always as `(value;
    /// mask)`; today's (`kernel/bpf/log.c`) a known number as the number,
    /// decimal up to 65535 (`is_unum_decimal`) and hex above: `0` where the
    /// era printed `(0x0; 0x0)`.
    pub fn kernel_str(self, constants_as_numbers: bool) -> String {
        if constants_as_numbers && self.is_const() {
            if self.value <= u16::MAX as u64 {
                format!("{}", self.value)
            } else {
                format!("{:#x}", self.value)
            }
        } else {
            self.to_string()
        }
    }
}

impl fmt::Display for Tnum {
    /// `tnum_strn` of the era: `(0x0; 0xff)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({:#x}; {:#x})", self.value, self.mask)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_str_prints_constants_as_numbers_today() {
        assert_eq!(Tnum::konst(0).kernel_str(false), "(0x0; 0x0)");
        assert_eq!(Tnum::konst(0).kernel_str(true), "0");
        assert_eq!(Tnum::konst(65535).kernel_str(true), "65535");
        assert_eq!(Tnum::konst(65536).kernel_str(true), "0x10000");
        assert_eq!(Tnum::konst(u64::MAX).kernel_str(true), "0xffffffffffffffff");
        let t = Tnum { value: 0, mask: 8 };
        assert_eq!(t.kernel_str(true), "(0x0; 0x8)");
    }

    #[test]
    fn range_and_print() {
        assert_eq!(Tnum::range(0, 255).to_string(), "(0x0; 0xff)");
        assert_eq!(
            Tnum::range(0, u32::MAX as u64).to_string(),
            "(0x0; 0xffffffff)"
        );
        assert_eq!(Tnum::konst(0x1_0000_0000).to_string(), "(0x100000000; 0x0)");
        assert!(Tnum::range(0, u64::MAX).is_unknown());
    }

    #[test]
    fn arithmetic_is_sound_on_samples() {
        let a = Tnum {
            value: 0b100,
            mask: 0b011,
        };
        let b = Tnum {
            value: 0b1000,
            mask: 0b1,
        };
        for x in [4u64, 5, 6, 7] {
            for y in [8u64, 9] {
                assert!(a.add(b).contains(Tnum::konst(x + y)));
                assert!(a.sub(b).contains(Tnum::konst(x.wrapping_sub(y))));
                assert!(a.mul(b).contains(Tnum::konst(x * y)));
                assert!(a.and(b).contains(Tnum::konst(x & y)));
                assert!(a.or(b).contains(Tnum::konst(x | y)));
                assert!(a.xor(b).contains(Tnum::konst(x ^ y)));
            }
        }
    }

    #[test]
    fn contains_is_subset() {
        assert!(Tnum::range(0, 0xffff_ffff).contains(Tnum::konst(0)));
        assert!(!Tnum::range(0, 0xffff_ffff).contains(Tnum::konst(0x1_0000_0000)));
        assert!(Tnum::UNKNOWN.contains(Tnum::range(3, 9)));
    }
}

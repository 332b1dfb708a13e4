//! Conditional jumps as today's kernel decides and narrows them
//! (`is_branch_taken`, `is_scalar_branch_taken`, `regs_refine_cond_op` and
//! `reg_set_min_max` of Linux 6.18), used when the profile says so
//! ([`super::KernelProfile::branches_refine_both_registers`]).
//!
//! What differs from the era's code in `branch.rs`:
//! - both sides are registers with ranges, a constant being one whose range
//!   is a single value: `if r1 > r2` is decided when the ranges do not
//!   overlap, and on each branch each side is narrowed by the other's bounds;
//! - `==`/`!=` are also decided by the known bits (`tnum_overlap`), and with
//!   a constant at an end of the other register's range (unsigned, signed,
//!   and the 32-bit ranges for JMP32) the branch where they differ moves that
//!   end by one;
//! - the branch where `r & imm` is zero forgets the ranges before clearing
//!   the bits (they are learned again from the bits).

use super::reg_state::{BpfRegType, RegState};
use super::tnum::Tnum;
use crate::isa::*;

/// `BPF_JSET | BPF_X` stands for the false branch of `BPF_JSET` (which has
/// no opcode of its own), as in the kernel's `rev_opcode`.
const JSET_NOT: u8 = BPF_JSET | BPF_X;

/// `flip_opcode`: `a op b` as `b op' a`.
pub(super) fn flip_opcode(op: u8) -> u8 {
    match op {
        BPF_JGT => BPF_JLT,
        BPF_JLT => BPF_JGT,
        BPF_JGE => BPF_JLE,
        BPF_JLE => BPF_JGE,
        BPF_JSGT => BPF_JSLT,
        BPF_JSLT => BPF_JSGT,
        BPF_JSGE => BPF_JSLE,
        BPF_JSLE => BPF_JSGE,
        o => o,
    }
}

/// `rev_opcode`: the condition of the false branch.
fn rev_opcode(op: u8) -> u8 {
    match op {
        BPF_JEQ => BPF_JNE,
        BPF_JNE => BPF_JEQ,
        BPF_JSET => JSET_NOT,
        JSET_NOT => BPF_JSET,
        BPF_JGE => BPF_JLT,
        BPF_JGT => BPF_JLE,
        BPF_JLE => BPF_JGT,
        BPF_JLT => BPF_JGE,
        BPF_JSGE => BPF_JSLT,
        BPF_JSGT => BPF_JSLE,
        BPF_JSLE => BPF_JSGT,
        BPF_JSLT => BPF_JSGE,
        _ => 0,
    }
}

/// `is_reg_const`: a scalar whose (low 32, for JMP32) bits are all known.
fn is_reg_const(r: &RegState, jmp32: bool) -> bool {
    r.is_scalar()
        && if jmp32 {
            r.var_off.subreg().is_const()
        } else {
            r.var_off.is_const()
        }
}

/// `reg_const_value`.
fn reg_const_value(r: &RegState, jmp32: bool) -> u64 {
    if jmp32 {
        r.var_off.value as u32 as u64
    } else {
        r.var_off.value
    }
}

/// `reg_not_null`, for the pointer types the playground has.
fn reg_not_null(r: &RegState) -> bool {
    !r.maybe_null && matches!(r.typ, BpfRegType::PtrToMapValue | BpfRegType::PtrToMapKey)
}

fn is_pkt_pointer_any(r: &RegState) -> bool {
    r.typ.is_pkt_pointer() || r.typ == BpfRegType::PtrToPacketEnd
}

/// `is_branch_taken` of today's kernel for `reg1 op reg2` (`reg2` is the
/// constant of a BPF_K comparison): 1 taken, 0 not taken, -1 unknown.
/// `pkt_taken` is `is_pkt_ptr_branch_taken`.
pub(super) fn is_branch_taken(
    reg1: &RegState,
    reg2: &RegState,
    op: u8,
    jmp32: bool,
    pkt_taken: impl Fn(&RegState, &RegState, u8) -> i32,
) -> i32 {
    if is_pkt_pointer_any(reg1) && is_pkt_pointer_any(reg2) && !jmp32 {
        return pkt_taken(reg1, reg2, op);
    }
    if reg1.is_pointer() || reg2.is_pointer() {
        // The pointer as reg1, a constant as reg2.
        let (p, c, op) = if is_reg_const(reg2, jmp32) {
            (reg1, reg2, op)
        } else {
            (reg2, reg1, flip_opcode(op))
        };
        if !is_reg_const(c, jmp32) || !reg_not_null(p) || reg_const_value(c, jmp32) != 0 {
            return -1;
        }
        return match op {
            BPF_JEQ => 0,
            BPF_JNE => 1,
            _ => -1,
        };
    }
    is_scalar_branch_taken(reg1, reg2, op, jmp32)
}

/// `is_scalar_branch_taken`: two scalars, either or both unknown.
fn is_scalar_branch_taken(reg1: &RegState, reg2: &RegState, op: u8, jmp32: bool) -> i32 {
    let sub = |r: &RegState| {
        if jmp32 {
            (
                r.var_off.subreg(),
                r.u32_min_value as u64,
                r.u32_max_value as u64,
                r.s32_min_value as i64,
                r.s32_max_value as i64,
            )
        } else {
            (
                r.var_off,
                r.umin_value,
                r.umax_value,
                r.smin_value,
                r.smax_value,
            )
        }
    };
    let (t1, umin1, umax1, smin1, smax1) = sub(reg1);
    let (t2, umin2, umax2, smin2, smax2) = sub(reg2);
    // The 32-bit ranges of a 64-bit comparison do not overlap.
    let apart32 = !jmp32
        && (reg1.u32_min_value > reg2.u32_max_value
            || reg1.u32_max_value < reg2.u32_min_value
            || reg1.s32_min_value > reg2.s32_max_value
            || reg1.s32_max_value < reg2.s32_min_value);
    match op {
        BPF_JEQ | BPF_JNE => {
            let ne = (op == BPF_JNE) as i32;
            if t1.is_const() && t2.is_const() {
                return ((t1.value == t2.value) as i32) ^ ne;
            }
            if !t1.overlap(t2)
                || umin1 > umax2
                || umax1 < umin2
                || smin1 > smax2
                || smax1 < smin2
                || apart32
            {
                return ne;
            }
        }
        BPF_JSET => {
            let (t1, t2) = if is_reg_const(reg2, jmp32) {
                (t1, t2)
            } else if is_reg_const(reg1, jmp32) {
                (t2, t1)
            } else {
                return -1;
            };
            if (!t1.mask & t1.value) & t2.value != 0 {
                return 1;
            }
            if (t1.mask | t1.value) & t2.value == 0 {
                return 0;
            }
        }
        BPF_JGT => {
            if umin1 > umax2 {
                return 1;
            } else if umax1 <= umin2 {
                return 0;
            }
        }
        BPF_JSGT => {
            if smin1 > smax2 {
                return 1;
            } else if smax1 <= smin2 {
                return 0;
            }
        }
        BPF_JLT => {
            if umax1 < umin2 {
                return 1;
            } else if umin1 >= umax2 {
                return 0;
            }
        }
        BPF_JSLT => {
            if smax1 < smin2 {
                return 1;
            } else if smin1 >= smax2 {
                return 0;
            }
        }
        BPF_JGE => {
            if umin1 >= umax2 {
                return 1;
            } else if umax1 < umin2 {
                return 0;
            }
        }
        BPF_JSGE => {
            if smin1 >= smax2 {
                return 1;
            } else if smax1 < smin2 {
                return 0;
            }
        }
        BPF_JLE => {
            if umax1 <= umin2 {
                return 1;
            } else if umin1 > umax2 {
                return 0;
            }
        }
        BPF_JSLE => {
            if smax1 <= smin2 {
                return 1;
            } else if smin1 > smax2 {
                return 0;
            }
        }
        _ => {}
    }
    -1
}

/// `regs_refine_cond_op`: narrow `regs[i1] op regs[i2]`, assumed true. The
/// two indices are equal when an instruction compares a register with
/// itself; the updates then fall on the one register one after the other,
/// as the kernel's do through two pointers to it.
fn regs_refine_cond_op(regs: &mut [RegState; 2], i1: usize, i2: usize, op: u8, jmp32: bool) {
    // GE/GT/SGE/SGT as LE/LT/SLE/SLT with the sides swapped.
    let (a, b, op) = match op {
        BPF_JGE | BPF_JGT | BPF_JSGE | BPF_JSGT => (i2, i1, flip_opcode(op)),
        _ => (i1, i2, op),
    };
    match op {
        BPF_JEQ => {
            if jmp32 {
                let umin = regs[a].u32_min_value.max(regs[b].u32_min_value);
                let umax = regs[a].u32_max_value.min(regs[b].u32_max_value);
                let smin = regs[a].s32_min_value.max(regs[b].s32_min_value);
                let smax = regs[a].s32_max_value.min(regs[b].s32_max_value);
                let t = regs[a].var_off.subreg().intersect(regs[b].var_off.subreg());
                for i in [a, b] {
                    let r = &mut regs[i];
                    r.u32_min_value = umin;
                    r.u32_max_value = umax;
                    r.s32_min_value = smin;
                    r.s32_max_value = smax;
                    r.var_off = r.var_off.with_subreg(t);
                }
            } else {
                let umin = regs[a].umin_value.max(regs[b].umin_value);
                let umax = regs[a].umax_value.min(regs[b].umax_value);
                let smin = regs[a].smin_value.max(regs[b].smin_value);
                let smax = regs[a].smax_value.min(regs[b].smax_value);
                let t = regs[a].var_off.intersect(regs[b].var_off);
                for i in [a, b] {
                    let r = &mut regs[i];
                    r.umin_value = umin;
                    r.umax_value = umax;
                    r.smin_value = smin;
                    r.smax_value = smax;
                    r.var_off = t;
                }
            }
        }
        BPF_JNE | BPF_JSET | JSET_NOT => {
            // These need a constant: the other register is narrowed.
            let (r, c) = if is_reg_const(&regs[b], jmp32) {
                (a, b)
            } else if is_reg_const(&regs[a], jmp32) {
                (b, a)
            } else {
                return;
            };
            let val = reg_const_value(&regs[c], jmp32);
            let reg = &mut regs[r];
            match op {
                BPF_JNE => {
                    // The constant at an end of the range moves that end.
                    if jmp32 {
                        if reg.u32_min_value == val as u32 {
                            reg.u32_min_value = reg.u32_min_value.wrapping_add(1);
                        }
                        if reg.u32_max_value == val as u32 {
                            reg.u32_max_value = reg.u32_max_value.wrapping_sub(1);
                        }
                        if reg.s32_min_value == val as u32 as i32 {
                            reg.s32_min_value = reg.s32_min_value.wrapping_add(1);
                        }
                        if reg.s32_max_value == val as u32 as i32 {
                            reg.s32_max_value = reg.s32_max_value.wrapping_sub(1);
                        }
                    } else {
                        if reg.umin_value == val {
                            reg.umin_value = reg.umin_value.wrapping_add(1);
                        }
                        if reg.umax_value == val {
                            reg.umax_value = reg.umax_value.wrapping_sub(1);
                        }
                        if reg.smin_value == val as i64 {
                            reg.smin_value = reg.smin_value.wrapping_add(1);
                        }
                        if reg.smax_value == val as i64 {
                            reg.smax_value = reg.smax_value.wrapping_sub(1);
                        }
                    }
                }
                BPF_JSET => {
                    // Only a single bit says which bit is set.
                    if !val.is_power_of_two() {
                        return;
                    }
                    if jmp32 {
                        let t = reg.var_off.subreg().or(Tnum::konst(val));
                        reg.var_off = reg.var_off.with_subreg(t);
                    } else {
                        reg.var_off = reg.var_off.or(Tnum::konst(val));
                    }
                }
                _ => {
                    // Forget the ranges before narrowing the bits (a dead
                    // branch would otherwise break the invariants).
                    reg.mark_unbounded();
                    if jmp32 {
                        let t = reg.var_off.subreg().and(Tnum::konst(!val));
                        reg.var_off = reg.var_off.with_subreg(t);
                    } else {
                        reg.var_off = reg.var_off.and(Tnum::konst(!val));
                    }
                }
            }
        }
        BPF_JLE | BPF_JLT | BPF_JSLE | BPF_JSLT => {
            // a <= b (or a < b): a's max from b's, b's min from a's.
            let strict = matches!(op, BPF_JLT | BPF_JSLT);
            let d = strict as u64;
            match (op, jmp32) {
                (BPF_JLE | BPF_JLT, true) => {
                    regs[a].u32_max_value = regs[a]
                        .u32_max_value
                        .min(regs[b].u32_max_value.wrapping_sub(d as u32));
                    regs[b].u32_min_value = regs[a]
                        .u32_min_value
                        .wrapping_add(d as u32)
                        .max(regs[b].u32_min_value);
                }
                (BPF_JLE | BPF_JLT, false) => {
                    regs[a].umax_value = regs[a].umax_value.min(regs[b].umax_value.wrapping_sub(d));
                    regs[b].umin_value = regs[a].umin_value.wrapping_add(d).max(regs[b].umin_value);
                }
                (_, true) => {
                    regs[a].s32_max_value = regs[a]
                        .s32_max_value
                        .min(regs[b].s32_max_value.wrapping_sub(d as i32));
                    regs[b].s32_min_value = regs[a]
                        .s32_min_value
                        .wrapping_add(d as i32)
                        .max(regs[b].s32_min_value);
                }
                (_, false) => {
                    regs[a].smax_value = regs[a]
                        .smax_value
                        .min(regs[b].smax_value.wrapping_sub(d as i64));
                    regs[b].smin_value = regs[a]
                        .smin_value
                        .wrapping_add(d as i64)
                        .max(regs[b].smin_value);
                }
            }
        }
        _ => {}
    }
}

/// `reg_bounds_sanity_check` without `BPF_F_TEST_REG_INVARIANTS`: bounds
/// that contradict each other (a branch that cannot be taken but was not
/// seen to be) are forgotten, as the kernel does after reporting a
/// verifier bug.
fn reg_bounds_sanity_check(r: &mut RegState) {
    let mut bad = r.umin_value > r.umax_value
        || r.smin_value > r.smax_value
        || r.u32_min_value > r.u32_max_value
        || r.s32_min_value > r.s32_max_value;
    if r.var_off.is_const() {
        let v = r.var_off.value;
        bad |= r.umin_value != v
            || r.umax_value != v
            || r.smin_value != v as i64
            || r.smax_value != v as i64;
    }
    if r.var_off.subreg().is_const() {
        let v = r.var_off.value as u32;
        bad |= r.u32_min_value != v
            || r.u32_max_value != v
            || r.s32_min_value != v as i32
            || r.s32_max_value != v as i32;
    }
    if bad {
        r.mark_unbounded();
    }
}

/// `reg_set_min_max` of today's kernel: narrow `true_regs` (the jump's
/// state of the two compared registers) by `op` and `false_regs` by its
/// reverse. `same` is true when both sides are the same register (index 0
/// of each pair then stands for both). Both sides must be scalars.
pub(super) fn reg_set_min_max(
    true_regs: &mut [RegState; 2],
    false_regs: &mut [RegState; 2],
    same: bool,
    op: u8,
    jmp32: bool,
) {
    let i2 = if same { 0 } else { 1 };
    for (regs, op) in [(false_regs, rev_opcode(op)), (true_regs, op)] {
        regs_refine_cond_op(regs, 0, i2, op, jmp32);
        for r in regs.iter_mut().take(i2 + 1) {
            r.bounds_sync_today();
            reg_bounds_sanity_check(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(lo: u64, hi: u64) -> RegState {
        let mut r = RegState::unknown();
        r.umin_value = lo;
        r.umax_value = hi;
        r.combine_64_into_32();
        r
    }

    fn split(a: RegState, b: RegState, op: u8) -> ([RegState; 2], [RegState; 2]) {
        let mut t = [a, b];
        let mut f = [a, b];
        reg_set_min_max(&mut t, &mut f, false, op, false);
        (t, f)
    }

    #[test]
    fn ne_with_an_end_moves_it() {
        // r1 in [0, 8]: `r1 != 0` taken → [1, 8]; `r1 == 8` not taken → [0, 7].
        let (t, f) = split(range(0, 8), RegState::known(0), BPF_JNE);
        assert_eq!((t[0].umin_value, t[0].umax_value), (1, 8));
        assert!(f[0].var_off.equals_const(0));
        let (t, f) = split(range(0, 8), RegState::known(8), BPF_JEQ);
        assert!(t[0].var_off.equals_const(8));
        assert_eq!((f[0].umin_value, f[0].umax_value), (0, 7));
        // Not at an end: nothing learned.
        let (_, f) = split(range(0, 8), RegState::known(4), BPF_JEQ);
        assert_eq!((f[0].umin_value, f[0].umax_value), (0, 8));
    }

    #[test]
    fn two_registers_narrow_each_other() {
        // r1 unknown, r2 in [0, 7]: `r1 > r2` not taken → r1 <= 7.
        let (t, f) = split(RegState::unknown(), range(0, 7), BPF_JGT);
        assert_eq!(f[0].umax_value, 7);
        assert_eq!(t[0].umin_value, 1);
        // r1 in [3, 10] < r2 in [0, 20]: r2 >= 4 and r1 <= 10 on the jump.
        let (t, _) = split(range(3, 10), range(0, 20), BPF_JLT);
        assert_eq!(t[1].umin_value, 4);
        assert_eq!(t[0].umax_value, 10);
    }

    #[test]
    fn decided_by_ranges_and_bits() {
        let pkt = |_: &RegState, _: &RegState, _: u8| -1;
        assert_eq!(
            is_branch_taken(&range(10, 17), &range(0, 7), BPF_JGT, false, pkt),
            1
        );
        let mut even = RegState::unknown();
        even.var_off = Tnum {
            value: 0,
            mask: 0xe,
        };
        even.bounds_sync();
        assert_eq!(
            is_branch_taken(&even, &RegState::known(1), BPF_JEQ, false, pkt),
            0
        );
        assert_eq!(
            is_branch_taken(&range(0, 8), &RegState::known(4), BPF_JEQ, false, pkt),
            -1
        );
    }

    #[test]
    fn jset_false_forgets_the_ranges() {
        let (_, f) = split(range(0, 8), RegState::known(1), BPF_JSET);
        assert_eq!(
            f[0].var_off,
            Tnum {
                value: 0,
                mask: 0xe
            }
        );
        assert_eq!(f[0].umax_value, 14);
    }

    #[test]
    fn a_register_compared_with_itself() {
        let mut t = [RegState::unknown(); 2];
        let mut f = [RegState::unknown(); 2];
        reg_set_min_max(&mut t, &mut f, true, BPF_JGT, false);
        assert_eq!((t[0].umin_value, t[0].umax_value), (1, u64::MAX - 1));
        assert_eq!((f[0].umin_value, f[0].umax_value), (0, u64::MAX));
    }
}

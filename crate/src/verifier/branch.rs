//! Conditional jumps (`check_cond_jmp_op`): decide the branch when the
//! bounds allow it, otherwise explore both sides with the bounds each side
//! implies, NULL-check pointers, and prove packet ranges from comparisons
//! with `data_end`.

use super::branch_refine::{self, flip_opcode};
use super::env::{Env, VErr, VResult};
use super::explain::RejectKind;
use super::mem::MAX_PACKET_OFF;
use super::reg_state::{BpfRegType, RegState};
use super::state::VerifierState;
use super::tnum::Tnum;
use crate::isa::*;

/// `AT_PKT_END`.
const AT_PKT_END: i32 = -1;
/// `BEYOND_PKT_END`.
const BEYOND_PKT_END: i32 = -2;

fn is_branch64_taken(reg: &RegState, val: u64, op: u8) -> i32 {
    let sval = val as i64;
    match op {
        BPF_JEQ => {
            if reg.var_off.is_const() {
                return reg.var_off.equals_const(val) as i32;
            }
            if val < reg.umin_value
                || val > reg.umax_value
                || sval < reg.smin_value
                || sval > reg.smax_value
            {
                return 0;
            }
        }
        BPF_JNE => {
            if reg.var_off.is_const() {
                return (!reg.var_off.equals_const(val)) as i32;
            }
            if val < reg.umin_value
                || val > reg.umax_value
                || sval < reg.smin_value
                || sval > reg.smax_value
            {
                return 1;
            }
        }
        BPF_JSET => {
            if (!reg.var_off.mask & reg.var_off.value) & val != 0 {
                return 1;
            }
            if (reg.var_off.mask | reg.var_off.value) & val == 0 {
                return 0;
            }
        }
        BPF_JGT => {
            if reg.umin_value > val {
                return 1;
            } else if reg.umax_value <= val {
                return 0;
            }
        }
        BPF_JSGT => {
            if reg.smin_value > sval {
                return 1;
            } else if reg.smax_value <= sval {
                return 0;
            }
        }
        BPF_JLT => {
            if reg.umax_value < val {
                return 1;
            } else if reg.umin_value >= val {
                return 0;
            }
        }
        BPF_JSLT => {
            if reg.smax_value < sval {
                return 1;
            } else if reg.smin_value >= sval {
                return 0;
            }
        }
        BPF_JGE => {
            if reg.umin_value >= val {
                return 1;
            } else if reg.umax_value < val {
                return 0;
            }
        }
        BPF_JSGE => {
            if reg.smin_value >= sval {
                return 1;
            } else if reg.smax_value < sval {
                return 0;
            }
        }
        BPF_JLE => {
            if reg.umax_value <= val {
                return 1;
            } else if reg.umin_value > val {
                return 0;
            }
        }
        BPF_JSLE => {
            if reg.smax_value <= sval {
                return 1;
            } else if reg.smin_value > sval {
                return 0;
            }
        }
        _ => {}
    }
    -1
}

fn is_branch32_taken(reg: &RegState, val: u32, op: u8) -> i32 {
    let sub = reg.var_off.subreg();
    let sval = val as i32;
    let (umin, umax, smin, smax) = (
        reg.u32_min_value,
        reg.u32_max_value,
        reg.s32_min_value,
        reg.s32_max_value,
    );
    match op {
        BPF_JEQ => {
            if sub.is_const() {
                return sub.equals_const(val as u64) as i32;
            }
            if val < umin || val > umax || sval < smin || sval > smax {
                return 0;
            }
        }
        BPF_JNE => {
            if sub.is_const() {
                return (!sub.equals_const(val as u64)) as i32;
            }
            if val < umin || val > umax || sval < smin || sval > smax {
                return 1;
            }
        }
        BPF_JSET => {
            if (!sub.mask & sub.value) & val as u64 != 0 {
                return 1;
            }
            if (sub.mask | sub.value) & val as u64 == 0 {
                return 0;
            }
        }
        BPF_JGT => {
            if umin > val {
                return 1;
            } else if umax <= val {
                return 0;
            }
        }
        BPF_JSGT => {
            if smin > sval {
                return 1;
            } else if smax <= sval {
                return 0;
            }
        }
        BPF_JLT => {
            if umax < val {
                return 1;
            } else if umin >= val {
                return 0;
            }
        }
        BPF_JSLT => {
            if smax < sval {
                return 1;
            } else if smin >= sval {
                return 0;
            }
        }
        BPF_JGE => {
            if umin >= val {
                return 1;
            } else if umax < val {
                return 0;
            }
        }
        BPF_JSGE => {
            if smin >= sval {
                return 1;
            } else if smax < sval {
                return 0;
            }
        }
        BPF_JLE => {
            if umax <= val {
                return 1;
            } else if umin > val {
                return 0;
            }
        }
        BPF_JSLE => {
            if smax <= sval {
                return 1;
            } else if smin > sval {
                return 0;
            }
        }
        _ => {}
    }
    -1
}

/// `is_branch_taken`: 1 taken, 0 not taken, -1 unknown.
fn is_branch_taken(reg: &RegState, val: u64, op: u8, jmp32: bool) -> i32 {
    if reg.is_pointer() {
        // Only pointers that can never be NULL decide comparisons with 0.
        let not_null = !reg.maybe_null
            && matches!(reg.typ, BpfRegType::PtrToMapValue | BpfRegType::PtrToMapKey);
        if !not_null || val != 0 {
            return -1;
        }
        return match op {
            BPF_JEQ => 0,
            BPF_JNE => 1,
            _ => -1,
        };
    }
    if jmp32 {
        is_branch32_taken(reg, val as u32, op)
    } else {
        is_branch64_taken(reg, val, op)
    }
}

/// `is_pkt_ptr_branch_taken`.
fn is_pkt_ptr_branch_taken(dst: &RegState, src: &RegState, op: u8) -> i32 {
    let (pkt, opcode) = if src.typ == BpfRegType::PtrToPacketEnd {
        (dst, op)
    } else if dst.typ == BpfRegType::PtrToPacketEnd {
        (src, flip_opcode(op))
    } else {
        return -1;
    };
    if pkt.range >= 0 {
        return -1;
    }
    match opcode {
        BPF_JLE | BPF_JGT if pkt.range == BEYOND_PKT_END => {
            return (opcode == BPF_JGT) as i32;
        }
        BPF_JLT | BPF_JGE if (pkt.range == BEYOND_PKT_END || pkt.range == AT_PKT_END) => {
            return (opcode == BPF_JGE) as i32;
        }
        _ => {}
    }
    -1
}

/// `reg_set_min_max`: learn from `reg op val` in both branches.
fn reg_set_min_max(
    true_reg: &mut RegState,
    false_reg: &mut RegState,
    val: u64,
    val32: u32,
    op: u8,
    jmp32: bool,
) {
    if false_reg.is_pointer() {
        return;
    }
    let mut false_64 = false_reg.var_off;
    let mut true_64 = true_reg.var_off;
    let mut false_32 = false_reg.var_off.subreg();
    let mut true_32 = true_reg.var_off.subreg();
    let sval = val as i64;
    let sval32 = val32 as i32;
    match op {
        BPF_JEQ => {
            if jmp32 {
                true_reg.mark_known32(val32);
                true_32 = true_reg.var_off.subreg();
            } else {
                let id = true_reg.id;
                true_reg.mark_known(val);
                true_reg.id = id;
                true_64 = true_reg.var_off;
            }
        }
        BPF_JNE => {
            if jmp32 {
                false_reg.mark_known32(val32);
                false_32 = false_reg.var_off.subreg();
            } else {
                let id = false_reg.id;
                false_reg.mark_known(val);
                false_reg.id = id;
                false_64 = false_reg.var_off;
            }
        }
        BPF_JSET => {
            if jmp32 {
                false_32 = false_32.and(Tnum::konst(!val32 as u64));
                if val32.is_power_of_two() {
                    true_32 = true_32.or(Tnum::konst(val32 as u64));
                }
            } else {
                false_64 = false_64.and(Tnum::konst(!val));
                if val.is_power_of_two() {
                    true_64 = true_64.or(Tnum::konst(val));
                }
            }
        }
        BPF_JGE | BPF_JGT => {
            if jmp32 {
                let false_umax = if op == BPF_JGT {
                    val32
                } else {
                    val32.wrapping_sub(1)
                };
                let true_umin = if op == BPF_JGT {
                    val32.wrapping_add(1)
                } else {
                    val32
                };
                false_reg.u32_max_value = false_reg.u32_max_value.min(false_umax);
                true_reg.u32_min_value = true_reg.u32_min_value.max(true_umin);
            } else {
                let false_umax = if op == BPF_JGT {
                    val
                } else {
                    val.wrapping_sub(1)
                };
                let true_umin = if op == BPF_JGT {
                    val.wrapping_add(1)
                } else {
                    val
                };
                false_reg.umax_value = false_reg.umax_value.min(false_umax);
                true_reg.umin_value = true_reg.umin_value.max(true_umin);
            }
        }
        BPF_JSGE | BPF_JSGT => {
            if jmp32 {
                let false_smax = if op == BPF_JSGT {
                    sval32
                } else {
                    sval32.wrapping_sub(1)
                };
                let true_smin = if op == BPF_JSGT {
                    sval32.wrapping_add(1)
                } else {
                    sval32
                };
                false_reg.s32_max_value = false_reg.s32_max_value.min(false_smax);
                true_reg.s32_min_value = true_reg.s32_min_value.max(true_smin);
            } else {
                let false_smax = if op == BPF_JSGT {
                    sval
                } else {
                    sval.wrapping_sub(1)
                };
                let true_smin = if op == BPF_JSGT {
                    sval.wrapping_add(1)
                } else {
                    sval
                };
                false_reg.smax_value = false_reg.smax_value.min(false_smax);
                true_reg.smin_value = true_reg.smin_value.max(true_smin);
            }
        }
        BPF_JLE | BPF_JLT => {
            if jmp32 {
                let false_umin = if op == BPF_JLT {
                    val32
                } else {
                    val32.wrapping_add(1)
                };
                let true_umax = if op == BPF_JLT {
                    val32.wrapping_sub(1)
                } else {
                    val32
                };
                false_reg.u32_min_value = false_reg.u32_min_value.max(false_umin);
                true_reg.u32_max_value = true_reg.u32_max_value.min(true_umax);
            } else {
                let false_umin = if op == BPF_JLT {
                    val
                } else {
                    val.wrapping_add(1)
                };
                let true_umax = if op == BPF_JLT {
                    val.wrapping_sub(1)
                } else {
                    val
                };
                false_reg.umin_value = false_reg.umin_value.max(false_umin);
                true_reg.umax_value = true_reg.umax_value.min(true_umax);
            }
        }
        BPF_JSLE | BPF_JSLT => {
            if jmp32 {
                let false_smin = if op == BPF_JSLT {
                    sval32
                } else {
                    sval32.wrapping_add(1)
                };
                let true_smax = if op == BPF_JSLT {
                    sval32.wrapping_sub(1)
                } else {
                    sval32
                };
                false_reg.s32_min_value = false_reg.s32_min_value.max(false_smin);
                true_reg.s32_max_value = true_reg.s32_max_value.min(true_smax);
            } else {
                let false_smin = if op == BPF_JSLT {
                    sval
                } else {
                    sval.wrapping_add(1)
                };
                let true_smax = if op == BPF_JSLT {
                    sval.wrapping_sub(1)
                } else {
                    sval
                };
                false_reg.smin_value = false_reg.smin_value.max(false_smin);
                true_reg.smax_value = true_reg.smax_value.min(true_smax);
            }
        }
        _ => {}
    }
    if jmp32 {
        false_reg.var_off = false_64.clear_subreg().or(false_32.subreg());
        true_reg.var_off = true_64.clear_subreg().or(true_32.subreg());
        false_reg.combine_32_into_64();
        true_reg.combine_32_into_64();
    } else {
        false_reg.var_off = false_64;
        true_reg.var_off = true_64;
        false_reg.combine_64_into_32();
        true_reg.combine_64_into_32();
    }
}

/// `__reg_combine_min_max`: two registers known equal.
fn reg_combine_min_max(a: &mut RegState, b: &mut RegState) {
    let umin = a.umin_value.max(b.umin_value);
    let umax = a.umax_value.min(b.umax_value);
    let smin = a.smin_value.max(b.smin_value);
    let smax = a.smax_value.min(b.smax_value);
    let v = a.var_off.intersect(b.var_off);
    for r in [a, b] {
        r.umin_value = umin;
        r.umax_value = umax;
        r.smin_value = smin;
        r.smax_value = smax;
        r.var_off = v;
        r.bounds_sync();
    }
}

/// `find_equal_scalars`: copy what was learned to registers with the same id.
fn find_equal_scalars(st: &mut VerifierState, known: &RegState) {
    if known.id == 0 {
        return;
    }
    st.for_each_reg(|r| {
        if r.is_scalar() && r.id == known.id {
            let live = r.live_written;
            *r = *known;
            r.live_written = live;
        }
    });
}

/// `mark_ptr_or_null_regs`.
fn mark_ptr_or_null_regs(st: &mut VerifierState, regno: usize, is_null: bool) {
    let (id, ref_obj_id) = {
        let r = &st.regs()[regno];
        (r.id, r.ref_obj_id)
    };
    if id == 0 {
        return;
    }
    if ref_obj_id != 0 && ref_obj_id == id && is_null {
        st.cur_mut().refs.retain(|r| r.id != id);
    }
    st.for_each_reg(|r| {
        if r.maybe_null && r.id == id {
            if is_null {
                let live = r.live_written;
                *r = RegState::known(0);
                r.live_written = live;
            } else {
                r.maybe_null = false;
                r.id = 0;
            }
        }
    });
}

/// `find_good_pkt_pointers`.
fn find_good_pkt_pointers(st: &mut VerifierState, dst: &RegState, right_open: bool) {
    if dst.off < 0 || (dst.off == 0 && right_open) {
        return;
    }
    if dst.umax_value > MAX_PACKET_OFF as u64
        || dst.umax_value as i64 + dst.off as i64 > MAX_PACKET_OFF
    {
        return;
    }
    // `pkt' < pkt_end` (right open) proves one byte more than `pkt' <=
    // pkt_end`: since v5.16's "Fix the off-by-two error in range markings"
    // (2fa7d94afc1a) the kernel adds one here, the era's kernel included.
    let mut new_range = dst.off;
    if right_open {
        new_range += 1;
    }
    st.for_each_reg(|r| {
        if r.typ == dst.typ && r.id == dst.id {
            r.range = r.range.max(new_range);
        }
    });
}

/// `mark_pkt_end`.
fn mark_pkt_end(st: &mut VerifierState, regno: usize, range_open: bool) {
    let r = &mut st.regs_mut()[regno];
    if r.typ != BpfRegType::PtrToPacket {
        return;
    }
    r.range = if range_open {
        BEYOND_PKT_END
    } else {
        AT_PKT_END
    };
}

fn is_init_pkt(r: &RegState) -> bool {
    r.typ == BpfRegType::PtrToPacket && r.off == 0 && r.var_off.equals_const(0)
}

/// `try_match_pkt_pointers`.
fn try_match_pkt_pointers(
    insn: Insn,
    dst: &RegState,
    src: &RegState,
    this: &mut VerifierState,
    other: &mut VerifierState,
) -> bool {
    if insn.src_bit() != BPF_X || insn.class() == BPF_JMP32 {
        return false;
    }
    let (d, s) = (insn.dst_reg as usize, insn.src_reg as usize);
    let fwd = (dst.typ == BpfRegType::PtrToPacket && src.typ == BpfRegType::PtrToPacketEnd)
        || (dst.typ == BpfRegType::PtrToPacketMeta && is_init_pkt(src));
    let rev = (dst.typ == BpfRegType::PtrToPacketEnd && src.typ == BpfRegType::PtrToPacket)
        || (is_init_pkt(dst) && src.typ == BpfRegType::PtrToPacketMeta);
    match insn.op() {
        BPF_JGT if fwd => {
            find_good_pkt_pointers(this, dst, false);
            mark_pkt_end(other, d, true);
        }
        BPF_JGT if rev => {
            find_good_pkt_pointers(other, src, true);
            mark_pkt_end(this, s, false);
        }
        BPF_JLT if fwd => {
            find_good_pkt_pointers(other, dst, true);
            mark_pkt_end(this, d, false);
        }
        BPF_JLT if rev => {
            find_good_pkt_pointers(this, src, false);
            mark_pkt_end(other, s, true);
        }
        BPF_JGE if fwd => {
            find_good_pkt_pointers(this, dst, true);
            mark_pkt_end(other, d, false);
        }
        BPF_JGE if rev => {
            find_good_pkt_pointers(other, src, false);
            mark_pkt_end(this, s, true);
        }
        BPF_JLE if fwd => {
            find_good_pkt_pointers(other, dst, false);
            mark_pkt_end(this, d, true);
        }
        BPF_JLE if rev => {
            find_good_pkt_pointers(this, src, true);
            mark_pkt_end(other, s, false);
        }
        _ => return false,
    }
    true
}

impl Env<'_> {
    /// `check_cond_jmp_op`; returns the next instruction of this path.
    pub(crate) fn check_cond_jmp_op(&mut self, insn: Insn) -> VResult<usize> {
        let op = insn.op();
        let idx = self.insn_idx;
        let jmp32 = insn.class() == BPF_JMP32;
        if op > BPF_JSLE {
            return Err(VErr::new(
                RejectKind::BadInsn,
                format!("invalid BPF_JMP/JMP32 opcode {op:x}"),
            ));
        }
        let (d, s) = (insn.dst_reg as usize, insn.src_reg as usize);
        if insn.src_bit() == BPF_X {
            self.check_reg_read(s)?;
        }
        self.check_reg_read(d)?;
        let target = (idx as i64 + insn.off as i64 + 1).max(0) as usize;
        let dst_reg = self.cur.regs()[d];
        let src_reg = if insn.src_bit() == BPF_X {
            Some(self.cur.regs()[s])
        } else {
            None
        };
        let today = self.opts.kernel.branches_refine_both_registers();
        // A BPF_K comparison's constant as a register (the kernel's fake_reg).
        let fake = RegState::known(insn.imm as i64 as u64);
        let pred = match &src_reg {
            _ if today => branch_refine::is_branch_taken(
                &dst_reg,
                src_reg.as_ref().unwrap_or(&fake),
                op,
                jmp32,
                is_pkt_ptr_branch_taken,
            ),
            None => {
                let v = if jmp32 {
                    insn.imm as u32 as u64
                } else {
                    insn.imm as i64 as u64
                };
                is_branch_taken(&dst_reg, v, op, jmp32)
            }
            Some(sr) if sr.is_scalar() && jmp32 && sr.var_off.subreg().is_const() => {
                is_branch_taken(&dst_reg, sr.var_off.subreg().value, op, jmp32)
            }
            Some(sr) if sr.is_scalar() && !jmp32 && sr.var_off.is_const() => {
                is_branch_taken(&dst_reg, sr.var_off.value, op, jmp32)
            }
            Some(sr)
                if !jmp32
                    && (dst_reg.typ.is_pkt_pointer()
                        || dst_reg.typ == BpfRegType::PtrToPacketEnd)
                    && (sr.typ.is_pkt_pointer() || sr.typ == BpfRegType::PtrToPacketEnd) =>
            {
                is_pkt_ptr_branch_taken(&dst_reg, sr, op)
            }
            _ => -1,
        };
        if pred == 1 {
            self.print_insn_state();
            return Ok(target);
        }
        if pred == 0 {
            self.print_insn_state();
            return Ok(idx + 1);
        }
        let mut other = self.cur.clone();
        let mut this = std::mem::replace(&mut self.cur, VerifierState::initial());
        if today {
            let r2 = src_reg.unwrap_or(fake);
            if dst_reg.is_scalar() && r2.is_scalar() {
                let same = src_reg.is_some() && s == d;
                let pair = |st: &VerifierState| {
                    let regs = st.regs();
                    [regs[d], if src_reg.is_some() { regs[s] } else { fake }]
                };
                let (mut t, mut f) = (pair(&other), pair(&this));
                branch_refine::reg_set_min_max(&mut t, &mut f, same, op, jmp32);
                for (st, regs) in [(&mut other, t), (&mut this, f)] {
                    st.regs_mut()[d] = regs[0];
                    if src_reg.is_some() && !same {
                        st.regs_mut()[s] = regs[1];
                    }
                }
            }
            if src_reg.is_some() && r2.is_scalar() && r2.id != 0 {
                let k = this.regs()[s];
                find_equal_scalars(&mut this, &k);
                let k = other.regs()[s];
                find_equal_scalars(&mut other, &k);
            }
        } else if let Some(sr) = &src_reg {
            if dst_reg.is_scalar() && sr.is_scalar() {
                if sr.var_off.is_const() || (jmp32 && sr.var_off.subreg().is_const()) {
                    let (t, f) = two_regs(&mut other, &mut this, d);
                    reg_set_min_max(
                        t,
                        f,
                        sr.var_off.value,
                        sr.var_off.subreg().value as u32,
                        op,
                        jmp32,
                    );
                } else if dst_reg.var_off.is_const()
                    || (jmp32 && dst_reg.var_off.subreg().is_const())
                {
                    let (t, f) = two_regs(&mut other, &mut this, s);
                    reg_set_min_max(
                        t,
                        f,
                        dst_reg.var_off.value,
                        dst_reg.var_off.subreg().value as u32,
                        flip_opcode(op),
                        jmp32,
                    );
                } else if !jmp32 && (op == BPF_JEQ || op == BPF_JNE) {
                    let target_state = if op == BPF_JEQ { &mut other } else { &mut this };
                    let regs = target_state.regs_mut();
                    let mut a = regs[s];
                    let mut b = regs[d];
                    reg_combine_min_max(&mut a, &mut b);
                    regs[s] = a;
                    regs[d] = b;
                }
                if sr.id != 0 {
                    let k = this.regs()[s];
                    find_equal_scalars(&mut this, &k);
                    let k = other.regs()[s];
                    find_equal_scalars(&mut other, &k);
                }
            }
        } else if dst_reg.is_scalar() {
            let (t, f) = two_regs(&mut other, &mut this, d);
            reg_set_min_max(t, f, insn.imm as i64 as u64, insn.imm as u32, op, jmp32);
        }
        if dst_reg.is_scalar() && dst_reg.id != 0 {
            let k = this.regs()[d];
            find_equal_scalars(&mut this, &k);
            let k = other.regs()[d];
            find_equal_scalars(&mut other, &k);
        }
        if !jmp32
            && src_reg.is_none()
            && insn.imm == 0
            && (op == BPF_JEQ || op == BPF_JNE)
            && dst_reg.maybe_null
        {
            mark_ptr_or_null_regs(&mut this, d, op == BPF_JNE);
            mark_ptr_or_null_regs(&mut other, d, op == BPF_JEQ);
        } else if let Some(sr) = &src_reg {
            try_match_pkt_pointers(insn, &dst_reg, sr, &mut this, &mut other);
        }
        self.cur = this;
        self.push_branch(other, target, idx)?;
        self.print_insn_state();
        Ok(idx + 1)
    }
}

/// The same register in the taken (`other`) and fall-through (`this`) states.
fn two_regs<'s>(
    other: &'s mut VerifierState,
    this: &'s mut VerifierState,
    r: usize,
) -> (&'s mut RegState, &'s mut RegState) {
    let t = &mut other.regs_mut()[r];
    let f = &mut this.regs_mut()[r];
    (t, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn branch_taken_on_bounds() {
        let mut r = RegState::unknown();
        r.umax_value = 10;
        r.bounds_sync();
        assert_eq!(is_branch_taken(&r, 10, BPF_JGT, false), 0);
        assert_eq!(is_branch_taken(&r, 5, BPF_JGT, false), -1);
        assert_eq!(is_branch_taken(&RegState::known(3), 3, BPF_JEQ, false), 1);
    }

    #[test]
    fn set_min_max_splits() {
        let mut t = RegState::unknown();
        let mut f = RegState::unknown();
        reg_set_min_max(&mut t, &mut f, 16, 16, BPF_JGT, false);
        assert_eq!(f.umax_value, 16);
        assert_eq!(t.umin_value, 17);
    }
}

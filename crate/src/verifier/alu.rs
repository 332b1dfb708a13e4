//! ALU instructions: scalar bounds tracking (`adjust_scalar_min_max_vals`)
//! and pointer arithmetic (`adjust_ptr_min_max_vals`), with the kernel's
//! rules and messages.

use super::env::{Env, VErr, VResult};
use super::explain::RejectKind;
use super::reg_state::{BpfRegType, RegState};
use crate::isa::*;

/// `BPF_MAX_VAR_OFF`.
pub const BPF_MAX_VAR_OFF: i64 = 1 << 29;

/// `bpf_alu_string`.
pub fn alu_string(op: u8) -> &'static str {
    match op {
        BPF_ADD => "+=",
        BPF_SUB => "-=",
        BPF_MUL => "*=",
        BPF_DIV => "/=",
        BPF_OR => "|=",
        BPF_AND => "&=",
        BPF_LSH => "<<=",
        BPF_RSH => ">>=",
        BPF_NEG => "neg",
        BPF_MOD => "%=",
        BPF_XOR => "^=",
        BPF_MOV => "=",
        BPF_ARSH => "s>>=",
        _ => "endian",
    }
}

impl Env<'_> {
    /// `check_alu_op`.
    pub(crate) fn check_alu_op(&mut self, insn: Insn) -> VResult<()> {
        let op = insn.op();
        let alu64 = insn.class() == BPF_ALU64;
        let dst = insn.dst_reg as usize;
        match op {
            BPF_END | BPF_NEG => {
                self.check_reg_read(dst)?;
                self.check_reg_write(dst)?;
                let mut r = RegState::unknown();
                if op == BPF_END && insn.src_bit() == BPF_TO_LE && !alu64 && insn.imm < 64 {
                    // `le16`/`le32` on a little-endian machine truncate.
                    let old = &self.cur.regs()[dst];
                    if old.is_scalar() {
                        r = *old;
                        r.id = 0;
                        r.coerce_to_size((insn.imm / 8) as u32);
                    }
                }
                r.live_written = true;
                self.cur.regs_mut()[dst] = r;
                Ok(())
            }
            BPF_MOV => {
                if insn.src_bit() == BPF_X {
                    self.check_reg_read(insn.src_reg as usize)?;
                }
                self.check_reg_write(dst)?;
                if insn.src_bit() == BPF_X {
                    let src_i = insn.src_reg as usize;
                    if alu64 && insn.off == 0 {
                        let src = &self.cur.regs()[src_i];
                        if src.is_scalar() && src.id == 0 && !src.is_const() {
                            self.id_gen += 1;
                            let id = self.id_gen;
                            self.cur.regs_mut()[src_i].id = id;
                        }
                        let mut r = self.cur.regs()[src_i];
                        r.live_written = true;
                        self.cur.regs_mut()[dst] = r;
                    } else if alu64 {
                        // movsx: sign-extending move of the low 8/16/32 bits.
                        let mut r = RegState::unknown();
                        let src = &self.cur.regs()[src_i];
                        if src.is_scalar() && src.is_const() {
                            let v = src.var_off.value;
                            let sx = match insn.off {
                                8 => v as u8 as i8 as i64,
                                16 => v as u16 as i16 as i64,
                                _ => v as u32 as i32 as i64,
                            };
                            r.mark_known(sx as u64);
                        }
                        r.live_written = true;
                        self.cur.regs_mut()[dst] = r;
                    } else {
                        let src = self.cur.regs()[src_i];
                        let mut r = if src.is_scalar() && insn.off == 0 {
                            let mut r = src;
                            r.id = 0;
                            r
                        } else if src.is_scalar() {
                            let mut r = RegState::unknown();
                            if src.is_const() {
                                let v = src.var_off.value;
                                let sx = if insn.off == 8 {
                                    v as u8 as i8 as i32
                                } else {
                                    v as u16 as i16 as i32
                                };
                                r.mark_known(sx as u32 as u64);
                            }
                            r
                        } else {
                            // Privileged: a pointer truncated to 32 bits is a scalar.
                            RegState::unknown()
                        };
                        r.zext_32_to_64();
                        r.bounds_sync();
                        r.live_written = true;
                        self.cur.regs_mut()[dst] = r;
                    }
                } else {
                    let v = if alu64 {
                        insn.imm as i64 as u64
                    } else {
                        insn.imm as u32 as u64
                    };
                    let mut r = RegState::known(v);
                    r.live_written = true;
                    self.cur.regs_mut()[dst] = r;
                }
                Ok(())
            }
            _ => {
                if insn.src_bit() == BPF_X {
                    self.check_reg_read(insn.src_reg as usize)?;
                }
                self.check_reg_read(dst)?;
                if matches!(op, BPF_DIV | BPF_MOD) && insn.src_bit() == BPF_K && insn.imm == 0 {
                    return Err(VErr::new(RejectKind::Other, "div by zero"));
                }
                if matches!(op, BPF_LSH | BPF_RSH | BPF_ARSH) && insn.src_bit() == BPF_K {
                    let size = if alu64 { 64 } else { 32 };
                    if insn.imm < 0 || insn.imm >= size {
                        return Err(VErr::new(
                            RejectKind::Other,
                            format!("invalid shift {}", insn.imm),
                        ));
                    }
                }
                self.check_reg_write(dst)?;
                self.adjust_reg_min_max_vals(insn)
            }
        }
    }

    fn adjust_reg_min_max_vals(&mut self, insn: Insn) -> VResult<()> {
        let dst = insn.dst_reg as usize;
        let op = insn.op();
        let dst_reg = self.cur.regs()[dst];
        let src_reg = if insn.src_bit() == BPF_X {
            self.cur.regs()[insn.src_reg as usize]
        } else {
            RegState::known(insn.imm as i64 as u64)
        };
        let mut result = if !src_reg.is_scalar() {
            if !dst_reg.is_scalar() {
                if op == BPF_SUB {
                    RegState::unknown()
                } else {
                    return Err(VErr::new(
                        RejectKind::PointerArithmetic,
                        format!("R{} pointer {} pointer prohibited", dst, alu_string(op)),
                    ));
                }
            } else {
                // scalar += pointer
                self.adjust_ptr_min_max_vals(insn, &src_reg, &dst_reg, true)?
            }
        } else if !dst_reg.is_scalar() {
            self.adjust_ptr_min_max_vals(insn, &dst_reg, &src_reg, false)?
        } else {
            let mut r = adjust_scalar_min_max_vals(insn, dst_reg, &src_reg);
            if self.opts.kernel.deduces_32_from_64() {
                r.bounds_sync_today();
            }
            r
        };
        result.live_written = true;
        self.cur.regs_mut()[dst] = result;
        Ok(())
    }

    /// `adjust_ptr_min_max_vals`: `ptr op off`; returns the new dst.
    fn adjust_ptr_min_max_vals(
        &mut self,
        insn: Insn,
        ptr: &RegState,
        off_reg: &RegState,
        dst_is_off: bool,
    ) -> VResult<RegState> {
        let dst = insn.dst_reg;
        let op = insn.op();
        let known = off_reg.var_off.is_const();
        let (smin_val, smax_val, umin_val, umax_val) = (
            off_reg.smin_value,
            off_reg.smax_value,
            off_reg.umin_value,
            off_reg.umax_value,
        );
        if (known && (smin_val != smax_val || umin_val != umax_val))
            || smin_val > smax_val
            || umin_val > umax_val
        {
            return Ok(RegState::unknown());
        }
        let arith = |m: String| VErr::new(RejectKind::PointerArithmetic, m);
        if insn.class() != BPF_ALU64 {
            if op == BPF_SUB {
                return Ok(RegState::unknown());
            }
            return Err(arith(format!(
                "R{dst} 32-bit pointer arithmetic prohibited"
            )));
        }
        if ptr.maybe_null {
            return Err(arith(format!(
                "R{} pointer arithmetic on {} prohibited, null-check it first",
                dst,
                ptr.type_str()
            )));
        }
        match ptr.typ {
            BpfRegType::ConstPtrToMap if known && smin_val == 0 && op == BPF_ADD => {}
            BpfRegType::ConstPtrToMap | BpfRegType::PtrToPacketEnd => {
                return Err(arith(format!(
                    "R{} pointer arithmetic on {} prohibited",
                    dst,
                    ptr.type_str()
                )));
            }
            _ => {}
        }
        let mut d = *ptr;
        check_reg_sane_offset(off_reg, ptr)?;
        check_reg_sane_offset(ptr, ptr)?;
        d.mark_reg32_unbounded();
        let (smin_ptr, smax_ptr, umin_ptr, umax_ptr) = (
            ptr.smin_value,
            ptr.smax_value,
            ptr.umin_value,
            ptr.umax_value,
        );
        match op {
            BPF_ADD => {
                let new_off = ptr.off as i64 + smin_val;
                if known && new_off == new_off as i32 as i64 {
                    d.off = new_off as i32;
                } else {
                    (d.smin_value, d.smax_value) = bounds_or_full(
                        smin_ptr.checked_add(smin_val),
                        smax_ptr.checked_add(smax_val),
                        (i64::MIN, i64::MAX),
                    );
                    (d.umin_value, d.umax_value) = bounds_or_full(
                        umin_ptr.checked_add(umin_val),
                        umax_ptr.checked_add(umax_val),
                        (0, u64::MAX),
                    );
                    d.var_off = ptr.var_off.add(off_reg.var_off);
                    if ptr.typ.is_pkt_pointer() {
                        self.id_gen += 1;
                        d.id = self.id_gen;
                        d.range = 0;
                    }
                }
            }
            BPF_SUB => {
                if dst_is_off {
                    return Err(arith(format!(
                        "R{dst} tried to subtract pointer from scalar"
                    )));
                }
                if ptr.typ == BpfRegType::PtrToStack {
                    return Err(arith(format!(
                        "R{dst} subtraction from stack pointer prohibited"
                    )));
                }
                let new_off = ptr.off as i64 - smin_val;
                if known && new_off == new_off as i32 as i64 {
                    d.off = new_off as i32;
                } else {
                    (d.smin_value, d.smax_value) = bounds_or_full(
                        smin_ptr.checked_sub(smax_val),
                        smax_ptr.checked_sub(smin_val),
                        (i64::MIN, i64::MAX),
                    );
                    if umin_ptr < umax_val {
                        d.umin_value = 0;
                        d.umax_value = u64::MAX;
                    } else {
                        d.umin_value = umin_ptr - umax_val;
                        d.umax_value = umax_ptr - umin_val;
                    }
                    d.var_off = ptr.var_off.sub(off_reg.var_off);
                    if ptr.typ.is_pkt_pointer() {
                        self.id_gen += 1;
                        d.id = self.id_gen;
                        if smin_val < 0 {
                            d.range = 0;
                        }
                    }
                }
            }
            BPF_AND | BPF_OR | BPF_XOR => {
                return Err(arith(format!(
                    "R{} bitwise operator {} on pointer prohibited",
                    dst,
                    alu_string(op)
                )));
            }
            _ => {
                return Err(arith(format!(
                    "R{} pointer arithmetic with {} operator prohibited",
                    dst,
                    alu_string(op)
                )));
            }
        }
        // A packet pointer marked at or beyond pkt_end (`range < 0`, from
        // `if pkt' >= pkt_end`) says nothing once it has moved: the kernel
        // (checked on Linux 6.18: `r9 += -256`, even `r9 += 0`) keeps a
        // positive range through constant arithmetic but clears a marker,
        // else the next comparison with pkt_end would be taken as decided.
        if ptr.typ.is_pkt_pointer() && d.range < 0 {
            d.range = 0;
        }
        check_reg_sane_offset(&d, ptr)?;
        if self.opts.kernel.deduces_32_from_64() {
            d.bounds_sync_today();
        } else {
            d.bounds_sync();
        }
        Ok(d)
    }
}

/// `check_reg_sane_offset`.
fn check_reg_sane_offset(reg: &RegState, ptr: &RegState) -> VResult<()> {
    let t = ptr.type_str();
    let bad = |m: String| Err(VErr::new(RejectKind::PointerArithmetic, m));
    let known = reg.var_off.is_const();
    let val = reg.var_off.value as i64;
    if known && (val >= BPF_MAX_VAR_OFF || val <= -BPF_MAX_VAR_OFF) {
        return bad(format!("math between {t} pointer and {val} is not allowed"));
    }
    if reg.off as i64 >= BPF_MAX_VAR_OFF || reg.off as i64 <= -BPF_MAX_VAR_OFF {
        return bad(format!("{} pointer offset {} is not allowed", t, reg.off));
    }
    if reg.smin_value == i64::MIN {
        return bad(format!(
            "math between {t} pointer and register with unbounded min value is not allowed"
        ));
    }
    if reg.smin_value >= BPF_MAX_VAR_OFF || reg.smin_value <= -BPF_MAX_VAR_OFF {
        return bad(format!(
            "value {} makes {} pointer be out of bounds",
            reg.smin_value, t
        ));
    }
    Ok(())
}

/// `adjust_scalar_min_max_vals`: `dst op src` on two scalars.
pub fn adjust_scalar_min_max_vals(insn: Insn, mut dst: RegState, src: &RegState) -> RegState {
    let op = insn.op();
    let alu32 = insn.class() != BPF_ALU64;
    let src_known = if alu32 {
        src.var_off.subreg().is_const()
    } else {
        src.var_off.is_const()
    };
    if alu32 {
        if (src_known
            && (src.s32_min_value != src.s32_max_value || src.u32_min_value != src.u32_max_value))
            || src.s32_min_value > src.s32_max_value
            || src.u32_min_value > src.u32_max_value
        {
            return RegState::unknown();
        }
    } else if (src_known && (src.smin_value != src.smax_value || src.umin_value != src.umax_value))
        || src.smin_value > src.smax_value
        || src.umin_value > src.umax_value
    {
        return RegState::unknown();
    }
    if !src_known && !matches!(op, BPF_ADD | BPF_SUB | BPF_AND) {
        return RegState::unknown();
    }
    dst.id = 0;
    let bitness = if alu32 { 32 } else { 64 };
    match op {
        BPF_ADD => {
            add32(&mut dst, src);
            add64(&mut dst, src);
            dst.var_off = dst.var_off.add(src.var_off);
        }
        BPF_SUB => {
            sub32(&mut dst, src);
            sub64(&mut dst, src);
            dst.var_off = dst.var_off.sub(src.var_off);
        }
        BPF_MUL => {
            dst.var_off = dst.var_off.mul(src.var_off);
            mul32(&mut dst, src);
            mul64(&mut dst, src);
        }
        BPF_AND => {
            dst.var_off = dst.var_off.and(src.var_off);
            bitop32(&mut dst, src, BPF_AND);
            bitop64(&mut dst, src, BPF_AND);
        }
        BPF_OR => {
            dst.var_off = dst.var_off.or(src.var_off);
            bitop32(&mut dst, src, BPF_OR);
            bitop64(&mut dst, src, BPF_OR);
        }
        BPF_XOR => {
            dst.var_off = dst.var_off.xor(src.var_off);
            bitop32(&mut dst, src, BPF_XOR);
            bitop64(&mut dst, src, BPF_XOR);
        }
        BPF_LSH | BPF_RSH | BPF_ARSH => {
            let umax = if alu32 {
                src.u32_max_value as u64
            } else {
                src.umax_value
            };
            if umax >= bitness {
                return RegState::unknown();
            }
            if alu32 {
                shift32(&mut dst, src, op);
            } else {
                shift64(&mut dst, src, op);
            }
        }
        _ => return RegState::unknown(),
    }
    if alu32 {
        dst.zext_32_to_64();
    }
    dst.bounds_sync();
    dst
}

fn add64(d: &mut RegState, s: &RegState) {
    (d.smin_value, d.smax_value) = bounds_or_full(
        d.smin_value.checked_add(s.smin_value),
        d.smax_value.checked_add(s.smax_value),
        (i64::MIN, i64::MAX),
    );
    (d.umin_value, d.umax_value) = bounds_or_full(
        d.umin_value.checked_add(s.umin_value),
        d.umax_value.checked_add(s.umax_value),
        (0, u64::MAX),
    );
}

fn add32(d: &mut RegState, s: &RegState) {
    (d.s32_min_value, d.s32_max_value) = bounds_or_full(
        d.s32_min_value.checked_add(s.s32_min_value),
        d.s32_max_value.checked_add(s.s32_max_value),
        (i32::MIN, i32::MAX),
    );
    (d.u32_min_value, d.u32_max_value) = bounds_or_full(
        d.u32_min_value.checked_add(s.u32_min_value),
        d.u32_max_value.checked_add(s.u32_max_value),
        (0, u32::MAX),
    );
}

fn sub64(d: &mut RegState, s: &RegState) {
    (d.smin_value, d.smax_value) = bounds_or_full(
        d.smin_value.checked_sub(s.smax_value),
        d.smax_value.checked_sub(s.smin_value),
        (i64::MIN, i64::MAX),
    );
    if d.umin_value < s.umax_value {
        d.umin_value = 0;
        d.umax_value = u64::MAX;
    } else {
        d.umin_value -= s.umax_value;
        d.umax_value -= s.umin_value;
    }
}

fn sub32(d: &mut RegState, s: &RegState) {
    (d.s32_min_value, d.s32_max_value) = bounds_or_full(
        d.s32_min_value.checked_sub(s.s32_max_value),
        d.s32_max_value.checked_sub(s.s32_min_value),
        (i32::MIN, i32::MAX),
    );
    if d.u32_min_value < s.u32_max_value {
        d.u32_min_value = 0;
        d.u32_max_value = u32::MAX;
    } else {
        d.u32_min_value -= s.u32_max_value;
        d.u32_max_value -= s.u32_min_value;
    }
}

fn mul64(d: &mut RegState, s: &RegState) {
    if s.smin_value < 0 || d.smin_value < 0 {
        d.mark_reg64_unbounded();
        return;
    }
    if s.umax_value > u32::MAX as u64 || d.umax_value > u32::MAX as u64 {
        d.mark_reg64_unbounded();
        return;
    }
    d.umin_value *= s.umin_value;
    d.umax_value *= s.umax_value;
    if d.umax_value > i64::MAX as u64 {
        d.smin_value = i64::MIN;
        d.smax_value = i64::MAX;
    } else {
        d.smin_value = d.umin_value as i64;
        d.smax_value = d.umax_value as i64;
    }
}

fn mul32(d: &mut RegState, s: &RegState) {
    if s.s32_min_value < 0 || d.s32_min_value < 0 {
        d.mark_reg32_unbounded();
        return;
    }
    if s.u32_max_value > u16::MAX as u32 || d.u32_max_value > u16::MAX as u32 {
        d.mark_reg32_unbounded();
        return;
    }
    d.u32_min_value *= s.u32_min_value;
    d.u32_max_value *= s.u32_max_value;
    if d.u32_max_value > i32::MAX as u32 {
        d.s32_min_value = i32::MIN;
        d.s32_max_value = i32::MAX;
    } else {
        d.s32_min_value = d.u32_min_value as i32;
        d.s32_max_value = d.u32_max_value as i32;
    }
}

/// `scalar_min_max_{and,or,xor}` (64-bit); `var_off` is already updated.
fn bitop64(d: &mut RegState, s: &RegState, op: u8) {
    let src_known = s.var_off.is_const();
    let dst_known = d.var_off.is_const();
    if src_known && dst_known {
        let v = d.var_off.value;
        let (s32min, s32max, u32min, u32max) = (
            d.s32_min_value,
            d.s32_max_value,
            d.u32_min_value,
            d.u32_max_value,
        );
        d.mark_known(v);
        d.s32_min_value = s32min;
        d.s32_max_value = s32max;
        d.u32_min_value = u32min;
        d.u32_max_value = u32max;
        return;
    }
    match op {
        BPF_AND => {
            d.umin_value = d.var_off.value;
            d.umax_value = d.umax_value.min(s.umax_value);
        }
        BPF_OR => {
            d.umin_value = d.umin_value.max(s.umin_value);
            d.umax_value = d.var_off.value | d.var_off.mask;
        }
        _ => {
            d.umin_value = d.var_off.value;
            d.umax_value = d.var_off.value | d.var_off.mask;
        }
    }
    if d.smin_value < 0 || s.smin_value < 0 {
        d.smin_value = i64::MIN;
        d.smax_value = i64::MAX;
    } else {
        d.smin_value = d.umin_value as i64;
        d.smax_value = d.umax_value as i64;
    }
    d.bounds_sync();
}

/// 32-bit half of `scalar32_min_max_{and,or,xor}`.
fn bitop32(d: &mut RegState, s: &RegState, op: u8) {
    let src_known = s.var_off.subreg().is_const();
    let v32 = d.var_off.subreg();
    let dst_known = v32.is_const();
    if src_known && dst_known {
        d.s32_min_value = v32.value as u32 as i32;
        d.s32_max_value = v32.value as u32 as i32;
        d.u32_min_value = v32.value as u32;
        d.u32_max_value = v32.value as u32;
        return;
    }
    match op {
        BPF_AND => {
            d.u32_min_value = v32.value as u32;
            d.u32_max_value = d.u32_max_value.min(s.u32_max_value);
        }
        BPF_OR => {
            d.u32_min_value = d.u32_min_value.max(s.u32_min_value);
            d.u32_max_value = (v32.value | v32.mask) as u32;
        }
        _ => {
            d.u32_min_value = v32.value as u32;
            d.u32_max_value = (v32.value | v32.mask) as u32;
        }
    }
    if d.s32_min_value < 0 || s.s32_min_value < 0 {
        d.s32_min_value = i32::MIN;
        d.s32_max_value = i32::MAX;
    } else {
        d.s32_min_value = d.u32_min_value as i32;
        d.s32_max_value = d.u32_max_value as i32;
    }
}

fn shift64(d: &mut RegState, s: &RegState, op: u8) {
    let (umin, umax) = (s.umin_value, s.umax_value);
    match op {
        BPF_LSH => {
            d.smax_value = if umin == 32 && umax == 32 && d.s32_max_value >= 0 {
                (d.s32_max_value as i64) << 32
            } else {
                i64::MAX
            };
            d.smin_value = if umin == 32 && umax == 32 && d.s32_min_value >= 0 {
                (d.s32_min_value as i64) << 32
            } else {
                i64::MIN
            };
            if d.umax_value > 1u64 << (63 - umax) {
                d.umin_value = 0;
                d.umax_value = u64::MAX;
            } else {
                d.umin_value <<= umin;
                d.umax_value <<= umax;
            }
            lsh32_bounds(d, umin, umax);
            d.var_off = d.var_off.lshift(umin as u32);
        }
        BPF_RSH => {
            d.smin_value = i64::MIN;
            d.smax_value = i64::MAX;
            d.var_off = d.var_off.rshift(umin as u32);
            d.umin_value >>= umax;
            d.umax_value >>= umin;
            d.mark_reg32_unbounded();
        }
        _ => {
            d.smin_value >>= umin;
            d.smax_value >>= umin;
            d.var_off = d.var_off.arshift(umin as u32, 64);
            d.umin_value = 0;
            d.umax_value = u64::MAX;
            d.mark_reg32_unbounded();
        }
    }
    d.bounds_sync();
}

fn lsh32_bounds(d: &mut RegState, umin: u64, umax: u64) {
    d.s32_min_value = i32::MIN;
    d.s32_max_value = i32::MAX;
    if umax > 31 || d.u32_max_value as u64 > 1u64 << (31 - umax) {
        d.u32_min_value = 0;
        d.u32_max_value = u32::MAX;
    } else {
        d.u32_min_value <<= umin;
        d.u32_max_value <<= umax;
    }
}

fn shift32(d: &mut RegState, s: &RegState, op: u8) {
    let (umin, umax) = (s.u32_min_value as u64, s.u32_max_value as u64);
    let sub = d.var_off.subreg();
    match op {
        BPF_LSH => {
            lsh32_bounds(d, umin, umax);
            d.var_off = sub.lshift(umin as u32).subreg();
        }
        BPF_RSH => {
            d.s32_min_value = i32::MIN;
            d.s32_max_value = i32::MAX;
            d.var_off = sub.rshift(umin as u32);
            d.u32_min_value >>= umax;
            d.u32_max_value >>= umin;
        }
        _ => {
            d.s32_min_value >>= umin;
            d.s32_max_value >>= umin;
            d.var_off = sub.arshift(umin as u32, 32);
            d.u32_min_value = 0;
            d.u32_max_value = u32::MAX;
        }
    }
    d.mark_reg64_unbounded();
}

/// The checked pair of new bounds when neither end overflowed, else the
/// full range (the kernel's "if overflow, give up on these bounds").
fn bounds_or_full<T>(lo: Option<T>, hi: Option<T>, full: (T, T)) -> (T, T) {
    match (lo, hi) {
        (Some(a), Some(b)) => (a, b),
        _ => full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alu(code: u8, imm: i32) -> Insn {
        Insn::new(code | BPF_K, 1, 0, 0, imm)
    }

    #[test]
    fn and_bounds() {
        let r = adjust_scalar_min_max_vals(
            alu(BPF_ALU64 | BPF_AND, 0xff),
            RegState::unknown(),
            &RegState::known(0xff),
        );
        assert_eq!((r.umin_value, r.umax_value), (0, 255));
        assert_eq!(r.smax_value, 255);
    }

    #[test]
    fn add_consts() {
        let r = adjust_scalar_min_max_vals(
            alu(BPF_ALU64 | BPF_ADD, 3),
            RegState::known(4),
            &RegState::known(3),
        );
        assert!(r.is_const_value(7));
        let w = adjust_scalar_min_max_vals(
            alu(BPF_ALU | BPF_ADD, 1),
            RegState::known(0xffff_ffff),
            &RegState::known(1),
        );
        assert!(w.is_const_value(0));
    }

    #[test]
    fn lsh32_of_one() {
        let r = adjust_scalar_min_max_vals(
            alu(BPF_ALU64 | BPF_LSH, 32),
            RegState::known(1),
            &RegState::known(32),
        );
        assert!(r.is_const_value(1 << 32));
    }
}

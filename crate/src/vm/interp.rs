//! One instruction, RFC 9669 semantics: ALU32/ALU64 (division by zero gives
//! 0, modulo by zero leaves the dividend), jumps, loads and stores, atomics,
//! `ld_imm64` with its pseudo sources, calls and exit.

use super::fast::{alu_value, jmp_taken};
use super::mem::RegionKind;
use super::{FaultKind, Vm};
use crate::catalog;
use crate::isa::*;

impl Vm {
    fn insn(&self, pc: usize) -> Result<Insn, FaultKind> {
        self.prog
            .insns
            .get(pc)
            .copied()
            .ok_or(FaultKind::PcOutOfRange(pc))
    }

    fn jump(&mut self, off: i64) -> Result<(), FaultKind> {
        let target = self.pc as i64 + 1 + off;
        if target < 0 || target as usize >= self.prog.insns.len() {
            return Err(FaultKind::PcOutOfRange(target.max(0) as usize));
        }
        self.pc = target as usize;
        Ok(())
    }

    fn write_dst(&mut self, r: u8, v: u64) -> Result<(), FaultKind> {
        if r == 10 {
            return Err(FaultKind::FramePointerWrite);
        }
        if r > 10 {
            return Err(FaultKind::BadRegister(r));
        }
        self.set_reg(r, v);
        Ok(())
    }

    /// Executes the instruction at `pc`.
    #[inline(never)]
    pub(super) fn exec(&mut self) -> Result<(), FaultKind> {
        let insn = self.insn(self.pc)?;
        match insn.class() {
            BPF_ALU | BPF_ALU64 => {
                self.alu(insn)?;
                self.pc += 1;
                Ok(())
            }
            BPF_JMP | BPF_JMP32 => self.jmp(insn),
            BPF_LD if matches!(insn.mode(), BPF_ABS | BPF_IND) => self.ld_abs(insn),
            BPF_LD => self.ld_imm64(insn),
            BPF_LDX => {
                if !matches!(insn.mode(), BPF_MEM | BPF_MEMSX) || insn.imm != 0 {
                    return Err(bad(insn));
                }
                let size = size_bytes(insn.size());
                if insn.mode() == BPF_MEMSX && size == 8 {
                    return Err(bad(insn));
                }
                let addr = self.reg(insn.src_reg)?.wrapping_add(insn.off as i64 as u64);
                let v = self.load(addr, size)?;
                let v = if insn.mode() == BPF_MEMSX {
                    sign_extend(v, size * 8)
                } else {
                    v
                };
                self.write_dst(insn.dst_reg, v)?;
                self.pc += 1;
                Ok(())
            }
            BPF_ST => {
                if insn.mode() != BPF_MEM {
                    return Err(bad(insn));
                }
                let addr = self.reg(insn.dst_reg)?.wrapping_add(insn.off as i64 as u64);
                self.store(addr, size_bytes(insn.size()), insn.imm as i64 as u64)?;
                self.pc += 1;
                Ok(())
            }
            BPF_STX => {
                let addr = self.reg(insn.dst_reg)?.wrapping_add(insn.off as i64 as u64);
                match insn.mode() {
                    BPF_MEM => {
                        let v = self.reg(insn.src_reg)?;
                        self.store(addr, size_bytes(insn.size()), v)?;
                    }
                    BPF_ATOMIC => self.atomic(insn, addr)?,
                    _ => return Err(bad(insn)),
                }
                self.pc += 1;
                Ok(())
            }
            _ => Err(bad(insn)),
        }
    }

    fn alu(&mut self, insn: Insn) -> Result<(), FaultKind> {
        let is64 = insn.class() == BPF_ALU64;
        let op = insn.op();
        let src = if insn.src_bit() == BPF_X && !matches!(op, BPF_NEG | BPF_END) {
            self.reg(insn.src_reg)?
        } else {
            insn.imm as i64 as u64
        };
        if op == BPF_MOV {
            let v = match (insn.off, insn.src_bit()) {
                (0, _) => src,
                (8 | 16 | 32, BPF_X) if is64 || insn.off != 32 => {
                    sign_extend(src, insn.off as usize)
                }
                _ => return Err(bad(insn)),
            };
            let v = if is64 { v } else { v as u32 as u64 };
            return self.write_dst(insn.dst_reg, v);
        }
        let dst = self.reg(insn.dst_reg)?;
        let signed = insn.off == 1;
        if insn.off != 0 && !(signed && matches!(op, BPF_DIV | BPF_MOD)) {
            return Err(bad(insn));
        }
        if op == BPF_END {
            if is64 {
                // ALU64 `bswap`: always a swap.
                if insn.src_bit() != 0 {
                    return Err(bad(insn));
                }
                let v = bswap(dst, insn.imm).ok_or_else(|| bad(insn))?;
                return self.write_dst(insn.dst_reg, v);
            }
            // `le`/`be` in ALU class: to little endian truncates, to big
            // endian swaps (the host is little endian).
            let v = match (insn.src_bit() == BPF_TO_BE, insn.imm) {
                (false, 16) => dst & 0xffff,
                (false, 32) => dst & 0xffff_ffff,
                (false, 64) => dst,
                (true, w) => bswap(dst, w).ok_or_else(|| bad(insn))?,
                _ => return Err(bad(insn)),
            };
            return self.write_dst(insn.dst_reg, v);
        }
        let v = alu_value(is64, op, signed, dst, src).ok_or_else(|| bad(insn))?;
        self.write_dst(insn.dst_reg, v)
    }

    fn jmp(&mut self, insn: Insn) -> Result<(), FaultKind> {
        let is32 = insn.class() == BPF_JMP32;
        match insn.op() {
            BPF_JA => {
                let off = if is32 {
                    insn.imm as i64
                } else {
                    insn.off as i64
                };
                self.jump(off)
            }
            BPF_EXIT if !is32 => self.do_exit(),
            BPF_CALL if !is32 => self.call(insn),
            op => {
                let dst = self.reg(insn.dst_reg)?;
                let src = if insn.src_bit() == BPF_X {
                    self.reg(insn.src_reg)?
                } else {
                    insn.imm as i64 as u64
                };
                let taken = jmp_taken(is32, op, dst, src).ok_or_else(|| bad(insn))?;
                if taken {
                    self.jump(insn.off as i64)
                } else {
                    self.pc += 1;
                    Ok(())
                }
            }
        }
    }

    fn call(&mut self, insn: Insn) -> Result<(), FaultKind> {
        if insn.src_bit() == BPF_X {
            // callx: the register holds a function address (`ld_imm64` of a
            // BPF_PSEUDO_FUNC) or, as in ubpf and the conformance suite, a
            // helper number.
            let target = self.reg(insn.dst_reg)?;
            if let Some((RegionKind::Func, off)) = self.regions.decode(target) {
                return self
                    .call_local(usize::try_from(off).map_err(|_| FaultKind::PcOutOfRange(0))?);
            }
            let id = i32::try_from(target).map_err(|_| FaultKind::UnknownHelper(target as i32))?;
            let def = u32::try_from(id)
                .ok()
                .and_then(catalog::helper)
                .ok_or(FaultKind::UnknownHelper(id))?;
            return self.call_func(def);
        }
        match insn.src_reg {
            0 => {
                let def = u32::try_from(insn.imm)
                    .ok()
                    .and_then(catalog::helper)
                    .ok_or(FaultKind::UnknownHelper(insn.imm))?;
                self.call_func(def)
            }
            BPF_PSEUDO_CALL => {
                let target = self.pc as i64 + 1 + insn.imm as i64;
                if target < 0 {
                    return Err(FaultKind::PcOutOfRange(0));
                }
                self.call_local(target as usize)
            }
            BPF_PSEUDO_KFUNC_CALL => {
                let def = u32::try_from(insn.imm)
                    .ok()
                    .and_then(catalog::kfunc)
                    .ok_or(FaultKind::UnknownKfunc(insn.imm))?;
                self.call_func(def)
            }
            _ => Err(bad(insn)),
        }
    }

    /// The legacy packet loads, as the kernel runs them for socket filters
    /// and tc (`bpf_gen_ld_abs`): r6 holds the skb; the 1, 2 or 4 bytes at
    /// `imm` (`BPF_ABS`) or `src + imm` (`BPF_IND`, as a 32-bit signed
    /// offset) from the start of the packet, linear part and fragments, go
    /// to r0 in host order; r1-r5 are clobbered. Out of bounds (or a
    /// negative offset, the kernel's ancillary `SKF_*` area, which the
    /// playground does not model), the function returns 0 at once.
    fn ld_abs(&mut self, insn: Insn) -> Result<(), FaultKind> {
        let size = match insn.size() {
            BPF_B => 1,
            BPF_H => 2,
            BPF_W => 4,
            _ => return Err(bad(insn)),
        };
        if insn.dst_reg != 0
            || insn.off != 0
            || (insn.mode() == BPF_ABS && insn.src_reg != 0)
            || !matches!(
                self.world.prog_type,
                crate::program::ProgType::Tc | crate::program::ProgType::Socket
            )
        {
            return Err(bad(insn));
        }
        let ctx = self.reg(6)?;
        if !matches!(self.regions.decode(ctx), Some((RegionKind::Ctx, 0))) {
            return Err(FaultKind::InvalidInsn(
                "ld_abs/ld_ind: r6 does not hold the context (the skb)".into(),
            ));
        }
        let base = if insn.mode() == BPF_IND {
            self.reg(insn.src_reg)?
        } else {
            0
        };
        let off = base.wrapping_add(insn.imm as i64 as u64) as u32 as i32;
        let bytes = usize::try_from(off)
            .ok()
            .and_then(|off| self.world.packet.read(off, size));
        for r in 1..=5 {
            self.clobber(r);
        }
        match bytes {
            Some(b) => {
                let v = b.iter().fold(0u64, |acc, x| (acc << 8) | u64::from(*x));
                self.set_reg(0, v);
                self.pc += 1;
                Ok(())
            }
            None => {
                self.set_reg(0, 0);
                self.do_exit()
            }
        }
    }

    fn ld_imm64(&mut self, insn: Insn) -> Result<(), FaultKind> {
        if !insn.is_ld_imm64() {
            return Err(bad(insn));
        }
        let hi = self
            .prog
            .insns
            .get(self.pc + 1)
            .copied()
            .ok_or_else(|| bad(insn))?;
        let value = ld_imm64_value(insn, hi);
        let map_idx = |i: i32| u32::try_from(i).map_err(|_| FaultKind::NoSuchMap(i as u32));
        let v = match insn.src_reg {
            0 => value,
            BPF_PSEUDO_MAP_FD | BPF_PSEUDO_MAP_IDX => {
                let m = map_idx(insn.imm)?;
                if self.world.maps.get(m as usize).is_none() {
                    return Err(FaultKind::NoSuchMap(m));
                }
                self.regions.ptr(RegionKind::Map { map: m }, 0)?
            }
            BPF_PSEUDO_MAP_VALUE | BPF_PSEUDO_MAP_IDX_VALUE => {
                let m = map_idx(insn.imm)?;
                let map = self
                    .world
                    .maps
                    .get(m as usize)
                    .ok_or(FaultKind::NoSuchMap(m))?;
                if map.value(0).is_none() {
                    return Err(FaultKind::InvalidInsn(format!(
                        "map {} has no direct value",
                        map.def.name
                    )));
                }
                let version = map.slot_version(0);
                self.regions.ptr(
                    RegionKind::MapValue {
                        map: m,
                        slot: 0,
                        version,
                    },
                    hi.imm as u32 as i64,
                )?
            }
            BPF_PSEUDO_BTF_ID => self
                .regions
                .ptr(RegionKind::Kernel { btf_id: insn.imm }, 0)?,
            BPF_PSEUDO_FUNC => {
                let target = self.pc as i64 + 1 + insn.imm as i64;
                if target < 0 || target as usize >= self.prog.insns.len() {
                    return Err(FaultKind::PcOutOfRange(target.max(0) as usize));
                }
                self.regions.ptr(RegionKind::Func, target)?
            }
            _ => return Err(bad(insn)),
        };
        self.write_dst(insn.dst_reg, v)?;
        self.pc += 2;
        Ok(())
    }

    fn atomic(&mut self, insn: Insn, addr: u64) -> Result<(), FaultKind> {
        let size = match insn.size() {
            BPF_W => 4,
            BPF_DW => 8,
            _ => return Err(bad(insn)),
        };
        let trunc = |v: u64| if size == 4 { v as u32 as u64 } else { v };
        let src = self.reg(insn.src_reg)?;
        let old = self.load(addr, size)?;
        match insn.imm {
            BPF_XCHG => {
                self.store(addr, size, src)?;
                self.write_dst(insn.src_reg, trunc(old))
            }
            BPF_CMPXCHG => {
                let r0 = self.reg(0)?;
                if trunc(r0) == old {
                    self.store(addr, size, src)?;
                }
                self.write_dst(0, trunc(old))
            }
            imm => {
                let new = match imm & !BPF_FETCH {
                    0x00 => old.wrapping_add(src),
                    0x40 => old | src,
                    0x50 => old & src,
                    0xa0 => old ^ src,
                    _ => return Err(bad(insn)),
                };
                self.store(addr, size, new)?;
                if imm & BPF_FETCH != 0 {
                    self.write_dst(insn.src_reg, trunc(old))?;
                }
                Ok(())
            }
        }
    }
}

fn bad(insn: Insn) -> FaultKind {
    FaultKind::InvalidInsn(format!(
        "opcode {:#04x} dst r{} src r{} off {} imm {}",
        insn.code, insn.dst_reg, insn.src_reg, insn.off, insn.imm
    ))
}

fn sign_extend(v: u64, bits: usize) -> u64 {
    match bits {
        8 => v as u8 as i8 as i64 as u64,
        16 => v as u16 as i16 as i64 as u64,
        32 => v as u32 as i32 as i64 as u64,
        _ => v,
    }
}

fn bswap(v: u64, width: i32) -> Option<u64> {
    Some(match width {
        16 => (v as u16).swap_bytes() as u64,
        32 => (v as u32).swap_bytes() as u64,
        64 => v.swap_bytes(),
        _ => return None,
    })
}

//! The interpreter's fast path: the program decoded once into [`Op`]s, and
//! a step function for the instructions loops spend their time in (ALU,
//! conditional jumps, loads and stores to the running frame's stack or the
//! `run_raw` block, helper and kfunc calls resolved in advance).
//!
//! The fast path never faults and never half-executes: it checks everything
//! the general interpreter (`interp.rs`) would check (register initialised,
//! jump target in range, access in bounds, stack bytes written) and when
//! any check fails, or the instruction is anything else, it changes nothing
//! and hands the instruction to the general interpreter, which then reports
//! the fault exactly as before. The arithmetic is shared with `interp.rs`
//! ([`alu_value`], [`jmp_taken`]), so both paths compute the same values.

use super::mem::{RegionKind, OFF_BIAS, PTR_TAG};
use super::{Fault, Status, Vm};
use crate::catalog::{self, FuncDef};
use crate::isa::*;

/// One instruction, decoded for the fast path. ALU and jump instructions
/// get one variant per width and operand kind, so the step function does
/// not branch on them again.
#[derive(Debug, Clone, Copy)]
pub(super) enum Op {
    /// ALU64 arithmetic (not `mov`, `end`) with the immediate, dst r0..r9.
    Alu64K {
        op: u8,
        signed: bool,
        dst: u8,
        imm: u64,
    },
    /// ALU64 arithmetic with a register (at most r10), dst r0..r9.
    Alu64X {
        op: u8,
        signed: bool,
        dst: u8,
        src: u8,
    },
    /// ALU32 arithmetic with the immediate.
    Alu32K {
        op: u8,
        signed: bool,
        dst: u8,
        imm: u64,
    },
    /// ALU32 arithmetic with a register.
    Alu32X {
        op: u8,
        signed: bool,
        dst: u8,
        src: u8,
    },
    /// `mov` of an immediate (already truncated for ALU32), dst r0..r9.
    MovK { dst: u8, imm: u64 },
    /// 64-bit `mov` of a register.
    Mov64X { dst: u8, src: u8 },
    /// 32-bit `mov` of a register.
    Mov32X { dst: u8, src: u8 },
    /// A 64-bit conditional jump against the immediate, to an instruction
    /// known to exist.
    Jmp64K {
        op: u8,
        dst: u8,
        imm: u64,
        target: u32,
    },
    /// A 64-bit conditional jump against a register.
    Jmp64X {
        op: u8,
        dst: u8,
        src: u8,
        target: u32,
    },
    /// A 32-bit conditional jump against the immediate.
    Jmp32K {
        op: u8,
        dst: u8,
        imm: u64,
        target: u32,
    },
    /// A 32-bit conditional jump against a register.
    Jmp32X {
        op: u8,
        dst: u8,
        src: u8,
        target: u32,
    },
    /// `goto`/`gotol` to an instruction known to exist.
    Ja { target: u32 },
    /// `dst = *(size *)(src + off)`, dst r0..r9.
    Ldx {
        size: u8,
        dst: u8,
        src: u8,
        off: i16,
    },
    /// `*(size *)(dst + off) = src`.
    Stx {
        size: u8,
        dst: u8,
        src: u8,
        off: i16,
    },
    /// `*(size *)(dst + off) = imm`.
    St {
        size: u8,
        dst: u8,
        off: i16,
        imm: i32,
    },
    /// A helper or kfunc call, resolved through the catalog.
    Call { def: &'static FuncDef },
    /// Everything else: the general interpreter.
    Slow,
}

/// Decodes every instruction of a program.
pub(super) fn decode_all(insns: &[Insn]) -> Vec<Op> {
    (0..insns.len()).map(|pc| decode(insns, pc)).collect()
}

fn decode(insns: &[Insn], pc: usize) -> Op {
    let Some(&i) = insns.get(pc) else {
        return Op::Slow;
    };
    let target = |off: i64| -> Option<u32> {
        let t = pc as i64 + 1 + off;
        (t >= 0 && t <= u32::MAX as i64 && (t as usize) < insns.len()).then_some(t as u32)
    };
    let size = |s: u8| -> u8 { size_bytes(s) as u8 };
    let op = match i.class() {
        BPF_ALU | BPF_ALU64 => {
            let is64 = i.class() == BPF_ALU64;
            let x = i.src_bit() == BPF_X;
            let (dst, src, imm) = (i.dst_reg, i.src_reg, i.imm as i64 as u64);
            if dst > 9 || (x && src > 10) {
                return Op::Slow;
            }
            let arith = |op: u8, signed: bool| -> Op {
                match (is64, x) {
                    (true, false) => Op::Alu64K {
                        op,
                        signed,
                        dst,
                        imm,
                    },
                    (true, true) => Op::Alu64X {
                        op,
                        signed,
                        dst,
                        src,
                    },
                    (false, false) => Op::Alu32K {
                        op,
                        signed,
                        dst,
                        imm,
                    },
                    (false, true) => Op::Alu32X {
                        op,
                        signed,
                        dst,
                        src,
                    },
                }
            };
            match i.op() {
                BPF_MOV if i.off == 0 => Some(match (is64, x) {
                    (true, false) => Op::MovK { dst, imm },
                    (false, false) => Op::MovK {
                        dst,
                        imm: imm as u32 as u64,
                    },
                    (true, true) => Op::Mov64X { dst, src },
                    (false, true) => Op::Mov32X { dst, src },
                }),
                // `neg` ignores its source operand.
                BPF_NEG if i.off == 0 => Some(if is64 {
                    Op::Alu64K {
                        op: BPF_NEG,
                        signed: false,
                        dst,
                        imm: 0,
                    }
                } else {
                    Op::Alu32K {
                        op: BPF_NEG,
                        signed: false,
                        dst,
                        imm: 0,
                    }
                }),
                op @ (BPF_ADD | BPF_SUB | BPF_MUL | BPF_OR | BPF_AND | BPF_XOR | BPF_LSH
                | BPF_RSH | BPF_ARSH)
                    if i.off == 0 =>
                {
                    Some(arith(op, false))
                }
                op @ (BPF_DIV | BPF_MOD) if i.off == 0 || i.off == 1 => Some(arith(op, i.off == 1)),
                _ => None,
            }
        }
        BPF_JMP | BPF_JMP32 => {
            let is32 = i.class() == BPF_JMP32;
            let x = i.src_bit() == BPF_X;
            let (dst, src, imm) = (i.dst_reg, i.src_reg, i.imm as i64 as u64);
            match i.op() {
                BPF_JA => target(if is32 { i.imm as i64 } else { i.off as i64 })
                    .map(|target| Op::Ja { target }),
                BPF_CALL if !is32 && !x => {
                    let def = match i.src_reg {
                        0 => u32::try_from(i.imm).ok().and_then(catalog::helper),
                        BPF_PSEUDO_KFUNC_CALL => u32::try_from(i.imm).ok().and_then(catalog::kfunc),
                        _ => None,
                    };
                    def.map(|def| Op::Call { def })
                }
                BPF_EXIT | BPF_CALL => None,
                op @ (BPF_JEQ | BPF_JNE | BPF_JGT | BPF_JGE | BPF_JLT | BPF_JLE | BPF_JSET
                | BPF_JSGT | BPF_JSGE | BPF_JSLT | BPF_JSLE)
                    if dst <= 10 && (!x || src <= 10) =>
                {
                    target(i.off as i64).map(|target| match (is32, x) {
                        (false, false) => Op::Jmp64K {
                            op,
                            dst,
                            imm,
                            target,
                        },
                        (false, true) => Op::Jmp64X {
                            op,
                            dst,
                            src,
                            target,
                        },
                        (true, false) => Op::Jmp32K {
                            op,
                            dst,
                            imm,
                            target,
                        },
                        (true, true) => Op::Jmp32X {
                            op,
                            dst,
                            src,
                            target,
                        },
                    })
                }
                _ => None,
            }
        }
        BPF_LDX if i.mode() == BPF_MEM && i.imm == 0 && i.dst_reg <= 9 && i.src_reg <= 10 => {
            Some(Op::Ldx {
                size: size(i.size()),
                dst: i.dst_reg,
                src: i.src_reg,
                off: i.off,
            })
        }
        BPF_STX if i.mode() == BPF_MEM && i.dst_reg <= 10 && i.src_reg <= 10 => Some(Op::Stx {
            size: size(i.size()),
            dst: i.dst_reg,
            src: i.src_reg,
            off: i.off,
        }),
        BPF_ST if i.mode() == BPF_MEM && i.dst_reg <= 10 => Some(Op::St {
            size: size(i.size()),
            dst: i.dst_reg,
            off: i.off,
            imm: i.imm,
        }),
        _ => None,
    };
    op.unwrap_or(Op::Slow)
}

/// `dst op src` of an ALU instruction other than `mov` and `end`, RFC 9669:
/// ALU32 results zero-extended, division by zero 0, modulo by zero the
/// dividend, signed division wrapping, shift counts masked. `None` for an
/// unknown operation.
#[inline(always)]
pub(super) fn alu_value(is64: bool, op: u8, signed: bool, dst: u64, src: u64) -> Option<u64> {
    Some(if is64 {
        match op {
            BPF_ADD => dst.wrapping_add(src),
            BPF_SUB => dst.wrapping_sub(src),
            BPF_MUL => dst.wrapping_mul(src),
            BPF_DIV if signed => {
                if src == 0 {
                    0
                } else {
                    (dst as i64).wrapping_div(src as i64) as u64
                }
            }
            BPF_DIV => dst.checked_div(src).unwrap_or(0),
            BPF_MOD if signed => {
                if src == 0 {
                    dst
                } else {
                    (dst as i64).wrapping_rem(src as i64) as u64
                }
            }
            BPF_MOD => dst.checked_rem(src).unwrap_or(dst),
            BPF_OR => dst | src,
            BPF_AND => dst & src,
            BPF_XOR => dst ^ src,
            BPF_LSH => dst.wrapping_shl((src & 63) as u32),
            BPF_RSH => dst.wrapping_shr((src & 63) as u32),
            BPF_ARSH => ((dst as i64) >> (src & 63)) as u64,
            BPF_NEG => dst.wrapping_neg(),
            _ => return None,
        }
    } else {
        let (d, s) = (dst as u32, src as u32);
        let v = match op {
            BPF_ADD => d.wrapping_add(s),
            BPF_SUB => d.wrapping_sub(s),
            BPF_MUL => d.wrapping_mul(s),
            BPF_DIV if signed => {
                if s == 0 {
                    0
                } else {
                    (d as i32).wrapping_div(s as i32) as u32
                }
            }
            BPF_DIV => d.checked_div(s).unwrap_or(0),
            BPF_MOD if signed => {
                if s == 0 {
                    d
                } else {
                    (d as i32).wrapping_rem(s as i32) as u32
                }
            }
            BPF_MOD => d.checked_rem(s).unwrap_or(d),
            BPF_OR => d | s,
            BPF_AND => d & s,
            BPF_XOR => d ^ s,
            BPF_LSH => d.wrapping_shl(s & 31),
            BPF_RSH => d.wrapping_shr(s & 31),
            BPF_ARSH => ((d as i32) >> (s & 31)) as u32,
            BPF_NEG => d.wrapping_neg(),
            _ => return None,
        };
        v as u64
    })
}

/// Whether a conditional jump is taken; `None` for an unknown operation.
#[inline(always)]
pub(super) fn jmp_taken(is32: bool, op: u8, dst: u64, src: u64) -> Option<bool> {
    let (d, s) = if is32 {
        (dst as u32 as u64, src as u32 as u64)
    } else {
        (dst, src)
    };
    let (sd, ss) = if is32 {
        (dst as i32 as i64, src as i32 as i64)
    } else {
        (dst as i64, src as i64)
    };
    Some(match op {
        BPF_JEQ => d == s,
        BPF_JNE => d != s,
        BPF_JGT => d > s,
        BPF_JGE => d >= s,
        BPF_JLT => d < s,
        BPF_JLE => d <= s,
        BPF_JSET => d & s != 0,
        BPF_JSGT => sd > ss,
        BPF_JSGE => sd >= ss,
        BPF_JSLT => sd < ss,
        BPF_JSLE => sd <= ss,
        _ => return None,
    })
}

/// Little-endian value of 1, 2, 4 or 8 bytes.
fn le(b: &[u8]) -> u64 {
    let mut v = [0u8; 8];
    let n = b.len().min(8);
    v[..n].copy_from_slice(&b[..n]);
    u64::from_le_bytes(v)
}

/// Where a fast access lands.
enum Place {
    /// The running frame's stack, at this offset.
    Stack(usize),
    /// The `run_raw` memory block, at this offset.
    Mem(usize),
    /// A live map value (map index, slot), at this offset.
    MapValue(usize, u32, usize),
}

impl Vm {
    /// An initialised register's value, `None` otherwise (the slow path
    /// then reports the fault).
    #[inline(always)]
    fn fast_reg(&self, r: u8) -> Option<u64> {
        let r = r as usize;
        match self.init.get(r) {
            Some(true) => self.regs.get(r).copied(),
            _ => None,
        }
    }

    #[inline(always)]
    fn fast_set(&mut self, r: u8, v: u64) {
        self.set_reg(r, v);
    }

    /// Where `size` bytes at `addr` are, if they are wholly inside the
    /// running frame's stack or the `run_raw` block.
    #[inline(always)]
    fn fast_place(&self, addr: u64, size: usize) -> Option<Place> {
        if addr & 0xff00_0000_0000_0000 != PTR_TAG {
            return None;
        }
        let off = (addr & 0xffff_ffff) as i64 - OFF_BIAS;
        let off = usize::try_from(off).ok()?;
        let region = addr >> 32;
        if self.frames.last().is_some_and(|f| f.fp >> 32 == region) {
            return (off + size <= MAX_BPF_STACK).then_some(Place::Stack(off));
        }
        if self.mem_region != 0 && self.mem_region == region {
            return (off + size <= self.mem.len()).then_some(Place::Mem(off));
        }
        // A map value (globals, array and hash elements, a deleted hash
        // element's slot too), in bounds: what `resolve` checks.
        if let Some((RegionKind::MapValue { map, slot, .. }, _)) = self.regions.decode(addr) {
            let m = self.world.maps.get(map as usize)?;
            let len = m.slot_memory(slot)?.len();
            if off + size > len {
                return None;
            }
            return Some(Place::MapValue(map as usize, slot, off));
        }
        None
    }

    #[inline(always)]
    fn fast_load(&self, addr: u64, size: usize) -> Option<u64> {
        match self.fast_place(addr, size)? {
            Place::Stack(o) => {
                let f = self.frames.last()?;
                let init = f.stack_init.get(o..o + size)?;
                if !init.iter().all(|&w| w) {
                    return None;
                }
                f.stack.get(o..o + size).map(le)
            }
            Place::Mem(o) => self.mem.get(o..o + size).map(le),
            Place::MapValue(m, slot, o) => self
                .world
                .maps
                .get(m)?
                .slot_memory(slot)?
                .get(o..o + size)
                .map(le),
        }
    }

    #[inline(always)]
    fn fast_store(&mut self, addr: u64, size: usize, v: u64) -> bool {
        let bytes = v.to_le_bytes();
        let Some(src) = bytes.get(..size) else {
            return false;
        };
        match self.fast_place(addr, size) {
            Some(Place::Stack(o)) => {
                let Some(f) = self.frames.last_mut() else {
                    return false;
                };
                match (
                    f.stack.get_mut(o..o + size),
                    f.stack_init.get_mut(o..o + size),
                ) {
                    (Some(b), Some(init)) => {
                        b.copy_from_slice(src);
                        init.fill(true);
                        true
                    }
                    _ => false,
                }
            }
            Some(Place::Mem(o)) => match self.mem.get_mut(o..o + size) {
                Some(b) => {
                    b.copy_from_slice(src);
                    true
                }
                None => false,
            },
            Some(Place::MapValue(m, slot, o)) => {
                let Some(map) = self.world.maps.get_mut(m) else {
                    return false;
                };
                // Maps read-only to programs (.rodata, BPF_F_RDONLY_PROG): the
                // general path reports it.
                if map.def.read_only_prog() {
                    return false;
                }
                match map
                    .slot_memory_mut(slot)
                    .and_then(|v| v.get_mut(o..o + size))
                {
                    Some(b) => {
                        b.copy_from_slice(src);
                        true
                    }
                    None => false,
                }
            }
            None => false,
        }
    }

    /// The pc after executing `op`, the instruction at `pc`, when the fast
    /// path can execute it (registers and memory are updated, `self.pc` is
    /// not: the caller keeps it). `None` means nothing changed and the
    /// general interpreter must run it. Calls are not run here.
    #[inline(always)]
    pub(super) fn fast_exec(&mut self, op: Op, pc: usize) -> Option<usize> {
        match op {
            Op::Alu64K {
                op,
                signed,
                dst,
                imm,
            } => {
                let v = alu_value(true, op, signed, self.fast_reg(dst)?, imm)?;
                self.fast_set(dst, v);
                Some(pc + 1)
            }
            Op::Alu64X {
                op,
                signed,
                dst,
                src,
            } => {
                let v = alu_value(true, op, signed, self.fast_reg(dst)?, self.fast_reg(src)?)?;
                self.fast_set(dst, v);
                Some(pc + 1)
            }
            Op::Alu32K {
                op,
                signed,
                dst,
                imm,
            } => {
                let v = alu_value(false, op, signed, self.fast_reg(dst)?, imm)?;
                self.fast_set(dst, v);
                Some(pc + 1)
            }
            Op::Alu32X {
                op,
                signed,
                dst,
                src,
            } => {
                let v = alu_value(false, op, signed, self.fast_reg(dst)?, self.fast_reg(src)?)?;
                self.fast_set(dst, v);
                Some(pc + 1)
            }
            Op::MovK { dst, imm } => {
                self.fast_set(dst, imm);
                Some(pc + 1)
            }
            Op::Mov64X { dst, src } => {
                let v = self.fast_reg(src)?;
                self.fast_set(dst, v);
                Some(pc + 1)
            }
            Op::Mov32X { dst, src } => {
                let v = self.fast_reg(src)? as u32 as u64;
                self.fast_set(dst, v);
                Some(pc + 1)
            }
            Op::Jmp64K {
                op,
                dst,
                imm,
                target,
            } => Some(if jmp_taken(false, op, self.fast_reg(dst)?, imm)? {
                target as usize
            } else {
                pc + 1
            }),
            Op::Jmp64X {
                op,
                dst,
                src,
                target,
            } => {
                let (d, s) = (self.fast_reg(dst)?, self.fast_reg(src)?);
                Some(if jmp_taken(false, op, d, s)? {
                    target as usize
                } else {
                    pc + 1
                })
            }
            Op::Jmp32K {
                op,
                dst,
                imm,
                target,
            } => Some(if jmp_taken(true, op, self.fast_reg(dst)?, imm)? {
                target as usize
            } else {
                pc + 1
            }),
            Op::Jmp32X {
                op,
                dst,
                src,
                target,
            } => {
                let (d, s) = (self.fast_reg(dst)?, self.fast_reg(src)?);
                Some(if jmp_taken(true, op, d, s)? {
                    target as usize
                } else {
                    pc + 1
                })
            }
            Op::Ja { target } => Some(target as usize),
            Op::Ldx {
                size,
                dst,
                src,
                off,
            } => {
                let base = self.fast_reg(src)?;
                let v = self.fast_load(base.wrapping_add(off as i64 as u64), size as usize)?;
                self.fast_set(dst, v);
                Some(pc + 1)
            }
            Op::Stx {
                size,
                dst,
                src,
                off,
            } => {
                let base = self.fast_reg(dst)?;
                let v = self.fast_reg(src)?;
                self.fast_store(base.wrapping_add(off as i64 as u64), size as usize, v)
                    .then_some(pc + 1)
            }
            Op::St {
                size,
                dst,
                off,
                imm,
            } => {
                let base = self.fast_reg(dst)?;
                self.fast_store(
                    base.wrapping_add(off as i64 as u64),
                    size as usize,
                    imm as i64 as u64,
                )
                .then_some(pc + 1)
            }
            Op::Call { .. } | Op::Slow => None,
        }
    }

    /// Executes `op`, the instruction at `self.pc`, if the fast path can;
    /// true when it did (or ran a call, whose fault is recorded in the
    /// status). False means nothing changed and the general interpreter
    /// must run it.
    #[inline(always)]
    pub(super) fn fast_step(&mut self, op: Op) -> bool {
        if let Op::Call { def } = op {
            if let Err(kind) = self.call_func(def) {
                self.status = Status::Faulted(Fault {
                    insn: self.cur_insn,
                    kind,
                });
            }
            return true;
        }
        match self.fast_exec(op, self.pc) {
            Some(next) => {
                self.pc = next;
                true
            }
            None => false,
        }
    }
}

//! Which scalar registers must be compared exactly when pruning.
//!
//! The kernel marks a scalar "precise" when its value decides something
//! (a branch, a pointer offset, a helper's size argument, a checked return
//! value) and backtracks that mark to where the value came from; imprecise
//! scalars are equal to any scalar when states are compared. This module
//! computes a static over-approximation of the same: a register is precise
//! at an instruction when, on some path from there, its value (or one
//! derived from it by ALU moves) reaches such a use or is stored to memory
//! (stack slots are always compared exactly). A first forward pass finds
//! which registers may hold pointers, so that `r6 += r1` between two
//! scalars does not count as pointer arithmetic.

use super::env::Env;
use crate::catalog::{self, RetType};
use crate::isa::*;
use crate::program::ProgType;

const R0_5: u16 = 0x3f;

fn bit(r: u8) -> u16 {
    1u16 << (r & 15)
}

fn nargs(insn: Insn) -> usize {
    let f = if insn.src_reg == BPF_PSEUDO_KFUNC_CALL {
        catalog::kfunc(insn.imm as u32)
    } else if insn.src_reg == BPF_PSEUDO_CALL {
        None
    } else {
        catalog::helper(insn.imm as u32)
    };
    f.map_or(5, |f| f.proto.args.len().min(5))
}

fn returns_pointer(insn: Insn) -> bool {
    if insn.src_reg == BPF_PSEUDO_CALL {
        return true;
    }
    let f = if insn.src_reg == BPF_PSEUDO_KFUNC_CALL {
        catalog::kfunc(insn.imm as u32)
    } else {
        catalog::helper(insn.imm as u32)
    };
    f.is_none_or(|f| !matches!(f.proto.ret, RetType::Integer | RetType::Void))
}

/// Forward transfer of "may hold a pointer"; `from_ctx`: the load's base
/// register may hold the context.
fn ptr_transfer(insn: Insn, inp: u16, from_ctx: bool) -> u16 {
    let (d, s) = (bit(insn.dst_reg), bit(insn.src_reg));
    match insn.class() {
        BPF_ALU64 => match insn.op() {
            BPF_MOV if insn.src_bit() == BPF_X && insn.off == 0 => {
                (inp & !d) | if inp & s != 0 { d } else { 0 }
            }
            BPF_ADD | BPF_SUB if insn.src_bit() == BPF_X => inp | if inp & s != 0 { d } else { 0 },
            BPF_ADD | BPF_SUB => inp,
            _ => inp & !d,
        },
        BPF_ALU => inp & !d,
        BPF_LDX => {
            // A pointer comes from an 8-byte load (a spill) or from a
            // 4-byte context field: xdp_md's and __sk_buff's data, data_end
            // and data_meta are __u32 in the program's view.
            let ctx_field = insn.size() == BPF_W && from_ctx;
            if (insn.size() == BPF_DW || ctx_field) && insn.mode() == BPF_MEM {
                inp | d
            } else {
                inp & !d
            }
        }
        BPF_LD if matches!(insn.mode(), BPF_ABS | BPF_IND) => inp & !R0_5,
        BPF_LD if insn.is_ld_imm64() => {
            if insn.src_reg != 0 {
                inp | d
            } else {
                inp & !d
            }
        }
        BPF_STX if insn.mode() == BPF_ATOMIC && insn.imm & BPF_FETCH != 0 => {
            inp | if insn.imm == BPF_CMPXCHG { 1 } else { s }
        }
        BPF_JMP if insn.op() == BPF_CALL => {
            let out = inp & !R0_5;
            if returns_pointer(insn) {
                out | 1
            } else {
                out
            }
        }
        _ => inp,
    }
}

/// Forward transfer of "may hold the context pointer": moved, offset by
/// constants or registers, spilled and filled (8-byte loads); lost to
/// calls and to anything else written.
fn ctx_transfer(insn: Insn, inp: u16) -> u16 {
    let (d, s) = (bit(insn.dst_reg), bit(insn.src_reg));
    match insn.class() {
        BPF_ALU64 => match insn.op() {
            BPF_MOV if insn.src_bit() == BPF_X && insn.off == 0 => {
                (inp & !d) | if inp & s != 0 { d } else { 0 }
            }
            BPF_ADD | BPF_SUB => inp,
            _ => inp & !d,
        },
        BPF_LDX if insn.size() == BPF_DW && insn.mode() == BPF_MEM => inp | d,
        BPF_ALU | BPF_LDX => inp & !d,
        BPF_LD if matches!(insn.mode(), BPF_ABS | BPF_IND) => inp & !R0_5,
        BPF_LD if insn.is_ld_imm64() => inp & !d,
        BPF_STX if insn.mode() == BPF_ATOMIC && insn.imm & BPF_FETCH != 0 => {
            inp & !if insn.imm == BPF_CMPXCHG { 1 } else { s }
        }
        BPF_JMP if insn.op() == BPF_CALL => inp & !R0_5,
        _ => inp,
    }
}

impl Env<'_> {
    /// A forward "may" analysis over the instructions: `entry(k)` is the
    /// mask at the start of subprogram `k`; `None` when it did not settle.
    fn forward_may(
        &self,
        succ: &[super::cfg::Two<usize>],
        entry: impl Fn(usize) -> u16,
        transfer: impl Fn(usize, Insn, u16) -> u16,
    ) -> Option<Vec<u16>> {
        let n = self.insns.len();
        let mut may = vec![0u16; n];
        let mut reached = vec![false; n];
        for (k, &s) in self.subprog_starts.iter().enumerate() {
            if s < n {
                may[s] = entry(k);
                reached[s] = true;
            }
        }
        let one_pass = super::cfg::forward_only(succ);
        let mut changed = true;
        let mut rounds = 0;
        while changed && rounds < super::cfg::MAX_ROUNDS {
            changed = false;
            rounds += 1;
            for i in 0..n {
                if !reached[i] {
                    continue;
                }
                let out = transfer(i, self.insns[i], may[i]);
                for &w in succ[i].iter() {
                    let v = may[w] | out;
                    if !reached[w] || v != may[w] {
                        may[w] = v;
                        reached[w] = true;
                        changed = true;
                    }
                }
            }
            if one_pass {
                changed = false;
            }
        }
        (!changed).then_some(may)
    }

    /// Fills `precise_regs`: per instruction, the registers whose scalar
    /// value must match exactly for two states to be equivalent there.
    pub(crate) fn compute_precision(&mut self) {
        let n = self.insns.len();
        let succ: Vec<super::cfg::Two<usize>> = (0..n).map(|i| self.flow_successors(i)).collect();
        // Forward: may hold the context (r1 of the main program, any
        // argument of a subprogram), then may hold a pointer. Not settled:
        // every register may.
        let args = |k: usize| if k == 0 { bit(1) } else { 0x3e };
        let may_ctx = self
            .forward_may(&succ, args, |_, insn, m| ctx_transfer(insn, m))
            .unwrap_or_else(|| vec![0x7ff; n]);
        let may_ptr = self
            .forward_may(
                &succ,
                |k| args(k) | bit(10),
                |i, insn, m| ptr_transfer(insn, m, may_ctx[i] & bit(insn.src_reg) != 0),
            )
            .unwrap_or_else(|| vec![0x7ff; n]);
        self.precise_regs = self.backward_precision(&succ, &may_ptr, false);
        self.iter_precise_regs = self.backward_precision(&succ, &may_ptr, true);
    }

    /// The backward pass. With `kernel_like`, a value stored to memory
    /// other than the stack is not a use that needs its exact value (the
    /// kernel marks nothing precise for it); that narrower set decides
    /// which scalars an iterator loop may widen.
    fn backward_precision(
        &self,
        succ: &[super::cfg::Two<usize>],
        may_ptr: &[u16],
        kernel_like: bool,
    ) -> Vec<u16> {
        let n = self.insns.len();
        let main_has_range = self.prog.prog_type == ProgType::CgroupSkb;
        // Each instruction's transfer (defined, source and seed registers),
        // decoded once: the rounds below only combine bit masks.
        let transfer: Vec<(u16, u16, u16)> = (0..n)
            .map(|i| {
                let insn = self.insns[i];
                let (d, s) = (bit(insn.dst_reg), bit(insn.src_reg));
                let x = insn.src_bit() == BPF_X;
                match insn.class() {
                    BPF_ALU | BPF_ALU64 => {
                        let mut seeds = 0;
                        if insn.class() == BPF_ALU64 && matches!(insn.op(), BPF_ADD | BPF_SUB) && x
                        {
                            if may_ptr[i] & d != 0 {
                                seeds |= s;
                            }
                            if may_ptr[i] & s != 0 {
                                seeds |= d;
                            }
                        }
                        let srcs = match insn.op() {
                            BPF_MOV if x => s,
                            BPF_MOV => 0,
                            _ if x => s | d,
                            _ => d,
                        };
                        (d, srcs, seeds)
                    }
                    BPF_LDX => (d, 0, 0),
                    BPF_LD if matches!(insn.mode(), BPF_ABS | BPF_IND) => (R0_5, 0, 0),
                    BPF_LD => (if insn.is_ld_imm64() { d } else { 0 }, 0, 0),
                    BPF_STX if insn.mode() == BPF_ATOMIC => {
                        let def = if insn.imm == BPF_CMPXCHG {
                            1
                        } else if insn.imm & BPF_FETCH != 0 {
                            s
                        } else {
                            0
                        };
                        (def, 0, s | if insn.imm == BPF_CMPXCHG { 1 } else { 0 })
                    }
                    BPF_STX if kernel_like && insn.dst_reg != 10 => (0, 0, 0),
                    BPF_STX => (0, 0, s),
                    BPF_JMP | BPF_JMP32 => match insn.op() {
                        BPF_CALL => {
                            let k = nargs(insn);
                            (R0_5, 0, ((1u16 << (k + 1)) - 1) & !1)
                        }
                        BPF_EXIT => {
                            let main =
                                self.subprog_starts.iter().rposition(|&st| st <= i) == Some(0);
                            (0, 0, if !main || main_has_range { 1 } else { 0 })
                        }
                        BPF_JA => (0, 0, 0),
                        _ => (0, 0, d | if x { s } else { 0 }),
                    },
                    _ => (0, 0, 0),
                }
            })
            .collect();
        let one_pass = super::cfg::forward_only(succ);
        let mut precise = vec![0u16; n];
        let mut changed = true;
        let mut rounds = 0;
        while changed && rounds < super::cfg::MAX_ROUNDS {
            changed = false;
            rounds += 1;
            for i in (0..n).rev() {
                let out = succ[i].iter().fold(0u16, |a, &w| a | precise[w]);
                let (def, srcs, seeds) = transfer[i];
                let mut v = seeds | (out & !def);
                if def & out != 0 {
                    v |= srcs;
                }
                v &= !bit(10);
                if v != precise[i] {
                    precise[i] = v;
                    changed = true;
                }
            }
            if one_pass {
                changed = false;
            }
        }
        // Not settled: every register is precise, which is always safe.
        if changed {
            vec![0x7ff; n]
        } else {
            precise
        }
    }
}

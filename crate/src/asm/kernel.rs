//! The kernel verifier log's instruction format (`kernel/bpf/disasm.c`,
//! `print_bpf_insn`), which the playground's verifier prints its log with.

use crate::catalog::{self, FuncKind};
use crate::isa::*;

use super::disasm::{alu_str, atomic_op_name, jmp_str, size_name};

fn kfunc_or_helper_name(insn: Insn) -> String {
    match insn.src_reg {
        0 => match catalog::helper(insn.imm as u32) {
            Some(f) if insn.imm >= 0 => f.name.to_string(),
            _ => "unknown".to_string(),
        },
        BPF_PSEUDO_KFUNC_CALL => match catalog::kfunc(insn.imm as u32) {
            Some(f) if insn.imm >= 0 && matches!(f.kind, FuncKind::Kfunc { .. }) => {
                f.name.to_string()
            }
            _ => "kernel-function".to_string(),
        },
        _ => "unknown".to_string(),
    }
}

/// Instruction `idx` as the kernel's verifier log prints it after `N: (op) `
/// (`kernel/bpf/disasm.c`): `r1 = *(u32 *)(r10 -8)`, `if r1 > 0x10 goto
/// pc+3`, `call bpf_dynptr_read#201`, `w0 += w1`. Two departures, since the
/// playground has no kernel addresses: map loads print as bpftool does
/// (`r1 = map[id:0]`, `r1 = map[id:1][0]+8`, the id being the map's index),
/// and `callx r2` prints as such.
pub fn format_insn_kernel(insns: &[Insn], idx: usize) -> String {
    let Some(&insn) = insns.get(idx) else {
        return String::new();
    };
    let (d, s, off, imm) = (insn.dst_reg, insn.src_reg, insn.off, insn.imm);
    let class = insn.class();
    let w = |r: u8| {
        format!(
            "{}{r}",
            if class == BPF_ALU || class == BPF_JMP32 {
                'w'
            } else {
                'r'
            }
        )
    };
    match class {
        BPF_ALU | BPF_ALU64 => {
            let op = insn.op();
            if op == BPF_END {
                if class == BPF_ALU64 {
                    format!("r{d} = bswap{imm} r{d}")
                } else {
                    format!(
                        "r{d} = {}{imm} r{d}",
                        if insn.src_bit() == BPF_TO_BE {
                            "be"
                        } else {
                            "le"
                        }
                    )
                }
            } else if op == BPF_NEG {
                format!("{} = -{}", w(d), w(d))
            } else {
                let o = match (op, off) {
                    (BPF_DIV, 1) => "s/=",
                    (BPF_MOD, 1) => "s%=",
                    (BPF_MOV, _) => "=",
                    (BPF_NEG, _) => "neg",
                    (BPF_END, _) => "endian",
                    _ => alu_str(op, 0).unwrap_or("?"),
                };
                if insn.src_bit() == BPF_X {
                    let cast = match (op, off) {
                        (BPF_MOV, 8) => "(s8)",
                        (BPF_MOV, 16) => "(s16)",
                        (BPF_MOV, 32) => "(s32)",
                        _ => "",
                    };
                    format!("{} {o} {cast}{}", w(d), w(s))
                } else {
                    format!("{} {o} {imm}", w(d))
                }
            }
        }
        BPF_STX => {
            let sz = size_name(insn.size(), false);
            match insn.mode() {
                BPF_MEM => format!("*({sz} *)(r{d} {off:+}) = r{s}"),
                BPF_ATOMIC => {
                    let b64 = if insn.size() == BPF_DW { "64" } else { "" };
                    if matches!(imm as u8, BPF_ADD | BPF_AND | BPF_OR | BPF_XOR) && imm & !0xf0 == 0
                    {
                        format!(
                            "lock *({sz} *)(r{d} {off:+}) {} r{s}",
                            alu_str(imm as u8, 0).unwrap_or("?")
                        )
                    } else if imm & BPF_FETCH != 0 && atomic_op_name(imm & !BPF_FETCH).is_some() {
                        let name = atomic_op_name(imm & !BPF_FETCH).unwrap_or("?");
                        format!("r{s} = atomic{b64}_fetch_{name}(({sz} *)(r{d} {off:+}), r{s})")
                    } else if imm == BPF_CMPXCHG {
                        format!("r0 = atomic{b64}_cmpxchg(({sz} *)(r{d} {off:+}), r0, r{s})")
                    } else if imm == BPF_XCHG {
                        format!("r{s} = atomic{b64}_xchg(({sz} *)(r{d} {off:+}), r{s})")
                    } else {
                        format!("BUG_{:02x}", insn.code)
                    }
                }
                _ => format!("BUG_{:02x}", insn.code),
            }
        }
        BPF_ST => {
            if insn.mode() == BPF_MEM {
                format!(
                    "*({} *)(r{d} {off:+}) = {imm}",
                    size_name(insn.size(), false)
                )
            } else {
                format!("BUG_st_{:02x}", insn.code)
            }
        }
        BPF_LDX => match insn.mode() {
            BPF_MEM => format!(
                "r{d} = *({} *)(r{s} {off:+})",
                size_name(insn.size(), false)
            ),
            BPF_MEMSX if insn.size() != BPF_DW => {
                format!("r{d} = *({} *)(r{s} {off:+})", size_name(insn.size(), true))
            }
            _ => format!("BUG_ldx_{:02x}", insn.code),
        },
        BPF_LD => {
            if insn.is_ld_imm64() {
                let hi = insns.get(idx + 1).map_or(0, |h| h.imm);
                let full = (imm as u32 as u64) | ((hi as u32 as u64) << 32);
                match s {
                    BPF_PSEUDO_MAP_FD => format!("r{d} = map[id:{}]", imm as u32),
                    BPF_PSEUDO_MAP_VALUE => {
                        format!("r{d} = map[id:{}][0]+{}", imm as u32, hi as u32)
                    }
                    _ => format!("r{d} = {full:#x}"),
                }
            } else if insn.mode() == BPF_ABS {
                format!("r0 = *({} *)skb[{imm}]", size_name(insn.size(), false))
            } else if insn.mode() == BPF_IND {
                format!(
                    "r0 = *({} *)skb[r{s} + {imm}]",
                    size_name(insn.size(), false)
                )
            } else {
                format!("BUG_ld_{:02x}", insn.code)
            }
        }
        _ => {
            // BPF_JMP / BPF_JMP32
            let op = insn.op();
            if op == BPF_CALL {
                if insn.src_bit() == BPF_X {
                    format!("callx r{d}")
                } else if s == BPF_PSEUDO_CALL {
                    format!("call pc{imm:+}")
                } else {
                    format!("call {}#{imm}", kfunc_or_helper_name(insn))
                }
            } else if insn.code == BPF_JMP | BPF_JA {
                format!("goto pc{off:+}")
            } else if insn.code == BPF_JMP32 | BPF_JA {
                format!("gotol pc{imm:+}")
            } else if insn.code == BPF_JMP | BPF_EXIT {
                "exit".to_string()
            } else {
                let o = jmp_str(op).unwrap_or(match op {
                    BPF_JA => "jmp",
                    BPF_CALL => "call",
                    _ => "exit",
                });
                if insn.src_bit() == BPF_X {
                    format!("if {} {o} {} goto pc{off:+}", w(d), w(s))
                } else {
                    format!("if {} {o} {:#x} goto pc{off:+}", w(d), imm as u32)
                }
            }
        }
    }
}

/// One line of a verifier log: `0: (b7) r0 = 0`.
pub fn kernel_log_line(insns: &[Insn], idx: usize) -> String {
    let code = insns.get(idx).map_or(0, |i| i.code);
    format!("{idx}: ({code:02x}) {}", format_insn_kernel(insns, idx))
}

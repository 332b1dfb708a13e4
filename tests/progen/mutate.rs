//! Mutations of existing programs: one or two instructions changed (offsets,
//! immediates, registers, access sizes, jump operators, helper numbers),
//! replaced by a plain instruction, or swapped with the next one. `ld_imm64`
//! second halves are never touched on their own, so a mutant always
//! decodes; whether it verifies is the verifier's business.

use dynptr_play::isa::*;
use dynptr_play::program::Program;

use super::Rng;

/// The programs mutations start from: every gallery example and corpus
/// case that assembles, and the clang-built test programs when built
/// (`suite` names the caller in the skip notice when they are not).
pub fn seeds(suite: &str) -> Vec<(String, Program)> {
    crate::all_programs(suite)
}

/// Slots of `ld_imm64` second halves (never mutated on their own).
fn second_halves(insns: &[Insn]) -> Vec<bool> {
    let mut v = vec![false; insns.len()];
    let mut i = 0;
    while i < insns.len() {
        if insns[i].is_ld_imm64() && i + 1 < insns.len() {
            v[i + 1] = true;
            i += 2;
        } else {
            i += 1;
        }
    }
    v
}

/// One random change to one instruction.
pub fn mutate(p: &Program, rng: &Rng) -> Program {
    let mut q = p.clone();
    let n = q.insns.len();
    if n == 0 {
        return q;
    }
    let halves = second_halves(&q.insns);
    let edits = if rng.below(3) == 0 { 2 } else { 1 };
    for _ in 0..edits {
        let i = rng.below(n as u64) as usize;
        if halves[i] {
            continue;
        }
        let mut insn = q.insns[i];
        match rng.below(12) {
            0 | 1 => {
                insn.off = insn
                    .off
                    .wrapping_add(rng.pick(&[-8i16, 8, -1, 1, -16, 16, 4, -4]))
            }
            2 | 3 => {
                insn.imm = insn
                    .imm
                    .wrapping_add(rng.pick(&[-8i32, 8, -1, 1, 16, 64, 4096, -16]))
            }
            4 => insn.imm = rng.pick(&[0i32, 1, 8, 16, 32, 255, -1, 1 << 20]),
            5 => insn.dst_reg = rng.below(10) as u8,
            6 => {
                insn.src_reg = if insn.is_call() || insn.is_ld_imm64() {
                    insn.src_reg
                } else {
                    rng.below(11) as u8
                }
            }
            7 => {
                // Change the access size of a load or store.
                if matches!(insn.class(), BPF_LDX | BPF_STX | BPF_ST) && insn.mode() == BPF_MEM {
                    insn.code = (insn.code & !0x18) | rng.pick(&[BPF_B, BPF_H, BPF_W, BPF_DW]);
                }
            }
            8 => {
                // Change a conditional jump's operator.
                if matches!(insn.class(), BPF_JMP | BPF_JMP32)
                    && !matches!(insn.op(), BPF_CALL | BPF_EXIT | BPF_JA)
                {
                    insn.code = (insn.code & 0x0f)
                        | rng.pick(&[
                            BPF_JEQ, BPF_JNE, BPF_JGT, BPF_JGE, BPF_JLT, BPF_JLE, BPF_JSGT,
                            BPF_JSLT, BPF_JSET,
                        ]);
                }
            }
            9 => {
                // Replace with a harmless-looking instruction.
                if !insn.is_ld_imm64() && !insn.is_call() {
                    let (r, s, o) = (
                        rng.below(10) as u8,
                        rng.below(11) as u8,
                        -8 * (1 + rng.below(8) as i16),
                    );
                    let choices = [
                        Insn::new(BPF_ALU64 | BPF_MOV | BPF_K, r, 0, 0, 0),
                        Insn::new(BPF_ALU64 | BPF_ADD | BPF_K, r, 0, 0, 8),
                        Insn::new(BPF_ALU64 | BPF_MOV | BPF_X, r, s, 0, 0),
                        Insn::new(BPF_ST | BPF_MEM | BPF_DW, 10, 0, o, 0),
                    ];
                    insn = rng.pick(&choices);
                }
            }
            10 => {
                // Call a different helper of the dynptr family.
                if insn.is_helper_call() {
                    insn.imm = rng.pick(&[
                        197, 198, 199, 200, 201, 202, 203, 214, 215, 216, 217, 218, 219, 220, 221,
                        39, 44,
                    ]);
                }
            }
            _ => {
                // Swap with the next plain instruction.
                if i + 1 < n
                    && !halves[i + 1]
                    && !insn.is_ld_imm64()
                    && !q.insns[i + 1].is_ld_imm64()
                {
                    q.insns.swap(i, i + 1);
                    continue;
                }
            }
        }
        q.insns[i] = insn;
    }
    q
}

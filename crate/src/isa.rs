//! Instruction encoding and decoding (RFC 9669), opcode constants and names.
//!
//! An [`Insn`] is one 8-byte slot, exactly as the kernel's `struct bpf_insn`:
//! a wide `ld_imm64` takes two slots, the second one with opcode 0 holding
//! the upper 32 bits of the immediate. Instruction indices everywhere in the
//! engine (verifier log, faults, jumps) count slots, as the kernel does.

use serde::{Deserialize, Serialize};
use thiserror::Error;

// Instruction classes.
/// `BPF_LD`: non-standard load (`ld_imm64`, and the legacy packet loads
/// `BPF_ABS` / `BPF_IND`).
pub const BPF_LD: u8 = 0x00;
/// `BPF_LDX`: load into a register from memory.
pub const BPF_LDX: u8 = 0x01;
/// `BPF_ST`: store an immediate into memory.
pub const BPF_ST: u8 = 0x02;
/// `BPF_STX`: store a register into memory (and atomics).
pub const BPF_STX: u8 = 0x03;
/// `BPF_ALU`: 32-bit arithmetic.
pub const BPF_ALU: u8 = 0x04;
/// `BPF_JMP`: 64-bit jumps, calls, exit.
pub const BPF_JMP: u8 = 0x05;
/// `BPF_JMP32`: 32-bit jumps.
pub const BPF_JMP32: u8 = 0x06;
/// `BPF_ALU64`: 64-bit arithmetic.
pub const BPF_ALU64: u8 = 0x07;

// Sizes (load/store).
/// 32-bit word.
pub const BPF_W: u8 = 0x00;
/// 16-bit half word.
pub const BPF_H: u8 = 0x08;
/// 8-bit byte.
pub const BPF_B: u8 = 0x10;
/// 64-bit double word.
pub const BPF_DW: u8 = 0x18;

// Modes (load/store).
/// Immediate (`ld_imm64`).
pub const BPF_IMM: u8 = 0x00;
/// Legacy packet access, absolute.
pub const BPF_ABS: u8 = 0x20;
/// Legacy packet access, indirect.
pub const BPF_IND: u8 = 0x40;
/// Regular memory access.
pub const BPF_MEM: u8 = 0x60;
/// Sign-extending load.
pub const BPF_MEMSX: u8 = 0x80;
/// Atomic operation (with `BPF_STX`).
pub const BPF_ATOMIC: u8 = 0xc0;

// Source operand.
/// Immediate source.
pub const BPF_K: u8 = 0x00;
/// Register source.
pub const BPF_X: u8 = 0x08;

// ALU operations.
/// `+=`
pub const BPF_ADD: u8 = 0x00;
/// `-=`
pub const BPF_SUB: u8 = 0x10;
/// `*=`
pub const BPF_MUL: u8 = 0x20;
/// `/=` (offset 1: signed)
pub const BPF_DIV: u8 = 0x30;
/// `|=`
pub const BPF_OR: u8 = 0x40;
/// `&=`
pub const BPF_AND: u8 = 0x50;
/// `<<=`
pub const BPF_LSH: u8 = 0x60;
/// `>>=` (logical)
pub const BPF_RSH: u8 = 0x70;
/// `= -dst`
pub const BPF_NEG: u8 = 0x80;
/// `%=` (offset 1: signed)
pub const BPF_MOD: u8 = 0x90;
/// `^=`
pub const BPF_XOR: u8 = 0xa0;
/// `=` (offset 8/16/32: sign-extending move)
pub const BPF_MOV: u8 = 0xb0;
/// `s>>=`
pub const BPF_ARSH: u8 = 0xc0;
/// Byte swap (`le`/`be`, or `bswap` in ALU64).
pub const BPF_END: u8 = 0xd0;
/// `BPF_END` source bit: to little endian.
pub const BPF_TO_LE: u8 = 0x00;
/// `BPF_END` source bit: to big endian.
pub const BPF_TO_BE: u8 = 0x08;

// Jump operations.
/// Unconditional jump (`goto`; `gotol` in `BPF_JMP32`).
pub const BPF_JA: u8 = 0x00;
/// `==`
pub const BPF_JEQ: u8 = 0x10;
/// `>` unsigned
pub const BPF_JGT: u8 = 0x20;
/// `>=` unsigned
pub const BPF_JGE: u8 = 0x30;
/// `&` (test bits)
pub const BPF_JSET: u8 = 0x40;
/// `!=`
pub const BPF_JNE: u8 = 0x50;
/// `>` signed
pub const BPF_JSGT: u8 = 0x60;
/// `>=` signed
pub const BPF_JSGE: u8 = 0x70;
/// Function call.
pub const BPF_CALL: u8 = 0x80;
/// Return.
pub const BPF_EXIT: u8 = 0x90;
/// `<` unsigned
pub const BPF_JLT: u8 = 0xa0;
/// `<=` unsigned
pub const BPF_JLE: u8 = 0xb0;
/// `<` signed
pub const BPF_JSLT: u8 = 0xc0;
/// `<=` signed
pub const BPF_JSLE: u8 = 0xd0;

// Atomic operations (in `imm` of a `BPF_STX | BPF_ATOMIC`).
/// Modifier: return the old value.
pub const BPF_FETCH: i32 = 0x01;
/// Exchange.
pub const BPF_XCHG: i32 = 0xe0 | BPF_FETCH;
/// Compare and exchange (compares with r0).
pub const BPF_CMPXCHG: i32 = 0xf0 | BPF_FETCH;

// Pseudo sources of `ld_imm64`.
/// `src_reg` of `ld_imm64`: `imm` is a map fd (here: map index).
pub const BPF_PSEUDO_MAP_FD: u8 = 1;
/// `src_reg` of `ld_imm64`: map fd + offset into its value.
pub const BPF_PSEUDO_MAP_VALUE: u8 = 2;
/// `src_reg` of `ld_imm64`: a kernel BTF id.
pub const BPF_PSEUDO_BTF_ID: u8 = 3;
/// `src_reg` of `ld_imm64`: a bpf function (callback), `imm` relative.
pub const BPF_PSEUDO_FUNC: u8 = 4;
/// `src_reg` of `ld_imm64`: a map by index.
pub const BPF_PSEUDO_MAP_IDX: u8 = 5;
/// `src_reg` of `ld_imm64`: a map value by map index.
pub const BPF_PSEUDO_MAP_IDX_VALUE: u8 = 6;

// Pseudo sources of `call`.
/// `src_reg` of `call`: a bpf-to-bpf call, `imm` relative.
pub const BPF_PSEUDO_CALL: u8 = 1;
/// `src_reg` of `call`: a kfunc, `imm` is its BTF id.
pub const BPF_PSEUDO_KFUNC_CALL: u8 = 2;

/// Number of registers r0..r10.
pub const MAX_BPF_REG: usize = 11;
/// Stack bytes a frame may use.
pub const MAX_BPF_STACK: usize = 512;
/// Call depth limit (frames).
pub const MAX_CALL_FRAMES: usize = 8;

/// One 8-byte instruction slot, as `struct bpf_insn`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Insn {
    /// Opcode byte.
    pub code: u8,
    /// Destination register (low nibble of byte 1).
    pub dst_reg: u8,
    /// Source register (high nibble of byte 1).
    pub src_reg: u8,
    /// Signed offset.
    pub off: i16,
    /// Signed immediate.
    pub imm: i32,
}

/// Errors decoding raw bytecode.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IsaError {
    /// The byte length is not a multiple of 8.
    #[error("program length {0} is not a multiple of 8 bytes")]
    BadLength(usize),
    /// An `ld_imm64` is the last slot.
    #[error("insn {0}: ld_imm64 is missing its second half")]
    TruncatedLdImm64(usize),
    /// The opcode is not a BPF instruction.
    #[error("insn {idx}: unknown opcode {code:#04x}")]
    UnknownOpcode {
        /// Instruction index.
        idx: usize,
        /// The opcode.
        code: u8,
    },
    /// A field the encoding reserves is not zero, or a field is out of range.
    #[error("insn {idx}: {what}")]
    BadField {
        /// Instruction index.
        idx: usize,
        /// What is wrong.
        what: String,
    },
}

impl Insn {
    /// Builds an instruction from its fields.
    pub const fn new(code: u8, dst_reg: u8, src_reg: u8, off: i16, imm: i32) -> Self {
        Insn {
            code,
            dst_reg,
            src_reg,
            off,
            imm,
        }
    }

    /// Decodes one slot from 8 little-endian bytes.
    pub fn from_bytes(b: [u8; 8]) -> Self {
        Insn {
            code: b[0],
            dst_reg: b[1] & 0x0f,
            src_reg: b[1] >> 4,
            off: i16::from_le_bytes([b[2], b[3]]),
            imm: i32::from_le_bytes([b[4], b[5], b[6], b[7]]),
        }
    }

    /// Encodes this slot as 8 little-endian bytes.
    pub fn to_bytes(self) -> [u8; 8] {
        let off = self.off.to_le_bytes();
        let imm = self.imm.to_le_bytes();
        [
            self.code,
            (self.dst_reg & 0x0f) | (self.src_reg << 4),
            off[0],
            off[1],
            imm[0],
            imm[1],
            imm[2],
            imm[3],
        ]
    }

    /// The instruction class (low 3 bits of the opcode).
    pub fn class(self) -> u8 {
        self.code & 0x07
    }

    /// The operation bits of an ALU or jump opcode.
    pub fn op(self) -> u8 {
        self.code & 0xf0
    }

    /// The source bit (`BPF_K` or `BPF_X`) of an ALU or jump opcode.
    pub fn src_bit(self) -> u8 {
        self.code & 0x08
    }

    /// The size bits of a load/store opcode.
    pub fn size(self) -> u8 {
        self.code & 0x18
    }

    /// The mode bits of a load/store opcode.
    pub fn mode(self) -> u8 {
        self.code & 0xe0
    }

    /// True for the first slot of a 16-byte `ld_imm64`.
    pub fn is_ld_imm64(self) -> bool {
        self.code == BPF_LD | BPF_IMM | BPF_DW
    }

    /// True for `call` (helper, kfunc or bpf-to-bpf).
    pub fn is_call(self) -> bool {
        self.code == BPF_JMP | BPF_CALL
    }

    /// True for a bpf-to-bpf call.
    pub fn is_pseudo_call(self) -> bool {
        self.is_call() && self.src_reg == BPF_PSEUDO_CALL
    }

    /// True for a kfunc call.
    pub fn is_kfunc_call(self) -> bool {
        self.is_call() && self.src_reg == BPF_PSEUDO_KFUNC_CALL
    }

    /// True for a helper call by number.
    pub fn is_helper_call(self) -> bool {
        self.is_call() && self.src_reg == 0
    }

    /// True for `exit`.
    pub fn is_exit(self) -> bool {
        self.code == BPF_JMP | BPF_EXIT
    }
}

/// Size in bytes of a load/store size code.
pub fn size_bytes(size: u8) -> usize {
    match size {
        BPF_B => 1,
        BPF_H => 2,
        BPF_W => 4,
        _ => 8,
    }
}

/// Decodes raw bytecode (8 bytes a slot) into slots, checking only length.
pub fn decode(bytes: &[u8]) -> Result<Vec<Insn>, IsaError> {
    if !bytes.len().is_multiple_of(8) {
        return Err(IsaError::BadLength(bytes.len()));
    }
    Ok(bytes
        .chunks_exact(8)
        .map(|c| Insn::from_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
        .collect())
}

/// Encodes slots as raw bytecode.
pub fn encode(insns: &[Insn]) -> Vec<u8> {
    insns.iter().flat_map(|i| i.to_bytes()).collect()
}

/// Checks that every slot is a valid RFC 9669 instruction: known opcode,
/// registers in range, reserved fields zero. This is the check the
/// conformance suite's negative tests exercise; the verifier adds the
/// kernel's own checks on top.
pub fn validate(insns: &[Insn]) -> Result<(), IsaError> {
    let mut idx = 0;
    while idx < insns.len() {
        let insn = insns[idx];
        validate_one(insns, idx)?;
        idx += if insn.is_ld_imm64() { 2 } else { 1 };
    }
    Ok(())
}

fn bad(idx: usize, what: impl Into<String>) -> IsaError {
    IsaError::BadField {
        idx,
        what: what.into(),
    }
}

fn validate_one(insns: &[Insn], idx: usize) -> Result<(), IsaError> {
    let insn = insns[idx];
    let unknown = || IsaError::UnknownOpcode {
        idx,
        code: insn.code,
    };
    if insn.dst_reg > 10 {
        return Err(bad(idx, format!("invalid dst register r{}", insn.dst_reg)));
    }
    if insn.src_reg > 10 {
        return Err(bad(idx, format!("invalid src register r{}", insn.src_reg)));
    }
    match insn.class() {
        BPF_ALU | BPF_ALU64 => {
            let alu64 = insn.class() == BPF_ALU64;
            let op = insn.op();
            match op {
                BPF_END => {
                    if insn.src_reg != 0 || insn.off != 0 {
                        return Err(bad(idx, "unused field of byte swap is not zero"));
                    }
                    if alu64 && insn.src_bit() != 0 {
                        return Err(unknown());
                    }
                    if !matches!(insn.imm, 16 | 32 | 64) {
                        return Err(bad(idx, format!("invalid byte swap width {}", insn.imm)));
                    }
                    return Ok(());
                }
                BPF_NEG => {
                    if insn.src_bit() != 0 || insn.src_reg != 0 || insn.off != 0 || insn.imm != 0 {
                        return Err(bad(idx, "unused field of neg is not zero"));
                    }
                    return Ok(());
                }
                BPF_ADD | BPF_SUB | BPF_MUL | BPF_OR | BPF_AND | BPF_LSH | BPF_RSH | BPF_XOR
                | BPF_ARSH | BPF_DIV | BPF_MOD | BPF_MOV => {}
                _ => return Err(unknown()),
            }
            let off_ok = match op {
                BPF_DIV | BPF_MOD => matches!(insn.off, 0 | 1),
                BPF_MOV if insn.src_bit() == BPF_X => {
                    matches!(insn.off, 0 | 8 | 16) || (alu64 && insn.off == 32)
                }
                _ => insn.off == 0,
            };
            if !off_ok {
                return Err(bad(
                    idx,
                    format!("invalid offset {} for ALU instruction", insn.off),
                ));
            }
            if insn.src_bit() == BPF_K {
                if insn.src_reg != 0 {
                    return Err(bad(
                        idx,
                        "src register of an immediate ALU instruction is not zero",
                    ));
                }
            } else if insn.imm != 0 {
                return Err(bad(idx, "imm of a register ALU instruction is not zero"));
            }
            Ok(())
        }
        BPF_JMP | BPF_JMP32 => {
            let jmp32 = insn.class() == BPF_JMP32;
            match insn.op() {
                BPF_JA => {
                    if insn.src_bit() != 0 || insn.src_reg != 0 || insn.dst_reg != 0 {
                        return Err(bad(idx, "unused field of goto is not zero"));
                    }
                    if jmp32 && insn.off != 0 {
                        return Err(bad(idx, "gotol has a non-zero offset"));
                    }
                    if !jmp32 && insn.imm != 0 {
                        return Err(bad(idx, "goto has a non-zero imm"));
                    }
                    Ok(())
                }
                BPF_CALL => {
                    if jmp32 {
                        return Err(unknown());
                    }
                    if insn.off != 0 {
                        return Err(bad(idx, "offset of call is not zero"));
                    }
                    if insn.src_bit() == BPF_X {
                        // callx: target in dst_reg.
                        if insn.src_reg != 0 || insn.imm != 0 {
                            return Err(bad(idx, "unused field of callx is not zero"));
                        }
                        return Ok(());
                    }
                    if insn.dst_reg != 0 {
                        return Err(bad(idx, "dst register of call is not zero"));
                    }
                    if insn.src_reg > BPF_PSEUDO_KFUNC_CALL {
                        return Err(bad(idx, format!("invalid call source {}", insn.src_reg)));
                    }
                    Ok(())
                }
                BPF_EXIT => {
                    if jmp32 || insn.src_bit() != 0 {
                        return Err(unknown());
                    }
                    if insn.dst_reg != 0 || insn.src_reg != 0 || insn.off != 0 || insn.imm != 0 {
                        return Err(bad(idx, "unused field of exit is not zero"));
                    }
                    Ok(())
                }
                BPF_JEQ | BPF_JGT | BPF_JGE | BPF_JSET | BPF_JNE | BPF_JSGT | BPF_JSGE
                | BPF_JLT | BPF_JLE | BPF_JSLT | BPF_JSLE => {
                    if insn.src_bit() == BPF_K {
                        if insn.src_reg != 0 {
                            return Err(bad(idx, "src register of an immediate jump is not zero"));
                        }
                    } else if insn.imm != 0 {
                        return Err(bad(idx, "imm of a register jump is not zero"));
                    }
                    Ok(())
                }
                _ => Err(unknown()),
            }
        }
        BPF_LD => {
            if matches!(insn.mode(), BPF_ABS | BPF_IND) {
                // The legacy packet loads exist in bytes, words and half
                // words (the kernel's opcode table has no double-word one);
                // their reserved fields are the verifier's to check
                // (`check_ld_abs`).
                return if insn.size() == BPF_DW {
                    Err(unknown())
                } else {
                    Ok(())
                };
            }
            if !insn.is_ld_imm64() {
                return Err(unknown());
            }
            let Some(next) = insns.get(idx + 1) else {
                return Err(IsaError::TruncatedLdImm64(idx));
            };
            if next.code != 0 || next.dst_reg != 0 || next.src_reg != 0 || next.off != 0 {
                return Err(bad(idx + 1, "second half of ld_imm64 has non-zero fields"));
            }
            if insn.off != 0 {
                return Err(bad(idx, "offset of ld_imm64 is not zero"));
            }
            if insn.src_reg > BPF_PSEUDO_MAP_IDX_VALUE {
                return Err(bad(
                    idx,
                    format!("invalid ld_imm64 source {}", insn.src_reg),
                ));
            }
            Ok(())
        }
        BPF_LDX => {
            if !matches!(insn.mode(), BPF_MEM | BPF_MEMSX) {
                return Err(unknown());
            }
            if insn.mode() == BPF_MEMSX && insn.size() == BPF_DW {
                return Err(unknown());
            }
            if insn.imm != 0 {
                return Err(bad(idx, "imm of a load is not zero"));
            }
            Ok(())
        }
        BPF_ST => {
            if insn.mode() != BPF_MEM {
                return Err(unknown());
            }
            if insn.src_reg != 0 {
                return Err(bad(idx, "src register of a store immediate is not zero"));
            }
            Ok(())
        }
        BPF_STX => match insn.mode() {
            BPF_MEM => {
                if insn.imm != 0 {
                    return Err(bad(idx, "imm of a register store is not zero"));
                }
                Ok(())
            }
            BPF_ATOMIC => {
                if !matches!(insn.size(), BPF_W | BPF_DW) {
                    return Err(unknown());
                }
                let base = insn.imm & !BPF_FETCH;
                let ok = matches!(base, 0x00 | 0x40 | 0x50 | 0xa0)
                    || insn.imm == BPF_XCHG
                    || insn.imm == BPF_CMPXCHG;
                if !ok {
                    return Err(bad(
                        idx,
                        format!("invalid atomic operation {:#x}", insn.imm),
                    ));
                }
                Ok(())
            }
            _ => Err(unknown()),
        },
        _ => Err(unknown()),
    }
}

/// The 64-bit immediate of an `ld_imm64` from its two slots.
pub fn ld_imm64_value(lo: Insn, hi: Insn) -> u64 {
    (lo.imm as u32 as u64) | ((hi.imm as u32 as u64) << 32)
}

/// The two slots of `ld_imm64 dst, value` with the given pseudo source.
pub fn ld_imm64(dst: u8, src: u8, value: u64) -> [Insn; 2] {
    [
        Insn::new(BPF_LD | BPF_IMM | BPF_DW, dst, src, 0, value as u32 as i32),
        Insn::new(0, 0, 0, 0, (value >> 32) as u32 as i32),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip() {
        let insn = Insn::new(BPF_STX | BPF_MEM | BPF_DW, 10, 1, -16, 0);
        assert_eq!(Insn::from_bytes(insn.to_bytes()), insn);
        assert_eq!(insn.to_bytes(), [0x7b, 0x1a, 0xf0, 0xff, 0, 0, 0, 0]);
    }

    #[test]
    fn validate_rejects_unused_fields() {
        let add_with_off = Insn::new(BPF_ALU64 | BPF_ADD | BPF_K, 0, 0, 1, 1);
        let exit = Insn::new(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
        assert!(validate(&[add_with_off, exit]).is_err());
        assert!(validate(&[Insn::new(BPF_ALU64 | BPF_ADD | BPF_K, 0, 0, 0, 1), exit]).is_ok());
    }

    #[test]
    fn truncated_ld_imm64() {
        let [lo, _] = ld_imm64(1, 0, 5);
        assert_eq!(validate(&[lo]), Err(IsaError::TruncatedLdImm64(0)));
    }
}

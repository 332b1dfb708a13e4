//! The ubpf-style dialect of the BPF conformance suite (`-- asm` sections):
//! `mov32 %r0, 0`, `ldxw %r0, [%r1+4]`, `jeq %r1, 0x10, +2`, `ja label`,
//! `lddw %r0, 0x123456789`, `call local func1`, `lock fetch add [%r10-8], %r1`.
//!
//! As in the suite's assembler, the first `exit` is also the label `exit`.

use crate::isa::*;
use crate::program::Program;

use super::builder::{Builder, FixKind};
use super::error::AsmError;
use super::lexer::{Cursor, Tok, Token};
use super::llvm::{emit_jump, Target};

/// Every mnemonic of the dialect except `exit`, `call` and `lock`, which the
/// LLVM dialect shares (used to tell the dialects apart).
pub(crate) fn is_ubpf_mnemonic(m: &str) -> bool {
    alu_op(m).is_some()
        || movsx(m).is_some()
        || endian(m).is_some()
        || mem_size(m).is_some()
        || jmp_op(m).is_some()
        || legacy_ld(m).is_some()
        || matches!(m, "lddw" | "ja" | "ja32")
}

/// `ldabsb/h/w/dw` and `ldindb/h/w/dw` (the legacy packet loads): mode and size.
fn legacy_ld(m: &str) -> Option<(u8, u8)> {
    let (mode, size) = if let Some(s) = m.strip_prefix("ldabs") {
        (BPF_ABS, s)
    } else {
        (BPF_IND, m.strip_prefix("ldind")?)
    };
    let size = match size {
        "b" => BPF_B,
        "h" => BPF_H,
        "w" => BPF_W,
        "dw" => BPF_DW,
        _ => return None,
    };
    Some((mode, size))
}

fn alu_op(m: &str) -> Option<(u8, u8, i16)> {
    let (base, class) = if let Some(b) = m.strip_suffix("32") {
        (b, BPF_ALU)
    } else if let Some(b) = m.strip_suffix("64") {
        (b, BPF_ALU64)
    } else {
        (m, BPF_ALU64)
    };
    let (op, off) = match base {
        "add" => (BPF_ADD, 0),
        "sub" => (BPF_SUB, 0),
        "mul" => (BPF_MUL, 0),
        "div" => (BPF_DIV, 0),
        "sdiv" => (BPF_DIV, 1),
        "or" => (BPF_OR, 0),
        "and" => (BPF_AND, 0),
        "lsh" => (BPF_LSH, 0),
        "rsh" => (BPF_RSH, 0),
        "neg" => (BPF_NEG, 0),
        "mod" => (BPF_MOD, 0),
        "smod" => (BPF_MOD, 1),
        "xor" => (BPF_XOR, 0),
        "mov" => (BPF_MOV, 0),
        "arsh" => (BPF_ARSH, 0),
        _ => return None,
    };
    Some((class, op, off))
}

fn movsx(m: &str) -> Option<(u8, i16)> {
    Some(match m {
        "movsx832" => (BPF_ALU, 8),
        "movsx1632" => (BPF_ALU, 16),
        "movsx864" => (BPF_ALU64, 8),
        "movsx1664" => (BPF_ALU64, 16),
        "movsx3264" => (BPF_ALU64, 32),
        _ => return None,
    })
}

fn endian(m: &str) -> Option<(u8, i32)> {
    let (code, width) = if let Some(w) = m.strip_prefix("le") {
        (BPF_ALU | BPF_END | BPF_TO_LE, w)
    } else if let Some(w) = m.strip_prefix("be") {
        (BPF_ALU | BPF_END | BPF_TO_BE, w)
    } else if let Some(w) = m.strip_prefix("bswap").or_else(|| m.strip_prefix("swap")) {
        (BPF_ALU64 | BPF_END | BPF_TO_LE, w)
    } else {
        return None;
    };
    let width = match width {
        "16" => 16,
        "32" => 32,
        "64" => 64,
        _ => return None,
    };
    Some((code, width))
}

/// Load/store mnemonics: (class, mode, size).
fn mem_size(m: &str) -> Option<(u8, u8, u8)> {
    let (class, mode, rest) = if let Some(r) = m.strip_prefix("ldxs") {
        (BPF_LDX, BPF_MEMSX, r)
    } else if let Some(r) = m.strip_prefix("ldx") {
        (BPF_LDX, BPF_MEM, r)
    } else if let Some(r) = m.strip_prefix("stx") {
        (BPF_STX, BPF_MEM, r)
    } else if let Some(r) = m.strip_prefix("st") {
        (BPF_ST, BPF_MEM, r)
    } else {
        return None;
    };
    let size = match rest {
        "b" => BPF_B,
        "h" => BPF_H,
        "w" => BPF_W,
        "dw" if mode == BPF_MEM => BPF_DW,
        _ => return None,
    };
    Some((class, mode, size))
}

fn jmp_op(m: &str) -> Option<(u8, u8)> {
    let (base, class) = match m.strip_suffix("32") {
        Some(b) => (b, BPF_JMP32),
        None => (m, BPF_JMP),
    };
    let op = match base {
        "jeq" => BPF_JEQ,
        "jgt" => BPF_JGT,
        "jge" => BPF_JGE,
        "jset" => BPF_JSET,
        "jne" => BPF_JNE,
        "jsgt" => BPF_JSGT,
        "jsge" => BPF_JSGE,
        "jlt" => BPF_JLT,
        "jle" => BPF_JLE,
        "jslt" => BPF_JSLT,
        "jsle" => BPF_JSLE,
        _ => return None,
    };
    Some((class, op))
}

/// `%rN`.
fn peek_reg(c: &Cursor) -> bool {
    c.is_punct("%")
}

fn expect_reg(c: &mut Cursor) -> Result<u8, AsmError> {
    let col = c.col();
    if !c.eat_punct("%") {
        return Err(c.expected("a register like %r1"));
    }
    let Some(Token {
        tok: Tok::Ident(s), ..
    }) = c.peek()
    else {
        return Err(c.expected("a register name after `%` (r0..r10)"));
    };
    let ok = s.len() >= 2 && s.starts_with('r') && s[1..].bytes().all(|b| b.is_ascii_digit());
    match s.get(1..).map(str::parse::<u32>) {
        Some(Ok(n)) if ok && n <= 10 => {
            c.next();
            Ok(n as u8)
        }
        _ => Err(c.error_at(
            col,
            format!("register `%{s}` does not exist: expected %r0..%r10"),
        )),
    }
}

/// `[%rN+off]`, `[%rN-off]`, `[%rN]`.
fn mem(c: &mut Cursor) -> Result<(u8, i16), AsmError> {
    if !c.eat_punct("[") {
        return Err(c.expected("a memory operand like [%r1+4]"));
    }
    let r = expect_reg(c)?;
    let off = if c.is_punct("+") || c.is_punct("-") {
        c.expect_off16("an offset")?.0
    } else {
        0
    };
    c.expect_punct("]")?;
    Ok((r, off))
}

fn comma(c: &mut Cursor) -> Result<(), AsmError> {
    c.expect_punct(",")
}

fn target(c: &mut Cursor) -> Result<Target, AsmError> {
    if c.at_number() {
        let (v, col) = c.expect_signed("a jump offset")?;
        if !(i32::MIN as i128..=i32::MAX as i128).contains(&v) {
            return Err(c.error_at(
                col,
                format!("expected a jump offset that fits in 32 bits, found {v}"),
            ));
        }
        return Ok(Target::Rel(v as i64, col));
    }
    let (name, col) = c.expect_ident("a label or an offset like +2")?;
    Ok(Target::Label(name, col))
}

/// Assembles the ubpf dialect.
pub fn assemble_ubpf(src: &str) -> Result<Program, AsmError> {
    let mut first_exit: Option<(usize, usize, usize)> = None;
    let (mut b, lines) = super::assemble_lines(
        src,
        |_, _| Ok(()),
        |c, b, line| {
            let col = c.col();
            let (m, _) =
                c.expect_ident("a mnemonic (mov, add32, ldxw, stxdw, jeq, ja, call, exit, ...)")?;
            if m == "exit" && first_exit.is_none() {
                first_exit = Some((b.here(), line.number, col));
            }
            statement(c, b, &m, line.number, col)?;
            c.expect_end()
        },
    )?;
    if let Some((idx, l, c)) = first_exit {
        b.add_implicit_label("exit", idx, l, c);
    }
    b.finish(lines)
}

fn statement(
    c: &mut Cursor,
    b: &mut Builder,
    m: &str,
    ln: usize,
    col: usize,
) -> Result<(), AsmError> {
    if let Some((class, op, off)) = alu_op(m) {
        let dst = expect_reg(c)?;
        if op == BPF_NEG {
            b.push(Insn::new(class | BPF_NEG, dst, 0, 0, 0), ln, col);
            return Ok(());
        }
        comma(c)?;
        if peek_reg(c) {
            let src = expect_reg(c)?;
            b.push(Insn::new(class | op | BPF_X, dst, src, off, 0), ln, col);
        } else {
            let (imm, _) = c.expect_imm32_signed_decimal("a register like %r1 or an immediate")?;
            b.push(Insn::new(class | op | BPF_K, dst, 0, off, imm), ln, col);
        }
        return Ok(());
    }
    if let Some((class, bits)) = movsx(m) {
        let dst = expect_reg(c)?;
        comma(c)?;
        let src = expect_reg(c)?;
        b.push(
            Insn::new(class | BPF_MOV | BPF_X, dst, src, bits, 0),
            ln,
            col,
        );
        return Ok(());
    }
    if let Some((mode, size)) = legacy_ld(m) {
        // `ldabsw IMM`, `ldindw %rS, IMM`: into r0 from the skb at IMM (+ rS).
        let src = if mode == BPF_IND {
            let r = expect_reg(c)?;
            comma(c)?;
            r
        } else {
            0
        };
        let (imm, _) = c.expect_imm32_signed_decimal("a packet offset")?;
        b.push(Insn::new(BPF_LD | mode | size, 0, src, 0, imm), ln, col);
        return Ok(());
    }
    if let Some((code, width)) = endian(m) {
        let dst = expect_reg(c)?;
        b.push(Insn::new(code, dst, 0, 0, width), ln, col);
        return Ok(());
    }
    if let Some((class, mode, size)) = mem_size(m) {
        match class {
            BPF_LDX => {
                let dst = expect_reg(c)?;
                comma(c)?;
                let (src, off) = mem(c)?;
                b.push(Insn::new(BPF_LDX | mode | size, dst, src, off, 0), ln, col);
            }
            BPF_ST => {
                let (dst, off) = mem(c)?;
                comma(c)?;
                let (imm, _) = c.expect_imm32_signed_decimal("an immediate to store")?;
                b.push(
                    Insn::new(BPF_ST | BPF_MEM | size, dst, 0, off, imm),
                    ln,
                    col,
                );
            }
            _ => {
                let (dst, off) = mem(c)?;
                comma(c)?;
                let src = expect_reg(c)?;
                b.push(
                    Insn::new(BPF_STX | BPF_MEM | size, dst, src, off, 0),
                    ln,
                    col,
                );
            }
        }
        return Ok(());
    }
    if let Some((class, op)) = jmp_op(m) {
        let dst = expect_reg(c)?;
        comma(c)?;
        let insn = if peek_reg(c) {
            let src = expect_reg(c)?;
            Insn::new(class | op | BPF_X, dst, src, 0, 0)
        } else {
            let (imm, _) = c.expect_imm32_signed_decimal("a register like %r1 or an immediate")?;
            Insn::new(class | op | BPF_K, dst, 0, 0, imm)
        };
        comma(c)?;
        let t = target(c)?;
        return emit_jump(c, b, insn, t, false, ln, col);
    }
    match m {
        "exit" => {
            b.push(Insn::new(BPF_JMP | BPF_EXIT, 0, 0, 0, 0), ln, col);
            Ok(())
        }
        "ja" | "ja32" => {
            let long = m == "ja32";
            let t = target(c)?;
            let code = if long { BPF_JMP32 | BPF_JA } else { BPF_JMP | BPF_JA };
            emit_jump(c, b, Insn::new(code, 0, 0, 0, 0), t, long, ln, col)
        }
        "lddw" => {
            let dst = expect_reg(c)?;
            comma(c)?;
            let (v, vcol) = c.expect_signed("a 64-bit immediate")?;
            if !(i64::MIN as i128..=u64::MAX as i128).contains(&v) {
                return Err(c.error_at(vcol, format!("expected a 64-bit immediate, found {v}")));
            }
            b.push_ld_imm64(dst, 0, v as i64 as u64, ln, col);
            Ok(())
        }
        "call" => call(c, b, ln, col),
        "lock" => lock(c, b, ln, col),
        _ => Err(c.error_at(col, format!("expected a mnemonic (mov, add32, ldxw, stxdw, jeq, ja, call, exit, ...), found `{m}`"))),
    }
}

fn call(c: &mut Cursor, b: &mut Builder, ln: usize, col: usize) -> Result<(), AsmError> {
    let base = Insn::new(BPF_JMP | BPF_CALL, 0, 0, 0, 0);
    if peek_reg(c) {
        let r = expect_reg(c)?;
        b.push(Insn::new(BPF_JMP | BPF_CALL | BPF_X, r, 0, 0, 0), ln, col);
        return Ok(());
    }
    if c.eat_ident("local") {
        let insn = Insn {
            src_reg: BPF_PSEUDO_CALL,
            ..base
        };
        return match target(c)? {
            Target::Rel(v, _) => {
                b.push(
                    Insn {
                        imm: v as i32,
                        ..insn
                    },
                    ln,
                    col,
                );
                Ok(())
            }
            Target::Label(name, lcol) => {
                let idx = b.push(insn, ln, col);
                b.fixup(idx, FixKind::JumpImm, &name, ln, lcol);
                Ok(())
            }
        };
    }
    let src = if c.eat_ident("runtime") {
        BPF_PSEUDO_KFUNC_CALL
    } else {
        c.eat_ident("helper");
        0
    };
    if c.at_number() {
        let (imm, _) = c.expect_imm32_signed_decimal("a function number")?;
        b.push(
            Insn {
                src_reg: src,
                imm,
                ..base
            },
            ln,
            col,
        );
        return Ok(());
    }
    let (name, ncol) = c.expect_ident("a helper number, `local LABEL`, or a register like %r2")?;
    let idx = b.push(base, ln, col);
    b.fixup(
        idx,
        if src == 0 {
            FixKind::Call
        } else {
            FixKind::KfuncCall
        },
        &name,
        ln,
        ncol,
    );
    Ok(())
}

const LOCK_OPS: &str = "an atomic operation after `lock` (add, or, and, xor, xchg, cmpxchg, with an optional `fetch` and `32` suffix)";

fn lock(c: &mut Cursor, b: &mut Builder, ln: usize, col: usize) -> Result<(), AsmError> {
    let fetch = c.eat_ident("fetch");
    let (op, ocol) = c.expect_ident(LOCK_OPS)?;
    let (base, size) = match op.strip_suffix("32") {
        Some(b) => (b, BPF_W),
        None => (op.as_str(), BPF_DW),
    };
    let imm = match base {
        "add" => BPF_ADD as i32,
        "or" => BPF_OR as i32,
        "and" => BPF_AND as i32,
        "xor" => BPF_XOR as i32,
        "xchg" => BPF_XCHG,
        "cmpxchg" => BPF_CMPXCHG,
        _ => return Err(c.error_at(ocol, format!("expected {LOCK_OPS}, found `{op}`"))),
    };
    let imm = if fetch { imm | BPF_FETCH } else { imm };
    let (dst, off) = mem(c)?;
    comma(c)?;
    let src = expect_reg(c)?;
    b.push(
        Insn::new(BPF_STX | BPF_ATOMIC | size, dst, src, off, imm),
        ln,
        col,
    );
    Ok(())
}

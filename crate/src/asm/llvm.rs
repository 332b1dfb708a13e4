//! The LLVM / kernel pseudo-C dialect: what `llvm-objdump -d`, `llvm-mc
//! -triple bpf`, `bpftool prog dump xlated` and the verifier log print.
//!
//! One statement a line, optionally after `label:`. Memory operands are
//! `*(u32 *)(r10 - 8)`; the kernel's `(r10 -8)` spelling is the same tokens.

use crate::isa::*;
use crate::program::{ProgType, Program};

use super::builder::{is_block_label, Builder, FixKind, ListingSection};
use super::error::AsmError;
use super::lexer::{Cursor, Line, Tok, Token};

/// A register operand.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reg {
    pub n: u8,
    /// Written as `wN` (32-bit view).
    pub w: bool,
    pub col: usize,
}

/// Parses `rN`/`wN` if the next token is one (errors on `r11`).
pub(crate) fn peek_reg(c: &Cursor) -> Result<Option<Reg>, AsmError> {
    let Some(Token {
        tok: Tok::Ident(s),
        col,
        ..
    }) = c.peek()
    else {
        return Ok(None);
    };
    let b = s.as_bytes();
    if b.len() < 2 || !(b[0] == b'r' || b[0] == b'w') || !b[1..].iter().all(|d| d.is_ascii_digit())
    {
        return Ok(None);
    }
    match s[1..].parse::<u32>() {
        Ok(n) if n <= 10 => Ok(Some(Reg {
            n: n as u8,
            w: b[0] == b'w',
            col: *col,
        })),
        _ => Err(c.error_at(
            *col,
            format!("register `{s}` does not exist: expected r0..r10 or w0..w10"),
        )),
    }
}

/// Consumes a register or fails with "expected a register like r1 or w1".
pub(crate) fn expect_reg(c: &mut Cursor) -> Result<Reg, AsmError> {
    match peek_reg(c)? {
        Some(r) => {
            c.next();
            Ok(r)
        }
        None => Err(c.expected("a register like r1 or w1")),
    }
}

fn expect_width(c: &Cursor, r: Reg, w: bool) -> Result<(), AsmError> {
    if r.w != w {
        let (want, other) = if w { ("w", "32-bit") } else { ("r", "64-bit") };
        return Err(c.error_at(
            r.col,
            format!(
                "expected a {want} register in a {other} operation, found {}{}",
                if r.w { 'w' } else { 'r' },
                r.n
            ),
        ));
    }
    Ok(())
}

/// A jump target: a label, or a relative offset in slots.
pub(crate) enum Target {
    Label(String, usize),
    Rel(i64, usize),
}

/// `LABEL`, `+3`, `-2`, `3`, `pc+3`, optionally followed by objdump's
/// `<LBB0_4>` annotation.
fn target(c: &mut Cursor) -> Result<Target, AsmError> {
    let t = if c.is_ident("pc")
        && matches!(
            c.peek2(),
            Some(Token {
                tok: Tok::Punct("+" | "-"),
                ..
            })
        ) {
        c.next();
        let (v, col) = c.expect_signed("an offset like pc+3")?;
        Target::Rel(v as i64, col)
    } else if c.at_number() {
        let (v, col) = c.expect_signed("a jump offset")?;
        if !(i32::MIN as i128..=i32::MAX as i128).contains(&v) {
            return Err(c.error_at(
                col,
                format!("expected a jump offset that fits in 32 bits, found {v}"),
            ));
        }
        Target::Rel(v as i64, col)
    } else {
        match c.peek() {
            Some(Token {
                tok: Tok::Ident(s),
                col,
                ..
            }) => {
                c.next();
                Target::Label(s.clone(), *col)
            }
            _ => return Err(c.expected("a label or an offset like +3")),
        }
    };
    if c.eat_punct("<") {
        while !c.at_end() && !c.eat_punct(">") {
            c.next();
        }
    }
    Ok(t)
}

/// Emits a jump with a 16-bit offset (or `gotol` with a 32-bit imm).
pub(crate) fn emit_jump(
    c: &Cursor,
    b: &mut Builder,
    mut insn: Insn,
    t: Target,
    long: bool,
    line: usize,
    col: usize,
) -> Result<(), AsmError> {
    match t {
        Target::Rel(v, vcol) => {
            if long {
                insn.imm = v as i32;
            } else {
                insn.off = i16::try_from(v).map_err(|_| {
                    c.error_at(vcol, format!("expected a jump offset from -32768 to 32767, found {v} (use `gotol` for long jumps)"))
                })?;
            }
            b.push(insn, line, col);
        }
        Target::Label(name, lcol) => {
            let idx = b.push(insn, line, col);
            b.fixup(
                idx,
                if long {
                    FixKind::JumpImm
                } else {
                    FixKind::JumpOff
                },
                &name,
                line,
                lcol,
            );
        }
    }
    Ok(())
}

/// `(u32 *)`: returns the size code and whether it is sign-extending.
fn size_cast(c: &mut Cursor) -> Result<(u8, bool), AsmError> {
    c.expect_punct("(")?;
    let what = "a size like u8, u16, u32, u64 (or s8, s16, s32 for sign-extending loads)";
    let (s, col) = c.expect_ident(what)?;
    let r = match s.as_str() {
        "u8" => (BPF_B, false),
        "u16" => (BPF_H, false),
        "u32" => (BPF_W, false),
        "u64" => (BPF_DW, false),
        "s8" => (BPF_B, true),
        "s16" => (BPF_H, true),
        "s32" => (BPF_W, true),
        _ => return Err(c.error_at(col, format!("expected {what}, found `{s}`"))),
    };
    c.expect_punct("*")?;
    c.expect_punct(")")?;
    Ok(r)
}

/// `rN + off` / `rN - off` / `rN` (without the parentheses).
fn base_off(c: &mut Cursor) -> Result<(Reg, i16), AsmError> {
    let r = expect_reg(c)?;
    let off = if c.is_punct("+") || c.is_punct("-") {
        c.expect_off16("an offset")?.0
    } else {
        0
    };
    Ok((r, off))
}

/// `(rN + off)`.
fn mem(c: &mut Cursor) -> Result<(Reg, i16), AsmError> {
    c.expect_punct("(")?;
    let r = base_off(c)?;
    c.expect_punct(")")?;
    Ok(r)
}

fn alu_op(p: &str) -> Option<(u8, i16)> {
    Some(match p {
        "+=" => (BPF_ADD, 0),
        "-=" => (BPF_SUB, 0),
        "*=" => (BPF_MUL, 0),
        "/=" => (BPF_DIV, 0),
        "s/=" => (BPF_DIV, 1),
        "|=" => (BPF_OR, 0),
        "&=" => (BPF_AND, 0),
        "<<=" => (BPF_LSH, 0),
        ">>=" => (BPF_RSH, 0),
        "s>>=" => (BPF_ARSH, 0),
        "%=" => (BPF_MOD, 0),
        "s%=" => (BPF_MOD, 1),
        "^=" => (BPF_XOR, 0),
        _ => return None,
    })
}

fn jmp_op(p: &str) -> Option<u8> {
    Some(match p {
        "==" => BPF_JEQ,
        "!=" => BPF_JNE,
        ">" => BPF_JGT,
        ">=" => BPF_JGE,
        "<" => BPF_JLT,
        "<=" => BPF_JLE,
        "s>" => BPF_JSGT,
        "s>=" => BPF_JSGE,
        "s<" => BPF_JSLT,
        "s<=" => BPF_JSLE,
        "&" => BPF_JSET,
        _ => return None,
    })
}

/// Assembles the LLVM dialect.
pub fn assemble_llvm(src: &str) -> Result<Program, AsmError> {
    let (b, lines) = super::assemble_lines(
        src,
        |line, b| {
            // Without `.program`, an objdump listing names the program (its
            // first function) and its type (its section).
            if let Some(sec) = &line.banner_section {
                if b.guessed_type.is_none() {
                    b.guessed_type = ProgType::from_section(sec);
                }
                b.sections.push(ListingSection {
                    name: sec.clone(),
                    start: b.here(),
                });
            }
            if let Some((name, col)) = &line.header_label {
                if b.here() == 0 && b.guessed_name.is_none() {
                    b.guessed_name = Some(name.clone());
                }
                b.add_label(name, line.number, *col)?;
                if !is_block_label(name) {
                    b.func_headers.push((b.here(), name.clone()));
                }
            }
            Ok(())
        },
        statement,
    )?;
    b.finish(lines)
}

/// Consumes `name:` prefixes.
pub(crate) fn labels(c: &mut Cursor, b: &mut Builder) -> Result<(), AsmError> {
    while let (
        Some(Token {
            tok: Tok::Ident(name),
            col,
            ..
        }),
        Some(Token {
            tok: Tok::Punct(":"),
            ..
        }),
    ) = (c.peek(), c.peek2())
    {
        c.next();
        c.next();
        b.add_label(name, c.line_no(), *col)?;
    }
    Ok(())
}

const STATEMENT: &str = "an instruction (`r1 = ...`, `*(u64 *)(r10 - 8) = ...`, `if ...`, `goto`, `call`, `lock`, `exit`)";

fn statement(c: &mut Cursor, b: &mut Builder, line: &Line) -> Result<(), AsmError> {
    let ln = line.number;
    let col = c.col();
    if let Some(dst) = peek_reg(c)? {
        c.next();
        assignment(c, b, dst, line)?;
        return c.expect_end();
    }
    let Some(Token { tok, .. }) = c.peek() else {
        return Err(c.expected(STATEMENT));
    };
    match tok {
        Tok::Punct("*") => store(c, b)?,
        Tok::Ident(w) => match w.as_str() {
            "exit" => {
                c.next();
                b.push(Insn::new(BPF_JMP | BPF_EXIT, 0, 0, 0, 0), ln, col);
            }
            "goto" | "gotol" => {
                let long = w == "gotol";
                c.next();
                let t = target(c)?;
                let code = if long {
                    BPF_JMP32 | BPF_JA
                } else {
                    BPF_JMP | BPF_JA
                };
                emit_jump(c, b, Insn::new(code, 0, 0, 0, 0), t, long, ln, col)?;
            }
            "if" => {
                c.next();
                cond_jump(c, b, ln, col)?;
            }
            "call" => {
                c.next();
                call(c, b, line, col)?;
            }
            "callx" => {
                c.next();
                let r = expect_reg(c)?;
                b.push(Insn::new(BPF_JMP | BPF_CALL | BPF_X, r.n, 0, 0, 0), ln, col);
            }
            "lock" => {
                c.next();
                lock(c, b, ln, col)?;
            }
            _ => return Err(c.expected(STATEMENT)),
        },
        _ => return Err(c.expected(STATEMENT)),
    }
    c.expect_end()
}

fn cond_jump(c: &mut Cursor, b: &mut Builder, ln: usize, col: usize) -> Result<(), AsmError> {
    let dst = expect_reg(c)?;
    let class = if dst.w { BPF_JMP32 } else { BPF_JMP };
    let op = match c.peek() {
        Some(Token {
            tok: Tok::Punct(p), ..
        }) => jmp_op(p),
        _ => None,
    };
    let Some(op) = op else {
        return Err(c.expected("a comparison (==, !=, >, >=, <, <=, s>, s>=, s<, s<=, &)"));
    };
    c.next();
    let insn = if let Some(src) = peek_reg(c)? {
        c.next();
        expect_width(c, src, dst.w)?;
        Insn::new(class | op | BPF_X, dst.n, src.n, 0, 0)
    } else {
        let (imm, _) = c.expect_imm32("a register or an immediate")?;
        Insn::new(class | op | BPF_K, dst.n, 0, 0, imm)
    };
    c.expect_keyword("goto")?;
    let t = target(c)?;
    emit_jump(c, b, insn, t, false, ln, col)
}

fn call(c: &mut Cursor, b: &mut Builder, line: &Line, col: usize) -> Result<(), AsmError> {
    let ln = line.number;
    let base = Insn::new(BPF_JMP | BPF_CALL, 0, 0, 0, 0);
    // `call kfunc NAME` / `call kfunc 12345`
    if c.is_ident("kfunc") && c.peek2().is_some() {
        c.next();
        if c.at_number() {
            let (id, _) = c.expect_imm32("a kfunc BTF id")?;
            b.push(
                Insn {
                    src_reg: BPF_PSEUDO_KFUNC_CALL,
                    imm: id,
                    ..base
                },
                ln,
                col,
            );
        } else {
            let (name, ncol) = c.expect_ident("a kfunc name")?;
            let idx = b.push(base, ln, col);
            b.fixup(idx, FixKind::KfuncCall, &name, ln, ncol);
        }
        return Ok(());
    }
    // objdump prints every call as `call N`; its bytes say which kind.
    if let (true, Some(src @ (BPF_PSEUDO_CALL | BPF_PSEUDO_KFUNC_CALL))) =
        (c.at_number(), line.listed_src)
    {
        let (v, _) = c.expect_imm32("a call immediate")?;
        b.push(
            Insn {
                src_reg: src,
                imm: v,
                ..base
            },
            ln,
            col,
        );
        return Ok(());
    }
    // `call pc+3`, `call pc-1` (the kernel's spelling): relative
    // bpf-to-bpf call. A bare `call -1` is a helper number, as llvm-mc
    // reads it (clang's unresolved kfunc call before relocation).
    if c.is_ident("pc")
        && matches!(
            c.peek2(),
            Some(Token {
                tok: Tok::Punct("+" | "-"),
                ..
            })
        )
    {
        c.eat_ident("pc");
        let (v, _) = c.expect_imm32("a relative call offset")?;
        b.push(
            Insn {
                src_reg: BPF_PSEUDO_CALL,
                imm: v,
                ..base
            },
            ln,
            col,
        );
        if c.eat_punct("<") {
            while !c.at_end() && !c.eat_punct(">") {
                c.next();
            }
        }
        return Ok(());
    }
    if c.at_number() {
        let (id, _) = c.expect_imm32("a helper number")?;
        let idx = b.push(Insn { imm: id, ..base }, ln, col);
        // objdump without byte columns prints bpf-to-bpf calls the same way.
        if line.listed_addr.is_some() && line.listed_code.is_none() {
            b.bare_calls.push(idx);
        }
        return Ok(());
    }
    let (name, ncol) = c.expect_ident("a helper number, a helper or kfunc name, or a label")?;
    let idx = b.push(base, ln, col);
    b.fixup(idx, FixKind::Call, &name, ln, ncol);
    Ok(())
}

fn store(c: &mut Cursor, b: &mut Builder) -> Result<(), AsmError> {
    let col = c.col();
    let ln = c.line_no();
    c.expect_punct("*")?;
    let scol = c.col();
    let (size, signed) = size_cast(c)?;
    if signed {
        return Err(c.error_at(
            scol,
            "expected an unsigned size (u8, u16, u32, u64) for a store",
        ));
    }
    let (dst, off) = mem(c)?;
    c.expect_punct("=")?;
    if let Some(src) = peek_reg(c)? {
        c.next();
        b.push(
            Insn::new(BPF_STX | BPF_MEM | size, dst.n, src.n, off, 0),
            ln,
            col,
        );
    } else {
        let (imm, _) = c.expect_imm32("a register or an immediate to store")?;
        b.push(
            Insn::new(BPF_ST | BPF_MEM | size, dst.n, 0, off, imm),
            ln,
            col,
        );
    }
    Ok(())
}

fn lock(c: &mut Cursor, b: &mut Builder, ln: usize, col: usize) -> Result<(), AsmError> {
    c.expect_punct("*")?;
    let scol = c.col();
    let (size, signed) = size_cast(c)?;
    if signed || !(size == BPF_W || size == BPF_DW) {
        return Err(c.error_at(scol, "expected u32 or u64 for an atomic operation"));
    }
    let (dst, off) = mem(c)?;
    let op = match c.peek() {
        Some(Token {
            tok: Tok::Punct("+="),
            ..
        }) => BPF_ADD,
        Some(Token {
            tok: Tok::Punct("|="),
            ..
        }) => BPF_OR,
        Some(Token {
            tok: Tok::Punct("&="),
            ..
        }) => BPF_AND,
        Some(Token {
            tok: Tok::Punct("^="),
            ..
        }) => BPF_XOR,
        _ => return Err(c.expected("an atomic operation (+=, |=, &=, ^=)")),
    };
    c.next();
    let src = expect_reg(c)?;
    b.push(
        Insn::new(BPF_STX | BPF_ATOMIC | size, dst.n, src.n, off, op as i32),
        ln,
        col,
    );
    Ok(())
}

/// Everything that starts with a destination register.
fn assignment(c: &mut Cursor, b: &mut Builder, dst: Reg, line: &Line) -> Result<(), AsmError> {
    let ln = line.number;
    let col = dst.col;
    let class = if dst.w { BPF_ALU } else { BPF_ALU64 };
    let op_tok = c.peek();
    let op = match op_tok {
        Some(Token {
            tok: Tok::Punct(p), ..
        }) => *p,
        _ => return Err(c.expected("an assignment (=, +=, -=, ...)")),
    };
    if let Some((alu, off)) = alu_op(op) {
        c.next();
        if let Some(src) = peek_reg(c)? {
            c.next();
            expect_width(c, src, dst.w)?;
            b.push(
                Insn::new(class | alu | BPF_X, dst.n, src.n, off, 0),
                ln,
                col,
            );
        } else {
            let (imm, _) = c.expect_imm32("a register or an immediate")?;
            b.push(Insn::new(class | alu | BPF_K, dst.n, 0, off, imm), ln, col);
        }
        return Ok(());
    }
    if op != "=" {
        return Err(c.expected("an assignment (=, +=, -=, ...)"));
    }
    c.next();
    // Load.
    if c.is_punct("*") {
        c.next();
        // The size word, after `(`.
        let scol = c.peek2().map_or(c.col(), |t| t.col);
        let (size, signed) = size_cast(c)?;
        if c.is_ident("skb") {
            return skb_load(c, b, dst, size, signed, scol, ln, col);
        }
        let (src, off) = mem(c)?;
        let mode = if signed { BPF_MEMSX } else { BPF_MEM };
        b.push(
            Insn::new(BPF_LDX | mode | size, dst.n, src.n, off, 0),
            ln,
            col,
        );
        return Ok(());
    }
    // Sign-extending move `(s8)r1`.
    if c.is_punct("(") {
        c.next();
        let (s, scol) = c.expect_ident("s8, s16 or s32")?;
        let bits: i16 = match s.as_str() {
            "s8" => 8,
            "s16" => 16,
            "s32" if !dst.w => 32,
            _ => {
                let allowed = if dst.w { "s8 or s16" } else { "s8, s16 or s32" };
                return Err(c.error_at(scol, format!("expected {allowed}, found `{s}`")));
            }
        };
        c.expect_punct(")")?;
        let src = expect_reg(c)?;
        expect_width(c, src, dst.w)?;
        b.push(
            Insn::new(class | BPF_MOV | BPF_X, dst.n, src.n, bits, 0),
            ln,
            col,
        );
        return Ok(());
    }
    // Negation `-r1`.
    if c.is_punct("-") {
        if let Some(Token {
            tok: Tok::Ident(_), ..
        }) = c.peek2()
        {
            c.next();
            let src = expect_reg(c)?;
            expect_width(c, src, dst.w)?;
            if src.n != dst.n {
                return Err(c.error_at(
                    src.col,
                    format!(
                        "expected the destination register again (neg negates r{} in place)",
                        dst.n
                    ),
                ));
            }
            b.push(Insn::new(class | BPF_NEG | BPF_K, dst.n, 0, 0, 0), ln, col);
            return Ok(());
        }
    }
    if c.at_number() {
        let listed_ld = line.listed_code == Some(BPF_LD | BPF_IMM | BPF_DW);
        // Peek whether `ll` follows the number.
        let mut probe = c.clone();
        let (v, vcol) = probe.expect_signed("a number")?;
        let wide = probe.is_ident("ll") || listed_ld;
        if wide {
            c.expect_signed("a number")?;
            if !(i64::MIN as i128..=u64::MAX as i128).contains(&v) {
                return Err(c.error_at(vcol, "expected a 64-bit immediate"));
            }
            c.eat_ident("ll");
            if dst.w {
                return Err(c.error_at(dst.col, "expected an r register: `ll` loads 64 bits"));
            }
            b.push_ld_imm64(dst.n, 0, v as i64 as u64, ln, col);
            return Ok(());
        }
        let (imm, _) = c.expect_imm32("an immediate").map_err(|e| {
            AsmError::new(
                e.line,
                e.col,
                format!("{}; add `ll` for a 64-bit immediate", e.message),
            )
        })?;
        b.push(
            Insn::new(class | BPF_MOV | BPF_K, dst.n, 0, 0, imm),
            ln,
            col,
        );
        return Ok(());
    }
    if let Some(src) = peek_reg(c)? {
        c.next();
        expect_width(c, src, dst.w)?;
        b.push(
            Insn::new(class | BPF_MOV | BPF_X, dst.n, src.n, 0, 0),
            ln,
            col,
        );
        if let Some(Token {
            tok: Tok::Punct(op @ ("+" | "-" | "*" | "/" | "%" | "&" | "|" | "^")),
            col: ocol,
            ..
        }) = c.peek()
        {
            let (d, sr) = (
                format!("{}{}", if dst.w { 'w' } else { 'r' }, dst.n),
                format!("{}{}", if src.w { 'w' } else { 'r' }, src.n),
            );
            return Err(c.error_at(
                *ocol,
                format!("expected end of line, found `{op}`: BPF instructions take two operands; write `{d} = {sr}` and then `{d} {op}= ...`"),
            ));
        }
        return Ok(());
    }
    let Some(Token {
        tok: Tok::Ident(word),
        col: wcol,
        ..
    }) = c.peek()
    else {
        return Err(c.expected(
            "a register, a number, a load `*(u32 *)(r1 + 0)` or a symbol followed by `ll`",
        ));
    };
    let wcol = *wcol;
    let reg_follows = {
        let mut probe = c.clone();
        probe.next();
        matches!(peek_reg(&probe), Ok(Some(_)))
    };
    if let (Some(width), true) = (swap_width(word), reg_follows) {
        if !matches!(width, "16" | "32" | "64") {
            return Err(c.error_at(
                wcol,
                format!("invalid byte-swap width `{word}`: expected be16, be32, be64, le16, le32, le64, bswap16, bswap32 or bswap64"),
            ));
        }
    }
    match word.as_str() {
        "be16" | "be32" | "be64" | "le16" | "le32" | "le64" | "bswap16" | "bswap32" | "bswap64" => {
            c.next();
            let (code, width) = match word.as_bytes()[0] {
                b'b' if word.starts_with("bswap") => (BPF_ALU64 | BPF_END | BPF_TO_LE, &word[5..]),
                b'b' => (BPF_ALU | BPF_END | BPF_TO_BE, &word[2..]),
                _ => (BPF_ALU | BPF_END | BPF_TO_LE, &word[2..]),
            };
            let width: i32 = width.parse().unwrap_or(64);
            let src = expect_reg(c)?;
            if src.n != dst.n {
                return Err(c.error_at(
                    src.col,
                    format!(
                        "expected the destination register again (byte swaps work in place on r{})",
                        dst.n
                    ),
                ));
            }
            b.push(Insn::new(code, dst.n, 0, 0, width), ln, col);
            Ok(())
        }
        "map" if c.peek2().is_some_and(|t| t.tok == Tok::Punct("[")) => {
            c.next();
            bpftool_map(c, b, dst, ln, col)
        }
        w if atomic_fn(w).is_some() => {
            c.next();
            let Some(f) = atomic_fn(w) else {
                return Err(c.error_at(wcol, "internal: atomic"));
            };
            atomic(c, b, dst, f, ln, col)
        }
        _ => {
            c.next();
            let name = word.clone();
            let addend = if c.is_punct("+") || c.is_punct("-") {
                let (v, vcol) = c.expect_signed("an offset")?;
                i64::try_from(v).map_err(|_| c.error_at(vcol, "offset is too large"))?
            } else {
                0
            };
            if !c.eat_ident("ll") && line.listed_code != Some(BPF_LD | BPF_IMM | BPF_DW) {
                return Err(c.expected(&format!(
                    "`ll` after the symbol `{name}` (a 64-bit address load)"
                )));
            }
            if dst.w {
                return Err(c.error_at(dst.col, "expected an r register: `ll` loads 64 bits"));
            }
            let idx = b.push_ld_imm64(dst.n, 0, 0, ln, col);
            b.fixup(idx, FixKind::LdSym { addend }, &name, ln, wcol);
            Ok(())
        }
    }
}

/// The digits of a byte-swap mnemonic (`be24` -> `24`), when `word` is
/// `be`, `le` or `bswap` followed by digits and then a register.
fn swap_width(word: &str) -> Option<&str> {
    let digits = word
        .strip_prefix("bswap")
        .or_else(|| word.strip_prefix("be"))
        .or_else(|| word.strip_prefix("le"))?;
    (!digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// The legacy packet loads (`BPF_LD | BPF_ABS`, `BPF_LD | BPF_IND`) after
/// `r0 = *(u8 *)`: `skb[73]` or `skb[r7]`, `skb[r7 + 4]` (the kernel log's
/// form). They always load into r0.
#[allow(clippy::too_many_arguments)]
fn skb_load(
    c: &mut Cursor,
    b: &mut Builder,
    dst: Reg,
    size: u8,
    signed: bool,
    scol: usize,
    ln: usize,
    col: usize,
) -> Result<(), AsmError> {
    if signed {
        return Err(c.error_at(
            scol,
            "expected u8, u16, u32 or u64 for a packet load (there is no sign-extending one)",
        ));
    }
    if dst.n != 0 || dst.w {
        return Err(c.error_at(
            dst.col,
            "expected r0: a legacy packet load (`skb[...]`) always loads into r0",
        ));
    }
    c.expect_keyword("skb")?;
    c.expect_punct("[")?;
    let insn = if let Some(src) = peek_reg(c)? {
        c.next();
        if src.w {
            return Err(c.error_at(src.col, "expected an r register as the packet offset"));
        }
        // `skb[r7 + 4]`, `skb[r7 + -4]` (the kernel log), `skb[r7 - 4]`.
        let imm = if c.eat_punct("+") || c.is_punct("-") {
            c.expect_imm32("an offset")?.0
        } else {
            0
        };
        Insn::new(BPF_LD | BPF_IND | size, 0, src.n, 0, imm)
    } else {
        let (imm, _) = c.expect_imm32("a packet offset or a register")?;
        Insn::new(BPF_LD | BPF_ABS | size, 0, 0, 0, imm)
    };
    c.expect_punct("]")?;
    b.push(insn, ln, col);
    Ok(())
}

/// The atomic read-modify-write spellings.
#[derive(Clone, Copy)]
struct AtomicFn {
    /// `imm` of the instruction.
    imm: i32,
    /// Size fixed by the name (`xchg_64`), or given by a cast (`atomic_fetch_add`).
    size: Option<u8>,
    /// LLVM's `xchg_64(r1 + 0, r2)` form: no cast, no parentheses.
    bare_mem: bool,
}

fn atomic_fn(name: &str) -> Option<AtomicFn> {
    let fetch = |op: u8, size: Option<u8>| AtomicFn {
        imm: op as i32 | BPF_FETCH,
        size,
        bare_mem: false,
    };
    Some(match name {
        "atomic_fetch_add" => fetch(BPF_ADD, None),
        "atomic_fetch_and" => fetch(BPF_AND, None),
        "atomic_fetch_or" => fetch(BPF_OR, None),
        "atomic_fetch_xor" => fetch(BPF_XOR, None),
        "atomic64_fetch_add" => fetch(BPF_ADD, Some(BPF_DW)),
        "atomic64_fetch_and" => fetch(BPF_AND, Some(BPF_DW)),
        "atomic64_fetch_or" => fetch(BPF_OR, Some(BPF_DW)),
        "atomic64_fetch_xor" => fetch(BPF_XOR, Some(BPF_DW)),
        "xchg_64" => AtomicFn {
            imm: BPF_XCHG,
            size: Some(BPF_DW),
            bare_mem: true,
        },
        "xchg32_32" => AtomicFn {
            imm: BPF_XCHG,
            size: Some(BPF_W),
            bare_mem: true,
        },
        "cmpxchg_64" => AtomicFn {
            imm: BPF_CMPXCHG,
            size: Some(BPF_DW),
            bare_mem: true,
        },
        "cmpxchg32_32" => AtomicFn {
            imm: BPF_CMPXCHG,
            size: Some(BPF_W),
            bare_mem: true,
        },
        "atomic_xchg" => AtomicFn {
            imm: BPF_XCHG,
            size: Some(BPF_W),
            bare_mem: false,
        },
        "atomic64_xchg" => AtomicFn {
            imm: BPF_XCHG,
            size: Some(BPF_DW),
            bare_mem: false,
        },
        "atomic_cmpxchg" => AtomicFn {
            imm: BPF_CMPXCHG,
            size: Some(BPF_W),
            bare_mem: false,
        },
        "atomic64_cmpxchg" => AtomicFn {
            imm: BPF_CMPXCHG,
            size: Some(BPF_DW),
            bare_mem: false,
        },
        _ => return None,
    })
}

fn atomic(
    c: &mut Cursor,
    b: &mut Builder,
    dst: Reg,
    f: AtomicFn,
    ln: usize,
    col: usize,
) -> Result<(), AsmError> {
    c.expect_punct("(")?;
    let (size, base, off) = if f.bare_mem {
        let (r, off) = base_off(c)?;
        (f.size.unwrap_or(BPF_DW), r, off)
    } else {
        let scol = c.col();
        let (size, signed) = size_cast(c)?;
        if signed || !(size == BPF_W || size == BPF_DW) || f.size.is_some_and(|s| s != size) {
            let want = match f.size {
                Some(BPF_W) => "u32",
                Some(_) => "u64",
                None => "u32 or u64",
            };
            return Err(c.error_at(scol, format!("expected {want} for this atomic operation")));
        }
        let (r, off) = mem(c)?;
        (size, r, off)
    };
    c.expect_punct(",")?;
    if f.imm == BPF_CMPXCHG {
        let r0 = expect_reg(c)?;
        if r0.n != 0 || dst.n != 0 {
            let at = if dst.n != 0 { dst.col } else { r0.col };
            return Err(c.error_at(at, "expected r0: cmpxchg compares with and returns into r0"));
        }
        c.expect_punct(",")?;
    }
    let src = expect_reg(c)?;
    c.expect_punct(")")?;
    if f.imm != BPF_CMPXCHG && src.n != dst.n {
        return Err(c.error_at(
            dst.col,
            format!(
                "expected r{} on the left: the old value is returned into the source register",
                src.n
            ),
        ));
    }
    b.push(
        Insn::new(BPF_STX | BPF_ATOMIC | size, base.n, src.n, off, f.imm),
        ln,
        col,
    );
    Ok(())
}

/// bpftool's (and [`super::format_insn_kernel`]'s) `map[id:N]` and
/// `map[id:N][0]+OFF`: the map with index N, or an address in its value.
fn bpftool_map(
    c: &mut Cursor,
    b: &mut Builder,
    dst: Reg,
    ln: usize,
    col: usize,
) -> Result<(), AsmError> {
    c.expect_punct("[")?;
    c.expect_keyword("id")?;
    c.expect_punct(":")?;
    let (id, icol) = c.expect_signed("a map id")?;
    let id = u32::try_from(id)
        .map_err(|_| c.error_at(icol, "expected a map id from 0 to 4294967295"))?;
    c.expect_punct("]")?;
    let (src, off) = if c.eat_punct("[") {
        let (z, zcol) = c.expect_signed("0")?;
        if z != 0 {
            return Err(c.error_at(
                zcol,
                "expected element 0 (`[0]`): globals are single-element maps",
            ));
        }
        c.expect_punct("]")?;
        let off = if c.is_punct("+") {
            let (v, vcol) = c.expect_signed("an offset")?;
            u32::try_from(v)
                .map_err(|_| c.error_at(vcol, "expected an offset from 0 to 4294967295"))?
        } else {
            0
        };
        (BPF_PSEUDO_MAP_VALUE, off)
    } else {
        (BPF_PSEUDO_MAP_FD, 0)
    };
    c.eat_ident("ll");
    if dst.w {
        return Err(c.error_at(dst.col, "expected an r register: a map load is 64 bits"));
    }
    b.push_ld_imm64(dst.n, src, (id as u64) | ((off as u64) << 32), ln, col);
    Ok(())
}

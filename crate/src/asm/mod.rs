//! Assembly in two dialects (LLVM pseudo-C and the ubpf style of the
//! conformance suite) and the disassembler, which prints the LLVM dialect.
//!
//! Both dialects share the lexer (comments, listing prefixes), the
//! directives (`.program`, `.map`, `.data`, `.bss`, `.rodata`, `.raw`) and
//! the [`builder`] that resolves labels, calls and symbols. `docs/asm.md`
//! describes the syntax.

mod builder;
mod directives;
mod disasm;
mod error;
mod kernel;
mod lexer;
mod llvm;
mod ubpf;

pub use disasm::{
    disassemble, disassemble_with, format_insn, format_insn_with, format_insns, format_insns_with,
    DisasmOptions, DisasmStyle,
};
pub use error::AsmError;
pub use kernel::{format_insn_kernel, kernel_log_line};
pub use llvm::assemble_llvm;
pub use ubpf::assemble_ubpf;

use crate::program::{Program, MAX_INSNS};
use builder::Builder;
use lexer::{Cursor, Line, Tok, Token};

/// The two input dialects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// LLVM / kernel pseudo-C (`r1 = *(u32 *)(r10 - 8)`).
    Llvm,
    /// The conformance suite's ubpf style (`ldxw %r1, [%r10-8]`).
    Ubpf,
}

/// Which dialect `src` is written in: a `.dialect` directive decides;
/// otherwise the first instruction that only one dialect has (`%r`
/// registers or a ubpf mnemonic mean ubpf); LLVM when nothing decides.
pub fn detect_dialect(src: &str) -> Dialect {
    let Ok(lines) = lexer::lex(src) else {
        return Dialect::Llvm;
    };
    for line in &lines {
        let mut toks: &[Token] = &line.tokens;
        // Skip `label:` prefixes.
        while let [Token {
            tok: Tok::Ident(_), ..
        }, Token {
            tok: Tok::Punct(":"),
            ..
        }, rest @ ..] = toks
        {
            toks = rest;
        }
        let Some(first) = toks.first() else { continue };
        if toks.iter().any(|t| t.tok == Tok::Punct("%")) {
            return Dialect::Ubpf;
        }
        let Tok::Ident(word) = &first.tok else {
            return Dialect::Llvm;
        };
        if word == ".dialect" {
            match toks.get(1).map(|t| &t.tok) {
                Some(Tok::Ident(d)) if d == "ubpf" => return Dialect::Ubpf,
                _ => return Dialect::Llvm,
            }
        }
        if word.starts_with('.') {
            continue;
        }
        let second = toks.get(1).map(|t| &t.tok);
        match word.as_str() {
            "exit" => continue,
            "call" => match second {
                Some(Tok::Ident(k)) if k == "local" || k == "helper" || k == "runtime" => {
                    return Dialect::Ubpf
                }
                _ => continue,
            },
            "lock" => {
                return if second == Some(&Tok::Punct("*")) {
                    Dialect::Llvm
                } else {
                    Dialect::Ubpf
                };
            }
            w if ubpf::is_ubpf_mnemonic(w) => return Dialect::Ubpf,
            _ => return Dialect::Llvm,
        }
    }
    Dialect::Llvm
}

/// The line loop both dialects share: `name:` labels, then a directive or
/// one statement, which `statement` assembles; `before` sees each line
/// first (objdump banners). Stops at the first error, or as soon as the
/// program is longer than the kernel loads (`Builder::finish` says so).
/// Returns the builder and the number of lines.
fn assemble_lines(
    src: &str,
    mut before: impl FnMut(&Line, &mut Builder) -> Result<(), AsmError>,
    mut statement: impl FnMut(&mut Cursor, &mut Builder, &Line) -> Result<(), AsmError>,
) -> Result<(Builder, usize), AsmError> {
    let lines = lexer::lex(src)?;
    let mut b = Builder::new();
    for line in &lines {
        if let Some(r) = &line.reloc {
            b.add_reloc(r, line.number)?;
            continue;
        }
        before(line, &mut b)?;
        let mut c = Cursor::new(line);
        llvm::labels(&mut c, &mut b)?;
        if c.at_end() {
            continue;
        }
        if matches!(c.peek(), Some(Token { tok: Tok::Ident(s), .. }) if s.starts_with('.')) {
            directives::directive(&mut c, &mut b)?;
        } else {
            let first = b.here();
            statement(&mut c, &mut b, line)?;
            if b.here() > first {
                b.last_stmt = Some((first, line.listed_addr, line.number));
            }
        }
        if b.here() > MAX_INSNS {
            break;
        }
    }
    Ok((b, lines.len()))
}

/// Assembles either dialect, chosen by [`detect_dialect`].
pub fn assemble(src: &str) -> Result<Program, AsmError> {
    match detect_dialect(src) {
        Dialect::Llvm => assemble_llvm(src),
        Dialect::Ubpf => assemble_ubpf(src),
    }
}

#[cfg(test)]
mod tests;

//! The C view's model: the C source of a clang object rebuilt from its
//! line info (`.BTF.ext` keeps each line's text, file and number), every
//! line that has code in line order per file, the gaps between them as
//! folded ranges, and under each line the instructions it compiled to.
//! Built once per loaded program; the view only looks things up in it.

use std::collections::HashMap;

use dynptr_play::asm;
use dynptr_play::isa::BPF_PSEUDO_KFUNC_CALL;
use dynptr_play::program::Program;

/// What a call instruction calls, for marking it in the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    /// `call N`: a helper, stable UAPI.
    Helper,
    /// `call name` with `src_reg = BPF_PSEUDO_KFUNC_CALL`: a kfunc.
    Kfunc,
    /// A bpf-to-bpf call.
    Subprog,
}

/// One instruction under its C line.
#[derive(Debug, Clone, PartialEq)]
pub struct CInsn {
    /// Slot index.
    pub idx: usize,
    /// The LLVM-dialect text.
    pub text: String,
    /// For a call: what it calls.
    pub call: Option<CallKind>,
}

/// One C line that has code.
#[derive(Debug, Clone, PartialEq)]
pub struct CLine {
    /// Index into [`CSource::files`].
    pub file: usize,
    /// 1-based line number.
    pub line: u32,
    /// The line's text as clang stored it.
    pub text: String,
    /// Its instructions in address order (a line's code need not be
    /// contiguous: `gap_before` marks where a run starts again).
    pub insns: Vec<CInsn>,
    /// For each of `insns`: true when the previous one is not the slot
    /// right before it.
    pub gap_before: Vec<bool>,
}

impl CLine {
    /// The line's first instruction: where a breakpoint on it stops.
    pub fn first_insn(&self) -> Option<usize> {
        self.insns.first().map(|i| i.idx)
    }
}

/// A row of the view, in display order.
#[derive(Debug, Clone, PartialEq)]
pub enum CRow {
    /// A file's heading (shown when the program spans several files).
    File(usize),
    /// Lines without code, folded: how many.
    Fold(u32),
    /// A line: index into [`CSource::lines`].
    Line(usize),
}

/// The C source of one program.
#[derive(Debug, Clone, PartialEq)]
pub struct CSource {
    /// Source files, the program's own first.
    pub files: Vec<String>,
    /// Every line that has code, in display order.
    pub lines: Vec<CLine>,
    /// The rows of the view.
    pub rows: Vec<CRow>,
    /// The index in `lines` of each instruction slot's line.
    line_of_insn: Vec<Option<usize>>,
}

impl CSource {
    /// The C source of `p`, when it has line info.
    pub fn of(p: &Program) -> Option<CSource> {
        if p.line_info.is_empty() {
            return None;
        }
        let texts = asm::format_insns(p);
        let n = p.insns.len();
        // Files in order of first appearance: the program's own comes first.
        let mut files: Vec<String> = Vec::new();
        let mut key_of: HashMap<(usize, u32), usize> = HashMap::new();
        let mut lines: Vec<CLine> = Vec::new();
        let mut slot_line = vec![None; n];
        let mut last: Option<usize> = None;
        for (k, rec) in p.line_info.iter().enumerate() {
            let end = p.line_info.get(k + 1).map_or(n, |r| r.insn).min(n);
            // Line 0 is code the compiler made up (no source line): it
            // stays with the line before it.
            if rec.line == 0 {
                for s in slot_line.iter_mut().take(end).skip(rec.insn) {
                    *s = last;
                }
                continue;
            }
            let file = match files.iter().position(|f| *f == rec.file) {
                Some(i) => i,
                None => {
                    files.push(rec.file.clone());
                    files.len() - 1
                }
            };
            let li = *key_of.entry((file, rec.line)).or_insert_with(|| {
                lines.push(CLine {
                    file,
                    line: rec.line,
                    text: rec.text.clone(),
                    insns: Vec::new(),
                    gap_before: Vec::new(),
                });
                lines.len() - 1
            });
            if lines[li].text.trim().is_empty() && !rec.text.trim().is_empty() {
                lines[li].text = rec.text.clone();
            }
            for s in slot_line.iter_mut().take(end).skip(rec.insn) {
                *s = Some(li);
            }
            last = Some(li);
        }
        let mut idx = 0;
        while idx < n {
            let insn = p.insns[idx];
            let wide = insn.is_ld_imm64();
            if let Some(li) = slot_line[idx] {
                let call = insn.is_call().then_some(match insn.src_reg {
                    0 => CallKind::Helper,
                    BPF_PSEUDO_KFUNC_CALL => CallKind::Kfunc,
                    _ => CallKind::Subprog,
                });
                let l = &mut lines[li];
                let gap = l.insns.last().is_some_and(|prev| {
                    let prev_wide = p.insns.get(prev.idx).is_some_and(|i| i.is_ld_imm64());
                    prev.idx + if prev_wide { 2 } else { 1 } != idx
                });
                l.insns.push(CInsn {
                    idx,
                    text: texts.get(idx).cloned().unwrap_or_default(),
                    call,
                });
                l.gap_before.push(gap);
            }
            idx += if wide { 2 } else { 1 };
        }
        // Display order: by file, then line.
        let mut order: Vec<usize> = (0..lines.len()).collect();
        order.sort_by_key(|&i| (lines[i].file, lines[i].line));
        let mut remap = vec![0; lines.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old] = new;
        }
        let lines: Vec<CLine> = order.iter().map(|&i| lines[i].clone()).collect();
        let line_of_insn = slot_line.into_iter().map(|l| l.map(|i| remap[i])).collect();
        let mut rows = Vec::new();
        let mut prev: Option<(usize, u32)> = None;
        for (i, l) in lines.iter().enumerate() {
            let before = match prev {
                Some((f, n)) if f == l.file => n,
                _ => {
                    if files.len() > 1 {
                        rows.push(CRow::File(l.file));
                    }
                    0
                }
            };
            if l.line > before + 1 {
                rows.push(CRow::Fold(l.line - before - 1));
            }
            rows.push(CRow::Line(i));
            prev = Some((l.file, l.line));
        }
        Some(CSource {
            files,
            lines,
            rows,
            line_of_insn,
        })
    }

    /// The line (index into `lines`) instruction `idx` belongs to.
    pub fn line_of(&self, idx: usize) -> Option<usize> {
        self.line_of_insn.get(idx).copied().flatten()
    }

    /// The line of `file` number `line`.
    pub fn find(&self, file: usize, line: u32) -> Option<usize> {
        self.lines
            .iter()
            .position(|l| l.file == file && l.line == line)
    }

    /// The short name of file `i` (`progs/x.c` gives `x.c`).
    pub fn file_name(&self, i: usize) -> &str {
        let f = self.files.get(i).map_or("", String::as_str);
        f.rsplit('/').next().unwrap_or(f)
    }
}

/// Kinds of C tokens, for highlighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CTok {
    /// Spaces, punctuation, operators.
    Plain,
    /// `// ...` or `/* ... */`.
    Comment,
    /// `#include` and friends.
    Preproc,
    /// `if`, `return`, `struct`, ...
    Keyword,
    /// `int`, `__u32`, ...
    Type,
    /// A number.
    Number,
    /// A string or character literal.
    Str,
    /// A helper or kfunc of the catalog.
    Func,
    /// Any other identifier.
    Ident,
}

const KEYWORDS: &[&str] = &[
    "if",
    "else",
    "for",
    "while",
    "do",
    "return",
    "goto",
    "break",
    "continue",
    "switch",
    "case",
    "default",
    "sizeof",
    "struct",
    "union",
    "enum",
    "static",
    "const",
    "volatile",
    "inline",
    "extern",
    "typedef",
    "register",
    "__always_inline",
    "__noinline",
    "__ksym",
    "__weak",
    "SEC",
    "NULL",
    "true",
    "false",
];

const TYPES: &[&str] = &[
    "void", "char", "short", "int", "long", "unsigned", "signed", "bool", "_Bool", "float",
    "double", "size_t", "__u8", "__u16", "__u32", "__u64", "__s8", "__s16", "__s32", "__s64", "u8",
    "u16", "u32", "u64", "s8", "s16", "s32", "s64", "__be16", "__be32", "__le16", "__le32",
    "uint8_t", "uint16_t", "uint32_t", "uint64_t", "int8_t", "int16_t", "int32_t", "int64_t",
];

/// Splits a C line into tokens: (kind, byte start, byte end), covering
/// the whole line.
pub fn c_tokens(line: &str, is_func: &dyn Fn(&str) -> bool) -> Vec<(CTok, usize, usize)> {
    let b = line.as_bytes();
    let mut out: Vec<(CTok, usize, usize)> = Vec::new();
    let mut push = |k: CTok, s: usize, e: usize| {
        if let Some(last) = out.last_mut() {
            if last.0 == k && last.2 == s && k == CTok::Plain {
                last.2 = e;
                return;
            }
        }
        out.push((k, s, e));
    };
    if line.trim_start().starts_with('#') {
        push(CTok::Preproc, 0, line.len());
        return out;
    }
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            push(CTok::Comment, i, b.len());
            break;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let end = line[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
            push(CTok::Comment, i, end);
            i = end;
            continue;
        }
        if c == b'"' || c == b'\'' {
            let mut j = i + 1;
            while j < b.len() && b[j] != c {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(b.len());
            push(CTok::Str, i, end);
            i = end;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'.') {
                j += 1;
            }
            push(CTok::Number, i, j);
            i = j;
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            let mut j = i;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                j += 1;
            }
            let w = &line[i..j];
            let k = if KEYWORDS.contains(&w) {
                CTok::Keyword
            } else if TYPES.contains(&w) {
                CTok::Type
            } else if is_func(w) {
                CTok::Func
            } else {
                CTok::Ident
            };
            push(k, i, j);
            i = j;
            continue;
        }
        // One character (UTF-8 aware) of punctuation or space.
        let len = line[i..].chars().next().map_or(1, char::len_utf8);
        push(CTok::Plain, i, i + len);
        i += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dynptr_play::program::{LineInfo, ProgType};

    fn rec(insn: usize, file: &str, line: u32, text: &str) -> LineInfo {
        LineInfo {
            insn,
            file: file.into(),
            line,
            col: 1,
            text: text.into(),
        }
    }

    #[test]
    fn lines_in_order_with_folds_and_their_instructions() {
        let src = ".program p syscall\n    r1 = 1\n    r2 = 2\n    call 7\n    r0 = r1\n    r0 += 1\n    exit\n";
        let mut p = dynptr_play::asm::assemble(src).unwrap();
        p.prog_type = ProgType::Syscall;
        // Line 12's code comes in two runs, around line 14's call.
        p.line_info = vec![
            rec(0, "x.c", 12, "\tint a = 1;"),
            rec(1, "x.c", 14, "\tbpf_get_prandom_u32();"),
            rec(3, "x.c", 12, "\tint a = 1;"),
            rec(4, "x.c", 20, "\treturn a;"),
            rec(5, "x.c", 0, ""),
        ];
        let c = CSource::of(&p).unwrap();
        let shown: Vec<u32> = c.lines.iter().map(|l| l.line).collect();
        assert_eq!(shown, vec![12, 14, 20]);
        assert_eq!(
            c.rows,
            vec![
                CRow::Fold(11),
                CRow::Line(0),
                CRow::Fold(1),
                CRow::Line(1),
                CRow::Fold(5),
                CRow::Line(2)
            ]
        );
        let l12: Vec<usize> = c.lines[0].insns.iter().map(|i| i.idx).collect();
        assert_eq!(l12, vec![0, 3]);
        assert_eq!(c.lines[0].gap_before, vec![false, true]);
        assert_eq!(c.line_of(3), Some(0));
        assert_eq!(c.line_of(4), Some(2));
        // Line 0 (made-up code) stays with the line before it.
        assert_eq!(c.line_of(5), Some(2));
        assert_eq!(c.find(0, 14), Some(1));
        assert_eq!(c.lines[1].first_insn(), Some(1));
    }

    #[test]
    fn c_tokens_cover_the_line() {
        let f = |w: &str| w == "bpf_dynptr_read";
        let line = "\tif (bpf_dynptr_read(buf, 8, &ptr, 0, 0)) /* x */ return \"a\\\"b\"; // c";
        let toks = c_tokens(line, &f);
        let joined: String = toks.iter().map(|&(_, a, b)| &line[a..b]).collect();
        assert_eq!(joined, line);
        let kinds: Vec<(CTok, &str)> = toks
            .iter()
            .filter(|t| t.0 != CTok::Plain)
            .map(|&(k, a, b)| (k, &line[a..b]))
            .collect();
        assert_eq!(kinds[0], (CTok::Keyword, "if"));
        assert_eq!(kinds[1], (CTok::Func, "bpf_dynptr_read"));
        assert!(kinds.contains(&(CTok::Comment, "/* x */")));
        assert!(kinds.contains(&(CTok::Str, "\"a\\\"b\"")));
        assert_eq!(kinds.last(), Some(&(CTok::Comment, "// c")));
        assert_eq!(c_tokens("#include <x.h>", &f), vec![(CTok::Preproc, 0, 14)]);
    }
}

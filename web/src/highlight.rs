//! Syntax highlighting of the LLVM assembly dialect, for the editor's
//! display layer only: the engine's assembler is what decides meaning.

/// What a run of characters is, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Spaces, operators, punctuation.
    Plain,
    /// `; ...`, `# ...` or `// ...` to the end of the line.
    Comment,
    /// `.program`, `.map`, `.data`, ...
    Directive,
    /// `name:` at the start of a line, or a jump target.
    Label,
    /// `r0`..`r10`, `w0`..`w10`.
    Register,
    /// Decimal or hex literal, with sign.
    Number,
    /// `call`, `goto`, `if`, `exit`, `ll`, `lock`, `be16`, ...
    Keyword,
    /// A helper or kfunc of the catalog.
    Func,
    /// `u8`, `u16`, `u32`, `u64`, `s8`, ...
    Type,
    /// Any other word.
    Ident,
}

/// A run of one kind: byte range within the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Kind.
    pub kind: Kind,
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
}

const KEYWORDS: &[&str] = &[
    "call",
    "goto",
    "gotol",
    "if",
    "exit",
    "ll",
    "lock",
    "be16",
    "be32",
    "be64",
    "le16",
    "le32",
    "le64",
    "bswap16",
    "bswap32",
    "bswap64",
    "fetch",
    "atomic_fetch_add",
    "atomic_fetch_and",
    "atomic_fetch_or",
    "atomic_fetch_xor",
    "xchg_64",
    "xchg32_32",
    "cmpxchg_64",
    "cmpxchg32_32",
    "may_goto",
    "local",
    "callx",
];
const TYPES: &[&str] = &["u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64"];

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '$'
}

fn is_register(w: &str) -> bool {
    let digits = match w.strip_prefix('r').or_else(|| w.strip_prefix('w')) {
        Some(d) => d,
        None => return false,
    };
    matches!(digits.parse::<u8>(), Ok(n) if n <= 10) && !digits.starts_with('+')
}

/// Splits one line into coloured runs that cover it entirely.
/// `is_func` says whether a word names a helper or kfunc.
pub fn line(text: &str, is_func: &dyn Fn(&str) -> bool) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let push = |out: &mut Vec<Token>, kind: Kind, start: usize, end: usize| {
        if start >= end {
            return;
        }
        if let Some(last) = out.last_mut() {
            if last.kind == kind && last.end == start {
                last.end = end;
                return;
            }
        }
        out.push(Token { kind, start, end });
    };
    let first_word_end = text
        .char_indices()
        .skip_while(|(_, c)| c.is_whitespace())
        .find(|(_, c)| !is_word_char(*c))
        .map(|(i, _)| i);
    let starts_with_label = first_word_end.is_some_and(|i| text[i..].starts_with(':'));
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let rest = &text[i..];
        if c == ';' || c == '#' || rest.starts_with("//") {
            push(&mut out, Kind::Comment, i, text.len());
            break;
        }
        if c.is_ascii_digit()
            || ((c == '-' || c == '+') && rest[1..].starts_with(|d: char| d.is_ascii_digit()))
        {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_ascii_alphanumeric() || d == '_' {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            push(&mut out, Kind::Number, i, end);
            continue;
        }
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let w = &text[i..end];
            let kind = if w.starts_with('.') && out.iter().all(|t| t.kind == Kind::Plain) {
                Kind::Directive
            } else if starts_with_label && Some(end) == first_word_end {
                Kind::Label
            } else if is_register(w) {
                Kind::Register
            } else if KEYWORDS.contains(&w) {
                Kind::Keyword
            } else if TYPES.contains(&w) {
                Kind::Type
            } else if is_func(w) {
                Kind::Func
            } else if w.starts_with("LBB") || w.starts_with(".L") {
                Kind::Label
            } else {
                Kind::Ident
            };
            push(&mut out, kind, i, end);
            continue;
        }
        push(&mut out, Kind::Plain, i, i + c.len_utf8());
    }
    out
}

/// The word (identifier or number) at byte `col` of `text`, with its range.
pub fn word_at(text: &str, col: usize) -> Option<(usize, usize)> {
    if col > text.len() || !text.is_char_boundary(col) {
        return None;
    }
    let start = text[..col]
        .rfind(|c: char| !is_word_char(c))
        .map_or(0, |i| i + 1);
    let end = text[col..]
        .find(|c: char| !is_word_char(c))
        .map_or(text.len(), |i| col + i);
    (start < end).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(Kind, &str)> {
        line(s, &|w| w.starts_with("bpf_"))
            .into_iter()
            .map(|t| (t.kind, &s[t.start..t.end]))
            .collect()
    }

    #[test]
    fn colours_an_instruction() {
        let k = kinds("  r1 = *(u32 *)(r10 - 8) ; load");
        assert!(k.contains(&(Kind::Register, "r1")));
        assert!(k.contains(&(Kind::Type, "u32")));
        assert!(k.contains(&(Kind::Register, "r10")));
        assert!(k.contains(&(Kind::Number, "8")));
        assert_eq!(k.last(), Some(&(Kind::Comment, "; load")));
    }

    #[test]
    fn labels_directives_calls() {
        assert_eq!(kinds("LBB0_2:")[0], (Kind::Label, "LBB0_2"));
        assert_eq!(kinds(".map rb ringbuf")[0], (Kind::Directive, ".map"));
        assert!(kinds("call bpf_dynptr_read").contains(&(Kind::Func, "bpf_dynptr_read")));
        assert!(kinds("if r1 s> -16 goto +3").contains(&(Kind::Number, "-16")));
    }

    #[test]
    fn runs_cover_the_line() {
        for s in [
            "",
            "exit",
            "r0 = 0x1234 ll",
            "  *(u64 *)(r10 - 16) = r1 // c",
            "é r1",
        ] {
            let t = line(s, &|_| false);
            let covered: usize = t.iter().map(|t| t.end - t.start).sum();
            assert_eq!(covered, s.len(), "{s}");
        }
    }

    #[test]
    fn word_under_cursor() {
        let s = "call bpf_dynptr_read ; x";
        assert_eq!(
            word_at(s, 8).map(|(a, b)| &s[a..b]),
            Some("bpf_dynptr_read")
        );
        assert_eq!(word_at(s, 4), Some((0, 4)));
        assert_eq!(word_at(s, 100), None);
    }
}

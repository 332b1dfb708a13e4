//! Tokens of one source line, shared by both dialects, and a cursor over
//! them that produces "expected X, found Y" errors.
//!
//! Comments (`;`, `#`, `//` to the end of the line, `/* */` across lines)
//! are dropped here. So are the columns that listings put before an
//! instruction, so that pasted `llvm-objdump -d` output (`0: b7 00 00 00 00
//! 00 00 00 r0 = 0x0`) and verifier logs (`0: (b7) r0 = 0`) assemble.

use super::error::AsmError;

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A name: mnemonic, register, label, keyword, directive (`.map`).
    Ident(String),
    /// An unsigned number (a sign is a separate `-`/`+` token).
    Num(u64),
    /// A string literal, escapes resolved.
    Str(Vec<u8>),
    /// An operator or punctuation (`+=`, `s>`, `(`, ...).
    Punct(&'static str),
}

/// One token and where it starts.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// The token.
    pub tok: Tok,
    /// Its text as written (for error messages).
    pub text: String,
    /// 1-based column of its first character.
    pub col: usize,
}

/// The tokens of one line.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// 1-based line number.
    pub number: usize,
    /// Tokens, comments removed.
    pub tokens: Vec<Token>,
    /// Column just past the last character (for "found end of line").
    pub end_col: usize,
    /// The opcode a listing printed before the instruction (`(18)` in a
    /// verifier log, the first byte in objdump output), when there was one.
    pub listed_code: Option<u8>,
    /// The `src_reg` objdump's bytes showed (it prints bpf-to-bpf and kfunc
    /// calls as a bare `call N`, so only the bytes tell them apart).
    pub listed_src: Option<u8>,
    /// A function label from an objdump header (`0000000000000000 <prog>:`).
    pub header_label: Option<(String, usize)>,
    /// The section of an objdump `Disassembly of section xdp:` banner.
    pub banner_section: Option<String>,
    /// The slot address a listing printed before the instruction (`12:` in
    /// objdump output or a verifier log).
    pub listed_addr: Option<u64>,
    /// An `llvm-objdump -r` relocation line (`0000000000000020:
    /// R_BPF_64_64 counters`); such a line has no tokens.
    pub reloc: Option<RelocLine>,
}

impl Line {
    /// Line `number` with no tokens and nothing listed; `end_col` is the
    /// column just past its last character.
    fn bare(number: usize, end_col: usize) -> Line {
        Line {
            number,
            tokens: Vec::new(),
            end_col,
            listed_code: None,
            listed_src: None,
            header_label: None,
            banner_section: None,
            listed_addr: None,
            reloc: None,
        }
    }
}

/// A relocation line of `llvm-objdump -d -r`, which applies to the
/// instruction printed just before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RelocLine {
    /// Byte offset in the section.
    pub offset: u64,
    /// The relocation type as printed (`R_BPF_64_64`, `R_BPF_64_32`).
    pub r_type: String,
    /// The symbol (`counters`, `.text`, `bpf_dynptr_adjust`).
    pub symbol: String,
    /// 1-based column of the type.
    pub type_col: usize,
    /// 1-based column of the symbol.
    pub symbol_col: usize,
}

/// Operators, longest first so that the lexer is greedy.
const PUNCTS: &[&str] = &[
    "s>>=", "<<=", ">>=", "s/=", "s%=", "s>=", "s<=", "==", "!=", ">=", "<=", "+=", "-=", "*=",
    "/=", "%=", "|=", "&=", "^=", "s>", "s<", ">", "<", "=", "+", "-", "*", "/", "%", "&", "|",
    "^", "(", ")", "[", "]", ",", ":",
];

/// Longest name or number the lexer takes (characters): nothing real comes
/// close, and an error message quotes the token it is about.
const MAX_WORD_CHARS: usize = 256;

/// The longest prefix of a token an error message quotes (characters).
const QUOTE_CHARS: usize = 40;

/// `text` for a message: whole when short, else its start and `...`.
pub(crate) fn shorten(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text.to_string(),
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '.'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '$'
}

/// Splits the whole source into token lines.
pub(crate) fn lex(src: &str) -> Result<Vec<Line>, AsmError> {
    let mut lines = Vec::new();
    // Where the open `/* ...` started, while inside one.
    let mut in_block: Option<(usize, usize)> = None;
    for (i, raw) in src.lines().enumerate() {
        let number = i + 1;
        let chars: Vec<char> = raw.chars().collect();
        let mut start = 0;
        let mut listed_code = None;
        let mut listed_src = None;
        let mut listed_addr = None;
        let mut header_label = None;
        if in_block.is_none() {
            if let Some(reloc) = reloc_line(&chars) {
                lines.push(Line {
                    reloc: Some(reloc),
                    ..Line::bare(number, chars.len() + 1)
                });
                continue;
            }
        }
        if in_block.is_none() && is_objdump_banner(raw) {
            let banner_section = raw
                .trim()
                .strip_prefix("Disassembly of section ")
                .and_then(|r| r.strip_suffix(':'))
                .map(str::to_string);
            lines.push(Line {
                banner_section,
                ..Line::bare(number, chars.len() + 1)
            });
            continue;
        }
        if in_block.is_none() {
            let prefix = strip_listing_prefix(&chars);
            start = prefix.skip;
            listed_code = prefix.code;
            listed_src = prefix.src;
            listed_addr = prefix.addr;
            if let Some((name, col)) = prefix.header {
                header_label = Some((name, col));
            }
        }
        let tokens = lex_line(&chars, start, number, &mut in_block)?;
        lines.push(Line {
            tokens,
            listed_code,
            listed_src,
            header_label,
            listed_addr,
            ..Line::bare(number, chars.len() + 1)
        });
    }
    if let Some((line, col)) = in_block {
        return Err(AsmError::new(
            line,
            col,
            "comment is not terminated: expected `*/` to close this `/*`",
        ));
    }
    Ok(lines)
}

/// `llvm-objdump -r`'s relocation line: a hex byte offset, a colon, an
/// `R_` type and a symbol (`\t\t0000000000000020:  R_BPF_64_64\tcounters`).
fn reloc_line(chars: &[char]) -> Option<RelocLine> {
    let mut i = 0;
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    let digits = i;
    while i < chars.len() && chars[i].is_ascii_hexdigit() {
        i += 1;
    }
    if i == digits || chars.get(i) != Some(&':') {
        return None;
    }
    let hex: String = chars[digits..i].iter().collect();
    i += 1;
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    let type_start = i;
    if !(chars.get(i) == Some(&'R') && chars.get(i + 1) == Some(&'_')) {
        return None;
    }
    while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
        i += 1;
    }
    let r_type: String = chars[type_start..i].iter().collect();
    if !chars.get(i).is_some_and(|c| c.is_whitespace()) {
        return None;
    }
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    let symbol_start = i;
    let symbol: String = chars[symbol_start..]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string();
    if symbol.is_empty() || symbol.chars().any(char::is_whitespace) {
        return None;
    }
    Some(RelocLine {
        offset: u64::from_str_radix(&hex, 16).ok()?,
        r_type,
        symbol,
        type_col: type_start + 1,
        symbol_col: symbol_start + 1,
    })
}

/// objdump's `x.o:\tfile format elf64-bpf` and `Disassembly of section
/// xdp:` lines, skipped so that whole listings paste.
fn is_objdump_banner(raw: &str) -> bool {
    let t = raw.trim();
    (t.starts_with("Disassembly of section ") && t.ends_with(':'))
        || t.split_once(':')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with("file format "))
}

struct Prefix {
    skip: usize,
    code: Option<u8>,
    src: Option<u8>,
    header: Option<(String, usize)>,
    /// The address before the colon (a slot number).
    addr: Option<u64>,
}

fn hex_val(c: char) -> Option<u8> {
    c.to_digit(16).map(|d| d as u8)
}

/// Recognises the columns listings print before an instruction.
fn strip_listing_prefix(chars: &[char]) -> Prefix {
    let none = Prefix {
        skip: 0,
        code: None,
        src: None,
        header: None,
        addr: None,
    };
    let mut i = 0;
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    let digits_start = i;
    while i < chars.len() && chars[i].is_ascii_hexdigit() {
        i += 1;
    }
    if i == digits_start {
        return none;
    }
    // objdump function header: `0000000000000000 <name>:`
    if i - digits_start == 16 && chars.get(i) == Some(&' ') && chars.get(i + 1) == Some(&'<') {
        let name_start = i + 2;
        let mut j = name_start;
        while j < chars.len() && chars[j] != '>' {
            j += 1;
        }
        if chars.get(j) == Some(&'>') && chars.get(j + 1) == Some(&':') {
            let name: String = chars[name_start..j].iter().collect();
            if !name.is_empty() && name.chars().all(is_ident_char) {
                return Prefix {
                    skip: j + 2,
                    code: None,
                    src: None,
                    header: Some((name, name_start + 1)),
                    addr: None,
                };
            }
        }
        return none;
    }
    // An address: decimal or hex digits and a colon (labels cannot start
    // with a digit, so this is never a label).
    // (objdump prints hex addresses such as `a0:`, which would otherwise
    // read as a label: those count as addresses only before hex bytes.)
    if chars.get(i) != Some(&':') {
        return none;
    }
    let decimal = chars[digits_start..i].iter().all(|c| c.is_ascii_digit());
    let addr_text: String = chars[digits_start..i].iter().collect();
    // objdump and the verifier print slot numbers in decimal.
    let addr = if decimal {
        addr_text.parse::<u64>().ok()
    } else {
        None
    };
    i += 1;
    let after_colon = i;
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    // Verifier log / bpftool: `(b7) `.
    if decimal
        && chars.get(i) == Some(&'(')
        && chars.get(i + 3) == Some(&')')
        && chars.get(i + 1).and_then(|c| hex_val(*c)).is_some()
        && chars.get(i + 2).and_then(|c| hex_val(*c)).is_some()
    {
        let hi = chars.get(i + 1).and_then(|c| hex_val(*c)).unwrap_or(0);
        let lo = chars.get(i + 2).and_then(|c| hex_val(*c)).unwrap_or(0);
        return Prefix {
            skip: i + 4,
            code: Some(hi << 4 | lo),
            src: None,
            header: None,
            addr,
        };
    }
    // objdump: 8 or 16 two-digit hex bytes separated by single spaces.
    let mut bytes = Vec::new();
    let mut j = i;
    while let (Some(a), Some(b)) = (
        chars.get(j).and_then(|c| hex_val(*c)),
        chars.get(j + 1).and_then(|c| hex_val(*c)),
    ) {
        let sep = chars.get(j + 2);
        if !(sep.is_none() || sep.is_some_and(|c| c.is_whitespace())) {
            break;
        }
        bytes.push(a << 4 | b);
        j += 3;
        if bytes.len() == 16 {
            break;
        }
    }
    if bytes.len() == 8 || bytes.len() == 16 {
        // A lone `be 00 ...` can never be mistaken: instruction text never
        // starts with eight two-character hex words.
        return Prefix {
            skip: j.min(chars.len()),
            code: bytes.first().copied(),
            src: bytes.get(1).map(|b| b >> 4),
            header: None,
            addr,
        };
    }
    if decimal {
        Prefix {
            skip: after_colon,
            code: None,
            src: None,
            header: None,
            addr,
        }
    } else {
        none
    }
}

fn lex_line(
    chars: &[char],
    start: usize,
    line: usize,
    in_block: &mut Option<(usize, usize)>,
) -> Result<Vec<Token>, AsmError> {
    let mut toks = Vec::new();
    let mut i = start;
    let err = |i: usize, m: String| AsmError::new(line, i + 1, m);
    while i < chars.len() {
        if in_block.is_some() {
            if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                *in_block = None;
                i += 2;
            } else {
                i += 1;
            }
            continue;
        }
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == ';' || c == '#' || (c == '/' && chars.get(i + 1) == Some(&'/')) {
            break;
        }
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            *in_block = Some((line, i + 1));
            i += 2;
            continue;
        }
        let col = i + 1;
        // `s>`, `s>=`, `s<`, `s<=`, `s>>=`, `s/=`, `s%=`.
        if c == 's' && matches!(chars.get(i + 1), Some('>' | '<' | '/' | '%')) {
            if let Some(p) = match_punct(chars, i) {
                toks.push(Token {
                    tok: Tok::Punct(p),
                    text: p.to_string(),
                    col,
                });
                i += p.len();
                continue;
            }
        }
        if is_ident_start(c) {
            let s = i;
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
            if i - s > MAX_WORD_CHARS {
                return Err(err(
                    s,
                    format!(
                        "expected a name of at most {MAX_WORD_CHARS} characters, found one of {}",
                        i - s
                    ),
                ));
            }
            let text: String = chars[s..i].iter().collect();
            toks.push(Token {
                tok: Tok::Ident(text.clone()),
                text,
                col,
            });
            continue;
        }
        if c.is_ascii_digit() {
            let s = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            if i - s > MAX_WORD_CHARS {
                return Err(err(
                    s,
                    format!(
                        "expected a number of at most {MAX_WORD_CHARS} characters, found one of {}",
                        i - s
                    ),
                ));
            }
            let text: String = chars[s..i].iter().collect();
            let value = parse_number(&text).map_err(|m| err(s, m))?;
            toks.push(Token {
                tok: Tok::Num(value),
                text,
                col,
            });
            continue;
        }
        if c == '"' {
            let (bytes, end) = lex_string(chars, i).map_err(|(at, m)| err(at, m))?;
            let text: String = chars[i..end].iter().collect();
            toks.push(Token {
                tok: Tok::Str(bytes),
                text,
                col,
            });
            i = end;
            continue;
        }
        if c != 's' {
            if let Some(p) = match_punct(chars, i) {
                toks.push(Token {
                    tok: Tok::Punct(p),
                    text: p.to_string(),
                    col,
                });
                i += p.len();
                continue;
            }
        }
        return Err(err(i, format!("unexpected character `{c}`")));
    }
    Ok(toks)
}

fn match_punct(chars: &[char], i: usize) -> Option<&'static str> {
    PUNCTS.iter().copied().find(|p| {
        p.chars()
            .enumerate()
            .all(|(k, pc)| chars.get(i + k) == Some(&pc))
    })
}

/// Parses `123`, `0x7b`, `0b101`, `0o17` (underscores allowed between digits).
fn parse_number(text: &str) -> Result<u64, String> {
    let clean: String = text.chars().filter(|c| *c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    let (digits, radix) = if let Some(h) = lower.strip_prefix("0x") {
        (h, 16)
    } else if let Some(b) = lower.strip_prefix("0b") {
        (b, 2)
    } else if let Some(o) = lower.strip_prefix("0o") {
        (o, 8)
    } else {
        (lower.as_str(), 10)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(format!("expected a number, found `{text}`"));
    }
    u64::from_str_radix(digits, radix)
        .map_err(|_| format!("number `{text}` does not fit in 64 bits"))
}

/// Lexes a C string literal starting at the opening quote; returns its bytes
/// and the index just past the closing quote.
fn lex_string(chars: &[char], open: usize) -> Result<(Vec<u8>, usize), (usize, String)> {
    let mut out = Vec::new();
    let mut i = open + 1;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => return Ok((out, i + 1)),
            '\\' => {
                let Some(&e) = chars.get(i + 1) else { break };
                i += 2;
                match e {
                    'n' => out.push(b'\n'),
                    't' => out.push(b'\t'),
                    'r' => out.push(b'\r'),
                    'a' => out.push(0x07),
                    'b' => out.push(0x08),
                    'f' => out.push(0x0c),
                    'v' => out.push(0x0b),
                    'e' => out.push(0x1b),
                    '\\' => out.push(b'\\'),
                    '"' => out.push(b'"'),
                    '\'' => out.push(b'\''),
                    '?' => out.push(b'?'),
                    'x' => {
                        let s = i;
                        let mut v: u32 = 0;
                        while i < chars.len() && i - s < 2 {
                            let Some(d) = chars[i].to_digit(16) else {
                                break;
                            };
                            v = v * 16 + d;
                            i += 1;
                        }
                        if i == s {
                            return Err((s, "expected hex digits after `\\x`".into()));
                        }
                        out.push(v as u8);
                    }
                    '0'..='7' => {
                        let mut v: u32 = e.to_digit(8).unwrap_or(0);
                        let s = i;
                        while i < chars.len() && i - s < 2 {
                            let Some(d) = chars[i].to_digit(8) else { break };
                            v = v * 8 + d;
                            i += 1;
                        }
                        if v > 0xff {
                            return Err((s - 2, "octal escape is larger than a byte".into()));
                        }
                        out.push(v as u8);
                    }
                    other => return Err((i - 2, format!("unknown escape `\\{other}` in string"))),
                }
            }
            _ => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                i += 1;
            }
        }
    }
    Err((
        open,
        "string is not terminated: expected a closing `\"`".into(),
    ))
}

/// A cursor over the tokens of one line.
#[derive(Clone)]
pub(crate) struct Cursor<'a> {
    line: &'a Line,
    pos: usize,
}

/// How a token is named in "found ..." messages.
pub(crate) fn describe(t: Option<&Token>) -> String {
    match t {
        None => "end of line".to_string(),
        Some(t) => format!("`{}`", shorten(&t.text)),
    }
}

impl<'a> Cursor<'a> {
    /// A cursor at the first token of `line`.
    pub fn new(line: &'a Line) -> Self {
        Cursor { line, pos: 0 }
    }

    /// The line number.
    pub fn line_no(&self) -> usize {
        self.line.number
    }

    /// The next token without consuming it.
    pub fn peek(&self) -> Option<&'a Token> {
        self.line.tokens.get(self.pos)
    }

    /// The token after the next one.
    pub fn peek2(&self) -> Option<&'a Token> {
        self.line.tokens.get(self.pos + 1)
    }

    /// Consumes and returns the next token.
    pub fn next(&mut self) -> Option<&'a Token> {
        let t = self.line.tokens.get(self.pos);
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    /// Column of the next token (or end of line).
    pub fn col(&self) -> usize {
        self.peek().map_or(self.line.end_col, |t| t.col)
    }

    /// True at the end of the line.
    pub fn at_end(&self) -> bool {
        self.pos >= self.line.tokens.len()
    }

    /// An error at the next token: "expected {what}, found ...".
    pub fn expected(&self, what: &str) -> AsmError {
        AsmError::new(
            self.line.number,
            self.col(),
            format!("expected {what}, found {}", describe(self.peek())),
        )
    }

    /// An error at column `col`.
    pub fn error_at(&self, col: usize, message: impl Into<String>) -> AsmError {
        AsmError::new(self.line.number, col, message)
    }

    /// True when the next token is the punctuation `p`.
    pub fn is_punct(&self, p: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Punct(q), .. }) if *q == p)
    }

    /// True when the next token is the identifier `s`.
    pub fn is_ident(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Ident(q), .. }) if q == s)
    }

    /// Consumes `p` if it is next.
    pub fn eat_punct(&mut self, p: &str) -> bool {
        if self.is_punct(p) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Consumes the identifier `s` if it is next.
    pub fn eat_ident(&mut self, s: &str) -> bool {
        if self.is_ident(s) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Consumes `p` or fails with "expected `p`".
    pub fn expect_punct(&mut self, p: &str) -> Result<(), AsmError> {
        if self.eat_punct(p) {
            Ok(())
        } else {
            Err(self.expected(&format!("`{p}`")))
        }
    }

    /// Consumes the keyword `s` or fails.
    pub fn expect_keyword(&mut self, s: &str) -> Result<(), AsmError> {
        if self.eat_ident(s) {
            Ok(())
        } else {
            Err(self.expected(&format!("`{s}`")))
        }
    }

    /// Consumes an identifier, returning it and its column.
    pub fn expect_ident(&mut self, what: &str) -> Result<(String, usize), AsmError> {
        match self.peek() {
            Some(Token {
                tok: Tok::Ident(s),
                col,
                ..
            }) => {
                self.pos += 1;
                Ok((s.clone(), *col))
            }
            _ => Err(self.expected(what)),
        }
    }

    /// Consumes an optionally signed number: its value as i128 and column.
    pub fn expect_signed(&mut self, what: &str) -> Result<(i128, usize), AsmError> {
        let col = self.col();
        let neg = if self.eat_punct("-") {
            true
        } else {
            self.eat_punct("+");
            false
        };
        match self.peek() {
            Some(Token {
                tok: Tok::Num(v), ..
            }) => {
                self.pos += 1;
                let v = *v as i128;
                Ok((if neg { -v } else { v }, col))
            }
            _ => Err(self.expected(what)),
        }
    }

    /// Consumes a 32-bit immediate: from -2147483648 to 4294967295,
    /// decimal or hexadecimal, values above 2147483647 read as their two's
    /// complement bits (`4294967295` and `0xffffffff` are -1), as llvm-mc
    /// reads them.
    pub fn expect_imm32(&mut self, what: &str) -> Result<(i32, usize), AsmError> {
        self.imm32(what, true)
    }

    /// [`Cursor::expect_imm32`] as the ubpf dialect (and the conformance
    /// suite, whose `invalid_imm32_dec_range` case says so) reads it: a
    /// decimal must fit a signed 32-bit value; only hexadecimal reaches
    /// 0xffffffff.
    pub fn expect_imm32_signed_decimal(&mut self, what: &str) -> Result<(i32, usize), AsmError> {
        self.imm32(what, false)
    }

    fn imm32(&mut self, what: &str, unsigned_decimal: bool) -> Result<(i32, usize), AsmError> {
        let num_tok = match self.peek() {
            Some(Token {
                tok: Tok::Punct("-" | "+"),
                ..
            }) => self.peek2(),
            t => t,
        };
        let hex = num_tok.is_some_and(|t| {
            t.text.len() > 2 && t.text.as_bytes()[..2].eq_ignore_ascii_case(b"0x")
        });
        let (v, col) = self.expect_signed(what)?;
        if (i32::MIN as i128..=i32::MAX as i128).contains(&v) {
            return Ok((v as i32, col));
        }
        if (hex || unsigned_decimal) && (0..=u32::MAX as i128).contains(&v) {
            return Ok((v as u32 as i32, col));
        }
        let range = if unsigned_decimal {
            "-2147483648..4294967295, or 0x0..0xffffffff"
        } else {
            "-2147483648..2147483647, or 0x0..0xffffffff"
        };
        Err(self.error_at(
            col,
            format!(
                "expected a 32-bit immediate ({range}), found {}",
                if hex {
                    format!("{v:#x}")
                } else {
                    v.to_string()
                }
            ),
        ))
    }

    /// Consumes a 16-bit signed offset (-32768..32767).
    pub fn expect_off16(&mut self, what: &str) -> Result<(i16, usize), AsmError> {
        let (v, col) = self.expect_signed(what)?;
        i16::try_from(v).map(|o| (o, col)).map_err(|_| {
            self.error_at(
                col,
                format!("expected an offset from -32768 to 32767, found {v}"),
            )
        })
    }

    /// True when the next token starts a number (`5`, `-5`, `+5`).
    pub fn at_number(&self) -> bool {
        match self.peek() {
            Some(Token {
                tok: Tok::Num(_), ..
            }) => true,
            Some(Token {
                tok: Tok::Punct("-" | "+"),
                ..
            }) => {
                matches!(
                    self.peek2(),
                    Some(Token {
                        tok: Tok::Num(_),
                        ..
                    })
                )
            }
            _ => false,
        }
    }

    /// Fails unless the line is finished.
    pub fn expect_end(&self) -> Result<(), AsmError> {
        if self.at_end() {
            Ok(())
        } else {
            Err(self.expected("end of line"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        lex(s).unwrap()[0]
            .tokens
            .iter()
            .map(|t| t.text.clone())
            .collect()
    }

    #[test]
    fn operators_and_comments() {
        assert_eq!(
            toks("if r1 s>= 0x10 goto +3 ; hi"),
            ["if", "r1", "s>=", "0x10", "goto", "+", "3"]
        );
        assert_eq!(toks("r0 s>>= r1 // x"), ["r0", "s>>=", "r1"]);
        assert_eq!(
            toks("ldxw %r0, [%r1+4] # c"),
            ["ldxw", "%", "r0", ",", "[", "%", "r1", "+", "4", "]"]
        );
        assert_eq!(toks("r1 = /* a */ 5"), ["r1", "=", "5"]);
    }

    #[test]
    fn listing_prefixes() {
        let l = &lex("  0: b7 00 00 00 00 00 00 00 r0 = 0x0").unwrap()[0];
        assert_eq!(l.listed_code, Some(0xb7));
        assert_eq!(l.tokens.len(), 3);
        let l = &lex("12: (18) r1 = 0x5").unwrap()[0];
        assert_eq!(l.listed_code, Some(0x18));
        let l = &lex("0000000000000000 <my_prog>:").unwrap()[0];
        assert_eq!(
            l.header_label.as_ref().map(|h| h.0.as_str()),
            Some("my_prog")
        );
        assert!(l.tokens.is_empty());
    }

    #[test]
    fn strings_and_numbers() {
        let l = &lex(r#".data s 8 = "a\n\x41\0""#).unwrap()[0];
        assert_eq!(l.tokens[4].tok, Tok::Str(vec![b'a', b'\n', 0x41, 0]));
        assert!(lex("r0 = 0xzz").is_err());
        assert!(lex("r0 = 99999999999999999999999").is_err());
        assert!(lex("\"abc").is_err());
    }
}

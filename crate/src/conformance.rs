//! The `.data` files of the BPF conformance suite (bpf_conformance, after
//! ubpf's test format): sections that start with a line `-- NAME`.
//!
//! ```text
//! # comment
//! -- asm            the program, ubpf-style assembly
//! mov32 %r0, 1
//! exit
//! -- raw            or the program as bytecode: 8 hex bytes or one 0x<u64> a slot
//! b4 00 00 00 01 00 00 00
//! -- mem            input memory in hex bytes: r1 points at it, r2 holds its length
//! 00 01 02 03
//! -- result         the expected r0 (0x hex or decimal)
//! 0x1
//! -- error          or: the program is expected to be refused (text as ubpf words it)
//! ```
//!
//! Other sections (`-- c`, the C source; `-- no register offset`) are kept
//! by name and otherwise ignored. [`DataFile::run`] runs a case the way the
//! suite's plugin protocol does and [`Outcome::verdict`] compares it with
//! the expectation.

use thiserror::Error;

use crate::asm;
use crate::isa::{self, Insn};
use crate::program::{ProgType, Program};
use crate::vm::{run_raw_with, RunResult, VmOptions};

/// The sections of one `.data` file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataFile {
    /// `-- asm`: the program's source.
    pub asm: Option<String>,
    /// 1-based line of the file where the `-- asm` body starts.
    pub asm_line: usize,
    /// `-- raw`: the program's bytes.
    pub raw: Option<Vec<u8>>,
    /// `-- mem`: the input memory.
    pub mem: Vec<u8>,
    /// `-- result`: the expected r0.
    pub result: Option<u64>,
    /// `-- error`: the expected error's text (possibly empty).
    pub error: Option<String>,
    /// Other sections, by name, with their 1-based line: ignored.
    pub ignored: Vec<(usize, String)>,
}

/// Why a `.data` file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}: {what}")]
pub struct DataError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub what: String,
}

/// Sections whose body is data the runner reads.
const KNOWN: [&str; 5] = ["asm", "raw", "mem", "result", "error"];

/// True when `text` is a conformance `.data` file: it has a `-- asm` or
/// `-- raw` section line (no assembly dialect starts a line with `--`).
pub fn looks_like_data_file(text: &str) -> bool {
    text.lines()
        .filter_map(|l| l.strip_prefix("-- "))
        .any(|name| matches!(name.trim(), "asm" | "raw"))
}

/// Parses a `.data` file.
pub fn parse(text: &str) -> Result<DataFile, DataError> {
    let mut file = DataFile::default();
    // (name, line of the `-- name` header)
    let mut current: Option<(String, usize)> = None;
    let mut body: Vec<(usize, &str)> = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if let Some(name) = line.strip_prefix("-- ") {
            if let Some((name, at)) = current.take() {
                file.section(&name, at, &body)?;
            }
            body.clear();
            let name = name.trim().to_string();
            if KNOWN.contains(&name.as_str()) {
                if let Some((_, first)) = seen.iter().find(|(s, _)| *s == name) {
                    return Err(DataError {
                        line: n,
                        what: format!(
                            "a second `-- {name}` section (the first is at line {first})"
                        ),
                    });
                }
                seen.push((name.clone(), n));
            }
            current = Some((name, n));
        } else if current.is_some() {
            body.push((n, line));
        } else if !is_blank_or_comment(line) {
            return Err(DataError {
                line: n,
                what: format!(
                    "expected a section (`-- asm`, `-- raw`, `-- mem`, `-- result`, `-- error`) \
                     or a `#` comment, found `{}`",
                    shorten(line)
                ),
            });
        }
    }
    if let Some((name, at)) = current {
        file.section(&name, at, &body)?;
    }
    if file.asm.is_none() && file.raw.is_none() {
        return Err(DataError {
            line: text.lines().count().max(1),
            what: "no `-- asm` or `-- raw` section: the file holds no program".into(),
        });
    }
    Ok(file)
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

fn shorten(s: &str) -> String {
    let t = s.trim();
    match t.char_indices().nth(40) {
        Some((i, _)) => format!("{}...", &t[..i]),
        None => t.to_string(),
    }
}

/// Hex bytes of a `-- mem` or `-- raw` line; a token `0x<u64>` alone on a
/// line (in `-- raw`) is one instruction slot, little-endian.
fn hex_line(line: usize, text: &str, slots: bool, out: &mut Vec<u8>) -> Result<(), DataError> {
    let toks: Vec<&str> = text.split_whitespace().collect();
    if slots {
        if let [tok] = toks.as_slice() {
            if let Some(h) = tok.strip_prefix("0x") {
                let v = u64::from_str_radix(h, 16).map_err(|_| DataError {
                    line,
                    what: format!(
                        "expected an instruction slot `0x` + up to 16 hex digits, found `{tok}`"
                    ),
                })?;
                out.extend_from_slice(&v.to_le_bytes());
                return Ok(());
            }
        }
    }
    for t in toks {
        let b = u8::from_str_radix(t, 16)
            .ok()
            .filter(|_| t.len() == 2)
            .ok_or_else(|| DataError {
                line,
                what: format!("expected a byte as two hex digits, found `{}`", shorten(t)),
            })?;
        out.push(b);
    }
    Ok(())
}

impl DataFile {
    fn section(&mut self, name: &str, at: usize, body: &[(usize, &str)]) -> Result<(), DataError> {
        let data_lines = || body.iter().filter(|(_, l)| !is_blank_or_comment(l));
        match name {
            "asm" => {
                let mut src = String::new();
                for (_, l) in body {
                    src.push_str(l);
                    src.push('\n');
                }
                self.asm = Some(src);
                self.asm_line = at + 1;
            }
            "raw" => {
                let mut bytes = Vec::new();
                for (n, l) in data_lines() {
                    hex_line(*n, l, true, &mut bytes)?;
                }
                self.raw = Some(bytes);
            }
            "mem" => {
                for (n, l) in data_lines() {
                    hex_line(*n, l, false, &mut self.mem)?;
                }
            }
            "result" => {
                let mut lines = data_lines();
                let Some((n, l)) = lines.next() else {
                    return Err(DataError {
                        line: at,
                        what: "`-- result` holds no value".into(),
                    });
                };
                let t = l.trim();
                let v = match t.strip_prefix("0x") {
                    Some(h) => u64::from_str_radix(h, 16),
                    None => t.parse::<u64>(),
                };
                self.result = Some(v.map_err(|_| DataError {
                    line: *n,
                    what: format!(
                        "expected r0 as 0x<hex> or a decimal u64, found `{}`",
                        shorten(t)
                    ),
                })?);
                if let Some((n, l)) = lines.next() {
                    return Err(DataError {
                        line: *n,
                        what: format!("`-- result` holds one value; found also `{}`", shorten(l)),
                    });
                }
            }
            "error" => {
                let text: Vec<&str> = body.iter().map(|(_, l)| l.trim()).collect();
                self.error = Some(text.join("\n").trim().to_string());
            }
            other => self.ignored.push((at, other.to_string())),
        }
        Ok(())
    }

    /// The `-- asm` body with as many blank lines before it as the file
    /// has, so that the assembler's `line N` is the file's line.
    pub fn asm_source(&self) -> Option<String> {
        self.asm
            .as_ref()
            .map(|a| format!("{}{a}", "\n".repeat(self.asm_line.saturating_sub(1))))
    }

    /// The program: `-- asm` assembled (either dialect; the suite's is
    /// ubpf's), or else `-- raw` decoded. Errors name the file's line.
    pub fn program(&self) -> Result<Program, String> {
        match (self.asm_source(), &self.raw) {
            (Some(src), _) => asm::assemble(&src).map_err(|e| e.to_string()),
            (None, Some(raw)) => {
                let insns = isa::decode(raw).map_err(|e| format!("-- raw: {e}"))?;
                Ok(Program::from_insns("raw", ProgType::Syscall, insns))
            }
            (None, None) => Err("no `-- asm` or `-- raw` section".into()),
        }
    }

    /// The program's instructions, checked as the suite's runtimes check
    /// them before running (`isa::validate`).
    pub fn insns(&self) -> Result<Vec<Insn>, String> {
        let insns = self.program()?.insns;
        if insns.is_empty() {
            return Err("the program has no instructions".into());
        }
        isa::validate(&insns).map_err(|e| format!("invalid program: {e}"))?;
        Ok(insns)
    }

    /// Runs the case as the suite's plugin does (r1 = the memory, r2 = its
    /// length), with `budget` instructions at most.
    pub fn run(&self, budget: u64) -> Outcome {
        let mut mem = self.mem.clone();
        let run = self.insns().map(|insns| {
            run_raw_with(
                &insns,
                &mut mem,
                VmOptions {
                    insn_budget: budget,
                    unsafe_mode: true,
                    allow_uninit_stack: false,
                    packet_dynptr_data: true,
                },
            )
        });
        Outcome {
            run,
            mem,
            expected_result: self.result,
            expected_error: self.error.clone(),
        }
    }
}

/// What running a `.data` case gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The run, or why the program could not be loaded (assembly, decoding,
    /// validation).
    pub run: Result<RunResult, String>,
    /// The memory after the run.
    pub mem: Vec<u8>,
    /// `-- result`.
    pub expected_result: Option<u64>,
    /// `-- error`.
    pub expected_error: Option<String>,
}

/// Pass or fail, with a one-line reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The case gave what it expects.
    Pass(String),
    /// It did not.
    Fail(String),
}

impl Outcome {
    /// r0, when the program exited.
    pub fn r0(&self) -> Option<u64> {
        self.run.as_ref().ok().and_then(|r| r.r0)
    }

    /// Why the case did not give an r0: the load error or the fault.
    pub fn error(&self) -> Option<String> {
        match &self.run {
            Err(e) => Some(e.clone()),
            Ok(r) => r.fault.as_ref().map(|f| format!("fault: {f}")),
        }
    }

    /// The verdict against `-- result` / `-- error`, or `None` when the file
    /// states neither. An expected error passes with any refusal or fault:
    /// each runtime words its errors its own way, so the text is shown,
    /// not compared.
    pub fn verdict(&self) -> Option<Verdict> {
        let err = self.error();
        let r0 = self.r0();
        match (&self.expected_result, &self.expected_error, r0, err) {
            (Some(want), _, Some(r0), None) if r0 == *want => {
                Some(Verdict::Pass(format!("r0 = {r0:#x} as expected")))
            }
            (Some(want), _, Some(r0), None) => {
                Some(Verdict::Fail(format!("r0 = {r0:#x}, expected {want:#x}")))
            }
            (Some(want), _, _, Some(e)) => {
                Some(Verdict::Fail(format!("expected r0 = {want:#x}; {e}")))
            }
            (None, Some(want), _, Some(e)) => Some(Verdict::Pass(format!(
                "refused as expected (expected: {}): {e}",
                quote_or_any(want)
            ))),
            (None, Some(want), r0, None) => Some(Verdict::Fail(format!(
                "expected an error ({}), but the program ran: r0 = {:#x}",
                quote_or_any(want),
                r0.unwrap_or(0)
            ))),
            (Some(_), _, None, None) | (None, None, _, _) => None,
        }
    }
}

fn quote_or_any(want: &str) -> String {
    if want.is_empty() {
        "any error".into()
    } else {
        format!("`{}`", shorten(want))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADD: &str = "# c\n-- asm\nmov32 %r0, 1\nadd32 %r0, 2\nexit\n-- result\n0x3\n";

    #[test]
    fn parses_and_passes() {
        let f = parse(ADD).unwrap();
        assert_eq!(f.asm_line, 3);
        assert_eq!(f.result, Some(3));
        let out = f.run(1000);
        assert_eq!(out.r0(), Some(3));
        assert!(matches!(out.verdict(), Some(Verdict::Pass(_))));
        let out = parse(&ADD.replace("0x3", "4")).unwrap().run(1000);
        assert_eq!(
            out.verdict(),
            Some(Verdict::Fail("r0 = 0x3, expected 0x4".into()))
        );
    }

    #[test]
    fn raw_mem_and_errors() {
        let f = parse(
            "-- raw\n0x00000000000000b4\n# slot two\n95 00 00 00 00 00 00 00\n-- mem\naa bb\n-- error\nInvalid\n",
        )
        .unwrap();
        assert_eq!(f.raw.as_ref().map(Vec::len), Some(16));
        assert_eq!(f.mem, vec![0xaa, 0xbb]);
        assert_eq!(f.error.as_deref(), Some("Invalid"));
        // It runs (r0 = 0): an expected error that does not come is a failure.
        assert!(matches!(f.run(100).verdict(), Some(Verdict::Fail(_))));
        let bad = parse("-- asm\nmov %r0, 1\nfrob %r1\nexit\n-- error\n").unwrap();
        match bad.run(100).verdict() {
            Some(Verdict::Pass(why)) => assert!(why.contains("line 3"), "{why}"),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn malformed_files_name_the_line() {
        let e = parse("-- asm\nexit\n-- mem\n0g\n").unwrap_err();
        assert_eq!(e.line, 4);
        let e = parse("-- asm\nexit\n-- asm\nexit\n").unwrap_err();
        assert!(e.to_string().contains("line 3") && e.what.contains("line 1"));
        let e = parse("mov %r0, 1\n").unwrap_err();
        assert!(e.what.contains("expected a section"));
        assert!(parse("# only\n-- result\n1\n").is_err());
        assert!(parse("-- asm\nexit\n-- result\n0xzz\n").is_err());
        assert!(looks_like_data_file(ADD));
        assert!(!looks_like_data_file("r0 = 1\nexit\n"));
    }
}

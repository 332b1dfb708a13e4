//! The BPF conformance suite (`../shared/conformance`, or
//! `$DYNPTR_CONFORMANCE_DIR`; skipped with a one-line notice when absent,
//! except under `CI=true`): every test of
//! `tests/` must give its `-- result`, every test of `negative/` must be
//! refused (at assembly, by `isa::validate`, by a fault, or by not giving
//! the result it claims).

use std::path::Path;

use dynptr_play::asm::assemble_ubpf;
use dynptr_play::isa::{self, Insn};
use dynptr_play::vm::run_raw;

/// The sections of one `.data` file.
#[derive(Default, Debug)]
struct Case {
    asm: Option<String>,
    raw: Option<Vec<u8>>,
    mem: Vec<u8>,
    result: Option<u64>,
    error: Option<String>,
}

fn parse(text: &str) -> Result<Case, String> {
    let mut case = Case::default();
    let mut section = String::new();
    let mut body: Vec<&str> = Vec::new();
    let flush = |section: &str, body: &[&str], case: &mut Case| -> Result<(), String> {
        match section {
            "asm" => case.asm = Some(body.join("\n")),
            "raw" => {
                let mut bytes = Vec::new();
                for line in body
                    .iter()
                    .map(|l| l.trim())
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                {
                    let toks: Vec<&str> = line.split_whitespace().collect();
                    if toks.len() == 1 && toks[0].starts_with("0x") {
                        let v = u64::from_str_radix(&toks[0][2..], 16)
                            .map_err(|e| format!("raw {line}: {e}"))?;
                        bytes.extend(v.to_le_bytes());
                    } else {
                        for t in toks {
                            bytes.push(
                                u8::from_str_radix(t, 16).map_err(|e| format!("raw {t}: {e}"))?,
                            );
                        }
                    }
                }
                case.raw = Some(bytes);
            }
            "mem" => {
                for t in body.iter().flat_map(|l| l.split_whitespace()) {
                    case.mem
                        .push(u8::from_str_radix(t, 16).map_err(|e| format!("mem {t}: {e}"))?);
                }
            }
            "result" => {
                let t = body
                    .iter()
                    .map(|l| l.trim())
                    .find(|l| !l.is_empty() && !l.starts_with('#'));
                if let Some(t) = t {
                    let v = match t.strip_prefix("0x") {
                        Some(h) => u64::from_str_radix(h, 16),
                        None => t.parse::<u64>(),
                    };
                    case.result = Some(v.map_err(|e| format!("result {t}: {e}"))?);
                }
            }
            "error" => case.error = Some(body.join("\n").trim().to_string()),
            _ => {}
        }
        Ok(())
    };
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("-- ") {
            flush(&section, &body, &mut case)?;
            section = name.trim().to_string();
            body.clear();
        } else if !section.is_empty() {
            body.push(line);
        }
    }
    flush(&section, &body, &mut case)?;
    Ok(case)
}

/// Runs one case: Ok(r0) or the reason it was refused.
fn run(case: &Case) -> Result<u64, String> {
    let insns: Vec<Insn> = if let Some(src) = &case.asm {
        assemble_ubpf(src)
            .map_err(|e| format!("assembly: {e}"))?
            .insns
    } else if let Some(raw) = &case.raw {
        isa::decode(raw).map_err(|e| format!("decode: {e}"))?
    } else {
        return Err("no program".into());
    };
    if insns.is_empty() {
        return Err("empty program".into());
    }
    isa::validate(&insns).map_err(|e| format!("validate: {e}"))?;
    let mut mem = case.mem.clone();
    run_raw(&insns, &mut mem).map_err(|f| format!("fault: {f}"))
}

fn data_files(dir: &Path) -> Vec<std::path::PathBuf> {
    dynptr_tests::files_with_ext(dir, "data")
}

#[test]
fn conformance_tests_pass() {
    let Some(dir) = dynptr_tests::conformance_dir("conformance") else {
        return;
    };
    let dir = dir.join("tests");
    let mut passed = 0;
    let mut failed = Vec::new();
    for path in data_files(&dir) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let outcome = parse(&text).and_then(|case| {
            let got = run(&case);
            match (case.result, &case.error, got) {
                (Some(want), _, Ok(r0)) if r0 == want => Ok(()),
                (Some(want), _, Ok(r0)) => Err(format!("r0 = {r0:#x}, expected {want:#x}")),
                (None, Some(_), Err(_)) => Ok(()),
                (_, _, Err(e)) => Err(e),
                (None, _, Ok(r0)) => Err(format!("r0 = {r0:#x} but the test has no result")),
            }
        });
        match outcome {
            Ok(()) => passed += 1,
            Err(e) => failed.push(format!("{name}: {e}")),
        }
    }
    println!("conformance: {passed} passed, {} failed", failed.len());
    for f in &failed {
        println!("  FAILED {f}");
    }
    assert!(
        passed > 0,
        "no conformance tests found in {}",
        dir.display()
    );
    assert!(
        failed.is_empty(),
        "{} conformance tests failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn negative_tests_are_refused() {
    let Some(dir) = dynptr_tests::conformance_dir("conformance negative") else {
        return;
    };
    let dir = dir.join("negative");
    let mut refused = 0;
    let mut accepted = Vec::new();
    for path in data_files(&dir) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let ok = match parse(&text) {
            Err(_) => false,
            Ok(case) => match run(&case) {
                Err(_) => false,
                Ok(r0) => case.result == Some(r0),
            },
        };
        if ok {
            accepted.push(name);
        } else {
            refused += 1;
        }
    }
    println!(
        "conformance negative: {refused} refused, {} accepted",
        accepted.len()
    );
    assert!(refused > 0, "no negative tests found in {}", dir.display());
    assert!(accepted.is_empty(), "accepted negative tests: {accepted:?}");
}

//! The BPF conformance suite (`../shared/conformance`, or
//! `$DYNPTR_CONFORMANCE_DIR`; skipped with a one-line notice when absent,
//! except under `CI=true`): every test of
//! `tests/` must give its `-- result`, every test of `negative/` must be
//! refused (at assembly, by `isa::validate`, by a fault, or by not giving
//! the result it claims).

use std::path::Path;

use dynptr_play::asm::assemble_ubpf;
use dynptr_play::conformance::DataFile as Case;
use dynptr_play::isa::{self, Insn};
use dynptr_play::vm::run_raw;

/// Reads a `.data` file with the library's parser (the one
/// `dynptr-play run add.data` uses).
fn parse(text: &str) -> Result<Case, String> {
    dynptr_play::conformance::parse(text).map_err(|e| e.to_string())
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

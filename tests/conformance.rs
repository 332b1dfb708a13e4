//! The BPF conformance suite (`../shared/conformance`, or
//! `$DYNPTR_CONFORMANCE_DIR`; skipped with a one-line notice when absent,
//! except under `CI=true`): every test of
//! `tests/` must give its `-- result`, every test of `negative/` must be
//! refused (at assembly, by `isa::validate`, by a fault, or by not giving
//! the result it claims).

use std::path::Path;

use dynptr_play::conformance::{DataFile as Case, Outcome, Verdict};
use dynptr_play::vm::VmOptions;

/// Reads a `.data` file with the library's parser (the one
/// `dynptr-play run add.data` uses).
fn parse(text: &str) -> Result<Case, String> {
    dynptr_play::conformance::parse(text).map_err(|e| e.to_string())
}

/// Runs one case as `dynptr-play run add.data` does: assembled (or
/// decoded), validated, run over its `-- mem`.
fn run(case: &Case) -> Outcome {
    case.run(VmOptions::default().insn_budget)
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
        let outcome = parse(&text).and_then(|case| match run(&case).verdict() {
            Some(Verdict::Pass(_)) => Ok(()),
            Some(Verdict::Fail(why)) => Err(why),
            None => Err("the test states no `-- result` or `-- error`".into()),
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
        // Accepted: the program ran to the result the file claims.
        let ok =
            parse(&text).is_ok_and(|case| case.result.is_some() && run(&case).r0() == case.result);
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

//! Cross-checks the playground against the Linux kernel this machine runs.
//!
//! Every program of `tests/programs/kernel/*.c` (upstream helpers and kfuncs
//! only, built by `scripts/build-c.sh`) is loaded twice:
//! - into the running kernel by `tests/kernel/build/kload` (libbpf; built by
//!   `scripts/build-kload.sh`), which reports the verifier's verdict and log
//!   and, for an accepted program, `BPF_PROG_TEST_RUN`'s return value, the
//!   packet that came out, the global sections and the ring buffer records;
//! - into the playground with `elf::load_program`, verified with
//!   `verifier::verify` and, when the kernel accepted it, run in the VM on
//!   the same packet bytes.
//!
//! The verdicts must agree; on a rejection, the kernel's last error line
//! must equal the playground's message in `KernelProfile::Linux6_18`; on a run,
//! r0, the packet, the writable globals, the array maps and the ring buffer
//! records must agree. A program's `__flag(...)` annotations
//! (`test_annotations.h`, read as the selftests' loader reads them) are its
//! load flags on both sides: kload `--flags`,
//! `VerifierOptions::strict_alignment`. How both sides are asked and compared lives in
//! `kernel_common/mod.rs`, shared with the generated programs of
//! `kernel_diff.rs`. Where the kernel cannot be asked (not root, no CAP_BPF, no
//! libbpf, a kernel without the feature) the program is skipped with the
//! reason; that never fails the test.
//!
//! A few disagreements are known and explained (`KNOWN`): the playground
//! models the v6.1/v6.2 kernel plus the series, and today's kernel words or
//! decides some things differently. Any other disagreement fails the test.
//! The findings are written up in `docs/kernel-compare.md`.

mod kernel_common;

use std::path::PathBuf;

use dynptr_play::world::packet;
use dynptr_play::{elf, selftest};
use kernel_common::{compare_program, kload_missing};

/// Disagreements that are understood: (program, aspect, why). The aspect
/// names what differs: `verdict`, `message`, `insn`, `r0`, `packet`,
/// `globals`, `maps`, `ringbuf`.
const KNOWN: &[(&str, &str, &str)] = &[];

/// One program of one object.
struct Case {
    /// Object stem (`xdp_dynptr`).
    object: String,
    /// Function name (`xdp_slice_ethertype`).
    prog: String,
}

enum Outcome {
    Pass(String),
    Fail(Vec<String>),
    Skip(String),
}

fn root() -> PathBuf {
    dynptr_tests::repo_root()
}

/// The programs: every `SEC(...)` function of every `tests/programs/kernel/*.c`,
/// read from the sources so that a new program is compared without listing it.
fn cases() -> Vec<Case> {
    let dir = root().join("tests/programs/kernel");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "c"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let object = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut after_sec = false;
        for line in text.lines() {
            if line.starts_with("SEC(\"") && !line.contains("license") {
                after_sec = true;
                continue;
            }
            if after_sec {
                // `__flag(...)`, `__success` and the like between the
                // section and the function.
                if is_annotation_line(line) {
                    continue;
                }
                after_sec = false;
                if let Some(name) = line
                    .split('(')
                    .next()
                    .and_then(|h| h.split_whitespace().last())
                {
                    out.push(Case {
                        object: object.clone(),
                        prog: name.to_string(),
                    });
                }
            }
        }
    }
    out
}

fn object_path(object: &str) -> PathBuf {
    root()
        .join("tests/programs/build/kernel")
        .join(format!("{object}.o"))
}

/// The packet both sides get: the playground's default frame.
fn test_packet() -> Vec<u8> {
    packet::default_frame()
}

/// Compares one program; returns the differences as (aspect, text).
fn compare(case: &Case) -> Outcome {
    if let Some(why) = kload_missing() {
        return Outcome::Skip(why);
    }
    let obj = object_path(&case.object);
    let bytes = match std::fs::read(&obj) {
        Ok(b) => b,
        Err(e) => {
            return Outcome::Fail(vec![format!(
                "{}: {e} (run `bash scripts/build-c.sh`)",
                obj.display()
            )])
        }
    };
    let prog = match elf::load_program(&bytes, &case.prog) {
        Ok(p) => p,
        Err(e) => return Outcome::Fail(vec![format!("playground cannot load it: {e}")]),
    };
    // Load flags from the program's `__flag(...)` annotations
    // (test_annotations.h), as the selftests' loader reads them.
    let flags = selftest::specs(&bytes)
        .ok()
        .and_then(|specs| specs.into_iter().find(|s| s.name == case.prog))
        .map_or(0, |s| s.prog_flags);
    match compare_program(&prog, &obj, &case.prog, &test_packet(), true, flags) {
        Ok(c) => finish(case, c.summary, c.diffs),
        Err(r) => Outcome::Skip(r.why),
    }
}

/// Splits differences into known ones (printed, not failing) and new ones.
fn finish(case: &Case, summary: String, diffs: Vec<(&str, String)>) -> Outcome {
    let mut unknown = Vec::new();
    let mut known_notes = Vec::new();
    for (aspect, text) in diffs {
        match KNOWN
            .iter()
            .find(|(p, a, _)| *p == case.prog && *a == aspect)
        {
            Some((_, _, why)) => {
                known_notes.push(format!("known {aspect} difference ({why}): {text}"))
            }
            None => unknown.push(format!("{aspect}: {text}")),
        }
    }
    for (p, a, _) in KNOWN.iter().filter(|(p, _, _)| *p == case.prog) {
        if !known_notes
            .iter()
            .any(|n| n.starts_with(&format!("known {a} ")))
        {
            known_notes.push(format!(
                "note: {p}'s known {a} difference is gone; remove it from KNOWN"
            ));
        }
    }
    if unknown.is_empty() {
        let mut s = summary;
        for n in known_notes {
            s.push_str("\n        ");
            s.push_str(&n);
        }
        Outcome::Pass(s)
    } else {
        unknown.extend(known_notes);
        Outcome::Fail(unknown)
    }
}

#[test]
fn kernel_and_playground_agree() {
    let cases = cases();
    assert!(
        !cases.is_empty(),
        "no programs found in tests/programs/kernel"
    );
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    let mut failures = Vec::new();
    for case in &cases {
        let name = format!("{}/{}", case.object, case.prog);
        match compare(case) {
            Outcome::Pass(s) => {
                passed += 1;
                println!("ok    {name}: {s}");
            }
            Outcome::Skip(why) => {
                skipped += 1;
                println!("skip  {name}: {why}");
            }
            Outcome::Fail(diffs) => {
                failed += 1;
                println!("FAIL  {name}:");
                for d in &diffs {
                    println!("        {d}");
                }
                failures.push(name);
            }
        }
    }
    println!("kernel-compare: {passed} passed, {failed} failed, {skipped} skipped");
    assert!(
        failures.is_empty(),
        "kernel and playground disagree on: {}",
        failures.join(", ")
    );
}

/// A line of `test_annotations.h` macros only (`__flag(BPF_F_STRICT_ALIGNMENT)`,
/// `__success __retval(0)`), not a function header (`__naked int f(void)`).
fn is_annotation_line(line: &str) -> bool {
    let mut rest = line.trim();
    if !rest.starts_with("__") {
        return false;
    }
    while let Some(r) = rest.strip_prefix("__") {
        let name_len = r
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(r.len());
        let mut after = &r[name_len..];
        if let Some(args) = after.strip_prefix('(') {
            // Up to the matching parenthesis.
            let mut depth = 1;
            let Some(end) = args.char_indices().find_map(|(i, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(i)
            }) else {
                return false;
            };
            after = &args[end + 1..];
        }
        rest = after.trim_start();
    }
    rest.is_empty()
}

#[test]
fn annotation_lines_are_not_function_headers() {
    assert!(is_annotation_line("__flag(BPF_F_STRICT_ALIGNMENT)"));
    assert!(is_annotation_line("__success __retval(0)"));
    assert!(is_annotation_line("__failure __msg(\"a (b) c\")"));
    assert!(!is_annotation_line("__naked int f(void)"));
    assert!(!is_annotation_line("int f(struct xdp_md *ctx)"));
}

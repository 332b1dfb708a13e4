//! Every example of the page's gallery (`static/examples/index.json`)
//! assembles, declares the program type the page shows, and gets the
//! verdict its index entry promises.

use std::fs;

use dynptr_play::asm;
use dynptr_tests::repo_root;
use serde_json::Value;

struct Example {
    file: String,
    expect: String,
    src: String,
}

fn gallery() -> Vec<Example> {
    let dir = repo_root().join("static/examples");
    let index: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("index.json")).expect("index.json"))
            .expect("valid JSON");
    index
        .as_array()
        .expect("an array")
        .iter()
        .map(|e| {
            let file = e["file"].as_str().expect("file").to_string();
            let src =
                fs::read_to_string(dir.join(&file)).unwrap_or_else(|err| panic!("{file}: {err}"));
            Example {
                file,
                expect: e["expect"].as_str().expect("expect").to_string(),
                src,
            }
        })
        .collect()
}

#[test]
fn the_gallery_has_at_least_20_lessons_each_with_a_comment() {
    let g = gallery();
    assert!(g.len() >= 20, "{} examples", g.len());
    for e in &g {
        assert!(
            e.src.trim_start().starts_with("; Lesson"),
            "{} starts with its lesson",
            e.file
        );
        assert!(
            e.expect == "accepted" || e.expect.starts_with("rejected: "),
            "{}: {}",
            e.file,
            e.expect
        );
    }
}

#[test]
fn every_example_assembles() {
    let mut failures = Vec::new();
    for e in gallery() {
        if let Err(err) = asm::assemble(&e.src) {
            failures.push(format!("{}: {err}", e.file));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of the gallery do not assemble:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_example_gets_its_expected_verdict_and_accepted_ones_run_cleanly() {
    use dynptr_play::session::Session;
    use dynptr_play::verifier::{verify, VerifierOptions};
    use dynptr_play::vm::snapshot::RunState;
    use dynptr_play::vm::VmOptions;
    use dynptr_play::world::WorldConfig;

    let mut failures = Vec::new();
    let mut checked = 0;
    for e in gallery() {
        let Ok(p) = asm::assemble(&e.src) else {
            continue;
        };
        let report = verify(&p, &VerifierOptions::default());
        let got = match &report.message {
            None => "accepted".to_string(),
            Some(m) => format!("rejected: {}", m.trim_end()),
        };
        // Like the selftests' `__msg`: the expected text appears in the message
        // (the kernel prefixes some with the register, `R6 invalid mem access`).
        let ok = match e.expect.strip_prefix("rejected: ") {
            None => got == "accepted",
            Some(msg) => got.starts_with("rejected: ") && got.contains(msg),
        };
        if !ok {
            failures.push(format!("{}: expected `{}`, got `{got}`", e.file, e.expect));
            continue;
        }
        checked += 1;
        // What the page does on Run: a session in safe mode for accepted
        // programs, which must end without a fault.
        if report.accepted() {
            match Session::new(p, WorldConfig::default(), VmOptions::default()) {
                Ok(mut s) => {
                    let end = s.continue_to(&[]).state.clone();
                    if let RunState::Faulted { fault } = end {
                        failures.push(format!("{}: accepted but faults: {fault}", e.file));
                    }
                }
                Err(f) => failures.push(format!("{}: cannot start: {f}", e.file)),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of the gallery fail ({checked} fine):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

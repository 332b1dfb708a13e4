//! The exploration tree (`Report::paths`) accounts for the verifier's walk:
//! for every gallery example, corpus case and clang-built test program, in
//! both kernel profiles, at log level 2:
//! - every path the log shows (`from A to B:` after a fork) is a path of the
//!   tree forked at A and starting at B;
//! - every `safe` line of the log is a pruned path, and every pruned path
//!   names a path walked before it;
//! - an accepted program's paths all end at `exit` or pruned; a rejected
//!   one's last path ends with the error (or the limit);
//! - the paths' instruction counts add up to `processed N insns`.

use dynptr_play::asm;
use dynptr_play::program::Program;
use dynptr_play::verifier::vtree::PathEnd;
use dynptr_play::verifier::{self, KernelProfile, Verdict, VerifierOptions};

fn programs() -> Vec<(String, Program)> {
    dynptr_tests::all_programs("exploration tree")
}

/// `from A to B` of a level-2 log: (A, B).
fn from_lines(log: &str) -> Vec<(usize, usize)> {
    log.lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("from ")?;
            let (a, rest) = rest.split_once(" to ")?;
            let b: String = rest.chars().take_while(char::is_ascii_digit).collect();
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .collect()
}

fn check(name: &str, p: &Program, kernel: KernelProfile) -> Result<(), String> {
    #[allow(clippy::needless_update)]
    let opts = VerifierOptions {
        log_level: 2,
        kernel,
        record_states: false,
        ..VerifierOptions::default()
    };
    let r = verifier::verify(p, &opts);
    let paths = &r.paths;
    if paths.is_empty() {
        // Refused before the walk (the CFG check).
        return if r.log.contains("processed") && r.stats.insns_processed > 0 {
            Err(format!("{name}: a walk without paths"))
        } else {
            Ok(())
        };
    }
    for (i, path) in paths.iter().enumerate() {
        if path.index != i {
            return Err(format!("{name}: path {i} has index {}", path.index));
        }
        match (&path.parent, &path.fork) {
            (Some(parent), Some(fork)) if *parent < i && fork.insn < p.insns.len() => {}
            (None, None) => {}
            _ => {
                return Err(format!(
                    "{name}: path {i}: parent {:?} fork {:?}",
                    path.parent, path.fork
                ))
            }
        }
        if let PathEnd::Pruned { by_path, .. } = path.end {
            let Some(by_path) = by_path else {
                return Err(format!("{name}: path {i} pruned by an unrecorded path"));
            };
            if by_path > i {
                return Err(format!("{name}: path {i} pruned by a later path {by_path}"));
            }
        }
    }
    for (a, b) in from_lines(&r.log) {
        let forked = paths
            .iter()
            .any(|x| x.start == b && x.fork.as_ref().is_some_and(|f| f.insn == a));
        let callee_exit = p.insns.get(a).is_some_and(|i| i.code == 0x95);
        if !forked && !callee_exit {
            return Err(format!(
                "{name}: the log's `from {a} to {b}` is no path of the tree"
            ));
        }
    }
    let safe = r.log.lines().filter(|l| l.ends_with(": safe")).count();
    let pruned = paths
        .iter()
        .filter(|x| matches!(x.end, PathEnd::Pruned { .. }))
        .count();
    if safe != pruned {
        return Err(format!(
            "{name}: {safe} `safe` lines, {pruned} pruned paths"
        ));
    }
    match r.verdict {
        Verdict::Accepted => {
            if let Some(x) = paths
                .iter()
                .find(|x| !matches!(x.end, PathEnd::Exit { .. } | PathEnd::Pruned { .. }))
            {
                return Err(format!(
                    "{name}: accepted, but path {} ended {:?}",
                    x.index, x.end
                ));
            }
            let sum: u64 = paths.iter().map(|x| x.insns).sum();
            if sum != r.stats.insns_processed {
                return Err(format!(
                    "{name}: the paths hold {sum} instructions, the walk processed {}",
                    r.stats.insns_processed
                ));
            }
        }
        Verdict::Rejected => {
            let ended = paths
                .iter()
                .filter(|x| matches!(x.end, PathEnd::Error { .. } | PathEnd::Limit { .. }))
                .count();
            if ended != 1 {
                return Err(format!(
                    "{name}: rejected, {ended} paths end with the error"
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn the_tree_accounts_for_every_path_of_the_walk() {
    let programs = programs();
    assert!(programs.len() > 100, "{} programs", programs.len());
    let mut failures = Vec::new();
    let mut paths = 0usize;
    for (name, p) in &programs {
        for kernel in [KernelProfile::Series, KernelProfile::Linux6_18] {
            if let Err(e) = check(name, p, kernel) {
                failures.push(format!("{e} ({kernel:?})"));
            }
        }
        paths += verifier::verify(p, &VerifierOptions::default()).paths.len();
    }
    eprintln!(
        "exploration tree: {} programs, {paths} paths (series profile), {} failures",
        programs.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_fork_names_both_sides_of_its_condition() {
    let text = ".program forks syscall\n    call bpf_get_prandom_u32\n    if r0 > 10 goto big\n    r0 = 1\n    exit\nbig:\n    r0 = 2\n    exit\n";
    let p = asm::assemble(text).expect("assembles");
    let r = verifier::verify(&p, &VerifierOptions::default());
    assert_eq!(r.paths.len(), 2, "{:#?}", r.paths);
    let fork = r.paths[1].fork.as_ref().expect("the second path forked");
    assert_eq!(fork.insn, 1);
    assert_eq!(fork.direction, "taken");
    assert_eq!(fork.this_side[0].reg, "r0");
    assert!(fork.this_side[0].state.contains("umin=11"), "{fork:?}");
    assert!(fork.other_side[0].state.contains("umax=10"), "{fork:?}");
    assert!(matches!(r.paths[0].end, PathEnd::Exit { insn: 3 }));
    assert!(matches!(r.paths[1].end, PathEnd::Exit { insn: 5 }));
    assert_eq!(r.paths[0].runs, vec![[0, 3]]);
    assert_eq!(r.paths[1].runs, vec![[4, 5]]);
}

//! Verifier accepted implies the VM never faults.
//!
//! Every gallery example and corpus program (assembly, and the C objects
//! when built) is mutated many times (`progen::mutate`): instruction fields
//! nudged (offsets, immediates, registers, sizes, jump targets),
//! instructions swapped or replaced. Random programs built from
//! dynptr-shaped snippets are added, and structured ones (packet bounds
//! checks, map values at variable offsets, slices, helpers that change
//! packet data, bpf_loop callbacks, open-coded iterators) with sizes and
//! offsets that are sometimes in bounds and sometimes not. Each candidate
//! goes through
//! `verifier::verify`; every one it accepts runs in the VM on a packet, and
//! must end without a fault (running out of the instruction budget is not a
//! fault: a verified program may loop up to the kernel's limits).
//!
//! The generator is seeded, so a failure is reproducible; the failing
//! program is printed in the kernel's instruction format with the verifier's
//! log. Set `NEVER_FAULT_CASES` to run more mutants per program. The
//! generators live in `tests/progen/` (shared with `soundness.rs`, which
//! runs the same kinds of programs on many worlds and checks every step
//! against the verifier's states).

use dynptr_play::program::Program;
use dynptr_play::verifier::{self, KernelProfile, Verdict, VerifierOptions};
use dynptr_play::vm::FaultKind;
use dynptr_play::vm::{Vm, VmOptions};
use dynptr_play::world::WorldConfig;
use dynptr_tests::progen::mutate::{mutate, seeds};
use dynptr_tests::progen::snippets::{random_program, structured_program};
use dynptr_tests::progen::Rng;

/// Verifies `p`; when accepted, runs it and returns the fault, if any.
fn check(p: &Program, kernel: KernelProfile) -> Option<String> {
    let opts = VerifierOptions {
        complexity_limit: 200_000,
        kernel,
        ..Default::default()
    };
    let report = verifier::verify(p, &opts);
    if report.verdict != Verdict::Accepted {
        return None;
    }
    let cfg = WorldConfig::default();
    let mut vm = match Vm::with_config(
        p,
        &cfg,
        VmOptions {
            insn_budget: 200_000,
            unsafe_mode: false,
            allow_uninit_stack: kernel.allow_uninit_stack(),
            packet_dynptr_data: kernel.packet_dynptr_data(),
        },
    ) {
        Ok(vm) => vm,
        Err(f) => return Some(format!("VM setup: {f:?}")),
    };
    let res = vm.run();
    match res.fault {
        None => None,
        Some(f) if matches!(f.kind, FaultKind::BudgetExhausted(_)) => None,
        Some(f) => Some(format!("insn {}: {}", f.insn, f.kind)),
    }
}

fn listing(p: &Program) -> String {
    (0..p.insns.len())
        .map(|i| format!("{i}: {}", verifier::log::kernel_insn_str(p, i)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn accepted_programs_never_fault() {
    let per_seed: u64 = std::env::var("NEVER_FAULT_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    let seeds: Vec<Program> = seeds("never-fault").into_iter().map(|(_, p)| p).collect();
    assert!(!seeds.is_empty(), "no corpus programs found");
    let rng = Rng::new(0x5eed_2022_1207);
    let mut accepted = 0usize;
    let mut structured_ok = 0usize;
    let mut checked = 0usize;
    let mut failures = Vec::new();
    let mut candidates: Vec<Program> = Vec::new();
    let base = VerifierOptions {
        complexity_limit: 200_000,
        ..Default::default()
    };
    for s in &seeds {
        candidates.push(s.clone());
        // Mutants of accepted programs are the ones likely to be accepted.
        let per_seed = if verifier::verify(s, &base).verdict == Verdict::Accepted {
            per_seed * 4
        } else {
            per_seed / 4
        };
        let mut cur = s.clone();
        for k in 0..per_seed {
            // Walk: sometimes keep mutating the mutant, sometimes restart.
            if k % 4 == 0 {
                cur = s.clone();
            }
            cur = mutate(&cur, &rng);
            candidates.push(cur.clone());
        }
    }
    for _ in 0..(per_seed * 10) {
        candidates.push(random_program(&rng));
        candidates.push(structured_program(&rng));
    }
    for p in &candidates {
        checked += 1;
        let report = verifier::verify(
            p,
            &VerifierOptions {
                complexity_limit: 200_000,
                ..Default::default()
            },
        );
        if report.verdict == Verdict::Accepted {
            accepted += 1;
            if p.name == "structured" {
                structured_ok += 1;
            }
        }
        // Both kernel profiles: today's rules (dynptr overwrites, spills) differ.
        for kernel in [KernelProfile::Series, KernelProfile::Linux6_18] {
            if let Some(f) = check(p, kernel) {
                let o = VerifierOptions {
                    log_level: 2,
                    complexity_limit: 200_000,
                    kernel,
                    ..Default::default()
                };
                let log = verifier::verify(p, &o).log;
                failures.push(format!(
                    "{} ({}, {:?}): accepted, but the VM faulted: {f}\n{}\nverifier log:\n{}",
                    p.name,
                    p.prog_type.name(),
                    kernel,
                    listing(p),
                    log.lines().take(200).collect::<Vec<_>>().join("\n")
                ));
            }
        }
    }
    println!(
        "never-fault: {checked} programs, {accepted} accepted ({structured_ok} structured), {} faulted",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} accepted programs faulted:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

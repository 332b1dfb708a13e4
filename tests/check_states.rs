//! Concrete inside abstract (`dynptr_play::check`, `run --check-states`):
//! - every accepted program of the gallery (its C lessons too) and the
//!   corpus, in both kernel profiles and over several worlds (packets of
//!   0, 14, 64 and 1500 bytes), runs without one step outside the
//!   verifier's states;
//! - every rejected program whose unsafe run faults has an escape, and the
//!   first one comes at or before the faulting step.

use std::path::PathBuf;
use std::process::Command;

use dynptr_play::check::check_run;
use dynptr_play::elf;
use dynptr_play::program::Program;
use dynptr_play::verifier::{KernelProfile, Verdict, VerifierOptions};
use dynptr_play::vm::{FaultKind, VmOptions};
use dynptr_play::world::WorldConfig;

/// The gallery's C lessons, compiled here as the page's build compiles
/// them (clang -O2 -g -target bpf -mcpu=v3).
fn lessons() -> Vec<(String, Program)> {
    let root = dynptr_tests::repo_root();
    let out_dir = root.join("target/check-states-lessons");
    let _ = std::fs::create_dir_all(&out_dir);
    let arch = Command::new("dpkg-architecture")
        .arg("-qDEB_HOST_MULTIARCH")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "x86_64-linux-gnu".into());
    let mut out = Vec::new();
    for src in dynptr_tests::files_with_ext(&root.join("static/examples"), "c") {
        let obj: PathBuf = out_dir.join(src.file_name().unwrap()).with_extension("o");
        let ok = Command::new(std::env::var("CLANG").unwrap_or_else(|_| "clang".into()))
            .args(["-O2", "-g", "-target", "bpf", "-mcpu=v3"])
            .arg(format!("-I/usr/include/{arch}"))
            .arg("-I")
            .arg(root.join("tests/programs/include"))
            .arg("-c")
            .arg(&src)
            .arg("-o")
            .arg(&obj)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            if dynptr_tests::on_ci() {
                panic!("clang could not compile {}", src.display());
            }
            dynptr_tests::skip_notice("check states (C lessons)", "clang did not compile them");
            return Vec::new();
        }
        let bytes = std::fs::read(&obj).expect("the object clang wrote");
        for p in elf::load(&bytes).expect("a lesson loads") {
            out.push((format!("{} {}", src.display(), p.name), p));
        }
    }
    out
}

fn worlds(p: &Program) -> Vec<(String, WorldConfig)> {
    let mut out = vec![("the default world".to_string(), WorldConfig::default())];
    if p.prog_type.has_packet() {
        for len in [0usize, 14, 64, 1500] {
            let mut w = WorldConfig::default();
            w.packet = (0..len).map(|i| (i * 7 + 3) as u8).collect();
            out.push((format!("a {len}-byte packet"), w));
        }
    }
    out
}

fn vm_opts(kernel: KernelProfile, unsafe_mode: bool) -> VmOptions {
    VmOptions {
        insn_budget: 200_000,
        unsafe_mode,
        allow_uninit_stack: kernel.allow_uninit_stack(),
        packet_dynptr_data: kernel.packet_dynptr_data(),
    }
}

#[test]
fn accepted_programs_stay_inside_the_verifiers_states() {
    let mut programs = dynptr_tests::all_programs("check states");
    programs.extend(lessons());
    assert!(programs.len() > 100, "{} programs", programs.len());
    let (mut runs, mut steps, mut inexact) = (0u64, 0u64, 0u64);
    let mut failures = Vec::new();
    for (name, p) in &programs {
        for kernel in [KernelProfile::Series, KernelProfile::Linux6_18] {
            let vopts = VerifierOptions {
                kernel,
                ..VerifierOptions::default()
            };
            for (world, cfg) in worlds(p) {
                let Ok((c, report)) = check_run(p, &vopts, &cfg, vm_opts(kernel, false)) else {
                    continue;
                };
                if report.verdict != Verdict::Accepted {
                    break;
                }
                runs += 1;
                steps += c.checked_steps;
                inexact += u64::from(!c.exact);
                if let Some(e) = c.state_escapes.first() {
                    failures.push(format!(
                        "{name} ({kernel:?}, {world}): step {} insn {}: {} [compared with {}]",
                        e.step,
                        e.insn,
                        e.message,
                        e.compared_with.join(" | ")
                    ));
                }
            }
        }
    }
    eprintln!(
        "check states: {runs} runs of accepted programs, {steps} steps checked, {} with escapes, {inexact} with the kernel walk's states",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(runs > 100, "{runs} runs");
}

#[test]
fn an_unsafe_run_that_faults_escapes_at_or_before_the_fault() {
    let mut programs = dynptr_tests::all_programs("check states");
    programs.extend(lessons());
    let (mut faulting, mut with_escape) = (0u64, 0u64);
    let mut failures = Vec::new();
    for (name, p) in &programs {
        for kernel in [KernelProfile::Series, KernelProfile::Linux6_18] {
            let vopts = VerifierOptions {
                kernel,
                ..VerifierOptions::default()
            };
            for (world, cfg) in worlds(p) {
                let Ok((c, report)) = check_run(p, &vopts, &cfg, vm_opts(kernel, true)) else {
                    continue;
                };
                if report.verdict != Verdict::Rejected {
                    break;
                }
                let Some(f) = &c.fault else {
                    continue;
                };
                if matches!(f.kind, FaultKind::BudgetExhausted(_)) {
                    continue;
                }
                faulting += 1;
                match c.state_escapes.first() {
                    // `checked_steps` counts the faulting step too.
                    Some(e) if e.step < c.checked_steps => with_escape += 1,
                    Some(e) => failures.push(format!(
                        "{name} ({kernel:?}, {world}): first escape at step {} after the fault at step {}",
                        e.step,
                        c.checked_steps - 1
                    )),
                    None => failures.push(format!(
                        "{name} ({kernel:?}, {world}): faulted at insn {} ({f}) with no escape",
                        f.insn
                    )),
                }
            }
        }
    }
    eprintln!("check states: {faulting} unsafe runs of rejected programs fault, {with_escape} escape first");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(faulting >= 20, "only {faulting} faulting unsafe runs");
}

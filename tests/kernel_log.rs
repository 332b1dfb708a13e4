//! The playground's verifier log against the real kernel's, line by line.
//!
//! Every program of every clang-built object of the test suite
//! (`tests/programs/build/**.o`, built by `scripts/build-c.sh`) is loaded
//! into the running kernel by `tests/kernel/build/kload` at log levels 1
//! and 2, and verified by the playground in the `6.18` profile at the same
//! level. Where both accept or both reject, the two logs are compared line
//! by line after masking what belongs to the machine rather than to the
//! verifier (the same masks on both sides, see [`mask`]): kernel addresses
//! (a map's `struct bpf_map *` in `r1 = 0xffff...`) and kfunc BTF ids
//! (`call bpf_dynptr_slice#63830`: the running kernel's build numbers them).
//!
//! The report lists every log that differs with its first differing line;
//! differences in pruning and statistics counts are listed like any other.
//! The test fails when fewer logs are identical than [`IDENTICAL_AT_LEAST`]
//! (the figure the README reports), so that a change that breaks the log
//! format is seen. Where the kernel cannot be asked (no kload, not root)
//! the test is skipped with the reason.

mod kernel_common;

use std::path::Path;
use std::process::Command;

use dynptr_play::verifier::{self, KernelProfile, Verdict, VerifierOptions};
use dynptr_play::{elf, selftest};
use kernel_common::{hex, is_packet_type, kload_missing, kload_path};
use serde_json::Value;

/// Logs (program and level) that must read the same on both sides; the
/// README's figure. Raise it when the playground gets closer.
const IDENTICAL_AT_LEAST: usize = 229;

/// Masks what the running machine, not the verifier, decides: the kernel
/// address a map's `ld_imm64` loads (`(18) r1 = 0xffff888100000100`) and
/// kfunc BTF ids (`#N` after a call's name, N above the helper numbers).
fn mask(log: &str) -> Vec<String> {
    log.lines().map(mask_line).collect()
}

fn mask_line(line: &str) -> String {
    let masked = match line.find(" = 0xffff") {
        Some(at) if line[..at].contains("(18) r") => {
            let start = at + " = ".len();
            let n = line[start + 2..]
                .bytes()
                .take_while(u8::is_ascii_hexdigit)
                .count();
            format!("{}0xADDR{}", &line[..start], &line[start + 2 + n..])
        }
        _ => line.to_string(),
    };
    mask_kfunc_ids(&masked)
}

/// `call name#63830` -> `call name#KFUNC` when the number is not a helper's.
fn mask_kfunc_ids(line: &str) -> String {
    let Some(at) = line.find("call ") else {
        return line.to_string();
    };
    let after = &line[at + 5..];
    let Some(hash) = after.find('#') else {
        return line.to_string();
    };
    let name = &after[..hash];
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return line.to_string();
    }
    let digits: String = after[hash + 1..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    match digits.parse::<u32>() {
        Ok(n) if n >= 1000 => format!(
            "{}call {name}#KFUNC{}",
            &line[..at],
            &after[hash + 1 + digits.len()..]
        ),
        _ => line.to_string(),
    }
}

/// What the kernel said at one log level.
struct KernelLog {
    accepted: bool,
    log: String,
}

fn kernel_log(
    obj: &Path,
    prog: &str,
    level: u32,
    packet: bool,
    flags: u32,
) -> Result<KernelLog, String> {
    let mut cmd = Command::new(kload_path());
    cmd.arg(obj)
        .arg(prog)
        .args(["--log-level", &level.to_string()]);
    if packet {
        cmd.args(["--data", &hex(&[0u8; 64])]);
    }
    if flags != 0 {
        cmd.args(["--flags", &flags.to_string()]);
    }
    let out = cmd.output().map_err(|e| format!("cannot run kload: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let v: Value = serde_json::from_str(stdout.lines().next().unwrap_or(""))
        .map_err(|e| format!("kload printed no JSON: {e}"))?;
    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    match s("verdict").as_str() {
        "accept" => Ok(KernelLog {
            accepted: true,
            log: s("log"),
        }),
        "reject" => Ok(KernelLog {
            accepted: false,
            log: s("log"),
        }),
        _ => Err(format!("refused: {}", s("err_str"))),
    }
}

/// One comparison's result.
enum Cmp {
    Identical,
    Differs(String),
    VerdictDiffers,
    Skipped(String),
}

fn compare(obj: &Path, prog_name: &str, level: u32, flags: u32) -> Cmp {
    let bytes = match std::fs::read(obj) {
        Ok(b) => b,
        Err(e) => return Cmp::Skipped(format!("unreadable: {e}")),
    };
    let mut prog = match elf::load_program(&bytes, prog_name) {
        Ok(p) => p,
        Err(e) => return Cmp::Skipped(format!("the playground cannot load it: {e}")),
    };
    prog.set_object_file(&obj.display().to_string());
    let k = match kernel_log(obj, prog_name, level, is_packet_type(prog.prog_type), flags) {
        Ok(k) => k,
        Err(e) => return Cmp::Skipped(e),
    };
    #[allow(clippy::needless_update)]
    let opts = VerifierOptions {
        log_level: level,
        kernel: KernelProfile::Linux6_18,
        record_states: false,
        strict_alignment: flags & selftest::BPF_F_STRICT_ALIGNMENT != 0,
        ..VerifierOptions::default()
    };
    let report = verifier::verify(&prog, &opts);
    if (report.verdict == Verdict::Accepted) != k.accepted {
        return Cmp::VerdictDiffers;
    }
    let kl = mask(&k.log);
    let pl = mask(&report.log);
    let n = kl.len().max(pl.len());
    for i in 0..n {
        let a = kl.get(i).map(String::as_str);
        let b = pl.get(i).map(String::as_str);
        if a != b {
            return Cmp::Differs(format!(
                "line {}: kernel `{}`, playground `{}`",
                i + 1,
                a.unwrap_or("<end>"),
                b.unwrap_or("<end>")
            ));
        }
    }
    Cmp::Identical
}

#[test]
fn verifier_logs_read_as_the_kernels() {
    if let Some(why) = kload_missing() {
        dynptr_tests::skip_notice("kernel log comparison", &why);
        return;
    }
    let mut identical = 0;
    let mut compared = 0;
    let mut by_level = [(0usize, 0usize); 3];
    let mut differs = Vec::new();
    let mut verdicts = Vec::new();
    let mut skipped = Vec::new();
    for obj in dynptr_tests::built_objects() {
        let Ok(bytes) = std::fs::read(&obj) else {
            continue;
        };
        let Ok(infos) = elf::programs(&bytes) else {
            continue;
        };
        let specs = selftest::specs(&bytes).unwrap_or_default();
        let stem = obj
            .strip_prefix(dynptr_tests::repo_root().join("tests/programs/build"))
            .unwrap_or(&obj)
            .display()
            .to_string();
        for info in infos {
            let flags = specs
                .iter()
                .find(|s| s.name == info.name)
                .map_or(0, |s| s.prog_flags);
            for level in [1u32, 2] {
                let what = format!("{stem} {} (level {level})", info.name);
                match compare(&obj, &info.name, level, flags) {
                    Cmp::Identical => {
                        identical += 1;
                        compared += 1;
                        by_level[level as usize].0 += 1;
                        by_level[level as usize].1 += 1;
                    }
                    Cmp::Differs(d) => {
                        compared += 1;
                        by_level[level as usize].1 += 1;
                        differs.push(format!("{what}: {d}"));
                    }
                    Cmp::VerdictDiffers => verdicts.push(what),
                    Cmp::Skipped(why) => skipped.push(format!("{what}: {why}")),
                }
            }
        }
    }
    if compared == 0 && !skipped.is_empty() && skipped.iter().all(|s| s.contains("refused")) {
        dynptr_tests::skip_notice(
            "kernel log comparison",
            "the kernel refused every program (loading BPF needs root)",
        );
        return;
    }
    // Level 2 logs differ from their second line on (6.18 prints its
    // live-register table, which the playground does not compute): only
    // level 1's differences are listed one by one.
    let level2 = differs.iter().filter(|d| d.contains("(level 2)")).count();
    for d in differs.iter().filter(|d| !d.contains("(level 2)")) {
        eprintln!("kernel log: differs: {d}");
    }
    if level2 > 0 {
        eprintln!("kernel log: {level2} level-2 logs differ");
    }
    for v in &verdicts {
        eprintln!("kernel log: verdicts differ (not compared): {v}");
    }
    let series = skipped
        .iter()
        .filter(|s| s.contains("series' helpers"))
        .count();
    for s in skipped.iter().filter(|s| !s.contains("series' helpers")) {
        eprintln!("kernel log: skipped: {s}");
    }
    if series > 0 {
        eprintln!("kernel log: skipped: {series} logs of programs calling the series' helpers");
    }
    eprintln!(
        "kernel log: {identical} of {compared} logs identical (level 1: {}/{}, level 2: {}/{}); {} with other verdicts, {} skipped",
        by_level[1].0,
        by_level[1].1,
        by_level[2].0,
        by_level[2].1,
        verdicts.len(),
        skipped.len()
    );
    assert!(
        identical >= IDENTICAL_AT_LEAST,
        "only {identical} logs identical, {IDENTICAL_AT_LEAST} expected"
    );
}

#[test]
fn masks_machine_numbers_only() {
    assert_eq!(
        mask_line("2: (18) r1 = 0xffffc9000250e000       ; R1=map_value(map=.bss,ks=4,vs=32)"),
        "2: (18) r1 = 0xADDR       ; R1=map_value(map=.bss,ks=4,vs=32)"
    );
    assert_eq!(
        mask_line("16: (85) call bpf_dynptr_slice#63830"),
        "16: (85) call bpf_dynptr_slice#KFUNC"
    );
    assert_eq!(
        mask_line("6: (85) call bpf_dynptr_from_mem#197"),
        "6: (85) call bpf_dynptr_from_mem#197"
    );
    assert_eq!(
        mask_line("12: (c7) r0 s>>= 32                   ; R0=scalar(smin=0xffffffff80000000)"),
        "12: (c7) r0 s>>= 32                   ; R0=scalar(smin=0xffffffff80000000)"
    );
}

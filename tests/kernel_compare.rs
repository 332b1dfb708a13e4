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
//! r0, the packet, the writable globals and the ring buffer records must
//! agree. A program's `__flag(...)` annotations (`test_annotations.h`, read
//! as the selftests' loader reads them) are its load flags on both sides:
//! kload `--flags`, `VerifierOptions::strict_alignment`. Where the kernel
//! cannot be asked (not root, no CAP_BPF, no
//! libbpf, a kernel without the feature) the program is skipped with the
//! reason; that never fails the test.
//!
//! A few disagreements are known and explained (`KNOWN`): the playground
//! models the v6.1/v6.2 kernel plus the series, and today's kernel words or
//! decides some things differently. Any other disagreement fails the test.
//! The findings are written up in `docs/kernel-compare.md`.

use std::path::{Path, PathBuf};
use std::process::Command;

use dynptr_play::program::{MapOrigin, ProgType, Program};
use dynptr_play::verifier::{self, KernelProfile, VerifierOptions};
use dynptr_play::vm::{Vm, VmOptions};
use dynptr_play::world::{packet, WorldConfig};
use dynptr_play::{elf, selftest};
use serde_json::Value;

/// Disagreements that are understood: (program, aspect, why). The aspect
/// names what differs: `verdict`, `message`, `insn`, `r0`, `packet`,
/// `globals`, `ringbuf`.
const KNOWN: &[(&str, &str, &str)] = &[(
    "skb_dynptr_data",
    "r0",
    "era: upstream's bpf_dynptr_data helper returns NULL for skb/xdp dynptrs (only the \
         bpf_dynptr_slice kfuncs reach packet memory); the series' helper 203 returns a pointer \
         into the linear packet, which the playground implements",
)];

/// One program of one object.
struct Case {
    /// Object stem (`xdp_dynptr`).
    object: String,
    /// Function name (`xdp_slice_ethertype`).
    prog: String,
}

/// What the kernel said about one program (kload's JSON line).
struct KernelResult {
    verdict: String,
    err_str: String,
    log: String,
    retval: Option<u64>,
    data_out: Option<Vec<u8>>,
    /// (map name, bytes) of every internal map.
    globals: Vec<(String, Vec<u8>)>,
    /// (map name, records) of every ring buffer.
    ringbufs: Vec<(String, Vec<Vec<u8>>)>,
}

enum Outcome {
    Pass(String),
    Fail(Vec<String>),
    Skip(String),
}

fn root() -> PathBuf {
    dynptr_tests::repo_root()
}

fn kload_path() -> PathBuf {
    root().join("tests/kernel/build/kload")
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

fn object_path(object: &str) -> PathBuf {
    root()
        .join("tests/programs/build/kernel")
        .join(format!("{object}.o"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .filter_map(|i| s.get(2 * i..2 * i + 2))
        .filter_map(|b| u8::from_str_radix(b, 16).ok())
        .collect()
}

/// The packet both sides get: the playground's default frame.
fn test_packet() -> Vec<u8> {
    packet::default_frame()
}

fn is_packet_type(t: ProgType) -> bool {
    matches!(t, ProgType::Xdp | ProgType::Tc | ProgType::CgroupSkb | ProgType::Socket)
}

/// Runs kload with the program's load flags; `Err` is why the kernel
/// cannot be asked.
fn kernel_run(
    obj: &Path,
    prog: &str,
    packet: Option<&[u8]>,
    flags: u32,
) -> Result<KernelResult, String> {
    let mut cmd = Command::new(kload_path());
    cmd.arg(obj).arg(prog);
    if let Some(p) = packet {
        cmd.arg("--data").arg(hex(p));
    }
    if flags != 0 {
        cmd.arg("--flags").arg(flags.to_string());
    }
    let out = cmd.output().map_err(|e| format!("cannot run kload: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().next().unwrap_or("");
    let v: Value = serde_json::from_str(line).map_err(|e| {
        format!(
            "kload printed no JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )
    })?;
    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let verdict = s("verdict");
    if verdict == "refused" {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = stderr
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let telling = [
            "not found",
            "Error",
            "error",
            "failed",
            "unknown",
            "invalid",
        ];
        let mut why = lines
            .iter()
            .find(|l| telling.iter().any(|t| l.contains(t)))
            .or_else(|| lines.first())
            .map(|l| l.to_string())
            .unwrap_or_default();
        if v.get("err").and_then(Value::as_i64) == Some(-1) {
            why = format!("loading BPF needs root or CAP_BPF; {why}");
        }
        return Err(format!(
            "kernel refused to load ({}, at {}){}",
            s("err_str"),
            s("stage"),
            if why.is_empty() {
                String::new()
            } else {
                format!(": {why}")
            }
        ));
    }
    if verdict == "accept" && s("stage") != "done" {
        return Err(format!(
            "the kernel accepted it but BPF_PROG_TEST_RUN failed: {}",
            s("err_str")
        ));
    }
    let globals = v
        .get("globals")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|g| {
                    let name = g
                        .get("map")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    (
                        name,
                        unhex(g.get("hex").and_then(Value::as_str).unwrap_or("")),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let ringbufs = v
        .get("ringbuf")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|r| {
                    let name = r
                        .get("map")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    let recs = r
                        .get("records")
                        .and_then(Value::as_array)
                        .map(|x| x.iter().map(|h| unhex(h.as_str().unwrap_or(""))).collect())
                        .unwrap_or_default();
                    (name, recs)
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(KernelResult {
        verdict,
        err_str: s("err_str"),
        log: s("log"),
        retval: v.get("retval").and_then(Value::as_u64),
        data_out: v.get("data_out").and_then(Value::as_str).map(unhex),
        globals,
        ringbufs,
    })
}

/// Whether a log line is an instruction line (`12: (85) call ...`).
fn is_insn_line(l: &str) -> bool {
    l.split_once(": (")
        .is_some_and(|(n, _)| !n.is_empty() && n.trim().bytes().all(|b| b.is_ascii_digit()))
}

/// The kernel's error message: the lines after the last instruction line
/// and before the statistics ("processed N insns ..."); usually one line,
/// sometimes two ("Unreleased reference ..." then "BPF_EXIT ... leak").
fn kernel_message(log: &str) -> Vec<String> {
    let lines: Vec<&str> = log.lines().filter(|l| !l.trim().is_empty()).collect();
    let start = lines
        .iter()
        .rposition(|l| is_insn_line(l))
        .map_or(0, |i| i + 1);
    lines
        .get(start..)
        .unwrap_or(&[])
        .iter()
        .filter(|l| !l.starts_with("processed ") && !l.starts_with(';'))
        .map(|l| l.trim().to_string())
        .collect()
}

/// The kernel's "processed N insns" count.
fn kernel_processed(log: &str) -> Option<u64> {
    log.lines().rev().find_map(|l| {
        l.strip_prefix("processed ")?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    })
}

/// The instruction the kernel's log reports the error at: the index of the
/// last instruction line (`N: (op) ...`) before the message.
fn kernel_error_insn(log: &str) -> Option<usize> {
    log.lines()
        .rev()
        .filter(|l| is_insn_line(l))
        .find_map(|l| l.split_once(": (")?.0.trim().parse().ok())
}

/// What the playground's VM did with the program.
struct PlayRun {
    r0: Option<u64>,
    fault: Option<String>,
    packet: Vec<u8>,
    globals: Vec<(String, Vec<u8>)>,
    ringbufs: Vec<(String, Vec<Vec<u8>>)>,
}

fn play_run(prog: &Program, packet: &[u8]) -> Result<PlayRun, String> {
    // kload runs the program, so the kernel's current task is named "kload".
    let cfg = WorldConfig {
        packet: packet.to_vec(),
        comm: "kload".into(),
        ..WorldConfig::default()
    };
    let opts = VmOptions {
        unsafe_mode: true,
        ..VmOptions::default()
    };
    let mut vm =
        Vm::with_config(prog, &cfg, opts).map_err(|f| format!("VM refused to start: {f:?}"))?;
    let res = vm.run();
    let world = vm.world();
    let globals = world
        .maps
        .iter()
        .filter_map(|m| match &m.def.origin {
            MapOrigin::Global {
                section,
                read_only: false,
                ..
            } => Some((
                section.clone(),
                m.value(0).map(<[u8]>::to_vec).unwrap_or_default(),
            )),
            _ => None,
        })
        .collect();
    let packet = world.packet.flat();
    let names: Vec<String> = world.maps.iter().map(|m| m.def.name.clone()).collect();
    let ringbufs = vm
        .world_mut()
        .consume()
        .into_iter()
        .map(|(i, recs)| (names.get(i).cloned().unwrap_or_default(), recs))
        .collect();
    Ok(PlayRun {
        r0: res.r0,
        fault: res.fault.map(|f| format!("{f:?}")),
        packet,
        globals,
        ringbufs,
    })
}

/// Compares one program; returns the differences as (aspect, text).
fn compare(case: &Case) -> Outcome {
    if !kload_path().is_file() {
        return Outcome::Skip(format!(
            "{} is missing (run `bash scripts/build-kload.sh`; it needs cc and libbpf-dev)",
            kload_path().display()
        ));
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
    let packet = test_packet();
    let pkt = is_packet_type(prog.prog_type).then_some(packet.as_slice());
    let k = match kernel_run(&obj, &case.prog, pkt, flags) {
        Ok(k) => k,
        Err(why) => return Outcome::Skip(why),
    };
    let mut diffs: Vec<(&str, String)> = Vec::new();
    let kernel_accepts = k.verdict == "accept";
    // These programs need at most a few hundred steps in the kernel; a
    // playground walk a hundred times longer (at least 100 000) already
    // disagrees, so it is cut there rather than at 1 000 000 (keeps the test
    // fast even while a program loops in the playground's verifier).
    let limit = kernel_processed(&k.log)
        .unwrap_or(0)
        .saturating_mul(100)
        .max(100_000);
    // The struct update keeps this compiling when options are added.
    #[allow(clippy::needless_update)]
    let opts = VerifierOptions {
        log_level: 1,
        kernel: KernelProfile::Linux6_18,
        complexity_limit: limit,
        strict_alignment: flags & selftest::BPF_F_STRICT_ALIGNMENT != 0,
        ..VerifierOptions::default()
    };
    let report = verifier::verify(&prog, &opts);
    let play_msg = report.message.clone().unwrap_or_default();
    let play_at = report
        .insn
        .map(|i| format!(" at insn {i}"))
        .unwrap_or_default();
    let kmsg_lines = kernel_message(&k.log);
    let kmsg = kmsg_lines.join(" / ");
    let kinsn = kernel_error_insn(&k.log);
    let kat = kinsn.map(|i| format!(" at insn {i}")).unwrap_or_default();
    match (kernel_accepts, report.accepted()) {
        (true, false) => diffs.push((
            "verdict",
            format!(
                "kernel accepts, playground rejects{play_at}: \"{}\"",
                play_msg.replace('\n', " / ")
            ),
        )),
        (false, true) => diffs.push((
            "verdict",
            format!("kernel rejects{kat}: \"{kmsg}\", playground accepts"),
        )),
        (false, false) => {
            let play_lines: Vec<&str> = play_msg
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            if play_lines != kmsg_lines {
                diffs.push((
                    "message",
                    format!(
                        "kernel: \"{kmsg}\"\n          playground: \"{}\"",
                        play_lines.join(" / ")
                    ),
                ));
            }
            if kinsn != report.insn {
                diffs.push((
                    "insn",
                    format!(
                        "kernel reports insn {kinsn:?}, playground insn {:?}",
                        report.insn
                    ),
                ));
            }
        }
        (true, true) => {}
    }
    let processed = format!(
        "processed: kernel {}, playground {}",
        kernel_processed(&k.log).map_or("?".to_string(), |n| n.to_string()),
        report.stats.insns_processed
    );
    if !kernel_accepts {
        let summary = format!("reject ({}){kat}: \"{kmsg}\"; {processed}", k.err_str);
        return finish(case, summary, diffs);
    }
    let mut compared: Vec<String> = vec!["r0".into()];
    match play_run(&prog, &packet) {
        Err(e) => diffs.push(("r0", e)),
        Ok(run) => {
            if let Some(f) = &run.fault {
                diffs.push((
                    "r0",
                    format!(
                        "kernel r0={:#x}, playground VM faulted: {f}",
                        k.retval.unwrap_or(0)
                    ),
                ));
            } else {
                let kr = k.retval.unwrap_or(0) as u32;
                let pr = run.r0.unwrap_or(0) as u32;
                if kr != pr {
                    diffs.push((
                        "r0",
                        format!("kernel r0={kr} ({kr:#x}), playground r0={pr} ({pr:#x})"),
                    ));
                }
            }
            // cgroup_skb and socket run at L3: the kernel's data_out there is a test-run
            // artifact (the Ethernet header zeroed), so it is not compared.
            if let Some(out) = k
                .data_out
                .as_ref()
                .filter(|_| !prog.prog_type.skb_at_l3())
            {
                compared.push("packet".into());
                if *out != run.packet {
                    diffs.push((
                        "packet",
                        format!(
                            "kernel packet {}\n          playground     {}",
                            hex(out),
                            hex(&run.packet)
                        ),
                    ));
                }
            }
            for (kname, kbytes) in &k.globals {
                if let Some((sec, pbytes)) = run
                    .globals
                    .iter()
                    .find(|(sec, _)| kname.ends_with(sec.as_str()))
                {
                    compared.push(sec.clone());
                    if kbytes != pbytes {
                        diffs.push((
                            "globals",
                            format!(
                                "{sec}: kernel {}\n          playground {}",
                                hex(kbytes),
                                hex(pbytes)
                            ),
                        ));
                    }
                }
            }
            for (kname, krecs) in &k.ringbufs {
                compared.push(kname.clone());
                let precs = run
                    .ringbufs
                    .iter()
                    .find(|(n, _)| n == kname)
                    .map(|(_, r)| r.clone())
                    .unwrap_or_default();
                if *krecs != precs {
                    let show =
                        |r: &[Vec<u8>]| r.iter().map(|x| hex(x)).collect::<Vec<_>>().join(" ");
                    diffs.push((
                        "ringbuf",
                        format!(
                            "{kname}: kernel [{}], playground [{}]",
                            show(krecs),
                            show(&precs)
                        ),
                    ));
                }
            }
        }
    }
    let summary = format!(
        "accept, r0={} (compared verdict, {}); {processed}",
        k.retval.unwrap_or(0) as u32 as i32,
        compared.join(", ")
    );
    finish(case, summary, diffs)
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

#[test]
fn annotation_lines_are_not_function_headers() {
    assert!(is_annotation_line("__flag(BPF_F_STRICT_ALIGNMENT)"));
    assert!(is_annotation_line("__success __retval(0)"));
    assert!(is_annotation_line("__failure __msg(\"a (b) c\")"));
    assert!(!is_annotation_line("__naked int f(void)"));
    assert!(!is_annotation_line("int f(struct xdp_md *ctx)"));
}

//! What the kernel comparisons share (`kernel_compare.rs`, the hand-written
//! programs; `kernel_diff.rs`, the generated ones): running `kload` and
//! reading its JSON line, reading the kernel's verifier log, running a
//! program in the playground's VM, and comparing one program on both sides.
//!
//! [`compare_program`] loads nothing itself: the caller gives the linked
//! playground [`Program`] and the object path `kload` loads it from, and
//! gets the differences as (aspect, text) pairs, where the aspect is one of
//! `verdict`, `message`, `insn`, `r0`, `packet`, `globals`, `maps`,
//! `ringbuf`. What counts as a known difference is the caller's business.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use dynptr_play::program::{MapOrigin, MapType, ProgType, Program};
use dynptr_play::verifier::{self, KernelProfile, Report, VerifierOptions};
use dynptr_play::vm::{Vm, VmOptions};
use dynptr_play::world::WorldConfig;
use serde_json::Value;

/// `tests/kernel/build/kload`, built by `scripts/build-kload.sh`.
pub fn kload_path() -> PathBuf {
    dynptr_tests::repo_root().join("tests/kernel/build/kload")
}

/// Why the comparison cannot run at all (kload missing), if it cannot.
pub fn kload_missing() -> Option<String> {
    (!kload_path().is_file()).then(|| {
        format!(
            "{} is missing (run `bash scripts/build-kload.sh`; it needs cc and libbpf-dev)",
            kload_path().display()
        )
    })
}

/// What the kernel said about one program (kload's JSON line).
#[derive(Debug, Clone, Default)]
pub struct KernelResult {
    /// `accept` or `reject` (a refusal is an `Err` of [`kernel_run`]).
    pub verdict: String,
    /// strerror of the load or run error.
    pub err_str: String,
    /// The verifier log (level 1).
    pub log: String,
    /// BPF_PROG_TEST_RUN's return value.
    pub retval: Option<u64>,
    /// The packet after the run.
    pub data_out: Option<Vec<u8>>,
    /// (map name, bytes) of every internal map.
    pub globals: Vec<(String, Vec<u8>)>,
    /// (map name, every value in key order) of every declared array map.
    pub arrays: Vec<(String, Vec<u8>)>,
    /// (map name, records) of every ring buffer.
    pub ringbufs: Vec<(String, Vec<Vec<u8>>)>,
}

/// Why the kernel could not be asked about a program.
#[derive(Debug, Clone)]
pub struct Refusal {
    /// The explanation.
    pub why: String,
    /// The kernel refused before verifying because loading BPF is not
    /// allowed at all (EPERM: not root, no CAP_BPF): nothing can be compared.
    pub no_bpf: bool,
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .filter_map(|i| s.get(2 * i..2 * i + 2))
        .filter_map(|b| u8::from_str_radix(b, 16).ok())
        .collect()
}

/// Packet program types: kload gets the packet as `--data`.
pub fn is_packet_type(t: ProgType) -> bool {
    matches!(
        t,
        ProgType::Xdp | ProgType::Tc | ProgType::CgroupSkb | ProgType::Socket
    )
}

fn named_hex_list(v: &Value, key: &str) -> Vec<(String, Vec<u8>)> {
    v.get(key)
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
        .unwrap_or_default()
}

/// Runs kload on program `prog` of `obj`; `Err` is why the kernel cannot be
/// asked.
pub fn kernel_run(
    obj: &Path,
    prog: &str,
    packet: Option<&[u8]>,
    ctx: Option<&[u8]>,
    flags: u32,
) -> Result<KernelResult, Refusal> {
    let mut cmd = Command::new(kload_path());
    cmd.arg(obj).arg(prog);
    if flags != 0 {
        cmd.arg("--flags").arg(flags.to_string());
    }
    if let Some(p) = packet {
        cmd.arg("--data").arg(hex(p));
    }
    if let Some(c) = ctx {
        cmd.arg("--ctx-in").arg(hex(c));
    }
    let out = cmd.output().map_err(|e| Refusal {
        why: format!("cannot run kload: {e}"),
        no_bpf: false,
    })?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().next().unwrap_or("");
    let v: Value = serde_json::from_str(line).map_err(|e| Refusal {
        why: format!(
            "kload printed no JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        no_bpf: false,
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
        let no_bpf = v.get("err").and_then(Value::as_i64) == Some(-1);
        if no_bpf {
            why = format!("loading BPF needs root or CAP_BPF; {why}");
        }
        return Err(Refusal {
            why: format!(
                "kernel refused to load ({}, at {}){}",
                s("err_str"),
                s("stage"),
                if why.is_empty() {
                    String::new()
                } else {
                    format!(": {why}")
                }
            ),
            no_bpf,
        });
    }
    if verdict == "accept" && s("stage") != "done" {
        return Err(Refusal {
            why: format!(
                "the kernel accepted it but BPF_PROG_TEST_RUN failed: {}",
                s("err_str")
            ),
            no_bpf: false,
        });
    }
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
        globals: named_hex_list(&v, "globals"),
        arrays: named_hex_list(&v, "arrays"),
        ringbufs,
    })
}

/// Whether a log line is an instruction line (`12: (85) call ...`).
pub fn is_insn_line(l: &str) -> bool {
    l.split_once(": (")
        .is_some_and(|(n, _)| !n.is_empty() && n.trim().bytes().all(|b| b.is_ascii_digit()))
}

/// The kernel's error message: the lines after the last instruction line
/// and before the statistics ("processed N insns ..."); usually one line,
/// sometimes two ("Unreleased reference ..." then "BPF_EXIT ... leak").
pub fn kernel_message(log: &str) -> Vec<String> {
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
pub fn kernel_processed(log: &str) -> Option<u64> {
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
pub fn kernel_error_insn(log: &str) -> Option<usize> {
    log.lines()
        .rev()
        .filter(|l| is_insn_line(l))
        .find_map(|l| l.split_once(": (")?.0.trim().parse().ok())
}

/// What the playground's VM did with the program.
pub struct PlayRun {
    pub r0: Option<u64>,
    pub fault: Option<String>,
    pub packet: Vec<u8>,
    pub globals: Vec<(String, Vec<u8>)>,
    pub arrays: Vec<(String, Vec<u8>)>,
    pub ringbufs: Vec<(String, Vec<Vec<u8>>)>,
    /// Reads of never-written stack the run made (the 6.18 profile allows
    /// them): the kernel read its stale stack bytes there, which no
    /// simulation knows, so the run's results are not compared.
    pub uninit_stack_reads: u64,
}

/// The world a kernel test run sees: the packet, the task `kload`.
pub fn kernel_world(packet: &[u8]) -> WorldConfig {
    WorldConfig {
        packet: packet.to_vec(),
        comm: "kload".into(),
        ..WorldConfig::default()
    }
}

pub fn play_run(prog: &Program, packet: &[u8]) -> Result<PlayRun, String> {
    let cfg = kernel_world(packet);
    let opts = VmOptions {
        unsafe_mode: true,
        // The profile compared is 6.18's, which lets a privileged loader
        // read never-written stack.
        allow_uninit_stack: true,
        packet_dynptr_data: false,
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
    let arrays = world
        .maps
        .iter()
        .filter(|m| {
            m.def.map_type == MapType::Array && !matches!(m.def.origin, MapOrigin::Global { .. })
        })
        .map(|m| {
            let bytes = (0..m.def.max_entries)
                .flat_map(|k| m.value(k).map(<[u8]>::to_vec).unwrap_or_default())
                .collect();
            (m.def.name.clone(), bytes)
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
        uninit_stack_reads: vm.uninit_stack_reads(),
        r0: res.r0,
        fault: res.fault.map(|f| format!("{f:?}")),
        packet,
        globals,
        arrays,
        ringbufs,
    })
}

/// One program compared: what the kernel said, what the playground said,
/// and where they differ.
pub struct Comparison {
    pub kernel: KernelResult,
    pub report: Report,
    /// The kernel's message lines joined by " / ".
    pub kernel_msg: String,
    /// The kernel's error instruction.
    pub kernel_insn: Option<usize>,
    /// (aspect, text) of every difference.
    pub diffs: Vec<(&'static str, String)>,
    /// One line: the verdict, the compared aspects, the processed counts.
    pub summary: String,
}

/// Verifies `prog` in the `6.18` profile with a complexity limit of 100
/// times what the kernel processed (at least 100 000): a playground walk
/// that much longer already disagrees, and the cut keeps a test fast even
/// while a program loops in the playground's verifier.
pub fn play_verify(prog: &Program, kernel_log: &str, flags: u32) -> Report {
    let limit = kernel_processed(kernel_log)
        .unwrap_or(0)
        .saturating_mul(100)
        .max(100_000);
    // The struct update keeps this compiling when options are added.
    #[allow(clippy::needless_update)]
    let opts = VerifierOptions {
        log_level: 1,
        kernel: KernelProfile::Linux6_18,
        complexity_limit: limit,
        record_states: false,
        strict_alignment: flags & dynptr_play::selftest::BPF_F_STRICT_ALIGNMENT != 0,
        ..VerifierOptions::default()
    };
    verifier::verify(prog, &opts)
}

/// The context a `syscall` program gets when the caller asks for one: the
/// playground's opaque context, 64 zero bytes (`WorldConfig::ctx_args`
/// empty). Without one the kernel refuses to test-run a program that
/// touches its context (EINVAL).
pub const SYSCALL_CTX: [u8; 64] = [0; 64];

/// Compares program `name` of object `obj` (linked for the playground as
/// `prog`) on both sides; a packet program runs on `packet`, a `syscall`
/// program on [`SYSCALL_CTX`] when `syscall_ctx` is set. `Err` is why the
/// kernel could not be asked.
pub fn compare_program(
    prog: &Program,
    obj: &Path,
    name: &str,
    packet: &[u8],
    syscall_ctx: bool,
    flags: u32,
) -> Result<Comparison, Refusal> {
    let pkt = is_packet_type(prog.prog_type).then_some(packet);
    let ctx = (syscall_ctx && prog.prog_type == ProgType::Syscall).then_some(&SYSCALL_CTX[..]);
    let k = kernel_run(obj, name, pkt, ctx, flags)?;
    let mut diffs: Vec<(&'static str, String)> = Vec::new();
    let kernel_accepts = k.verdict == "accept";
    let report = play_verify(prog, &k.log, flags);
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
        return Ok(Comparison {
            kernel_msg: kmsg,
            kernel_insn: kinsn,
            kernel: k,
            report,
            diffs,
            summary,
        });
    }
    let mut compared: Vec<String> = vec!["r0".into()];
    match play_run(prog, packet) {
        Err(e) => diffs.push(("r0", e)),
        Ok(run) if run.uninit_stack_reads > 0 => compared.push(format!(
            "not the run: it read never-written stack {} time(s), stale bytes in the kernel",
            run.uninit_stack_reads
        )),
        Ok(run) => compare_run(prog, &k, &run, &mut diffs, &mut compared),
    }
    let summary = format!(
        "accept, r0={} (compared verdict, {}); {processed}",
        k.retval.unwrap_or(0) as u32 as i32,
        compared.join(", ")
    );
    Ok(Comparison {
        kernel_msg: kmsg,
        kernel_insn: kinsn,
        kernel: k,
        report,
        diffs,
        summary,
    })
}

/// The run's differences: r0 (low 32 bits), the packet, writable globals,
/// array maps, ring buffer records.
fn compare_run(
    prog: &Program,
    k: &KernelResult,
    run: &PlayRun,
    diffs: &mut Vec<(&'static str, String)>,
    compared: &mut Vec<String>,
) {
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
    // cgroup_skb runs at L3: the kernel's data_out there is a test-run
    // artifact (the Ethernet header zeroed), so it is not compared.
    if let Some(out) = k.data_out.as_ref().filter(|_| !prog.prog_type.skb_at_l3()) {
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
    for (kname, kbytes) in &k.arrays {
        compared.push(kname.clone());
        let pbytes = run
            .arrays
            .iter()
            .find(|(n, _)| n == kname)
            .map(|(_, b)| b.clone())
            .unwrap_or_default();
        if *kbytes != pbytes {
            diffs.push((
                "maps",
                format!(
                    "{kname}: kernel {}\n          playground {}",
                    hex(kbytes),
                    hex(&pbytes)
                ),
            ));
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
            let show = |r: &[Vec<u8>]| r.iter().map(|x| hex(x)).collect::<Vec<_>>().join(" ");
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

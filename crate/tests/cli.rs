//! The `dynptr-play` command as CI scripts use it: exit codes, JSON fields,
//! and each subcommand end to end.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dynptr-play"))
}

fn write_tmp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dynptr-play-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write temp file");
    path
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("dynptr-play runs")
}

const ACCEPTED: &str = "\
.program advance_ok syscall
.data buf 16 = 0
; a local dynptr over a 16-byte global (a map value), advanced by 4
    r1 = buf ll
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_dynptr_from_mem
    r1 = r10
    r1 += -16
    r2 = 4
    call bpf_dynptr_advance
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_size
    exit
";

const REJECTED: &str = "\
.program is_null_invalid syscall
; bpf_dynptr_is_null on a stack slot that holds no dynptr
    r1 = r10
    r1 += -16
    call bpf_dynptr_is_null
    r0 = 0
    exit
";

#[test]
fn verify_accepts_with_exit_0_and_json_fields() {
    let path = write_tmp("ok.s", ACCEPTED);
    let out = run(&["verify", "--json", path.to_str().expect("utf-8 path")]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["verdict"], "accepted");
    for field in ["message", "insn", "line", "log", "explanation", "stats"] {
        assert!(v.get(field).is_some(), "missing field {field}: {v}");
    }
    assert!(
        v["stats"]["insns_processed"]
            .as_u64()
            .is_some_and(|n| n == 14),
        "{v}"
    );
}

#[test]
fn verify_rejects_with_exit_1_message_insn_and_line() {
    let path = write_tmp("bad.s", REJECTED);
    let out = run(&["verify", "--json", path.to_str().expect("utf-8 path")]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["verdict"], "rejected");
    assert_eq!(v["message"], "Expected an initialized dynptr as arg #1");
    assert_eq!(v["insn"], 2);
    assert_eq!(
        v["line"], 5,
        "line of `call bpf_dynptr_is_null` in the file"
    );
    assert!(v["explanation"].as_str().is_some_and(|e| !e.is_empty()));

    let upstream = run(&[
        "verify",
        "--json",
        "--wording",
        "upstream",
        path.to_str().expect("utf-8 path"),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&upstream.stdout).expect("JSON on stdout");
    assert_eq!(v["message"], "Expected an initialized dynptr as arg #0");
}

#[test]
fn bad_input_exits_2_with_line_and_column() {
    let path = write_tmp("typo.s", "r0 = 0\nr1 +== 3\nexit\n");
    let out = run(&["verify", path.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("column"), "{err}");

    let out = run(&["verify", "/nonexistent/prog.s"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn run_prints_r0() {
    let path = write_tmp("run.s", ACCEPTED);
    let out = run(&["run", "--json", path.to_str().expect("utf-8 path")]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(
        v["r0"], 12,
        "size after advancing a 16-byte dynptr by 4: {v}"
    );
    assert!(v["fault"].is_null());
}

#[test]
fn run_refuses_rejected_programs_unless_unsafe() {
    let path = write_tmp("bad-run.s", REJECTED);
    let out = run(&["run", path.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Expected an initialized dynptr"));
    let out = run(&["run", "--unsafe", path.to_str().expect("utf-8 path")]);
    assert!(out.status.code().is_some(), "no crash in unsafe mode");
}

#[test]
fn asm_then_disasm_round_trips() {
    let src = write_tmp("rt.s", ACCEPTED);
    let bin_path = src.with_extension("bin");
    let out = run(&[
        "asm",
        src.to_str().expect("utf-8"),
        "-o",
        bin_path.to_str().expect("utf-8"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&bin_path).expect("bytecode written");
    assert_eq!(bytes.len() % 8, 0);
    let out = run(&["disasm", bin_path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0));
    let listing = write_tmp("rt2.s", &String::from_utf8_lossy(&out.stdout));
    let bin2 = listing.with_extension("bin");
    let out = run(&[
        "asm",
        listing.to_str().expect("utf-8"),
        "-o",
        bin2.to_str().expect("utf-8"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&bin2).expect("written"), bytes);
}

#[test]
fn conformance_plugin_protocol() {
    // mov32 r0, 7; ldxb r1, [r1]; add r0, r1; exit  with memory 05
    let program = "b4 00 00 00 07 00 00 00 71 11 00 00 00 00 00 00 0f 10 00 00 00 00 00 00 95 00 00 00 00 00 00 00";
    let mut child = bin()
        .args(["conformance-plugin", "05"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawns");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(program.as_bytes())
        .expect("writes");
    let out = child.wait_with_output().expect("finishes");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "c");
}

/// Runs `args` and expects the bad-input exit: code 2, one `dynptr-play:`
/// line on stderr holding `what`, and never a panic.
fn refused(args: &[&str], what: &str) {
    let out = run(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(
        err.starts_with("dynptr-play: ") && err.contains(what),
        "{args:?}: {err}"
    );
    assert!(!err.contains("panicked"), "{args:?}: {err}");
}

fn write_tmp_bytes(name: &str, bytes: &[u8]) -> String {
    let path = write_tmp(name, "");
    std::fs::write(&path, bytes).expect("write temp file");
    path.to_str().expect("utf-8 path").to_string()
}

#[test]
fn nasty_inputs_exit_2_with_a_message() {
    refused(
        &["verify", "/dev/null"],
        "expected at least one instruction",
    );
    refused(&["verify", &std::env::temp_dir().display().to_string()], "");
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 | 0x80)
        .collect();
    refused(
        &["verify", &write_tmp_bytes("garbage.s", &garbage)],
        "not UTF-8 text",
    );
    let mut bad_elf = b"\x7fELF".to_vec();
    bad_elf.extend(&garbage);
    refused(
        &["verify", &write_tmp_bytes("bad.o", &bad_elf)],
        "not a readable ELF object",
    );
    // This test's own executable: a real ELF file, for the host, not BPF.
    let host = std::env::current_exe().expect("test executable");
    refused(&["verify", host.to_str().expect("utf-8 path")], "not BPF");
    refused(
        &["verify", &write_tmp_bytes("odd.bin", &[0x95; 13])],
        "not a multiple of 8",
    );
    let long = format!("r0 = {}\nexit\n", "9".repeat(100_000));
    refused(
        &[
            "verify",
            write_tmp("long.s", &long).to_str().expect("utf-8 path"),
        ],
        "at most 256 characters",
    );
    let ok = write_tmp("ok.s", "r0 = 0\nexit\n");
    let ok = ok.to_str().expect("utf-8 path");
    refused(&["disasm", ok, "--program", "nope"], "--program nope");
    refused(&["run", ok, "--packet", "0a0"], "even number of hex digits");
    refused(
        &["run", ok, "--packet", "0a zz"],
        "found `z` at character 4",
    );
    refused(&["run", ok, "--packet", "é1"], "found `é` at character 1");
    refused(
        &[
            "run",
            ok,
            "--world",
            write_tmp("w.json", "{\"packet\": ")
                .to_str()
                .expect("utf-8 path"),
        ],
        "not a world description",
    );
    refused(
        &[
            "run",
            ok,
            "--world",
            write_tmp("a.json", "[1, 2]").to_str().expect("utf-8 path"),
        ],
        "not a world description",
    );
    refused(
        &["run", ok, "--world", "/nonexistent/world.json"],
        "/nonexistent/world.json",
    );
    let out = run(&["verify", ok, "--log-level", "7"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "clap refuses log levels above 2"
    );
}

#[test]
fn type_takes_the_directive_names() {
    let ok = write_tmp("typed.s", "r0 = 0\nexit\n");
    let ok = ok.to_str().expect("utf-8 path");
    for (arg, directive) in [
        ("cgroup_skb", "cgroup_skb"),
        ("cgroup-skb", "cgroup_skb"),
        ("raw_tp", "raw_tp"),
        ("xdp", "xdp"),
    ] {
        let out = run(&["disasm", ok, "--type", arg]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{arg}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.starts_with(&format!(".program prog {directive}\n")),
            "{arg}: {text}"
        );
    }
}

#[test]
fn a_closed_stdout_is_an_error_not_a_panic() {
    // More output than a pipe buffers, so the writer meets the closed end.
    let src: String = std::iter::repeat_n("r0 = 0\n", 20_000)
        .chain(["exit\n"])
        .collect();
    let path = write_tmp("long_listing.s", &src);
    let mut child = bin()
        .args(["disasm", path.to_str().expect("utf-8 path")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("finishes");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("stdout") && !err.contains("panicked"), "{err}");
}

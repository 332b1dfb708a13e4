//! The `dynptr-play` command as CI scripts use it: exit codes, JSON fields,
//! and each subcommand end to end.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Output, Stdio};

mod common;
use common::{bin, compile_bpf, write_tmp};

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

    // Linux 6.18 has none of the series' helpers; `--wording upstream` is
    // the old spelling of `--kernel 6.18`.
    for args in [["--kernel", "6.18"], ["--wording", "upstream"]] {
        let out = run(&[
            "verify",
            "--json",
            args[0],
            args[1],
            path.to_str().expect("utf-8 path"),
        ]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
        assert_eq!(v["message"], "invalid func unknown#216", "{args:?}");
    }
    let out = run(&[
        "verify",
        "--kernel",
        "6.1",
        path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown profile is bad input"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("6.18"));
    // run checks with the chosen profile's verifier too.
    let out = run(&[
        "run",
        "--kernel",
        "6.18",
        path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid func unknown#216"));
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

/// The Ethernet type as one 4-byte load at packet offset 12: 2 + 12 is not
/// a multiple of 4 (NET_IP_ALIGN), refused only with --strict-alignment.
const ETH_WORD: &str = "\
.program eth_word xdp
    r2 = *(u32 *)(r1 + 0)
    r3 = *(u32 *)(r1 + 4)
    r4 = r2
    r4 += 34
    if r4 > r3 goto out
    r0 = *(u32 *)(r2 + 12)
    exit
out:
    r0 = 0
    exit
";

#[test]
fn strict_alignment_flag_on_verify_and_run() {
    let path = write_tmp("eth-word.s", ETH_WORD);
    let p = path.to_str().expect("utf-8 path");
    assert_eq!(run(&["verify", p]).status.code(), Some(0));
    let out = run(&["verify", "--strict-alignment", "--kernel", "6.18", p]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("misaligned packet access off 2+0+0+12 size 4"),
        "{text}"
    );
    assert_eq!(run(&["run", p]).status.code(), Some(0));
    let out = run(&["run", "--strict-alignment", p]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("misaligned packet access"));
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

/// The issue's CI contract: `--set`, `--pid`, and `run --json`'s fields.
const PID_FILTER: &str = "\
.program pid_filter syscall
.map rb ringbuf max_entries=4096
.data target_pid 4 = 0
.data hits 8 = 0
.data tag 6 = \"abc\"
.bss scratch 16
; count the runs of target_pid's task, record pid_tgid, then reserve and discard
    call bpf_get_current_pid_tgid
    r6 = r0
    r1 = target_pid ll
    r2 = *(u32 *)(r1 + 0)
    r3 = r6
    r3 >>= 32
    if r3 != r2 goto out
    r1 = hits ll
    r2 = *(u64 *)(r1 + 0)
    r2 += 1
    *(u64 *)(r1 + 0) = r2
    r1 = rb ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve
    if r0 == 0 goto out
    *(u64 *)(r0 + 0) = r6
    r1 = r0
    r2 = 0
    call bpf_ringbuf_submit
    r1 = rb ll
    r2 = 4
    r3 = 0
    call bpf_ringbuf_reserve
    if r0 == 0 goto out
    r1 = r0
    r2 = 0
    call bpf_ringbuf_discard
out:
    r0 = r6
    exit
";

/// `run --json` of `args`: exit 0 and the JSON object.
fn run_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["run", "--json"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{all:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn run_set_and_pid_reach_the_program_and_the_json() {
    let path = write_tmp("pid_filter.s", PID_FILTER);
    let p = path.to_str().expect("utf-8 path");
    let v = run_json(&[p, "--set", "target_pid=42", "--pid", "42:77"]);
    assert_eq!(v["r0"], (42u64 << 32) | 77, "tgid high, pid low: {v}");
    assert!(v["fault"].is_null());
    assert!(v["insns_executed"].as_u64().is_some_and(|n| n > 20), "{v}");
    assert_eq!(
        v["globals"],
        serde_json::json!({
            "target_pid": 42,
            "hits": 1,
            "tag": "616263000000",
            "scratch": "00000000000000000000000000000000",
        }),
        "untyped globals: numbers for 1/2/4/8 bytes, else hex"
    );
    assert_eq!(
        v["ringbuf"],
        serde_json::json!([
            {"map": "rb", "seq": 0, "state": "committed", "len": 8, "bytes": "4d0000002a000000"},
            {"map": "rb", "seq": 1, "state": "discarded", "len": 4, "bytes": "00000000"},
        ])
    );
    assert!(v["packet"].is_null(), "a syscall program has no packet");
    assert_eq!(v["trace_printk"], serde_json::json!([]));
    assert!(v["snapshot"]["maps"].is_array(), "the snapshot as before");

    // Another task: no hit. PID defaults to TGID.
    let v = run_json(&[p, "--set", "target_pid=0x2a", "--pid", "43"]);
    assert_eq!(v["r0"], (43u64 << 32) | 43);
    assert_eq!(v["globals"]["hits"], 0);
    assert_eq!(v["globals"]["target_pid"], 42, "0x hex");
    assert_eq!(v["ringbuf"], serde_json::json!([]));

    // Negative numbers, strings, repeated --set.
    let v = run_json(&[
        p,
        "--set",
        "hits=-2",
        "--set",
        "tag=\"xy\\n\"",
        "--set",
        "target_pid=7",
        "--pid",
        "7:1",
    ]);
    assert_eq!(v["globals"]["hits"], u64::MAX, "-2 then one hit");
    assert_eq!(v["globals"]["tag"], "78790a000000");
}

#[test]
fn run_set_refuses_unknown_globals_and_values_that_do_not_fit() {
    let path = write_tmp("pid_filter_bad.s", PID_FILTER);
    let p = path.to_str().expect("utf-8 path");
    refused(&["run", p, "--set", "nope=1"], "nope is unknown");
    refused(
        &["run", p, "--set", "nope=1"],
        "hits, scratch, tag, target_pid",
    );
    refused(
        &["run", p, "--set", "target_pid=4294967296"],
        "does not fit a 4-byte global",
    );
    refused(
        &["run", p, "--set", "target_pid=-2147483649"],
        "does not fit",
    );
    refused(
        &["run", p, "--set", "tag=\"abcdefg\""],
        "7 bytes; it holds 6",
    );
    refused(&["run", p, "--set", "tag=1"], "1, 2, 4 or 8 bytes");
    refused(&["run", p, "--set", "hits=ten"], "not an integer");
    refused(&["run", p, "--set", "hits"], "expected NAME=VALUE");
    let out = run(&["run", p, "--pid", "1:x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("TGID[:PID]"));
}

#[test]
fn run_json_packet_and_trace_printk() {
    let src = "\
.program mark xdp
.rodata fmt 6 = \"hi %d\"
    r6 = r1
    r1 = fmt ll
    r2 = 6
    r3 = 7
    r4 = 0
    r5 = 0
    call bpf_trace_printk
    r2 = *(u32 *)(r6 + 0)
    r3 = *(u32 *)(r6 + 4)
    r4 = r2
    r4 += 1
    if r4 > r3 goto out
    r5 = 0xaa
    *(u8 *)(r2 + 0) = r5
out:
    r0 = 2
    exit
";
    let path = write_tmp("mark.s", src);
    let v = run_json(&[
        path.to_str().expect("utf-8 path"),
        "--packet",
        "00112233445566778899aabbccdd0800",
    ]);
    assert_eq!(v["r0"], 2);
    assert_eq!(v["packet"], "aa112233445566778899aabbccdd0800");
    assert_eq!(v["trace_printk"], serde_json::json!(["hi 7"]));
    assert_eq!(v["globals"]["fmt"], "686920256400", "\"hi %d\\0\" in hex");
}

#[test]
fn prog_is_an_alias_of_program() {
    let ok = write_tmp("alias.s", "r0 = 0\nexit\n");
    let ok = ok.to_str().expect("utf-8 path");
    // Accepted by clap on every subcommand; refused by the loader, as
    // --program is, because assembly has one program.
    for cmd in ["verify", "run", "asm", "disasm"] {
        refused(
            &[cmd, ok, "--prog", "p"],
            "--program p picks a program of an ELF object",
        );
    }
}

const TYPED_GLOBALS: &str = r#"
#define SEC(n) __attribute__((section(n), used))
static unsigned long long (*bpf_get_current_pid_tgid)(void) = (void *)14;
typedef unsigned char u8;
int target_pid = 0;
volatile int hits = 5;
char comm[16] = "init";
const volatile unsigned char level = 3;
struct pt { short x; unsigned y : 3; int z : 5; union { int a; unsigned b; }; } pt = {-2, 5, -3, {-1}};
u8 mac[6] = {1, 2, 3, 4, 5, 6};
long arr[3] = {1, -2, 3};
enum color { RED, GREEN } col = GREEN;
_Bool flag = 1;
SEC("syscall") int count(void *ctx)
{
	unsigned long long id = bpf_get_current_pid_tgid();
	if ((id >> 32) == target_pid && (unsigned)id == 77)
		hits++;
	if (comm[0] == 'x')
		hits += 100;
	return hits + level;
}
char LICENSE[] SEC("license") = "GPL";
"#;

#[test]
fn run_json_prints_globals_by_their_btf_type() {
    let Some(obj) = compile_bpf("typed_globals", TYPED_GLOBALS) else {
        return;
    };
    let o = obj.to_str().expect("utf-8 path");
    let v = run_json(&[
        o,
        "--prog",
        "count",
        "--set",
        "target_pid=42",
        "--pid",
        "42:77",
        "--set",
        "comm=\"xy\"",
        "--set",
        "level=0xff",
    ]);
    assert_eq!(v["r0"], 106 + 255);
    assert_eq!(
        v["globals"],
        serde_json::json!({
            "target_pid": 42,
            "hits": 106,
            "comm": "xy",
            "level": 255,
            "pt": {"x": -2, "y": 5, "z": -3, "a": -1, "b": 4294967295u32},
            "mac": [1, 2, 3, 4, 5, 6],
            "arr": [1, -2, 3],
            "col": 1,
            "flag": true,
        })
    );
    refused(
        &["run", o, "--set", "level=256"],
        "level: 256 does not fit a u8",
    );
    refused(
        &["run", o, "--set", "target_pid=-2147483649"],
        "does not fit a s32",
    );
    refused(&["run", o, "--set", "comm=1"], "it is a char[16]");
    refused(
        &["run", o, "--set", "hits=\"x\""],
        "a quoted string sets only a char array",
    );
    refused(&["run", o, "--set", "pt=1"], "it is a struct");
    refused(&["run", o, "--set", "flag=2"], "not 0 or 1");
    let out = run(&["disasm", o, "--prog", "count"]);
    assert_eq!(out.status.code(), Some(0));
}

const ADD_DATA: &str = "\
# a conformance-suite case
-- asm
mov32 %r0, 0
mov32 %r1, 2
add32 %r0, 1
add32 %r0, %r1
exit
-- result
0x3
";

#[test]
fn conformance_data_files_run_and_assemble() {
    let ok = write_tmp("add.data", ADD_DATA);
    let out = run(&["run", ok.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("pass: r0 = 0x3"), "{text}");

    let bad = write_tmp("add_wrong.data", &ADD_DATA.replace("0x3", "0x4"));
    let out = run(&["run", "--json", bad.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1), "a failed case exits 1");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["verdict"], "fail");
    assert_eq!(v["r0"], 3);
    assert_eq!(v["expected_result"], 4);
    assert_eq!(v["insns_executed"], 5);

    // -- mem: r1 points at it, r2 holds its length; -- raw programs.
    let mem = write_tmp(
        "mem.data",
        "-- raw\n0x0000000000001071\n95 00 00 00 00 00 00 00\n-- mem\n2a 00\n-- result\n42\n",
    );
    let out = run(&["run", "--json", mem.to_str().expect("utf-8 path")]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        (v["verdict"].as_str(), v["r0"].as_u64()),
        (Some("pass"), Some(42)),
        "{v}"
    );
    assert_eq!(v["mem"], "2a00");

    // -- error: a refusal passes; a program that runs fails.
    let refused_ok = write_tmp(
        "err.data",
        "-- asm\nmov %r0, %r99\nexit\n-- error\nInvalid register\n",
    );
    let out = run(&["run", refused_ok.to_str().expect("utf-8 path")]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.starts_with("pass: refused as expected") && text.contains("line 2"),
        "{text}"
    );
    let runs = write_tmp(
        "err_runs.data",
        "-- asm\nmov %r0, 1\nexit\n-- error\nInvalid\n",
    );
    let out = run(&["run", runs.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("fail: expected an error"));

    // asm and disasm take the program of a .data file.
    let out = run(&["asm", ok.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().next(),
        Some("b4 00 00 00 00 00 00 00")
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 5);

    // A malformed file names its line; world options do not apply.
    let broken = write_tmp("broken.data", "-- asm\nexit\n-- mem\n0g\n");
    refused(&["run", broken.to_str().expect("utf-8 path")], "line 4");
    refused(
        &["run", ok.to_str().expect("utf-8 path"), "--set", "x=1"],
        "--set does not apply to a conformance .data file",
    );
}

/// The conformance suite's directory: `$DYNPTR_CONFORMANCE_DIR`, or
/// `../shared/conformance` beside the repository. `None` (with a notice)
/// when absent, except under `CI=true`.
fn conformance_suite() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = match std::env::var_os("DYNPTR_CONFORMANCE_DIR") {
        Some(d) => PathBuf::from(d),
        None => root.join("../shared/conformance"),
    };
    if dir.join("tests").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "the conformance suite is not at {} (set DYNPTR_CONFORMANCE_DIR)",
        dir.display()
    );
    common::skip_notice(
        "conformance (cli)",
        &format!(
            "no conformance suite at {} (set DYNPTR_CONFORMANCE_DIR)",
            dir.display()
        ),
    );
    None
}

#[test]
fn every_conformance_case_passes_through_run() {
    let Some(dir) = conformance_suite() else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("tests"))
        .expect("readable suite")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "data"))
        .collect();
    files.sort();
    assert!(files.len() > 300, "found only {} cases", files.len());
    let mut failed = Vec::new();
    for f in &files {
        let out = run(&["run", f.to_str().expect("utf-8 path")]);
        let text = String::from_utf8_lossy(&out.stdout);
        if out.status.code() != Some(0) || !text.starts_with("pass: ") {
            failed.push(format!(
                "{}: {}{}",
                f.display(),
                text.trim(),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn run_check_states_reports_checked_steps_and_escapes() {
    let ok = write_tmp("check_ok.s", ACCEPTED);
    let out = run(&[
        "run",
        "--check-states",
        "--json",
        ok.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert!(v["checked_steps"].as_u64().is_some_and(|n| n >= 10), "{v}");
    assert_eq!(v["state_escapes"], serde_json::json!([]));
    assert_eq!(v["states_exact"], true);
    // Without --check-states the fields are absent.
    let plain = run(&["run", "--json", ok.to_str().expect("utf-8 path")]);
    let v: serde_json::Value = serde_json::from_slice(&plain.stdout).expect("JSON on stdout");
    assert!(v.get("checked_steps").is_none(), "{v}");

    // A read 8 bytes into an unchecked packet: refused, and the unsafe run
    // escapes at the read (and faults on a short packet).
    let bad = write_tmp(
        "check_bad.s",
        ".program p xdp\n    r2 = *(u32 *)(r1 + 0)\n    r0 = *(u8 *)(r2 + 8)\n    r0 = 2\n    exit\n",
    );
    let out = run(&[
        "run",
        "--unsafe",
        "--check-states",
        "--packet",
        "0102",
        "--json",
        bad.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let e = &v["state_escapes"][0];
    assert_eq!(e["insn"], 1, "{v}");
    assert!(
        e["message"]
            .as_str()
            .is_some_and(|m| m.contains("refused this state at insn 1")),
        "{e}"
    );
    assert_eq!(v["fault_insn"], 1);
    // Text: the escape is said in one line.
    let out = run(&[
        "run",
        "--unsafe",
        "--check-states",
        "--packet",
        "0102",
        bad.to_str().expect("utf-8 path"),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("escape at step 1 (insn 1)"), "{text}");
    // Refused without --unsafe.
    let out = run(&["run", "--check-states", bad.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("rejects"));
}

/// `verify --json`'s `provenance`: `{insn, role, text}` per step of the
/// chain that led to the rejection, the last the rejected instruction, and
/// the explanation numbering the same steps.
#[test]
fn verify_json_prints_the_provenance_chain() {
    let path = common::repo_root().join("static/examples/rej_clone_invalidate1.s");
    let out = run(&["verify", "--json", path.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let steps = v["provenance"].as_array().expect("provenance is an array");
    let got: Vec<(u64, &str)> = steps
        .iter()
        .map(|s| {
            let o = s.as_object().expect("a step is an object");
            let mut keys: Vec<&str> = o.keys().map(String::as_str).collect();
            keys.sort_unstable();
            assert_eq!(keys, ["insn", "role", "text"], "{s}");
            (
                s["insn"].as_u64().expect("insn"),
                s["role"].as_str().expect("role"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (6, "created"),
            (12, "cloned"),
            (16, "released"),
            (24, "rejected")
        ]
    );
    assert_eq!(v["insn"], 24);
    let ex = v["explanation"].as_str().expect("explanation");
    assert!(
        ex.contains("① insn 6: the ringbuf dynptr fp-16 is created by bpf_ringbuf_reserve_dynptr"),
        "{ex}"
    );
    assert!(ex.contains("so the use at ④ is invalid"), "{ex}");
    // Accepted: an empty chain.
    let ok = write_tmp("prov_ok.s", ACCEPTED);
    let out = run(&["verify", "--json", ok.to_str().expect("utf-8 path")]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["provenance"], serde_json::json!([]));
    // Without --json the explanation says the same.
    let out = run(&[
        "verify",
        "--log-level",
        "0",
        path.to_str().expect("utf-8 path"),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("why: ") && text.contains("③ insn 16: "),
        "{text}"
    );
}

/// The chain names dynptrs and registers by their C variables when the
/// object has DWARF.
#[test]
fn verify_json_provenance_names_c_variables() {
    let path = common::repo_root().join("static/examples/rej_use_after_submit.c");
    let src = std::fs::read_to_string(&path).expect("the gallery lesson");
    let Some(obj) = compile_bpf("prov_use_after_submit", &src) else {
        return;
    };
    let out = run(&[
        "verify",
        "--json",
        "--kernel",
        "6.18",
        obj.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let steps = v["provenance"].as_array().expect("provenance");
    let roles: Vec<&str> = steps
        .iter()
        .map(|s| s["role"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(roles, ["created", "cloned", "released", "rejected"]);
    let text = |i: usize| steps[i]["text"].as_str().unwrap_or("").to_string();
    assert!(text(0).contains("rec (fp-16)"), "{}", text(0));
    assert!(text(1).contains("cloned into copy (fp-32)"), "{}", text(1));
    assert!(
        text(2).starts_with("copy (fp-32) is released by bpf_ringbuf_submit_dynptr"),
        "{}",
        text(2)
    );
    assert!(
        text(3).contains("bpf_dynptr_write is given rec (fp-16)"),
        "{}",
        text(3)
    );
    // The last step is the instruction the report rejects, on its C line.
    assert_eq!(steps[3]["insn"], v["insn"]);
}

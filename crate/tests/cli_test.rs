//! `dynptr-play test`: the annotated programs of `tests/programs/selftest/`
//! all pass (under both kernels), the deliberately wrong annotations of
//! `tests/programs/selftest_wrong/` fail each for its reason, bad input
//! exits 2, and, where the running kernel can load programs
//! (`tests/kernel/build/kload`), its verdicts and return values agree with
//! the playground's under `--kernel 6.18`.
//!
//! The objects are built by `scripts/build-c.sh` (`scripts/test.sh` runs it).

use std::path::PathBuf;
use std::process::{Command, Output};

mod common;
use common::{bin, compile_bpf as compile, repo_root};

fn build_dir(sub: &str) -> PathBuf {
    repo_root().join("tests/programs/build").join(sub)
}

/// The built objects of `tests/programs/<sub>/`, sorted.
fn objects(sub: &str) -> Vec<PathBuf> {
    let dir = build_dir(sub);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e}: run `bash scripts/build-c.sh` first (scripts/test.sh does)",
                dir.display()
            )
        })
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "o"))
        .collect();
    out.sort();
    let sources = std::fs::read_dir(repo_root().join("tests/programs").join(sub))
        .expect("source directory")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "c"))
        })
        .count();
    assert_eq!(
        out.len(),
        sources,
        "{}: objects missing: run `bash scripts/build-c.sh`",
        dir.display()
    );
    out
}

fn wrong_object() -> PathBuf {
    let p = build_dir("selftest_wrong").join("wrong_annotations.o");
    assert!(
        p.is_file(),
        "{} is missing: run `bash scripts/build-c.sh` first",
        p.display()
    );
    p
}

fn run(args: &[&str], files: &[PathBuf]) -> Output {
    bin()
        .arg("test")
        .args(args)
        .args(files)
        .output()
        .expect("dynptr-play runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            stdout(out),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The program object named `name` (function name) of `--json` output.
fn program<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["programs"]
        .as_array()
        .expect("programs array")
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no program {name} in {v}"))
}

#[test]
fn every_annotated_selftest_passes_under_both_kernels() {
    let objs = objects("selftest");
    for kernel in ["series", "6.18"] {
        let out = run(&["--kernel", kernel], &objs);
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(0), "--kernel {kernel}:\n{text}");
        let lines: Vec<&str> = text.lines().collect();
        let (last, tests) = lines.split_last().expect("output");
        assert!(tests.len() >= 12, "{text}");
        for l in tests {
            assert!(l.starts_with("ok    "), "--kernel {kernel}: {l}");
        }
        assert_eq!(*last, format!("{} passed, 0 failed", tests.len()));
        // A `SEC("?tc")` program is tested too, under its description.
        assert!(
            tests.contains(&"ok    skb: slice used without a NULL check"),
            "{text}"
        );
    }
}

/// `__flag(BPF_F_STRICT_ALIGNMENT)` loads one test with the flag;
/// `--strict-alignment` loads them all so, and the test written for the
/// lax load then fails.
#[test]
fn strict_alignment_from_the_flag_tag_or_the_option() {
    let obj = build_dir("selftest").join("alignment.o");
    let out = run(&[], std::slice::from_ref(&obj));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = run(&["--strict-alignment"], std::slice::from_ref(&obj));
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("FAIL  lax_pkt_word: expected success, but the verifier rejected it"),
        "{text}"
    );
    assert!(text.contains("ok    strict_pkt_word_not_pruned"), "{text}");
}

#[test]
fn json_reports_verdicts_messages_and_retvals() {
    let out = run(&["--json", "--kernel", "6.18"], &objects("selftest"));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let v = json(&out);
    let n = v["programs"].as_array().expect("programs").len() as u64;
    assert_eq!(v["totals"]["passed"], n);
    assert_eq!(v["totals"]["failed"], 0);
    for p in v["programs"].as_array().expect("programs") {
        for field in [
            "file",
            "name",
            "description",
            "expected",
            "got",
            "verdict",
            "messages",
            "retval",
            "passed",
        ] {
            assert!(p.get(field).is_some(), "missing {field}: {p}");
        }
        assert_eq!(p["passed"], true, "{p}");
        assert_eq!(p["expected"], p["got"], "{p}");
    }
    let submit = program(&v, "ringbuf_submit_size");
    assert_eq!(submit["verdict"], "accepted");
    assert_eq!(submit["retval"]["expected"], 24);
    assert_eq!(submit["retval"]["got"], 24);
    let neg = program(&v, "local_adjust_out_of_range");
    assert_eq!(neg["retval"]["got"], -34);
    let int_min = program(&v, "local_bad_flags_is_null");
    assert_eq!(int_min["retval"]["expected"], i64::from(i32::MIN));
    let any = program(&v, "local_random_roundtrip");
    assert_eq!(any["retval"]["expected"], "POINTER_VALUE");
    assert!(any["retval"]["got"].is_i64(), "{any}");
    let leak = program(&v, "ringbuf_leak");
    assert_eq!(leak["autoload"], false);
    assert_eq!(leak["expected"], "failure");
    assert_eq!(leak["verdict"], "rejected");
    assert_eq!(
        leak["description"],
        "ringbuf: a leaked reservation is refused"
    );
    assert!(leak["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("Unreleased reference id=")));
    let log = program(&v, "local_log_shows_calls");
    assert_eq!(log["log_level"], 2);
    assert_eq!(log["messages"]["matched"].as_array().map(Vec::len), Some(3));
    assert_eq!(log["messages"]["missing"], serde_json::json!([]));
    assert_eq!(log["messages"]["unexpected"], serde_json::json!([]));
    // Not run: no __retval.
    assert_eq!(log["retval"]["got"], serde_json::Value::Null);
}

#[test]
fn wrong_annotations_fail_each_for_its_reason() {
    let out = run(&[], &[wrong_object()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let expected = [
        "ok    right_size",
        "FAIL  wrong_expects_failure: expected the verifier to reject the program, but it accepted it",
        "FAIL  wrong retval: 16 is returned: retval: expected 15, got 16",
        "FAIL  wrong_retval_name: bad annotation: __retval `SOME_VALUE`",
        "FAIL  wrong_expects_success: expected success, but the verifier rejected it at insn 2: Expected an initialized dynptr",
        "FAIL  wrong_message: message 'this text is not in any verifier log' not found in the verifier log",
        "FAIL  wrong_message_order: message 'call bpf_dynptr_size' not found in the verifier log after 'Expected an initialized dynptr'",
        "FAIL  wrong_not_msg: unexpected message 'Expected an initialized dynptr' in the verifier log",
        "1 passed, 7 failed",
    ];
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{text}");
    for (line, want) in lines.iter().zip(expected) {
        assert!(line.starts_with(want), "expected `{want}...`, got `{line}`");
    }
}

#[test]
fn wrong_annotations_in_json() {
    let out = run(&["--json"], &[wrong_object()]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["totals"]["passed"], 1);
    assert_eq!(v["totals"]["failed"], 7);
    let p = program(&v, "wrong_expects_failure");
    assert_eq!(p["expected"], "failure");
    assert_eq!(p["got"], "success");
    assert_eq!(p["passed"], false);
    let p = program(&v, "wrong_message_order");
    assert_eq!(
        p["messages"]["matched"],
        serde_json::json!(["Expected an initialized dynptr"])
    );
    assert_eq!(
        p["messages"]["missing"],
        serde_json::json!(["call bpf_dynptr_size"])
    );
    let p = program(&v, "wrong_retval");
    assert_eq!(p["description"], "wrong retval: 16 is returned");
    assert_eq!(p["retval"]["expected"], 15);
    assert_eq!(p["retval"]["got"], 16);
    let p = program(&v, "wrong_not_msg");
    assert_eq!(
        p["messages"]["unexpected"],
        serde_json::json!(["Expected an initialized dynptr"])
    );
}

#[test]
fn prog_runs_one_program() {
    let out = run(&["--prog", "wrong_retval"], &[wrong_object()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "FAIL  wrong retval: 16 is returned: retval: expected 15, got 16\n0 passed, 1 failed\n"
    );
    let out = run(
        &["--prog", "wrong retval: 16 is returned"],
        &[wrong_object()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).ends_with("0 passed, 1 failed\n"));
    // A passing one exits 0.
    let out = run(&["--prog", "right_size"], &[wrong_object()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "ok    right_size\n1 passed, 0 failed\n");
    let out = run(&["--prog", "nope"], &[wrong_object()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--prog nope: no such program") && err.contains("right_size"),
        "{err}"
    );
}

#[test]
fn bad_input_exits_2_with_a_clear_message() {
    let dir = std::env::temp_dir().join(format!("dynptr-play-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let text = dir.join("prog.s");
    std::fs::write(&text, "r0 = 0\nexit\n").expect("write");
    let unannotated = build_dir("kernel").join("skb_dynptr.o");
    let cases: [(PathBuf, &str); 3] = [
        (dir.join("missing.o"), "missing.o"),
        (text, "not an ELF object"),
        (unannotated, "no program has test annotations"),
    ];
    for (path, want) in cases {
        let out = run(&[], std::slice::from_ref(&path));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {err}", path.display());
        assert!(err.contains(want), "{}: {err}", path.display());
        assert!(out.stdout.is_empty(), "no test runs on bad input");
    }
}

#[test]
fn verdicts_and_retvals_agree_with_the_running_kernel() {
    let kload = repo_root().join("tests/kernel/build/kload");
    if !kload.is_file() {
        common::skip_notice(
            "kernel comparison (dynptr-play test)",
            &format!("{} not built (scripts/build-kload.sh)", kload.display()),
        );
        return;
    }
    // The packet `dynptr-play test` runs over by default, as the selftests'
    // loader does: TEST_DATA_LEN zero bytes.
    let packet = "00".repeat(dynptr_play::selftest::TEST_DATA_LEN as usize);
    let mut compared = 0;
    for obj in objects("selftest") {
        let bytes = std::fs::read(&obj).expect("read object");
        let specs = dynptr_play::selftest::specs(&bytes).expect("annotated object");
        let out = run(&["--json", "--kernel", "6.18"], std::slice::from_ref(&obj));
        let v = json(&out);
        for p in v["programs"].as_array().expect("programs") {
            let name = p["name"].as_str().expect("name");
            let section = p["section"].as_str().expect("section");
            let spec = specs
                .iter()
                .find(|s| s.name == name)
                .expect("spec of the program");
            let mut cmd = Command::new(&kload);
            cmd.arg(&obj)
                .arg(name)
                .args(["--log-level", &spec.log_level.to_string()]);
            if !section.trim_start_matches('?').starts_with("syscall") {
                cmd.args(["--data", &packet]);
            }
            // `__flag(...)`: the same load flags for the kernel.
            if spec.prog_flags != 0 {
                cmd.args(["--flags", &spec.prog_flags.to_string()]);
            }
            let k = cmd.output().expect("kload runs");
            let Ok(kv) = serde_json::from_slice::<serde_json::Value>(&k.stdout) else {
                eprintln!("kernel comparison: {name}: no JSON from kload");
                continue;
            };
            if kv["verdict"] == "refused" {
                eprintln!("kernel comparison: {name}: skipped: {}", kv["err_str"]);
                continue;
            }
            let kernel_accepts = kv["verdict"] == "accept";
            let klog = kv["log"].as_str().unwrap_or("");
            assert_eq!(
                p["verdict"] == "accepted",
                kernel_accepts,
                "{name}: playground {} vs kernel {klog}",
                p["verdict"],
            );
            // POINTER_VALUE: a value no two runs need agree on.
            if kernel_accepts
                && !p["retval"]["got"].is_null()
                && p["retval"]["expected"] != "POINTER_VALUE"
            {
                let kernel_r0 = kv["retval"].as_i64().expect("kernel retval") as u32 as i32;
                assert_eq!(p["retval"]["got"], i64::from(kernel_r0), "{name}: retval");
            }
            if !kernel_accepts {
                // The kernel's log holds the playground's error message.
                let msg = p["message"].as_str().expect("message");
                assert!(
                    klog.contains(msg),
                    "{name}: `{msg}` not in the kernel's log:\n{klog}"
                );
            }
            // The annotations hold against the kernel's own log too.
            let check = dynptr_play::selftest::check_msgs(klog, &spec.msgs);
            assert!(
                check.missing.is_empty() && check.unexpected.is_empty(),
                "{name}: against the kernel's log: {check:?}\n{klog}"
            );
            compared += 1;
        }
    }
    eprintln!("kernel comparison: {compared} programs compared");
}

/// The kernel's other spellings: numbered tags (`comment:N:...`, sorted by
/// number, not by text), `_INT_MIN`, a program without tags (expected to
/// load), `__auxiliary` (not a test), an unsupported tag (ignored, named on
/// stderr), a program the object loader refuses (a load failure), and
/// `__log_level(4)` (statistics only).
const KERNEL_FORMS: &str = r#"
#define SEC(n) __attribute__((section(n), used))
#define TAG(n, t) __attribute__((btf_decl_tag("comment:" #n ":" t)))
struct __sk_buff;
extern int bpf_no_such_kfunc(void) __attribute__((section(".ksyms")));

SEC("tc") TAG(10, "test_expect_msg=second") TAG(9, "test_expect_msg=first")
TAG(2, "test_expect_failure")
int numbered(struct __sk_buff *skb)
{
	asm volatile("r0 = *(u64 *)(r10 - 8); exit;" ::: "r0");
	return 0;
}

SEC("tc") TAG(1, "test_retval=_INT_MIN")
int int_min(struct __sk_buff *skb) { return -2147483647 - 1; }

SEC("tc")
int untagged(struct __sk_buff *skb) { return 0; }

SEC("tc") TAG(1, "test_auxiliary")
int helper_prog(struct __sk_buff *skb) { return 0; }

SEC("tc") TAG(1, "test_expect_xlated_unpriv=r0 = 0") TAG(2, "test_retval=0")
int ignored_tag(struct __sk_buff *skb) { return 0; }

SEC("tc") TAG(1, "test_expect_failure") TAG(2, "test_expect_msg=bpf_no_such_kfunc")
int unknown_kfunc(struct __sk_buff *skb) { return bpf_no_such_kfunc(); }

SEC("tc") TAG(1, "test_log_level=4") TAG(2, "test_expect_msg=processed 2 insns")
int stats_only(struct __sk_buff *skb) { return 0; }

char _license[] SEC("license") = "GPL";
"#;

#[test]
fn kernel_spellings_of_the_annotations() {
    // `first` and `second` are looked for in this order; the log of the
    // rejected read holds neither, so both are missing, in tag-number order.
    let Some(obj) = compile("kernel_forms", KERNEL_FORMS) else {
        return;
    };
    let out = run(&["--json"], std::slice::from_ref(&obj));
    let v = json(&out);
    assert_eq!(out.status.code(), Some(1), "{v}");
    let p = program(&v, "numbered");
    assert_eq!(p["expected"], "failure");
    assert_eq!(p["got"], "failure");
    assert_eq!(
        p["messages"]["missing"],
        serde_json::json!(["first", "second"])
    );
    let p = program(&v, "int_min");
    assert_eq!(p["passed"], true, "{p}");
    assert_eq!(p["retval"]["got"], i64::from(i32::MIN));
    let p = program(&v, "untagged");
    assert_eq!(p["expected"], "success");
    assert_eq!(p["passed"], true, "{p}");
    assert!(v["programs"]
        .as_array()
        .expect("programs")
        .iter()
        .all(|p| p["name"] != "helper_prog"));
    let p = program(&v, "ignored_tag");
    assert_eq!(p["passed"], true, "{p}");
    assert_eq!(
        p["ignored_tags"],
        serde_json::json!(["comment:1:test_expect_xlated_unpriv=r0 = 0"])
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ignored_tag: ignoring `comment:1:test_expect_xlated_unpriv=r0 = 0`"),
        "{err}"
    );
    let p = program(&v, "unknown_kfunc");
    assert_eq!(p["verdict"], "load_error");
    assert_eq!(p["passed"], true, "{p}");
    let p = program(&v, "stats_only");
    assert_eq!(p["passed"], true, "{p}");
    assert_eq!(v["totals"]["failed"], 1);
}

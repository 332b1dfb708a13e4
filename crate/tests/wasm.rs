//! wasm-bindgen tests of the browser facade, run in headless Chromium:
//! `cargo test -p dynptr-play --target wasm32-unknown-unknown --no-default-features --features wasm`.
#![cfg(all(target_arch = "wasm32", feature = "wasm"))]

use dynptr_play::wasm;
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn json(v: wasm_bindgen::JsValue) -> Value {
    serde_wasm_bindgen::from_value(v).expect("the facade returns plain JSON-like values")
}

#[wasm_bindgen_test]
fn catalog_lists_helpers_and_kfuncs_with_docs() {
    let cat = json(wasm::catalog().expect("catalog"));
    let list = cat.as_array().expect("an array");
    let read = list
        .iter()
        .find(|f| f["name"] == "bpf_dynptr_read")
        .expect("bpf_dynptr_read is listed");
    assert_eq!(read["kind"]["Helper"]["id"], 201);
    assert!(read["doc"]["returns"]
        .as_str()
        .is_some_and(|r| r.contains("E2BIG")));
    let adjust = list
        .iter()
        .find(|f| f["name"] == "bpf_dynptr_adjust")
        .expect("bpf_dynptr_adjust is listed");
    assert!(adjust["kind"]["Kfunc"]["btf_id"].is_u64());
}

fn thrown(v: wasm_bindgen::JsValue) -> Value {
    json(v)
}

#[wasm_bindgen_test]
fn assemble_returns_the_program_and_disassemble_prints_it_back() {
    let src =
        ".program t xdp\n.map rb ringbuf max_entries=4096\n    r1 = rb ll\n    r0 = 2\n    exit\n";
    let js = wasm::assemble(src).expect("assembles");
    let p = json(js.clone());
    assert_eq!(p["name"], "t");
    assert_eq!(p["prog_type"], "xdp");
    assert_eq!(
        p["insns"].as_array().map(Vec::len),
        Some(4),
        "ld_imm64 takes two slots"
    );
    assert_eq!(p["maps"][0]["name"], "rb");
    let text = wasm::disassemble(js).expect("disassembles");
    assert!(text.contains("r1 = rb ll"), "{text}");
    let again = json(wasm::assemble(&text).expect("its own output assembles"));
    assert_eq!(again["insns"], p["insns"]);
}

#[wasm_bindgen_test]
fn assembly_errors_carry_line_and_column() {
    let err = thrown(
        wasm::assemble("r0 = 0\n  r1 = *(u33 *)(r10 - 8)\nexit\n").expect_err("u33 is no size"),
    );
    assert_eq!(err["line"], 2);
    assert!(err["col"].as_u64().is_some_and(|c| c >= 3), "{err}");
    assert!(err["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[wasm_bindgen_test]
fn load_elf_rejects_what_is_not_an_object() {
    let err = thrown(wasm::load_elf(b"definitely not ELF").expect_err("not ELF"));
    assert!(err["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(err.get("line").is_none());
}

const RINGBUF_ADVANCE: &str = "\
.program t syscall
.map rb ringbuf max_entries=4096
    r1 = rb ll
    r2 = 64
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_ringbuf_reserve_dynptr
    r1 = r10
    r1 += -16
    r2 = 10
    call bpf_dynptr_advance
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = 0
    exit
";

#[wasm_bindgen_test]
fn verify_reports_verdict_log_and_states() {
    let ok = json(wasm::verify(RINGBUF_ADVANCE, None).expect("verifies"));
    assert_eq!(ok["verdict"], "Accepted");
    let leak = RINGBUF_ADVANCE.replace("call bpf_ringbuf_submit_dynptr", "r0 = 0");
    use serde::Serialize as _;
    let plain = serde_wasm_bindgen::Serializer::json_compatible();
    let opts =
        serde_json::json!({"log_level": 2, "complexity_limit": 1000000, "wording": "Series"})
            .serialize(&plain)
            .expect("options");
    let bad = json(wasm::verify(&leak, Some(opts)).expect("verifies"));
    assert_eq!(bad["verdict"], "Rejected");
    assert!(
        bad["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Unreleased reference id=")),
        "{}",
        bad["message"]
    );
    assert!(
        bad["log"].as_str().is_some_and(|l| l.contains("processed")),
        "kernel-format log"
    );
    assert!(bad["states"].as_array().is_some_and(|s| !s.is_empty()));
}

#[wasm_bindgen_test]
fn session_steps_forward_and_back() {
    let mut s = wasm::WasmSession::new(RINGBUF_ADVANCE, None, None).expect("starts");
    // Through the reserve (6 slots: ld_imm64 counts once) and the advance.
    let mut snap = Value::Null;
    for _ in 0..10 {
        snap = json(s.step().expect("steps"));
    }
    let d = &snap["dynptrs"][0];
    assert_eq!(
        (d["offset"].as_u64(), d["size"].as_u64(), d["kind"].as_str()),
        (Some(10), Some(54), Some("ringbuf")),
        "{d}"
    );
    let back = json(s.step_back().expect("steps back"));
    assert_eq!(back["dynptrs"][0]["offset"], 0);
    let end = json(s.continue_to(Vec::new()).expect("runs"));
    assert_eq!(end["state"]["state"], "exited");
    let records = &end["maps"][0]["ringbuf"]["records"];
    assert_eq!(records[0]["len"], 64);
    let start = json(s.reset().expect("resets"));
    assert_eq!(start["steps"], 0);
}

fn js(v: &Value) -> wasm_bindgen::JsValue {
    use serde::Serialize as _;
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .expect("a plain object")
}

#[wasm_bindgen_test]
fn integers_are_numbers_when_exact_and_bigints_beyond() {
    let report = wasm::verify(
        RINGBUF_ADVANCE,
        Some(js(&serde_json::json!({"log_level": 2}))),
    )
    .expect("verifies");
    let stats = js_sys::Reflect::get(&report, &"stats".into()).expect("stats");
    let processed = js_sys::Reflect::get(&stats, &"insns_processed".into()).expect("field");
    assert!(
        processed.as_f64().is_some_and(|n| n > 0.0),
        "a number: {processed:?}"
    );
    // Register bounds reach u64::MAX somewhere in the states: a BigInt.
    let text = format!("{:?}", json(report));
    assert!(
        text.contains("18446744073709551615"),
        "umax survives exactly"
    );
}

#[wasm_bindgen_test]
fn the_kernel_option_accepts_series_and_names_the_known_profiles() {
    let ok = json(
        wasm::verify(
            RINGBUF_ADVANCE,
            Some(js(&serde_json::json!({"kernel": "series"}))),
        )
        .expect("series is modelled"),
    );
    assert_eq!(ok["verdict"], "Accepted");
    // The profiles differ in wording: an uninitialised dynptr argument is
    // arg #1 in the series' era and arg #0 in Linux 6.18 (which has no
    // series helper: it is asked through bpf_dynptr_data).
    let series = ".program p syscall\n    r1 = r10\n    r1 += -16\n    r2 = 8\n    call bpf_dynptr_get_size\n    r0 = 0\n    exit\n";
    let today = ".program p syscall\n    r1 = r10\n    r1 += -16\n    r2 = 0\n    r3 = 8\n    call bpf_dynptr_data\n    r0 = 0\n    exit\n";
    for (kernel, arg, uninit) in [("series", "#1", series), ("6.18", "#0", today)] {
        let r = json(
            wasm::verify(uninit, Some(js(&serde_json::json!({"kernel": kernel}))))
                .expect("verifies"),
        );
        assert_eq!(r["verdict"], "Rejected");
        assert!(
            r["message"].as_str().is_some_and(|m| m.ends_with(arg)),
            "{kernel}: {}",
            r["message"]
        );
    }
    let err = thrown(
        wasm::verify(
            RINGBUF_ADVANCE,
            Some(js(&serde_json::json!({"kernel": "6.1"}))),
        )
        .expect_err("an unknown profile is refused"),
    );
    assert_eq!(
        err["message"],
        "unknown kernel profile \"6.1\": this build models series, 6.18"
    );
    let typo = thrown(
        wasm::verify(
            RINGBUF_ADVANCE,
            Some(js(&serde_json::json!({"log_levle": 1}))),
        )
        .expect_err("an unknown option is refused"),
    );
    assert!(typo["message"]
        .as_str()
        .is_some_and(|m| m.contains("log_levle")));
    assert_eq!(
        json(wasm::kernel_profiles().expect("list")),
        serde_json::json!(["series", "6.18"])
    );
}

#[wasm_bindgen_test]
fn run_returns_the_last_snapshot_and_refuses_a_rejected_program() {
    let end = json(wasm::run(RINGBUF_ADVANCE, None, None).expect("runs"));
    assert_eq!(
        end["state"],
        serde_json::json!({"state": "exited", "r0": 0})
    );
    assert_eq!(
        end["maps"][0]["ringbuf"]["records"][0]["state"],
        "submitted"
    );
    let leak = RINGBUF_ADVANCE.replace("call bpf_ringbuf_submit_dynptr", "r0 = 0");
    let err = thrown(wasm::run(&leak, None, None).expect_err("rejected"));
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("Unreleased reference id=")),
        "{err}"
    );
    assert!(err["insn"].is_u64());
    let unsafe_run = json(
        wasm::run(
            &leak,
            None,
            Some(js(&serde_json::json!({"unsafe_mode": true}))),
        )
        .expect("runs in unsafe mode"),
    );
    assert_eq!(unsafe_run["state"]["state"], "exited");
}

#[wasm_bindgen_test]
fn programs_round_trip_through_verify_program_and_from_program() {
    let p = wasm::assemble(RINGBUF_ADVANCE).expect("assembles");
    let report = json(wasm::verify_program(p.clone(), None).expect("verifies"));
    assert_eq!(report["verdict"], "Accepted");
    let mut s = wasm::WasmSession::from_program(p.clone(), None, None).expect("starts");
    let listing = json(s.listing().expect("listing"));
    assert_eq!(listing[0], "r1 = rb ll");
    assert!(!s.finished());
    let end = json(s.continue_to(Vec::new()).expect("runs"));
    assert!(s.finished());
    assert_eq!(end["state"]["r0"], 0);
    let end2 = json(wasm::run_program(p, None, None).expect("runs"));
    assert_eq!(end2["state"], end["state"]);
    let err = thrown(
        wasm::verify_program("not a program".into(), None).expect_err("a string is no program"),
    );
    assert!(err["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("not a program")));
}

#[wasm_bindgen_test]
fn a_fault_is_described_in_words() {
    let src = ".program f syscall\n    r1 = 0\n    r0 = *(u64 *)(r1 + 0)\n    exit\n";
    let end = wasm::run(
        src,
        None,
        Some(js(&serde_json::json!({"unsafe_mode": true}))),
    )
    .expect("runs");
    let state = js_sys::Reflect::get(&end, &"state".into()).expect("state");
    let fault = js_sys::Reflect::get(&state, &"fault".into()).expect("fault");
    let text = wasm::describe_fault(fault).expect("a fault");
    assert!(text.starts_with("insn 1: "), "{text}");
}

#[wasm_bindgen_test]
fn step_line_runs_to_the_next_c_line_over_a_helper_call() {
    let p = wasm::assemble(
        ".program lines syscall\n    r6 = 1\n    r7 = 2\n    call bpf_get_prandom_u32\n    r0 = 0\n    exit\n",
    )
    .expect("assembles");
    // Line info as a clang object carries it: lines 10, 11 and 12 of x.c.
    let mut prog = json(p);
    prog["line_info"] = serde_json::json!([
        {"insn": 0, "file": "x.c", "line": 10, "col": 2, "text": "\ta = 1;"},
        {"insn": 2, "file": "x.c", "line": 11, "col": 2, "text": "\tbpf_get_prandom_u32();"},
        {"insn": 3, "file": "x.c", "line": 12, "col": 2, "text": "\treturn 0;"},
    ]);
    let mut s = wasm::WasmSession::from_program(js(&prog), None, None).expect("starts");
    assert_eq!(json(s.step_line().expect("steps a line"))["pc"], 2);
    assert_eq!(json(s.step_line().expect("steps over the call"))["pc"], 3);
    let end = json(s.step_line().expect("to the end"));
    assert_eq!(end["state"]["state"], "exited");
}

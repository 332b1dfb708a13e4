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
    let read = list.iter().find(|f| f["name"] == "bpf_dynptr_read").expect("bpf_dynptr_read is listed");
    assert_eq!(read["kind"]["Helper"]["id"], 201);
    assert!(read["doc"]["returns"].as_str().is_some_and(|r| r.contains("E2BIG")));
    let adjust = list.iter().find(|f| f["name"] == "bpf_dynptr_adjust").expect("bpf_dynptr_adjust is listed");
    assert!(adjust["kind"]["Kfunc"]["btf_id"].is_u64());
}

fn thrown(v: wasm_bindgen::JsValue) -> Value {
    json(v)
}

#[wasm_bindgen_test]
fn assemble_returns_the_program_and_disassemble_prints_it_back() {
    let src = ".program t xdp\n.map rb ringbuf max_entries=4096\n    r1 = rb ll\n    r0 = 2\n    exit\n";
    let js = wasm::assemble(src).expect("assembles");
    let p = json(js.clone());
    assert_eq!(p["name"], "t");
    assert_eq!(p["prog_type"], "xdp");
    assert_eq!(p["insns"].as_array().map(Vec::len), Some(4), "ld_imm64 takes two slots");
    assert_eq!(p["maps"][0]["name"], "rb");
    let text = wasm::disassemble(js).expect("disassembles");
    assert!(text.contains("r1 = rb ll"), "{text}");
    let again = json(wasm::assemble(&text).expect("its own output assembles"));
    assert_eq!(again["insns"], p["insns"]);
}

#[wasm_bindgen_test]
fn assembly_errors_carry_line_and_column() {
    let err = thrown(wasm::assemble("r0 = 0\n  r1 = *(u33 *)(r10 - 8)\nexit\n").expect_err("u33 is no size"));
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

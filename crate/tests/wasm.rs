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

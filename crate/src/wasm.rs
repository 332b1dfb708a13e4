//! The browser-facing API: serde-wasm-bindgen values only, no logic.
//!
//! Each function converts its arguments from JavaScript, calls one engine
//! function, and converts the result back. Errors come back as thrown
//! JavaScript values carrying the engine's error (with line and column for
//! assembly errors).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::catalog;

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    // Plain objects (not ES Maps) so that callers can read fields directly.
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    v.serialize(&ser).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Every helper and kfunc of the catalog: name, number or BTF id,
/// documentation, origin.
#[wasm_bindgen]
pub fn catalog() -> Result<JsValue, JsValue> {
    to_js(catalog::all())
}

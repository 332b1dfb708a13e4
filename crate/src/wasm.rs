//! The browser-facing API: serde-wasm-bindgen values only, no logic.
//!
//! Each function converts its arguments from JavaScript, calls one engine
//! function, and converts the result back. Errors are thrown as JavaScript
//! objects: `{line, col, message}` for assembly errors, `{message}` for the
//! others.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::program::Program;
use crate::{asm, catalog, elf};

/// An error as JavaScript receives it.
#[derive(Serialize)]
struct JsError {
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    col: Option<usize>,
    message: String,
}

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    // Plain objects (not ES Maps) so that callers can read fields directly.
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    v.serialize(&ser).map_err(|e| JsValue::from_str(&e.to_string()))
}

fn thrown(e: JsError) -> JsValue {
    to_js(&e).unwrap_or_else(|err| err)
}

fn message(m: impl ToString) -> JsValue {
    thrown(JsError { line: None, col: None, message: m.to_string() })
}

/// Every helper and kfunc of the catalog: name, number or BTF id,
/// documentation, origin.
#[wasm_bindgen]
pub fn catalog() -> Result<JsValue, JsValue> {
    to_js(catalog::all())
}

/// Assembles either dialect into a program; throws `{line, col, message}`.
#[wasm_bindgen]
pub fn assemble(src: &str) -> Result<JsValue, JsValue> {
    match asm::assemble(src) {
        Ok(p) => to_js(&p),
        Err(e) => Err(thrown(JsError { line: Some(e.line), col: Some(e.col), message: e.message })),
    }
}

/// Prints a program (as `assemble` returns it) in the LLVM dialect.
#[wasm_bindgen]
pub fn disassemble(program: JsValue) -> Result<String, JsValue> {
    let p: Program = serde_wasm_bindgen::from_value(program).map_err(message)?;
    Ok(asm::disassemble(&p))
}

/// Loads a clang BPF object: one program per function in a program section.
#[wasm_bindgen]
pub fn load_elf(bytes: &[u8]) -> Result<JsValue, JsValue> {
    let progs = elf::load(bytes).map_err(message)?;
    to_js(&progs)
}

//! The browser-facing API: serde-wasm-bindgen values only, no logic.
//!
//! Each function converts its arguments from JavaScript, calls one engine
//! function, and converts the result back. 64-bit integers (`u64`, `i64`)
//! arrive as `BigInt`; smaller ones as numbers. Errors are thrown as JavaScript
//! objects: `{line, col, message}` for assembly errors, `{message}` for the
//! others.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::program::Program;
use crate::verifier::VerifierOptions;
use crate::vm::VmOptions;
use crate::world::WorldConfig;
use crate::{asm, catalog, elf, session, verifier};

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
    // Plain objects (not ES Maps) so that callers can read fields directly;
    // 64-bit integers as BigInt, since register values and bounds use all
    // 64 bits (`umax=18446744073709551615`) and a Number would round them.
    let ser = serde_wasm_bindgen::Serializer::json_compatible()
        .serialize_large_number_types_as_bigints(true);
    v.serialize(&ser)
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

fn thrown(e: JsError) -> JsValue {
    to_js(&e).unwrap_or_else(|err| err)
}

fn message(m: impl ToString) -> JsValue {
    thrown(JsError {
        line: None,
        col: None,
        message: m.to_string(),
    })
}

fn asm_error(e: asm::AsmError) -> JsValue {
    thrown(JsError {
        line: Some(e.line),
        col: Some(e.col),
        message: e.message,
    })
}

/// An optional argument: `undefined`/`null` mean the default.
fn opt<T: serde::de::DeserializeOwned + Default>(v: JsValue) -> Result<T, JsValue> {
    if v.is_undefined() || v.is_null() {
        Ok(T::default())
    } else {
        serde_wasm_bindgen::from_value(v).map_err(message)
    }
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
        Err(e) => Err(asm_error(e)),
    }
}

/// Assembles and verifies: the report (verdict, message, insn, log,
/// explanation, per-instruction states, stats). `opts` is a
/// `VerifierOptions` object or `undefined`.
#[wasm_bindgen]
pub fn verify(src: &str, opts: JsValue) -> Result<JsValue, JsValue> {
    let p = asm::assemble(src).map_err(asm_error)?;
    let o: VerifierOptions = opt(opts)?;
    to_js(&verifier::verify(&p, &o))
}

/// A debugging session over an assembled program (`new Session(src, world, vm)`).
#[wasm_bindgen(js_name = Session)]
pub struct WasmSession {
    inner: session::Session,
}

#[wasm_bindgen(js_class = Session)]
impl WasmSession {
    /// Starts at the first instruction. `world` is a `WorldConfig` and
    /// `vm` a `VmOptions` object, each optional.
    #[wasm_bindgen(constructor)]
    pub fn new(src: &str, world: JsValue, vm: JsValue) -> Result<WasmSession, JsValue> {
        let p = asm::assemble(src).map_err(asm_error)?;
        let cfg: WorldConfig = opt(world)?;
        let o: VmOptions = opt(vm)?;
        let inner = session::Session::new(p, cfg, o).map_err(message)?;
        Ok(WasmSession { inner })
    }

    /// The current snapshot.
    pub fn snapshot(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.snapshot())
    }

    /// One instruction; the new snapshot.
    pub fn step(&mut self) -> Result<JsValue, JsValue> {
        to_js(self.inner.step())
    }

    /// Back one instruction; the snapshot.
    pub fn step_back(&mut self) -> Result<JsValue, JsValue> {
        to_js(self.inner.step_back())
    }

    /// Runs until an instruction of `breakpoints` is next, or the end.
    #[wasm_bindgen(js_name = continue)]
    pub fn continue_to(&mut self, breakpoints: Vec<usize>) -> Result<JsValue, JsValue> {
        to_js(self.inner.continue_to(&breakpoints))
    }

    /// Back to the first instruction.
    pub fn reset(&mut self) -> Result<JsValue, JsValue> {
        to_js(self.inner.reset())
    }

    /// Instructions executed so far.
    pub fn steps(&self) -> f64 {
        self.inner.history_len() as f64
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

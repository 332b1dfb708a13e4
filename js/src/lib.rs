//! The engine's browser facade (`dynptr_play::wasm`, feature `wasm`) as a
//! cdylib, for `wasm-pack build js`: assemble, verify, run, step, load
//! objects. Everything lives in the engine; this crate only links it.
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
pub use dynptr_play::wasm::*;

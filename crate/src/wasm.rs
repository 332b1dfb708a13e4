//! The browser-facing API: serde-wasm-bindgen values only, no logic.

//! Dynptr Playground engine.
//!
//! Data flows one way:
//!
//! ```text
//! text / ELF --> Program --> Verifier --> Report (verdict, log, per-insn states)
//!                       \--> Vm + World --> Snapshots (one per step, undoable)
//! ```
//!
//! Each module holds one idea: [`isa`] (encoding), [`asm`] (text in and out),
//! [`elf`] (clang objects in), [`program`] (what a loaded program is),
//! [`catalog`] (the one table of helpers and kfuncs), [`conformance`]
//! (the conformance suite's `.data` files), [`world`] (the simulated
//! kernel), [`vm`] (the interpreter), [`verifier`] (abstract interpretation),
//! [`session`] (stepping forward and back), [`selftest`] (running a
//! program's `bpf_misc.h`-style test annotations) and, behind the `wasm` feature,
//! the browser facade.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod asm;
pub mod catalog;
pub mod check;
pub mod conformance;
pub mod dynptr;
pub mod elf;
pub mod isa;
pub mod program;
pub mod selftest;
pub mod session;
pub mod verifier;
pub mod vm;
pub mod world;

#[cfg(feature = "wasm")]
pub mod wasm;

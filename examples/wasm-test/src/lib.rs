//! Small helpers for testing BPF programs with the `dynptr_play` engine:
//! run a program to its end, then read what a test asserts on (the return
//! value, a global variable, the ring buffer records). The tests in
//! `tests/browser.rs` use them under `wasm-bindgen-test` in a headless
//! browser; they work the same natively.

use dynptr_play::program::Program;
use dynptr_play::session::Session;
use dynptr_play::vm::snapshot::{RecordSnap, RunState};
use dynptr_play::vm::{Fault, Snapshot, VmOptions};
use dynptr_play::world::RecordState;
use dynptr_play::world::WorldConfig;

/// Runs `prog` in the world `cfg` to its exit or fault: the last snapshot.
pub fn run(prog: &Program, cfg: WorldConfig) -> Result<Snapshot, Fault> {
    let mut s = Session::new(prog.clone(), cfg, VmOptions::default())?;
    Ok(s.continue_to(&[]).clone())
}

/// The value the program returned, or `None` when it faulted (or has not
/// finished).
pub fn exit_value(snap: &Snapshot) -> Option<u64> {
    match snap.state {
        RunState::Exited { r0 } => Some(r0),
        _ => None,
    }
}

/// The bytes of the global variable `name` (in `.bss`, `.data` or `.rodata`).
pub fn global_bytes<'a>(snap: &'a Snapshot, name: &str) -> Option<&'a [u8]> {
    snap.maps
        .iter()
        .flat_map(|m| m.globals.iter())
        .find(|(n, _)| n == name)
        .map(|(_, b)| b.as_slice())
}

/// The global variable `name` read as a little-endian integer of its size
/// (at most 8 bytes), as BPF on x86 and arm64 stores it.
pub fn global_u64(snap: &Snapshot, name: &str) -> Option<u64> {
    let b = global_bytes(snap, name)?;
    if b.len() > 8 {
        return None;
    }
    Some(b.iter().rev().fold(0u64, |v, &x| (v << 8) | u64::from(x)))
}

/// The submitted records of the ring buffer map `map`, oldest first.
pub fn submitted<'a>(snap: &'a Snapshot, map: &str) -> Vec<&'a RecordSnap> {
    snap.maps
        .iter()
        .filter(|m| m.name == map)
        .filter_map(|m| m.ringbuf.as_ref())
        .flat_map(|rb| rb.records.iter())
        .filter(|r| r.state == RecordState::Submitted)
        .collect()
}

//! Testing one's own BPF programs in a headless browser: a clang-built
//! object and an assembly program, each verified and run by the
//! `dynptr_play` engine compiled to WebAssembly, with the verdicts,
//! messages, return values, globals and ring buffer records asserted.
//!
//!     wasm-pack test --headless --chrome examples/wasm-test
#![cfg(target_arch = "wasm32")]

use dynptr_play::asm;
use dynptr_play::elf;
use dynptr_play::program::Program;
use dynptr_play::session::Session;
use dynptr_play::verifier::{verify, Verdict, VerifierOptions};
use dynptr_play::vm::VmOptions;
use dynptr_play::world::WorldConfig;
use dynptr_wasm_test::{exit_value, global_bytes, global_u64, run, submitted};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// `bpf/count_eth.c`, compiled by build.rs.
const COUNT_ETH_O: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/count_eth.o"));
/// An assembly program in the LLVM dialect.
const TRIM_VIEW_S: &str = include_str!("../bpf/trim_view.s");

const XDP_DROP: u64 = 1;
const XDP_PASS: u64 = 2;

fn object_program(name: &str) -> Program {
    elf::load_program(COUNT_ETH_O, name).unwrap_or_else(|e| panic!("{name} loads: {e}"))
}

/// An Ethernet frame of `len` bytes carrying `proto`.
fn frame(proto: u16, len: usize) -> Vec<u8> {
    let mut f = vec![0u8; len];
    f[..6].copy_from_slice(&[0x02, 0, 0, 0, 0, 0x01]);
    f[6..12].copy_from_slice(&[0x02, 0, 0, 0, 0, 0x02]);
    f[12..14].copy_from_slice(&proto.to_be_bytes());
    f
}

fn world_with_packet(packet: Vec<u8>) -> WorldConfig {
    WorldConfig {
        packet,
        ..WorldConfig::default()
    }
}

#[wasm_bindgen_test]
fn the_object_lists_both_programs_with_their_types() {
    let progs = elf::load(COUNT_ETH_O).expect("a clang BPF object");
    let names: Vec<(&str, &str)> = progs
        .iter()
        .map(|p| (p.name.as_str(), p.prog_type.name()))
        .collect();
    assert_eq!(
        names,
        [("count_eth", "xdp"), ("forgets_discard", "syscall")]
    );
}

#[wasm_bindgen_test]
fn count_eth_is_accepted() {
    let report = verify(&object_program("count_eth"), &VerifierOptions::default());
    assert_eq!(report.verdict, Verdict::Accepted, "{:?}", report.message);
    assert_eq!(report.message, None);
    assert!(report.stats.insns_processed > 0);
}

#[wasm_bindgen_test]
fn count_eth_counts_an_ipv6_frame_and_logs_it_to_the_ring_buffer() {
    let snap = run(
        &object_program("count_eth"),
        world_with_packet(frame(0x86dd, 60)),
    )
    .expect("the world builds");
    assert_eq!(exit_value(&snap), Some(XDP_PASS));
    assert_eq!(global_u64(&snap, "packets"), Some(1));
    assert_eq!(global_u64(&snap, "last_proto"), Some(0x86dd));
    assert_eq!(
        global_u64(&snap, "min_len"),
        Some(14),
        ".rodata keeps its value"
    );
    let records = submitted(&snap, "events");
    assert_eq!(records.len(), 1, "one record per counted frame");
    // struct event { u16 proto; u16 pad; u32 len; }, little-endian.
    assert_eq!(records[0].len, 8);
    assert_eq!(records[0].bytes, [0xdd, 0x86, 0, 0, 60, 0, 0, 0]);
}

#[wasm_bindgen_test]
fn count_eth_drops_a_runt_frame_without_counting_it() {
    let snap = run(
        &object_program("count_eth"),
        world_with_packet(frame(0x0800, 14)[..10].to_vec()),
    )
    .expect("the world builds");
    assert_eq!(exit_value(&snap), Some(XDP_DROP));
    assert_eq!(global_u64(&snap, "packets"), Some(0));
    assert!(submitted(&snap, "events").is_empty());
}

#[wasm_bindgen_test]
fn forgets_discard_is_rejected_with_the_kernels_message() {
    let prog = object_program("forgets_discard");
    let report = verify(&prog, &VerifierOptions::default());
    assert_eq!(report.verdict, Verdict::Rejected);
    let msg = report.message.as_deref().unwrap_or_default();
    assert!(msg.starts_with("Unreleased reference id="), "{msg}");
    // Reported at the `exit` of the failure path, with an explanation.
    let insn = report.insn.expect("an instruction is blamed");
    assert_eq!(prog.insns[insn].code, 0x95, "insn {insn} is an exit");
    assert!(report.explanation.is_some_and(|e| !e.is_empty()));
}

#[wasm_bindgen_test]
fn trim_view_is_accepted_and_returns_the_narrowed_size() {
    let prog = asm::assemble(TRIM_VIEW_S).expect("assembles");
    let report = verify(&prog, &VerifierOptions::default());
    assert_eq!(report.verdict, Verdict::Accepted, "{:?}", report.message);
    let snap = run(&prog, WorldConfig::default()).expect("the world builds");
    assert_eq!(exit_value(&snap), Some(10));
    assert_eq!(global_u64(&snap, "view"), Some(410), "offset 4, size 10");
    assert_eq!(global_bytes(&snap, "view").map(<[u8]>::len), Some(8));
}

#[wasm_bindgen_test]
fn stepping_shows_the_view_move_and_step_back_undoes_it() {
    let prog = asm::assemble(TRIM_VIEW_S).expect("assembles");
    let mut s = Session::new(prog, WorldConfig::default(), VmOptions::default()).expect("starts");
    let view = |s: &Session| s.snapshot().dynptrs.first().map(|d| (d.offset, d.size));
    let mut seen = Vec::new();
    while !s.finished() {
        s.step();
        if let Some(v) = view(&s) {
            if seen.last() != Some(&v) {
                seen.push(v);
            }
        }
    }
    assert_eq!(seen, [(0, 16), (4, 12), (4, 10)]);
    // Stepping back walks the same views in reverse, down to the start.
    let mut back = Vec::new();
    while s.snapshot().steps > 0 {
        s.step_back();
        if let Some(v) = view(&s) {
            if back.last() != Some(&v) {
                back.push(v);
            }
        }
    }
    assert_eq!(back, [(4, 10), (4, 12), (0, 16)]);
    assert!(
        s.snapshot().dynptrs.is_empty(),
        "no dynptr before the first call"
    );
}

#[wasm_bindgen_test]
fn using_a_dynptr_that_was_never_made_is_rejected() {
    let broken = TRIM_VIEW_S.replace("call bpf_dynptr_from_mem", "r0 = 0");
    let report = verify(
        &asm::assemble(&broken).expect("assembles"),
        &VerifierOptions::default(),
    );
    assert_eq!(report.verdict, Verdict::Rejected);
    assert_eq!(
        report.message.as_deref(),
        Some("Expected an initialized dynptr as arg #1")
    );
}

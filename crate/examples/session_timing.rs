//! Times a session's Continue over a program of about 1,000,000
//! instructions, natively: the first run in this process (cold) and the
//! median of the next ten (warm). `scripts/bench.sh` runs it beside
//! `crate/benches/wasm_session.mjs`, which times the same program through
//! the wasm facade in node, and reports the ratio. Prints one JSON line.

use std::time::Instant;

use dynptr_play::asm;
use dynptr_play::session::Session;
use dynptr_play::vm::VmOptions;
use dynptr_play::world::WorldConfig;

/// The program of the page's 1M-instruction Run test (tests/e2e/run.mjs).
pub const PROGRAM: &str = include_str!("../benches/long_loop.s");

fn once() -> (f64, u64) {
    let t = Instant::now();
    let prog = asm::assemble(PROGRAM).expect("the benchmark program assembles");
    let mut s = Session::new(prog, WorldConfig::default(), VmOptions::default())
        .expect("the session starts");
    s.continue_to(&[]);
    let ms = t.elapsed().as_secs_f64() * 1e3;
    (ms, s.history_len())
}

fn main() {
    let (cold, steps) = once();
    let mut warm: Vec<f64> = (0..10).map(|_| once().0).collect();
    warm.sort_by(f64::total_cmp);
    let median = (warm[4] + warm[5]) / 2.0;
    println!("{{\"steps\":{steps},\"cold_ms\":{cold:.3},\"warm_ms\":{median:.3}}}");
}

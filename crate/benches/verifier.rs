//! Verifier throughput in instructions processed per second, on the
//! programs of the examples gallery and the corpus (every `.s` under
//! `tests/corpus` and `static/examples`). The number is reported in the
//! README.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dynptr_play::asm;
use dynptr_play::program::Program;
use dynptr_play::verifier::{verify, VerifierOptions};

fn programs() -> Vec<(String, Program)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for dir in ["tests/corpus/spec", "tests/corpus/extra", "static/examples"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.extension().is_some_and(|e| e == "s") {
                let text = std::fs::read_to_string(&path).expect("readable");
                if let Ok(prog) = asm::assemble(&text) {
                    out.push((path.display().to_string(), prog));
                }
            }
        }
    }
    out
}

/// A large generated program: 4 000 blocks of scalar arithmetic, a
/// conditional branch on a bounded value, and a stack spill and fill, so
/// every block forks the state and pruning has to work.
fn large_program() -> Program {
    let mut src = String::from(".program large syscall\n    r6 = 0\n    r7 = 0\n");
    for i in 0..4000 {
        src.push_str(&format!(
            "    r6 += {k}\n    r6 &= 0xfff\n    if r6 > 0x800 goto big{i}\n    r7 += 1\n    goto next{i}\nbig{i}:\n    r7 += 2\nnext{i}:\n    *(u64 *)(r10 - 8) = r7\n    r7 = *(u64 *)(r10 - 8)\n",
            k = i % 97 + 1
        ));
    }
    src.push_str("    r0 = 0\n    exit\n");
    asm::assemble(&src).expect("generated program assembles")
}

fn bench(c: &mut Criterion) {
    let mut progs = programs();
    assert!(
        !progs.is_empty(),
        "no programs found for the verifier benchmark"
    );
    // The verdict alone, as `dynptr-play verify` without --json: the
    // per-instruction states the page shows are measured separately.
    let opts = VerifierOptions {
        log_level: 0,
        record_states: false,
        ..VerifierOptions::default()
    };
    let with_states = VerifierOptions {
        log_level: 0,
        ..VerifierOptions::default()
    };
    let large = large_program();
    let large_processed = verify(&large, &opts).stats.insns_processed;
    let mut g = c.benchmark_group("verifier_large");
    g.throughput(Throughput::Elements(large_processed));
    g.bench_function(
        format!(
            "{} insns generated, {large_processed} processed",
            large.insns.len()
        ),
        |b| b.iter(|| std::hint::black_box(verify(&large, &opts))),
    );
    g.bench_function(
        format!(
            "{} insns generated, {large_processed} processed, states recorded",
            large.insns.len()
        ),
        |b| b.iter(|| std::hint::black_box(verify(&large, &with_states))),
    );
    g.finish();
    progs.retain(|(_, p)| !p.insns.is_empty());
    let processed: u64 = progs
        .iter()
        .map(|(_, p)| verify(p, &opts).stats.insns_processed)
        .sum();
    let mut g = c.benchmark_group("verifier_corpus");
    g.throughput(Throughput::Elements(processed));
    g.bench_function(format!("{} programs, log level 0", progs.len()), |b| {
        b.iter(|| {
            for (_, p) in &progs {
                std::hint::black_box(verify(p, &opts));
            }
        })
    });
    // Logging alone: no per-instruction states at either level.
    let opts2 = VerifierOptions {
        log_level: 2,
        record_states: false,
        ..VerifierOptions::default()
    };
    g.bench_function(format!("{} programs, log level 2", progs.len()), |b| {
        b.iter(|| {
            for (_, p) in &progs {
                std::hint::black_box(verify(p, &opts2));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

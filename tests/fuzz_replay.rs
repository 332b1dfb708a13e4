//! The committed fuzz corpus, replayed natively (no libFuzzer): every file
//! of `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/` goes
//! through the same harness the fuzz target runs (`fuzz/src/lib.rs`,
//! included here), and none may panic. `scripts/fuzz.sh` runs the fuzzer
//! itself; this test keeps what it found (and the crashes it found, once
//! fixed) checked on every `cargo test`.
//!
//! The ignored test `write_seeds` writes the seeds the corpus grew from
//! (`scripts/fuzz.sh seed` runs it, then lets libFuzzer merge them in).

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod harness;

use std::path::{Path, PathBuf};

use dynptr_play::program::Program;

fn fuzz_dir() -> PathBuf {
    dynptr_tests::repo_root().join("fuzz")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    v
}

/// Runs every corpus and regression file; reports each that panics.
fn replay(target: &str) -> (usize, Vec<String>) {
    let mut n = 0;
    let mut failures = Vec::new();
    for sub in ["corpus", "regressions"] {
        for f in files(&fuzz_dir().join(sub).join(target)) {
            let data = std::fs::read(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            n += 1;
            let r = std::panic::catch_unwind(|| harness::run(target, &data));
            if let Err(e) = r {
                let msg = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{}: {}", f.display(), msg));
            }
        }
    }
    (n, failures)
}

fn replay_target(target: &str) {
    let (n, failures) = replay(target);
    println!(
        "fuzz replay {target}: {n} files, {} panicked",
        failures.len()
    );
    assert!(
        n > 0,
        "no corpus files for {target} in {}",
        fuzz_dir().display()
    );
    assert!(
        failures.is_empty(),
        "{} {target} corpus files panic:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn asm_corpus_replays() {
    replay_target("asm");
}

#[test]
fn elf_corpus_replays() {
    replay_target("elf");
}

#[test]
fn vm_corpus_replays() {
    replay_target("vm");
}

#[test]
fn verifier_corpus_replays() {
    replay_target("verifier");
}

/// The byte format keeps what it can express of the corpus programs:
/// instructions, type, map kinds and (folded) sizes, extra functions.
#[test]
fn program_encoding_round_trips() {
    let dir = dynptr_tests::repo_root().join("tests/corpus/spec");
    let (mut checked, mut with_maps) = (0, 0);
    for f in dynptr_tests::files_with_ext(&dir, "s") {
        let Ok(p) = dynptr_play::asm::assemble(&std::fs::read_to_string(&f).unwrap()) else {
            continue;
        };
        let q = harness::decode_program(&harness::encode_program(&p, 5, 3));
        let name = f.display();
        assert_eq!(q.prog.insns, p.insns, "{name}");
        assert_eq!(q.prog.prog_type, p.prog_type, "{name}");
        assert_eq!((q.flags, q.world), (5, 3), "{name}");
        let maps = |p: &Program| -> Vec<_> {
            p.maps
                .iter()
                .map(|m| {
                    (
                        m.map_type,
                        m.key_size,
                        m.value_size.min(4096),
                        m.max_entries,
                    )
                })
                .collect()
        };
        assert_eq!(maps(&q.prog), maps(&p), "{name}");
        let starts = |p: &Program| -> Vec<usize> { p.funcs.iter().map(|f| f.start).collect() };
        assert_eq!(starts(&q.prog), starts(&p), "{name}");
        checked += 1;
        with_maps += usize::from(!p.maps.is_empty());
    }
    assert!(
        checked > 10 && with_maps > 5,
        "{checked} programs, {with_maps} with maps"
    );
}

// ---------------------------------------------------------------- seeds

/// The repository's programs as text: the corpus, the gallery, the
/// examples, the disassembly of every built C object, and the conformance
/// suite's `-- asm` sections when the suite is present.
fn text_sources() -> Vec<(String, String)> {
    let root = dynptr_tests::repo_root();
    let mut out = Vec::new();
    for dir in [
        "tests/corpus/spec",
        "tests/corpus/extra",
        "static/examples",
        "examples/wasm-test/bpf",
    ] {
        for f in files(&root.join(dir)) {
            if f.extension().is_some_and(|x| x == "s") {
                if let Ok(s) = std::fs::read_to_string(&f) {
                    out.push((f.file_stem().unwrap().to_string_lossy().into_owned(), s));
                }
            }
        }
    }
    if let Some(dir) = std::env::var_os(dynptr_tests::CONFORMANCE_ENV)
        .map(PathBuf::from)
        .or_else(|| dynptr_tests::locate_conformance(None, &root).ok())
    {
        for f in files(&dir.join("tests"))
            .into_iter()
            .chain(files(&dir.join("negative")))
        {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            if let Ok(df) = dynptr_play::conformance::parse(&text) {
                if let Some(asm) = df.asm {
                    let name = f.file_stem().unwrap().to_string_lossy().into_owned();
                    out.push((format!("conf-{name}"), asm));
                }
            }
        }
    }
    out
}

fn objects() -> Vec<PathBuf> {
    let root = dynptr_tests::repo_root().join("tests/programs/build");
    let mut out = Vec::new();
    let mut dirs = vec![root];
    while let Some(d) = dirs.pop() {
        for p in files(&d) {
            if p.extension().is_some_and(|x| x == "o") {
                out.push(p);
            }
        }
        if let Ok(rd) = std::fs::read_dir(&d) {
            dirs.extend(
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_dir()),
            );
        }
    }
    out.sort();
    out
}

/// Writes the seeds of every target to `$FUZZ_SEED_DIR/<target>/`
/// (default `fuzz/seeds/`, which git ignores).
#[test]
#[ignore = "writes files: run by `scripts/fuzz.sh seed`"]
fn write_seeds() {
    let out = std::env::var_os("FUZZ_SEED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| fuzz_dir().join("seeds"));
    for t in harness::TARGETS {
        let d = out.join(t);
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
    }
    let write = |t: &str, name: &str, bytes: &[u8]| {
        std::fs::write(out.join(t).join(name), bytes).unwrap();
    };
    let mut progs: Vec<(String, Program)> = Vec::new();
    for (name, text) in text_sources() {
        write("asm", &format!("{name}.s"), text.as_bytes());
        if let Ok(p) = dynptr_play::asm::assemble(&text) {
            progs.push((name, p));
        }
    }
    for obj in objects() {
        let bytes = std::fs::read(&obj).unwrap();
        let stem = format!(
            "{}-{}",
            obj.parent().unwrap().file_name().unwrap().to_string_lossy(),
            obj.file_stem().unwrap().to_string_lossy()
        );
        write("elf", &format!("{stem}.o"), &bytes);
        if let Ok(ps) = dynptr_play::elf::load(&bytes) {
            for p in ps {
                let name = format!("{stem}-{}", p.name);
                write(
                    "asm",
                    &format!("{name}.s"),
                    dynptr_play::asm::disassemble(&p).as_bytes(),
                );
                progs.push((name, p));
            }
        }
    }
    let (mut vm, mut verifier) = (0, 0);
    for (name, p) in &progs {
        // vm: as a checked run would (packet_dynptr_data), plus a session
        // check; verifier: log level 1 with states recorded.
        write(
            "vm",
            &format!("{name}.bin"),
            &harness::encode_program(p, 0b110, 0),
        );
        vm += 1;
        write(
            "verifier",
            &format!("{name}.bin"),
            &harness::encode_program(p, 0b101, 0),
        );
        verifier += 1;
    }
    println!(
        "seeds: {} asm, {} elf, {vm} vm, {verifier} verifier in {}",
        files(&out.join("asm")).len(),
        files(&out.join("elf")).len(),
        out.display()
    );
}

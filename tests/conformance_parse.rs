//! The conformance suite through the assembler: every program of
//! `conformance/tests` assembles (auto-detected as ubpf), matches its
//! `-- raw` bytes where it has them, and survives disassemble/assemble;
//! every assembly-level case of `conformance/negative` is refused with a
//! located "expected ..." error, and every raw one fails `isa::validate`.

use std::fs;
use std::path::{Path, PathBuf};

use dynptr_play::asm::{assemble, assemble_ubpf, detect_dialect, disassemble, Dialect};
use dynptr_play::isa::{self, Insn};
use dynptr_tests::conformance_dir;

/// The sections of one `.data` file.
#[derive(Default)]
struct DataFile {
    asm: Option<String>,
    raw: Option<Vec<u8>>,
}

fn parse_data(text: &str) -> DataFile {
    let mut out = DataFile::default();
    let mut section: Option<String> = None;
    let mut body = String::new();
    let flush = |section: &Option<String>, body: &mut String, out: &mut DataFile| {
        match section.as_deref() {
            Some("asm") => out.asm = Some(std::mem::take(body)),
            Some("raw") => out.raw = Some(parse_raw(body)),
            _ => {}
        }
        body.clear();
    };
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("-- ") {
            flush(&section, &mut body, &mut out);
            section = Some(name.trim().to_string());
        } else if section.is_some() {
            body.push_str(line);
            body.push('\n');
        }
    }
    flush(&section, &mut body, &mut out);
    out
}

/// `-- raw` is either one `0x<u64>` per slot (the slot's little-endian
/// value) or eight space-separated hex bytes per slot.
fn parse_raw(body: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(h) = line.strip_prefix("0x") {
            let v = u64::from_str_radix(h, 16).expect("raw slot");
            bytes.extend_from_slice(&v.to_le_bytes());
        } else {
            for b in line.split_whitespace() {
                bytes.push(u8::from_str_radix(b, 16).expect("raw byte"));
            }
        }
    }
    bytes
}

fn data_files(dir: &Path) -> Vec<PathBuf> {
    dynptr_tests::files_with_ext(dir, "data")
}

#[test]
fn every_conformance_program_assembles() {
    let Some(dir) = conformance_dir("conformance (assembler)") else {
        return;
    };
    let files = data_files(&dir.join("tests"));
    assert!(
        files.len() > 300,
        "expected the whole suite, found {} files",
        files.len()
    );
    let mut raw_checked = 0;
    for f in &files {
        let d = parse_data(&fs::read_to_string(f).unwrap());
        let name = f.file_name().unwrap().to_string_lossy();
        let src = d.asm.unwrap_or_else(|| panic!("{name}: no -- asm section"));
        assert_eq!(detect_dialect(&src), Dialect::Ubpf, "{name}: dialect");
        let p = assemble_ubpf(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        let auto = assemble(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            auto.insns, p.insns,
            "{name}: auto-detected assembly differs"
        );
        isa::validate(&p.insns)
            .unwrap_or_else(|e| panic!("{name}: assembled an invalid program: {e}"));
        if let Some(raw) = d.raw {
            assert_eq!(
                isa::encode(&p.insns),
                raw,
                "{name}: bytes differ from -- raw"
            );
            raw_checked += 1;
        }
        let text = disassemble(&p);
        let q = assemble(&text)
            .unwrap_or_else(|e| panic!("{name}: disassembly does not assemble: {e}\n{text}"));
        assert_eq!(q.insns, p.insns, "{name}: round trip\n{text}");
        assert!(
            !text.contains(".raw"),
            "{name}: valid instructions printed raw\n{text}"
        );
    }
    println!(
        "conformance: {} programs assembled, {raw_checked} matched their -- raw bytes",
        files.len()
    );
}

/// How a negative case is refused.
enum Refusal {
    Assembler(String),
    Validate(String),
    /// It assembles to valid bytecode: refusing it is the runtime's job
    /// (a wrong expected result, or an expected error).
    Runtime,
}

fn refuse(d: &DataFile) -> Refusal {
    if let Some(raw) = &d.raw {
        return match isa::decode(raw).and_then(|insns| isa::validate(&insns)) {
            Err(e) => Refusal::Validate(e.to_string()),
            Ok(()) => Refusal::Runtime,
        };
    }
    match assemble(d.asm.as_deref().unwrap_or("")) {
        Err(e) => Refusal::Assembler(e.to_string()),
        Ok(p) => match isa::validate(&p.insns) {
            Err(e) => Refusal::Validate(e.to_string()),
            Ok(()) => Refusal::Runtime,
        },
    }
}

#[test]
fn negative_cases_are_refused() {
    let Some(dir) = conformance_dir("conformance negative (assembler)") else {
        return;
    };
    let files = data_files(&dir.join("negative"));
    assert!(!files.is_empty());
    let (mut by_asm, mut by_validate, mut runtime) = (0, 0, Vec::new());
    for f in &files {
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        let d = parse_data(&fs::read_to_string(f).unwrap());
        match refuse(&d) {
            Refusal::Assembler(msg) => {
                assert!(
                    msg.starts_with("line ") && msg.contains("expected"),
                    "{name}: unclear error: {msg}"
                );
                println!("{name}: {msg}");
                by_asm += 1;
            }
            Refusal::Validate(msg) => {
                assert!(
                    name.starts_with("unused-"),
                    "{name}: refused by validate: {msg}"
                );
                by_validate += 1;
            }
            Refusal::Runtime => runtime.push(name.clone()),
        }
        // Raw negatives still disassemble to something that assembles back.
        if let Some(raw) = &d.raw {
            let insns: Vec<Insn> = isa::decode(raw).unwrap();
            let p = dynptr_play::program::Program::from_insns("neg", Default::default(), insns);
            let q = assemble(&disassemble(&p)).unwrap();
            assert_eq!(q.insns, p.insns, "{name}: raw round trip");
        }
    }
    println!(
        "negative: {} files, {by_asm} refused by the assembler, {by_validate} by isa::validate, runtime: {runtime:?}",
        files.len()
    );
    // Every case whose defect is in the text or the encoding is caught here;
    // only the two whose programs are valid are left to the runtime.
    runtime.sort();
    assert_eq!(runtime, ["error", "incorrect_return_value_high_bits"]);
}

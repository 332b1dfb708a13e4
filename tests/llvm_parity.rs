//! Parity with LLVM: the assembler against `llvm-mc -triple bpf`, the
//! disassembler against `llvm-objdump -d`, and pasted `llvm-objdump -d -r`
//! listings of every clang object `scripts/build-c.sh` builds against the
//! ELF loader. Runs where LLVM is installed; without it each test prints a
//! one-line notice and passes, except under `CI=true`, where it fails.

use std::path::Path;
use std::process::Command;

use dynptr_play::asm::{assemble, disassemble};
use dynptr_play::program::Program;

/// True when every tool runs; otherwise a notice (or, under CI, a failure).
fn have_tools(tools: &[&str]) -> bool {
    let missing: Vec<&str> = tools
        .iter()
        .copied()
        .filter(|t| {
            Command::new(t)
                .arg("--version")
                .output()
                .map_or(true, |o| !o.status.success())
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(
        !ci,
        "CI=true but {} missing (apt-get install llvm clang)",
        missing.join(", ")
    );
    println!("skipped: {} not installed", missing.join(", "));
    false
}

fn objdump(args: &[&str], obj: &Path) -> String {
    let out = Command::new("llvm-objdump")
        .args(args)
        .arg(obj)
        .output()
        .expect("llvm-objdump runs");
    assert!(
        out.status.success(),
        "llvm-objdump {args:?} {}: {}",
        obj.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("objdump prints UTF-8")
}

fn first_diff<T: PartialEq>(a: &[T], b: &[T]) -> Option<usize> {
    (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i))
}

/// The directives `disassemble` writes before the instructions: `.program`,
/// maps and globals, which a listing does not show.
fn header(p: &Program) -> String {
    let text = disassemble(p);
    match text.split_once("\n\n") {
        Some((h, _)) => format!("{h}\n"),
        None => text,
    }
}

/// Every program of every clang object: its `llvm-objdump -d -r` listing,
/// pasted whole after the program's map and global declarations, with and
/// without the byte columns, assembles to exactly the program the ELF
/// loader makes of the object (relocations resolved by name, subprograms
/// appended in the loader's order, maps).
#[test]
fn pasted_objdump_listings_assemble_to_the_loaded_programs() {
    if !have_tools(&["llvm-objdump"]) {
        return;
    }
    let objects = dynptr_tests::built_objects();
    let (mut programs, mut slots, mut refused) = (0, 0, Vec::new());
    for o in &objects {
        let bytes = std::fs::read(o).unwrap();
        let progs = match dynptr_play::elf::load(&bytes) {
            Ok(p) => p,
            Err(e) => {
                refused.push(format!("{}: {e}", o.display()));
                continue;
            }
        };
        for args in [&["-d", "-r"][..], &["-d", "-r", "--no-show-raw-insn"][..]] {
            let listing = objdump(args, o);
            for p in &progs {
                let text = format!("{}\n{listing}", header(p));
                let q = assemble(&text)
                    .unwrap_or_else(|e| panic!("{} {args:?} {}: {e}\n{text}", o.display(), p.name));
                if let Some(i) = first_diff(&q.insns, &p.insns) {
                    panic!(
                        "{} {args:?} {}: slot {i} differs: assembled {:?}, loaded {:?} ({} vs {} slots)\n{text}",
                        o.display(),
                        p.name,
                        q.insns.get(i),
                        p.insns.get(i),
                        q.insns.len(),
                        p.insns.len()
                    );
                }
                assert_eq!(q.maps, p.maps, "{} {}", o.display(), p.name);
                assert_eq!((&q.name, q.prog_type), (&p.name, p.prog_type));
                programs += 1;
                slots += p.insns.len();
            }
        }
    }
    println!(
        "{programs} pasted listings ({slots} slots) of {} objects assembled to the loaded programs; not loadable: {refused:?}",
        objects.len()
    );
    assert!(programs >= 40, "only {programs} programs compared");
}

/// `llvm-objdump -d` (no relocations) of every built object, one section
/// at a time (banner, function headers, raw byte columns, `<LBB0_2>`
/// annotations), assembles to exactly the section's bytes objdump shows: the assembler reads real
/// LLVM output, including calls whose kind only the bytes reveal.
#[test]
fn llvm_objdump_listings_assemble_to_their_bytes() {
    if !have_tools(&["llvm-objdump"]) {
        return;
    }
    let objects = dynptr_tests::built_objects();
    let mut sections = 0;
    let mut insns = 0;
    for o in &objects {
        let listing = objdump(&["-d"], o);
        // Split at section banners; the banner line itself must be skipped
        // by the assembler, so it stays in each part.
        let mut parts: Vec<String> = Vec::new();
        for line in listing.lines() {
            if line.starts_with("Disassembly of section ") {
                parts.push(String::new());
            }
            if let Some(part) = parts.last_mut() {
                part.push_str(line);
                part.push('\n');
            }
        }
        for part in parts {
            let mut want = Vec::new();
            for line in part.lines() {
                let Some((addr, rest)) = line.split_once(":\t") else {
                    continue;
                };
                if !addr.trim().chars().all(|c| c.is_ascii_hexdigit()) {
                    continue;
                }
                let bytes = rest.split('\t').next().unwrap_or("");
                want.extend(
                    bytes
                        .split_whitespace()
                        .map(|b| u8::from_str_radix(b, 16).unwrap()),
                );
            }
            if want.is_empty() {
                continue;
            }
            let p = assemble(&part).unwrap_or_else(|e| panic!("{}: {e}\n{part}", o.display()));
            assert_eq!(
                dynptr_play::isa::encode(&p.insns),
                want,
                "{}:\n{part}",
                o.display()
            );
            sections += 1;
            insns += p.insns.len();
        }
    }
    println!("{sections} objdump sections ({insns} slots) assembled to their bytes");
    assert!(sections >= 10);
}

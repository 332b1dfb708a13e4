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
    dynptr_tests::skip_notice(
        "llvm parity",
        &format!("{} not installed", missing.join(", ")),
    );
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
    if !have_tools(&["llvm-objdump", "clang"]) {
        return;
    }
    let objects = dynptr_tests::built_objects();
    let (mut programs, mut slots, mut refused) = (0, 0, Vec::new());
    let mut unprintable = Vec::new();
    for o in &objects {
        // An instruction llvm-objdump cannot print (JSET, which clang's
        // assembler lacks, written as `.8byte`) leaves nothing to paste.
        if objdump(&["-d"], o).contains("<unknown>") {
            unprintable.push(o.display().to_string());
            continue;
        }
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
                // BTF types are the object's; assembly has only sizes.
                let untyped: Vec<_> = p.maps.iter().map(|m| m.without_btf_types()).collect();
                assert_eq!(q.maps, untyped, "{} {}", o.display(), p.name);
                assert_eq!((&q.name, q.prog_type), (&p.name, p.prog_type));
                programs += 1;
                slots += p.insns.len();
            }
        }
    }
    println!(
        "{programs} pasted listings ({slots} slots) of {} objects assembled to the loaded programs; not loadable: {refused:?}; with `<unknown>` instructions: {unprintable:?}",
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
    if !have_tools(&["llvm-objdump", "clang"]) {
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
            // `<unknown>`: an instruction LLVM cannot print (see above).
            if part.contains("<unknown>") {
                continue;
            }
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

// ---------------------------------------------------------------------------
// llvm-mc and llvm-objdump over generated instructions.

use dynptr_play::asm::format_insn;
use dynptr_play::catalog;
use dynptr_play::isa::{self, Insn};
use dynptr_play::program::ProgType;

const IMMS: [i32; 10] = [
    0,
    1,
    -1,
    4096,
    4097,
    -4097,
    0x7fff_fffe,
    i32::MAX,
    i32::MIN,
    -2,
];
const OFFS: [i16; 6] = [0, 1, -1, 8, i16::MAX, i16::MIN];

/// One instruction (two slots for `ld_imm64`) of every class and form,
/// both widths, with boundary immediates and offsets.
fn generated() -> Vec<Vec<Insn>> {
    use isa::*;
    let mut out: Vec<Vec<Insn>> = Vec::new();
    let one = |i: Insn| vec![i];
    for class in [BPF_ALU, BPF_ALU64] {
        for op in [
            BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR, BPF_AND, BPF_LSH, BPF_RSH, BPF_MOD,
            BPF_XOR, BPF_MOV, BPF_ARSH,
        ] {
            for dst in [0u8, 1, 9] {
                for &imm in &IMMS {
                    out.push(one(Insn::new(class | op | BPF_K, dst, 0, 0, imm)));
                }
                for src in [2u8, 10] {
                    out.push(one(Insn::new(class | op | BPF_X, dst, src, 0, 0)));
                }
            }
        }
        for dst in [0u8, 5] {
            out.push(one(Insn::new(class | BPF_NEG, dst, 0, 0, 0)));
            for op in [BPF_DIV, BPF_MOD] {
                out.push(one(Insn::new(class | op | BPF_K, dst, 0, 1, 7)));
                out.push(one(Insn::new(class | op | BPF_X, dst, 3, 1, 0)));
            }
            for bits in [8i16, 16, 32] {
                if class == BPF_ALU && bits == 32 {
                    continue;
                }
                out.push(one(Insn::new(class | BPF_MOV | BPF_X, dst, 4, bits, 0)));
            }
            for width in [16, 32, 64] {
                if class == BPF_ALU {
                    out.push(one(Insn::new(
                        class | BPF_END | BPF_TO_LE,
                        dst,
                        0,
                        0,
                        width,
                    )));
                    out.push(one(Insn::new(
                        class | BPF_END | BPF_TO_BE,
                        dst,
                        0,
                        0,
                        width,
                    )));
                } else {
                    out.push(one(Insn::new(class | BPF_END, dst, 0, 0, width)));
                }
            }
        }
    }
    for class in [BPF_JMP, BPF_JMP32] {
        for op in [
            BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET, BPF_JNE, BPF_JSGT, BPF_JSGE, BPF_JLT, BPF_JLE,
            BPF_JSLT, BPF_JSLE,
        ] {
            for &off in &OFFS {
                for &imm in &[0, -1, i32::MAX, i32::MIN, 4097] {
                    out.push(one(Insn::new(class | op | BPF_K, 1, 0, off, imm)));
                }
                out.push(one(Insn::new(class | op | BPF_X, 1, 2, off, 0)));
            }
        }
    }
    for &off in &OFFS {
        out.push(one(Insn::new(BPF_JMP | BPF_JA, 0, 0, off, 0)));
    }
    for &imm in &IMMS {
        out.push(one(Insn::new(BPF_JMP32 | BPF_JA, 0, 0, 0, imm)));
    }
    for imm in [0, 1, 6, 130, 211, -1, i32::MAX] {
        out.push(one(Insn::new(BPF_JMP | BPF_CALL, 0, 0, 0, imm)));
    }
    out.push(one(Insn::new(BPF_JMP | BPF_CALL | BPF_X, 2, 0, 0, 0)));
    out.push(one(Insn::new(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)));
    for size in [BPF_B, BPF_H, BPF_W, BPF_DW] {
        for &off in &OFFS {
            out.push(one(Insn::new(BPF_LDX | BPF_MEM | size, 1, 10, off, 0)));
            out.push(one(Insn::new(BPF_STX | BPF_MEM | size, 10, 1, off, 0)));
            out.push(one(Insn::new(BPF_ST | BPF_MEM | size, 10, 0, off, -5)));
            if size != BPF_DW {
                out.push(one(Insn::new(BPF_LDX | BPF_MEMSX | size, 1, 2, off, 0)));
            }
        }
        for &imm in &[0, 1, 73, i32::MAX, -1] {
            if size != BPF_DW {
                out.push(one(Insn::new(BPF_LD | BPF_ABS | size, 0, 0, 0, imm)));
                out.push(one(Insn::new(BPF_LD | BPF_IND | size, 0, 7, 0, imm)));
            }
        }
    }
    for size in [BPF_W, BPF_DW] {
        for imm in [
            BPF_ADD as i32,
            BPF_OR as i32,
            BPF_AND as i32,
            BPF_XOR as i32,
            BPF_ADD as i32 | BPF_FETCH,
            BPF_OR as i32 | BPF_FETCH,
            BPF_AND as i32 | BPF_FETCH,
            BPF_XOR as i32 | BPF_FETCH,
            BPF_XCHG,
            BPF_CMPXCHG,
        ] {
            for &off in &[0i16, -8, i16::MAX] {
                out.push(one(Insn::new(BPF_STX | BPF_ATOMIC | size, 1, 2, off, imm)));
            }
        }
    }
    for v in [
        0u64,
        1,
        u64::MAX,
        0xffff_ffff,
        0x1_0000_0000,
        i64::MAX as u64,
        i64::MIN as u64,
    ] {
        out.push(isa::ld_imm64(8, 0, v).to_vec());
    }
    out
}

/// Spellings both assemblers read, each to the same bytes.
const EXTRA_INPUTS: &[&str] = &[
    "r1 = 4294967295",
    "r1 = 0xffffffff",
    "r1 = 2147483648",
    "r1 = -2147483648",
    "w1 = 4294967295",
    "r1 += 4294967295",
    "if r1 > 4294967295 goto +1",
    "if w1 s< -1 goto -32768",
    "call -1",
    "call 0xffffffff",
    "call 4294967295",
    "r8 = 0xffffffffffffffff ll",
    "r8 = 18446744073709551615 ll",
    "r8 = -9223372036854775808 ll",
    "r8 = -1 ll",
    "w1 = *(u32 *)(r2 + 0)",
    "*(u32 *)(r10 - 4) = w5",
    "lock *(u32 *)(r1 + 0) += w2",
    "lock *(u64 *)(r1 - 8) += r2",
    "r0 = *(u8 *)skb[73]",
    "r0 = *(u16 *)skb[r7]",
    "r0 = *(u32 *)skb[0x10]",
    "goto +0",
    "r1 = be16 r1",
    "r1 = le64 r1",
    "r0 = -r0",
    "w0 = -w0",
    "r1 = *(u64 *)(r10 - 32768)",
    "*(u8 *)(r1 + 32767) = r2",
];

/// Out of range: the playground refuses them (llvm-mc 14 truncates).
const OUT_OF_RANGE: &[&str] = &[
    "r1 = 4294967296",
    "r1 = -2147483649",
    "r1 = 99999999999",
    "call 4294967296",
    "goto +32768",
    "goto -32769",
    "r1 = *(u32 *)(r10 + 32768)",
    "r1 = *(u32 *)(r10 + 65535)",
    "r1 = 18446744073709551616 ll",
];

/// Why LLVM may refuse or print `<unknown>` for an instruction the
/// playground handles; `None` when LLVM must agree. docs/asm.md lists these.
fn llvm_gap(i: Insn) -> Option<&'static str> {
    use isa::*;
    let class = i.class();
    Some(match class {
        BPF_ALU | BPF_ALU64 if i.off != 0 => "cpu v4 (sdiv, smod, movsx)",
        BPF_ALU | BPF_ALU64 if i.op() == BPF_MOD => "BPF_MOD (`%=`)",
        BPF_ALU64 if i.op() == BPF_END => "cpu v4 (bswap)",
        BPF_LDX if i.mode() == BPF_MEMSX => "cpu v4 (sign-extending loads)",
        BPF_JMP32 if i.op() == BPF_JA => "cpu v4 (gotol)",
        BPF_JMP if i.code == BPF_JMP | BPF_CALL | BPF_X => {
            "callx (LLVM 14 puts the register in imm)"
        }
        BPF_ST => "store of an immediate",
        BPF_JMP | BPF_JMP32 if i.op() == BPF_JSET => "JSET (`if r1 & 4 goto`)",
        BPF_STX if i.mode() == BPF_ATOMIC && i.size() == BPF_W => {
            "32-bit atomics (LLVM 14 prints `+= r2` for `+= w2` and decodes fetch forms as `lock`)"
        }
        BPF_STX if i.mode() == BPF_ATOMIC && i.imm != 0 => {
            "atomic fetch, xchg, cmpxchg (LLVM 14's parser has no function forms)"
        }
        BPF_LD if i.mode() == BPF_IND && i.imm != 0 => {
            "ld_ind with an offset (LLVM's `skb[r7]` has none; the kernel log's `skb[r7 + 4]` is used)"
        }
        _ => return None,
    })
}

/// Runs `tool args` on a file holding `text`; (stdout, stderr).
fn run_on(tool: &str, args: &[&str], name: &str, text: &str) -> (String, String) {
    let dir = std::env::temp_dir().join(format!("dynptr-llvm-parity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let out = Command::new(tool).args(args).arg(&path).output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// llvm-mc's encodings of `lines`: `None` for a line it refused.
fn llvm_mc(lines: &[String]) -> Vec<Option<Vec<u8>>> {
    let (out, err) = run_on(
        "llvm-mc",
        &["-triple", "bpf", "-show-encoding"],
        "in.s",
        &(lines.join("\n") + "\n"),
    );
    let refused: std::collections::HashSet<usize> = err
        .lines()
        .filter_map(|l| {
            let rest = l.split_once("in.s:")?.1;
            let (n, rest) = rest.split_once(':')?;
            rest.contains("error")
                .then(|| n.parse::<usize>().ok())
                .flatten()
        })
        .collect();
    let mut encodings = out.lines().filter_map(|l| {
        let enc = l.split_once("# encoding: [")?.1.strip_suffix(']')?;
        Some(
            enc.split(',')
                .map(|b| u8::from_str_radix(b.trim().trim_start_matches("0x"), 16).ok())
                .collect::<Option<Vec<u8>>>(),
        )
    });
    (1..=lines.len())
        .map(|n| {
            if refused.contains(&n) {
                None
            } else {
                encodings.next().flatten()
            }
        })
        .collect()
}

/// `text` without the ` <LBB0_2>` objdump puts after a jump target.
fn strip_annotation(text: &str) -> String {
    match text.rsplit_once(" <") {
        Some((a, b)) if b.ends_with('>') && !b.contains(' ') => a.to_string(),
        _ => text.to_string(),
    }
}

/// `text` with the `<...>` annotation dropped and hex numbers in decimal,
/// to compare with an LLVM that prints hex (LLVM 18 and later: `r0 = 0x2`,
/// `(r1 + 0x4)`, `goto +0x1`).
fn normalized(text: &str) -> String {
    let t: Vec<char> = strip_annotation(text).chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < t.len() {
        let starts_hex = t[i] == '0'
            && t.get(i + 1) == Some(&'x')
            && (i == 0 || !t[i - 1].is_ascii_alphanumeric());
        if starts_hex {
            let mut j = i + 2;
            while j < t.len() && t[j].is_ascii_hexdigit() {
                j += 1;
            }
            let digits: String = t[i + 2..j].iter().collect();
            match u64::from_str_radix(&digits, 16) {
                Ok(v) => out.push_str(&v.to_string()),
                Err(_) => out.extend(&t[i..j]),
            }
            i = j;
        } else {
            out.push(t[i]);
            i += 1;
        }
    }
    out
}

fn text_of(insns: &[Insn]) -> String {
    let mut v = insns.to_vec();
    v.push(Insn::new(0x95, 0, 0, 0, 0));
    format_insn(&Program::from_insns("t", ProgType::Syscall, v), 0)
}

/// Every generated instruction, as the disassembler writes it, assembles
/// with llvm-mc to the same bytes as with the playground; llvm-objdump
/// prints each of them as the disassembler does. Differences are either
/// instructions this LLVM predates (`llvm_gap`, listed in docs/asm.md) or
/// spellings docs/asm.md lists as intended.
#[test]
fn llvm_mc_and_objdump_agree_on_every_instruction_form() {
    if !have_tools(&["llvm-mc", "llvm-objdump"]) {
        return;
    }
    let items = generated();
    // Our text of each, and llvm-mc's input: helper calls by number.
    let ours: Vec<String> = items.iter().map(|i| text_of(i)).collect();
    let mc_in: Vec<String> = items
        .iter()
        .zip(&ours)
        .map(|(i, t)| {
            if i[0].is_call() && i[0].src_bit() == 0 {
                format!("call {}", i[0].imm)
            } else {
                // The jump target's label, as objdump prints it, is no
                // input syntax.
                strip_annotation(t)
            }
        })
        .collect();
    let mc = llvm_mc(&mc_in);
    let mut agree = 0;
    let mut gaps: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut wrong = Vec::new();
    for ((insns, text), enc) in items.iter().zip(&mc_in).zip(&mc) {
        let mine = assemble(&format!("{text}\nexit\n"))
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .insns;
        assert_eq!(&mine[..insns.len()], &insns[..], "{text}");
        let want = isa::encode(insns);
        match (enc, llvm_gap(insns[0])) {
            (Some(e), _) if *e == want => agree += 1,
            (None, Some(why)) => *gaps.entry(why).or_default() += 1,
            (Some(_), Some(why)) if why.starts_with("callx") => *gaps.entry(why).or_default() += 1,
            (e, _) => wrong.push(format!("{text}: llvm-mc {e:02x?}, playground {want:02x?}")),
        }
    }
    println!(
        "llvm-mc: {agree} of {} encodings agree; LLVM gaps: {gaps:?}",
        items.len()
    );
    assert!(wrong.is_empty(), "llvm-mc disagrees:\n{}", wrong.join("\n"));

    // Input spellings beyond the disassembler's: llvm-mc's encoding is the
    // playground's.
    let extra: Vec<String> = EXTRA_INPUTS.iter().map(|s| s.to_string()).collect();
    for (text, enc) in extra.iter().zip(llvm_mc(&extra)) {
        let mine = assemble(&format!("{text}\nexit\n"))
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .insns;
        let want = isa::encode(&mine[..mine.len() - 1]);
        assert_eq!(enc.as_ref(), Some(&want), "{text}");
    }
    // Values that do not fit: refused at their column, where llvm-mc (14)
    // truncates them silently.
    let too_big: Vec<String> = OUT_OF_RANGE.iter().map(|s| s.to_string()).collect();
    for (text, enc) in too_big.iter().zip(llvm_mc(&too_big)) {
        let e = assemble(&format!("{text}\nexit\n")).expect_err(text);
        assert_eq!(e.line, 1, "{text}: {e}");
        println!("refused `{text}` ({e}); llvm-mc: {enc:02x?}");
    }

    // llvm-objdump of the same bytes.
    let quads: String = items
        .iter()
        .flatten()
        .map(|i| format!(".quad {:#018x}\n", u64::from_le_bytes(i.to_bytes())))
        .collect();
    let dir = std::env::temp_dir().join(format!("dynptr-llvm-parity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let obj = dir.join("all.o");
    let (_, err) = run_on(
        "llvm-mc",
        &[
            "-triple",
            "bpf",
            "-filetype=obj",
            "-o",
            obj.to_str().unwrap(),
        ],
        "all.s",
        &format!(".text\n{quads}"),
    );
    assert!(err.is_empty(), "{err}");
    let listing = objdump(&["-d", "--no-show-raw-insn"], &obj);
    let printed: Vec<String> = listing
        .lines()
        .filter_map(|l| {
            let (addr, text) = l.split_once(":\t")?;
            addr.trim().parse::<usize>().ok()?;
            Some(text.trim().to_string())
        })
        .collect();
    assert_eq!(printed.len(), items.len(), "{listing}");
    let (mut same, mut same_value) = (0, 0);
    let mut gaps: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut intended: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut wrong = Vec::new();
    for ((insns, mine), theirs) in items.iter().zip(&ours).zip(&printed) {
        let i = insns[0];
        let theirs_plain = strip_annotation(theirs);
        if strip_annotation(mine) == theirs_plain {
            same += 1;
        } else if normalized(mine) == normalized(theirs) {
            same_value += 1;
            if std::env::var_os("PARITY_SHOW").is_some() {
                println!("same value: `{mine}` / `{theirs}`");
            }
        } else if let Some(why) = llvm_gap(i) {
            *gaps.entry(why).or_default() += 1;
            if std::env::var_os("PARITY_SHOW").is_some() {
                println!("gap: `{mine}` / `{theirs}`");
            }
        } else if i.is_call()
            && i.src_bit() == 0
            && theirs_plain == format!("call {}", i.imm)
            && catalog::helper(i.imm as u32).is_some_and(|f| *mine == format!("call {}", f.name))
        {
            *intended.entry("helper calls by name").or_default() += 1;
        } else {
            wrong.push(format!(
                "{}: playground `{mine}`, llvm-objdump `{theirs}`",
                isa::encode(insns)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
    }
    println!(
        "llvm-objdump: {same} of {} printed the same, {same_value} the same up to number base; LLVM gaps: {gaps:?}; intended: {intended:?}",
        items.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        wrong.is_empty(),
        "llvm-objdump prints differently:\n{}",
        wrong.join("\n")
    );
}

//! The ELF loader on real clang objects (`tests/programs/elf/*.c`, built by
//! `scripts/build-c.sh`): maps, globals, relocations and subprogram layout,
//! checked against what `llvm-objdump -r -t` says about the same object.

use std::path::{Path, PathBuf};
use std::process::Command;

use dynptr_play::catalog::{self, FuncKind};
use dynptr_play::elf::{self, ElfError};
use dynptr_play::isa::{
    Insn, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_KFUNC_CALL, BPF_PSEUDO_MAP_FD,
    BPF_PSEUDO_MAP_VALUE,
};
use dynptr_play::program::{MapOrigin, MapType, ProgType, Program};
use proptest::prelude::*;

fn build_dir() -> PathBuf {
    dynptr_tests::repo_root().join("tests/programs/build/elf")
}

fn object_path(name: &str) -> PathBuf {
    let p = build_dir().join(format!("{name}.o"));
    assert!(
        p.is_file(),
        "{} is missing: run `bash scripts/build-c.sh` first (scripts/test.sh does)",
        p.display()
    );
    p
}

fn object(name: &str) -> Vec<u8> {
    std::fs::read(object_path(name)).expect("read object")
}

fn kfunc_id(name: &str) -> i32 {
    match catalog::kfunc_by_name(name).expect("kfunc in catalog").kind {
        FuncKind::Kfunc { btf_id } => btf_id as i32,
        FuncKind::Helper { .. } => unreachable!("kfunc_by_name returned a helper"),
    }
}

fn prog<'a>(progs: &'a [Program], name: &str) -> &'a Program {
    progs
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no program {name}"))
}

/// The helper numbers `p` calls, in instruction order.
fn helper_calls(p: &Program) -> Vec<i32> {
    p.insns
        .iter()
        .filter(|i| i.is_helper_call())
        .map(|i| i.imm)
        .collect()
}

fn call_target(p: &Program, idx: usize) -> usize {
    let insn = p.insns[idx];
    (idx as i64 + i64::from(insn.imm) + 1) as usize
}

// ---- what llvm-objdump says ----

#[derive(Debug)]
struct ObjSym {
    value: u64,
    size: u64,
    func: bool,
    /// A section symbol (`STT_SECTION`): relocations against it carry the
    /// offset in the instruction's imm.
    section_sym: bool,
    section: String,
    name: String,
}

#[derive(Debug)]
struct ObjReloc {
    section: String,
    offset: u64,
    r_type: String,
    symbol: String,
}

fn objdump(path: &Path) -> (Vec<ObjSym>, Vec<ObjReloc>) {
    let out = Command::new("llvm-objdump")
        .arg("-r")
        .arg("-t")
        .arg(path)
        .output()
        .expect("llvm-objdump must be installed (scripts/setup.sh installs llvm)");
    assert!(
        out.status.success(),
        "llvm-objdump failed on {}",
        path.display()
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut syms = Vec::new();
    let mut relocs = Vec::new();
    let mut reloc_sec: Option<String> = None;
    let mut in_syms = false;
    for line in text.lines() {
        if line.starts_with("SYMBOL TABLE:") {
            in_syms = true;
            continue;
        }
        if let Some(rest) = line.strip_prefix("RELOCATION RECORDS FOR [") {
            in_syms = false;
            reloc_sec = rest.strip_suffix("]:").map(str::to_string);
            continue;
        }
        if line.trim().is_empty() {
            in_syms = false;
            continue;
        }
        if in_syms {
            // "0000000000000000 g     F xdp\t00000000000000c0 count_xdp"
            let (head, tail) = line.split_once('\t').expect("symbol line has a tab");
            let value = u64::from_str_radix(&head[..16], 16).expect("value");
            let flags = &head[17..24];
            let section = head[25..].trim().to_string();
            let mut t = tail.split_whitespace();
            let size = u64::from_str_radix(t.next().expect("size"), 16).expect("size hex");
            let name = t.next().unwrap_or("").to_string();
            let section_sym = flags.contains('d') && !flags.contains('f');
            syms.push(ObjSym {
                value,
                size,
                func: flags.contains('F'),
                section_sym,
                section,
                name,
            });
        } else if let Some(sec) = &reloc_sec {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() == 3 && f[0] != "OFFSET" {
                relocs.push(ObjReloc {
                    section: sec.clone(),
                    offset: u64::from_str_radix(f[0], 16).expect("offset"),
                    r_type: f[1].to_string(),
                    symbol: f[2].to_string(),
                });
            }
        }
    }
    (syms, relocs)
}

/// Every relocation llvm-objdump lists for the functions of every program
/// is applied the way libbpf would, and every program is exactly its
/// functions' bytes.
fn check_against_objdump(name: &str) {
    let path = object_path(name);
    let progs = elf::load(&object(name)).expect("loads");
    let (syms, relocs) = objdump(&path);
    let exec_sections: Vec<&str> = syms
        .iter()
        .filter(|s| s.func)
        .map(|s| s.section.as_str())
        .collect();
    for p in &progs {
        let mut total = 0;
        for f in &p.funcs {
            let fsym = syms
                .iter()
                .find(|s| s.func && s.name == f.name)
                .expect("function symbol");
            total += fsym.size as usize / 8;
            for r in relocs.iter().filter(|r| {
                r.section == fsym.section
                    && r.offset >= fsym.value
                    && r.offset < fsym.value + fsym.size
            }) {
                let idx = f.start + ((r.offset - fsym.value) / 8) as usize;
                let insn: Insn = p.insns[idx];
                let target = syms
                    .iter()
                    .find(|s| s.name == r.symbol)
                    .expect("reloc symbol");
                let ctx = format!("{name}: {} insn {idx} ({} {})", p.name, r.r_type, r.symbol);
                match r.r_type.as_str() {
                    "R_BPF_64_64" if target.section == ".maps" => {
                        assert_eq!(insn.src_reg, BPF_PSEUDO_MAP_FD, "{ctx}");
                        assert_eq!(p.maps[insn.imm as usize].name, r.symbol, "{ctx}");
                    }
                    "R_BPF_64_64" if exec_sections.contains(&target.section.as_str()) => {
                        assert_eq!(insn.src_reg, BPF_PSEUDO_FUNC, "{ctx}");
                        let t = call_target(p, idx);
                        assert!(
                            p.funcs.iter().any(|f| f.start == t),
                            "{ctx}: target {t} is no function"
                        );
                    }
                    "R_BPF_64_64" => {
                        assert_eq!(insn.src_reg, BPF_PSEUDO_MAP_VALUE, "{ctx}");
                        let m = &p.maps[insn.imm as usize];
                        assert_eq!(m.name, target.section, "{ctx}");
                        let MapOrigin::Global { vars, .. } = &m.origin else {
                            panic!("{ctx}: not a global")
                        };
                        let off = p.insns[idx + 1].imm as u32;
                        if target.section_sym {
                            // `.rodata + 7`: the offset is the addend; it must
                            // start a variable (a bpf_printk format here).
                            assert!(vars.iter().any(|v| v.offset == off), "{ctx}: offset {off}");
                        } else {
                            let var = vars.iter().find(|v| v.name == r.symbol).expect("var");
                            assert_eq!(off, var.offset, "{ctx}");
                            assert_eq!(u64::from(var.offset), target.value, "{ctx}");
                        }
                    }
                    "R_BPF_64_32" if target.section == "*UND*" => {
                        assert_eq!(insn.src_reg, BPF_PSEUDO_KFUNC_CALL, "{ctx}");
                        assert_eq!(insn.imm, kfunc_id(&r.symbol), "{ctx}");
                    }
                    "R_BPF_64_32" => {
                        assert_eq!(insn.src_reg, BPF_PSEUDO_CALL, "{ctx}");
                        let t = call_target(p, idx);
                        assert!(
                            p.funcs.iter().any(|f| f.start == t),
                            "{ctx}: target {t} is no function"
                        );
                    }
                    other => panic!("{ctx}: unexpected relocation type {other}"),
                }
            }
        }
        assert_eq!(
            p.insns.len(),
            total,
            "{name}: {} is exactly its functions",
            p.name
        );
        assert_eq!(p.lines.len(), p.insns.len());
        // No call is left unresolved.
        for (i, insn) in p.insns.iter().enumerate() {
            if insn.is_pseudo_call() {
                let t = call_target(p, i);
                assert!(
                    p.funcs.iter().any(|f| f.start == t),
                    "{name}: {} call at {i} to {t}",
                    p.name
                );
            }
        }
    }
}

#[test]
fn relocations_match_llvm_objdump() {
    for name in ["maps_globals", "ringbuf_dynptr", "kfuncs", "multi"] {
        check_against_objdump(name);
    }
}

#[test]
fn maps_and_globals_of_maps_globals() {
    let progs = elf::load(&object("maps_globals")).expect("loads");
    let names: Vec<(&str, ProgType)> = progs
        .iter()
        .map(|p| (p.name.as_str(), p.prog_type))
        .collect();
    assert_eq!(
        names,
        [
            ("count_xdp", ProgType::Xdp),
            ("count_tc", ProgType::Tc),
            ("loop_sum", ProgType::Syscall)
        ]
    );
    let p = prog(&progs, "count_xdp");
    // Every program of an object sees the same maps at the same indices.
    assert!(progs.iter().all(|q| q.maps == p.maps));

    let (_, counters) = p.map_by_name("counters").expect("counters");
    assert_eq!(
        (
            counters.map_type,
            counters.key_size,
            counters.value_size,
            counters.max_entries
        ),
        (MapType::Array, 4, 16, 8)
    );
    assert_eq!(counters.origin, MapOrigin::Declared);
    let (_, seen) = p.map_by_name("seen").expect("seen");
    assert_eq!(
        (
            seen.map_type,
            seen.key_size,
            seen.value_size,
            seen.max_entries
        ),
        (MapType::Hash, 8, 4, 128)
    );

    let (di, data) = p.map_by_name(".data").expect(".data");
    assert_eq!(
        (
            data.map_type,
            data.key_size,
            data.value_size,
            data.max_entries
        ),
        (MapType::Array, 4, 12, 1)
    );
    let init = data.initial_value.as_ref().expect(".data has an image");
    assert_eq!(&init[0..8], &7u64.to_le_bytes());
    assert_eq!(&init[8..12], &3u32.to_le_bytes());
    let (gi, scale) = p.global_by_name("scale").expect("scale");
    assert_eq!((gi, scale.offset, scale.size), (di, 8, 4));

    let (ri, rodata) = p.map_by_name(".rodata").expect(".rodata");
    assert!(matches!(
        &rodata.origin,
        MapOrigin::Global {
            read_only: true,
            ..
        }
    ));
    assert_eq!(
        rodata.initial_value.as_deref(),
        Some(&100u32.to_le_bytes()[..])
    );
    assert_eq!(
        p.global_by_name("limit").map(|(i, v)| (i, v.offset)),
        Some((ri, 0))
    );

    let (bi, bss) = p.map_by_name(".bss").expect(".bss");
    assert_eq!(bss.initial_value, None, ".bss starts zeroed");
    assert!(matches!(
        &bss.origin,
        MapOrigin::Global {
            read_only: false,
            ..
        }
    ));
    assert_eq!(
        p.global_by_name("hits").map(|(i, v)| (i, v.size)),
        Some((bi, 4))
    );
    assert!(p.map_by_name("license").is_none(), "license is not a map");
}

#[test]
fn static_subprograms_are_appended_once() {
    let progs = elf::load(&object("maps_globals")).expect("loads");
    for name in ["count_xdp", "count_tc"] {
        let p = prog(&progs, name);
        let funcs: Vec<&str> = p.funcs.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(funcs, [name, "account"], "{name}");
        let account = p.funcs[1].start;
        let calls: Vec<usize> = (0..p.insns.len())
            .filter(|&i| p.insns[i].is_pseudo_call())
            .collect();
        assert_eq!(calls.len(), 1, "{name}");
        assert_eq!(call_target(p, calls[0]), account, "{name}");
        assert!(calls[0] < account, "the subprogram comes after the program");
        // account() looks its counter up in `counters` with helper 1.
        assert!(p.insns[account..]
            .iter()
            .any(|i| i.is_helper_call() && i.imm == 1));
        let map_ld = p.insns[account..]
            .iter()
            .find(|i| i.is_ld_imm64() && i.src_reg == BPF_PSEUDO_MAP_FD)
            .expect("map ld");
        assert_eq!(p.maps[map_ld.imm as usize].name, "counters");
        // Labels come from clang's LBB symbols, relocated with their function.
        assert!(p
            .labels
            .iter()
            .any(|(i, l)| l.starts_with("LBB1_") && *i > account));
    }
    // bpf_loop's callback: ld_imm64 of add_one's address, then call 181.
    let p = prog(&progs, "loop_sum");
    let funcs: Vec<&str> = p.funcs.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(funcs, ["loop_sum", "add_one"]);
    let ld = (0..p.insns.len())
        .find(|&i| p.insns[i].is_ld_imm64() && p.insns[i].src_reg == BPF_PSEUDO_FUNC);
    let ld = ld.expect("ld_imm64 of the callback");
    assert_eq!(call_target(p, ld), p.funcs[1].start);
    assert_eq!(helper_calls(p), [181]);
}

#[test]
fn two_programs_in_one_section_with_shared_subprograms() {
    let bytes = object("multi");
    let progs = elf::load(&bytes).expect("loads");
    let names: Vec<&str> = progs.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["tc_first", "tc_second"],
        "global .text functions are not programs"
    );
    let funcs = |p: &Program| p.funcs.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
    // Discovery order: the entry's calls first, then its callees' calls.
    assert_eq!(funcs(&progs[0]), ["tc_first", "twice", "shared_len", "mix"]);
    assert_eq!(funcs(&progs[1]), ["tc_second", "mix", "shared_len"]);
    for p in &progs {
        assert!(
            p.funcs.windows(2).all(|w| w[0].start < w[1].start),
            "{}: funcs sorted",
            p.name
        );
        assert_eq!(p.prog_type, ProgType::Tc);
        // shared_len calls the series' bpf_dynptr_from_skb (212) and get_size (218).
        let sl = p
            .funcs
            .iter()
            .find(|f| f.name == "shared_len")
            .expect("shared_len")
            .start;
        let calls: Vec<i32> = p.insns[sl..]
            .iter()
            .take_while(|i| !i.is_exit())
            .filter(|i| i.is_helper_call())
            .map(|i| i.imm)
            .collect();
        assert_eq!(calls, [212, 218], "{}", p.name);
    }
    // twice() calls mix() twice, both to mix's single copy.
    let p = &progs[0];
    let (twice, shared_len, mix) = (p.funcs[1].start, p.funcs[2].start, p.funcs[3].start);
    let targets: Vec<usize> = (twice..shared_len)
        .filter(|&i| p.insns[i].is_pseudo_call())
        .map(|i| call_target(p, i))
        .collect();
    assert_eq!(targets, [mix, mix]);

    let (si, stats) = p.map_by_name(".data.stats").expect("custom data section");
    assert_eq!(stats.value_size, 16);
    let init = stats.initial_value.as_ref().expect("image");
    assert_eq!(&init[0..4], &1u32.to_le_bytes());
    assert_eq!(&init[4..8], &2u32.to_le_bytes());
    assert_eq!(&init[8..16], &3u64.to_le_bytes());
    assert_eq!(
        p.global_by_name("stats").map(|(i, v)| (i, v.size)),
        Some((si, 16))
    );
    let (_, rodata) = p.map_by_name(".rodata").expect(".rodata");
    let image = rodata.initial_value.as_ref().expect("image");
    let (_, fmt) = p.global_by_name("tc_first.____fmt").expect("printk format");
    let start = fmt.offset as usize;
    assert_eq!(&image[start..start + fmt.size as usize], b"first %u\0");
    assert_eq!(
        p.global_by_name("tag").map(|(_, v)| (v.offset, v.size)),
        Some((4, 3))
    );

    let err = elf::load_program(&bytes, "tc").expect_err("two programs in tc");
    assert!(
        matches!(&err, ElfError::AmbiguousSection { programs, .. } if programs == "tc_first, tc_second"),
        "{err}"
    );
    assert_eq!(
        elf::load_program(&bytes, "tc_second")
            .expect("by name")
            .name,
        "tc_second"
    );
}

#[test]
fn ringbuf_and_series_helpers() {
    let progs = elf::load(&object("ringbuf_dynptr")).expect("loads");
    assert_eq!(progs.len(), 1);
    let p = &progs[0];
    assert_eq!(
        (p.name.as_str(), p.prog_type),
        ("ringbuf_dynptr", ProgType::RawTp)
    );
    let (ri, rb) = p.map_by_name("ringbuf").expect("ringbuf");
    assert_eq!(ri, 0, "declared maps come first");
    assert_eq!(
        (rb.map_type, rb.key_size, rb.value_size, rb.max_entries),
        (MapType::Ringbuf, 0, 0, 4096)
    );
    assert!(p.global_by_name("submitted").is_some());
    // Helper calls by number are untouched, in source order.
    let calls = helper_calls(p);
    for id in [198, 200, 14, 218, 5, 202, 214, 199] {
        assert!(calls.contains(&id), "call {id} in {calls:?}");
    }
    assert_eq!(calls.first(), Some(&198));
}

#[test]
fn line_info_points_at_the_source() {
    let progs = elf::load(&object("ringbuf_dynptr")).expect("loads");
    let p = &progs[0];
    let src = std::fs::read_to_string(
        dynptr_tests::repo_root().join("tests/programs/elf/ringbuf_dynptr.c"),
    )
    .expect("source");
    let line_of = |needle: &str| {
        src.lines()
            .position(|l| l.contains(needle))
            .expect("needle") as u32
            + 1
    };
    let reserve = p
        .insns
        .iter()
        .position(|i| i.is_helper_call() && i.imm == 198)
        .expect("call 198");
    let loc = p.line_of(reserve).expect("line info for the call");
    assert_eq!(loc.line, line_of("err = bpf_ringbuf_reserve_dynptr("));
    assert!(loc.col > 0);
    let submit = p
        .insns
        .iter()
        .position(|i| i.is_helper_call() && i.imm == 199)
        .expect("call 199");
    assert_eq!(
        p.line_of(submit).map(|l| l.line),
        Some(line_of("bpf_ringbuf_submit_dynptr(&ptr"))
    );
    assert!(p.lines.iter().all(|l| l.is_some()), "every slot has a line");
}

#[test]
fn kfunc_externs_are_resolved_by_name() {
    let progs = elf::load(&object("kfuncs")).expect("loads");
    let kfuncs = |p: &Program| -> Vec<i32> {
        p.insns
            .iter()
            .filter(|i| i.is_kfunc_call())
            .map(|i| i.imm)
            .collect()
    };
    let p = prog(&progs, "xdp_slice");
    assert_eq!(p.prog_type, ProgType::Xdp);
    let want: Vec<i32> = [
        "bpf_dynptr_from_xdp",
        "bpf_dynptr_adjust",
        "bpf_dynptr_size",
        "bpf_dynptr_slice",
    ]
    .map(kfunc_id)
    .to_vec();
    assert_eq!(kfuncs(p), want);
    assert!(
        p.insns.iter().all(|i| !i.is_pseudo_call()),
        "no bpf-to-bpf call left"
    );
    let p = prog(&progs, "iter_sum");
    let k = kfuncs(p);
    assert_eq!(k.first(), Some(&kfunc_id("bpf_iter_num_new")));
    assert!(k.contains(&kfunc_id("bpf_iter_num_next")));
    assert_eq!(k.last(), Some(&kfunc_id("bpf_iter_num_destroy")));
}

#[test]
fn unknown_kfunc_and_unsimulated_type_are_clear_errors() {
    let bytes = object("partial");
    let err = elf::load(&bytes).expect_err("the object is not fully loadable");
    assert!(
        matches!(&err, ElfError::UnknownKfunc { name, .. } if name == "bpf_not_in_the_catalog"),
        "{err}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("syscall") && msg.contains("bpf_dynptr_adjust"),
        "{msg}"
    );

    let err = elf::load_program(&bytes, "call_unknown").expect_err("unknown kfunc");
    assert!(matches!(err, ElfError::UnknownKfunc { .. }), "{err}");
    let err = elf::load_program(&bytes, "probe").expect_err("kprobe");
    let msg = err.to_string();
    assert!(
        matches!(&err, ElfError::Section { section, .. } if section == "kprobe/do_nanosleep")
            && msg.contains("probe"),
        "{msg}"
    );
    // The good program loads on its own.
    let p = elf::load_program(&bytes, "fine").expect("fine loads");
    assert_eq!((p.name.as_str(), p.prog_type), ("fine", ProgType::Xdp));
    assert_eq!(
        elf::load_program(&bytes, "xdp").expect("by section").name,
        "fine"
    );
}

#[test]
fn load_program_by_function_or_section() {
    let bytes = object("maps_globals");
    assert_eq!(
        elf::load_program(&bytes, "count_tc")
            .expect("by function")
            .name,
        "count_tc"
    );
    assert_eq!(
        elf::load_program(&bytes, "?tc").expect("by section").name,
        "count_tc"
    );
    assert_eq!(
        elf::load_program(&bytes, "tc").expect("without ?").name,
        "count_tc"
    );
    assert_eq!(
        elf::load_program(&bytes, "xdp").expect("by section").name,
        "count_xdp"
    );
    let err = elf::load_program(&bytes, "nope").expect_err("missing");
    let msg = err.to_string();
    assert!(
        msg.contains("count_xdp (xdp)") && msg.contains("count_tc (?tc)"),
        "{msg}"
    );
}

const OBJECTS: [&str; 5] = [
    "maps_globals",
    "ringbuf_dynptr",
    "kfuncs",
    "multi",
    "partial",
];

/// Every 4-byte-aligned word of every object, overwritten in turn with
/// values that break sizes, offsets, indices and counts: the loader returns
/// (Ok or Err) every time, so every header, symbol, relocation and BTF
/// field has been hostile at least once.
#[test]
fn every_word_overwritten_never_panics() {
    let mut errors = 0usize;
    let mut loads = 0usize;
    for name in OBJECTS {
        let orig = object(name);
        for at in (0..orig.len().saturating_sub(3)).step_by(4) {
            for v in [0u32, 1, 0xffff_ffff] {
                let mut bytes = orig.clone();
                bytes[at..at + 4].copy_from_slice(&v.to_le_bytes());
                loads += 1;
                if elf::load(&bytes).is_err() {
                    errors += 1;
                }
            }
        }
    }
    // The sweep reaches the fields that matter: many mutants are refused.
    assert!(errors > loads / 20, "{errors} errors in {loads} loads");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Truncated and mutated real objects never panic the loader.
    #[test]
    fn mutated_objects_never_panic(
        which in 0usize..OBJECTS.len(),
        cut in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..24),
    ) {
        let mut bytes = object(OBJECTS[which]);
        for (at, v) in flips {
            let i = at.index(bytes.len());
            bytes[i] = v;
        }
        let _ = elf::load(&bytes);
        let _ = elf::load(&bytes[..cut.index(bytes.len())]);
    }
}

/// An object at any address loads the same: `include_bytes!` and byte
/// slices of a larger buffer are not 8-byte aligned.
#[test]
fn misaligned_objects_load() {
    let bytes = object("maps_globals");
    let aligned = dynptr_play::elf::load(&bytes).expect("loads");
    for shift in 1..8 {
        let mut buf = vec![0u8; shift];
        buf.extend_from_slice(&bytes);
        let progs = dynptr_play::elf::load(&buf[shift..]).expect("loads at any alignment");
        assert_eq!(progs, aligned, "shifted by {shift}");
    }
}

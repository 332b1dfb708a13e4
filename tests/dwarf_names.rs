//! Names and types from clang objects (`tests/programs/elf/dwarf_names.c`,
//! built by `scripts/build-c.sh`): DWARF's variables on the program, on the
//! VM's snapshot and on the verifier's states; map values and globals
//! printed by their BTF type.

use std::path::PathBuf;

use dynptr_play::elf;
use dynptr_play::program::{Program, VarPlace};

fn object(name: &str) -> Option<Vec<u8>> {
    let p: PathBuf = dynptr_tests::repo_root().join(format!("tests/programs/build/elf/{name}.o"));
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(e) => {
            assert!(
                !dynptr_tests::on_ci(),
                "{}: {e} (CI=true: run `bash scripts/build-c.sh`)",
                p.display()
            );
            dynptr_tests::skip_notice(
                "dwarf names",
                &format!("{} missing: run `bash scripts/build-c.sh`", p.display()),
            );
            None
        }
    }
}

fn names_prog() -> Option<Program> {
    let bytes = object("dwarf_names")?;
    Some(elf::load_program(&bytes, "names").expect("load names"))
}

/// The first instruction calling helper `id`.
fn helper_call(p: &Program, id: i32) -> usize {
    p.insns
        .iter()
        .position(|i| i.is_helper_call() && i.imm == id)
        .unwrap_or_else(|| panic!("no call to helper {id}"))
}

const DYNPTR_DATA: i32 = 203;
const MAP_LOOKUP_ELEM: i32 = 1;

#[test]
fn dwarf_names_every_variable() {
    let Some(p) = names_prog() else { return };
    let var = |name: &str, func: &str| {
        p.vars
            .iter()
            .find(|v| v.name == name && v.func == func)
            .unwrap_or_else(|| panic!("no variable {name} in {func}: {:?}", p.vars))
    };
    let read_data = var("read_data", "names");
    assert_eq!(
        (read_data.type_name.as_str(), read_data.size),
        ("char[64]", 64)
    );
    assert_eq!(read_data.label(), "read_data[64]");
    for name in ["ptr", "clone"] {
        let v = var(name, "names");
        assert_eq!((v.type_name.as_str(), v.size), ("struct bpf_dynptr", 16));
        assert!(matches!(v.locs[0].place, VarPlace::Stack { .. }), "{v:?}");
    }
    assert_eq!(var("data", "names").type_name, "__u8 *");
    assert_eq!(var("s", "names").type_name, "struct sample *");
    assert_eq!(var("key", "names").type_name, "__u32");
    let idx = var("idx", "bump");
    assert!(idx.param);
    // The subprogram's variables moved with it to its place in the program.
    let bump = p
        .funcs
        .iter()
        .find(|f| f.name == "bump")
        .expect("bump linked");
    assert_eq!(idx.func_start, bump.start);
    assert!(idx.locs.iter().all(|l| l.start >= bump.start));

    // Each variable sits where the instructions put it: the buffer passed
    // to bpf_dynptr_read (r1) is `read_data`.
    let read = helper_call(&p, 201);
    let buf_off = (0..read)
        .rev()
        .map(|i| p.insns[i])
        .find(|i| i.dst_reg == 1 && i.code == 0x07)
        .map(|i| i64::from(i.imm))
        .expect("r1 = r10 - N");
    assert_eq!(
        p.stack_var(read, buf_off).map(|v| v.name.as_str()),
        Some("read_data")
    );
    assert_eq!(
        p.stack_var(read, buf_off + 63).map(|v| v.name.as_str()),
        Some("read_data")
    );
    assert_eq!(
        p.slot_var(read, buf_off + 8).as_deref(),
        Some("read_data[64]")
    );
    // Nothing at an offset no variable covers.
    assert_eq!(p.stack_var(read, -512), None);
}

#[test]
fn session_snapshot_names_dynptrs_slots_slices_and_registers() {
    use dynptr_play::session::Session;
    use dynptr_play::vm::VmOptions;
    use dynptr_play::world::WorldConfig;
    let Some(p) = names_prog() else { return };
    let lookup = (helper_call(&p, DYNPTR_DATA)..p.insns.len())
        .find(|&i| p.insns[i].is_helper_call() && p.insns[i].imm == MAP_LOOKUP_ELEM)
        .expect("lookup after the slice");
    let mut s =
        Session::new(p.clone(), WorldConfig::default(), VmOptions::default()).expect("session");
    let snap = s.continue_to(&[lookup]).clone();
    assert_eq!(snap.pc, lookup);
    let names: Vec<Option<&str>> = snap.dynptrs.iter().map(|d| d.var.as_deref()).collect();
    assert_eq!(names, [Some("ptr"), Some("clone")], "{:?}", snap.dynptrs);
    assert_eq!(snap.slices.len(), 1);
    assert_eq!(snap.slices[0].var.as_deref(), Some("data"));
    let slot = |off: i64| {
        snap.frames[0]
            .slot_vars
            .iter()
            .find(|v| v.off == off)
            .map(|v| v.var.as_str())
    };
    let ptr_off = snap.dynptrs[0].stack_off.expect("ptr on the stack");
    assert_eq!(slot(ptr_off), Some("ptr"));
    assert_eq!(slot(ptr_off + 8), Some("ptr"));
    let clone_off = snap.dynptrs[1].stack_off.expect("clone on the stack");
    assert_eq!(slot(clone_off), Some("clone"));
    assert!(
        snap.frames[0]
            .slot_vars
            .iter()
            .any(|v| v.var == "read_data[64]"),
        "{:?}",
        snap.frames[0].slot_vars
    );
    // The register holding the slice pointer says so.
    let data_reg = snap
        .regs
        .iter()
        .position(|r| r.var.as_deref() == Some("data"))
        .expect("a register holds `data`");
    assert_eq!(snap.regs[data_reg].value, snap.slices[0].ptr);
    // At the lookup, r2 is `&key`.
    assert_eq!(snap.regs[2].points_to.as_deref(), Some("key"));

    // Into the subprogram: its frame names its own variables; the caller's
    // frame keeps its names at the call.
    let end = s.continue_to(&[]).clone();
    assert!(matches!(
        end.state,
        dynptr_play::vm::snapshot::RunState::Exited { .. }
    ));
}

#[test]
fn verifier_states_carry_the_names() {
    use dynptr_play::verifier::{self, Verdict, VerifierOptions};
    let Some(p) = names_prog() else { return };
    let report = verifier::verify(&p, &VerifierOptions::default());
    assert_eq!(report.verdict, Verdict::Accepted, "{:?}", report.message);
    let after = helper_call(&p, DYNPTR_DATA) + 2;
    let at = report
        .states
        .iter()
        .find(|s| s.insn >= after)
        .expect("states after the slice");
    let st = &at.states[0];
    let f = &st.frames[0];
    let dynptr_vars: Vec<&str> = f
        .stack
        .iter()
        .filter_map(|s| s.dynptr.as_ref()?.var.as_deref())
        .collect();
    assert!(
        dynptr_vars.contains(&"ptr") && dynptr_vars.contains(&"clone"),
        "{dynptr_vars:?}"
    );
    assert!(f.stack.iter().any(|s| s.var.as_deref() == Some("ptr")));
    // At the clone, r1 is `&ptr` and r2 `&clone`.
    let clone_call = helper_call(&p, 220);
    let at = report
        .states
        .iter()
        .find(|s| s.insn == clone_call)
        .expect("states at the clone");
    let regs = &at.states[0].frames[0].regs;
    let points = |n: u8| {
        regs.iter()
            .find(|r| r.regno == n)
            .and_then(|r| r.points_to.as_deref())
    };
    assert_eq!((points(1), points(2)), (Some("ptr"), Some("clone")));
    assert!(
        f.regs.iter().any(|r| r.var.as_deref() == Some("data")),
        "{:?}",
        f.regs.iter().map(|r| (r.regno, &r.var)).collect::<Vec<_>>()
    );
}

#[test]
fn assembly_and_objects_without_dwarf_have_no_names() {
    let p = dynptr_play::asm::assemble("r0 = 0\nexit\n").expect("assemble");
    assert!(p.vars.is_empty());
    assert_eq!(p.reg_var(0, 0), None);
    assert_eq!(p.slot_var(0, -8), None);
}

#[test]
fn values_print_by_btf_type() {
    use dynptr_play::session::Session;
    use dynptr_play::vm::VmOptions;
    use dynptr_play::world::c_value::format_c;
    use dynptr_play::world::WorldConfig;
    let Some(p) = names_prog() else { return };
    let (_, samples) = p.map_by_name("samples").expect("samples");
    assert!(samples.key_type.is_some());
    let value_type = samples.value_type.clone().expect("struct sample");
    let (_, cfg) = p.global_by_name("cfg").expect("cfg");
    let cfg_type = cfg.ty.clone().expect("struct config");
    let mut s =
        Session::new(p.clone(), WorldConfig::default(), VmOptions::default()).expect("session");
    let end = s.continue_to(&[]).clone();
    let m = end
        .maps
        .iter()
        .find(|m| m.name == "samples")
        .expect("map snapshot");
    let e = &m.entries[0];
    let want = r#"struct sample { pid = 42, value = 7, comm = "abc", color = GREEN }"#;
    assert_eq!(e.value_text.as_deref(), Some(want));
    assert_eq!(e.key_text.as_deref(), Some("0"));
    assert_eq!(format_c(&value_type, &e.value), want);
    assert_eq!(
        m.entries[1].value_text.as_deref(),
        Some(r#"struct sample { pid = 0, value = 0, comm = "", color = RED }"#)
    );
    let data = end.maps.iter().find(|m| m.name == ".data").expect(".data");
    let text = |name: &str| {
        data.globals_text
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
    };
    let want_cfg =
        "struct config { range = { lo = 1, hi = 9 }, weights = [1, 2, 3], cookie = 0x0 }";
    assert_eq!(text("cfg"), Some(want_cfg));
    // `text` holds "abc", a NUL, then the 'x' the slice wrote: not a
    // string any more, so element by element.
    assert_eq!(
        text("text"),
        Some("['a', 'b', 'c', 0, 'x', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]")
    );
    let (_, bytes) = data
        .globals
        .iter()
        .find(|(n, _)| n == "cfg")
        .expect("cfg bytes");
    assert_eq!(format_c(&cfg_type, bytes), want_cfg);
}

/// Every clang-built program of the test suite: every dynptr on a program
/// stack is named at every step of the VM, and every dynptr slot of every
/// verifier state.
#[test]
fn every_built_program_names_its_stack_dynptrs() {
    use dynptr_play::session::Session;
    use dynptr_play::vm::VmOptions;
    use dynptr_play::world::WorldConfig;
    if object("dwarf_names").is_none() {
        return;
    }
    let (mut named, mut unnamed) = (0usize, Vec::new());
    for path in dynptr_tests::built_objects() {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(infos) = elf::programs(&bytes) else {
            continue;
        };
        for info in infos {
            let Ok(p) = elf::load_program(&bytes, &info.name) else {
                continue;
            };
            if p.vars.is_empty() {
                continue;
            }
            // The verifier's states: every dynptr slot named.
            let report = dynptr_play::verifier::verify(
                &p,
                &dynptr_play::verifier::VerifierOptions::default(),
            );
            for at in &report.states {
                for st in &at.states {
                    for f in &st.frames {
                        for slot in &f.stack {
                            let Some(d) = &slot.dynptr else { continue };
                            if d.var.is_some() {
                                named += 1;
                            } else {
                                unnamed.push(format!(
                                    "{} {} verifier insn {} frame {} fp{}",
                                    path.display(),
                                    info.name,
                                    at.insn,
                                    f.frameno,
                                    slot.off
                                ));
                            }
                        }
                    }
                }
            }
            let opts = VmOptions {
                unsafe_mode: true,
                insn_budget: 20_000,
                ..VmOptions::default()
            };
            let Ok(mut s) = Session::new(p.clone(), WorldConfig::default(), opts) else {
                continue;
            };
            for _ in 0..20_000 {
                let snap = s.step().clone();
                for d in snap.dynptrs.iter().filter(|d| d.stack_off.is_some()) {
                    if d.var.is_some() {
                        named += 1;
                    } else {
                        unnamed.push(format!(
                            "{} {} pc {} {}",
                            path.display(),
                            info.name,
                            snap.pc,
                            d.location
                        ));
                    }
                }
                if s.finished() {
                    break;
                }
            }
        }
    }
    assert!(named > 0, "no named dynptr in any built program");
    unnamed.dedup();
    assert!(unnamed.is_empty(), "{} named; unnamed: {unnamed:#?}", named);
}

/// A damaged `.debug_info` (or any debug section) loses names, never the
/// program, and never panics.
#[test]
fn damaged_dwarf_loses_names_not_the_program() {
    let Some(bytes) = object("dwarf_names") else {
        return;
    };
    let good = elf::load_program(&bytes, "names").expect("load");
    // Where the debug sections are: damage bytes only there.
    let file = find_debug_ranges(&bytes);
    assert!(!file.is_empty());
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..300 {
        let mut b = bytes.clone();
        let (lo, hi) = file[(next() as usize) % file.len()];
        for _ in 0..(1 + round % 8) {
            let at = lo + (next() as usize) % (hi - lo).max(1);
            if let Some(x) = b.get_mut(at) {
                *x = next() as u8;
            }
        }
        let p = elf::load_program(&b, "names").expect("the program survives");
        assert_eq!(p.insns, good.insns);
    }
}

/// Byte ranges of the `.debug_*` sections of an ELF64 little-endian file.
fn find_debug_ranges(b: &[u8]) -> Vec<(usize, usize)> {
    let u16_at = |o: usize| u16::from_le_bytes([b[o], b[o + 1]]) as usize;
    let u32_at = |o: usize| u32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]]) as usize;
    let u64_at = |o: usize| u64::from_le_bytes(b[o..o + 8].try_into().expect("8 bytes")) as usize;
    let shoff = u64_at(0x28);
    let (shentsize, shnum, shstrndx) = (u16_at(0x3a), u16_at(0x3c), u16_at(0x3e));
    let strtab = u64_at(shoff + shstrndx * shentsize + 0x18);
    let mut out = Vec::new();
    for i in 0..shnum {
        let h = shoff + i * shentsize;
        let name_off = strtab + u32_at(h);
        let end = b[name_off..].iter().position(|&c| c == 0).expect("NUL") + name_off;
        let name = std::str::from_utf8(&b[name_off..end]).expect("utf8");
        if name.starts_with(".debug_") {
            let (off, size) = (u64_at(h + 0x18), u64_at(h + 0x20));
            out.push((off, off + size));
        }
    }
    out
}

/// A function inlined twice: each copy's variables are named through their
/// abstract origin, placed over that copy's instructions only.
#[test]
fn inlined_copies_are_named() {
    let Some(bytes) = object("dwarf_inline") else {
        return;
    };
    let p = elf::load_program(&bytes, "inlined").expect("load");
    let recs: Vec<_> = p.vars.iter().filter(|v| v.name == "rec").collect();
    assert_eq!(recs.len(), 2, "{:?}", p.vars);
    for v in &recs {
        assert_eq!(
            (v.func.as_str(), v.type_name.as_str()),
            ("inlined", "struct bpf_dynptr")
        );
    }
    // The two copies cover different instructions.
    assert!(recs[0].locs.iter().all(|a| recs[1]
        .locs
        .iter()
        .all(|b| a.end <= b.start || b.end <= a.start)));
    let reserves: Vec<usize> = (0..p.insns.len())
        .filter(|&i| p.insns[i].is_helper_call() && p.insns[i].imm == 198)
        .collect();
    assert_eq!(reserves.len(), 2);
    for (i, &call) in reserves.iter().enumerate() {
        let v = p
            .vars
            .iter()
            .find(|v| v.name == "rec" && v.place_at(call).is_some())
            .expect("a copy of rec placed at each reserve");
        assert!(std::ptr::eq(v, recs[i]), "copy {i}");
    }
    assert!(p.vars.iter().any(|v| v.name == "len" && v.param));
}

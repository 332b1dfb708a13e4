//! assemble(disassemble(p)) == p: exhaustively over every opcode with a
//! spread of field values, for programs with maps, globals, subprograms
//! and callbacks, and for the listings other tools print.

use dynptr_play::asm::{assemble, disassemble, format_insn, format_insns, kernel_log_line};
use dynptr_play::isa::{self, Insn};
use dynptr_play::program::{ProgType, Program};

fn round_trip(p: &Program) -> String {
    let text = disassemble(p);
    let q = assemble(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(q.insns, p.insns, "instructions differ\n{text}");
    assert_eq!(q.maps, p.maps, "maps differ\n{text}");
    assert_eq!(
        (&q.name, q.prog_type),
        (&p.name, p.prog_type),
        "header differs\n{text}"
    );
    text
}

const REGS: [u8; 4] = [0, 1, 10, 11];
const OFFS: [i16; 6] = [0, 1, -1, 8, 32, i16::MIN];
const IMMS: [i32; 7] = [0, 1, -1, 16, 64, 0xe1, i32::MIN];

/// Every opcode, with registers, offsets and immediates chosen to hit both
/// the canonical encodings and the ones with stray fields.
#[test]
fn every_opcode_round_trips() {
    let mut valid = 0;
    let mut total = 0;
    let mut kernel_log_checked = 0;
    for code in 0..=255u8 {
        for &dst in &REGS {
            for &src in &REGS {
                for &off in &OFFS {
                    for &imm in &IMMS {
                        let insn = Insn::new(code, dst, src, off, imm);
                        let mut insns = vec![insn];
                        if insn.is_ld_imm64() {
                            insns.push(Insn::new(0, 0, 0, 0, 7));
                        }
                        insns.push(Insn::new(0x95, 0, 0, 0, 0));
                        let p = Program::from_insns("t", ProgType::Syscall, insns);
                        let text = round_trip(&p);
                        total += 1;
                        if isa::validate(&p.insns).is_ok() {
                            valid += 1;
                            // Only pseudo ld_imm64 without a map to name (and
                            // their kin) may fall back to `.raw`.
                            let pseudo_ld = insn.is_ld_imm64() && insn.src_reg != 0;
                            // ld_abs / ld_ind with reserved fields set: the
                            // opcode is valid, the fields are the verifier's
                            // to refuse, and no text names them.
                            let legacy_reserved = insn.class() == isa::BPF_LD
                                && matches!(insn.mode(), isa::BPF_ABS | isa::BPF_IND)
                                && (insn.dst_reg != 0
                                    || insn.off != 0
                                    || (insn.mode() == isa::BPF_ABS && insn.src_reg != 0));
                            assert!(
                                pseudo_ld || legacy_reserved || !text.contains(".raw"),
                                "valid {insn:?} printed raw:\n{text}"
                            );
                            assert!(!kernel_log_line(&p.insns, 0).contains("BUG"), "{insn:?}");
                            // The verifier-log form assembles back too, unless it
                            // names something the text cannot (unknown helpers,
                            // function pointers printed as plain numbers).
                            let unnamed_call =
                                insn.is_call() && insn.src_bit() == 0 && insn.src_reg != 1 && {
                                    let line = kernel_log_line(&p.insns, 0);
                                    line.contains("unknown#") || line.contains("kernel-function#")
                                };
                            if !pseudo_ld && !unnamed_call && !legacy_reserved {
                                kernel_log_checked += 1;
                                let next = if insn.is_ld_imm64() { 2 } else { 1 };
                                let log = format!(
                                    "{}\n{}\n",
                                    kernel_log_line(&p.insns, 0),
                                    kernel_log_line(&p.insns, next)
                                );
                                let q = assemble(&log).unwrap_or_else(|e| panic!("{e}\n{log}"));
                                assert_eq!(q.insns, p.insns, "{log}");
                            }
                        }
                        let _ = format_insn(&p, 0);
                    }
                }
            }
        }
    }
    println!("{total} programs round-tripped, {valid} of them valid, {kernel_log_checked} verifier-log lines re-assembled");
    assert!(valid > 5_000, "only {valid} valid encodings covered");
}

#[test]
fn programs_with_maps_globals_and_functions_round_trip() {
    let src = r#"
; a program in the style of the playground's examples
.program dynptr_demo tc
.map events ringbuf max_entries=8192
.map stats array value=16 max_entries=4
.map seen hash key=8 value=4 max_entries=128
.data counter 8 = 0x1122334455667788
.data msg 12 = "hello\n"
.bss scratch 32
.rodata table 5 = [1, 2, 3, 0xff]
.rodata mask 4 = -1

entry:
    r6 = r1
    r1 = events ll
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_ringbuf_reserve_dynptr
    r1 = counter ll
    r2 = msg + 4 ll
    r3 = table ll
    r4 = .bss + 8 ll
    r2 = loop_cb ll
    call helper_fn
    call bpf_dynptr_adjust
    call kfunc bpf_dynptr_clone
    if w0 s< 3 goto entry
    gotol out
    lock *(u64 *)(r10 - 8) += r1
out:
    exit

helper_fn:
    r0 = 1
    exit

loop_cb:
    r0 = 0
    exit
"#;
    let p = assemble(src).unwrap();
    let text = round_trip(&p);
    println!("{text}");
    assert!(text.contains(".program dynptr_demo tc"), "{text}");
    assert!(text.contains("r2 = msg + 4 ll"), "{text}");
    assert!(text.contains("call kfunc bpf_dynptr_clone"), "{text}");
    assert!(text.contains("call bpf_dynptr_adjust"), "{text}");
    // Labels survive, and the listing is stable.
    let q = assemble(&text).unwrap();
    assert_eq!(disassemble(&q), text);
}

#[test]
fn jumps_outside_the_program_and_into_ld_imm64_round_trip() {
    let insns = vec![
        Insn::new(0x05, 0, 0, 1, 0), // goto into the second half below
        Insn::new(0x18, 1, 0, 0, 5), // ld_imm64
        Insn::new(0, 0, 0, 0, 0),
        Insn::new(0x05, 0, 0, 100, 0), // past the end
        Insn::new(0x85, 0, 1, -5, 0),  // pseudo call before the start
        Insn::new(0x18, 2, 4, 0, -2),  // function pointer to the second half of itself
        Insn::new(0, 0, 0, 0, 0),
        Insn::new(0x95, 0, 0, 0, 0),
    ];
    let p = Program::from_insns("edge", ProgType::Xdp, insns);
    round_trip(&p);
}

#[test]
fn pasted_listings_assemble() {
    // llvm-objdump -d (clang 19) output, with hex addresses and annotations.
    let objdump = "
0000000000000000 <xdp_prog>:
       0:	b7 00 00 00 02 00 00 00	r0 = 0x2
       1:	61 12 04 00 00 00 00 00	r2 = *(u32 *)(r1 + 0x4)
       2:	61 11 00 00 00 00 00 00	r1 = *(u32 *)(r1 + 0x0)
       3:	bf 13 00 00 00 00 00 00	r3 = r1
       4:	07 03 00 00 0e 00 00 00	r3 += 0xe
       5:	2d 23 01 00 00 00 00 00	if r3 > r2 goto +0x1 <LBB0_2>
       6:	b7 00 00 00 01 00 00 00	r0 = 0x1

0000000000000038 <LBB0_2>:
       7:	95 00 00 00 00 00 00 00	exit
";
    let p = assemble(&format!(
        "x.o:\tfile format elf64-bpf\n\nDisassembly of section xdp.frags:\n{objdump}"
    ))
    .unwrap();
    assert_eq!((p.name.as_str(), p.prog_type), ("xdp_prog", ProgType::Xdp));
    assert_eq!(p.insns.len(), 8);
    assert_eq!(p.insns[5], Insn::new(0x2d, 3, 2, 1, 0));
    // A verifier log.
    let log = "0: (b7) r0 = 0\n1: (18) r1 = 0xffff\n3: (63) *(u32 *)(r10 -4) = r0\n4: (95) exit\n";
    let p = assemble(log).unwrap();
    for (i, want) in [
        (0, "0: (b7) r0 = 0"),
        (1, "1: (18) r1 = 0xffff"),
        (3, "3: (63) *(u32 *)(r10 -4) = r0"),
    ] {
        assert_eq!(kernel_log_line(&p.insns, i), want);
    }
}

/// Every program of every clang object the test suite builds
/// (`scripts/build-c.sh`): its listing assembles back to the same
/// instructions, maps (globals at their ELF offsets, section images), type
/// and name.
#[test]
fn clang_objects_round_trip() {
    let objects = dynptr_tests::built_objects();
    let mut programs = 0;
    for o in &objects {
        let bytes = std::fs::read(o).unwrap();
        // Objects made to be refused (unknown kfuncs, ...) are the ELF
        // tests' business.
        let Ok(progs) = dynptr_play::elf::load(&bytes) else {
            continue;
        };
        for p in progs {
            let text = disassemble(&p);
            let q = assemble(&text)
                .unwrap_or_else(|e| panic!("{}: {}: {e}\n{text}", o.display(), p.name));
            let each: Vec<String> = (0..p.insns.len()).map(|i| format_insn(&p, i)).collect();
            assert_eq!(each, format_insns(&p));
            assert_eq!(q.insns, p.insns, "{}: {}\n{text}", o.display(), p.name);
            // BTF types (map keys and values, globals) are the object's;
            // assembly has only sizes.
            assert_eq!(
                q.maps,
                p.maps
                    .iter()
                    .map(|m| m.without_btf_types())
                    .collect::<Vec<_>>(),
                "{}: {}\n{text}",
                o.display(),
                p.name
            );
            assert_eq!(
                (&q.name, q.prog_type),
                (&p.name, p.prog_type),
                "{}",
                o.display()
            );
            programs += 1;
            if std::env::var_os("ASM_SHOW").is_some() {
                println!("{text}");
            }
        }
    }
    println!(
        "{programs} programs from {} objects round-tripped",
        objects.len()
    );
    assert!(programs >= 5, "only {programs} programs loaded");
}

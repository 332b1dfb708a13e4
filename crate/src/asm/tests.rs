//! Unit tests of both assemblers, the disassembler and the kernel format.

use super::*;
use crate::isa::*;
use crate::program::{MapOrigin, MapType, ProgType};

fn one(src: &str) -> Insn {
    let p = assemble(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    p.insns[0]
}

fn err(src: &str) -> AsmError {
    match assemble(src) {
        Ok(p) => panic!("{src} assembled to {:?}", p.insns),
        Err(e) => e,
    }
}

#[test]
fn llvm_common_forms() {
    let cases: &[(&str, Insn)] = &[
        ("r0 = 0", Insn::new(0xb7, 0, 0, 0, 0)),
        ("w0 += w1", Insn::new(0x0c, 0, 1, 0, 0)),
        ("r1 = *(u32 *)(r10 - 8)", Insn::new(0x61, 1, 10, -8, 0)),
        ("r1 = *(u32 *)(r10 -8)", Insn::new(0x61, 1, 10, -8, 0)),
        ("*(u64 *)(r10 - 16) = r1", Insn::new(0x7b, 10, 1, -16, 0)),
        ("*(u32 *)(r10 - 4) = 0x5", Insn::new(0x62, 10, 0, -4, 5)),
        ("r0 = -r0", Insn::new(0x87, 0, 0, 0, 0)),
        ("w0 = (s8)w1", Insn::new(0xbc, 0, 1, 8, 0)),
        ("r0 = (s32)r1", Insn::new(0xbf, 0, 1, 32, 0)),
        ("r0 = *(s8 *)(r1 + 0)", Insn::new(0x91, 0, 1, 0, 0)),
        ("if r1 s> 0x10 goto +3", Insn::new(0x65, 1, 0, 3, 0x10)),
        ("if w1 == w2 goto -1", Insn::new(0x1e, 1, 2, -1, 0)),
        ("goto pc+3", Insn::new(0x05, 0, 0, 3, 0)),
        ("gotol +70000", Insn::new(0x06, 0, 0, 0, 70000)),
        ("call 198", Insn::new(0x85, 0, 0, 0, 198)),
        (
            "call bpf_ringbuf_reserve_dynptr",
            Insn::new(0x85, 0, 0, 0, 198),
        ),
        ("callx r2", Insn::new(0x8d, 2, 0, 0, 0)),
        ("lock *(u64 *)(r1 + 0) += r2", Insn::new(0xdb, 1, 2, 0, 0)),
        (
            "lock *(u32 *)(r1 + 4) |= w2",
            Insn::new(0xc3, 1, 2, 4, 0x40),
        ),
        (
            "r0 = atomic_fetch_add((u64 *)(r1 + 0), r0)",
            Insn::new(0xdb, 1, 0, 0, 1),
        ),
        (
            "r3 = atomic64_fetch_xor((u64 *)(r1 +8), r3)",
            Insn::new(0xdb, 1, 3, 8, 0xa1),
        ),
        (
            "r0 = xchg_64(r1 + 0, r0)",
            Insn::new(0xdb, 1, 0, 0, BPF_XCHG),
        ),
        (
            "w0 = xchg32_32(r1 + 0, w0)",
            Insn::new(0xc3, 1, 0, 0, BPF_XCHG),
        ),
        (
            "r0 = cmpxchg_64(r1 + 0, r0, r2)",
            Insn::new(0xdb, 1, 2, 0, BPF_CMPXCHG),
        ),
        ("r0 = be16 r0", Insn::new(0xdc, 0, 0, 0, 16)),
        ("r0 = le32 r0", Insn::new(0xd4, 0, 0, 0, 32)),
        ("r0 = bswap64 r0", Insn::new(0xd7, 0, 0, 0, 64)),
        ("r0 s/= r1", Insn::new(0x3f, 0, 1, 1, 0)),
        ("r0 s%= 3", Insn::new(0x97, 0, 0, 1, 3)),
        ("r1 s>>= 2", Insn::new(0xc7, 1, 0, 0, 2)),
        ("r1 <<= 3", Insn::new(0x67, 1, 0, 0, 3)),
        ("r1 = 0xffffffff", Insn::new(0xb7, 1, 0, 0, -1)),
        ("r1 = -1", Insn::new(0xb7, 1, 0, 0, -1)),
        ("exit", Insn::new(0x95, 0, 0, 0, 0)),
        (
            "  0: b7 00 00 00 2a 00 00 00 r0 = 0x2a",
            Insn::new(0xb7, 0, 0, 0, 42),
        ),
        ("0: (b7) r0 = 42", Insn::new(0xb7, 0, 0, 0, 42)),
        (
            "5: (85) call bpf_dynptr_read#201",
            Insn::new(0x85, 0, 0, 0, 201),
        ),
    ];
    for (src, want) in cases {
        assert_eq!(one(src), *want, "{src}");
    }
}

#[test]
fn ld_imm64_forms() {
    let p = assemble("r1 = 0x1122334455667788 ll\nexit").unwrap();
    assert_eq!(p.insns.len(), 3);
    assert_eq!(ld_imm64_value(p.insns[0], p.insns[1]), 0x1122334455667788);
    let p = assemble("0: (18) r1 = 0x5\n2: (95) exit").unwrap();
    assert_eq!(p.insns.len(), 3);
}

#[test]
fn maps_globals_and_calls() {
    let src = r#"
.program probe xdp
.map rb ringbuf max_entries=4096
.map counts hash key=4 value=8 max_entries=16
.data greeting 6 = "hi"
.data n 4 = 7
.bss total 8
.rodata k 2 = 0x1234
    r1 = rb ll
    r2 = n ll
    r3 = greeting + 1 ll
    r4 = total ll
    r5 = cb ll
    call sub
    call bpf_dynptr_adjust
    call kfunc bpf_dynptr_clone
    call bpf_dynptr_clone
    exit
sub:
    r0 = 0
    exit
cb:
    r0 = 1
    exit
"#;
    let p = assemble(src).unwrap();
    assert_eq!(p.name, "probe");
    assert_eq!(p.prog_type, ProgType::Xdp);
    assert_eq!(p.maps.len(), 5);
    assert_eq!(p.maps[0].map_type, MapType::Ringbuf);
    let data = &p.maps[2];
    assert_eq!(data.name, ".data");
    assert_eq!(data.value_size, 12);
    assert_eq!(
        data.initial_value.as_deref(),
        Some(&b"hi\0\0\0\0\0\0\x07\0\0\0"[..])
    );
    match &data.origin {
        MapOrigin::Global {
            vars, read_only, ..
        } => {
            assert!(!read_only);
            assert_eq!(vars[1].offset, 8);
        }
        _ => panic!("not global"),
    }
    assert_eq!(p.maps[3].initial_value, None);
    assert_eq!(p.maps[4].initial_value.as_deref(), Some(&[0x34, 0x12][..]));
    let i = &p.insns;
    assert_eq!((i[0].src_reg, i[0].imm), (BPF_PSEUDO_MAP_FD, 0));
    assert_eq!(
        (i[2].src_reg, i[2].imm, i[3].imm),
        (BPF_PSEUDO_MAP_VALUE, 2, 8)
    );
    assert_eq!(
        (i[4].src_reg, i[4].imm, i[5].imm),
        (BPF_PSEUDO_MAP_VALUE, 2, 1)
    );
    assert_eq!((i[6].src_reg, i[6].imm), (BPF_PSEUDO_MAP_VALUE, 3));
    assert_eq!(i[8].src_reg, BPF_PSEUDO_FUNC);
    assert_eq!(i[8].imm as usize + 9, 17);
    assert_eq!((i[10].src_reg, i[10].imm), (BPF_PSEUDO_CALL, 4));
    assert_eq!(i[11].src_reg, BPF_PSEUDO_KFUNC_CALL);
    assert_eq!(i[12].src_reg, BPF_PSEUDO_KFUNC_CALL);
    assert_eq!((i[13].src_reg, i[13].imm), (0, 220));
    let names: Vec<_> = p.funcs.iter().map(|f| (f.name.as_str(), f.start)).collect();
    assert_eq!(names, [("probe", 0), ("sub", 15), ("cb", 17)]);
    let text = disassemble(&p);
    let q = assemble(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(
        (q.insns, q.maps, q.name, q.prog_type),
        (p.insns, p.maps, p.name, p.prog_type),
        "{text}"
    );
}

#[test]
fn errors_say_what_was_expected() {
    let e = err("r1 = *(u32 *)(x + 8)");
    assert_eq!((e.line, e.col), (1, 15));
    assert!(
        e.message
            .contains("expected a register like r1 or w1, found `x`"),
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        "line 1, column 15: expected a register like r1 or w1, found `x`"
    );
    let e = err("r0 = 0\n  r11 = 1");
    assert_eq!((e.line, e.col), (2, 3));
    let e = err("goto nowhere\nexit");
    assert!(e.message.contains("label"), "{e}");
    let e = err("w0 += r1");
    assert!(e.message.contains("expected a w register"), "{e}");
    let e = err("r0 = 0x100000000");
    assert!(e.message.contains("ll"), "{e}");
    let e = err("call no_such_fn");
    assert!(e.message.contains("label, helper or kfunc"), "{e}");
    let e = err("call bpf_dynptr_raed\nexit");
    assert!(
        e.message.ends_with("(did you mean `bpf_dynptr_read`?)"),
        "{e}"
    );
    let e = err("goto dnoe\ndone:\nexit");
    assert!(e.message.ends_with("(did you mean `done`?)"), "{e}");
    let e = err("r0 = r1 + 1");
    assert_eq!(e.col, 9);
    assert!(
        e.message.contains("write `r0 = r1` and then `r0 += ...`"),
        "{e}"
    );
    let e = err(".map rb ringbuf max_entries=1000\nexit");
    assert!(e.message.contains("power of two"), "{e}");
    let e = err("");
    assert!(e.message.contains("at least one instruction"), "{e}");
}

#[test]
fn map_rules_point_at_the_attribute() {
    // 0        1         2         3
    // 1234567890123456789012345678901234567890
    // .map m array key=8 value=4 max_entries=1
    let at = |src: &str| {
        let e = err(src);
        assert!(
            e.message
                .starts_with("expected a map the kernel would create"),
            "{e}"
        );
        (e.line, e.col)
    };
    assert_eq!(
        at(".map m array key=8 value=4 max_entries=1\nexit"),
        (1, 18)
    );
    assert_eq!(at(".map m hash key=4 value=0 max_entries=1\nexit"), (1, 25));
    assert_eq!(at(".map m hash key=0 value=4 max_entries=1\nexit"), (1, 17));
    assert_eq!(at(".map m hash key=4 value=4 max_entries=0\nexit"), (1, 39));
    assert_eq!(
        at(".map m array value=2097152 max_entries=1\nexit"),
        (1, 20)
    );
    assert_eq!(
        at(".map m array value=65536 max_entries=65536\nexit"),
        (1, 38)
    );
    assert_eq!(at(".map rb ringbuf max_entries=12288\nexit"), (1, 29));
    // map_flags: a ring buffer takes only BPF_F_NUMA_NODE; no map takes
    // both BPF_F_RDONLY_PROG and BPF_F_WRONLY_PROG.
    assert_eq!(
        at(".map rb ringbuf max_entries=4096 flags=0x80\nexit"),
        (1, 40)
    );
    assert_eq!(
        at(".map m array value=8 max_entries=1 flags=0x180\nexit"),
        (1, 42)
    );
}

#[test]
fn map_flags_round_trip() {
    let src = ".map ro hash key=4 value=8 max_entries=4 flags=0x80\n\
               .map wo array key=4 value=8 max_entries=1 flags=256\n\
               r0 = 0\nexit";
    let p = crate::asm::assemble(src).expect("assembles");
    assert_eq!(p.maps[0].map_flags, 0x80);
    assert!(p.maps[0].read_only_prog() && !p.maps[0].write_only_prog());
    assert_eq!(p.maps[1].map_flags, 0x100);
    let text = crate::asm::disassemble(&p);
    assert!(text.contains("max_entries=4 flags=0x80\n"), "{text}");
    assert!(text.contains("max_entries=1 flags=0x100\n"), "{text}");
    let q = crate::asm::assemble(&text).expect("the disassembly assembles");
    assert_eq!(q.maps, p.maps);
}

#[test]
fn overlong_words_and_programs_are_refused() {
    let e = err(&format!("r0 = {}\nexit", "1".repeat(300)));
    assert_eq!((e.line, e.col), (1, 6));
    assert!(
        e.message
            .contains("at most 256 characters, found one of 300"),
        "{e}"
    );
    let e = err(&format!("r0 = 0\n{} = 1\nexit", "x".repeat(257)));
    assert_eq!((e.line, e.col), (2, 1));
    assert!(e.message.contains("a name of at most 256"), "{e}");
    // A message quotes the start of a long token only.
    let e = err(&format!("r0 = \"{}\"\nexit", "s".repeat(1000)));
    assert!(e.message.len() < 200, "{e}");
    // The kernel loads at most MAX_INSNS slots; the builder says which line
    // holds the first one too many.
    let mut b = super::builder::Builder::new();
    for i in 0..=crate::program::MAX_INSNS {
        b.push(Insn::new(0xb7, 0, 0, 0, 0), i + 1, 5);
    }
    let e = b.finish(crate::program::MAX_INSNS + 1).unwrap_err();
    assert_eq!((e.line, e.col), (crate::program::MAX_INSNS + 1, 5));
    assert!(
        e.message.contains("at most 1000000 instruction slots"),
        "{e}"
    );
}

#[test]
fn far_jumps_say_how_to_reach_the_label() {
    let far = "r0 = 1\n".repeat(40_000);
    let e = err(&format!("r0 = 0\ngoto L\n{far}L:\nexit"));
    assert!(e.message.ends_with("use `gotol` for long jumps"), "{e}");
    let e = err(&format!("r0 = 0\nif r0 == 0 goto L\n{far}L:\nexit"));
    assert_eq!((e.line, e.col), (2, 17));
    assert!(
        e.message
            .contains("jump over a `gotol` with the opposite condition"),
        "{e}"
    );
    assert!(assemble(&format!("r0 = 0\ngotol L\n{far}L:\nexit")).is_ok());
}

#[test]
fn ubpf_forms() {
    let p = assemble_ubpf("mov32 %r0, 0\nldxw %r0, [%r1+4]\nstxdw [%r10-8], %r1\njeq %r1, 0x10, +2\nja exit\nlddw %r0, 0x123456789\nlock fetch add [%r10-8], %r1\ncall local f\nexit\nf:\nexit").unwrap();
    let i = &p.insns;
    assert_eq!(i[0], Insn::new(0xb4, 0, 0, 0, 0));
    assert_eq!(i[1], Insn::new(0x61, 0, 1, 4, 0));
    assert_eq!(i[2], Insn::new(0x7b, 10, 1, -8, 0));
    assert_eq!(i[3], Insn::new(0x15, 1, 0, 2, 0x10));
    assert_eq!(i[4], Insn::new(0x05, 0, 0, 4, 0));
    assert_eq!(i[7], Insn::new(0xdb, 10, 1, -8, 1));
    assert_eq!(i[8], Insn::new(0x85, 0, 1, 1, 0).with_off0());
    assert_eq!(detect_dialect("; hi\nexit\nmov %r0, 1"), Dialect::Ubpf);
    assert_eq!(detect_dialect("exit"), Dialect::Llvm);
}

trait Off0 {
    fn with_off0(self) -> Self;
}
impl Off0 for Insn {
    fn with_off0(self) -> Self {
        Insn {
            off: 0,
            imm: self.off as i32,
            ..self
        }
    }
}

#[test]
fn kernel_format() {
    let k = |src: &str| {
        let p = assemble(src).unwrap();
        kernel_log_line(&p.insns, 0)
    };
    assert_eq!(k("r0 = 0"), "0: (b7) r0 = 0");
    assert_eq!(k("r1 = *(u32 *)(r10 - 8)"), "0: (61) r1 = *(u32 *)(r10 -8)");
    assert_eq!(k("if r1 > 0x10 goto +3"), "0: (25) if r1 > 0x10 goto pc+3");
    assert_eq!(
        k("if w1 != -1 goto -3"),
        "0: (56) if w1 != 0xffffffff goto pc-3"
    );
    assert_eq!(
        k("call bpf_dynptr_read"),
        "0: (85) call bpf_dynptr_read#201"
    );
    assert_eq!(k("w0 += w1"), "0: (0c) w0 += w1");
    assert_eq!(
        k("*(u64 *)(r10 - 16) = r1"),
        "0: (7b) *(u64 *)(r10 -16) = r1"
    );
    assert_eq!(k("r0 = be16 r0"), "0: (dc) r0 = be16 r0");
    assert_eq!(k("r1 = 0x1234 ll"), "0: (18) r1 = 0x1234");
    assert_eq!(
        k("r0 = cmpxchg_64(r1 + 0, r0, r2)"),
        "0: (db) r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)"
    );
    assert_eq!(k("r0 s/= r1"), "0: (3f) r0 s/= r1");
    assert_eq!(k("w0 = (s8)w1"), "0: (bc) w0 = (s8)w1");
    // What the kernel format prints assembles back to the same bits.
    let src = ".map m array value=8 max_entries=1\n.data g 16\nr1 = m ll\nr2 = g + 8 ll\nr0 = atomic_fetch_or((u32 *)(r1 + 4), r0)\nr0 = xchg32_32(r1 - 2, w0)\ncall pc+1\ncallx r3\ngotol +2\nw1 = -w1\nr3 = bswap32 r3\nexit\nexit";
    let p = assemble(src).unwrap();
    let mut i = 0;
    let mut log = String::new();
    while i < p.insns.len() {
        log.push_str(&kernel_log_line(&p.insns, i));
        log.push('\n');
        i += if p.insns[i].is_ld_imm64() { 2 } else { 1 };
    }
    let q = assemble(&log).unwrap_or_else(|e| panic!("{e}\n{log}"));
    assert_eq!(q.insns, p.insns, "{log}");
}

// proptest is a native-only dev-dependency: the wasm32 test build has no fuzzing.
#[cfg(not(target_arch = "wasm32"))]
mod fuzz {
    use super::*;
    use crate::program::{MapDef, Program};
    use proptest::prelude::*;

    /// Words and symbols both dialects use, to build plausible token soups.
    const WORDS: &[&str] = &[
        "r0",
        "r1",
        "w2",
        "r10",
        "r11",
        "%r1",
        "%",
        "=",
        "+=",
        "s>>=",
        "s<",
        "*",
        "(",
        ")",
        "[",
        "]",
        ",",
        ":",
        "u32",
        "s8",
        "ll",
        "goto",
        "gotol",
        "if",
        "call",
        "callx",
        "exit",
        "lock",
        "kfunc",
        "pc",
        "+",
        "-",
        "0x10",
        "-8",
        "4294967296",
        "99999999999999999999",
        "mov32",
        "ldxw",
        "lddw",
        "jeq",
        "ja",
        "local",
        "fetch",
        "add",
        ".map",
        ".data",
        ".bss",
        ".rodata",
        ".program",
        ".raw",
        "ringbuf",
        "array",
        "hash",
        "xdp",
        "key=4",
        "value=8",
        "max_entries=4096",
        "\"s\\x41\"",
        "\"open",
        "[1, 2]",
        "L1",
        "L1:",
        "be16",
        "bswap64",
        "atomic_fetch_add",
        "xchg_64",
        "cmpxchg_64",
        "bpf_dynptr_read",
        "bpf_dynptr_adjust",
        "#",
        ";",
        "//",
        "/*",
        "*/",
        "\n",
        "0:",
        "(b7)",
        "b7 00 00 00 00 00 00 00",
        "<LBB0_1>",
        "é",
    ];

    const LISTING_LINES: &[&str] = &[
        "Disassembly of section .text:",
        "Disassembly of section tc:",
        "Disassembly of section xdp:",
        "0000000000000000 <f>:",
        "0000000000000008 <g>:",
        "0000000000000010 <LBB0_2>:",
        "       0:\tr1 = 0 ll",
        "       1:\tr1 = 8 ll",
        "       2:\tr1 = -8 ll",
        "       3:\tcall -1",
        "       4:\tcall 4",
        "       5:\tcall 2147483647",
        "       6:\tcall -2147483648",
        "       7:\tgoto -3",
        "       8:\texit",
        "       9:\t85 10 00 00 ff ff ff ff\tcall -1",
        "      10:\tr0 = *(u8 *)skb[r7 + 1]",
        "\t\t0000000000000000:  R_BPF_64_64\tm",
        "\t\t0000000000000008:  R_BPF_64_64\td",
        "\t\t0000000000000010:  R_BPF_64_64\t.text",
        "\t\t0000000000000018:  R_BPF_64_32\t.text",
        "\t\t0000000000000020:  R_BPF_64_32\tg",
        "\t\t0000000000000028:  R_BPF_64_32\tbpf_dynptr_adjust",
        "\t\t0000000000000030:  R_BPF_64_32\tnowhere",
        "\t\tffffffffffffffff:  R_BPF_64_64\tf",
        "/* open",
        "*/",
    ];

    fn soup() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(WORDS), 0..24).prop_map(|w| w.join(" "))
    }

    fn any_insn() -> impl Strategy<Value = Insn> {
        (any::<u8>(), 0u8..16, 0u8..16, any::<i16>(), any::<i32>())
            .prop_map(|(c, d, s, o, i)| Insn::new(c, d, s, o, i))
    }

    /// An instruction built from the interesting values of each field.
    fn likely_insn() -> impl Strategy<Value = Insn> {
        let code = any::<u8>();
        let reg = prop::sample::select(&[0u8, 1, 5, 9, 10][..]);
        let off = prop_oneof![Just(0i16), Just(1), Just(8), Just(16), Just(32), -40i16..40];
        let imm = prop_oneof![
            Just(0i32),
            Just(1),
            Just(16),
            Just(32),
            Just(64),
            Just(0xe1),
            Just(0xf1),
            -5000i32..5000,
            any::<i32>()
        ];
        (code, reg.clone(), reg, off, imm).prop_map(|(c, d, s, o, i)| Insn::new(c, d, s, o, i))
    }

    /// Instructions that refer to others, to maps or to functions.
    fn linking_insn() -> impl Strategy<Value = Insn> {
        let code = prop::sample::select(&[0x18u8, 0x85, 0x05, 0x06, 0x15, 0x8d, 0x95, 0x00][..]);
        (code, 0u8..11, 0u8..6, -12i16..12, -12i32..12)
            .prop_map(|(c, d, s, o, i)| Insn::new(c, d, s, o, i))
    }

    fn round_trips(insns: Vec<Insn>) -> Result<(), TestCaseError> {
        let p = Program::from_insns("fuzz", crate::program::ProgType::Tc, insns);
        let text = disassemble(&p);
        let q = assemble(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&q.insns, &p.insns, "{}", text);
        for i in 0..p.insns.len() {
            let _ = format_insn(&p, i);
            let _ = kernel_log_line(&p.insns, i);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Pasted listings in any order: banners, headers, relocation
        /// lines against anything, calls and loads with any immediate.
        #[test]
        fn listing_soups_never_panic(lines in prop::collection::vec(prop::sample::select(LISTING_LINES), 0..30)) {
            let _ = assemble(&lines.join("\n"));
            let _ = assemble(&format!(".program f tc\n.map m hash key=4 value=4 max_entries=1\n.data d 8\n{}", lines.join("\n")));
        }

        #[test]
        fn random_text_never_panics(s in "\\PC{0,80}") {
            let _ = assemble(&s);
            let _ = assemble_ubpf(&s);
        }

        /// The wasm facade's `disassemble` takes any `Program` JavaScript
        /// sends: functions, labels, lines and map references need not agree
        /// with the instructions.
        #[test]
        fn inconsistent_programs_never_panic(
            insns in prop::collection::vec(prop_oneof![likely_insn(), linking_insn()], 0..8),
            starts in prop::collection::vec(0usize..12, 0..3),
            labels in prop::collection::vec((0usize..12, "[a-z.]{0,3}"), 0..3),
            lines in 0usize..10,
            maps in 0usize..2,
        ) {
            let mut p = Program::from_insns("", crate::program::ProgType::Xdp, insns);
            p.funcs.extend(starts.into_iter().map(|start| crate::program::FuncSym::new(format!("f{start}"), start)));
            p.labels = labels;
            p.lines.truncate(lines);
            p.maps = (0..maps).map(|i| MapDef::declared(&format!("m{i}"), MapType::Array, 4, 8, 1)).collect();
            let _ = disassemble(&p);
            let _ = format_insns(&p);
            for i in 0..p.insns.len() + 2 {
                let _ = format_insn(&p, i);
                let _ = kernel_log_line(&p.insns, i);
            }
        }

        #[test]
        fn token_soups_never_panic(s in soup()) {
            // Whatever assembles (without `.raw`) is a valid encoding.
            if let Ok(p) = assemble(&s) {
                if !s.contains(".raw") {
                    prop_assert!(crate::isa::validate(&p.insns).is_ok(), "{} -> {:?}", s, p.insns);
                }
            }
            if let Err(e) = assemble(&s) {
                prop_assert!(e.line >= 1 && e.col >= 1);
                prop_assert!(e.message.contains("expected") || e.message.contains("does not exist")
                    || e.message.contains("unexpected character") || e.message.contains("not terminated")
                    || e.message.contains("64 bits") || e.message.contains("escape"), "{}", e);
            }
            let _ = assemble_ubpf(&s);
        }

        #[test]
        fn random_bytes_disassemble_and_round_trip(insns in prop::collection::vec(any_insn(), 1..12)) {
            round_trips(insns)?;
        }

        #[test]
        fn likely_fields_round_trip(insns in prop::collection::vec(likely_insn(), 1..6)) {
            round_trips(insns)?;
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod programs {
    use super::*;
    use crate::program::{GlobalVar, MapDef, Program};
    use proptest::prelude::*;

    /// A declared map with parameters the directives accept.
    fn declared(i: usize) -> impl Strategy<Value = MapDef> {
        prop_oneof![
            (12u32..16).prop_map(|p| (MapType::Ringbuf, 0, 0, 1u32 << p)),
            (1u32..64, 1u32..512).prop_map(|(v, n)| (MapType::Array, 4, v, n)),
            (1u32..32, 1u32..64, 1u32..4096).prop_map(|(k, v, n)| (MapType::Hash, k, v, n)),
        ]
        .prop_map(move |(map_type, key_size, value_size, max_entries)| {
            MapDef::declared(
                &format!("map{i}"),
                map_type,
                key_size,
                value_size,
                max_entries,
            )
        })
    }

    /// A global section with variables anywhere inside it and any image.
    fn global(i: usize) -> impl Strategy<Value = MapDef> {
        let section =
            prop::sample::select(&[".data", ".bss", ".rodata", ".data.x", ".rodata.str1.1"][..]);
        (
            section,
            1u32..48,
            prop::collection::vec((0u32..40, 1u32..9), 0..4),
            prop::collection::vec(any::<u8>(), 48),
        )
            .prop_map(move |(section, size, vars, bytes)| {
                let vars: Vec<GlobalVar> = vars
                    .into_iter()
                    .enumerate()
                    .filter(|(_, (off, sz))| off + sz <= size)
                    .map(|(k, (offset, size))| GlobalVar {
                        name: format!("g{i}_{k}"),
                        offset,
                        size,
                        ty: None,
                    })
                    .collect();
                let bss = section.starts_with(".bss");
                MapDef {
                    name: section.to_string(),
                    map_type: MapType::Array,
                    key_size: 4,
                    value_size: size,
                    max_entries: 1,
                    initial_value: if bss {
                        None
                    } else {
                        Some(bytes[..size as usize].to_vec())
                    },
                    origin: MapOrigin::Global {
                        section: section.to_string(),
                        vars,
                        read_only: section.starts_with(".rodata"),
                    },
                    key_type: None,
                    value_type: None,
                    map_flags: 0,
                }
            })
    }

    fn maps() -> impl Strategy<Value = Vec<MapDef>> {
        (declared(0), declared(1), global(2), global(3), any::<u8>()).prop_map(
            |(a, b, c, d, mask)| {
                let mut out: Vec<MapDef> = Vec::new();
                for (k, m) in [a, b, c, d].into_iter().enumerate() {
                    // One map per section name.
                    if mask & (1 << k) != 0 && !out.iter().any(|o| o.name == m.name) {
                        out.push(m);
                    }
                }
                out
            },
        )
    }

    /// Slots referring to maps, globals, functions and labels.
    #[derive(Debug, Clone)]
    enum Piece {
        Alu(u8, i32),
        MapLoad(u8, usize, u32),
        FuncPtr(i32),
        Call(i32),
        Jump(i16),
        Helper(i32),
    }

    fn piece() -> impl Strategy<Value = Piece> {
        prop_oneof![
            (0u8..10, any::<i32>()).prop_map(|(d, i)| Piece::Alu(d, i)),
            (0u8..10, 0usize..4, 0u32..50).prop_map(|(d, m, o)| Piece::MapLoad(d, m, o)),
            (-12i32..12).prop_map(Piece::FuncPtr),
            (-12i32..12).prop_map(Piece::Call),
            (-12i16..12).prop_map(Piece::Jump),
            prop_oneof![Just(1i32), Just(198), Just(201), Just(5000), -3..3]
                .prop_map(Piece::Helper),
        ]
    }

    fn build(maps: Vec<MapDef>, pieces: Vec<Piece>) -> Program {
        let mut insns = Vec::new();
        for p in pieces {
            match p {
                Piece::Alu(d, i) => insns.push(Insn::new(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)),
                Piece::MapLoad(d, m, o) => {
                    let src = match maps.get(m).map(|m| &m.origin) {
                        Some(MapOrigin::Global { .. }) => BPF_PSEUDO_MAP_VALUE,
                        _ => BPF_PSEUDO_MAP_FD,
                    };
                    let off = match maps.get(m) {
                        Some(md) if src == BPF_PSEUDO_MAP_VALUE => o % md.value_size.max(1),
                        _ => 0,
                    };
                    insns.extend(ld_imm64(d, src, m as u64 | (off as u64) << 32));
                }
                Piece::FuncPtr(r) => insns.extend(ld_imm64(2, BPF_PSEUDO_FUNC, r as u32 as u64)),
                Piece::Call(r) => {
                    insns.push(Insn::new(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, r))
                }
                Piece::Jump(o) => insns.push(Insn::new(BPF_JMP | BPF_JA, 0, 0, o, 0)),
                Piece::Helper(h) => insns.push(Insn::new(BPF_JMP | BPF_CALL, 0, 0, 0, h)),
            }
        }
        insns.push(Insn::new(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
        let mut p = Program::from_insns("gen", ProgType::Tp, insns);
        p.maps = maps;
        p
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// Random programs with maps, globals (anywhere in their sections),
        /// map and global loads, callbacks, calls and jumps print and
        /// assemble back exactly.
        #[test]
        fn generated_programs_round_trip(maps in maps(), pieces in prop::collection::vec(piece(), 1..14)) {
            let p = build(maps, pieces);
            let text = disassemble(&p);
            let q = assemble(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(&q.insns, &p.insns, "{}", text);
            prop_assert_eq!(&q.maps, &p.maps, "{}", text);
            prop_assert_eq!(disassemble(&q), text);
        }
    }
}

#[test]
fn issue_parity_cases() {
    // An unterminated block comment is an error where it opens.
    let e = err("r0 = 1 /* no end\nexit\n");
    assert_eq!((e.line, e.col), (1, 8), "{e}");
    assert!(e.message.contains("not terminated"), "{e}");
    // Closed across lines, it is a comment.
    assert_eq!(assemble("r0 = 1 /* a\nb */ exit\n").unwrap().insns.len(), 2);
    // A byte swap of a width that does not exist.
    let e = err("r1 = be24 r1\nexit");
    assert_eq!((e.line, e.col), (1, 6), "{e}");
    assert!(e.message.contains("invalid byte-swap width `be24`"), "{e}");
    let e = err("r1 = bswap8 r1\nexit");
    assert!(e.message.contains("invalid byte-swap width"), "{e}");
    // `call -1` is helper -1 as llvm-mc encodes it; `call pc-1` is relative.
    assert_eq!(one("call -1\nexit"), Insn::new(0x85, 0, 0, 0, -1));
    assert_eq!(one("call +3\nexit"), Insn::new(0x85, 0, 0, 0, 3));
    assert_eq!(one("call pc-1\nexit"), Insn::new(0x85, 0, 1, 0, -1));
    // Decimal immediates up to 2^32 - 1 are their two's complement bits.
    assert_eq!(one("r1 = 4294967295\nexit"), Insn::new(0xb7, 1, 0, 0, -1));
    assert!(err("r1 = 4294967296\nexit").message.contains("32-bit"));
}

#[test]
fn disassembly_numbers_as_llvm_objdump_prints_them() {
    let p = assemble("r1 = 0x7fffffff\nr8 = 0 ll\nr8 = -1 ll\nr0 = 0\nif r0 == 0 goto -2\ncall -1\ncall pc+0\nexit\n").unwrap();
    let lines = format_insns(&p);
    assert_eq!(lines[0], "r1 = 2147483647");
    assert_eq!(lines[1], "r8 = 0 ll");
    assert_eq!(lines[3], "r8 = -1 ll");
    assert_eq!(lines[6], "if r0 == 0 goto -2 <LBB5>");
    assert_eq!(lines[7], "call -1");
    // The editing style keeps hex and label names.
    let opts = DisasmOptions {
        style: DisasmStyle::Labels,
    };
    let old = format_insns_with(&p, opts);
    assert_eq!(old[0], "r1 = 0x7fffffff");
    assert_eq!(old[1], "r8 = 0x0 ll");
    assert_eq!(old[6], "if r0 == 0 goto LBB5");
    for style in [DisasmStyle::Objdump, DisasmStyle::Labels] {
        let text = disassemble_with(&p, DisasmOptions { style });
        assert_eq!(assemble(&text).unwrap().insns, p.insns, "{text}");
    }
    // A jump to the first instruction names no label where there is none.
    let p = crate::program::Program::from_insns(
        "prog",
        ProgType::Syscall,
        vec![
            Insn::new(0xb7, 0, 0, 0, 0),
            Insn::new(0x05, 0, 0, -2, 0),
            Insn::new(0x95, 0, 0, 0, 0),
        ],
    );
    assert_eq!(format_insn(&p, 1), "goto -2 <prog>");
}

#[test]
fn objdump_relocation_lines() {
    let listing = "\
x.o:\tfile format elf64-bpf

Disassembly of section .text:

0000000000000000 <sub>:
       0:\tr0 = 1
       1:\texit

Disassembly of section tc:

0000000000000000 <entry>:
       0:\tr1 = 0 ll
\t\t0000000000000000:  R_BPF_64_64\tcounters
       2:\tr2 = 8 ll
\t\t0000000000000010:  R_BPF_64_64\t.data
       4:\tcall -1
\t\t0000000000000020:  R_BPF_64_32\tbpf_dynptr_adjust
       5:\tcall -1
\t\t0000000000000028:  R_BPF_64_32\tsub
       6:\tcall 6
       7:\texit
";
    let decls = ".map counters hash key=4 value=8 max_entries=16\n.data a 8\n.data b 8\n";
    let p = assemble(&format!("{decls}{listing}")).unwrap();
    assert_eq!((p.name.as_str(), p.prog_type), ("entry", ProgType::Tc));
    assert_eq!(p.insns[0], Insn::new(0x18, 1, BPF_PSEUDO_MAP_FD, 0, 0));
    assert_eq!(p.insns[2], Insn::new(0x18, 2, BPF_PSEUDO_MAP_VALUE, 0, 1));
    assert_eq!(p.insns[3].imm, 8);
    assert_eq!(p.insns[4].src_reg, BPF_PSEUDO_KFUNC_CALL);
    // The subprogram is appended after the entry, as libbpf links it.
    assert_eq!(p.insns[5], Insn::new(0x85, 0, 1, 0, 2));
    assert_eq!(p.insns[6], Insn::new(0x85, 0, 0, 0, 6));
    assert_eq!(p.insns[8], Insn::new(0xb7, 0, 0, 0, 1));
    assert_eq!(p.insns.len(), 10);
    // Without the declaration: a clear error at the symbol.
    let e = err(listing);
    assert_eq!((e.line, e.col), (13, 34), "{e}");
    assert!(e.message.contains("declare it first"), "{e}");
    // A relocation line that does not belong to the instruction above it.
    let e = err(&listing.replace(
        "0000000000000020:  R_BPF_64_32\tbpf",
        "0000000000000030:  R_BPF_64_32\tbpf",
    ));
    assert_eq!(e.line, 17, "{e}");
    assert!(e.message.contains("slot 4"), "{e}");
    // A call into a section the listing does not show.
    let e = err("Disassembly of section tc:\n0000000000000000 <e>:\n       0:\tcall 3\n\t\t0000000000000000:  R_BPF_64_32\t.text\n       1:\texit\n");
    assert!(e.message.contains("paste the whole"), "{e}");
}

/// An image of 0 bytes holds no value but 0 (found by the asm fuzz target:
/// `.image .data 0 = 7` overflowed computing the value's bit range).
#[test]
fn zero_size_image_with_a_value() {
    let e = err(".image .data 0 = 7\nr0 = 0\nexit");
    assert!(
        e.to_string()
            .contains("expected a value that fits in 0 bytes, found 7"),
        "{e}"
    );
}

/// A string where an immediate goes is an error, whatever its characters
/// (found by the asm fuzz target: a multi-byte character right after the
/// quote was cut in two while looking for a `0x` prefix).
#[test]
fn non_ascii_string_as_immediate() {
    for src in [
        "*(u64 *)(r10 - 8) = \"é\"\nexit",
        "r0 = \"€x\"\nexit",
        "mov %r0, \"é\"\nexit",
    ] {
        let _ = err(src);
    }
}

//! The fuzz harnesses, in one place: the libFuzzer targets
//! (`fuzz/fuzz_targets/*.rs`, built by `cargo fuzz`) call these, and so does
//! the native replay of the committed corpus (`tests/fuzz_replay.rs`, which
//! includes this file with `#[path]`), so CI checks every corpus file with
//! exactly the code the fuzzer ran.
//!
//! Four targets, each a function of arbitrary bytes that must return
//! without panicking (a panic is the failure libFuzzer reports):
//!
//! - [`fuzz_asm`]: the bytes as text through both assemblers; what
//!   assembles is disassembled (both styles) and assembled again, and must
//!   come back the same.
//! - [`fuzz_elf`]: the bytes as an ELF object through the loader (BTF,
//!   `.BTF.ext` line info, DWARF variables, maps, relocations); what loads
//!   is disassembled and verified.
//! - [`fuzz_vm`]: the bytes as a program ([`decode_program`]) run without
//!   the verifier on a small world with a small instruction budget: every
//!   bad access must end in a fault, the hot loop ([`Vm::run`]) and single
//!   steps must agree, and (one flag bit) a stepping session must go back
//!   to exactly the states it went through.
//! - [`fuzz_verifier`]: the bytes as a program verified under both kernel
//!   profiles with a smaller complexity limit; a program the verifier
//!   accepts runs in the VM on several worlds and must not fault (running
//!   out of instructions is no fault). An accepted program that faults is a
//!   soundness bug: the harness panics with the program and the fault.

use dynptr_play::asm::{self, DisasmOptions, DisasmStyle};
use dynptr_play::elf;
use dynptr_play::isa::{self, Insn};
use dynptr_play::program::{
    FuncArg, FuncSym, GlobalProto, GlobalVar, MapDef, MapOrigin, MapType, ProgType, Program,
};
use dynptr_play::session::Session;
use dynptr_play::verifier::{self, KernelProfile, Verdict, VerifierOptions};
use dynptr_play::vm::{FaultKind, StepOutcome, Vm, VmOptions};
use dynptr_play::world::WorldConfig;

/// The targets, by the names of their corpus directories.
pub const TARGETS: [&str; 4] = ["asm", "elf", "vm", "verifier"];

/// Runs the harness of `target` on `data`.
pub fn run(target: &str, data: &[u8]) {
    match target {
        "asm" => fuzz_asm(data),
        "elf" => fuzz_elf(data),
        "vm" => fuzz_vm(data),
        "verifier" => fuzz_verifier(data),
        _ => panic!("no fuzz target {target}"),
    }
}

/// Instructions the VM target runs before giving up.
pub const VM_BUDGET: u64 = 4096;
/// Steps the session check of the VM target takes (a snapshot each).
pub const SESSION_STEPS: u64 = 64;
/// The verifier target's complexity limit (the kernel's is 1,000,000).
/// Mutated loops that walk to the limit are most of the target's time (a
/// 20,000 limit gave a mean of 3.9 ms an input over the corpus against a
/// median of 0.1 ms); long walks are the soundness test's share.
pub const VERIFIER_COMPLEXITY: u64 = 5_000;
/// The complexity limit of the ELF target's verification of a loaded program.
pub const ELF_VERIFY_COMPLEXITY: u64 = 2_000;
/// Instructions an accepted program runs in each world.
pub const ACCEPTED_BUDGET: u64 = 20_000;
/// Longest program (instruction slots) the byte decoder builds.
pub const MAX_FUZZ_INSNS: usize = 4096;

// ---------------------------------------------------------------- asm

/// Text in both dialects; round trip of whatever assembles.
pub fn fuzz_asm(data: &[u8]) {
    let src = String::from_utf8_lossy(data);
    let _ = asm::detect_dialect(&src);
    // `assemble` is one of these two, chosen by the dialect.
    for p in [asm::assemble_llvm(&src), asm::assemble_ubpf(&src)]
        .into_iter()
        .flatten()
    {
        round_trip(&p);
    }
}

/// `assemble(disassemble(p)) == p` in both disassembly styles, and every
/// per-instruction printer on every slot.
fn round_trip(p: &Program) {
    for style in [DisasmStyle::Objdump, DisasmStyle::Labels] {
        let text = asm::disassemble_with(p, DisasmOptions { style });
        let q = match asm::assemble(&text) {
            Ok(q) => q,
            Err(e) => panic!("the disassembly ({style:?}) does not assemble: {e}\n{text}"),
        };
        assert_eq!(q.insns, p.insns, "instructions differ ({style:?})\n{text}");
        assert_eq!(q.maps, p.maps, "maps differ ({style:?})\n{text}");
        assert_eq!(q.prog_type, p.prog_type, "type differs ({style:?})\n{text}");
        let _ = asm::format_insns_with(p, DisasmOptions { style });
    }
    for i in 0..p.insns.len() {
        let _ = asm::kernel_log_line(&p.insns, i);
        let _ = verifier::log::kernel_insn_str(p, i);
    }
}

// ---------------------------------------------------------------- elf

/// An ELF object through every entry of the loader. Each entry parses the
/// whole object again (BTF, DWARF), so one program is loaded on its own
/// (by function name and by section name), not each of them: that keeps
/// the target fast enough for long runs.
pub fn fuzz_elf(data: &[u8]) {
    let _ = elf::func_decl_tags(data);
    if let Ok(infos) = elf::programs(data) {
        // Which one: chosen by the input's length, so each gets its turn.
        if let Some(info) = infos.get(data.len() % infos.len().max(1)) {
            let _ = info.autoload();
            let _ = elf::load_program(data, &info.name);
            let _ = elf::load_program(data, &info.section);
        }
    }
    let Ok(progs) = elf::load(data) else { return };
    for p in &progs {
        let _ = asm::disassemble(p);
        for i in 0..p.insns.len() {
            let _ = p.line_of(i);
            let _ = p.line_info_at(i);
            for v in &p.vars {
                let _ = v.place_at(i);
            }
        }
        for v in &p.vars {
            let _ = v.label();
        }
    }
    // The verifier reads line info, BTF prototypes and variable names:
    // one program, a short walk, the full log.
    if let Some(p) = progs.get(data.len() % progs.len()) {
        let opts = VerifierOptions {
            log_level: 2,
            complexity_limit: ELF_VERIFY_COMPLEXITY,
            ..Default::default()
        };
        let _ = verifier::verify(p, &opts);
    }
}

// ---------------------------------------------------------------- bytes -> program

/// A program decoded from fuzzer bytes, with the run and verify settings
/// the same bytes choose.
#[derive(Debug, Clone)]
pub struct FuzzProgram {
    /// The program.
    pub prog: Program,
    /// Byte 1: settings (see [`decode_program`]).
    pub flags: u8,
    /// The world to run in (0..8, see [`world`]).
    pub world: u8,
}

/// Map kinds of the byte format, in order.
const MAP_KINDS: usize = 6;

/// Decodes fuzzer bytes into a program. The layout (every byte optional;
/// missing ones read as 0):
///
/// ```text
/// 0       program type (ProgType::ALL[b % 7])
/// 1       flags: vm target: bit 0 allow_uninit_stack, bit 1 packet_dynptr_data,
///                bit 2 session check; verifier target: bits 0-1 log level,
///                bit 2 record_states, bit 3 strict_alignment
/// 2       bits 0-2 world (see `world`), bits 3-5 maps (0..=7),
///         bits 6-7 extra function symbols (0..=3)
/// maps    8 bytes each: kind % 6 (array, hash, ringbuf, .bss, .data, .rodata),
///         key size, value size (u16), max entries (u32); sizes are folded
///         into what the kernel would create
/// funcs   4 bytes each: start (u16), kind (bits 0-1: static, global,
///         global with an unusable prototype; bits 2-4: argument count;
///         bits 5-7 and the next byte: two bits per argument: scalar,
///         ctx, dynptr, memory of 8 bytes)
/// rest    instructions, 8 bytes each (a trailing partial one is dropped)
/// ```
pub fn decode_program(data: &[u8]) -> FuzzProgram {
    let mut r = Reader(data);
    let prog_type = ProgType::ALL[r.u8() as usize % ProgType::ALL.len()];
    let flags = r.u8();
    let b2 = r.u8();
    let world = b2 & 7;
    let nmaps = (b2 >> 3) & 7;
    let nfuncs = b2 >> 6;
    let mut maps = Vec::new();
    for i in 0..nmaps {
        let kind = r.u8() as usize % MAP_KINDS;
        let key = r.u8() as u32;
        let value = r.u16() as u32;
        let max = r.u32();
        maps.push(map_def(i, kind, key, value, max));
    }
    let mut extra = Vec::new();
    for i in 0..nfuncs {
        let start = r.u16() as usize;
        let kind = r.u8();
        let args = r.u8();
        extra.push((i, start, kind, args));
    }
    let insns: Vec<Insn> =
        r.0.chunks_exact(8)
            .take(MAX_FUZZ_INSNS)
            .map(|c| Insn::from_bytes(c.try_into().expect("8 bytes")))
            .collect();
    let mut prog = Program::from_insns("fuzz", prog_type, insns);
    prog.maps = maps;
    for (i, start, kind, args) in extra {
        let mut f = FuncSym::new(format!("f{i}"), start);
        if kind & 3 != 0 {
            let bits = u16::from(args) | (u16::from(kind >> 5) << 8);
            let n = ((kind >> 2) & 7).min(5) as usize;
            f.global = Some(GlobalProto {
                args: (0..n)
                    .map(|a| match (bits >> (2 * a)) & 3 {
                        0 => FuncArg::Scalar,
                        1 => FuncArg::Ctx,
                        2 => FuncArg::Dynptr,
                        _ => FuncArg::Mem {
                            size: 8,
                            nullable: a % 2 == 1,
                        },
                    })
                    .collect(),
                unsupported: (kind & 3 == 2)
                    .then(|| "Global function f() doesn't return scalar.".to_string()),
            });
        }
        prog.funcs.push(f);
    }
    // funcs[0] is the entry; the others sorted by start, as front ends give them.
    prog.funcs[1..].sort_by_key(|f| f.start);
    prog.funcs.dedup_by_key(|f| f.start);
    FuzzProgram { prog, flags, world }
}

/// A map the kernel would create, from fuzzer fields.
fn map_def(i: u8, kind: usize, key: u32, value: u32, max: u32) -> MapDef {
    let value = 1 + value % 4096;
    let global = |section: &str, read_only: bool, image: bool| MapDef {
        name: section.to_string(),
        map_type: MapType::Array,
        key_size: 4,
        value_size: value,
        max_entries: 1,
        initial_value: image.then(|| (0..value).map(|b| (b * 37 % 251) as u8).collect()),
        origin: MapOrigin::Global {
            section: section.to_string(),
            vars: vec![GlobalVar {
                name: format!("g{i}"),
                offset: 0,
                size: value.min(8),
                ty: None,
            }],
            read_only,
        },
        key_type: None,
        value_type: None,
        map_flags: 0,
    };
    let m = match kind {
        0 => MapDef::declared(&format!("m{i}"), MapType::Array, 4, value, 1 + max % 64),
        1 => MapDef::declared(
            &format!("m{i}"),
            MapType::Hash,
            1 + key % 64,
            value,
            1 + max % 64,
        ),
        2 => MapDef::declared(&format!("m{i}"), MapType::Ringbuf, 0, 0, 4096 << (max % 4)),
        3 => global(".bss", false, false),
        4 => global(".data", false, true),
        _ => global(".rodata", true, true),
    };
    debug_assert!(m.check().is_ok(), "{m:?}");
    m
}

/// The inverse of [`decode_program`] for the parts it can express: the
/// seeds of the `vm` and `verifier` corpora are the repository's programs
/// encoded this way. Map kinds and sizes and extra function symbols are
/// kept (sizes folded as the decoder folds them); names, line info and
/// global images are not.
pub fn encode_program(p: &Program, flags: u8, world: u8) -> Vec<u8> {
    let maps: Vec<&MapDef> = p.maps.iter().take(7).collect();
    let funcs: Vec<&FuncSym> = p.funcs.iter().skip(1).take(3).collect();
    let type_idx = ProgType::ALL
        .iter()
        .position(|&t| t == p.prog_type)
        .unwrap_or(0) as u8;
    let mut out = vec![
        type_idx,
        flags,
        (world & 7) | ((maps.len() as u8) << 3) | ((funcs.len() as u8) << 6),
    ];
    for m in maps {
        let kind = match (&m.map_type, &m.origin) {
            (MapType::Array, MapOrigin::Declared) => 0u8,
            (MapType::Hash, _) => 1,
            (MapType::Ringbuf, _) => 2,
            (
                MapType::Array,
                MapOrigin::Global {
                    read_only: true, ..
                },
            ) => 5,
            (MapType::Array, MapOrigin::Global { .. }) if m.initial_value.is_some() => 4,
            (MapType::Array, MapOrigin::Global { .. }) => 3,
        };
        let max = match m.map_type {
            MapType::Ringbuf => (m.max_entries / 4096).max(1).trailing_zeros().min(3),
            _ => m.max_entries.saturating_sub(1),
        };
        out.push(kind);
        out.push(m.key_size.saturating_sub(1) as u8);
        out.extend_from_slice(&(m.value_size.saturating_sub(1).min(4095) as u16).to_le_bytes());
        out.extend_from_slice(&max.to_le_bytes());
    }
    for f in funcs {
        out.extend_from_slice(&(f.start.min(u16::MAX as usize) as u16).to_le_bytes());
        let (mut kind, mut bits) = (0u8, 0u16);
        if let Some(g) = &f.global {
            kind = if g.unsupported.is_some() { 2 } else { 1 };
            kind |= (g.args.len().min(5) as u8) << 2;
            for (a, arg) in g.args.iter().take(5).enumerate() {
                let v = match arg {
                    FuncArg::Scalar => 0u16,
                    FuncArg::Ctx => 1,
                    FuncArg::Dynptr => 2,
                    FuncArg::Mem { .. } => 3,
                };
                bits |= v << (2 * a);
            }
            kind |= ((bits >> 8) as u8 & 7) << 5;
        }
        out.push(kind);
        out.push(bits as u8);
    }
    out.extend_from_slice(&isa::encode(&p.insns));
    out
}

/// The worlds programs run in: the default frame, and the edges (no
/// packet at all, one byte, an Ethernet header alone, fragments, metadata,
/// a full-size frame with no head- or tailroom, odd context arguments).
pub fn world(n: u8) -> WorldConfig {
    let mut w = WorldConfig::default();
    match n & 7 {
        0 => {}
        1 => w.packet = Vec::new(),
        2 => w.packet = vec![0x45],
        3 => w.packet.truncate(14),
        4 => w.frags = vec![vec![0xab; 100], vec![0xcd; 4096], vec![1]],
        5 => w.meta = (0..32).collect(),
        6 => {
            w.packet = (0..1500).map(|i| i as u8).collect();
            w.headroom = 0;
            w.tailroom = 0;
        }
        _ => {
            w.ctx_args = vec![0, 1, u64::MAX, 0x8000_0000, 42];
            w.seed = 7;
            w.ringbuf_default_size = 4096;
        }
    }
    w
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn u8(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }
    fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }
}

// ---------------------------------------------------------------- vm

/// A program run without the verifier: faults, never panics; the hot loop
/// and single steps agree; a session steps back to exactly where it was.
pub fn fuzz_vm(data: &[u8]) {
    let fp = decode_program(data);
    let opts = VmOptions {
        insn_budget: VM_BUDGET,
        unsafe_mode: true,
        allow_uninit_stack: fp.flags & 1 != 0,
        packet_dynptr_data: fp.flags & 2 != 0,
    };
    let cfg = world(fp.world);
    let Ok(mut vm) = Vm::with_config(&fp.prog, &cfg, opts) else {
        return;
    };
    let mut stepped = vm.clone();
    let res = vm.run();
    let mut last = StepOutcome::Running;
    while last == StepOutcome::Running {
        last = stepped.step();
    }
    let expected = match (&res.r0, &res.fault) {
        (Some(r0), None) => StepOutcome::Exited { r0: *r0 },
        (None, Some(f)) => StepOutcome::Faulted(f.clone()),
        _ => panic!("a finished run with neither r0 nor a fault: {res:?}"),
    };
    assert_eq!(last, expected, "run() and step() disagree");
    assert_eq!(
        stepped.steps(),
        res.steps,
        "run() and step() counted differently"
    );
    assert_eq!(
        stepped.snapshot(),
        vm.snapshot(),
        "run() and step() end apart"
    );
    if fp.flags & 4 != 0 {
        check_session(&fp, &cfg, opts);
    }
}

/// Steps a session (at most [`SESSION_STEPS`], well inside the budget),
/// then goes back to recorded steps and compares the pictures.
fn check_session(fp: &FuzzProgram, cfg: &WorldConfig, opts: VmOptions) {
    let Ok(mut s) = Session::new(fp.prog.clone(), cfg.clone(), opts) else {
        return;
    };
    let mut seen = vec![s.snapshot().clone()];
    while !s.finished() && s.history_len() < SESSION_STEPS {
        seen.push(s.step().clone());
        assert_eq!(
            s.history_len(),
            seen.len() as u64 - 1,
            "a step that did not count"
        );
    }
    let n = s.history_len();
    for target in [0, n / 2, n.saturating_sub(1), n] {
        let got = s.goto(target).clone();
        assert_eq!(got, seen[target as usize], "goto({target}) of {n} steps");
    }
    if n > 0 {
        s.goto(n);
        let back = s.step_back().clone();
        assert_eq!(back, seen[n as usize - 1], "step_back from step {n}");
    }
}

// ---------------------------------------------------------------- verifier

/// A program verified under both profiles; accepted ones must run clean.
pub fn fuzz_verifier(data: &[u8]) {
    let fp = decode_program(data);
    let log_level = match fp.flags & 3 {
        3 => 1,
        l => u32::from(l),
    };
    for kernel in [KernelProfile::Series, KernelProfile::Linux6_18] {
        let opts = VerifierOptions {
            log_level,
            complexity_limit: VERIFIER_COMPLEXITY,
            kernel,
            record_states: fp.flags & 4 != 0,
            strict_alignment: fp.flags & 8 != 0,
            exact_states: fp.flags & 16 != 0,
        };
        let report = verifier::verify(&fp.prog, &opts);
        if report.verdict != Verdict::Accepted {
            continue;
        }
        let mut worlds = vec![0, 1, fp.world];
        worlds.dedup();
        for w in worlds {
            if let Some(fault) = accepted_run_faults(&fp.prog, kernel, w) {
                let listing: Vec<String> = (0..fp.prog.insns.len())
                    .map(|i| format!("{i}: {}", verifier::log::kernel_insn_str(&fp.prog, i)))
                    .collect();
                let log = verifier::verify(
                    &fp.prog,
                    &VerifierOptions {
                        log_level: 2,
                        ..opts
                    },
                )
                .log;
                panic!(
                    "accepted ({kernel:?}, {}), but the VM faulted in world {w}: {fault}\n{}\n\
                     verifier log:\n{}",
                    fp.prog.prog_type.name(),
                    listing.join("\n"),
                    log.lines().take(300).collect::<Vec<_>>().join("\n")
                );
            }
        }
    }
}

/// Runs an accepted program as a checked run would; the fault, if any
/// (running out of instructions is none: a verified program may loop up to
/// the kernel's limits).
fn accepted_run_faults(p: &Program, kernel: KernelProfile, w: u8) -> Option<String> {
    let opts = VmOptions {
        insn_budget: ACCEPTED_BUDGET,
        unsafe_mode: false,
        allow_uninit_stack: kernel.allow_uninit_stack(),
        packet_dynptr_data: kernel.packet_dynptr_data(),
    };
    let mut vm = match Vm::with_config(p, &world(w), opts) {
        Ok(vm) => vm,
        Err(f) => return Some(format!("VM setup: {f}")),
    };
    match vm.run().fault {
        None => None,
        Some(f) if matches!(f.kind, FaultKind::BudgetExhausted(_)) => None,
        Some(f) => Some(f.to_string()),
    }
}

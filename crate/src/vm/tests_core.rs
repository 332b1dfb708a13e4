//! Interpreter tests: ALU, jumps, memory, calls, faults.

use super::test_util::*;
use super::{run_raw, FaultKind, StepOutcome, Vm, VmOptions};
use crate::isa::*;
use crate::prog_insns;
use crate::program::ProgType;
use crate::world::WorldConfig;

fn sys(insns: Vec<Insn>) -> crate::program::Program {
    prog(ProgType::Syscall, insns, vec![])
}

fn fault_of(p: &crate::program::Program) -> super::Fault {
    let (r, _) = run(p);
    r.fault.expect("expected a fault")
}

#[test]
fn alu_semantics() {
    // 64-bit div/mod by zero: 0 and dst unchanged.
    assert_eq!(
        r0(&sys(prog_insns![
            mov(0, 7),
            mov(1, 0),
            alur(BPF_DIV, 0, 1),
            exit()
        ])),
        0
    );
    assert_eq!(
        r0(&sys(prog_insns![
            mov(0, 7),
            mov(1, 0),
            alur(BPF_MOD, 0, 1),
            exit()
        ])),
        7
    );
    // 32-bit mod by zero: dst truncated and zero-extended.
    let p = sys(prog_insns![
        lddw(0, 0xffff_ffff_0000_0005),
        mov(1, 0),
        Insn::new(BPF_ALU | BPF_MOD | BPF_X, 0, 1, 0, 0),
        exit()
    ]);
    assert_eq!(r0(&p), 5);
    // sdiv INT_MIN / -1 wraps; smod INT_MIN % -1 is 0.
    let p = sys(prog_insns![
        lddw(0, 1 << 63),
        Insn::new(BPF_ALU64 | BPF_DIV | BPF_K, 0, 0, 1, -1),
        exit()
    ]);
    assert_eq!(r0(&p), 1 << 63);
    let p = sys(prog_insns![
        mov(0, -7),
        Insn::new(BPF_ALU64 | BPF_MOD | BPF_K, 0, 0, 1, 2),
        exit()
    ]);
    assert_eq!(r0(&p) as i64, -1);
    // movsx and bswap.
    let p = sys(prog_insns![
        mov(1, 0x80),
        Insn::new(BPF_ALU64 | BPF_MOV | BPF_X, 0, 1, 8, 0),
        exit()
    ]);
    assert_eq!(r0(&p), 0xffff_ffff_ffff_ff80);
    let p = sys(prog_insns![
        mov(1, 0x80),
        Insn::new(BPF_ALU | BPF_MOV | BPF_X, 0, 1, 8, 0),
        exit()
    ]);
    assert_eq!(r0(&p), 0xffff_ff80);
    let p = sys(prog_insns![
        mov(0, 0x1234),
        Insn::new(BPF_ALU | BPF_END | BPF_TO_BE, 0, 0, 0, 16),
        exit()
    ]);
    assert_eq!(r0(&p), 0x3412);
    let p = sys(prog_insns![
        lddw(0, 0x1122_3344_5566_7788),
        Insn::new(BPF_ALU64 | BPF_END, 0, 0, 0, 32),
        exit()
    ]);
    assert_eq!(r0(&p), 0x8877_6655);
    // 32-bit ALU zero-extends; shifts mask their count.
    assert_eq!(
        r0(&sys(prog_insns![mov(0, -1), alu32(BPF_ADD, 0, 0), exit()])),
        0xffff_ffff
    );
    assert_eq!(
        r0(&sys(prog_insns![mov(0, 1), alu(BPF_LSH, 0, 65), exit()])),
        2
    );
}

#[test]
fn jumps_and_gotol() {
    let p = sys(prog_insns![
        mov(0, 0),
        mov(1, -1),
        jmp(BPF_JSLT, 1, 0, 1),
        exit(),
        Insn::new(BPF_JMP32 | BPF_JA, 0, 0, 0, 1),
        exit(),
        mov(0, 9),
        exit(),
    ]);
    assert_eq!(r0(&p), 9);
}

#[test]
fn stack_and_faults() {
    assert_eq!(
        r0(&sys(prog_insns![
            st(BPF_DW, 10, -8, 42),
            ldx(BPF_DW, 0, 10, -8),
            exit()
        ])),
        42
    );
    let f = fault_of(&sys(prog_insns![ldx(BPF_W, 0, 10, -8), exit()]));
    assert_eq!(f.insn, 0);
    assert!(matches!(f.kind, FaultKind::UninitStack { .. }), "{f}");
    let f = fault_of(&sys(prog_insns![st(BPF_W, 10, 0, 1), mov(0, 0), exit()]));
    assert_eq!(
        f.to_string(),
        "insn 0: out-of-bounds write of 4 bytes at stack+0 (valid: stack-512..stack+0)"
    );
    let f = fault_of(&sys(prog_insns![movr(0, 3), exit()]));
    assert_eq!(f.to_string(), "insn 0: uninitialised register r3");
    let f = fault_of(&sys(prog_insns![mov(10, 0), exit()]));
    assert_eq!(f.kind, FaultKind::FramePointerWrite);
    let f = fault_of(&sys(prog_insns![mov(1, 0), ldx(BPF_B, 0, 1, 0), exit()]));
    assert!(matches!(f.kind, FaultKind::NullDeref { .. }), "{f}");
    let f = fault_of(&sys(prog_insns![mov(0, 0)]));
    assert_eq!(f.kind, FaultKind::PcOutOfRange(1));
}

#[test]
fn budget_and_call_depth() {
    let p = sys(prog_insns![ja(-1)]);
    let mut vm = Vm::with_config(
        &p,
        &WorldConfig::default(),
        VmOptions {
            insn_budget: 100,
            unsafe_mode: true,
            ..VmOptions::default()
        },
    )
    .unwrap();
    let r = vm.run();
    assert_eq!(r.steps, 100);
    assert_eq!(
        r.fault.unwrap().to_string(),
        "insn 0: instruction budget of 100 exhausted"
    );
    // Infinite recursion: the ninth frame faults.
    let p = with_func(sys(prog_insns![call_rel(-1), exit()]), "f", 0);
    let f = fault_of(&p);
    assert_eq!(f.kind, FaultKind::CallDepth);
}

#[test]
fn bpf_to_bpf_call_saves_r6_to_r9_and_gets_a_new_frame() {
    let p = sys(prog_insns![
        mov(6, 6),
        st(BPF_DW, 10, -8, 5),
        mov(1, 1),
        call_rel(4),
        alur(BPF_ADD, 0, 6),
        ldx(BPF_DW, 1, 10, -8),
        alur(BPF_ADD, 0, 1),
        exit(),
        // callee at 8: clobbers r6 and its own stack, returns r1 + 100
        mov(6, 0),
        st(BPF_DW, 10, -8, 77),
        movr(0, 1),
        alu(BPF_ADD, 0, 100),
        exit(),
    ]);
    let p = with_func(p, "callee", 8);
    assert_eq!(r0(&p), 101 + 6 + 5);
    // r1..r5 are clobbered by the call.
    let mut q = p.clone();
    q.insns[4] = movr(0, 2);
    assert_eq!(fault_of(&q).kind, FaultKind::UninitRegister(2));
}

#[test]
fn step_outcomes_and_snapshot_regs() {
    let p = sys(prog_insns![mov(0, 3), movr(2, 10), exit()]);
    let mut vm = Vm::with_config(&p, &WorldConfig::default(), VmOptions::default()).unwrap();
    assert_eq!(vm.step(), StepOutcome::Running);
    assert_eq!(vm.step(), StepOutcome::Running);
    let s = vm.snapshot();
    assert_eq!(s.regs[2].desc.as_deref(), Some("stack+0"));
    assert_eq!(s.regs[1].desc.as_deref(), Some("ctx+0"));
    assert!(!s.regs[3].init);
    assert_eq!(vm.step(), StepOutcome::Exited { r0: 3 });
    assert_eq!(vm.step(), StepOutcome::Exited { r0: 3 });
}

#[test]
fn atomics() {
    let p = sys(prog_insns![
        st(BPF_DW, 10, -8, 10),
        mov(1, 5),
        Insn::new(
            BPF_STX | BPF_ATOMIC | BPF_DW,
            10,
            1,
            -8,
            BPF_ADD as i32 | BPF_FETCH
        ),
        // r1 = 10 (old), mem = 15
        mov(0, 15),
        mov(2, 99),
        Insn::new(BPF_STX | BPF_ATOMIC | BPF_DW, 10, 2, -8, BPF_CMPXCHG),
        // r0 = 15 (old), mem = 99
        ldx(BPF_DW, 3, 10, -8),
        alur(BPF_ADD, 0, 3),
        alur(BPF_ADD, 0, 1),
        exit(),
    ]);
    assert_eq!(r0(&p), 15 + 99 + 10);
}

#[test]
fn run_raw_memory() {
    let insns = prog_insns![
        ldx(BPF_W, 0, 1, 2),
        alur(BPF_ADD, 0, 2),
        st(BPF_B, 1, 0, 0x77),
        exit()
    ];
    let mut mem = [1u8, 2, 3, 4, 5, 6];
    assert_eq!(run_raw(&insns, &mut mem), Ok(0x0605_0403 + 6));
    assert_eq!(mem[0], 0x77);
    let insns = prog_insns![ldx(BPF_W, 0, 1, 4), exit()];
    let f = run_raw(&insns, &mut mem).unwrap_err();
    assert!(matches!(f.kind, FaultKind::OutOfBounds { .. }), "{f}");
}

#[test]
fn xdp_packet_pointers_and_invalidation() {
    // r2 = data, r3 = data_end; if r2 + 14 > r3 exit; r0 = *(u8 *)(r2 + 12)
    let base = prog_insns![
        ldx(BPF_W, 2, 1, 0),
        ldx(BPF_W, 3, 1, 4),
        movr(4, 2),
        alu(BPF_ADD, 4, 14),
        jmpr(BPF_JGT, 4, 3, 2),
        ldx(BPF_B, 0, 2, 12),
        exit(),
        mov(0, -1),
        exit(),
    ];
    assert_eq!(r0(&prog(ProgType::Xdp, base, vec![])), 0x08);
    // After bpf_xdp_adjust_head, the old data pointer (spilled in r6) faults.
    let p = prog(
        ProgType::Xdp,
        prog_insns![
            ldx(BPF_W, 6, 1, 0),
            mov(2, -4),
            call(44),
            ldx(BPF_B, 0, 6, 0),
            exit()
        ],
        vec![],
    );
    let (r, _) = run(&p);
    let f = r.fault.unwrap();
    assert_eq!(f.insn, 3);
    assert!(matches!(f.kind, FaultKind::Stale { .. }), "{f}");
    // Reading past data_end faults.
    let p = prog(
        ProgType::Xdp,
        prog_insns![ldx(BPF_W, 2, 1, 4), ldx(BPF_B, 0, 2, 0), exit()],
        vec![],
    );
    assert!(matches!(
        run(&p).0.fault.unwrap().kind,
        FaultKind::OutOfBounds { .. }
    ));
}

#[test]
fn ctx_writes_and_cgroup_skb_packet_is_read_only() {
    // __sk_buff.mark is writable for tc; len is not.
    let p = prog(
        ProgType::Tc,
        prog_insns![st(BPF_W, 1, 8, 7), ldx(BPF_W, 0, 1, 8), exit()],
        vec![],
    );
    assert_eq!(r0(&p), 7);
    let p = prog(
        ProgType::Tc,
        prog_insns![st(BPF_W, 1, 0, 7), mov(0, 0), exit()],
        vec![],
    );
    assert!(matches!(
        run(&p).0.fault.unwrap().kind,
        FaultKind::ReadOnly { .. }
    ));
    let p = prog(
        ProgType::CgroupSkb,
        prog_insns![ldx(BPF_W, 2, 1, 76), st(BPF_B, 2, 0, 1), mov(0, 1), exit()],
        vec![],
    );
    assert!(matches!(
        run(&p).0.fault.unwrap().kind,
        FaultKind::ReadOnly { .. }
    ));
}

#[test]
fn map_value_and_globals() {
    let mut g = array_map(".data", 8, 1);
    g.initial_value = Some(vec![5, 0, 0, 0, 0, 0, 0, 0]);
    g.origin = crate::program::MapOrigin::Global {
        section: ".data".into(),
        vars: vec![],
        read_only: false,
    };
    let p = prog(
        ProgType::Syscall,
        prog_insns![
            ld_map_value(1, 0, 0),
            ldx(BPF_DW, 0, 1, 0),
            st(BPF_DW, 1, 0, 9),
            exit()
        ],
        vec![g],
    );
    let (r, vm) = run(&p);
    assert_eq!(r.r0, Some(5));
    assert_eq!(vm.world().maps[0].value(0).unwrap()[0], 9);
    let p = prog(
        ProgType::Syscall,
        prog_insns![ld_map_value(1, 0, 8), ldx(BPF_B, 0, 1, 0), exit()],
        vec![array_map("a", 8, 1)],
    );
    assert!(matches!(
        run(&p).0.fault.unwrap().kind,
        FaultKind::OutOfBounds { .. }
    ));
}

// proptest is a native-only dev-dependency: not in the wasm32 test build.
#[cfg(not(target_arch = "wasm32"))]
mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// ALU, jumps, loads and stores, mostly well-formed, sometimes not.
    fn hot_insn() -> impl Strategy<Value = Insn> {
        const ALU_OPS: [u8; 16] = [
            BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR, BPF_AND, BPF_LSH, BPF_RSH, BPF_NEG,
            BPF_MOD, BPF_XOR, BPF_MOV, BPF_ARSH, BPF_END, 0xe0, 0xf0,
        ];
        const JMP_OPS: [u8; 14] = [
            BPF_JA, BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET, BPF_JNE, BPF_JSGT, BPF_JSGE, BPF_CALL,
            BPF_EXIT, BPF_JLT, BPF_JLE, BPF_JSLT, BPF_JSLE,
        ];
        const SIZES: [u8; 4] = [BPF_B, BPF_H, BPF_W, BPF_DW];
        let reg = prop_oneof![8 => 0u8..11, 1 => 11u8..16];
        let off = prop_oneof![6 => -4i16..4, 1 => -1i16..2, 1 => any::<i16>()];
        let imm = prop_oneof![4 => -70i32..70, 1 => any::<i32>()];
        // Stack offsets, and small ones for the map values in r8 and r9.
        let mem_off =
            prop_oneof![6 => (-66i16..0).prop_map(|o| o * 8), 2 => -520i16..8, 2 => -2i16..20];
        let base = prop_oneof![6 => Just(10u8), 1 => Just(9u8), 1 => Just(8u8), 2 => 0u8..11];
        prop_oneof![
            5 => (0usize..16, any::<bool>(), any::<bool>(), reg.clone(), reg.clone(), off.clone(), imm.clone()).prop_map(
                |(op, is64, x, d, s, off, imm)| {
                    let class = if is64 { BPF_ALU64 } else { BPF_ALU };
                    let src = if x { BPF_X } else { BPF_K };
                    // off is 0 (or 1, signed division) nearly always
                    let off = if off.unsigned_abs() < 3 { 0 } else { off.rem_euclid(2) };
                    Insn::new(class | ALU_OPS[op] | src, d, s, off, imm)
                }
            ),
            3 => (0usize..14, any::<bool>(), any::<bool>(), reg.clone(), reg.clone(), off, imm.clone()).prop_map(
                |(op, is32, x, d, s, off, imm)| {
                    let class = if is32 { BPF_JMP32 } else { BPF_JMP };
                    let src = if x { BPF_X } else { BPF_K };
                    let op = JMP_OPS[op];
                    let (s, imm) = if op == BPF_CALL { (0, 7) } else { (s, imm) };
                    Insn::new(class | op | src, d, s, off, imm)
                }
            ),
            2 => (0usize..4, reg.clone(), base.clone(), mem_off.clone())
                .prop_map(|(sz, d, s, off)| ldx(SIZES[sz], d, s, off)),
            2 => (0usize..4, base.clone(), reg, mem_off.clone())
                .prop_map(|(sz, d, s, off)| stx(SIZES[sz], d, s, off)),
            1 => (0usize..4, base, mem_off, imm).prop_map(|(sz, d, off, imm)| st(SIZES[sz], d, off, imm)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]
        #[test]
        fn random_bytecode(words in proptest::collection::vec(any::<u64>(), 1..24), t in 0usize..6) {
            let insns: Vec<Insn> = words.iter().map(|w| Insn::from_bytes(w.to_le_bytes())).collect();
            let mut p = prog(ProgType::ALL[t], insns, vec![ringbuf_map(4096), array_map("a", 16, 4)]);
            p.funcs[0].start = 0;
            let mut vm = Vm::with_config(&p, &WorldConfig::default(), VmOptions { insn_budget: 2000, unsafe_mode: true, allow_uninit_stack: false, packet_dynptr_data: true }).unwrap();
            let r = vm.run();
            prop_assert!(r.steps <= 2000);
            let _ = vm.snapshot();
        }

        #[test]
        fn random_helper_calls(calls in proptest::collection::vec((0usize..64, proptest::collection::vec((0usize..16, 0usize..4), 5)), 1..16), t in 0usize..6) {
            use crate::catalog::ArgBase::*;
            let funcs = crate::catalog::all();
            let mut insns = prog_insns![movr(6, 1)];
            for i in 0..64 {
                insns.push(st(BPF_DW, 10, -8 * (i + 1), i as i32));
            }
            for (f, args) in &calls {
                let def = &funcs[f % funcs.len()];
                for (i, (a, pick)) in args.iter().enumerate() {
                    let r = i as u8 + 1;
                    // Three times in four an argument of the type the
                    // prototype asks for, so sequences get past the checks.
                    let typed = def.proto.args.get(i).filter(|_| *pick != 0).map(|t| t.base);
                    let dyn_slot = -16 * (1 + (*a as i32 % 3));
                    match (typed, a) {
                        (Some(ConstMapPtr), _) => insns.extend(ld_map(r, (*a % 2) as i32)),
                        (Some(PtrToDynptr), _) => { insns.push(movr(r, 10)); insns.push(alu(BPF_ADD, r, dyn_slot)); }
                        (Some(PtrToMem | PtrToMemOpt | PtrToMapKey | PtrToMapValue), _) => { insns.push(movr(r, 10)); insns.push(alu(BPF_ADD, r, -128)); }
                        (Some(PtrToStack), _) => { insns.push(movr(r, 10)); insns.push(alu(BPF_ADD, r, -192)); }
                        (Some(PtrToIterNum), _) => { insns.push(movr(r, 10)); insns.push(alu(BPF_ADD, r, -200)); }
                        (Some(PtrToCtx), _) => insns.push(movr(r, 6)),
                        (Some(PtrToFunc), _) => insns.extend(ld_func(r, 0)),
                        (Some(ConstSize | ConstSizeOrZero | ConstAllocSizeOrZero | ConstSizeK), _) => insns.push(mov(r, (*a as i32) * 4)),
                        (Some(PtrToAllocMem), _) => insns.push(movr(r, 0)),
                        (_, 0) => insns.push(mov(r, 0)),
                        (_, 1) => insns.push(mov(r, 1)),
                        (_, 2) => insns.push(mov(r, -1)),
                        (_, 3) => insns.push(mov(r, 8)),
                        (_, 4) => insns.push(mov(r, 4096)),
                        (_, 5) => insns.push(mov(r, 1 << 24)),
                        (_, 6) => { insns.push(movr(r, 10)); insns.push(alu(BPF_ADD, r, -16)); }
                        (_, 7) => { insns.push(movr(r, 10)); insns.push(alu(BPF_ADD, r, -64)); }
                        (_, 8) => insns.push(movr(r, 0)),
                        (_, 9) => insns.push(movr(r, 6)),
                        (_, 10) => insns.extend(ld_map(r, 0)),
                        (_, 11) => insns.extend(ld_map(r, 1)),
                        (_, 12) => insns.extend(ld_map_value(r, 1, 4)),
                        (_, 13) => insns.push(mov(r, 3)),
                        (_, 14) => insns.push(mov(r, 2)),
                        _ => insns.extend(ld_func(r, 0)),
                    }
                }
                insns.push(match def.kind {
                    crate::catalog::FuncKind::Helper { id } => call(id as i32),
                    crate::catalog::FuncKind::Kfunc { btf_id } => Insn::new(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, btf_id as i32),
                });
            }
            insns.push(mov(0, 0));
            insns.push(exit());
            let cfg = WorldConfig { frags: vec![vec![1; 30]], ..WorldConfig::default() };
            let p = prog(ProgType::ALL[t], insns, vec![ringbuf_map(4096), array_map("a", 16, 4)]);
            let mut vm = Vm::with_config(&p, &cfg, VmOptions { insn_budget: 5000, unsafe_mode: true, allow_uninit_stack: false, packet_dynptr_data: true }).unwrap();
            let r = vm.run();
            prop_assert!(r.steps <= 5000);
            let s = vm.snapshot();
            prop_assert!(serde_json::to_string(&s).is_ok());
        }

        /// The fast path (`run`, and `step`) and the general interpreter
        /// alone end in the same state, fault for fault: random programs of
        /// the instructions the fast path takes (registers possibly
        /// uninitialised, stack offsets possibly out of bounds or
        /// unwritten, jumps possibly out of the program).
        #[test]
        fn fast_path_equals_general_interpreter(insns in proptest::collection::vec(hot_insn(), 1..40), t in 0usize..6, init in any::<bool>()) {
            // r9: an array element (writable); r8: a .rodata global; when
            // `init`, r0-r7 hold small numbers, so that programs get past
            // their first instructions and reach the map values more often.
            let mut code = Vec::new();
            if init {
                code.extend((0..8).map(|r| mov(r, r as i32 * 3)));
            }
            code.extend(ld_map_value(9, 0, 0));
            code.extend(ld_map_value(8, 1, 0));
            code.extend(insns);
            code.push(mov(0, 0));
            code.push(exit());
            let mut rodata = array_map(".rodata", 8, 1);
            rodata.origin = crate::program::MapOrigin::Global {
                section: ".rodata".into(),
                vars: vec![],
                read_only: true,
            };
            let p = prog(ProgType::ALL[t], code, vec![array_map("a", 16, 4), rodata]);
            let opts = VmOptions { insn_budget: 3000, unsafe_mode: true, allow_uninit_stack: false, packet_dynptr_data: true };
            let mut fast = Vm::with_config(&p, &WorldConfig::default(), opts).unwrap();
            let mut slow = fast.clone();
            slow.set_fast_path(false);
            let mut stepped = fast.clone();
            let (rf, rs) = (fast.run(), slow.run());
            while stepped.step() == StepOutcome::Running {}
            prop_assert_eq!(&rf, &rs);
            prop_assert_eq!(fast.snapshot(), slow.snapshot());
            prop_assert_eq!(stepped.snapshot(), slow.snapshot());
        }

        #[test]
        fn random_raw(words in proptest::collection::vec(any::<u64>(), 1..16), mem in proptest::collection::vec(any::<u8>(), 0..32)) {
            let insns: Vec<Insn> = words.iter().map(|w| Insn::from_bytes(w.to_le_bytes())).collect();
            let mut mem = mem;
            let _ = run_raw(&insns, &mut mem);
        }
    }
}

/// A subprogram may return without writing r0: the caller gets r0 as it
/// is (`prepare_func_exit` copies the callee's r0, written or not), and
/// only a read of it faults. Found by the verifier fuzz target: an
/// accepted program whose subprogram left r0 alone faulted at its exit.
#[test]
fn subprogram_exit_leaves_r0_unwritten() {
    // main: call sub; r0 = 0; exit. sub: r1 = 7; exit.
    let p = with_func(
        sys(prog_insns![
            call_rel(2),
            mov(0, 0),
            exit(),
            mov(1, 7),
            exit()
        ]),
        "sub",
        3,
    );
    assert_eq!(r0(&p), 0);
    // main: call sub; exit (reads the unwritten r0).
    let p = with_func(
        sys(prog_insns![call_rel(1), exit(), mov(1, 7), exit()]),
        "sub",
        2,
    );
    assert_eq!(fault_of(&p).kind, FaultKind::UninitRegister(0));
    assert_eq!(fault_of(&p).insn, 1);
}

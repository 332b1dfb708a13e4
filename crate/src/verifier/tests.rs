//! Unit tests, one per rule, with programs built from `isa` constructors.

use super::*;
use crate::isa::*;
use crate::program::{FuncSym, MapDef, MapOrigin, MapType, ProgType};

fn mov(d: u8, imm: i32) -> Insn {
    Insn::new(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, imm)
}
fn mov32(d: u8, imm: i32) -> Insn {
    Insn::new(BPF_ALU | BPF_MOV | BPF_K, d, 0, 0, imm)
}
fn movr(d: u8, s: u8) -> Insn {
    Insn::new(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
}
fn add(d: u8, imm: i32) -> Insn {
    Insn::new(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, imm)
}
fn lsh(d: u8, imm: i32) -> Insn {
    Insn::new(BPF_ALU64 | BPF_LSH | BPF_K, d, 0, 0, imm)
}
fn stx(size: u8, d: u8, off: i16, s: u8) -> Insn {
    Insn::new(BPF_STX | BPF_MEM | size, d, s, off, 0)
}
fn st(size: u8, d: u8, off: i16, imm: i32) -> Insn {
    Insn::new(BPF_ST | BPF_MEM | size, d, 0, off, imm)
}
fn ldx(size: u8, d: u8, s: u8, off: i16) -> Insn {
    Insn::new(BPF_LDX | BPF_MEM | size, d, s, off, 0)
}
fn call(id: i32) -> Insn {
    Insn::new(BPF_JMP | BPF_CALL, 0, 0, 0, id)
}
fn kcall(name: &str) -> Insn {
    let id = match crate::catalog::kfunc_by_name(name).map(|f| f.kind) {
        Some(crate::catalog::FuncKind::Kfunc { btf_id }) => btf_id as i32,
        _ => -1,
    };
    Insn::new(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, id)
}
fn exit() -> Insn {
    Insn::new(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
}
fn jeq(d: u8, imm: i32, off: i16) -> Insn {
    Insn::new(BPF_JMP | BPF_JEQ | BPF_K, d, 0, off, imm)
}
fn jlt(d: u8, imm: i32, off: i16) -> Insn {
    Insn::new(BPF_JMP | BPF_JLT | BPF_K, d, 0, off, imm)
}
fn jgt_r(d: u8, s: u8, off: i16) -> Insn {
    Insn::new(BPF_JMP | BPF_JGT | BPF_X, d, s, off, 0)
}
fn ja(off: i16) -> Insn {
    Insn::new(BPF_JMP | BPF_JA, 0, 0, off, 0)
}
fn ld_map(d: u8, idx: i32) -> [Insn; 2] {
    let [a, b] = ld_imm64(d, BPF_PSEUDO_MAP_FD, 0);
    [Insn { imm: idx, ..a }, b]
}
fn ld_func(d: u8, rel: i32) -> [Insn; 2] {
    let [a, b] = ld_imm64(d, BPF_PSEUDO_FUNC, 0);
    [Insn { imm: rel, ..a }, b]
}

/// Program builder: instructions plus the maps the tests use (map 0 a
/// ring buffer, map 1 an array with 16-byte values).
struct B {
    v: Vec<Insn>,
    funcs: Vec<(String, usize)>,
}

impl B {
    fn new() -> Self {
        B {
            v: Vec::new(),
            funcs: Vec::new(),
        }
    }
    fn i(&mut self, x: Insn) -> &mut Self {
        self.v.push(x);
        self
    }
    fn ii(&mut self, x: [Insn; 2]) -> &mut Self {
        self.v.extend(x);
        self
    }
    fn here(&self) -> usize {
        self.v.len()
    }
    fn func(&mut self, name: &str) -> &mut Self {
        self.funcs.push((name.to_string(), self.v.len()));
        self
    }
    /// `r1 = ringbuf; r2 = size; r3 = 0; r4 = fp+off; call reserve_dynptr`.
    fn reserve_dynptr(&mut self, off: i32, size: i32) -> &mut Self {
        self.ii(ld_map(1, 0))
            .i(mov(2, size))
            .i(mov(3, 0))
            .i(movr(4, 10))
            .i(add(4, off))
            .i(call(198))
    }
    /// `bpf_dynptr_from_mem(fp+data_off, size, 0, fp+off)`.
    /// `bpf_dynptr_from_mem(&array_value[data_off], size, 0, fp+off)`
    /// (the era's kernel takes map values only).
    fn local_dynptr(&mut self, data_off: i32, size: i32, off: i32) -> &mut Self {
        let [a, b] = ld_imm64(1, BPF_PSEUDO_MAP_VALUE, 0);
        self.ii([
            Insn { imm: 1, ..a },
            Insn {
                imm: data_off.rem_euclid(8),
                ..b
            },
        ])
        .i(mov(2, size))
        .i(mov(3, 0))
        .i(movr(4, 10))
        .i(add(4, off))
        .i(call(197))
    }
    fn submit(&mut self, off: i32) -> &mut Self {
        self.i(movr(1, 10)).i(add(1, off)).i(mov(2, 0)).i(call(199))
    }
    fn ret0(&mut self) -> &mut Self {
        self.i(mov(0, 0)).i(exit())
    }
    fn prog(&self, t: ProgType) -> Program {
        let mut p = Program::from_insns("test", t, self.v.clone());
        p.maps = vec![
            MapDef {
                name: "ringbuf".into(),
                map_type: MapType::Ringbuf,
                key_size: 0,
                value_size: 0,
                max_entries: 4096,
                initial_value: None,
                origin: MapOrigin::Declared,
                key_type: None,
                value_type: None,
                map_flags: 0,
            },
            MapDef {
                name: "array".into(),
                map_type: MapType::Array,
                key_size: 4,
                value_size: 16,
                max_entries: 1,
                initial_value: None,
                origin: MapOrigin::Declared,
                key_type: None,
                value_type: None,
                map_flags: 0,
            },
        ];
        for (n, s) in &self.funcs {
            p.funcs.push(FuncSym::new(n.clone(), *s));
        }
        p
    }
}

fn run(p: &Program) -> Report {
    verify(
        p,
        &VerifierOptions {
            log_level: 1,
            ..Default::default()
        },
    )
}

fn run_w(p: &Program, kernel: KernelProfile) -> Report {
    verify(
        p,
        &VerifierOptions {
            log_level: 1,
            kernel,
            ..Default::default()
        },
    )
}

#[track_caller]
fn rejects(p: &Program, msg: &str) -> Report {
    let r = run(p);
    assert_eq!(r.verdict, Verdict::Rejected, "accepted; log:\n{}", r.log);
    let m = r.message.clone().unwrap_or_default();
    assert!(
        m.contains(msg),
        "message {m:?} lacks {msg:?}; log:\n{}",
        r.log
    );
    assert!(r.explanation.is_some());
    r
}

#[track_caller]
fn accepts(p: &Program) -> Report {
    let r = run(p);
    assert_eq!(
        r.verdict,
        Verdict::Accepted,
        "rejected: {:?}\nlog:\n{}",
        r.message,
        r.log
    );
    r
}

#[test]
fn exit_needs_r0() {
    rejects(&B::new().i(exit()).prog(ProgType::Syscall), "R0 !read_ok");
}

#[test]
fn simple_program_and_log_format() {
    let r = accepts(&B::new().ret0().prog(ProgType::Syscall));
    assert!(r.log.starts_with("0: R1=ctx(off=0,imm=0) R10=fp0\n0: (b7) r0 = 0                        ; R0_w=0\n1: (95) exit\n"), "{}", r.log);
    assert!(r.log.ends_with("processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n"));
    assert_eq!(r.stats.insns_processed, 2);
}

#[test]
fn cfg_errors() {
    let r = rejects(
        &B::new()
            .i(mov(0, 0))
            .i(exit())
            .i(exit())
            .prog(ProgType::Syscall),
        "unreachable insn 2",
    );
    assert_eq!(r.insn, Some(2));
    rejects(
        &B::new()
            .i(mov(0, 0))
            .i(ja(5))
            .i(exit())
            .prog(ProgType::Syscall),
        "jump out of range from insn 1 to 7",
    );
    rejects(
        &B::new().i(mov(0, 0)).prog(ProgType::Syscall),
        "last insn is not an exit or jmp",
    );
}

#[test]
fn frame_pointer_is_read_only() {
    rejects(
        &B::new().i(mov(10, 0)).ret0().prog(ProgType::Syscall),
        "frame pointer is read only",
    );
}

#[test]
fn stack_rules() {
    rejects(
        &B::new()
            .i(ldx(BPF_DW, 0, 10, -8))
            .i(exit())
            .prog(ProgType::Syscall),
        "invalid read from stack off -8+0 size 8",
    );
    accepts(
        &B::new()
            .i(st(BPF_DW, 10, -8, 0))
            .i(ldx(BPF_DW, 0, 10, -8))
            .i(exit())
            .prog(ProgType::Syscall),
    );
    rejects(
        &B::new()
            .i(st(BPF_DW, 10, -520, 0))
            .ret0()
            .prog(ProgType::Syscall),
        "invalid write to stack R10 off=-520 size=8",
    );
    rejects(
        &B::new()
            .i(st(BPF_DW, 10, -12, 0))
            .ret0()
            .prog(ProgType::Syscall),
        "misaligned stack access",
    );
    // A spilled pointer comes back as the same pointer.
    accepts(
        &B::new()
            .i(stx(BPF_DW, 10, -8, 1))
            .i(ldx(BPF_DW, 2, 10, -8))
            .i(ldx(BPF_W, 0, 2, 0))
            .i(exit())
            .prog(ProgType::Syscall),
    );
}

#[test]
fn scalar_deref_is_invalid() {
    rejects(
        &B::new()
            .i(mov(1, 0))
            .i(ldx(BPF_DW, 0, 1, 0))
            .i(exit())
            .prog(ProgType::Syscall),
        "R1 invalid mem access 'scalar'",
    );
}

#[test]
fn ringbuf_dynptr_reserve_submit() {
    let mut b = B::new();
    b.reserve_dynptr(-16, 8).submit(-16).ret0();
    let r = accepts(&b.prog(ProgType::Syscall));
    assert!(r.states.iter().any(|s| s
        .states
        .iter()
        .any(|st| st.frames[0].stack.iter().any(|sl| sl.dynptr.is_some()))));
}

#[test]
fn ringbuf_dynptr_leak() {
    let mut b = B::new();
    b.reserve_dynptr(-16, 8).ret0();
    rejects(
        &b.prog(ProgType::Syscall),
        "Unreleased reference id=1 alloc_insn=6",
    );
}

#[test]
fn uninit_dynptr_arg_numbering() {
    let mut b = B::new();
    b.i(movr(1, 10)).i(add(1, -16)).i(call(216)).ret0();
    let p = b.prog(ProgType::Syscall);
    rejects(&p, "Expected an initialized dynptr as arg #1");
    // Today's kernel has no helper 216; bpf_dynptr_data (203) takes the
    // dynptr first too.
    let up = run_w(&p, KernelProfile::Linux6_18);
    assert_eq!(up.message.as_deref(), Some("invalid func unknown#216"));
    let mut b = B::new();
    b.i(movr(1, 10))
        .i(add(1, -16))
        .i(mov(2, 0))
        .i(mov(3, 8))
        .i(call(203))
        .ret0();
    let up = run_w(&b.prog(ProgType::Syscall), KernelProfile::Linux6_18);
    assert_eq!(
        up.message.as_deref(),
        Some("Expected an initialized dynptr as arg #0")
    );
}

#[test]
fn dynptr_arg_type_mismatch() {
    let mut b = B::new();
    b.i(mov(1, 0)).i(call(216)).ret0();
    rejects(
        &b.prog(ProgType::Syscall),
        "R1 type=scalar expected=fp, dynptr_ptr",
    );
}

#[test]
fn dynptr_misaligned() {
    let mut b = B::new();
    b.reserve_dynptr(-20, 8).submit(-16).ret0();
    rejects(
        &b.prog(ProgType::Syscall),
        "cannot pass in dynptr at an offset",
    );
}

#[test]
fn clone_onto_initialized() {
    let mut b = B::new();
    b.local_dynptr(-8, 8, -24).local_dynptr(-48, 8, -40);
    b.i(movr(1, 10))
        .i(add(1, -24))
        .i(movr(2, 10))
        .i(add(2, -40))
        .i(mov(3, 0))
        .i(call(220))
        .ret0();
    rejects(
        &b.prog(ProgType::Syscall),
        "Dynptr has to be an uninitialized dynptr",
    );
}

#[test]
fn clone_shares_reference_and_dies_together() {
    let mut b = B::new();
    b.reserve_dynptr(-16, 8);
    b.i(movr(1, 10))
        .i(add(1, -16))
        .i(movr(2, 10))
        .i(add(2, -32))
        .i(mov(3, 0))
        .i(call(220));
    b.submit(-32);
    // bpf_dynptr_read(fp-40, 1, fp-16, 0, 0)
    b.i(st(BPF_DW, 10, -40, 0))
        .i(movr(1, 10))
        .i(add(1, -40))
        .i(mov(2, 1))
        .i(movr(3, 10))
        .i(add(3, -16))
        .i(mov(4, 0))
        .i(mov(5, 0))
        .i(call(201));
    b.ret0();
    let r = rejects(
        &b.prog(ProgType::Syscall),
        "Expected an initialized dynptr as arg #3",
    );
    let ex = r.explanation.unwrap_or_default();
    assert!(ex.contains("clone"), "{ex}");
    // Submitting the clone releases the one reference: no leak.
    let mut ok = B::new();
    ok.reserve_dynptr(-16, 8);
    ok.i(movr(1, 10))
        .i(add(1, -16))
        .i(movr(2, 10))
        .i(add(2, -32))
        .i(mov(3, 0))
        .i(call(220));
    ok.submit(-32).ret0();
    accepts(&ok.prog(ProgType::Syscall));
}

#[test]
fn slice_invalidated_by_release() {
    let mut b = B::new();
    b.reserve_dynptr(-16, 8);
    // r0 = bpf_dynptr_data(fp-16, 0, 8)
    b.i(movr(1, 10))
        .i(add(1, -16))
        .i(mov(2, 0))
        .i(mov(3, 8))
        .i(call(203))
        .i(movr(6, 0));
    let skip = b.here();
    b.i(jeq(6, 0, 0));
    b.submit(-16);
    b.i(ldx(BPF_B, 0, 6, 0)).i(mov(0, 0)).i(exit());
    let after = b.here();
    b.submit(-16).ret0();
    b.v[skip].off = (after - skip - 1) as i16;
    rejects(&b.prog(ProgType::Syscall), "R6 invalid mem access 'scalar'");
}

#[test]
fn slice_needs_null_check_and_bounds() {
    let mut b = B::new();
    b.reserve_dynptr(-16, 8);
    b.i(movr(1, 10))
        .i(add(1, -16))
        .i(mov(2, 0))
        .i(mov(3, 8))
        .i(call(203));
    b.i(ldx(BPF_B, 1, 0, 0));
    b.submit(-16).ret0();
    rejects(
        &b.prog(ProgType::Syscall),
        "R0 invalid mem access 'mem_or_null'",
    );
    let mut c = B::new();
    c.reserve_dynptr(-16, 8);
    c.i(movr(1, 10))
        .i(add(1, -16))
        .i(mov(2, 0))
        .i(mov(3, 8))
        .i(call(203));
    c.i(jeq(0, 0, 1)).i(ldx(BPF_B, 1, 0, 8));
    c.submit(-16).ret0();
    rejects(
        &c.prog(ProgType::Syscall),
        "invalid access to memory, mem_size=8 off=8 size=1",
    );
}

#[test]
fn unknown_func_for_prog_type() {
    let mut b = B::new();
    b.i(mov(2, 0))
        .i(movr(3, 10))
        .i(add(3, -16))
        .i(call(212))
        .ret0();
    rejects(
        &b.prog(ProgType::Xdp),
        "unknown func bpf_dynptr_from_skb#212",
    );
    accepts(&b.prog(ProgType::Tc));
}

#[test]
fn skb_slice_invalidated_by_pull_data_and_rdonly_in_cgroup_skb() {
    let mut b = B::new();
    b.i(movr(6, 1))
        .i(mov(2, 0))
        .i(movr(3, 10))
        .i(add(3, -16))
        .i(call(212));
    b.i(movr(1, 10))
        .i(add(1, -16))
        .i(mov(2, 0))
        .i(mov(3, 4))
        .i(call(203))
        .i(movr(7, 0));
    b.i(jeq(7, 0, 4));
    b.i(movr(1, 6)).i(mov(2, 0)).i(call(39));
    b.i(ldx(BPF_B, 0, 7, 0));
    b.ret0();
    rejects(&b.prog(ProgType::Tc), "R7 invalid mem access 'scalar'");
    let mut w = B::new();
    w.i(mov(2, 0)).i(movr(3, 10)).i(add(3, -16)).i(call(212));
    w.i(movr(1, 10))
        .i(add(1, -16))
        .i(mov(2, 0))
        .i(mov(3, 4))
        .i(call(203));
    w.i(jeq(0, 0, 1)).i(st(BPF_B, 0, 0, 1));
    w.ret0();
    rejects(
        &w.prog(ProgType::CgroupSkb),
        "R0 cannot write into rdonly_mem",
    );
    accepts(&w.prog(ProgType::Tc));
}

/// main: local dynptr at fp-16 (data fp-8), iterator over it with `cb`.
fn iterator_prog(cb: &[Insn], ctx_is_ringbuf: bool) -> Program {
    let mut b = B::new();
    if ctx_is_ringbuf {
        b.reserve_dynptr(-16, 8);
    } else {
        b.local_dynptr(-8, 8, -16);
    }
    b.i(movr(1, 10)).i(add(1, -16));
    let at = b.here();
    b.ii(ld_func(2, 0))
        .i(movr(3, 10))
        .i(add(3, -16))
        .i(mov(4, 0))
        .i(call(221));
    if ctx_is_ringbuf {
        b.submit(-16);
    }
    b.ret0();
    let start = b.here();
    b.v[at].imm = (start - at - 1) as i32;
    b.func("cb");
    for i in cb {
        b.i(*i);
    }
    b.prog(ProgType::Syscall)
}

#[test]
fn iterator_callback_return_range() {
    rejects(
        &iterator_prog(&[mov(0, 1), lsh(0, 32), exit()], false),
        "At callback return the register R0 has value (0x100000000; 0x0) should have been in (0x0; 0xffffffff)",
    );
    accepts(&iterator_prog(&[mov32(0, -14), exit()], false));
}

#[test]
fn iterator_callback_dynptr_rules() {
    // iterator_invalid4: releasing the callback's dynptr.
    rejects(
        &iterator_prog(&[mov(2, 0), call(199), mov(0, 0), exit()], false),
        "arg 1 is an unacquired reference",
    );
    // iterator_invalid6: touching the dynptr's bytes.
    rejects(
        &iterator_prog(&[st(BPF_DW, 1, 0, 0), mov(0, 0), exit()], false),
        "invalid mem access 'dynptr_ptr'",
    );
    // iterator_invalid3: re-initializing it.
    let [a, b] = ld_imm64(1, BPF_PSEUDO_MAP_VALUE, 0);
    rejects(
        &iterator_prog(
            &[
                movr(4, 1),
                Insn { imm: 1, ..a },
                b,
                mov(2, 8),
                mov(3, 0),
                call(197),
                mov(0, 0),
                exit(),
            ],
            false,
        ),
        "PTR_TO_DYNPTR is already an initialized dynptr",
    );
    // The kernel builds local dynptrs over map values only (6.18 still does).
    let mut st_mem = B::new();
    st_mem
        .i(st(BPF_DW, 10, -8, 0))
        .i(movr(1, 10))
        .i(add(1, -8))
        .i(mov(2, 8))
        .i(mov(3, 0))
        .i(movr(4, 10))
        .i(add(4, -24))
        .i(call(197))
        .ret0();
    rejects(
        &st_mem.prog(ProgType::Syscall),
        "Unsupported reg type fp for bpf_dynptr_from_mem data",
    );
    assert!(!run_w(&st_mem.prog(ProgType::Syscall), KernelProfile::Linux6_18).accepted());
    // Reading through it is fine.
    accepts(&iterator_prog(&[call(218), mov(0, 0), exit()], false));
}

#[test]
fn iterator_release_of_ctx_does_not_count() {
    // iterator_invalid5: the callback submits the caller's ringbuf dynptr
    // (its ctx); verified once, the caller still holds the reference.
    let mut b = B::new();
    b.reserve_dynptr(-16, 8);
    b.i(movr(1, 10)).i(add(1, -16));
    let at = b.here();
    b.ii(ld_func(2, 0))
        .i(movr(3, 10))
        .i(add(3, -16))
        .i(mov(4, 0))
        .i(call(221));
    b.ret0();
    let start = b.here();
    b.v[at].imm = (start - at - 1) as i32;
    b.func("cb").i(movr(1, 2)).i(mov(2, 0)).i(call(199)).ret0();
    rejects(&b.prog(ProgType::Syscall), "Unreleased reference id=1");
}

#[test]
fn iterator_callback_must_release_its_own() {
    let mut cb = B::new();
    cb.reserve_dynptr(-16, 8).ret0();
    rejects(&iterator_prog(&cb.v, false), "Unreleased reference id=1");
}

#[test]
fn loops() {
    // Bounded loop: accepted.
    accepts(
        &B::new()
            .i(mov(1, 0))
            .i(add(1, 1))
            .i(jlt(1, 10, -2))
            .ret0()
            .prog(ProgType::Syscall),
    );
    // A loop that never changes state.
    rejects(
        &B::new()
            .i(mov(0, 0))
            .i(mov(1, 0))
            .i(jeq(1, 0, -1))
            .i(exit())
            .prog(ProgType::Syscall),
        "infinite loop detected at insn",
    );
    // Complexity limit.
    let p = B::new()
        .i(mov(1, 0))
        .i(add(1, 1))
        .i(jlt(1, 100_000, -2))
        .ret0()
        .prog(ProgType::Syscall);
    let r = verify(
        &p,
        &VerifierOptions {
            complexity_limit: 1000,
            ..Default::default()
        },
    );
    assert_eq!(
        r.message.as_deref(),
        Some("BPF program is too large. Processed 1001 insn")
    );
}

#[test]
fn packet_access_needs_range() {
    let mut b = B::new();
    b.i(ldx(BPF_W, 2, 1, 0))
        .i(ldx(BPF_W, 3, 1, 4))
        .i(movr(4, 2))
        .i(add(4, 14))
        .i(jgt_r(4, 3, 2));
    b.i(ldx(BPF_B, 0, 2, 13)).i(ldx(BPF_B, 0, 2, 14));
    b.ret0();
    rejects(
        &b.prog(ProgType::Xdp),
        "invalid access to packet, off=14 size=1",
    );
    let mut ok = B::new();
    ok.i(ldx(BPF_W, 2, 1, 0))
        .i(ldx(BPF_W, 3, 1, 4))
        .i(movr(4, 2))
        .i(add(4, 14))
        .i(jgt_r(4, 3, 1));
    ok.i(ldx(BPF_B, 0, 2, 13));
    ok.ret0();
    accepts(&ok.prog(ProgType::Xdp));
}

/// r6 decides the packet pointer's offset on two paths (40 outside the 34
/// bytes proven, 14 inside): the path walked first must not prune the
/// other, although `data` came from a 4-byte context load.
#[test]
fn packet_offset_register_is_precise() {
    let jne = |d: u8, imm: i32, off: i16| Insn::new(BPF_JMP | BPF_JNE | BPF_K, d, 0, off, imm);
    let mut b = B::new();
    b.i(ldx(BPF_W, 2, 1, 0))
        .i(ldx(BPF_W, 3, 1, 4))
        .i(movr(4, 2))
        .i(add(4, 34))
        .i(jgt_r(4, 3, 6))
        .i(ldx(BPF_B, 5, 2, 0))
        .i(mov(6, 40))
        .i(jne(5, 0, 1))
        .i(mov(6, 14))
        .i(Insn::new(BPF_ALU64 | BPF_ADD | BPF_X, 2, 6, 0, 0))
        .i(ldx(BPF_B, 0, 2, 0))
        .ret0();
    rejects(
        &b.prog(ProgType::Xdp),
        "invalid access to packet, off=40 size=1",
    );
}

#[test]
fn ctx_access() {
    rejects(
        &B::new()
            .i(ldx(BPF_W, 0, 1, 200))
            .i(exit())
            .prog(ProgType::Xdp),
        "invalid bpf_context access off=200 size=4",
    );
}

/// A global section as the 8-byte single-element array map the loader
/// makes of it (`.rodata` when `read_only`, frozen before the load).
fn rodata_map(image: Vec<u8>, read_only: bool) -> MapDef {
    MapDef {
        name: ".rodata".into(),
        map_type: MapType::Array,
        key_size: 4,
        value_size: 8,
        max_entries: 1,
        initial_value: Some(image),
        origin: MapOrigin::Global {
            section: ".rodata".into(),
            vars: Vec::new(),
            read_only,
        },
        key_type: None,
        value_type: None,
        map_flags: 0,
    }
}

#[test]
fn rodata_reads_are_constants() {
    // bpf_map_direct_read: a load at a constant offset of a read-only map
    // (`.rodata`, frozen before the load) is the value itself, so the
    // branch on it is decided and the uninitialised read never reached.
    let prog = |image: Vec<u8>, read_only: bool| {
        let mut b = B::new();
        let [a, c] = ld_imm64(1, BPF_PSEUDO_MAP_VALUE, 0);
        b.ii([Insn { imm: 2, ..a }, Insn { imm: 4, ..c }])
            .i(ldx(BPF_W, 0, 1, 0))
            .i(jeq(0, 7, 1))
            .i(ldx(BPF_DW, 0, 10, -8))
            .i(exit());
        let mut p = b.prog(ProgType::Syscall);
        p.maps.push(rodata_map(image, read_only));
        p
    };
    accepts(&prog(vec![0, 0, 0, 0, 7, 0, 0, 0], true));
    rejects(
        &prog(vec![0, 0, 0, 0, 8, 0, 0, 0], true),
        "invalid read from stack",
    );
    // A writable section's value is unknown.
    rejects(
        &prog(vec![0, 0, 0, 0, 7, 0, 0, 0], false),
        "invalid read from stack",
    );
}

#[test]
fn helpers_may_not_change_a_read_only_map() {
    // record_func_map: bpf_map_update_elem and bpf_map_delete_elem are
    // refused on a map with BPF_F_RDONLY_PROG (libbpf's `.rodata`), in both
    // profiles (6.18: "write into map forbidden"); a lookup is allowed. The
    // verifier fuzz target found the update accepted, and the VM faulting.
    // The builder's own maps come first.
    let idx = B::new().prog(ProgType::Syscall).maps.len() as i32;
    let prog = |func: i32, read_only: bool| {
        let mut b = B::new();
        b.i(st(BPF_W, 10, -4, 0))
            .i(st(BPF_DW, 10, -16, 0))
            .ii(ld_map(1, idx))
            .i(movr(2, 10))
            .i(add(2, -4))
            .i(movr(3, 10))
            .i(add(3, -16))
            .i(mov(4, 0))
            .i(call(func))
            .i(mov(0, 0))
            .i(exit());
        let mut p = b.prog(ProgType::Syscall);
        p.maps.push(rodata_map(vec![0; 8], read_only));
        p
    };
    for kernel in [KernelProfile::Series, KernelProfile::Linux6_18] {
        for func in [2, 3] {
            let r = run_w(&prog(func, true), kernel);
            assert_eq!(
                r.verdict,
                Verdict::Rejected,
                "{kernel:?} #{func}\n{}",
                r.log
            );
            assert_eq!(r.message.as_deref(), Some("write into map forbidden"));
            assert_eq!(run_w(&prog(func, false), kernel).verdict, Verdict::Accepted);
        }
        assert_eq!(run_w(&prog(1, true), kernel).verdict, Verdict::Accepted);
    }
    // A declared map with BPF_F_RDONLY_PROG: the same refusal.
    let mut p = prog(2, false);
    let last = p.maps.len() - 1;
    p.maps[last].origin = MapOrigin::Declared;
    p.maps[last].map_flags = crate::program::BPF_F_RDONLY_PROG;
    assert_eq!(run(&p).message.as_deref(), Some("write into map forbidden"));
}

#[test]
fn write_only_map_values_may_not_be_read() {
    // check_map_access_type: a load from a value of a BPF_F_WRONLY_PROG map.
    let idx = B::new().prog(ProgType::Syscall).maps.len();
    let mut b = B::new();
    b.i(st(BPF_W, 10, -4, 0))
        .ii(ld_map(1, idx as i32))
        .i(movr(2, 10))
        .i(add(2, -4))
        .i(call(1))
        .i(jeq(0, 0, 1))
        .i(ldx(BPF_DW, 0, 0, 0))
        .i(mov(0, 0))
        .i(exit());
    let mut p = b.prog(ProgType::Syscall);
    let mut m = MapDef::declared("wo", MapType::Array, 4, 8, 1);
    m.map_flags = crate::program::BPF_F_WRONLY_PROG;
    p.maps.push(m);
    rejects(&p, "read from map forbidden, value_size=8 off=0 size=8");
    p.maps[idx].map_flags = 0;
    accepts(&p);
}

#[test]
fn xdp_md_fields_are_read_whole() {
    // __is_valid_xdp_access: every xdp_md field is a u32, read whole.
    for size in [BPF_B, BPF_H] {
        rejects(
            &B::new()
                .i(ldx(size, 0, 1, 16))
                .i(exit())
                .prog(ProgType::Xdp),
            "invalid bpf_context access off=16 size=",
        );
    }
    accepts(
        &B::new()
            .i(ldx(BPF_W, 0, 1, 16))
            .i(exit())
            .prog(ProgType::Xdp),
    );
    // __sk_buff's scalars may be read narrower (bpf_ctx_narrow_access_ok),
    // but not the IPv4 addresses.
    accepts(&B::new().i(ldx(BPF_B, 0, 1, 0)).i(exit()).prog(ProgType::Tc));
    rejects(
        &B::new()
            .i(ldx(BPF_H, 0, 1, 92))
            .i(exit())
            .prog(ProgType::Tc),
        "invalid bpf_context access off=92 size=2",
    );
}

#[test]
fn map_value_null_check() {
    let mut b = B::new();
    b.i(st(BPF_W, 10, -4, 0))
        .ii(ld_map(1, 1))
        .i(movr(2, 10))
        .i(add(2, -4))
        .i(call(1));
    b.i(ldx(BPF_DW, 0, 0, 0)).i(exit());
    rejects(
        &b.prog(ProgType::Syscall),
        "R0 invalid mem access 'map_value_or_null'",
    );
    let mut c = B::new();
    c.i(st(BPF_W, 10, -4, 0))
        .ii(ld_map(1, 1))
        .i(movr(2, 10))
        .i(add(2, -4))
        .i(call(1));
    c.i(jeq(0, 0, 1)).i(ldx(BPF_DW, 0, 0, 8)).ret0();
    accepts(&c.prog(ProgType::Syscall));
    let mut d = B::new();
    d.i(st(BPF_W, 10, -4, 0))
        .ii(ld_map(1, 1))
        .i(movr(2, 10))
        .i(add(2, -4))
        .i(call(1));
    d.i(jeq(0, 0, 1)).i(ldx(BPF_DW, 0, 0, 9)).ret0();
    rejects(
        &d.prog(ProgType::Syscall),
        "invalid access to map value, value_size=16 off=9 size=8",
    );
}

#[test]
fn wrong_map_type_for_ringbuf_helper() {
    let mut b = B::new();
    b.ii(ld_map(1, 1))
        .i(mov(2, 8))
        .i(mov(3, 0))
        .i(movr(4, 10))
        .i(add(4, -16))
        .i(call(198))
        .ret0();
    rejects(
        &b.prog(ProgType::Syscall),
        "cannot pass map_type 2 into func bpf_ringbuf_reserve_dynptr#198",
    );
}

#[test]
fn overwrite_referenced_dynptr_upstream() {
    let mut b = B::new();
    b.reserve_dynptr(-16, 8)
        .i(st(BPF_DW, 10, -16, 0))
        .submit(-16)
        .ret0();
    let p = b.prog(ProgType::Syscall);
    let up = run_w(&p, KernelProfile::Linux6_18);
    assert_eq!(
        up.message.as_deref(),
        Some("cannot overwrite referenced dynptr")
    );
    // The era's kernel lets the store happen; the dynptr is then gone.
    rejects(&p, "Expected an initialized dynptr as arg #1");
}

#[test]
fn reading_dynptr_bytes_is_refused() {
    let mut b = B::new();
    b.local_dynptr(-8, 8, -24)
        .i(ldx(BPF_DW, 0, 10, -24))
        .i(exit());
    rejects(
        &b.prog(ProgType::Syscall),
        "invalid read from stack off -24+0 size 8",
    );
}

#[test]
fn kfunc_flavour() {
    let mut b = B::new();
    b.local_dynptr(-8, 8, -24);
    b.i(movr(1, 10))
        .i(add(1, -24))
        .i(mov(2, 1))
        .i(mov(3, 4))
        .i(kcall("bpf_dynptr_adjust"));
    b.i(movr(1, 10))
        .i(add(1, -24))
        .i(movr(2, 10))
        .i(add(2, -40))
        .i(kcall("bpf_dynptr_clone"));
    b.i(movr(1, 10)).i(add(1, -40)).i(kcall("bpf_dynptr_size"));
    b.ret0();
    accepts(&b.prog(ProgType::Syscall));
    let mut bad = B::new();
    bad.i(movr(1, 10))
        .i(add(1, -24))
        .i(kcall("bpf_dynptr_size"))
        .ret0();
    let p = bad.prog(ProgType::Syscall);
    rejects(&p, "Expected an initialized dynptr as arg #1");
}

#[test]
fn open_coded_iterator() {
    // bpf_iter_num_new(fp-8, 0, 3); while (bpf_iter_num_next(fp-8)) {}; destroy.
    let mut b = B::new();
    b.i(movr(1, 10))
        .i(add(1, -8))
        .i(mov(2, 0))
        .i(mov(3, 3))
        .i(kcall("bpf_iter_num_new"));
    let head = b.here();
    b.i(movr(1, 10)).i(add(1, -8)).i(kcall("bpf_iter_num_next"));
    b.i(jeq(0, 0, 1));
    let back = b.here();
    b.i(ja(0));
    b.v[back].off = head as i16 - back as i16 - 1;
    b.i(movr(1, 10))
        .i(add(1, -8))
        .i(kcall("bpf_iter_num_destroy"))
        .ret0();
    accepts(&b.prog(ProgType::Syscall));
    // Without destroy: leaked reference.
    let mut l = B::new();
    l.i(movr(1, 10))
        .i(add(1, -8))
        .i(mov(2, 0))
        .i(mov(3, 3))
        .i(kcall("bpf_iter_num_new"))
        .ret0();
    rejects(&l.prog(ProgType::Syscall), "Unreleased reference id=1");
}

#[test]
fn bpf_to_bpf_call() {
    let mut b = B::new();
    b.i(mov(1, 5))
        .i(Insn::new(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 1))
        .i(exit());
    b.func("f").i(movr(0, 1)).i(add(0, 1)).i(exit());
    accepts(&b.prog(ProgType::Syscall));
    let mut rec = B::new();
    rec.i(Insn::new(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 1))
        .i(exit());
    rec.func("f")
        .i(Insn::new(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, -1))
        .i(exit());
    rejects(&rec.prog(ProgType::Syscall), "back-edge from insn 2 to 2");
}

#[test]
fn pointer_arithmetic_rules() {
    let mut b = B::new();
    b.i(st(BPF_W, 10, -4, 0))
        .ii(ld_map(1, 1))
        .i(movr(2, 10))
        .i(add(2, -4))
        .i(call(1));
    b.i(add(0, 4)).ret0();
    rejects(
        &b.prog(ProgType::Syscall),
        "R0 pointer arithmetic on map_value_or_null prohibited, null-check it first",
    );
}

#[test]
fn never_panics_on_garbage() {
    let mut seed = 0x1234_5678_u64;
    for _ in 0..300 {
        let n = 1 + (seed % 12) as usize;
        let mut v = Vec::new();
        for _ in 0..n {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let b = seed.to_le_bytes();
            v.push(Insn::from_bytes(b));
        }
        v.push(exit());
        let p = Program::from_insns("g", ProgType::Xdp, v);
        let _ = verify(
            &p,
            &VerifierOptions {
                log_level: 2,
                ..Default::default()
            },
        );
    }
}

#[test]
fn callback_effects_are_joined_with_zero_runs() {
    // bpf_loop(n, cb, fp-8): cb stores 7 at *ctx. After the call the
    // verifier must not assume the slot holds 7 (or was written at all).
    let mut b = B::new();
    b.i(st(BPF_DW, 10, -8, 1)).i(mov(1, 3));
    let at = b.here();
    b.ii(ld_func(2, 0))
        .i(movr(3, 10))
        .i(add(3, -8))
        .i(mov(4, 0))
        .i(call(181));
    b.i(ldx(BPF_DW, 1, 10, -8)).i(jeq(1, 7, 2)).ret0();
    b.i(ldx(BPF_DW, 0, 1, 0)).i(exit());
    let start = b.here();
    b.v[at].imm = (start - at - 1) as i32;
    b.func("cb").i(st(BPF_DW, 2, 0, 7)).ret0();
    // The slot's value is unknown after the call: the dereference of r1 on
    // the `== 7` path is checked (and refused), not skipped as dead code.
    rejects(&b.prog(ProgType::Syscall), "R1 invalid mem access 'scalar'");
}

#[test]
fn packet_writes_follow_the_program_type() {
    let mut b = B::new();
    b.i(ldx(BPF_W, 2, 1, 76))
        .i(ldx(BPF_W, 3, 1, 80))
        .i(movr(4, 2))
        .i(add(4, 1))
        .i(jgt_r(4, 3, 1));
    b.i(st(BPF_B, 2, 0, 1));
    b.ret0();
    rejects(&b.prog(ProgType::CgroupSkb), "cannot write into packet");
    accepts(&b.prog(ProgType::Tc));
}

#[test]
fn ctx_stores() {
    // skb->mark is writable with a register store, never with BPF_ST.
    accepts(
        &B::new()
            .i(mov(2, 1))
            .i(stx(BPF_W, 1, 8, 2))
            .ret0()
            .prog(ProgType::Tc),
    );
    rejects(
        &B::new().i(st(BPF_W, 1, 8, 1)).ret0().prog(ProgType::Tc),
        "BPF_ST stores into R1 ctx is not allowed",
    );
    rejects(
        &B::new()
            .i(mov(2, 1))
            .i(stx(BPF_W, 1, 0, 2))
            .ret0()
            .prog(ProgType::Tc),
        "invalid bpf_context access off=0 size=4",
    );
}

#[test]
fn dynptr_at_variable_offset() {
    // r4 = fp-16 + (r0 & 8): the dynptr's slots are not known.
    let mut b = B::new();
    b.i(call(7))
        .i(Insn::new(BPF_ALU64 | BPF_AND | BPF_K, 0, 0, 0, 8));
    b.ii(ld_map(1, 0))
        .i(mov(2, 8))
        .i(mov(3, 0))
        .i(movr(4, 10))
        .i(add(4, -32));
    b.i(Insn::new(BPF_ALU64 | BPF_ADD | BPF_X, 4, 0, 0, 0))
        .i(call(198));
    b.ret0();
    rejects(
        &b.prog(ProgType::Syscall),
        "dynptr has to be at a constant offset",
    );
}

#[test]
fn partial_overwrite_of_local_dynptr() {
    let mut b = B::new();
    b.local_dynptr(0, 8, -16).i(st(BPF_B, 10, -12, 0));
    b.i(movr(1, 10)).i(add(1, -16)).i(call(218)).ret0();
    rejects(
        &b.prog(ProgType::Syscall),
        "Expected an initialized dynptr as arg #1",
    );
    // Today's kernel destroys the unreferenced dynptr on the store: same
    // verdict (asked through bpf_dynptr_data: helper 218 is the series').
    let mut b = B::new();
    b.local_dynptr(0, 8, -16).i(st(BPF_B, 10, -12, 0));
    b.i(movr(1, 10))
        .i(add(1, -16))
        .i(mov(2, 0))
        .i(mov(3, 8))
        .i(call(203))
        .ret0();
    let up = run_w(&b.prog(ProgType::Syscall), KernelProfile::Linux6_18);
    assert_eq!(
        up.message.as_deref(),
        Some("Expected an initialized dynptr as arg #0")
    );
}

#[test]
fn explanation_traces_the_failing_slot() {
    let mut b = B::new();
    b.reserve_dynptr(-16, 8);
    b.i(movr(1, 10))
        .i(add(1, -16))
        .i(movr(2, 10))
        .i(add(2, -32))
        .i(mov(3, 0))
        .i(call(220));
    b.submit(-16);
    b.i(movr(1, 10)).i(add(1, -32)).i(call(218)).ret0();
    let r = rejects(
        &b.prog(ProgType::Syscall),
        "Expected an initialized dynptr as arg #1",
    );
    let ex = r.explanation.unwrap_or_default();
    assert!(ex.contains("② insn 12: fp-16 is cloned into fp-32"), "{ex}");
    assert!(
        ex.contains("③ insn 16: fp-16 is released by bpf_ringbuf_submit_dynptr, and with it fp-32"),
        "{ex}"
    );
    assert!(ex.contains("so the use at ④ is invalid"), "{ex}");
    assert_eq!(r.kind, Some(RejectKind::UninitDynptrArg));
}

#[test]
fn report_states_show_dynptr_slots() {
    let mut b = B::new();
    b.reserve_dynptr(-16, 8).submit(-16).ret0();
    let r = accepts(&b.prog(ProgType::Syscall));
    let at7 = r
        .states
        .iter()
        .find(|s| s.insn == 7)
        .expect("states at insn 7");
    let slots = &at7.states[0].frames[0].stack;
    let first = slots.iter().find(|s| s.off == -16).expect("fp-16");
    let d = first.dynptr.as_ref().expect("a dynptr slot");
    assert_eq!(
        (d.kind, d.ref_obj_id, d.first_slot),
        (crate::dynptr::DynptrKind::Ringbuf, 1, true)
    );
    assert_eq!(first.types, "dddddddd");
    assert_eq!(at7.states[0].frames[0].refs.len(), 1);
    let json = serde_json::to_string(&r).expect("serialises");
    assert!(json.contains("\"verdict\":\"Accepted\""));
}

#[test]
fn upstream_names_the_leak_site() {
    let mut b = B::new();
    b.reserve_dynptr(-16, 8).ret0();
    let up = run_w(&b.prog(ProgType::Syscall), KernelProfile::Linux6_18);
    assert_eq!(
        up.message.as_deref(),
        Some("Unreleased reference id=2 alloc_insn=6\nBPF_EXIT instruction in main prog would lead to reference leak")
    );
}

#[test]
fn never_panics_on_valid_random_instructions() {
    // Valid encodings, random operands: the walk goes deep, with every log level.
    let codes: &[u8] = &[
        BPF_ALU64 | BPF_MOV | BPF_K,
        BPF_ALU64 | BPF_MOV | BPF_X,
        BPF_ALU64 | BPF_ADD | BPF_K,
        BPF_ALU64 | BPF_ADD | BPF_X,
        BPF_ALU64 | BPF_SUB | BPF_X,
        BPF_ALU64 | BPF_AND | BPF_K,
        BPF_ALU64 | BPF_LSH | BPF_K,
        BPF_ALU64 | BPF_RSH | BPF_X,
        BPF_ALU64 | BPF_ARSH | BPF_K,
        BPF_ALU64 | BPF_MUL | BPF_X,
        BPF_ALU64 | BPF_DIV | BPF_K,
        BPF_ALU64 | BPF_NEG,
        BPF_ALU | BPF_MOV | BPF_K,
        BPF_ALU | BPF_ADD | BPF_X,
        BPF_ALU | BPF_XOR | BPF_K,
        BPF_ALU | BPF_OR | BPF_X,
        BPF_LDX | BPF_MEM | BPF_DW,
        BPF_LDX | BPF_MEM | BPF_W,
        BPF_LDX | BPF_MEM | BPF_B,
        BPF_STX | BPF_MEM | BPF_DW,
        BPF_STX | BPF_MEM | BPF_H,
        BPF_ST | BPF_MEM | BPF_W,
        BPF_JMP | BPF_JEQ | BPF_K,
        BPF_JMP | BPF_JGT | BPF_X,
        BPF_JMP32 | BPF_JSLT | BPF_K,
        BPF_JMP | BPF_JSET | BPF_K,
        BPF_JMP | BPF_JA,
        BPF_JMP | BPF_CALL,
    ];
    let mut seed = 0xdead_beef_u64;
    let mut rnd = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n.max(1)
    };
    for round in 0..400 {
        let n = 2 + rnd(24) as usize;
        let mut v = Vec::new();
        for i in 0..n {
            let code = codes[rnd(codes.len() as u64) as usize];
            let mut insn = Insn::new(code, rnd(11) as u8, rnd(11) as u8, 0, 0);
            match insn.class() {
                BPF_ALU | BPF_ALU64 => {
                    if insn.src_bit() == BPF_K {
                        insn.src_reg = 0;
                        insn.imm = [0, 1, 7, -8, 31, 64, -1, 1 << 20][rnd(8) as usize];
                    }
                    if insn.op() == BPF_NEG {
                        insn.src_reg = 0;
                        insn.imm = 0;
                    }
                    if insn.op() == BPF_DIV && insn.imm == 0 {
                        insn.imm = 3;
                    }
                }
                BPF_LDX | BPF_STX | BPF_ST => {
                    insn.off = [-8i16, -16, -4, 0, 8, -512, 4][rnd(7) as usize];
                    if insn.class() == BPF_ST {
                        insn.src_reg = 0;
                        insn.imm = rnd(3) as i32;
                    }
                }
                _ => {
                    let left = (n - i - 1) as i16;
                    if insn.op() == BPF_CALL {
                        insn.dst_reg = 0;
                        insn.src_reg = 0;
                        insn.imm = [1, 7, 197, 198, 199, 201, 203, 212, 216, 220, 181, 221]
                            [rnd(12) as usize];
                    } else {
                        insn.off = if left > 0 {
                            rnd(left as u64 + 1) as i16
                        } else {
                            0
                        };
                        if insn.op() == BPF_JA {
                            insn.dst_reg = 0;
                            insn.src_reg = 0;
                            if rnd(5) == 0 {
                                insn.off = -(rnd(i as u64 + 1) as i16) - 1;
                            }
                        }
                        if insn.src_bit() == BPF_K {
                            insn.src_reg = 0;
                            insn.imm = rnd(16) as i32;
                        }
                    }
                }
            }
            v.push(insn);
        }
        v.push(mov(0, 0));
        v.push(exit());
        let t = ProgType::ALL[round % ProgType::ALL.len()];
        let mut b = B::new();
        b.v = v;
        let p = b.prog(t);
        for level in [0, 1, 2] {
            let _ = verify(
                &p,
                &VerifierOptions {
                    log_level: level,
                    complexity_limit: 20_000,
                    ..Default::default()
                },
            );
        }
    }
}

#[test]
fn dynptr_built_by_a_callback_may_not_exist() {
    // bpf_loop(n, cb, fp-16): cb builds a local dynptr at *ctx; with n = 0
    // it never does, so the caller may not use it.
    let mut b = B::new();
    b.i(mov(1, 0));
    let at = b.here();
    b.ii(ld_func(2, 0))
        .i(movr(3, 10))
        .i(add(3, -16))
        .i(mov(4, 0))
        .i(call(181));
    b.i(movr(1, 10)).i(add(1, -16)).i(call(218)).ret0();
    let start = b.here();
    b.v[at].imm = (start - at - 1) as i32;
    let [a, c] = ld_imm64(1, BPF_PSEUDO_MAP_VALUE, 0);
    b.func("cb")
        .i(movr(4, 2))
        .ii([Insn { imm: 1, ..a }, c])
        .i(mov(2, 8))
        .i(mov(3, 0))
        .i(call(197))
        .ret0();
    rejects(
        &b.prog(ProgType::Syscall),
        "Expected an initialized dynptr as arg #1",
    );
}

/// The log of `rb_bad_use_after_submit` (tests/programs/kernel) as Linux
/// 6.18 printed it on this project's machine (source-line comments and the
/// map's address left out): the upstream wording reproduces it.
#[test]
fn upstream_log_matches_linux_6_18() {
    let mut b = B::new();
    b.i(mov(1, 0))
        .i(stx(BPF_B, 10, -17, 1))
        .i(movr(6, 10))
        .i(add(6, -16));
    b.ii(ld_map(1, 0))
        .i(mov(2, 8))
        .i(mov(3, 0))
        .i(movr(4, 6))
        .i(call(198));
    b.i(movr(1, 6)).i(mov(2, 0)).i(call(199));
    b.i(movr(1, 10))
        .i(add(1, -17))
        .i(mov(2, 1))
        .i(movr(3, 6))
        .i(mov(4, 0))
        .i(mov(5, 0))
        .i(call(201));
    b.ret0();
    let mut p = b.prog(ProgType::Syscall);
    p.maps[0].name = "rb".into();
    let r = run_w(&p, KernelProfile::Linux6_18);
    let kernel = "\
0: R1=ctx() R10=fp0
0: (b7) r1 = 0                        ; R1=0
1: (73) *(u8 *)(r10 -17) = r1         ; R1=0 R10=fp0 fp-24=0???????
2: (bf) r6 = r10                      ; R6=fp0 R10=fp0
3: (07) r6 += -16                     ; R6=fp-16
4: (18) r1 = ADDR       ; R1=map_ptr(map=rb,ks=0,vs=0)
6: (b7) r2 = 8                        ; R2=8
7: (b7) r3 = 0                        ; R3=0
8: (bf) r4 = r6                       ; R4=fp-16 R6=fp-16
9: (85) call bpf_ringbuf_reserve_dynptr#198   ; R0=scalar() fp-16=dynptr_ringbuf(id=1,ref_id=2,dynptr_id=1) refs=2
10: (bf) r1 = r6                      ; R1=fp-16 R6=fp-16 refs=2
11: (b7) r2 = 0                       ; R2=0 refs=2
12: (85) call bpf_ringbuf_submit_dynptr#199   ;
13: (bf) r1 = r10                     ; R1=fp0 R10=fp0
14: (07) r1 += -17                    ; R1=fp-17
15: (b7) r2 = 1                       ; R2=1
16: (bf) r3 = r6                      ; R3=fp-16 R6=fp-16
17: (b7) r4 = 0                       ; R4=0
18: (b7) r5 = 0                       ; R5=0
19: (85) call bpf_dynptr_read#201
Expected an initialized dynptr as arg #2
processed 19 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0
";
    let ours: Vec<String> = r
        .log
        .lines()
        .map(|l| {
            if l.starts_with("4: (18) r1 = 0x") {
                "4: (18) r1 = ADDR       ; R1=map_ptr(map=rb,ks=0,vs=0)".to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    let want: Vec<&str> = kernel.lines().collect();
    assert_eq!(ours, want, "\n{}", r.log);
}

fn xdp_asm(body: &str) -> Program {
    crate::asm::assemble(&format!(
        ".program t xdp\nr2 = *(u32 *)(r1 + 0)\nr3 = *(u32 *)(r1 + 4)\n{body}"
    ))
    .expect("test program assembles")
}

/// `if pkt' < pkt_end` and `if pkt' >= pkt_end` prove `off + 1` bytes
/// (Linux 6.18 accepts both reads of byte 8, and refuses byte 9).
#[test]
fn strict_packet_comparisons_give_off_plus_one() {
    let jlt =
        "r4 = r2\nr4 += 8\nif r4 < r3 goto ok\nr0 = 0\nexit\nok:\nr0 = *(u8 *)(r2 + {N})\nexit";
    let jge =
        "r4 = r2\nr4 += 8\nif r4 >= r3 goto out\nr0 = *(u8 *)(r2 + {N})\nexit\nout:\nr0 = 0\nexit";
    for body in [jlt, jge] {
        accepts(&xdp_asm(&body.replace("{N}", "8")));
        rejects(
            &xdp_asm(&body.replace("{N}", "9")),
            "invalid access to packet, off=9 size=1",
        );
    }
}

/// A pointer marked at pkt_end (`if r9 >= r3`) loses the marker when it
/// moves: after `r9 += -256`, `if r9 < r3` decides nothing, so the path
/// that reads past the end is walked and refused, as Linux 6.18 does
/// (with the marker kept, that path was taken as dead and the program
/// accepted, and the VM faulted on it).
#[test]
fn pkt_end_marker_does_not_survive_pointer_arithmetic() {
    for step in ["r9 += -256", "r9 -= 256", "r9 += 0"] {
        let p = xdp_asm(&format!(
            "r9 = r2\nr9 += 64\nif r9 >= r3 goto at_end\nr0 = 0\nexit\nat_end:\n{step}\n\
             if r9 < r3 goto past\nr0 = 1\nexit\npast:\nr0 = *(u8 *)(r2 + 300)\nr0 = 2\nexit"
        ));
        rejects(&p, "invalid access to packet, off=300 size=1");
    }
    // A positive range survives constant arithmetic, as in the kernel.
    accepts(&xdp_asm(
        "r9 = r2\nr9 += 64\nif r9 > r3 goto out\nr9 += -4\nr0 = *(u8 *)(r9 + 3)\nout:\nr0 = 0\nexit",
    ));
}

/// `record_states: false` changes nothing but the per-instruction states.
#[test]
fn states_are_recorded_only_when_asked() {
    let p =
        xdp_asm("r4 = r2\nr4 += 8\nif r4 > r3 goto out\nr0 = *(u8 *)(r2 + 7)\nout:\nr0 = 0\nexit");
    let with = verify(
        &p,
        &VerifierOptions {
            log_level: 2,
            ..Default::default()
        },
    );
    let without = verify(
        &p,
        &VerifierOptions {
            log_level: 2,
            record_states: false,
            ..Default::default()
        },
    );
    assert!(!with.states.is_empty());
    assert!(without.states.is_empty());
    assert_eq!(
        (with.verdict, &with.log, with.stats),
        (without.verdict, &without.log, without.stats)
    );
}

/// A narrowing spill keeps only the low bytes: the fill must not share the
/// spilled register's id, or a branch on the narrow value would bound the
/// wide one (713274f1f2c8; found by tests/soundness.rs). Linux 6.18 refuses
/// `r1 += r0` here ("math between fp pointer and register with unbounded
/// min value"); a spill that fits keeps the relation.
#[test]
fn a_narrowing_spill_breaks_the_scalar_id() {
    let prog = |mask: &str| {
        crate::asm::assemble(&format!(
            ".program t xdp
            call bpf_get_prandom_u32
            {mask}
            r8 = r0
            *(u16 *)(r10 - 16) = r8
            r8 = *(u16 *)(r10 - 16)
            if r8 > 3 goto out
            *(u64 *)(r10 - 8) = 0
            r1 = r10
            r1 += -8
            r1 += r0
            r0 = *(u8 *)(r1 + 0)
            out:
            r0 = 0
            exit"
        ))
        .expect("assembles")
    };
    for kernel in KernelProfile::ALL {
        // 20 bits spilled as 16: the relation must break.
        let r = run_w(&prog("r0 &= 0xfffff"), kernel);
        assert_eq!(r.verdict, Verdict::Rejected, "{kernel:?}:\n{}", r.log);
        // 16 bits spilled as 16: the fill is the same value.
        let r = run_w(&prog("r0 &= 0xffff"), kernel);
        assert_eq!(r.verdict, Verdict::Accepted, "{kernel:?}:\n{}", r.log);
    }
}

/// A helper that writes a variable number of bytes into the stack drops
/// raw mode (the buffer must be initialised) and clobbers every byte it may
/// write: a spilled constant there becomes unknown (found by
/// tests/soundness.rs; Linux 6.18 refuses the offset below: `fp-144=mmmmmmmm`).
#[test]
fn a_variable_size_helper_write_clobbers_spilled_scalars() {
    let stores: String = (1..=32)
        .map(|k| format!("*(u64 *)(r10 - {}) = r1\n", 8 * k))
        .collect();
    let p = crate::asm::assemble(&format!(
        ".program t syscall
        r1 = 0
        {stores}
        r1 = -1
        *(u64 *)(r10 - 144) = r1
        call bpf_get_prandom_u32
        r0 &= 0xff
        r2 = r0
        r1 = r10
        r1 += -256
        r3 = r10
        r3 += -192
        call bpf_probe_read_kernel
        r1 = *(u64 *)(r10 - 144)
        r1 += 1
        r2 = r10
        r2 += -8
        r2 += r1
        r0 = *(u8 *)(r2 + 0)
        exit"
    ))
    .expect("assembles");
    for kernel in KernelProfile::ALL {
        let r = run_w(&p, kernel);
        assert_eq!(r.verdict, Verdict::Rejected, "{kernel:?}:\n{}", r.log);
        assert!(
            r.message
                .as_deref()
                .unwrap_or("")
                .contains("unbounded min value"),
            "{kernel:?}: {:?}",
            r.message
        );
    }
}

/// `__reg64_deduce_bounds` when the s64 range crosses the sign boundary and
/// the u64 range meets only its non-negative part: the u64 maximum comes
/// from the s64 maximum, not the other way round (found by
/// tests/soundness.rs: r8 = [32, U64_MAX] << 55, then `if r8 s<= -4` left
/// r8 = 0 on the other branch; Linux 6.18 has r8 in [0, 0x7f80000000000000]
/// and refuses the stack access).
#[test]
fn a_signed_range_across_the_sign_boundary_keeps_its_positive_part() {
    let p = crate::asm::assemble(
        ".program t xdp
        call bpf_get_prandom_u32
        r8 = r0
        call bpf_get_prandom_u32
        r8 <<= 32
        r8 |= r0
        r9 = 55
        if r8 <= 31 goto out
        r8 <<= r9
        if r8 s<= -4 goto out
        *(u64 *)(r10 - 8) = 0
        r1 = r10
        r1 += -8
        r1 += r8
        r0 = *(u8 *)(r1 + 0)
        out:
        r0 = 0
        exit",
    )
    .expect("assembles");
    for kernel in KernelProfile::ALL {
        let r = run_w(&p, kernel);
        assert_eq!(
            r.message.as_deref(),
            Some("invalid unbounded variable-offset read from stack R1"),
            "{kernel:?}:\n{}",
            r.log
        );
    }
    let r = verify(
        &p,
        &VerifierOptions {
            log_level: 2,
            kernel: KernelProfile::Linux6_18,
            ..Default::default()
        },
    );
    assert!(
        r.log.contains("R8=scalar(smin=smin32=0,smax=umax=0x7f80000000000000,smax32=umax32=0,var_off=(0x0; 0x7f80000000000000))"),
        "{}",
        r.log
    );
}

/// `resolve_pseudo_ldimm64`: a map value's address (`BPF_PSEUDO_MAP_VALUE`)
/// exists only for a single-element array; a hash map or ring buffer has
/// none ("no direct value access support"), an array of several elements
/// refuses it as a bad offset. Found by the verifier fuzz target: the hash
/// map's value was accepted and the VM then faulted at the load.
#[test]
fn direct_map_value_needs_a_single_element_array() {
    let prog = |map: MapDef| {
        let [a, b] = ld_imm64(1, BPF_PSEUDO_MAP_VALUE, 0);
        let mut p = Program::from_insns(
            "t",
            ProgType::RawTp,
            vec![a, b, ldx(BPF_B, 0, 1, 0), exit()],
        );
        p.maps = vec![map];
        p
    };
    for t in [MapType::Hash, MapType::Ringbuf] {
        let (k, v, n) = if t == MapType::Hash {
            (1, 20, 4)
        } else {
            (0, 0, 4096)
        };
        rejects(
            &prog(MapDef::declared("m", t, k, v, n)),
            "no direct value access support for this map type",
        );
    }
    rejects(
        &prog(MapDef::declared("m", MapType::Array, 4, 20, 2)),
        "invalid access to map value pointer, value_size=20 off=0",
    );
    accepts(&prog(MapDef::declared("m", MapType::Array, 4, 20, 1)));
}

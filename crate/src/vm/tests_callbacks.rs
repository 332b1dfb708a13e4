//! `bpf_loop` and `bpf_dynptr_iterator`: callbacks as frames, their return
//! values, and the helpers' error codes.

use super::dynptr_helpers::{E2BIG, EINVAL, ERANGE};
use super::test_util::*;
use super::tests_dynptr::{kern, run_ok, saved, D1, D2, P};
use super::{FaultKind, StepOutcome, Vm, VmOptions};
use crate::isa::*;
use crate::program::Program;
use crate::world::WorldConfig;

/// Appends `callback` after the main code, points every `ld_func` placeholder
/// (r2 loads with imm `i32::MIN`) at it, and names it.
fn with_callback(main: &P, callback: &[Insn]) -> Program {
    let mut insns = main.v.clone();
    insns.push(mov(0, 0));
    insns.push(exit());
    let start = insns.len();
    for (i, insn) in insns.iter_mut().enumerate() {
        if insn.is_ld_imm64() && insn.src_reg == BPF_PSEUDO_FUNC {
            insn.imm = (start - i - 1) as i32;
        }
    }
    insns.extend_from_slice(callback);
    with_func(
        prog(crate::program::ProgType::Syscall, insns, vec![]),
        "callback",
        start,
    )
}

fn loop_call(p: &mut P, nr: i64, flags: i64) -> &mut P {
    p.imm(1, nr)
        .push(ld_func(2, 0))
        .fp(3, -160)
        .imm(4, flags)
        .call(181)
}

/// Callback of bpf_loop: ctx[0] += i; ctx[1] += 1; stop (return 1) at i == 3.
fn loop_body() -> Vec<Insn> {
    vec![
        ldx(BPF_DW, 3, 2, 0),
        alur(BPF_ADD, 3, 1),
        stx(BPF_DW, 2, 3, 0),
        ldx(BPF_DW, 3, 2, 8),
        alu(BPF_ADD, 3, 1),
        stx(BPF_DW, 2, 3, 8),
        mov(0, 0),
        jmp(BPF_JNE, 1, 3, 1),
        mov(0, 1),
        exit(),
    ]
}

fn zero_ctx(p: &mut P) -> &mut P {
    p.push(st(BPF_DW, 10, -160, 0))
        .push(st(BPF_DW, 10, -152, 0))
}

#[test]
fn bpf_loop_paths() {
    let mut p = P::new();
    zero_ctx(&mut p);
    loop_call(&mut p, 3, 0).save(0);
    p.push(ldx(BPF_DW, 0, 10, -160))
        .save(1)
        .push(ldx(BPF_DW, 0, 10, -152))
        .save(2);
    zero_ctx(&mut p);
    loop_call(&mut p, 10, 0).save(3);
    p.push(ldx(BPF_DW, 0, 10, -152)).save(4);
    loop_call(&mut p, 1, 1).save(5);
    loop_call(&mut p, (1 << 23) + 1, 0).save(6);
    loop_call(&mut p, 0, 0).save(7);
    loop_call(&mut p, 1 << 32 | 2, 0).save(8);
    loop_call(&mut p, 1 << 32 | 2, 1).save(9);
    let vm = run_ok(with_callback(&p, &loop_body()));
    assert_eq!((saved(&vm, 0), saved(&vm, 1), saved(&vm, 2)), (3, 1 + 2, 3));
    assert_eq!(
        (saved(&vm, 3), saved(&vm, 4)),
        (4, 4),
        "returning 1 at i == 3 stops after 4 calls"
    );
    // flags 0: the verifier's inlined loop, whose -E2BIG is a 32-bit move
    // and whose limit check sees all 64 bits of nr_loops.
    let e2big32 = E2BIG as u32 as i64;
    assert_eq!(
        (saved(&vm, 5), saved(&vm, 6), saved(&vm, 7)),
        (EINVAL, e2big32, 0)
    );
    assert_eq!((saved(&vm, 8), saved(&vm, 9)), (e2big32, EINVAL));
}

#[test]
fn bpf_loop_frames_are_visible() {
    let mut p = P::new();
    zero_ctx(&mut p);
    loop_call(&mut p, 3, 0);
    let prog = with_callback(&p, &loop_body());
    let mut vm = Vm::with_config(&prog, &WorldConfig::default(), VmOptions::default()).unwrap();
    let mut seen = Vec::new();
    while vm.step() == StepOutcome::Running {
        let s = vm.snapshot();
        if let Some(cb) = s.frames.get(1).and_then(|f| f.callback.clone()) {
            if seen.last() != Some(&cb.iteration) {
                assert_eq!(s.frames[1].func, "callback");
                assert_eq!(s.regs[1].value, cb.iteration, "r1 is the iteration");
                seen.push(cb.iteration);
            }
        }
    }
    assert_eq!(seen, vec![0, 1, 2]);
}

/// Callback of the iterator: stop when the view is empty, else add the
/// first byte to ctx[0], count in ctx[1], and return `step`.
fn iter_body(step: i32) -> Vec<Insn> {
    vec![
        movr(6, 2),
        movr(7, 1),
        call(218),
        jmp(BPF_JNE, 0, 0, 1),
        exit(),
        movr(1, 10),
        alu(BPF_ADD, 1, -8),
        mov(2, 1),
        movr(3, 7),
        mov(4, 0),
        mov(5, 0),
        call(201),
        ldx(BPF_B, 1, 10, -8),
        ldx(BPF_DW, 2, 6, 0),
        alur(BPF_ADD, 2, 1),
        stx(BPF_DW, 6, 2, 0),
        ldx(BPF_DW, 2, 6, 8),
        alu(BPF_ADD, 2, 1),
        stx(BPF_DW, 6, 2, 8),
        mov(0, step),
        exit(),
    ]
}

fn iter_call(p: &mut P, d: i16, flags: i64) -> &mut P {
    p.fp(1, d)
        .push(ld_func(2, 0))
        .fp(3, -160)
        .imm(4, flags)
        .call(221)
}

#[test]
fn iterator_paths() {
    let mut p = P::new();
    p.dynptr_from_mem(16, 0, D1).dynptr_from_mem(8, 1, D2);
    zero_ctx(&mut p);
    iter_call(&mut p, D1, 0).save(0);
    p.push(ldx(BPF_DW, 0, 10, -160))
        .save(1)
        .push(ldx(BPF_DW, 0, 10, -152))
        .save(2);
    iter_call(&mut p, D1, 1).save(3);
    iter_call(&mut p, D2, 0).save(4);
    let vm = run_ok(with_callback(&p, &iter_body(4)));
    assert_eq!(saved(&vm, 0), 0);
    assert_eq!(saved(&vm, 1), 4 + 8 + 12);
    assert_eq!(saved(&vm, 2), 4);
    assert_eq!((saved(&vm, 3), saved(&vm, 4)), (EINVAL, EINVAL));
    let d = kern(&vm, D1);
    assert_eq!(
        (d.offset, d.size()),
        (0, 16),
        "the iterator works on a copy"
    );

    // Returning more than what is left: -ERANGE (16 = 5 + 5 + 5 + 1).
    let mut p = P::new();
    p.dynptr_from_mem(16, 0, D1);
    zero_ctx(&mut p);
    iter_call(&mut p, D1, 0).save(0);
    p.push(ldx(BPF_DW, 0, 10, -152)).save(1);
    let vm = run_ok(with_callback(&p, &iter_body(5)));
    assert_eq!((saved(&vm, 0), saved(&vm, 1)), (ERANGE, 4));

    // A negative return is passed through after one call.
    let mut p = P::new();
    p.dynptr_from_mem(16, 0, D1);
    zero_ctx(&mut p);
    iter_call(&mut p, D1, 0).save(0);
    p.push(ldx(BPF_DW, 0, 10, -152)).save(1);
    let vm = run_ok(with_callback(&p, &iter_body(-7)));
    assert_eq!((saved(&vm, 0), saved(&vm, 1)), (E2BIG, 1));
}

#[test]
fn iterator_size_word_quirk() {
    // `while (ptr_copy.size > 0)` reads the raw size word: with the type
    // bits set it stays positive at size 0, so a callback that always
    // returns 8 is called again on the empty view and gets -ERANGE.
    let body = vec![mov(0, 8), exit()];
    let mut p = P::new();
    p.dynptr_from_mem(16, 0, D1);
    iter_call(&mut p, D1, 0).save(0);
    let vm = run_ok(with_callback(&p, &body));
    assert_eq!(saved(&vm, 0), ERANGE);
}

#[test]
fn iterator_dynptr_is_the_kernels_copy() {
    let mut p = P::new();
    p.dynptr_from_mem(16, 0, D1);
    zero_ctx(&mut p);
    iter_call(&mut p, D1, 0);
    let prog = with_callback(&p, &iter_body(4));
    let mut vm = Vm::with_config(&prog, &WorldConfig::default(), VmOptions::default()).unwrap();
    while vm.depth() < 2 {
        assert_eq!(vm.step(), StepOutcome::Running);
    }
    let s = vm.snapshot();
    assert_eq!(s.regs[1].desc.as_deref(), Some("kernel dynptr 0+0"));
    let copy = s
        .dynptrs
        .iter()
        .find(|d| d.location == "kernel dynptr 0+0")
        .unwrap();
    assert_eq!(copy.origin, "bpf_dynptr_iterator");
    assert_eq!(
        copy.cloned_from.map(|i| s.dynptrs[i].stack_off),
        Some(Some(D1 as i64))
    );
    assert_eq!(
        s.frames[1].callback.as_ref().map(|c| c.helper.as_str()),
        Some("bpf_dynptr_iterator")
    );

    // Writing to the kernel's dynptr from the callback faults.
    let mut p = P::new();
    p.dynptr_from_mem(16, 0, D1);
    iter_call(&mut p, D1, 0);
    let (r, _) = run(&with_callback(
        &p,
        &[st(BPF_DW, 1, 0, 0), mov(0, 0), exit()],
    ));
    assert!(matches!(r.fault.unwrap().kind, FaultKind::ReadOnly { .. }));
}

#[test]
fn callback_return_range_is_enforced_for_bpf_loop() {
    let mut p = P::new();
    loop_call(&mut p, 2, 0);
    let (r, _) = run(&with_callback(&p, &[mov(0, 2), exit()]));
    assert!(matches!(
        r.fault.unwrap().kind,
        FaultKind::CallbackReturn { .. }
    ));
}

/// Every number in a snapshot's JSON fits a JavaScript number, so the wasm
/// facade's `json_compatible` serializer accepts it.
#[test]
fn snapshots_are_javascript_safe() {
    fn check(v: &serde_json::Value) {
        match v {
            serde_json::Value::Number(n) => {
                let ok = n.as_u64().is_some_and(|x| x < 1 << 53)
                    || n.as_i64().is_some_and(|x| x.abs() < 1 << 53)
                    || n.is_f64();
                assert!(ok, "{n} does not fit a JavaScript number");
            }
            serde_json::Value::Array(a) => a.iter().for_each(check),
            serde_json::Value::Object(o) => o.values().for_each(check),
            _ => {}
        }
    }
    let mut p = P::new();
    p.dynptr_from_mem(16, 0, D1);
    iter_call(&mut p, D1, 0);
    let prog = with_callback(&p, &iter_body(4));
    let mut vm = Vm::with_config(&prog, &WorldConfig::default(), VmOptions::default()).unwrap();
    while vm.step() == StepOutcome::Running {
        let s = vm.snapshot();
        let v = serde_json::to_value(&s).unwrap();
        check(&v);
        let back: super::Snapshot = serde_json::from_value(v).unwrap();
        assert_eq!(back, s);
    }
}

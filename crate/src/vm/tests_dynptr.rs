//! The dynptr helpers and kfuncs against the specification's code paths:
//! every error return, in the order the C code checks, and what each
//! leaves in `struct bpf_dynptr_kern`.

use super::dynptr_helpers::{Kern, E2BIG, EINVAL, ERANGE};
use super::test_util::*;
use super::{FaultKind, Vm};
use crate::dynptr::{DynptrKind, DYNPTR_MAX_SIZE, DYNPTR_RDONLY_BIT};
use crate::isa::*;
use crate::program::{MapDef, ProgType, Program};
use crate::world::{RecordState, WorldConfig};

/// Stack layout of these tests, relative to r10.
pub(super) const D1: i16 = -16;
pub(super) const D2: i16 = -32;
pub(super) const D3: i16 = -48;
pub(super) const BUF: i16 = -128; // 64 bytes, fp-128 .. fp-64
const SAVE: i16 = -200;

/// A small program builder: straight-line code, helper results saved in
/// numbered stack slots.
#[derive(Default)]
pub(super) struct P {
    pub v: Vec<Insn>,
}

impl P {
    pub fn new() -> P {
        let mut p = P::default();
        // Fill the buffer with 0, 1, 2, ... 63.
        for i in 0..8i16 {
            let mut word = 0u64;
            for b in 0..8 {
                word |= ((i * 8 + b) as u64) << (8 * b);
            }
            // r2, so that r1 (the context) survives for the packet tests.
            p.push(lddw(2, word));
            p.push(stx(BPF_DW, 10, 2, BUF + 8 * i));
        }
        p
    }
    pub fn push(&mut self, x: impl Push) -> &mut P {
        x.push_into(&mut self.v);
        self
    }
    /// `reg = r10 + off`.
    pub fn fp(&mut self, reg: u8, off: i16) -> &mut P {
        self.push(movr(reg, 10)).push(alu(BPF_ADD, reg, off as i32))
    }
    pub fn imm(&mut self, reg: u8, v: i64) -> &mut P {
        if v >= i32::MIN as i64 && v <= i32::MAX as i64 {
            self.push(mov(reg, v as i32))
        } else {
            self.push(lddw(reg, v as u64))
        }
    }
    pub fn call(&mut self, id: i32) -> &mut P {
        self.push(call(id))
    }
    pub fn kcall(&mut self, name: &str) -> &mut P {
        self.push(kcall(name))
    }
    /// Saves r0 in slot `n`.
    pub fn save(&mut self, n: i16) -> &mut P {
        self.push(stx(BPF_DW, 10, 0, SAVE - 8 * n))
    }
    /// `bpf_dynptr_from_mem(buf, size, flags, d)`.
    pub fn dynptr_from_mem(&mut self, size: i64, flags: i64, d: i16) -> &mut P {
        self.fp(1, BUF)
            .imm(2, size)
            .imm(3, flags)
            .fp(4, d)
            .call(197)
    }
    pub fn exit0(&mut self) -> Program {
        self.push(mov(0, 0)).push(exit());
        prog(ProgType::Syscall, self.v.clone(), vec![])
    }
    pub fn finish(&mut self, t: ProgType, maps: Vec<MapDef>) -> Program {
        self.push(mov(0, 0)).push(exit());
        prog(t, self.v.clone(), maps)
    }
}

pub(super) fn run_ok<Q: std::borrow::Borrow<Program>>(p: Q) -> Vm {
    run_ok_cfg(p.borrow(), &WorldConfig::default())
}

pub(super) fn run_ok_cfg(p: &Program, cfg: &WorldConfig) -> Vm {
    let (r, vm) = run_cfg(p, cfg);
    if let Some(f) = r.fault {
        panic!("fault: {f}");
    }
    vm
}

pub(super) fn saved(vm: &Vm, n: i16) -> i64 {
    let o = (512 + SAVE as i64 - 8 * n as i64) as usize;
    let b = &vm.frames[0].stack[o..o + 8];
    i64::from_le_bytes(b.try_into().unwrap())
}

pub(super) fn kern(vm: &Vm, d: i16) -> Kern {
    let o = (512 + d as i64) as usize;
    Kern::from_bytes(&vm.frames[0].stack[o..o + 16])
}

fn buf_ptr(vm: &Vm) -> u64 {
    let fp = vm.regs[10];
    fp.wrapping_add(BUF as i64 as u64)
}

#[test]
fn from_mem_paths() {
    let vm = run_ok(
        P::new()
            .dynptr_from_mem(DYNPTR_MAX_SIZE as i64 + 1, 1, D1)
            .save(0)
            .dynptr_from_mem(8, 1, D2)
            .save(1)
            .dynptr_from_mem(64, 0, D3)
            .save(2)
            .dynptr_from_mem(0, 0, D2)
            .save(3)
            .exit0(),
    );
    assert_eq!(saved(&vm, 0), E2BIG, "size is checked before flags");
    assert_eq!(kern(&vm, D1), Kern::default(), "null on error");
    assert_eq!(saved(&vm, 1), EINVAL);
    assert_eq!(saved(&vm, 2), 0);
    let k = kern(&vm, D3);
    assert_eq!(k.data, buf_ptr(&vm), "data is the buffer's VM address");
    assert_eq!((k.size_raw, k.offset), (64 | 1 << 28, 0));
    assert_eq!(saved(&vm, 3), 0);
    assert_eq!(kern(&vm, D2).size(), 0);
    let s = vm.snapshot();
    let d3 = s
        .dynptrs
        .iter()
        .find(|d| d.stack_off == Some(D3 as i64))
        .unwrap();
    assert_eq!(d3.kind.as_deref(), Some("local"));
    assert_eq!(d3.region.as_deref(), Some("stack-128"));
    assert_eq!(d3.state, "valid");
    assert_eq!(
        s.dynptrs
            .iter()
            .find(|d| d.stack_off == Some(D1 as i64))
            .unwrap()
            .state,
        "null"
    );
}

#[test]
fn read_paths() {
    let vm = run_ok(
        P::new()
            .dynptr_from_mem(16, 0, D1)
            // null dynptr (D2 made null by a failing from_mem)
            .dynptr_from_mem(8, 1, D2)
            .fp(1, -160)
            .imm(2, 4)
            .fp(3, D2)
            .imm(4, 0)
            .imm(5, 0)
            .call(201)
            .save(0)
            // flags
            .fp(1, -160)
            .imm(2, 4)
            .fp(3, D1)
            .imm(4, 0)
            .imm(5, 1)
            .call(201)
            .save(1)
            // len > size
            .fp(1, -160)
            .imm(2, 17)
            .fp(3, D1)
            .imm(4, 0)
            .imm(5, 0)
            .call(201)
            .save(2)
            // offset > size - len
            .fp(1, -160)
            .imm(2, 4)
            .fp(3, D1)
            .imm(4, 13)
            .imm(5, 0)
            .call(201)
            .save(3)
            // success: 4 bytes at offset 12
            .fp(1, -160)
            .imm(2, 4)
            .fp(3, D1)
            .imm(4, 12)
            .imm(5, 0)
            .call(201)
            .save(4)
            .push(ldx(BPF_W, 0, 10, -160))
            .save(5)
            // zero length at the end
            .fp(1, -160)
            .imm(2, 0)
            .fp(3, D1)
            .imm(4, 16)
            .imm(5, 0)
            .call(201)
            .save(6)
            .exit0(),
    );
    assert_eq!(saved(&vm, 0), EINVAL);
    assert_eq!(saved(&vm, 1), EINVAL);
    assert_eq!(saved(&vm, 2), E2BIG);
    assert_eq!(saved(&vm, 3), E2BIG);
    assert_eq!(saved(&vm, 4), 0);
    assert_eq!(saved(&vm, 5), 0x0f0e_0d0c);
    assert_eq!(saved(&vm, 6), 0);
}

#[test]
fn write_paths() {
    let vm = run_ok(
        P::new()
            .push(st(BPF_W, 10, -160, 0x4433_2211))
            .dynptr_from_mem(16, 0, D1)
            .dynptr_from_mem(8, 1, D2)
            // null
            .fp(1, D2)
            .imm(2, 0)
            .fp(3, -160)
            .imm(4, 4)
            .imm(5, 0)
            .call(202)
            .save(0)
            // out of range beats bad flags
            .fp(1, D1)
            .imm(2, 13)
            .fp(3, -160)
            .imm(4, 4)
            .imm(5, 1)
            .call(202)
            .save(1)
            // flags of a local dynptr
            .fp(1, D1)
            .imm(2, 0)
            .fp(3, -160)
            .imm(4, 4)
            .imm(5, 1)
            .call(202)
            .save(2)
            // success at offset 2
            .fp(1, D1)
            .imm(2, 2)
            .fp(3, -160)
            .imm(4, 4)
            .imm(5, 0)
            .call(202)
            .save(3)
            .push(ldx(BPF_DW, 0, 10, BUF))
            .save(4)
            .exit0(),
    );
    assert_eq!(saved(&vm, 0), EINVAL);
    assert_eq!(saved(&vm, 1), E2BIG);
    assert_eq!(saved(&vm, 2), EINVAL);
    assert_eq!(saved(&vm, 3), 0);
    assert_eq!(saved(&vm, 4) as u64, 0x0706_4433_2211_0100);
}

#[test]
fn rdonly_dynptr_paths() {
    // A read-only local dynptr, made by setting the bit by hand (unsafe
    // mode lets a program do what only the verifier forbids).
    let vm = run_ok(
        P::new()
            .dynptr_from_mem(16, 0, D1)
            .push(ldx(BPF_W, 1, 10, D1 + 8))
            .push(alu32(BPF_OR, 1, DYNPTR_RDONLY_BIT as i32))
            .push(stx(BPF_W, 10, 1, D1 + 8))
            .fp(1, D1)
            .imm(2, 0)
            .fp(3, BUF)
            .imm(4, 4)
            .imm(5, 0)
            .call(202)
            .save(0)
            .fp(1, D1)
            .imm(2, 0)
            .imm(3, 4)
            .call(203)
            .save(1)
            .fp(1, D1)
            .call(217)
            .save(2)
            .fp(1, D1)
            .imm(2, 0)
            .imm(3, 0)
            .imm(4, 4)
            .kcall("bpf_dynptr_slice_rdwr")
            .save(3)
            .fp(1, D1)
            .imm(2, 0)
            .imm(3, 0)
            .imm(4, 4)
            .kcall("bpf_dynptr_slice")
            .save(4)
            .fp(1, D1)
            .kcall("bpf_dynptr_is_rdonly")
            .save(5)
            .exit0(),
    );
    assert_eq!(saved(&vm, 0), EINVAL, "write into a read-only dynptr");
    assert_eq!(
        saved(&vm, 1),
        0,
        "bpf_dynptr_data of a read-only local dynptr is NULL"
    );
    assert_eq!(saved(&vm, 2), 1);
    assert_eq!(saved(&vm, 3), 0);
    assert_eq!(
        saved(&vm, 4) as u64,
        buf_ptr(&vm),
        "the read-only slice is allowed"
    );
    assert_eq!(saved(&vm, 5), 1);
}

#[test]
fn data_paths_and_slices() {
    let vm = run_ok(
        P::new()
            .dynptr_from_mem(16, 0, D1)
            .dynptr_from_mem(8, 1, D2)
            .fp(1, D2)
            .imm(2, 0)
            .imm(3, 4)
            .call(203)
            .save(0)
            .fp(1, D1)
            .imm(2, 13)
            .imm(3, 4)
            .call(203)
            .save(1)
            .fp(1, D1)
            .imm(2, 12)
            .imm(3, 4)
            .call(203)
            .save(2)
            .push(ldx(BPF_W, 0, 0, 0))
            .save(3)
            .exit0(),
    );
    assert_eq!(saved(&vm, 0), 0);
    assert_eq!(saved(&vm, 1), 0);
    assert_eq!(saved(&vm, 2) as u64, buf_ptr(&vm) + 12);
    assert_eq!(saved(&vm, 3), 0x0f0e_0d0c);
    let s = vm.snapshot();
    assert_eq!(s.slices.len(), 1);
    assert_eq!(s.slices[0].region.as_deref(), Some("stack-116"));
    assert!(s.slices[0].valid);
}

#[test]
fn advance_trim_and_getters() {
    let vm = run_ok(
        P::new()
            .dynptr_from_mem(16, 0, D1)
            .dynptr_from_mem(8, 1, D2)
            .fp(1, D2)
            .imm(2, 1)
            .call(214)
            .save(0)
            .fp(1, D2)
            .imm(2, 1)
            .call(215)
            .save(1)
            .fp(1, D1)
            .imm(2, 17)
            .call(214)
            .save(2)
            .fp(1, D1)
            .imm(2, 17)
            .call(215)
            .save(3)
            .fp(1, D1)
            .imm(2, 4)
            .call(214)
            .save(4)
            .fp(1, D1)
            .imm(2, 2)
            .call(215)
            .save(5)
            .fp(1, D1)
            .call(218)
            .save(6)
            .fp(1, D1)
            .call(219)
            .save(7)
            .fp(1, D2)
            .call(218)
            .save(8)
            .fp(1, D2)
            .call(219)
            .save(9)
            .fp(1, D2)
            .call(216)
            .save(10)
            .fp(1, D1)
            .call(216)
            .save(11)
            .fp(1, D2)
            .call(217)
            .save(12)
            // advance to size 0, then read and write 0 bytes at offset 0
            .fp(1, D1)
            .imm(2, 10)
            .call(214)
            .save(13)
            .fp(1, -160)
            .imm(2, 0)
            .fp(3, D1)
            .imm(4, 0)
            .imm(5, 0)
            .call(201)
            .save(14)
            .fp(1, -160)
            .imm(2, 1)
            .fp(3, D1)
            .imm(4, 0)
            .imm(5, 0)
            .call(201)
            .save(15)
            .exit0(),
    );
    for (i, want) in [
        (0, EINVAL),
        (1, EINVAL),
        (2, ERANGE),
        (3, ERANGE),
        (4, 0),
        (5, 0),
    ] {
        assert_eq!(saved(&vm, i), want, "slot {i}");
    }
    assert_eq!((saved(&vm, 6), saved(&vm, 7)), (10, 4));
    assert_eq!((saved(&vm, 8), saved(&vm, 9)), (EINVAL, EINVAL));
    assert_eq!((saved(&vm, 10), saved(&vm, 11), saved(&vm, 12)), (1, 0, 0));
    assert_eq!(
        (saved(&vm, 13), saved(&vm, 14), saved(&vm, 15)),
        (0, 0, E2BIG)
    );
    let k = kern(&vm, D1);
    assert_eq!(
        (k.offset, k.size(), k.kind()),
        (14, 0, Some(DynptrKind::Local))
    );
}

#[test]
fn advance_offset_overflow() {
    // An offset near U32_MAX (written by hand) makes check_add_overflow fail.
    let vm = run_ok(
        P::new()
            .dynptr_from_mem(16, 0, D1)
            .push(st(BPF_W, 10, D1 + 12, -2))
            .fp(1, D1)
            .imm(2, 4)
            .call(214)
            .save(0)
            .exit0(),
    );
    assert_eq!(saved(&vm, 0), ERANGE);
}

#[test]
fn clone_paths() {
    let vm = run_ok(
        P::new()
            .dynptr_from_mem(16, 0, D1)
            .dynptr_from_mem(8, 1, D2)
            // clone of null: -EINVAL, clone set to null
            .fp(1, D2)
            .fp(2, D3)
            .imm(3, 0)
            .call(220)
            .save(0)
            // offset past the size: -ERANGE, clone null
            .fp(1, D1)
            .fp(2, D3)
            .imm(3, 17)
            .call(220)
            .save(1)
            // clone at offset 6
            .fp(1, D1)
            .fp(2, D3)
            .imm(3, 6)
            .call(220)
            .save(2)
            // trimming the clone leaves the parent alone
            .fp(1, D3)
            .imm(2, 3)
            .call(215)
            .save(3)
            .exit0(),
    );
    assert_eq!(saved(&vm, 0), EINVAL);
    assert_eq!(saved(&vm, 1), ERANGE);
    assert_eq!(saved(&vm, 2), 0);
    let (p, c) = (kern(&vm, D1), kern(&vm, D3));
    assert_eq!((p.offset, p.size()), (0, 16));
    assert_eq!((c.offset, c.size(), c.data), (6, 7, p.data));
    let s = vm.snapshot();
    let clone = s
        .dynptrs
        .iter()
        .find(|d| d.stack_off == Some(D3 as i64))
        .unwrap();
    assert_eq!(clone.view.as_deref(), Some("stack-122"));
    let at = clone.view_at.as_ref().unwrap();
    assert_eq!((at.offset, at.frame), (-122, Some(0)));
    let parent = clone.cloned_from.map(|i| &s.dynptrs[i]).unwrap();
    assert_eq!(parent.stack_off, Some(D1 as i64));
}

#[test]
fn ringbuf_dynptr_paths() {
    let maps = vec![ringbuf_map(4096)];
    let p = P::new()
        // flags first, then size
        .push(ld_map(1, 0))
        .imm(2, DYNPTR_MAX_SIZE as i64 + 1)
        .imm(3, 1)
        .fp(4, D1)
        .call(198)
        .save(0)
        .push(ld_map(1, 0))
        .imm(2, DYNPTR_MAX_SIZE as i64 + 1)
        .imm(3, 0)
        .fp(4, D1)
        .call(198)
        .save(1)
        // does not fit: -EINVAL
        .push(ld_map(1, 0))
        .imm(2, 4096)
        .imm(3, 0)
        .fp(4, D1)
        .call(198)
        .save(2)
        .push(ld_map(1, 0))
        .imm(2, 16)
        .imm(3, 0)
        .fp(4, D1)
        .call(198)
        .save(3)
        .fp(1, D1)
        .fp(2, D2)
        .imm(3, 0)
        .call(220)
        .save(4)
        .fp(1, D1)
        .imm(2, 0)
        .fp(3, BUF)
        .imm(4, 8)
        .imm(5, 0)
        .call(202)
        .save(5)
        // submit through the clone; the original still holds the pointer
        .fp(1, D2)
        .imm(2, 0)
        .call(199)
        // a second reservation, discarded
        .push(ld_map(1, 0))
        .imm(2, 8)
        .imm(3, 0)
        .fp(4, D3)
        .call(198)
        .save(6)
        .fp(1, D3)
        .imm(2, 0)
        .call(200)
        // submitting a null dynptr is a no-op
        .fp(1, D3)
        .imm(2, 0)
        .call(199)
        .finish(ProgType::Syscall, maps);
    let vm = run_ok(&p);
    assert_eq!(saved(&vm, 0), EINVAL);
    assert_eq!(saved(&vm, 1), E2BIG);
    assert_eq!(saved(&vm, 2), EINVAL, "a full ring buffer gives -EINVAL");
    assert_eq!(
        (saved(&vm, 3), saved(&vm, 4), saved(&vm, 5), saved(&vm, 6)),
        (0, 0, 0, 0)
    );
    assert_eq!(
        kern(&vm, D2),
        Kern::default(),
        "submit nulls the dynptr it was given"
    );
    assert_eq!(kern(&vm, D1).kind(), Some(DynptrKind::Ringbuf));
    let rb = vm.world().maps[0].ringbuf().unwrap();
    assert_eq!(rb.records.len(), 2);
    assert_eq!(rb.records[0].state, RecordState::Submitted);
    assert_eq!(rb.records[1].state, RecordState::Discarded);
    assert_eq!(rb.sample(&rb.records[0])[..8], [0, 1, 2, 3, 4, 5, 6, 7]);
    let s = vm.snapshot();
    let orig = s
        .dynptrs
        .iter()
        .find(|d| d.stack_off == Some(D1 as i64))
        .unwrap();
    assert!(orig.state.starts_with("invalidated"), "{}", orig.state);
    assert_eq!(orig.ref_id, Some(1));
    // Using the original after its clone was submitted faults.
    let mut q = p.clone();
    let at = q.insns.len() - 2;
    let tail = P::default()
        .fp(1, -160)
        .imm(2, 4)
        .fp(3, D1)
        .imm(4, 0)
        .imm(5, 0)
        .call(201)
        .v
        .clone();
    q.insns.splice(at..at, tail);
    let (r, _) = run(&q);
    assert!(matches!(r.fault.unwrap().kind, FaultKind::Stale { .. }));
}

fn packet_cfg() -> WorldConfig {
    WorldConfig {
        packet: (0..40u8).collect(),
        frags: vec![(100..120u8).collect()],
        ..WorldConfig::default()
    }
}

#[test]
fn skb_dynptr_paths() {
    let p = P::new()
        .push(movr(6, 1))
        .push(movr(1, 6))
        .imm(2, 1)
        .fp(3, D2)
        .call(212)
        .save(0)
        .push(movr(1, 6))
        .imm(2, 0)
        .fp(3, D1)
        .call(212)
        .save(1)
        .fp(1, D1)
        .call(218)
        .save(2)
        // read across the linear part into the fragment
        .fp(1, -160)
        .imm(2, 4)
        .fp(3, D1)
        .imm(4, 38)
        .imm(5, 0)
        .call(201)
        .save(3)
        .push(ldx(BPF_W, 0, 10, -160))
        .save(4)
        // bpf_dynptr_data of paged data is NULL; of linear data a packet pointer
        .fp(1, D1)
        .imm(2, 38)
        .imm(3, 4)
        .call(203)
        .save(5)
        .fp(1, D1)
        .imm(2, 2)
        .imm(3, 4)
        .call(203)
        .save(6)
        // write into the fragment pulls it into the linear part
        .fp(1, D1)
        .imm(2, 44)
        .fp(3, BUF)
        .imm(4, 2)
        .imm(5, 0)
        .call(202)
        .save(7)
        .fp(1, D1)
        .imm(2, 0)
        .fp(3, BUF)
        .imm(4, 2)
        .imm(5, 4)
        .call(202)
        .save(8)
        .finish(ProgType::Tc, vec![]);
    let vm = run_ok_cfg(&p, &packet_cfg());
    assert_eq!(saved(&vm, 0), EINVAL);
    assert_eq!(kern(&vm, D2), Kern::default());
    assert_eq!((saved(&vm, 1), saved(&vm, 2)), (0, 60));
    assert_eq!(saved(&vm, 3), 0);
    assert_eq!(
        saved(&vm, 4),
        i64::from_le_bytes([38, 39, 100, 101, 0, 0, 0, 0])
    );
    assert_eq!(saved(&vm, 5), 0);
    assert_ne!(saved(&vm, 6), 0);
    assert_eq!((saved(&vm, 7), saved(&vm, 8)), (0, EINVAL));
    assert_eq!(vm.world().packet.headlen(), 46);
    assert_eq!(vm.world().packet.flat()[44..46], [0, 1]);
    let s = vm.snapshot();
    assert!(
        !s.slices[0].valid,
        "the write moved packet data: {:?}",
        s.slices[0]
    );
    // cgroup_skb: read-only dynptr, writes fail with -EINVAL.
    let p = P::new()
        .push(movr(6, 1))
        .push(movr(1, 6))
        .imm(2, 0)
        .fp(3, D1)
        .call(212)
        .save(0)
        .fp(1, D1)
        .imm(2, 0)
        .fp(3, BUF)
        .imm(4, 2)
        .imm(5, 0)
        .call(202)
        .save(1)
        .fp(1, D1)
        .call(217)
        .save(2)
        .finish(ProgType::CgroupSkb, vec![]);
    let vm = run_ok(&p);
    assert_eq!(
        (saved(&vm, 0), saved(&vm, 1), saved(&vm, 2)),
        (0, EINVAL, 1)
    );
}

#[test]
fn xdp_dynptr_slices_die_with_adjust_head() {
    let p = P::new()
        .push(movr(6, 1))
        .push(movr(1, 6))
        .imm(2, 2)
        .fp(3, D2)
        .call(213)
        .save(5)
        .push(movr(1, 6))
        .imm(2, 0)
        .fp(3, D1)
        .call(213)
        .save(0)
        .fp(1, D1)
        .imm(2, 0)
        .imm(3, 8)
        .call(203)
        .push(movr(7, 0))
        .push(ldx(BPF_B, 0, 7, 1))
        .save(1)
        // a slice inside the fragment
        .fp(1, D1)
        .imm(2, 42)
        .imm(3, 4)
        .call(203)
        .save(2)
        // across linear and fragment: NULL
        .fp(1, D1)
        .imm(2, 38)
        .imm(3, 4)
        .call(203)
        .save(3)
        .push(movr(1, 6))
        .imm(2, 2)
        .call(44)
        .save(4)
        .push(ldx(BPF_B, 0, 7, 0))
        .finish(ProgType::Xdp, vec![]);
    let (r, vm) = run_cfg(&p, &packet_cfg());
    assert_eq!(
        (saved(&vm, 5), kern(&vm, D2)),
        (EINVAL, Kern::default()),
        "flags: -EINVAL and null"
    );
    assert_eq!(
        kern(&vm, D1).size(),
        60,
        "xdp dynptrs span linear part and fragments"
    );
    assert_eq!((saved(&vm, 0), saved(&vm, 1)), (0, 1));
    assert_ne!(saved(&vm, 2), 0);
    assert_eq!(
        vm.describe_ptr(saved(&vm, 2) as u64).as_deref(),
        Some("frag 0+2 (stale)")
    );
    assert_eq!(saved(&vm, 3), 0);
    assert_eq!(saved(&vm, 4), 0);
    let f = r.fault.unwrap();
    assert!(matches!(f.kind, FaultKind::Stale { .. }), "{f}");
    let s = vm.snapshot();
    assert!(s.slices.iter().all(|sl| !sl.valid));
}

#[test]
fn kfunc_adjust_size_clone() {
    let vm = run_ok(
        P::new()
            .dynptr_from_mem(16, 0, D1)
            .dynptr_from_mem(8, 1, D2)
            .fp(1, D2)
            .imm(2, 0)
            .imm(3, 0)
            .kcall("bpf_dynptr_adjust")
            .save(0)
            // start > end is -EINVAL even when out of range
            .fp(1, D1)
            .imm(2, 20)
            .imm(3, 18)
            .kcall("bpf_dynptr_adjust")
            .save(1)
            .fp(1, D1)
            .imm(2, 2)
            .imm(3, 17)
            .kcall("bpf_dynptr_adjust")
            .save(2)
            .fp(1, D1)
            .imm(2, 2)
            .imm(3, 10)
            .kcall("bpf_dynptr_adjust")
            .save(3)
            .fp(1, D1)
            .kcall("bpf_dynptr_size")
            .save(4)
            .fp(1, D2)
            .kcall("bpf_dynptr_size")
            .save(5)
            .fp(1, D2)
            .fp(2, D3)
            .kcall("bpf_dynptr_clone")
            .save(6)
            .fp(1, D1)
            .fp(2, D3)
            .kcall("bpf_dynptr_clone")
            .save(7)
            .fp(1, D2)
            .kcall("bpf_dynptr_is_null")
            .save(8)
            .exit0(),
    );
    assert_eq!(
        (saved(&vm, 0), saved(&vm, 1), saved(&vm, 2), saved(&vm, 3)),
        (EINVAL, EINVAL, ERANGE, 0)
    );
    assert_eq!(saved(&vm, 4), 8);
    assert_eq!(saved(&vm, 5), EINVAL as u32 as i64, "__u32 return");
    assert_eq!(
        (saved(&vm, 6), saved(&vm, 7), saved(&vm, 8)),
        (EINVAL, 0, 1)
    );
    assert_eq!(kern(&vm, D3), kern(&vm, D1));
    assert_eq!(kern(&vm, D1).offset, 2);
}

#[test]
fn kfunc_slice_with_buffer() {
    // skb: a slice across into the fragment needs the buffer.
    let p = P::new()
        .push(movr(6, 1))
        .push(movr(1, 6))
        .imm(2, 0)
        .fp(3, D1)
        .kcall("bpf_dynptr_from_skb")
        .save(0)
        .fp(1, D1)
        .imm(2, 38)
        .imm(3, 0)
        .imm(4, 4)
        .kcall("bpf_dynptr_slice")
        .save(1)
        .fp(1, D1)
        .imm(2, 38)
        .fp(3, -160)
        .imm(4, 4)
        .kcall("bpf_dynptr_slice")
        .save(2)
        .push(ldx(BPF_W, 0, 10, -160))
        .save(3)
        .fp(1, D1)
        .imm(2, 58)
        .fp(3, -160)
        .imm(4, 4)
        .kcall("bpf_dynptr_slice_rdwr")
        .save(4)
        .fp(1, D1)
        .imm(2, 4)
        .imm(3, 0)
        .imm(4, 4)
        .kcall("bpf_dynptr_slice_rdwr")
        .save(5)
        .finish(ProgType::Tc, vec![]);
    let vm = run_ok_cfg(&p, &packet_cfg());
    assert_eq!((saved(&vm, 0), saved(&vm, 1)), (0, 0));
    assert_eq!(saved(&vm, 2) as u64, vm.regs[10].wrapping_sub(160));
    assert_eq!(
        saved(&vm, 3),
        i64::from_le_bytes([38, 39, 100, 101, 0, 0, 0, 0])
    );
    assert_eq!(saved(&vm, 4), 0, "out of range");
    assert_eq!(
        vm.describe_ptr(saved(&vm, 5) as u64).as_deref(),
        Some("packet+4")
    );

    // xdp: direct inside one fragment, copied across linear part and fragment.
    let p = P::new()
        .push(movr(6, 1))
        .push(movr(1, 6))
        .imm(2, 1)
        .fp(3, D2)
        .kcall("bpf_dynptr_from_xdp")
        .save(0)
        .push(movr(1, 6))
        .imm(2, 0)
        .fp(3, D1)
        .kcall("bpf_dynptr_from_xdp")
        .save(1)
        .fp(1, D1)
        .imm(2, 42)
        .imm(3, 0)
        .imm(4, 4)
        .kcall("bpf_dynptr_slice")
        .save(2)
        .fp(1, D1)
        .imm(2, 38)
        .imm(3, 0)
        .imm(4, 4)
        .kcall("bpf_dynptr_slice")
        .save(3)
        .fp(1, D1)
        .imm(2, 38)
        .fp(3, -160)
        .imm(4, 4)
        .kcall("bpf_dynptr_slice_rdwr")
        .save(4)
        .push(ldx(BPF_W, 0, 10, -160))
        .save(5)
        .finish(ProgType::Xdp, vec![]);
    let vm = run_ok_cfg(&p, &packet_cfg());
    assert_eq!((saved(&vm, 0), kern(&vm, D2)), (EINVAL, Kern::default()));
    assert_eq!(saved(&vm, 1), 0);
    assert_eq!(
        vm.describe_ptr(saved(&vm, 2) as u64).as_deref(),
        Some("frag 0+2")
    );
    assert_eq!(saved(&vm, 3), 0, "across pieces without a buffer");
    assert_eq!(saved(&vm, 4) as u64, vm.regs[10].wrapping_sub(160));
    assert_eq!(
        saved(&vm, 5),
        i64::from_le_bytes([38, 39, 100, 101, 0, 0, 0, 0])
    );
}

#[test]
fn iter_num_kfuncs() {
    // sum of bpf_iter_num_new(it, 2, 6): 2 + 3 + 4 + 5 = 14
    let mut p = P::new();
    p.fp(1, -16)
        .imm(2, 2)
        .imm(3, 6)
        .kcall("bpf_iter_num_new")
        .save(0)
        .push(mov(7, 0));
    let top = p.v.len();
    p.fp(1, -16).kcall("bpf_iter_num_next");
    let jeq_at = p.v.len();
    p.push(jmp(BPF_JEQ, 0, 0, 0))
        .push(ldx(BPF_W, 1, 0, 0))
        .push(alur(BPF_ADD, 7, 1));
    let back = p.v.len();
    p.push(ja((top as i64 - back as i64 - 1) as i16));
    let after = p.v.len();
    p.v[jeq_at].off = (after - jeq_at - 1) as i16;
    p.fp(1, -16).kcall("bpf_iter_num_next").save(1);
    p.fp(1, -16).kcall("bpf_iter_num_destroy");
    p.push(movr(0, 7)).save(2);
    p.fp(1, -24)
        .imm(2, 5)
        .imm(3, 4)
        .kcall("bpf_iter_num_new")
        .save(3);
    p.fp(1, -24)
        .imm(2, 0)
        .imm(3, (1 << 23) + 1)
        .kcall("bpf_iter_num_new")
        .save(4);
    p.fp(1, -24)
        .imm(2, -(1 << 22))
        .imm(3, 1 << 22)
        .kcall("bpf_iter_num_new")
        .save(5);
    let vm = run_ok(p.exit0());
    assert_eq!((saved(&vm, 0), saved(&vm, 1), saved(&vm, 2)), (0, 0, 14));
    assert_eq!(
        (saved(&vm, 3), saved(&vm, 4), saved(&vm, 5)),
        (EINVAL, E2BIG, 0)
    );
}

/// From INT_MIN, `start - 1` wraps to INT_MAX and `cur + 1` wraps back: the
/// first number is INT_MIN (Linux 6.18 returns the same).
#[test]
fn iter_num_from_int_min_wraps_as_the_kernel() {
    let mut p = P::new();
    p.fp(1, -16)
        .imm(2, i32::MIN as i64)
        .imm(3, i32::MIN as i64 + 3)
        .kcall("bpf_iter_num_new")
        .save(0);
    p.fp(1, -16).kcall("bpf_iter_num_next");
    p.push(ldx(BPF_W, 1, 0, 0)).push(movr(0, 1)).save(1);
    p.fp(1, -16).kcall("bpf_iter_num_destroy");
    let vm = run_ok(p.exit0());
    // The 4-byte load zero-extends: 0x80000000.
    assert_eq!((saved(&vm, 0), saved(&vm, 1)), (0, 0x8000_0000));
}

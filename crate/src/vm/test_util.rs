//! Instruction builders and program fixtures for the VM's tests.
#![allow(dead_code)] // a toolbox: not every test module uses every builder

use crate::isa::*;
use crate::program::{FuncSym, MapDef, MapOrigin, MapType, ProgType, Program};
use crate::vm::{RunResult, Vm, VmOptions};
use crate::world::WorldConfig;

pub fn mov(dst: u8, imm: i32) -> Insn {
    Insn::new(BPF_ALU64 | BPF_MOV | BPF_K, dst, 0, 0, imm)
}
pub fn movr(dst: u8, src: u8) -> Insn {
    Insn::new(BPF_ALU64 | BPF_MOV | BPF_X, dst, src, 0, 0)
}
pub fn alu(op: u8, dst: u8, imm: i32) -> Insn {
    Insn::new(BPF_ALU64 | op | BPF_K, dst, 0, 0, imm)
}
pub fn alur(op: u8, dst: u8, src: u8) -> Insn {
    Insn::new(BPF_ALU64 | op | BPF_X, dst, src, 0, 0)
}
pub fn alu32(op: u8, dst: u8, imm: i32) -> Insn {
    Insn::new(BPF_ALU | op | BPF_K, dst, 0, 0, imm)
}
pub fn ldx(size: u8, dst: u8, src: u8, off: i16) -> Insn {
    Insn::new(BPF_LDX | BPF_MEM | size, dst, src, off, 0)
}
pub fn stx(size: u8, dst: u8, src: u8, off: i16) -> Insn {
    Insn::new(BPF_STX | BPF_MEM | size, dst, src, off, 0)
}
pub fn st(size: u8, dst: u8, off: i16, imm: i32) -> Insn {
    Insn::new(BPF_ST | BPF_MEM | size, dst, 0, off, imm)
}
pub fn jmp(op: u8, dst: u8, imm: i32, off: i16) -> Insn {
    Insn::new(BPF_JMP | op | BPF_K, dst, 0, off, imm)
}
pub fn jmpr(op: u8, dst: u8, src: u8, off: i16) -> Insn {
    Insn::new(BPF_JMP | op | BPF_X, dst, src, off, 0)
}
pub fn ja(off: i16) -> Insn {
    Insn::new(BPF_JMP | BPF_JA, 0, 0, off, 0)
}
pub fn call(id: i32) -> Insn {
    Insn::new(BPF_JMP | BPF_CALL, 0, 0, 0, id)
}
pub fn kcall(name: &str) -> Insn {
    let btf = match crate::catalog::kfunc_by_name(name).map(|f| f.kind) {
        Some(crate::catalog::FuncKind::Kfunc { btf_id }) => btf_id as i32,
        _ => panic!("no kfunc {name}"),
    };
    Insn::new(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, btf)
}
pub fn call_rel(rel: i32) -> Insn {
    Insn::new(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, rel)
}
pub fn exit() -> Insn {
    Insn::new(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
}
pub fn ld_map(dst: u8, idx: i32) -> [Insn; 2] {
    let [mut lo, hi] = ld_imm64(dst, BPF_PSEUDO_MAP_FD, 0);
    lo.imm = idx;
    [lo, hi]
}
pub fn ld_map_value(dst: u8, idx: i32, off: i32) -> [Insn; 2] {
    let [mut lo, mut hi] = ld_imm64(dst, BPF_PSEUDO_MAP_VALUE, 0);
    lo.imm = idx;
    hi.imm = off;
    [lo, hi]
}
pub fn ld_func(dst: u8, rel: i32) -> [Insn; 2] {
    let [mut lo, hi] = ld_imm64(dst, BPF_PSEUDO_FUNC, 0);
    lo.imm = rel;
    [lo, hi]
}
pub fn lddw(dst: u8, v: u64) -> [Insn; 2] {
    ld_imm64(dst, 0, v)
}

/// Flattens a list of instruction groups.
#[macro_export]
#[doc(hidden)]
macro_rules! prog_insns {
    ($($e:expr),* $(,)?) => {{
        let mut v: Vec<$crate::isa::Insn> = Vec::new();
        $( $crate::vm::test_util::Push::push_into($e, &mut v); )*
        v
    }};
}

pub trait Push {
    fn push_into(self, v: &mut Vec<Insn>);
}
impl Push for Insn {
    fn push_into(self, v: &mut Vec<Insn>) {
        v.push(self)
    }
}
impl Push for [Insn; 2] {
    fn push_into(self, v: &mut Vec<Insn>) {
        v.extend(self)
    }
}

pub fn ringbuf_map(size: u32) -> MapDef {
    MapDef {
        name: "rb".into(),
        map_type: MapType::Ringbuf,
        key_size: 0,
        value_size: 0,
        max_entries: size,
        initial_value: None,
        origin: MapOrigin::Declared,
        key_type: None,
        value_type: None,
        map_flags: 0,
    }
}

pub fn array_map(name: &str, value_size: u32, max: u32) -> MapDef {
    MapDef {
        name: name.into(),
        map_type: MapType::Array,
        key_size: 4,
        value_size,
        max_entries: max,
        initial_value: None,
        origin: MapOrigin::Declared,
        key_type: None,
        value_type: None,
        map_flags: 0,
    }
}

pub fn prog(t: ProgType, insns: Vec<Insn>, maps: Vec<MapDef>) -> Program {
    let mut p = Program::from_insns("prog", t, insns);
    p.maps = maps;
    p
}

/// Adds a subprogram symbol.
pub fn with_func(mut p: Program, name: &str, start: usize) -> Program {
    p.funcs.push(FuncSym::new(name, start));
    p
}

pub fn run(p: &Program) -> (RunResult, Vm) {
    run_cfg(p, &WorldConfig::default())
}

pub fn run_cfg(p: &Program, cfg: &WorldConfig) -> (RunResult, Vm) {
    let mut vm = Vm::with_config(p, cfg, VmOptions::default()).expect("vm");
    let r = vm.run();
    (r, vm)
}

/// Runs and returns r0, panicking with the fault.
pub fn r0(p: &Program) -> u64 {
    let (r, _) = run(p);
    match (r.r0, r.fault) {
        (Some(v), None) => v,
        (_, f) => panic!("no r0: {f:?}"),
    }
}

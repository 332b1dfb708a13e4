//! Dynptr-shaped programs of the first property test
//! (`accepted_never_fault.rs`): [`random_program`] strings snippets of
//! dynptr calls together with little regard for order;
//! [`structured_program`] builds packet parsing with bounds checks, map
//! values at (variable) offsets, dynptr slices, `bpf_loop` and
//! `bpf_dynptr_iterator` callbacks and open-coded iterators, each with
//! sizes and offsets that are sometimes in bounds and sometimes not.

use dynptr_play::isa::*;
use dynptr_play::program::{FuncSym, MapDef, MapOrigin, MapType, ProgType, Program};

use super::Rng;

/// A random program of dynptr-shaped snippets.
pub fn random_program(rng: &Rng) -> Program {
    let t = rng.pick(&ProgType::ALL);
    let mut v: Vec<Insn> = Vec::new();
    let k = |code: u8, d: u8, s: u8, off: i16, imm: i32| Insn::new(code, d, s, off, imm);
    let fp = |v: &mut Vec<Insn>, r: u8, off: i32| {
        v.push(k(BPF_ALU64 | BPF_MOV | BPF_X, r, 10, 0, 0));
        v.push(k(BPF_ALU64 | BPF_ADD | BPF_K, r, 0, 0, off));
    };
    v.push(k(BPF_ALU64 | BPF_MOV | BPF_X, 6, 1, 0, 0));
    for _ in 0..(2 + rng.below(8)) {
        let off = -8 * (2 + rng.below(6) as i32);
        match rng.below(9) {
            0 => {
                // ringbuf dynptr
                let [a, b] = ld_imm64(1, BPF_PSEUDO_MAP_FD, 0);
                v.push(a);
                v.push(b);
                v.push(k(
                    BPF_ALU64 | BPF_MOV | BPF_K,
                    2,
                    0,
                    0,
                    rng.pick(&[8, 16, 64]),
                ));
                v.push(k(BPF_ALU64 | BPF_MOV | BPF_K, 3, 0, 0, 0));
                fp(&mut v, 4, off);
                v.push(k(BPF_JMP | BPF_CALL, 0, 0, 0, 198));
            }
            1 => {
                // local dynptr over the array value
                let [a, b] = ld_imm64(1, BPF_PSEUDO_MAP_VALUE, 0);
                v.push(Insn { imm: 1, ..a });
                v.push(b);
                v.push(k(
                    BPF_ALU64 | BPF_MOV | BPF_K,
                    2,
                    0,
                    0,
                    rng.pick(&[0, 8, 16]),
                ));
                v.push(k(BPF_ALU64 | BPF_MOV | BPF_K, 3, 0, 0, 0));
                fp(&mut v, 4, off);
                v.push(k(BPF_JMP | BPF_CALL, 0, 0, 0, 197));
            }
            2 => {
                // skb/xdp dynptr
                v.push(k(BPF_ALU64 | BPF_MOV | BPF_X, 1, 6, 0, 0));
                v.push(k(BPF_ALU64 | BPF_MOV | BPF_K, 2, 0, 0, 0));
                fp(&mut v, 3, off);
                v.push(k(BPF_JMP | BPF_CALL, 0, 0, 0, rng.pick(&[212, 213])));
            }
            3 => {
                // slice and access
                fp(&mut v, 1, off);
                v.push(k(
                    BPF_ALU64 | BPF_MOV | BPF_K,
                    2,
                    0,
                    0,
                    rng.pick(&[0, 4, 8]),
                ));
                v.push(k(BPF_ALU64 | BPF_MOV | BPF_K, 3, 0, 0, rng.pick(&[4, 8])));
                v.push(k(BPF_JMP | BPF_CALL, 0, 0, 0, 203));
                v.push(k(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1, 0));
                v.push(k(
                    BPF_LDX | BPF_MEM | rng.pick(&[BPF_B, BPF_W]),
                    7,
                    0,
                    rng.pick(&[0i16, 3, 4]),
                    0,
                ));
            }
            4 => {
                // release
                fp(&mut v, 1, off);
                v.push(k(BPF_ALU64 | BPF_MOV | BPF_K, 2, 0, 0, 0));
                v.push(k(BPF_JMP | BPF_CALL, 0, 0, 0, rng.pick(&[199, 200])));
            }
            5 => {
                // read into the stack
                fp(&mut v, 1, -8);
                v.push(k(
                    BPF_ALU64 | BPF_MOV | BPF_K,
                    2,
                    0,
                    0,
                    rng.pick(&[1, 4, 8]),
                ));
                fp(&mut v, 3, off);
                v.push(k(BPF_ALU64 | BPF_MOV | BPF_K, 4, 0, 0, rng.pick(&[0, 4])));
                v.push(k(BPF_ALU64 | BPF_MOV | BPF_K, 5, 0, 0, 0));
                v.push(k(BPF_JMP | BPF_CALL, 0, 0, 0, 201));
            }
            6 => {
                // clone, advance, size
                fp(&mut v, 1, off);
                if rng.below(2) == 0 {
                    fp(&mut v, 2, off - 16);
                    v.push(k(BPF_ALU64 | BPF_MOV | BPF_K, 3, 0, 0, rng.pick(&[0, 4])));
                    v.push(k(BPF_JMP | BPF_CALL, 0, 0, 0, 220));
                } else {
                    v.push(k(
                        BPF_ALU64 | BPF_MOV | BPF_K,
                        2,
                        0,
                        0,
                        rng.pick(&[1, 4, 100]),
                    ));
                    v.push(k(BPF_JMP | BPF_CALL, 0, 0, 0, rng.pick(&[214, 215, 218])));
                }
            }
            7 => {
                // stack store (maybe over a dynptr)
                v.push(k(
                    BPF_ST | BPF_MEM | rng.pick(&[BPF_B, BPF_DW]),
                    10,
                    0,
                    off as i16,
                    0,
                ));
            }
            _ => {
                // pull packet data
                v.push(k(BPF_ALU64 | BPF_MOV | BPF_X, 1, 6, 0, 0));
                v.push(k(BPF_ALU64 | BPF_MOV | BPF_K, 2, 0, 0, 0));
                v.push(k(BPF_JMP | BPF_CALL, 0, 0, 0, rng.pick(&[39, 44])));
            }
        }
    }
    v.push(k(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0));
    v.push(k(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
    let mut p = Program::from_insns("random", t, v);
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
    p.funcs = vec![FuncSym::new("random", 0)];
    p
}

/// Instruction builders for the structured generator.
mod b {
    use dynptr_play::isa::*;
    pub fn mov(d: u8, imm: i32) -> Insn {
        Insn::new(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, imm)
    }
    pub fn movr(d: u8, s: u8) -> Insn {
        Insn::new(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
    }
    pub fn alu(op: u8, d: u8, imm: i32) -> Insn {
        Insn::new(BPF_ALU64 | op | BPF_K, d, 0, 0, imm)
    }
    pub fn alur(op: u8, d: u8, s: u8) -> Insn {
        Insn::new(BPF_ALU64 | op | BPF_X, d, s, 0, 0)
    }
    pub fn ldx(size: u8, d: u8, s: u8, off: i16) -> Insn {
        Insn::new(BPF_LDX | BPF_MEM | size, d, s, off, 0)
    }
    pub fn stx(size: u8, d: u8, off: i16, s: u8) -> Insn {
        Insn::new(BPF_STX | BPF_MEM | size, d, s, off, 0)
    }
    pub fn st(size: u8, d: u8, off: i16, imm: i32) -> Insn {
        Insn::new(BPF_ST | BPF_MEM | size, d, 0, off, imm)
    }
    pub fn jmp(op: u8, d: u8, imm: i32, off: i16) -> Insn {
        Insn::new(BPF_JMP | op | BPF_K, d, 0, off, imm)
    }
    pub fn jmpr(op: u8, d: u8, s: u8, off: i16) -> Insn {
        Insn::new(BPF_JMP | op | BPF_X, d, s, off, 0)
    }
    pub fn call(id: i32) -> Insn {
        Insn::new(BPF_JMP | BPF_CALL, 0, 0, 0, id)
    }
    pub fn kcall(name: &str) -> Insn {
        let id = match dynptr_play::catalog::kfunc_by_name(name).map(|f| f.kind) {
            Some(dynptr_play::catalog::FuncKind::Kfunc { btf_id }) => btf_id as i32,
            _ => -1,
        };
        Insn::new(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, id)
    }
    pub fn exit() -> Insn {
        Insn::new(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
    }
}

/// A structured random program: packet parsing with bounds checks, map
/// values with (variable) offsets, dynptrs with slices, callbacks and
/// open-coded iterators, each with random sizes and offsets so that some
/// are in bounds and some are not. r6 keeps the context; every ring
/// buffer dynptr is submitted at the end.
pub fn structured_program(rng: &Rng) -> Program {
    use b::*;
    let t = rng.pick(&[
        ProgType::Xdp,
        ProgType::Tc,
        ProgType::CgroupSkb,
        ProgType::Syscall,
        ProgType::RawTp,
    ]);
    let mut v: Vec<Insn> = vec![movr(6, 1)];
    let mut callbacks: Vec<(usize, Vec<Insn>)> = Vec::new();
    let mut ringbufs: Vec<i32> = Vec::new();
    let fp = |v: &mut Vec<Insn>, r: u8, off: i32| {
        v.push(movr(r, 10));
        v.push(alu(BPF_ADD, r, off));
    };
    let sizes = [BPF_B, BPF_H, BPF_W, BPF_DW];
    let mut next_slot = -16i32;
    for _ in 0..(1 + rng.below(5)) {
        match rng.below(7) {
            0 if t.has_packet() => {
                // data/data_end, a bounds check, an access.
                let (d, e) = if t == ProgType::Xdp { (0, 4) } else { (76, 80) };
                v.push(ldx(BPF_W, 2, 6, d));
                v.push(ldx(BPF_W, 3, 6, e));
                let k1 = rng.pick(&[1, 4, 8, 14, 20, 34]);
                v.push(movr(4, 2));
                v.push(alu(BPF_ADD, 4, k1));
                let sz = rng.pick(&sizes);
                let off = rng.below(24) as i16;
                // Any orientation of the comparison: the in-bounds side is
                // the fall-through for `r4 > r3` / `r3 < r4`, the target
                // for `r4 <= r3` / `r3 >= r4` (and off by one for the
                // non-strict forms).
                match rng.below(6) {
                    0 => v.push(jmpr(BPF_JGT, 4, 3, 2)),
                    1 => v.push(jmpr(BPF_JGE, 4, 3, 2)),
                    2 => v.push(jmpr(BPF_JLT, 3, 4, 2)),
                    3 => v.push(jmpr(BPF_JLE, 3, 4, 2)),
                    4 => {
                        v.push(jmpr(BPF_JLE, 4, 3, 1));
                        v.push(Insn::new(BPF_JMP | BPF_JA, 0, 0, 2, 0));
                    }
                    _ => {
                        v.push(jmpr(BPF_JGE, 3, 4, 1));
                        v.push(Insn::new(BPF_JMP | BPF_JA, 0, 0, 2, 0));
                    }
                }
                v.push(ldx(sz, 7, 2, off));
                v.push(if t == ProgType::CgroupSkb {
                    mov(7, 0)
                } else {
                    stx(BPF_B, 2, off, 7)
                });
            }
            1 => {
                // map lookup, maybe a NULL check, an access at a (variable) offset.
                v.push(st(BPF_W, 10, -4, 0));
                let [a, c] = ld_imm64(1, BPF_PSEUDO_MAP_FD, 1);
                v.push(a);
                v.push(c);
                fp(&mut v, 2, -4);
                v.push(call(1));
                let check = rng.below(5) != 0;
                let body_len = 4;
                if check {
                    v.push(jmp(BPF_JEQ, 0, 0, body_len));
                }
                v.push(call(7));
                v.push(alu(BPF_AND, 0, rng.pick(&[3, 7, 8, 15])));
                v.push(ldx(BPF_DW, 1, 10, -4 - 4)); // may be uninit: verifier must refuse
                v.push(mov(1, 0));
                let _ = body_len;
            }
            2 => {
                // ringbuf dynptr + slice + access.
                let off = next_slot;
                next_slot -= 16;
                let [a, c] = ld_imm64(1, BPF_PSEUDO_MAP_FD, 0);
                v.push(a);
                v.push(c);
                v.push(mov(2, rng.pick(&[8, 16, 32])));
                v.push(mov(3, 0));
                fp(&mut v, 4, off);
                v.push(call(198));
                ringbufs.push(off);
                fp(&mut v, 1, off);
                v.push(mov(2, rng.pick(&[0, 4, 8])));
                v.push(mov(3, rng.pick(&[4, 8, 16])));
                v.push(call(203));
                v.push(jmp(BPF_JEQ, 0, 0, 2));
                v.push(ldx(rng.pick(&sizes), 7, 0, rng.below(16) as i16));
                v.push(st(BPF_B, 0, rng.below(16) as i16, 1));
            }
            3 if t.has_packet() => {
                // skb/xdp dynptr, slice, maybe a helper that changes packet data, access.
                let off = next_slot;
                next_slot -= 16;
                v.push(movr(1, 6));
                v.push(mov(2, 0));
                fp(&mut v, 3, off);
                v.push(call(if t == ProgType::Xdp { 213 } else { 212 }));
                fp(&mut v, 1, off);
                v.push(mov(2, rng.pick(&[0, 6, 12])));
                v.push(mov(3, rng.pick(&[2, 8, 14])));
                v.push(call(203));
                v.push(movr(8, 0));
                if rng.below(2) == 0 {
                    v.push(movr(1, 6));
                    v.push(mov(2, 0));
                    v.push(call(if t == ProgType::Xdp { 44 } else { 39 }));
                }
                v.push(jmp(BPF_JEQ, 8, 0, 1));
                v.push(ldx(rng.pick(&sizes), 7, 8, rng.below(8) as i16));
            }
            4 => {
                // bpf_loop with a callback that writes through its context.
                let ctx = next_slot;
                next_slot -= 8;
                if rng.below(3) != 0 {
                    v.push(st(BPF_DW, 10, ctx as i16, 0));
                }
                v.push(mov(1, rng.pick(&[0, 1, 5])));
                let at = v.len();
                let [a, c] = ld_imm64(2, BPF_PSEUDO_FUNC, 0);
                v.push(a);
                v.push(c);
                fp(&mut v, 3, ctx);
                v.push(mov(4, 0));
                v.push(call(181));
                v.push(ldx(BPF_DW, 7, 10, ctx as i16));
                let cb = vec![
                    ldx(BPF_DW, 3, 2, 0),
                    alu(BPF_ADD, 3, 1),
                    stx(BPF_DW, 2, 0, 3),
                    mov(0, rng.pick(&[0, 0, 1, 2])),
                    exit(),
                ];
                callbacks.push((at, cb));
            }
            5 if rng.below(2) == 0 => {
                // bpf_dynptr_iterator over a local dynptr; the callback takes
                // a slice of its dynptr and reads it.
                let off = next_slot;
                next_slot -= 16;
                let [a, c] = ld_imm64(1, BPF_PSEUDO_MAP_VALUE, 0);
                v.push(Insn { imm: 1, ..a });
                v.push(c);
                v.push(mov(2, rng.pick(&[4, 8, 16])));
                v.push(mov(3, 0));
                fp(&mut v, 4, off);
                v.push(call(197));
                fp(&mut v, 1, off);
                let at = v.len();
                let [a, c] = ld_imm64(2, BPF_PSEUDO_FUNC, 0);
                v.push(a);
                v.push(c);
                v.push(mov(3, 0));
                v.push(mov(4, 0));
                v.push(call(221));
                let cb = vec![
                    mov(2, 0),
                    mov(3, rng.pick(&[1, 4, 8])),
                    call(203),
                    jmp(BPF_JEQ, 0, 0, 1),
                    ldx(rng.pick(&sizes), 1, 0, rng.below(6) as i16),
                    Insn::new(
                        BPF_ALU | BPF_MOV | BPF_K,
                        0,
                        0,
                        0,
                        rng.pick(&[0, 1, 4, 100]),
                    ),
                    exit(),
                ];
                callbacks.push((at, cb));
            }
            5 => {
                // open-coded iterator summing into r7.
                let it = next_slot;
                next_slot -= 8;
                fp(&mut v, 1, it);
                v.push(mov(2, 0));
                v.push(mov(3, rng.pick(&[0, 3, 10])));
                v.push(kcall("bpf_iter_num_new"));
                v.push(mov(7, 0));
                let head = v.len();
                fp(&mut v, 1, it);
                v.push(kcall("bpf_iter_num_next"));
                v.push(jmp(BPF_JEQ, 0, 0, 3));
                v.push(ldx(BPF_W, 1, 0, 0));
                v.push(alur(BPF_ADD, 7, 1));
                let back = v.len();
                v.push(Insn::new(
                    BPF_JMP | BPF_JA,
                    0,
                    0,
                    (head as i64 - back as i64 - 1) as i16,
                    0,
                ));
                fp(&mut v, 1, it);
                v.push(kcall("bpf_iter_num_destroy"));
            }
            _ => {
                // stack data at a variable offset.
                v.push(st(BPF_DW, 10, -64, 0));
                v.push(st(BPF_DW, 10, -56, 0));
                v.push(call(7));
                v.push(alu(BPF_AND, 0, rng.pick(&[7, 8, 15])));
                v.push(movr(1, 10));
                v.push(alu(BPF_ADD, 1, -64));
                v.push(alur(BPF_ADD, 1, 0));
                v.push(ldx(BPF_B, 7, 1, 0));
            }
        }
    }
    for off in ringbufs {
        if rng.below(10) != 0 {
            fp(&mut v, 1, off);
            v.push(mov(2, 0));
            v.push(call(199));
        }
    }
    v.push(mov(0, 0));
    v.push(exit());
    let mut funcs = vec![FuncSym::new("structured", 0)];
    for (i, (at, cb)) in callbacks.into_iter().enumerate() {
        let start = v.len();
        v[at].imm = (start as i64 - at as i64 - 1) as i32;
        funcs.push(FuncSym::new(format!("cb{i}"), start));
        v.extend(cb);
    }
    let mut p = random_program(rng);
    p.name = "structured".into();
    p.prog_type = t;
    p.insns = v;
    p.lines = vec![None; p.insns.len()];
    p.funcs = funcs;
    p
}

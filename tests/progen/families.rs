//! The soundness test's own program generator: structured random programs
//! whose behaviour depends on the world they run in, written in the
//! playground's assembler.
//!
//! Where `kernel_diff/gen.rs` builds programs both the kernel and clang
//! accept in form (and mostly with constants the verifier knows), these
//! take their values from the world: packet bytes and lengths, map values
//! and hash map entries, globals in `.data`, `bpf_get_prandom_u32`, the
//! ring buffer's fill level, context fields. Those values go through ALU
//! chains, spills and fills and branches on bounds, and then serve as an
//! offset, an index, a size or a loop bound. Whether the verifier accepts
//! is its business; the property test then runs each accepted program on
//! many worlds and checks every step against the verifier's states.
//!
//! A program is a prologue (`r6 = r1`: the context; `r7 = 0`: the
//! accumulator), one to three snippets, and `r0 = r7; r0 &= 1; exit`. Each
//! snippet owns 128 bytes of the stack and the registers r8 and r9; r0-r5
//! are clobbered by calls. Families: `bounds` (unknown values, ALU,
//! branches, used as offsets), `loop` (bounded loops indexing memory),
//! `dynseq` (sequences of dynptr helpers and kfuncs over ring buffer,
//! local and packet dynptrs, the series' helpers 214-221 in about half of
//! the programs), `callback` (`bpf_loop` and `bpf_dynptr_iterator` with
//! generated callbacks), `maps` (array and hash lookups with keys from the
//! world, updates, deletes), `packet` (variable header lengths, `ld_abs`
//! and `ld_ind`, `xdp_adjust_head`/`tail`, `skb_pull_data`, metadata) and
//! `subprog` (bpf-to-bpf calls with pointer arguments).

use std::fmt::Write as _;

use dynptr_play::program::{ProgType, Program};

use super::kernel_gen::{mem, SIZES};
use super::Rng;

/// Size of the array map `arr`'s values.
pub const ARR_VALUE: i32 = 64;
/// Entries of `arr`: keys 4 and up look up NULL.
pub const ARR_ENTRIES: i32 = 4;
/// Size of the hash map `hash`'s values.
pub const HASH_VALUE: i32 = 16;
/// Entries of `hash` (its keys are u32).
pub const HASH_ENTRIES: i32 = 8;
/// Bytes of `.bss` (`gbss`) and `.data` (`gdata`).
pub const GLOBAL_SIZE: i32 = 64;

/// The families a snippet comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Unknown values, ALU chains, branches on bounds, used as offsets.
    Bounds,
    /// Bounded loops that index memory with their counter.
    Loop,
    /// Sequences of dynptr helpers and kfuncs.
    DynptrSeq,
    /// `bpf_loop` and `bpf_dynptr_iterator` with generated callbacks.
    Callback,
    /// Array and hash map lookups, updates and deletes.
    Maps,
    /// Variable-offset packet access, `ld_abs`/`ld_ind`, packet resizing.
    Packet,
    /// bpf-to-bpf calls with pointer arguments.
    Subprog,
}

impl Family {
    /// Every family.
    pub const ALL: [Family; 7] = [
        Family::Bounds,
        Family::Loop,
        Family::DynptrSeq,
        Family::Callback,
        Family::Maps,
        Family::Packet,
        Family::Subprog,
    ];

    /// The family's name in a program's tag.
    pub fn name(self) -> &'static str {
        match self {
            Family::Bounds => "bounds",
            Family::Loop => "loop",
            Family::DynptrSeq => "dynseq",
            Family::Callback => "callback",
            Family::Maps => "maps",
            Family::Packet => "packet",
            Family::Subprog => "subprog",
        }
    }
}

/// (family, weight).
const WEIGHTS: &[(Family, u64)] = &[
    (Family::Bounds, 18),
    (Family::Loop, 10),
    (Family::DynptrSeq, 20),
    (Family::Callback, 10),
    (Family::Maps, 10),
    (Family::Packet, 14),
    (Family::Subprog, 6),
];

/// One generated program: its tag (`family+family`) and assembler text.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The families of its snippets, joined by `+`.
    pub tag: String,
    /// The program in the playground's assembler.
    pub text: String,
}

impl Generated {
    /// The assembled program. The generator only writes what assembles, so
    /// an error is a bug of the generator (the caller reports it).
    pub fn program(&self) -> Result<Program, String> {
        dynptr_play::asm::assemble(&self.text).map_err(|e| format!("{e}\n{}", self.text))
    }
}

/// Program `index` of the stream `seed` (its own generator, so that a
/// program does not depend on how many came before).
pub fn generate(seed: u64, index: u64) -> Generated {
    let rng = Rng::new(seed ^ index.wrapping_mul(0xd1b5_4a32_d192_ed03));
    rng.next_u64();
    let t = rng.pick(&[
        ProgType::Xdp,
        ProgType::Xdp,
        ProgType::Tc,
        ProgType::Tc,
        ProgType::CgroupSkb,
        ProgType::Socket,
        ProgType::Syscall,
        ProgType::RawTp,
    ]);
    let mut g = Gen {
        rng,
        t,
        series: false,
        lines: Vec::new(),
        funcs: Vec::new(),
        next_label: 0,
        base: 0,
    };
    g.series = g.rng.chance(45);
    g.l("r6 = r1");
    g.l("r7 = 0");
    let n = g.rng.range(1, 3);
    let mut tags = Vec::new();
    for k in 0..n {
        g.base = -128 * (k + 1);
        let fam = g.pick_family();
        tags.push(fam.name());
        g.snippet(fam);
    }
    g.l("r0 = r7");
    g.l("r0 &= 1");
    g.l("exit");
    let tag = format!(
        "{}{}",
        tags.join("+"),
        if g.series { "/series" } else { "" }
    );
    Generated {
        text: g.render(index, &tag),
        tag,
    }
}

struct Gen {
    rng: Rng,
    t: ProgType,
    /// Use the series' helpers (212-221) rather than the kfuncs.
    series: bool,
    lines: Vec<String>,
    /// Generated callbacks and subprograms: (name, body).
    funcs: Vec<(String, Vec<String>)>,
    next_label: u32,
    /// The running snippet's 128 bytes of stack: `base..base + 128`.
    base: i32,
}

impl Gen {
    fn l(&mut self, s: impl Into<String>) {
        self.lines.push(s.into());
    }

    fn label(&mut self) -> String {
        self.next_label += 1;
        format!("L{}", self.next_label)
    }

    fn place(&mut self, label: &str) {
        self.lines.push(format!("{label}:"));
    }

    fn fp(&mut self, reg: &str, off: i32) {
        self.l(format!("{reg} = r10"));
        self.l(format!("{reg} += {off}"));
    }

    fn render(&self, index: u64, tag: &str) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "; {tag}");
        let _ = writeln!(s, ".program s{index} {}", self.t.name());
        let _ = writeln!(
            s,
            ".map arr array key=4 value={ARR_VALUE} max_entries={ARR_ENTRIES}"
        );
        let _ = writeln!(
            s,
            ".map hash hash key=4 value={HASH_VALUE} max_entries={HASH_ENTRIES}"
        );
        s.push_str(".map rb ringbuf max_entries=4096\n");
        let _ = writeln!(s, ".bss gbss {GLOBAL_SIZE}");
        let _ = writeln!(s, ".data gdata {GLOBAL_SIZE}");
        let _ = writeln!(
            s,
            ".rodata grodata 16 = [3, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0, 0, 0, 0, 0]"
        );
        for l in &self.lines {
            if l.ends_with(':') {
                let _ = writeln!(s, "{l}");
            } else {
                let _ = writeln!(s, "\t{l}");
            }
        }
        for (name, body) in &self.funcs {
            let _ = writeln!(s, "{name}:");
            for l in body {
                if l.ends_with(':') {
                    let _ = writeln!(s, "{l}");
                } else {
                    let _ = writeln!(s, "\t{l}");
                }
            }
        }
        s
    }

    fn pick_family(&mut self) -> Family {
        loop {
            let fam = self.rng.weighted(WEIGHTS);
            if fam != Family::Packet || self.t.has_packet() {
                return fam;
            }
        }
    }

    fn snippet(&mut self, fam: Family) {
        match fam {
            Family::Bounds => self.bounds(),
            Family::Loop => self.bounded_loop(),
            Family::DynptrSeq => self.dynseq(),
            Family::Callback => self.callback(),
            Family::Maps => self.maps(),
            Family::Packet => self.packet(),
            Family::Subprog => self.subprog(),
        }
    }

    fn data_offsets(&self) -> (i32, i32) {
        if self.t == ProgType::Xdp {
            (0, 4)
        } else {
            (76, 80)
        }
    }

    fn may_write_packet(&self) -> bool {
        matches!(self.t, ProgType::Xdp | ProgType::Tc)
    }

    /// The fold of `reg` into the accumulator.
    fn fold(&mut self, reg: &str) {
        match self.rng.below(3) {
            0 => self.l(format!("r7 ^= {reg}")),
            _ => self.l(format!("r7 += {reg}")),
        }
    }

    // ---- values from the world --------------------------------------------

    /// A scalar the verifier does not know but the world decides, into
    /// `reg` (r8 or r9; r0-r5 are clobbered).
    fn unknown(&mut self, reg: &str) {
        let n = if self.t.has_packet() { 9 } else { 7 };
        match self.rng.below(n) {
            0 | 1 => {
                self.l("call bpf_get_prandom_u32");
                self.l(format!("{reg} = r0"));
            }
            2 => {
                // An array map value (the world fills it), or a constant.
                let key = self.rng.range(0, ARR_ENTRIES);
                let (sz, ty) = self.rng.pick(SIZES);
                let off = self.rng.range(0, (ARR_VALUE - sz) / sz) * sz;
                let miss = self.label();
                self.l(format!("*(u32 *){} = {key}", mem("r10", self.base + 124)));
                self.l("r1 = arr ll");
                self.fp("r2", self.base + 124);
                self.l("call bpf_map_lookup_elem");
                self.l(format!("{reg} = {}", self.rng.small_const()));
                self.l(format!("if r0 == 0 goto {miss}"));
                self.l(format!("{reg} = *({ty} *){}", mem("r0", off)));
                self.place(&miss);
            }
            3 => {
                let (sz, ty) = self.rng.pick(SIZES);
                let off = self.rng.range(0, (GLOBAL_SIZE - sz) / sz) * sz;
                self.l("r1 = gdata ll");
                self.l(format!("{reg} = *({ty} *){}", mem("r1", off)));
            }
            4 => {
                self.l("r1 = rb ll");
                self.l(format!("r2 = {}", self.rng.pick(&[0, 0, 1, 2, 3])));
                self.l("call bpf_ringbuf_query");
                self.l(format!("{reg} = r0"));
            }
            5 => match self.t {
                ProgType::Xdp => {
                    let off = self.rng.pick(&[12, 16]);
                    self.l(format!("{reg} = *(u32 *){}", mem("r6", off)));
                }
                ProgType::Tc | ProgType::CgroupSkb | ProgType::Socket => {
                    let off = self.rng.pick(&[0, 0, 8, 16, 48, 160]);
                    self.l(format!("{reg} = *(u32 *){}", mem("r6", off)));
                }
                _ => {
                    let off = self.rng.range(0, 7) * 8;
                    self.l(format!("{reg} = *(u64 *){}", mem("r6", off)));
                }
            },
            6 => {
                let v = self.rng.small_const();
                self.l(format!("{reg} = {v}"));
            }
            _ => {
                // A packet byte, half, word or double word.
                let (d, e) = self.data_offsets();
                let (sz, ty) = self.rng.pick(SIZES);
                let k = self.rng.range(0, 40);
                let miss = self.label();
                self.l(format!("r2 = *(u32 *){}", mem("r6", d)));
                self.l(format!("r3 = *(u32 *){}", mem("r6", e)));
                self.l("r4 = r2");
                self.l(format!("r4 += {}", k + sz));
                self.l(format!("{reg} = {}", self.rng.small_const()));
                self.l(format!("if r4 > r3 goto {miss}"));
                self.l(format!("{reg} = *({ty} *){}", mem("r2", k)));
                self.place(&miss);
            }
        }
    }

    /// One ALU instruction on `d` with `o` (another register) or an
    /// immediate; 64 or 32 bits.
    fn alu_op(&mut self, d: &str, o: &str) {
        let wide = self.rng.chance(70);
        let (dd, oo) = if wide {
            (format!("r{}", &d[1..]), format!("r{}", &o[1..]))
        } else {
            (format!("w{}", &d[1..]), format!("w{}", &o[1..]))
        };
        let r = format!("r{}", &d[1..]);
        match self.rng.below(14) {
            0 => self.l(format!("{dd} = -{dd}")),
            1 => {
                let w = self
                    .rng
                    .pick(&["be16", "be32", "be64", "le16", "le32", "le64"]);
                self.l(format!("{r} = {w} {r}"));
            }
            2 => {
                let c = self.rng.pick(&["(s8)", "(s16)", "(s32)"]);
                if wide {
                    self.l(format!("{dd} = {c}{oo}"));
                } else if c != "(s32)" {
                    self.l(format!("{dd} = {c}{oo}"));
                } else {
                    self.l(format!("{dd} = {oo}"));
                }
            }
            3 | 4 | 5 => {
                let op = self.rng.pick(&[
                    "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "<<=", ">>=", "s>>=",
                ]);
                self.l(format!("{dd} {op} {oo}"));
            }
            6 => {
                let m = self
                    .rng
                    .pick(&[1, 3, 7, 15, 31, 63, 127, 255, 0xfff, 0xffff]);
                self.l(format!("{dd} &= {m}"));
            }
            7 => {
                let op = self.rng.pick(&["<<=", ">>=", "s>>="]);
                let s = self.rng.range(0, if wide { 63 } else { 31 });
                self.l(format!("{dd} {op} {s}"));
            }
            8 => {
                let op = self.rng.pick(&["/=", "%=", "s/=", "s%="]);
                let k: i32 = self.rng.pick(&[1, 2, 3, 7, 8, 16, -1, -3]);
                let k = if op.starts_with('s') { k } else { k.abs() };
                self.l(format!("{dd} {op} {k}"));
            }
            _ => {
                let op = self
                    .rng
                    .pick(&["+=", "-=", "*=", "|=", "&=", "^=", "+=", "-="]);
                let k = self.rng.small_const();
                self.l(format!("{dd} {op} {k}"));
            }
        }
    }

    /// A branch on `reg` that leaves for `out` on one side.
    fn bound_branch(&mut self, reg: &str, other: &str, out: &str) {
        let wide = self.rng.chance(70);
        let r = if wide {
            format!("r{}", &reg[1..])
        } else {
            format!("w{}", &reg[1..])
        };
        let c = self.rng.cond();
        if self.rng.chance(20) {
            let o = if wide {
                format!("r{}", &other[1..])
            } else {
                format!("w{}", &other[1..])
            };
            self.l(format!("if {r} {c} {o} goto {out}"));
        } else {
            let k = self.rng.small_const();
            self.l(format!("if {r} {c} {k} goto {out}"));
        }
    }

    /// A spill of `reg` and a fill back, maybe of another width.
    fn spill_fill(&mut self, reg: &str) {
        let slot = self.base + 112;
        let (s1, t1) = self
            .rng
            .pick(&[(8, "u64"), (8, "u64"), (4, "u32"), (2, "u16"), (1, "u8")]);
        let (s2, t2) = if self.rng.chance(70) {
            (s1, t1)
        } else {
            self.rng.pick(SIZES)
        };
        if self.rng.chance(30) {
            // Whatever was there before: the slot holds r7 first.
            self.l(format!("*(u64 *){} = r7", mem("r10", slot)));
        }
        self.l(format!("*({t1} *){} = {reg}", mem("r10", slot)));
        if s2 > s1 && !self.rng.chance(70) {
            return;
        }
        self.l(format!("{reg} = *({t2} *){}", mem("r10", slot)));
    }

    // ---- bounds -------------------------------------------------------------

    fn bounds(&mut self) {
        let out = self.label();
        self.unknown("r8");
        if self.rng.chance(50) {
            self.unknown("r9");
        } else {
            let v = self.rng.small_const();
            self.l(format!("r9 = {v}"));
        }
        let n = self.rng.range(1, 6);
        for _ in 0..n {
            match self.rng.below(10) {
                0..=3 => {
                    let (d, o) = if self.rng.chance(75) {
                        ("r8", "r9")
                    } else {
                        ("r9", "r8")
                    };
                    self.alu_op(d, o);
                }
                4..=7 => self.bound_branch("r8", "r9", &out),
                8 => self.spill_fill("r8"),
                _ => {
                    // Branch around an operation (a join of two bounds).
                    let skip = self.label();
                    self.bound_branch("r8", "r9", &skip);
                    self.alu_op("r8", "r9");
                    self.place(&skip);
                }
            }
        }
        self.use_offset("r8", &out);
        self.place(&out);
    }

    /// Uses `reg` as an offset into some memory, a size or an index.
    fn use_offset(&mut self, reg: &str, out: &str) {
        let (sz, ty) = self.rng.pick(SIZES);
        let off = if self.rng.chance(80) {
            0
        } else {
            self.rng.range(-8, 16)
        };
        let write = self.rng.chance(40);
        let mut targets = vec![0, 1, 2, 3, 4];
        if self.t.has_packet() {
            targets.push(5);
            targets.push(5);
        }
        match self.rng.pick(&targets) {
            0 => {
                // A 64-byte stack buffer.
                let buf = self.base;
                for k in 0..8 {
                    self.l(format!("*(u64 *){} = r7", mem("r10", buf + 8 * k)));
                }
                self.fp("r1", buf);
                self.l(format!("r1 += {reg}"));
                self.access("r1", off, sz, ty, write);
            }
            1 => {
                let key = self.rng.range(0, ARR_ENTRIES - 1);
                self.l(format!("*(u32 *){} = {key}", mem("r10", self.base + 124)));
                self.l("r1 = arr ll");
                self.fp("r2", self.base + 124);
                self.l("call bpf_map_lookup_elem");
                self.l(format!("if r0 == 0 goto {out}"));
                self.l(format!("r0 += {reg}"));
                self.access("r0", off, sz, ty, write);
            }
            2 => {
                self.l("r1 = gbss ll");
                self.l(format!("r1 += {reg}"));
                self.access("r1", off, sz, ty, write);
            }
            3 => {
                // A helper's size argument.
                let buf = self.base;
                match self.rng.below(3) {
                    0 => {
                        self.fp("r1", buf);
                        self.l(format!("r2 = {reg}"));
                        self.fp("r3", buf + 64);
                        self.l(format!("*(u64 *){} = r7", mem("r10", buf + 64)));
                        self.l("call bpf_probe_read_kernel");
                        self.fold("r0");
                        self.l(format!("r1 = *(u64 *){}", mem("r10", buf)));
                        self.fold("r1");
                    }
                    1 => {
                        for k in 0..8 {
                            self.l(format!("*(u64 *){} = r7", mem("r10", buf + 8 * k)));
                        }
                        self.l("r1 = rb ll");
                        self.fp("r2", buf);
                        self.l(format!("r3 = {reg}"));
                        self.l("r4 = 0");
                        self.l("call bpf_ringbuf_output");
                        self.fold("r0");
                    }
                    _ => {
                        self.fp("r1", buf);
                        self.l(format!("r2 = {reg}"));
                        self.l("call bpf_get_current_comm");
                        self.fold("r0");
                    }
                }
            }
            4 => {
                // A ring buffer record of a variable size.
                let done = self.label();
                self.l("r1 = rb ll");
                self.l(format!("r2 = {reg}"));
                self.l("r3 = 0");
                self.l("call bpf_ringbuf_reserve");
                self.l(format!("if r0 == 0 goto {done}"));
                self.l("r9 = r0");
                self.access("r9", off.max(0), sz, ty, true);
                self.l("r1 = r9");
                self.l("r2 = 0");
                self.l(format!(
                    "call {}",
                    self.rng
                        .pick(&["bpf_ringbuf_submit", "bpf_ringbuf_discard"])
                ));
                self.place(&done);
            }
            _ => {
                let (d, e) = self.data_offsets();
                let n = self.rng.pick(&[1, 2, 4, 8, 14, 20]);
                self.l(format!("r2 = *(u32 *){}", mem("r6", d)));
                self.l(format!("r3 = *(u32 *){}", mem("r6", e)));
                self.l(format!("r2 += {reg}"));
                self.l("r4 = r2");
                self.l(format!("r4 += {n}"));
                self.l(format!("if r4 > r3 goto {out}"));
                let write = write && self.may_write_packet();
                let (sz, ty) = self.rng.pick(SIZES);
                let off = if self.rng.chance(85) {
                    self.rng.range(0, (n - sz).max(0))
                } else {
                    self.rng.range(-2, n)
                };
                self.access("r2", off, sz, ty, write);
            }
        }
    }

    /// A load from (or store to, then load from) `ptr + off`.
    fn access(&mut self, ptr: &str, off: i32, _sz: i32, ty: &str, write: bool) {
        if write {
            if self.rng.chance(50) {
                self.l(format!("*({ty} *){} = r7", mem(ptr, off)));
            } else {
                let k = self.rng.small_const();
                self.l(format!("*({ty} *){} = {k}", mem(ptr, off)));
            }
        }
        self.l(format!("r1 = *({ty} *){}", mem(ptr, off)));
        self.fold("r1");
    }

    // ---- loops --------------------------------------------------------------

    fn bounded_loop(&mut self) {
        let buf = self.base;
        for k in 0..8 {
            self.l(format!("*(u64 *){} = r7", mem("r10", buf + 8 * k)));
        }
        let head = self.label();
        let out = self.label();
        // The bound: a constant or a masked unknown in r8.
        let bound_const = self.rng.chance(60);
        if bound_const {
            let b = self.rng.range(0, 12);
            self.l(format!("r8 = {b}"));
        } else {
            self.unknown("r8");
            let m = self.rng.pick(&[3, 7, 15, 31]);
            self.l(format!("r8 &= {m}"));
        }
        let up = self.rng.chance(70);
        if up {
            let init = self.rng.pick(&[0, 0, 1]);
            self.l(format!("r9 = {init}"));
        } else {
            self.l("r9 = r8");
        }
        self.place(&head);
        // The body indexes the buffer with the counter.
        match self.rng.below(4) {
            0 => {
                self.l("r1 = r9");
                self.l("r1 &= 7");
                self.l("r1 <<= 3");
            }
            1 => {
                // Bounded by a check.
                self.l(format!(
                    "if r9 > {} goto {out}",
                    self.rng.pick(&[6, 7, 7, 8])
                ));
                self.l("r1 = r9");
                self.l("r1 <<= 3");
            }
            2 => {
                // Bounded only by the loop condition.
                self.l("r1 = r9");
                self.l("r1 <<= 3");
            }
            _ => {
                self.l("r1 = r9");
                self.l("r1 &= 63");
            }
        }
        let (_, ty) = if self.rng.chance(50) {
            (8, "u64")
        } else {
            self.rng.pick(SIZES)
        };
        self.l(format!("r2 = r10"));
        self.l(format!("r2 += {buf}"));
        self.l("r2 += r1");
        if self.rng.chance(40) {
            self.l(format!("*({ty} *)(r2 + 0) = r9"));
        }
        self.l(format!("r3 = *({ty} *)(r2 + 0)"));
        self.fold("r3");
        let step = self.rng.pick(&[1, 1, 1, 2, 3]);
        if up {
            self.l(format!("r9 += {step}"));
            let c = self.rng.pick(&["<", "<", "<=", "!=", "s<"]);
            let w = if self.rng.chance(25) { "w" } else { "r" };
            self.l(format!("if {w}9 {c} {w}8 goto {head}"));
        } else {
            self.l(format!("if r9 == 0 goto {out}"));
            self.l(format!("r9 -= {step}"));
            let c = self.rng.pick(&["s>", "!=", ">"]);
            self.l(format!("if r9 {c} 0 goto {head}"));
        }
        self.place(&out);
    }

    // ---- dynptr sequences ---------------------------------------------------

    /// Creates a dynptr at `d` (stack offset); returns (kind, known size or
    /// -1, label to jump to when a local dynptr's memory is missing).
    fn dynptr_create(&mut self, d: i32, skip: &str) -> (&'static str, i32) {
        let mut kinds = vec!["rb", "rb", "local", "local"];
        if self.t.has_packet() && self.t != ProgType::Socket {
            kinds.push("pkt");
            kinds.push("pkt");
        }
        let kind = self.rng.pick(&kinds);
        match kind {
            "rb" => {
                let size = if self.rng.chance(70) {
                    let s = self.rng.pick(&[0, 1, 8, 16, 24, 64, 512, 4000]);
                    self.l(format!("r2 = {s}"));
                    s
                } else {
                    self.unknown("r8");
                    let m = self.rng.pick(&[15, 63, 255, 4095]);
                    self.l(format!("r8 &= {m}"));
                    self.l("r2 = r8");
                    -1
                };
                self.l("r1 = rb ll");
                self.l(format!("r3 = {}", if self.rng.chance(95) { 0 } else { 1 }));
                self.fp("r4", d);
                self.l("call bpf_ringbuf_reserve_dynptr");
                self.fold("r0");
                ("rb", size)
            }
            "local" => {
                let size;
                match self.rng.below(3) {
                    0 => {
                        let key = self.rng.range(0, ARR_ENTRIES);
                        self.l(format!("*(u32 *){} = {key}", mem("r10", self.base + 124)));
                        self.l("r1 = arr ll");
                        self.fp("r2", self.base + 124);
                        self.l("call bpf_map_lookup_elem");
                        self.l(format!("if r0 == 0 goto {skip}"));
                        self.l("r1 = r0");
                        size = self.rng.pick(&[0, 1, 8, 16, 32, ARR_VALUE]);
                    }
                    1 => {
                        self.l(format!("r1 = {} ll", self.rng.pick(&["gbss", "gdata"])));
                        size = self.rng.pick(&[1, 8, 16, 32, GLOBAL_SIZE]);
                    }
                    _ => {
                        let buf = self.base + 64;
                        for k in 0..4 {
                            self.l(format!("*(u64 *){} = r7", mem("r10", buf + 8 * k)));
                        }
                        self.fp("r1", buf);
                        size = self.rng.pick(&[1, 8, 16, 32]);
                    }
                }
                self.l(format!("r2 = {size}"));
                self.l("r3 = 0");
                self.fp("r4", d);
                self.l("call bpf_dynptr_from_mem");
                self.fold("r0");
                ("local", size)
            }
            _ => {
                self.l("r1 = r6");
                self.l("r2 = 0");
                self.fp("r3", d);
                let xdp = self.t == ProgType::Xdp;
                if self.series {
                    self.l(format!(
                        "call {}",
                        if xdp {
                            "bpf_dynptr_from_xdp"
                        } else {
                            "bpf_dynptr_from_skb"
                        }
                    ));
                } else {
                    self.l(format!(
                        "call kfunc {}",
                        if xdp {
                            "bpf_dynptr_from_xdp"
                        } else {
                            "bpf_dynptr_from_skb"
                        }
                    ));
                    self.l("w0 = w0");
                }
                self.fold("r0");
                ("pkt", -1)
            }
        }
    }

    /// An offset or length argument: a constant near the size, or a
    /// (masked) unknown computed into `tmp` (r8 or r9, which calls keep),
    /// returned as the operand to move into the argument register. Call
    /// it before setting up r1-r5.
    fn dyn_arg(&mut self, size: i32, allow_unknown: bool, tmp: &str) -> String {
        if allow_unknown && self.rng.chance(25) {
            self.unknown(tmp);
            if self.rng.chance(70) {
                let m = self.rng.pick(&[7, 15, 31, 63]);
                self.l(format!("{tmp} &= {m}"));
            }
            tmp.to_string()
        } else {
            let s = if size < 0 { 64 } else { size };
            let v = match self.rng.below(4) {
                0 => 0,
                1 => self.rng.range(0, s.max(1)),
                2 => s + self.rng.range(-2, 2),
                _ => self.rng.pick(&[1, 4, 8, 14, 16]),
            };
            v.max(0).to_string()
        }
    }

    /// A slice's or data pointer's use: `r0` is checked for NULL, then
    /// read (and written when `rw`) at an offset in or just past `len`.
    fn slice_use(&mut self, len: i32, rw: bool) {
        let skip = self.label();
        if self.rng.chance(95) {
            self.l(format!("if r0 == 0 goto {skip}"));
        }
        let fits: Vec<(i32, &str)> = SIZES
            .iter()
            .copied()
            .filter(|(s, _)| *s <= len.max(1))
            .collect();
        let (sz, ty) = self.rng.pick(&fits);
        let k = if self.rng.chance(85) {
            self.rng.range(0, (len - sz).max(0))
        } else {
            len - sz + 1
        };
        if rw && self.rng.chance(60) {
            self.l(format!("*({ty} *){} = r7", mem("r0", k)));
        }
        self.l(format!("r1 = *({ty} *){}", mem("r0", k)));
        self.fold("r1");
        self.place(&skip);
    }

    fn dynseq(&mut self) {
        let d0 = self.base;
        let d1 = self.base + 16;
        let d2 = self.base + 32;
        let buf = self.base + 96;
        let skip = self.label();
        let (kind, size) = self.dynptr_create(d0, &skip);
        for k in 0..2 {
            self.l(format!("*(u64 *){} = r7", mem("r10", buf + 8 * k)));
        }
        // Whether d1 holds a clone of d0 (released with it).
        let mut cloned = false;
        let ops = self.rng.range(1, 7);
        for _ in 0..ops {
            let d = if cloned && self.rng.chance(40) {
                d1
            } else {
                d0
            };
            let op = self.rng.below(if self.series { 16 } else { 12 });
            match op {
                0 => {
                    // bpf_dynptr_read(buf, len, d, off, 0)
                    let off = self.dyn_arg(size, true, "r8");
                    self.fp("r1", buf);
                    let len = self.rng.pick(&[0, 1, 4, 8, 16]);
                    self.l(format!("r2 = {len}"));
                    self.fp("r3", d);
                    self.l(format!("r4 = {off}"));
                    self.l("r5 = 0");
                    self.l("call bpf_dynptr_read");
                    self.fold("r0");
                    self.l(format!("r1 = *(u64 *){}", mem("r10", buf)));
                    self.fold("r1");
                }
                1 => {
                    let off = self.dyn_arg(size, true, "r8");
                    self.fp("r1", d);
                    self.l(format!("r2 = {off}"));
                    self.fp("r3", buf);
                    self.l(format!("r4 = {}", self.rng.pick(&[0, 1, 4, 8, 16])));
                    self.l("r5 = 0");
                    self.l("call bpf_dynptr_write");
                    self.fold("r0");
                }
                2 => {
                    // bpf_dynptr_data(d, off, len)
                    let len = self.rng.pick(&[1, 2, 4, 8, 16]);
                    let off = self.dyn_arg(size, true, "r8");
                    self.fp("r1", d);
                    self.l(format!("r2 = {off}"));
                    self.l(format!("r3 = {len}"));
                    self.l("call bpf_dynptr_data");
                    self.slice_use(len, true);
                }
                3 | 4 => {
                    let len = self.rng.pick(&[1, 2, 4, 8, 16]);
                    let rdwr = op == 4;
                    let off = self.dyn_arg(size, true, "r8");
                    self.fp("r1", d);
                    self.l(format!("r2 = {off}"));
                    if self.rng.chance(30) {
                        self.l("r3 = 0");
                    } else {
                        self.fp("r3", buf);
                    }
                    self.l(format!("r4 = {len}"));
                    self.l(format!(
                        "call kfunc {}",
                        if rdwr {
                            "bpf_dynptr_slice_rdwr"
                        } else {
                            "bpf_dynptr_slice"
                        }
                    ));
                    self.slice_use(len, rdwr);
                }
                5 => {
                    let start = self.dyn_arg(size, true, "r8");
                    let end = self.dyn_arg(size, true, "r9");
                    self.fp("r1", d);
                    self.l(format!("r2 = {start}"));
                    self.l(format!("r3 = {end}"));
                    self.l("call kfunc bpf_dynptr_adjust");
                    self.l("w0 = w0");
                    self.fold("r0");
                }
                6 => {
                    let f = self.rng.pick(&[
                        "bpf_dynptr_size",
                        "bpf_dynptr_is_null",
                        "bpf_dynptr_is_rdonly",
                    ]);
                    self.fp("r1", d);
                    self.l(format!("call kfunc {f}"));
                    if f == "bpf_dynptr_size" {
                        self.l("w0 = w0");
                        // The size as an offset into the buffer.
                        if self.rng.chance(40) {
                            self.l("r8 = r0");
                            let out = self.label();
                            self.l(format!(
                                "if r8 > {} goto {out}",
                                self.rng.pick(&[8, 15, 16])
                            ));
                            self.fp("r1", buf);
                            self.l("r1 += r8");
                            self.l("r2 = *(u8 *)(r1 + 0)");
                            self.fold("r2");
                            self.place(&out);
                        }
                    } else {
                        self.l("r0 &= 1");
                    }
                    self.fold("r0");
                }
                7 => {
                    if !cloned {
                        self.fp("r1", d0);
                        self.fp("r2", d1);
                        if self.series && self.rng.chance(50) {
                            let off = self.dyn_arg(size, false, "r8");
                            self.l(format!("r3 = {off}"));
                            self.l("call bpf_dynptr_clone");
                        } else {
                            self.l("call kfunc bpf_dynptr_clone");
                            self.l("w0 = w0");
                        }
                        self.fold("r0");
                        cloned = true;
                    }
                }
                8 => {
                    let off = self.dyn_arg(size, true, "r8");
                    self.fp("r1", d);
                    self.l(format!("r2 = {off}"));
                    self.l(format!("r3 = {}", self.rng.pick(&[0, 1, 4, 8, 16])));
                    self.l(format!("r4 = {}", self.rng.range(0, 255)));
                    self.l("call kfunc bpf_dynptr_memset");
                    self.fold("r0");
                }
                9 => {
                    let other = if cloned { d1 } else { d0 };
                    let dst_off = self.dyn_arg(size, false, "r8");
                    let src_off = self.dyn_arg(size, false, "r8");
                    self.fp("r1", d);
                    self.l(format!("r2 = {dst_off}"));
                    self.fp("r3", other);
                    self.l(format!("r4 = {src_off}"));
                    self.l(format!("r5 = {}", self.rng.pick(&[0, 1, 4, 8])));
                    self.l("call kfunc bpf_dynptr_copy");
                    self.fold("r0");
                }
                10 | 11 => {
                    // A slice at a variable offset read through a register.
                    let len = 8;
                    self.unknown("r9");
                    self.l("r9 &= 7");
                    self.l("r2 = 0");
                    self.fp("r1", d);
                    self.fp("r3", buf);
                    self.l(format!("r4 = {len}"));
                    self.l("call kfunc bpf_dynptr_slice");
                    let sk = self.label();
                    self.l(format!("if r0 == 0 goto {sk}"));
                    self.l("r0 += r9");
                    self.l("r1 = *(u8 *)(r0 + 0)");
                    self.fold("r1");
                    self.place(&sk);
                }
                12 | 13 => {
                    // The series' advance / trim.
                    let n = self.dyn_arg(size, true, "r8");
                    self.fp("r1", d);
                    self.l(format!("r2 = {n}"));
                    self.l(format!(
                        "call {}",
                        if op == 12 {
                            "bpf_dynptr_advance"
                        } else {
                            "bpf_dynptr_trim"
                        }
                    ));
                    self.fold("r0");
                }
                14 => {
                    let f = self.rng.pick(&[
                        "bpf_dynptr_get_size",
                        "bpf_dynptr_get_offset",
                        "bpf_dynptr_is_null",
                        "bpf_dynptr_is_rdonly",
                    ]);
                    self.fp("r1", d);
                    self.l(format!("call {f}"));
                    self.fold("r0");
                    if f == "bpf_dynptr_get_size" && self.rng.chance(50) {
                        // The size bounds a read of the buffer.
                        self.l("r8 = r0");
                        let out = self.label();
                        self.l(format!("if r8 > 15 goto {out}"));
                        self.fp("r1", buf);
                        self.l("r1 += r8");
                        self.l("r2 = *(u8 *)(r1 + 0)");
                        self.fold("r2");
                        self.place(&out);
                    }
                }
                _ => {
                    // The series' iterator over d with a generated callback.
                    let cb = self.iter_callback();
                    self.l(format!("*(u64 *){} = 0", mem("r10", d2)));
                    self.fp("r1", d);
                    self.l(format!("r2 = {cb} ll"));
                    self.fp("r3", d2);
                    self.l("r4 = 0");
                    self.l("call bpf_dynptr_iterator");
                    self.fold("r0");
                    self.l(format!("r1 = *(u64 *){}", mem("r10", d2)));
                    self.fold("r1");
                }
            }
        }
        if kind == "rb" {
            let which = if cloned && self.rng.chance(40) {
                d1
            } else {
                d0
            };
            self.fp("r1", which);
            self.l("r2 = 0");
            self.l(format!(
                "call {}",
                self.rng.pick(&[
                    "bpf_ringbuf_submit_dynptr",
                    "bpf_ringbuf_submit_dynptr",
                    "bpf_ringbuf_discard_dynptr"
                ])
            ));
        }
        self.place(&skip);
    }

    /// A `bpf_dynptr_iterator` callback `(ptr, ctx)`: counts its calls in
    /// `*ctx`, maybe reads its view, returns how far to advance.
    fn iter_callback(&mut self) -> String {
        let name = format!("icb{}", self.funcs.len());
        let mut b: Vec<String> = vec!["r6 = r1".into(), "r7 = r2".into()];
        let stop = format!("{name}_stop");
        if self.rng.chance(80) {
            b.push("call bpf_dynptr_get_size".into());
            b.push(format!("if r0 == 0 goto {stop}"));
        }
        b.push("r1 = *(u64 *)(r7 + 0)".into());
        b.push("r1 += 1".into());
        b.push("*(u64 *)(r7 + 0) = r1".into());
        if self.rng.chance(50) {
            b.push("r1 = r10".into());
            b.push("r1 += -8".into());
            b.push("*(u64 *)(r10 - 8) = 0".into());
            b.push(format!("r2 = {}", self.rng.pick(&[1, 4, 8])));
            b.push("r3 = r6".into());
            b.push("r4 = 0".into());
            b.push("r5 = 0".into());
            b.push("call bpf_dynptr_read".into());
        }
        match self.rng.below(3) {
            0 => b.push(format!("r0 = {}", self.rng.pick(&[1, 4, 8, 100]))),
            1 => {
                b.push("r0 = *(u8 *)(r10 - 8)".into());
                b.push("r0 &= 7".into());
            }
            _ => {
                b.push("r0 = *(u64 *)(r7 + 0)".into());
            }
        }
        b.push("exit".into());
        b.push(format!("{stop}:"));
        b.push("r0 = 0".into());
        b.push("exit".into());
        self.funcs.push((name.clone(), b));
        name
    }

    // ---- callbacks ----------------------------------------------------------

    fn callback(&mut self) {
        if self.series && self.rng.chance(30) {
            // An iterator over a local dynptr.
            let d = self.base;
            let ctx = self.base + 16;
            let size = self.rng.pick(&[4, 8, 16, 32, GLOBAL_SIZE]);
            self.l(format!("r1 = {} ll", self.rng.pick(&["gbss", "gdata"])));
            self.l(format!("r2 = {size}"));
            self.l("r3 = 0");
            self.fp("r4", d);
            self.l("call bpf_dynptr_from_mem");
            let cb = self.iter_callback();
            self.l(format!("*(u64 *){} = 0", mem("r10", ctx)));
            self.fp("r1", d);
            self.l(format!("r2 = {cb} ll"));
            self.fp("r3", ctx);
            self.l("r4 = 0");
            self.l("call bpf_dynptr_iterator");
            self.fold("r0");
            self.l(format!("r1 = *(u64 *){}", mem("r10", ctx)));
            self.fold("r1");
            return;
        }
        // bpf_loop(nr, cb, ctx, 0) over a 64-byte context on the stack.
        let ctx = self.base;
        for k in 0..8 {
            if self.rng.chance(90) {
                self.l(format!("*(u64 *){} = 0", mem("r10", ctx + 8 * k)));
            }
        }
        let name = format!("lcb{}", self.funcs.len());
        let ret = format!("{name}_ret");
        let mut b: Vec<String> = Vec::new();
        let mut with_ctx = true;
        match self.rng.below(7) {
            0 => {
                // Count in ctx[0].
                b.push("r3 = *(u64 *)(r2 + 0)".into());
                b.push(self.rng.pick(&["r3 += r1", "r3 += 1"]).into());
                b.push("*(u64 *)(r2 + 0) = r3".into());
            }
            1 => {
                // ctx[index], the index masked or checked.
                if self.rng.chance(50) {
                    b.push(format!("r1 &= {}", self.rng.pick(&[7, 7, 15])));
                } else {
                    b.push(format!("if r1 > {} goto {ret}", self.rng.pick(&[6, 7, 8])));
                }
                b.push("r1 <<= 3".into());
                b.push("r2 += r1".into());
                b.push("*(u64 *)(r2 + 0) = r1".into());
            }
            2 => {
                // ctx[counter]: the counter is ctx[0], checked or not.
                b.push("r3 = *(u64 *)(r2 + 0)".into());
                if self.rng.chance(60) {
                    b.push(format!("if r3 > {} goto {ret}", self.rng.pick(&[5, 6, 7])));
                }
                b.push("r3 += 1".into());
                b.push("*(u64 *)(r2 + 0) = r3".into());
                b.push("r3 <<= 3".into());
                b.push("r4 = r2".into());
                b.push("r4 += r3".into());
                b.push(format!("if r3 > 56 goto {ret}"));
                b.push("r5 = *(u64 *)(r4 + 0)".into());
                b.push("r5 += r1".into());
                b.push("*(u64 *)(r4 + 0) = r5".into());
            }
            3 => {
                // A random number decides whether to stop.
                b.push("r6 = r2".into());
                b.push("call bpf_get_prandom_u32".into());
                b.push("r1 = *(u64 *)(r6 + 8)".into());
                b.push("r1 += r0".into());
                b.push("*(u64 *)(r6 + 8) = r1".into());
                b.push("r0 &= 1".into());
                b.push("exit".into());
            }
            4 => {
                // The callback's own stack, indexed by the loop index.
                b.push("*(u64 *)(r10 - 8) = r1".into());
                b.push("*(u64 *)(r10 - 16) = r1".into());
                b.push(format!(
                    "if r1 > {} goto {ret}",
                    self.rng.pick(&[7, 15, 16])
                ));
                b.push("r3 = r10".into());
                b.push("r3 += -16".into());
                b.push("r3 += r1".into());
                b.push("r0 = *(u8 *)(r3 + 0)".into());
                b.push("r4 = *(u64 *)(r2 + 0)".into());
                b.push("r4 += r0".into());
                b.push("*(u64 *)(r2 + 0) = r4".into());
            }
            5 => {
                // A value accumulated across iterations bounds an access.
                b.push("r3 = *(u64 *)(r2 + 8)".into());
                b.push(format!("r3 += {}", self.rng.pick(&[1, 4, 8])));
                b.push("*(u64 *)(r2 + 8) = r3".into());
                if self.rng.chance(50) {
                    b.push("r3 &= 63".into());
                }
                b.push("r4 = r2".into());
                b.push("r4 += r3".into());
                b.push(format!(
                    "if r3 > {} goto {ret}",
                    self.rng.pick(&[56, 60, 63])
                ));
                b.push("r5 = *(u8 *)(r4 + 0)".into());
            }
            _ => {
                with_ctx = false;
                b.push("r0 = 0".into());
                b.push(format!("if r1 < {} goto +1", self.rng.range(0, 6)));
                b.push("r0 = 1".into());
                b.push("exit".into());
            }
        }
        if b.last().map(String::as_str) != Some("exit") {
            b.push(format!("{ret}:"));
            b.push(format!("r0 = {}", self.rng.pick(&[0, 0, 0, 1])));
            b.push("exit".into());
        } else {
            b.push(format!("{ret}:"));
            b.push("r0 = 0".into());
            b.push("exit".into());
        }
        self.funcs.push((name.clone(), b));
        if self.rng.chance(60) {
            let nr = self.rng.pick(&[0, 1, 2, 3, 7, 8, 9, 32]);
            self.l(format!("r1 = {nr}"));
        } else {
            self.unknown("r8");
            self.l(format!("r8 &= {}", self.rng.pick(&[3, 15, 63])));
            self.l("r1 = r8");
        }
        self.l(format!("r2 = {name} ll"));
        if with_ctx || self.rng.chance(50) {
            self.fp("r3", ctx);
        } else {
            self.l("r3 = 0");
        }
        self.l("r4 = 0");
        self.l("call bpf_loop");
        self.fold("r0");
        for k in [0, 8] {
            self.l(format!("r1 = *(u64 *){}", mem("r10", ctx + k)));
            self.fold("r1");
        }
        if self.rng.chance(40) {
            // A value the callback computed indexes the caller's stack.
            self.l(format!("r1 = *(u64 *){}", mem("r10", ctx)));
            let out = self.label();
            if self.rng.chance(70) {
                self.l(format!("if r1 > 56 goto {out}"));
            }
            self.fp("r2", ctx);
            self.l("r2 += r1");
            self.l("r3 = *(u8 *)(r2 + 0)");
            self.fold("r3");
            self.place(&out);
        }
    }

    // ---- maps ---------------------------------------------------------------

    fn maps(&mut self) {
        let out = self.label();
        let key = self.base + 120;
        let val = self.base + 64;
        let hash = self.rng.chance(55);
        let (map, vsize) = if hash {
            ("hash", HASH_VALUE)
        } else {
            ("arr", ARR_VALUE)
        };
        if self.rng.chance(70) {
            self.unknown("r8");
            self.l(format!("r8 &= {}", self.rng.pick(&[3, 7, 15])));
            self.l(format!("*(u32 *){} = r8", mem("r10", key)));
        } else {
            let k = self.rng.range(0, 9);
            self.l(format!("*(u32 *){} = {k}", mem("r10", key)));
        }
        if self.rng.chance(35) {
            // Update (or insert) first.
            for k in 0..(vsize / 8) {
                self.l(format!("*(u64 *){} = r7", mem("r10", val + 8 * k)));
            }
            self.l(format!("r1 = {map} ll"));
            self.fp("r2", key);
            self.fp("r3", val);
            self.l(format!("r4 = {}", self.rng.pick(&[0, 0, 1, 2])));
            self.l("call bpf_map_update_elem");
            self.fold("r0");
        }
        self.l(format!("r1 = {map} ll"));
        self.fp("r2", key);
        self.l("call bpf_map_lookup_elem");
        if self.rng.chance(95) {
            self.l(format!("if r0 == 0 goto {out}"));
        }
        self.l("r9 = r0");
        if hash && self.rng.chance(25) {
            // Delete the element, then use the value pointer (RCU keeps it).
            self.l("r1 = hash ll");
            self.fp("r2", key);
            self.l("call bpf_map_delete_elem");
            self.fold("r0");
        }
        for _ in 0..self.rng.range(1, 3) {
            let (sz, ty) = self.rng.pick(SIZES);
            if self.rng.chance(30) {
                // A variable offset from the value itself.
                self.l(format!("r8 = *(u8 *){}", mem("r9", 0)));
                let m = self.rng.pick(&[3, 7, 8, 15]);
                self.l(format!("r8 &= {m}"));
                self.l("r1 = r9");
                self.l("r1 += r8");
                let write = self.rng.chance(40);
                self.access("r1", 0, sz, ty, write);
            } else {
                let off = if self.rng.chance(90) {
                    self.rng.range(0, (vsize - sz) / sz) * sz
                } else {
                    vsize - sz + self.rng.range(0, 2)
                };
                let write = self.rng.chance(40);
                self.access("r9", off, sz, ty, write);
            }
        }
        if self.rng.chance(20) {
            // An atomic add on the value.
            self.l("r1 = 1");
            self.l("lock *(u64 *)(r9 + 0) += r1");
        }
        self.place(&out);
    }

    // ---- packets ------------------------------------------------------------

    fn packet(&mut self) {
        let (d, e) = self.data_offsets();
        let out = self.label();
        match self.rng.below(5) {
            0 | 1 => {
                // A header length from the packet (IHL-style).
                self.l(format!("r2 = *(u32 *){}", mem("r6", d)));
                self.l(format!("r3 = *(u32 *){}", mem("r6", e)));
                let k1 = self.rng.pick(&[1, 2, 14, 15, 20, 34]);
                let k2 = self.rng.range(0, k1 - 1);
                self.l("r4 = r2");
                self.l(format!("r4 += {k1}"));
                self.l(format!("if r4 > r3 goto {out}"));
                self.l(format!("r8 = *(u8 *){}", mem("r2", k2)));
                match self.rng.below(4) {
                    0 => {
                        self.l("r8 &= 15");
                        self.l("r8 <<= 2");
                    }
                    1 => self.l("r8 &= 63"),
                    2 => {
                        self.l(format!(
                            "if r8 > {} goto {out}",
                            self.rng.pick(&[60, 64, 255])
                        ));
                    }
                    _ => {
                        self.l("r8 <<= 8");
                        self.l(format!("r8 |= {}", self.rng.range(0, 255)));
                        self.l("r8 &= 0x3ff");
                    }
                }
                self.l("r2 += r8");
                let n = self.rng.pick(&[1, 2, 4, 8, 20]);
                self.l("r4 = r2");
                self.l(format!("r4 += {n}"));
                match self.rng.below(3) {
                    0 => self.l(format!("if r4 > r3 goto {out}")),
                    1 => self.l(format!("if r3 < r4 goto {out}")),
                    _ => {
                        let ok = self.label();
                        self.l(format!("if r3 >= r4 goto {ok}"));
                        self.l(format!("goto {out}"));
                        self.place(&ok);
                    }
                }
                let fits: Vec<(i32, &str)> =
                    SIZES.iter().copied().filter(|(s, _)| *s <= n).collect();
                let (sz, ty) = self.rng.pick(&fits);
                let off = if self.rng.chance(90) {
                    self.rng.range(0, n - sz)
                } else {
                    n - sz + 1
                };
                let write = self.may_write_packet() && self.rng.chance(40);
                self.access("r2", off, sz, ty, write);
            }
            2 if self.t.is_skb() => {
                // ld_abs / ld_ind (r6 holds the context).
                for _ in 0..self.rng.range(1, 3) {
                    let ty = self.rng.pick(&["u8", "u16", "u32"]);
                    if self.rng.chance(50) {
                        let k = self.rng.pick(&[0, 12, 14, 23, 40, 60, 100]);
                        self.l(format!("r0 = *({ty} *)skb[{k}]"));
                    } else {
                        self.unknown("r8");
                        self.l(format!("r8 &= {}", self.rng.pick(&[15, 63, 255])));
                        let k = self.rng.range(0, 20);
                        self.l(format!("r0 = *({ty} *)skb[r8 + {k}]"));
                    }
                    self.fold("r0");
                }
            }
            3 if self.t == ProgType::Xdp => {
                // Move the head or the tail, then access again.
                let f = self
                    .rng
                    .pick(&["bpf_xdp_adjust_head", "bpf_xdp_adjust_tail"]);
                self.l("r1 = r6");
                if self.rng.chance(60) {
                    self.l(format!(
                        "r2 = {}",
                        self.rng.pick(&[-16, -8, 8, 14, 16, 100, -100])
                    ));
                } else {
                    self.unknown("r8");
                    self.l("r8 &= 31");
                    self.l("r8 -= 16");
                    self.l("r2 = r8");
                }
                self.l(format!("call {f}"));
                self.fold("r0");
                self.l(format!("r2 = *(u32 *){}", mem("r6", d)));
                self.l(format!("r3 = *(u32 *){}", mem("r6", e)));
                self.l("r4 = r2");
                self.l("r4 += 8");
                self.l(format!("if r4 > r3 goto {out}"));
                self.access("r2", self.rng.range(0, 4), 4, "u32", true);
            }
            3 if self.t == ProgType::Tc => {
                self.l("r1 = r6");
                if self.rng.chance(60) {
                    self.l(format!("r2 = {}", self.rng.pick(&[0, 14, 34, 64, 100])));
                } else {
                    self.unknown("r8");
                    self.l("r8 &= 127");
                    self.l("r2 = r8");
                }
                self.l("call bpf_skb_pull_data");
                self.fold("r0");
                self.l(format!("r2 = *(u32 *){}", mem("r6", d)));
                self.l(format!("r3 = *(u32 *){}", mem("r6", e)));
                self.l("r4 = r2");
                self.l("r4 += 20");
                self.l(format!("if r4 > r3 goto {out}"));
                self.access("r2", self.rng.range(0, 16), 4, "u32", true);
            }
            4 if self.t == ProgType::Xdp => {
                // The metadata in front of the packet.
                self.l("r2 = *(u32 *)(r6 + 8)");
                self.l("r3 = *(u32 *)(r6 + 0)");
                self.l("r4 = r2");
                let n = self.rng.pick(&[1, 4, 8]);
                self.l(format!("r4 += {n}"));
                self.l(format!("if r4 > r3 goto {out}"));
                self.access("r2", 0, 1, "u8", self.rng.chance(50));
            }
            _ => {
                // Walk the packet with a bounded loop of checks.
                self.l(format!("r2 = *(u32 *){}", mem("r6", d)));
                self.l(format!("r3 = *(u32 *){}", mem("r6", e)));
                self.l("r9 = 0");
                let head = self.label();
                self.place(&head);
                self.l("r4 = r2");
                self.l("r4 += 1");
                self.l(format!("if r4 > r3 goto {out}"));
                self.l("r1 = *(u8 *)(r2 + 0)");
                self.fold("r1");
                self.l("r2 += 1");
                self.l("r9 += 1");
                self.l(format!("if r9 < {} goto {head}", self.rng.range(1, 12)));
            }
        }
        self.place(&out);
    }

    // ---- bpf-to-bpf calls ---------------------------------------------------

    fn subprog(&mut self) {
        let name = format!("sub{}", self.funcs.len());
        let out = format!("{name}_out");
        let bound = self.rng.pick(&[7, 8, 15, 16, 56]);
        let (sz, ty) = self.rng.pick(SIZES);
        let mut b: Vec<String> = vec!["r0 = 0".into()];
        if self.rng.chance(85) {
            b.push(format!("if r2 > {bound} goto {out}"));
        }
        b.push("r1 += r2".into());
        if self.rng.chance(40) {
            b.push(format!("*({ty} *)(r1 + 0) = r2"));
        }
        b.push(format!("r0 = *({ty} *)(r1 + 0)"));
        b.push(format!("{out}:"));
        b.push("exit".into());
        let _ = sz;
        self.funcs.push((name.clone(), b));
        let skip = self.label();
        match self.rng.below(3) {
            0 => {
                let buf = self.base;
                for k in 0..8 {
                    self.l(format!("*(u64 *){} = r7", mem("r10", buf + 8 * k)));
                }
                self.fp("r1", buf);
            }
            1 => {
                self.l(format!("*(u32 *){} = 0", mem("r10", self.base + 124)));
                self.l("r1 = arr ll");
                self.fp("r2", self.base + 124);
                self.l("call bpf_map_lookup_elem");
                self.l(format!("if r0 == 0 goto {skip}"));
                self.l("r1 = r0");
            }
            _ => {
                self.l("r1 = gdata ll");
            }
        }
        self.l("r9 = r1");
        self.unknown("r8");
        if self.rng.chance(50) {
            self.l(format!("r8 &= {}", self.rng.pick(&[7, 15, 63])));
        }
        self.l("r1 = r9");
        self.l("r2 = r8");
        self.l(format!("call {name}"));
        self.fold("r0");
        self.place(&skip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generated_program_assembles() {
        for i in 0..3000 {
            let g = generate(11, i);
            if let Err(e) = g.program() {
                panic!("program {i} ({}) does not assemble: {e}", g.tag);
            }
        }
    }

    #[test]
    fn generation_is_deterministic_per_index() {
        assert_eq!(generate(3, 17).text, generate(3, 17).text);
        assert_ne!(generate(3, 17).text, generate(3, 18).text);
    }
}

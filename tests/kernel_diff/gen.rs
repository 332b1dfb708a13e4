//! The program generator of the differential test: random but plausible BPF
//! programs, deterministic from a seed, written as `__attribute__((naked))`
//! C functions with inline BPF assembly so that clang emits exactly the
//! instructions generated.
//!
//! A program is a prologue (`r6 = r1`, the context; `r7 = 0`, the
//! accumulator), one to three *snippets*, and `r0 = r7; exit`. Each snippet
//! comes from a family (ALU chains, stack, ctx, direct packet access, maps
//! and globals, ring buffer records, ring buffer / local / packet dynptrs,
//! `bpf_loop` callbacks and bpf-to-bpf calls, the number iterator) and owns
//! a 128-byte region of the stack. About half of the programs carry one
//! deliberate mistake in one snippet (a missing check, an off-by-one, a
//! leak, a use after release, a write through a read-only pointer, ...);
//! the generator does not predict the verdict: the kernel is the oracle.
//! Each snippet folds what it computed into r7, so a run's r0 shows it.
//!
//! Register discipline: r6 holds the context and r7 the accumulator
//! throughout; r8 and r9 belong to the running snippet (kept across calls);
//! r0-r5 are clobbered by calls.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// splitmix64: small, fast, and the same on every machine and Rust version.
/// The state is a `Cell` so that a draw can sit inside the arguments of a
/// `&mut self` call (`self.l(format!(.., self.rng.range(..)))`).
#[derive(Debug, Clone)]
pub struct Rng(Cell<u64>);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(Cell::new(seed))
    }

    /// The next 64 random bits.
    pub fn next_u64(&self) -> u64 {
        let mut z = self.0.get().wrapping_add(0x9e37_79b9_7f4a_7c15);
        self.0.set(z);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&self, lo: i32, hi: i32) -> i32 {
        let (lo, hi) = (i64::from(lo), i64::from(hi));
        (lo + self.below((hi - lo + 1) as u64) as i64) as i32
    }

    /// True with probability `percent` %.
    pub fn chance(&self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<T: Copy>(&self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }

    /// One element of `(element, weight)` pairs, by weight.
    pub fn weighted<T: Copy>(&self, table: &[(T, u64)]) -> T {
        let total: u64 = table.iter().map(|(_, w)| w).sum();
        let mut x = self.below(total);
        for (t, w) in table {
            if x < *w {
                return *t;
            }
            x -= w;
        }
        table[0].0
    }

    /// An immediate of the kind that finds edges: small (signed or not),
    /// a power of two or its neighbour, the 32-bit extremes.
    pub fn small_const(&self) -> i32 {
        match self.below(5) {
            0 => self.range(-4, 4),
            1 => self.range(0, 64),
            2 => self.pick(&[255, 256, 4095, 65535, 65536, i32::MAX, i32::MIN]),
            3 => self.range(-1000, 1000),
            _ => self.range(0, 16),
        }
    }

    /// A conditional jump's operator (`&` is `BPF_JSET`).
    pub fn cond(&self) -> &'static str {
        self.pick(&[
            "==", "!=", ">", ">=", "<", "<=", "s>", "s>=", "s<", "s<=", "&",
        ])
    }
}

/// The program types generated: all three can be test-run by the kernel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `SEC("tc")`: `struct __sk_buff`, packet writes allowed.
    Tc,
    /// `SEC("xdp")`: `struct xdp_md`.
    Xdp,
    /// `SEC("syscall")`: no packet, no context used.
    Syscall,
}

impl Section {
    /// The `SEC()` name.
    pub fn name(self) -> &'static str {
        match self {
            Section::Tc => "tc",
            Section::Xdp => "xdp",
            Section::Syscall => "syscall",
        }
    }

    fn has_packet(self) -> bool {
        self != Section::Syscall
    }

    /// Context offsets of `data` and `data_end`.
    fn data_offsets(self) -> (i32, i32) {
        match self {
            Section::Xdp => (0, 4),
            _ => (76, 80),
        }
    }
}

/// One generated program.
#[derive(Debug, Clone)]
pub struct GenProgram {
    /// The function (and program) name.
    pub name: String,
    /// Its section.
    pub section: Section,
    /// What it is made of: `family` or `family:mistake` per snippet, joined
    /// by `+` (known disagreements may be matched against it).
    pub tag: String,
    /// The bytes of the packet it runs on (tc and xdp only).
    pub packet: Option<Vec<u8>>,
    /// The body: one assembly statement or label per line.
    lines: Vec<String>,
    /// Helpers, kfuncs (`__imm`) and maps or globals (`__imm_addr`) named by
    /// `%[...]` in the body.
    imms: BTreeSet<(bool, &'static str)>,
}

impl GenProgram {
    /// The naked C function.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "/* {} */", self.tag);
        let _ = writeln!(s, "SEC(\"{}\")", self.section.name());
        let _ = writeln!(s, "__naked int {}(void)\n{{\n\tasm volatile (", self.name);
        for l in &self.lines {
            let l = l.clone();
            let _ = writeln!(s, "\t\"{l}\\n\"");
        }
        if !self.imms.is_empty() {
            let imms: Vec<String> = self
                .imms
                .iter()
                .map(|(addr, n)| {
                    if *addr {
                        format!("__imm_addr({n})")
                    } else {
                        format!("__imm({n})")
                    }
                })
                .collect();
            let _ = writeln!(s, "\t:: {}", imms.join(", "));
        }
        s.push_str("\t);\n}\n");
        s
    }
}

impl GenProgram {
    /// The program in the playground's assembler (`dynptr_play::asm`): the
    /// object's maps and globals as directives, the body with `%[name]`
    /// resolved (a declared kfunc as `call kfunc NAME`), `.8byte` as
    /// `.raw`, local labels (`1:`, `1f`, `1b`) made unique names, and the
    /// library functions it names appended. Assembled, it is the program
    /// clang builds from [`GenProgram::render`], without clang.
    pub fn render_asm(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "; {}", self.tag);
        let _ = writeln!(s, ".program {} {}", self.name, self.section.name());
        let _ = writeln!(
            s,
            ".map arr array key=4 value={ARR_VALUE} max_entries={ARR_ENTRIES}"
        );
        s.push_str(".map rb ringbuf max_entries=4096\n");
        let _ = writeln!(s, ".bss gbss {GLOBAL_SIZE}");
        for (dir, name, words) in [(".data", "gdata", GDATA), (".rodata", "grodata", GRODATA)] {
            let bytes: Vec<String> = words
                .iter()
                .flat_map(|w| w.to_le_bytes())
                .map(|b| b.to_string())
                .collect();
            let _ = writeln!(s, "{dir} {name} {GLOBAL_SIZE} = [{}]", bytes.join(", "));
        }
        let mut used: Vec<&str> = Vec::new();
        for l in &self.lines {
            let _ = writeln!(s, "\t{}", asm_line(l, "L", &mut used));
        }
        let mut i = 0;
        while i < used.len() {
            let name = used[i];
            if let Some((_, body)) = LIBRARY.iter().find(|(n, _)| *n == name) {
                let _ = writeln!(s, "{name}:");
                let prefix = format!("{name}_L");
                for l in *body {
                    let _ = writeln!(s, "\t{}", asm_line(l, &prefix, &mut used));
                }
            }
            i += 1;
        }
        s
    }
}

/// One line of a body in the playground's assembler (see
/// [`GenProgram::render_asm`]); library functions it names go to `used`.
fn asm_line(line: &str, label_prefix: &str, used: &mut Vec<&'static str>) -> String {
    if let Some(v) = line.strip_prefix(".8byte ") {
        return format!(".raw {v}");
    }
    let mut out = String::new();
    let mut rest = line;
    // A local label `N:` heads the line.
    if let Some((n, tail)) = rest.split_once(':') {
        if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
            let _ = write!(out, "{label_prefix}{n}:");
            rest = tail;
            if !rest.trim().is_empty() {
                out.push(' ');
            }
            rest = rest.trim_start();
        }
    }
    let mut words: Vec<String> = Vec::new();
    for w in rest.split(' ') {
        let w = if let Some(name) = w.strip_prefix("%[").and_then(|x| x.strip_suffix(']')) {
            if words.last().is_some_and(|p| p == "call") && KFUNCS.contains(&name) {
                format!("kfunc {name}")
            } else {
                name.to_string()
            }
        } else if words.last().is_some_and(|p| p == "goto")
            && w.len() > 1
            && (w.ends_with('f') || w.ends_with('b'))
            && w[..w.len() - 1].bytes().all(|b| b.is_ascii_digit())
        {
            format!("{label_prefix}{}", &w[..w.len() - 1])
        } else {
            w.to_string()
        };
        if let Some(&(name, _)) = LIBRARY.iter().find(|(n, _)| *n == w) {
            if !used.contains(&name) {
                used.push(name);
            }
        }
        words.push(w);
    }
    out.push_str(&words.join(" "));
    out
}

/// Size of the array map `arr`'s values.
pub const ARR_VALUE: i32 = 48;
/// Entries of `arr` (keys 0 and 1 exist; 2 looks up NULL).
pub const ARR_ENTRIES: i32 = 2;
/// Bytes of the globals `gbss` (.bss), `gdata` (.data) and `grodata` (.rodata).
pub const GLOBAL_SIZE: i32 = 32;

/// The `.data` image: random-looking but fixed, so that the verifier does
/// not know the values and a run sees them.
const GDATA: [u64; 4] = [
    0x0000_0000_0000_0005,
    0x8000_0000_0000_0010,
    0x0000_0000_ffff_fff3,
    0x1234_5678_9abc_def0,
];
/// The `.rodata` image (frozen by libbpf: the verifier knows its values).
const GRODATA: [u64; 4] = [3, 0xffff_ffff_ffff_fffe, 40, 0x7fff_ffff];

/// The callbacks (`cb_*`: `(index, ctx)` -> 0 to go on, 1 to stop, or a
/// wrong value) and bpf-to-bpf subprograms (`sub_*`) the snippets call, as
/// (name, instructions); `1:` / `1f` is a local label.
pub const LIBRARY: &[(&str, &[&str])] = &[
    ("cb_zero", &["r0 = 0", "exit"]),
    ("cb_one", &["r0 = 1", "exit"]),
    (
        "cb_stop3",
        &["r0 = 0", "if r1 < 2 goto 1f", "r0 = 1", "1: exit"],
    ),
    (
        "cb_count",
        &[
            "r3 = *(u64 *)(r2 + 0)",
            "r3 += r1",
            "r3 += 1",
            "*(u64 *)(r2 + 0) = r3",
            "r0 = 0",
            "exit",
        ],
    ),
    ("cb_two", &["r0 = 2", "exit"]),
    ("cb_index", &["r0 = r1", "exit"]),
    ("cb_noret", &["exit"]),
    ("cb_wide", &["r0 = 0x100000000 ll", "exit"]),
    ("sub_add", &["r0 = r1", "r0 += r2", "exit"]),
    ("sub_read", &["r0 = *(u64 *)(r1 + 0)", "exit"]),
    ("sub_write", &["*(u64 *)(r1 + 0) = r2", "r0 = 0", "exit"]),
    ("sub_ptr", &["r0 = r1", "exit"]),
    (
        "sub_stack",
        &[
            "r1 = 9",
            "*(u64 *)(r10 - 8) = r1",
            "r0 = *(u64 *)(r10 - 8)",
            "exit",
        ],
    ),
];

/// The kfuncs the object declares (`__ksym`): a `call %[name]` of one of
/// these is a kfunc call, any other a helper call.
pub const KFUNCS: &[&str] = &[
    "bpf_dynptr_from_skb",
    "bpf_dynptr_from_xdp",
    "bpf_dynptr_slice",
    "bpf_dynptr_slice_rdwr",
    "bpf_dynptr_adjust",
    "bpf_dynptr_is_null",
    "bpf_dynptr_is_rdonly",
    "bpf_dynptr_size",
    "bpf_dynptr_clone",
    "bpf_dynptr_memset",
    "bpf_dynptr_copy",
    "bpf_iter_num_new",
    "bpf_iter_num_next",
    "bpf_iter_num_destroy",
];

/// The C text every object starts with: includes, kfunc declarations,
/// maps, globals, the callback and subprogram library, and a program (never
/// loaded) that calls each kfunc from C so that clang emits the BTF libbpf
/// needs to resolve them (kfuncs named only in inline assembly get none).
pub fn object_header() -> String {
    let mut s = String::from(
        r#"/* Generated by tests/kernel_diff/gen.rs: do not edit. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define __naked __attribute__((naked))
#define __imm(name) [name]"i"(name)
#define __imm_addr(name) [name]"i"(&name)
#define __lib static __naked __attribute__((used, noinline))

struct bpf_iter_num {
	__u64 __opaque[1];
} __attribute__((aligned(8)));

extern int bpf_dynptr_from_skb(struct __sk_buff *skb, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym;
extern int bpf_dynptr_from_xdp(struct xdp_md *xdp, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym;
extern void *bpf_dynptr_slice(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt, __u32 buffer__szk) __ksym;
extern void *bpf_dynptr_slice_rdwr(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt, __u32 buffer__szk) __ksym;
extern int bpf_dynptr_adjust(const struct bpf_dynptr *p, __u32 start, __u32 end) __ksym;
extern _Bool bpf_dynptr_is_null(const struct bpf_dynptr *p) __ksym;
extern _Bool bpf_dynptr_is_rdonly(const struct bpf_dynptr *p) __ksym;
extern __u32 bpf_dynptr_size(const struct bpf_dynptr *p) __ksym;
extern int bpf_dynptr_clone(const struct bpf_dynptr *p, struct bpf_dynptr *clone__uninit) __ksym;
extern int bpf_dynptr_memset(struct bpf_dynptr *p, __u32 offset, __u32 size, __u8 val) __ksym;
extern int bpf_dynptr_copy(struct bpf_dynptr *dst_ptr, __u32 dst_off, struct bpf_dynptr *src_ptr, __u32 src_off, __u32 size) __ksym;
extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __ksym;
extern int *bpf_iter_num_next(struct bpf_iter_num *it) __ksym;
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u8[48]);
} arr SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

__u64 gbss[4];
"#,
    );
    let _ = writeln!(
        s,
        "__u64 gdata[4] = {{ {} }};",
        GDATA.map(|v| format!("{v:#x}ull")).join(", ")
    );
    let _ = writeln!(
        s,
        "const volatile __u64 grodata[4] = {{ {} }};\n",
        GRODATA.map(|v| format!("{v:#x}ull")).join(", ")
    );
    s.push_str("/* bpf_loop callbacks: (index, ctx) -> 0 to go on, 1 to stop; then bpf-to-bpf subprograms. */\n");
    for (name, body) in LIBRARY {
        let _ = writeln!(
            s,
            "__lib int {name}(void) {{ asm volatile (\"{}\"); }}",
            body.join("; ") + ";"
        );
    }
    s.push_str(
        r#"
SEC("tc")
int kfunc_btf_root(struct __sk_buff *skb)
{
	struct bpf_dynptr d, c;
	struct bpf_iter_num it;

	bpf_dynptr_from_skb(skb, 0, &d);
	bpf_dynptr_from_xdp((void *)skb, 0, &d);
	bpf_dynptr_slice(&d, 0, 0, 0);
	bpf_dynptr_slice_rdwr(&d, 0, 0, 0);
	bpf_dynptr_adjust(&d, 0, 0);
	bpf_dynptr_is_null(&d);
	bpf_dynptr_is_rdonly(&d);
	bpf_dynptr_size(&d);
	bpf_dynptr_clone(&d, &c);
	bpf_dynptr_memset(&d, 0, 0, 0);
	bpf_dynptr_copy(&d, 0, &c, 0, 0);
	bpf_iter_num_new(&it, 0, 0);
	bpf_iter_num_next(&it);
	bpf_iter_num_destroy(&it);
	return 0;
}

"#,
    );
    s
}

/// The C text every object ends with.
pub fn object_footer() -> &'static str {
    "char _license[] SEC(\"license\") = \"GPL\";\n"
}

/// The programs of one run: `count` programs from `seed`, program `i`
/// drawn from its own stream (so that a program does not change when the
/// count does).
pub fn generate(seed: u64, count: usize) -> Vec<GenProgram> {
    (0..count).map(|i| generate_one(seed, i as u64)).collect()
}

/// Program `i` of the stream `seed` (the one [`generate`] puts at `i`).
pub fn generate_one(seed: u64, i: u64) -> GenProgram {
    let mut rng = Rng::new(seed ^ i.wrapping_mul(0xa076_1d64_78bd_642f));
    // Warm up so that nearby seeds diverge.
    rng.next_u64();
    gen_program(&mut rng, format!("g{i:05}"))
}

/// The playground's default frame (Ethernet / IPv4 / UDP, 50 bytes), kept
/// in step with `world::packet::default_frame` by the caller.
pub fn gen_packet(rng: &Rng, frame: &[u8]) -> Vec<u8> {
    let mut p = frame.to_vec();
    match rng.below(4) {
        0 | 1 => p,
        2 => {
            let n = rng.pick(&[14usize, 20, 34, 42]);
            p.truncate(n);
            if n < 34 {
                // A tc test run refuses an IPv4 frame without a whole IPv4
                // header (EINVAL): call it an experimental EtherType.
                p[12..14].copy_from_slice(&[0x88, 0xb5]);
            }
            p
        }
        _ => {
            let extra = rng.range(1, 80) as usize;
            for _ in 0..extra {
                p.push(rng.below(256) as u8);
            }
            p
        }
    }
}

/// Families of snippets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Alu,
    Stack,
    Ctx,
    Pkt,
    Map,
    Global,
    Ringbuf,
    RbDynptr,
    LocalDynptr,
    PktDynptr,
    Loop,
    Call,
    Iter,
}

impl Family {
    fn name(self) -> &'static str {
        match self {
            Family::Alu => "alu",
            Family::Stack => "stack",
            Family::Ctx => "ctx",
            Family::Pkt => "pkt",
            Family::Map => "map",
            Family::Global => "global",
            Family::Ringbuf => "ringbuf",
            Family::RbDynptr => "rbdynptr",
            Family::LocalDynptr => "localdynptr",
            Family::PktDynptr => "pktdynptr",
            Family::Loop => "loop",
            Family::Call => "call",
            Family::Iter => "iter",
        }
    }
}

/// (family, weight): dynptrs and packets weigh most.
const FAMILIES: &[(Family, u64)] = &[
    (Family::Alu, 10),
    (Family::Stack, 8),
    (Family::Ctx, 5),
    (Family::Pkt, 12),
    (Family::Map, 8),
    (Family::Global, 5),
    (Family::Ringbuf, 6),
    (Family::RbDynptr, 12),
    (Family::LocalDynptr, 10),
    (Family::PktDynptr, 14),
    (Family::Loop, 6),
    (Family::Call, 4),
    (Family::Iter, 6),
];

fn gen_program(rng: &mut Rng, name: String) -> GenProgram {
    let section = match rng.below(10) {
        0..=3 => Section::Tc,
        4..=7 => Section::Xdp,
        _ => Section::Syscall,
    };
    let mut g = Gen {
        rng: rng.clone(),
        section,
        lines: Vec::new(),
        imms: BTreeSet::new(),
        next_label: 1,
        tags: Vec::new(),
        ops: Vec::new(),
    };
    let snippets = g.rng.range(1, 3) as usize;
    let broken = if g.rng.chance(50) {
        Some(g.rng.below(snippets as u64) as usize)
    } else {
        None
    };
    g.l("r6 = r1");
    if broken.is_some() && g.rng.chance(2) {
        g.tags.push("prologue:no_r7".into());
    } else {
        g.l("r7 = 0");
    }
    for k in 0..snippets {
        let base = -128 * (k as i32 + 1);
        let fam = g.pick_family();
        let mistake = broken == Some(k);
        g.snippet(fam, base, mistake);
    }
    g.l("r0 = r7");
    g.l("exit");
    *rng = g.rng.clone();
    GenProgram {
        name,
        section,
        tag: g.tags.join("+"),
        packet: None,
        lines: g.lines,
        imms: g.imms,
    }
}

/// The kfuncs returning a 32-bit `int` / `u32` (see [`Gen::call`]).
const INT_KFUNCS: &[&str] = &[
    "bpf_dynptr_from_skb",
    "bpf_dynptr_from_xdp",
    "bpf_dynptr_adjust",
    "bpf_dynptr_clone",
    "bpf_dynptr_size",
    "bpf_dynptr_memset",
    "bpf_dynptr_copy",
    "bpf_iter_num_new",
];

/// Sizes of memory accesses.
pub const SIZES: &[(i32, &str)] = &[(1, "u8"), (2, "u16"), (4, "u32"), (8, "u64")];

/// `(r10 - 8)` / `(r2 + 4)`.
pub fn mem(reg: &str, off: i32) -> String {
    if off < 0 {
        format!("({reg} - {})", -(off as i64))
    } else {
        format!("({reg} + {off})")
    }
}

/// One BPF instruction as raw bytes (`.8byte`), for what clang 14's
/// assembler cannot spell (BPF_ST, atomic fetch operations).
fn raw(code: u8, dst: u8, src: u8, off: i16, imm: i32) -> String {
    let v = u64::from(code)
        | (u64::from(dst & 0xf | (src & 0xf) << 4) << 8)
        | (u64::from(off as u16) << 16)
        | (u64::from(imm as u32) << 32);
    format!(".8byte {v:#018x}")
}

struct Gen {
    rng: Rng,
    section: Section,
    lines: Vec<String>,
    imms: BTreeSet<(bool, &'static str)>,
    next_label: u32,
    tags: Vec<String>,
    /// The dynptr operations of the running snippet, for its tag.
    ops: Vec<&'static str>,
}

impl Gen {
    fn l(&mut self, s: impl Into<String>) {
        self.lines.push(s.into());
    }

    fn label(&mut self) -> u32 {
        let n = self.next_label;
        self.next_label += 1;
        n
    }

    fn place(&mut self, label: u32) {
        self.lines.push(format!("{label}:"));
    }

    fn call(&mut self, f: &'static str) {
        self.imms.insert((false, f));
        self.l(format!("call %[{f}]"));
        if INT_KFUNCS.contains(&f) {
            // A kfunc returning a 32-bit int leaves the upper half of r0
            // as the native code left it (garbage, in the kernel): keep
            // the low half only, as clang does.
            self.l("w0 = w0");
        }
    }

    fn ld_addr(&mut self, reg: &str, sym: &'static str) {
        self.imms.insert((true, sym));
        self.l(format!("{reg} = %[{sym}] ll"));
    }

    /// `reg = r10 + off`.
    fn fp(&mut self, reg: &str, off: i32) {
        self.l(format!("{reg} = r10"));
        self.l(format!("{reg} += {off}"));
    }

    fn pick_family(&mut self) -> Family {
        loop {
            let fam = self.rng.weighted(FAMILIES);
            let needs_packet = matches!(fam, Family::Pkt | Family::PktDynptr | Family::Ctx);
            if !needs_packet || self.section.has_packet() {
                return fam;
            }
        }
    }

    /// Picks a mistake among `options` when `mistake` is set, else "".
    fn mistake(&mut self, mistake: bool, options: &[&'static str]) -> &'static str {
        if mistake {
            self.rng.pick(options)
        } else {
            ""
        }
    }

    fn snippet(&mut self, fam: Family, base: i32, mistake: bool) {
        self.ops.clear();
        let m = match fam {
            Family::Alu => self.alu(base, mistake),
            Family::Stack => self.stack(base, mistake),
            Family::Ctx => self.ctx(mistake),
            Family::Pkt => self.pkt(base, mistake),
            Family::Map => self.map(base, mistake),
            Family::Global => self.global(mistake),
            Family::Ringbuf => self.ringbuf(mistake),
            Family::RbDynptr => self.rb_dynptr(base, mistake),
            Family::LocalDynptr => self.local_dynptr(base, mistake),
            Family::PktDynptr => self.pkt_dynptr(base, mistake),
            Family::Loop => self.bpf_loop(base, mistake),
            Family::Call => self.subcall(base, mistake),
            Family::Iter => self.iter(base, mistake),
        };
        let mut tag = fam.name().to_string();
        if fam == Family::Alu {
            // What kinds of operation, not how many.
            self.ops.sort_unstable();
            self.ops.dedup();
        }
        if !self.ops.is_empty() {
            tag = format!("{tag}[{}]", self.ops.join(","));
        }
        if !m.is_empty() {
            tag = format!("{tag}:{m}");
        }
        self.tags.push(tag);
    }

    /// An unknown (to the verifier) but deterministic scalar into `reg`:
    /// skb->len, a `.data` global, the packet's length, or a constant
    /// (plain or from the frozen `.rodata`).
    fn scalar_src(&mut self, reg: &str) {
        match self.rng.below(6) {
            0 if self.section == Section::Tc => self.l(format!("{reg} = *(u32 *)(r6 + 0)")),
            0 | 1 => {
                let i = self.rng.below(4) as i32;
                self.ld_addr(reg, "gdata");
                self.l(format!("{reg} = *(u64 *){}", mem(reg, 8 * i)));
            }
            2 => {
                let i = self.rng.below(4) as i32;
                self.ld_addr(reg, "grodata");
                self.l(format!("{reg} = *(u64 *){}", mem(reg, 8 * i)));
            }
            3 => {
                let i = self.rng.below(4) as i32;
                self.ld_addr(reg, "gdata");
                self.l(format!("{reg} = *(u32 *){}", mem(reg, 8 * i + 4)));
            }
            _ => {
                let v = self.rng.small_const();
                self.l(format!("{reg} = {v}"));
            }
        }
    }

    /// Adds `reg` to the accumulator (or xors, or adds its low half).
    fn fold(&mut self, reg: &str) {
        match self.rng.below(4) {
            0 => self.l(format!("r7 ^= {reg}")),
            1 => {
                self.l("r7 <<= 3".to_string());
                self.l(format!("r7 += {reg}"));
            }
            _ => self.l(format!("r7 += {reg}")),
        }
    }

    // ---- ALU chains ------------------------------------------------------

    /// One ALU instruction on `dst` (`r8`), with `other` or an immediate.
    /// clang 14's assembler has no `%=`: modulo is written raw.
    fn alu_op(&mut self, dst: &str, other: &str) {
        let regno = |r: &str| r[1..].parse::<u8>().unwrap_or(0);
        let wide = self.rng.chance(70);
        let (d, o) = if wide {
            (format!("r{}", &dst[1..]), format!("r{}", &other[1..]))
        } else {
            (format!("w{}", &dst[1..]), format!("w{}", &other[1..]))
        };
        let ops = [
            "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "<<=", ">>=", "s>>=",
        ];
        let op = self.rng.pick(&ops);
        match self.rng.below(10) {
            0 => {
                self.ops.push("neg");
                self.l(format!("{d} = -{d}"));
            }
            1 => {
                self.ops.push("bswap");
                let w = self
                    .rng
                    .pick(&["be16", "be32", "be64", "le16", "le32", "le64"]);
                self.l(format!(
                    "{} = {w} {}",
                    &d.replacen('w', "r", 1),
                    &d.replacen('w', "r", 1)
                ));
            }
            2..=5 if op == "%=" => {
                // BPF_MOD | BPF_X, 64 or 32 bits.
                self.l(raw(
                    if wide { 0x9f } else { 0x9c },
                    regno(dst),
                    regno(other),
                    0,
                    0,
                ));
            }
            2..=5 => {
                if matches!(op, "*=" | "|=" | "^=") {
                    self.ops.push("regop");
                }
                self.l(format!("{d} {op} {o}"));
            }
            _ if op == "%=" => {
                let imm = self.rng.range(1, 17);
                self.l(raw(if wide { 0x97 } else { 0x94 }, regno(dst), 0, 0, imm));
            }
            _ => {
                let imm = if op.contains("<<") || op.contains(">>") {
                    self.rng.range(0, if wide { 63 } else { 31 })
                } else if op == "/=" || op == "%=" {
                    self.rng.range(1, 17)
                } else {
                    self.rng.small_const()
                };
                self.l(format!("{d} {op} {imm}"));
            }
        }
    }

    fn alu(&mut self, base: i32, mistake: bool) -> &'static str {
        let m = self.mistake(
            mistake,
            &[
                "uninit_reg",
                "shift_too_far",
                "div_by_zero_imm",
                "ptr_mul",
                "ptr32",
                "unbounded_index",
                "off_by_one_index",
                "ptr_return",
            ],
        );
        self.scalar_src("r8");
        if m != "uninit_reg" {
            self.scalar_src("r9");
        }
        let n = self.rng.range(2, 8);
        for i in 0..n {
            if i == n / 2 && m == "uninit_reg" {
                self.l("r8 += r9");
            }
            if self.rng.chance(20) {
                let skip = self.label();
                let c = self.rng.cond();
                let wide = if self.rng.chance(70) { "r" } else { "w" };
                let imm = self.rng.small_const();
                if c == "&" {
                    // No `&` (BPF_JSET) in clang 14's assembler: raw, over
                    // the one instruction alu_op emits.
                    let code = if wide == "r" { 0x45 } else { 0x46 };
                    self.l(raw(code, 8, 0, 1, imm));
                } else {
                    self.l(format!("if {wide}8 {c} {imm} goto {skip}f"));
                }
                self.alu_op("r8", "r9");
                self.place(skip);
            } else if self.rng.chance(50) {
                self.alu_op("r8", "r9");
            } else {
                self.alu_op("r9", "r8");
            }
        }
        match m {
            "shift_too_far" => self.l(format!("r8 <<= {}", self.rng.range(64, 70))),
            "div_by_zero_imm" => self.l(raw(0x37, 8, 0, 0, 0)), // r8 /= 0
            "ptr_mul" => {
                self.l("r9 = r10");
                self.l(format!("r9 *= {}", self.rng.range(2, 4)));
            }
            "ptr32" => {
                self.l("r9 = r10");
                self.l("w9 += 8");
            }
            "ptr_return" => {
                self.l("r7 = r10");
            }
            _ => {}
        }
        // Use r8 as an index into an initialised stack buffer of 16 bytes.
        if self.rng.chance(45) || matches!(m, "unbounded_index" | "off_by_one_index") {
            let buf = base + 32;
            for k in 0..2 {
                self.l(format!("*(u64 *){} = r7", mem("r10", buf + 8 * k)));
            }
            match m {
                "unbounded_index" => {}
                "off_by_one_index" => {
                    let skip = self.label();
                    self.l(format!("if r8 > 16 goto {skip}f"));
                    self.fp("r1", buf);
                    self.l("r1 += r8");
                    self.l("r2 = *(u8 *)(r1 + 0)");
                    self.fold("r2");
                    self.place(skip);
                    return m;
                }
                _ => {
                    if self.rng.chance(50) {
                        self.l("r8 &= 15");
                    } else {
                        let skip = self.label();
                        self.l(format!("if r8 > 15 goto {skip}f"));
                        self.fp("r1", buf);
                        self.l("r1 += r8");
                        self.l("r2 = *(u8 *)(r1 + 0)");
                        self.fold("r2");
                        self.place(skip);
                        return m;
                    }
                }
            }
            self.fp("r1", buf);
            self.l("r1 += r8");
            self.l("r2 = *(u8 *)(r1 + 0)");
            self.fold("r2");
        } else {
            self.fold("r8");
            if self.rng.chance(40) {
                self.fold("r9");
            }
        }
        m
    }

    // ---- stack -----------------------------------------------------------

    fn stack(&mut self, base: i32, mistake: bool) -> &'static str {
        let m = self.mistake(
            mistake,
            &[
                "misaligned",
                "below_frame",
                "above_frame",
                "write_fp",
                "partial_spill_deref",
                "uninit_read",
                "ptr_spill_32",
                "var_off_uninit",
            ],
        );
        // A few writes of every size, some by BPF_ST (raw).
        let n = self.rng.range(2, 5);
        // (offset, size, a pointer was spilled there).
        let mut written: Vec<(i32, i32, bool)> = Vec::new();
        for _ in 0..n {
            let (sz, ty) = self.rng.pick(SIZES);
            let slot = self.rng.range(0, 15) * 8;
            let off = base
                + slot
                + if sz < 8 {
                    self.rng.below((8 / sz) as u64) as i32 * sz
                } else {
                    0
                };
            if self.rng.chance(30) {
                let code = match sz {
                    1 => 0x72,
                    2 => 0x6a,
                    4 => 0x62,
                    _ => 0x7a,
                };
                let imm = self.rng.small_const();
                self.l(raw(code, 10, 0, off as i16, imm));
            } else {
                let src = self.rng.pick(&["r7", "r7", "r6", "r10"]);
                let src = if sz < 8 && src != "r7" { "r7" } else { src };
                self.l(format!("*({ty} *){} = {src}", mem("r10", off)));
                if src != "r7" {
                    // A spilled pointer: read back below, but not folded.
                    written.push((off, sz, true));
                    continue;
                }
            }
            written.push((off, sz, false));
        }
        // Spill the context, fill it back, read skb->len / xdp data through it.
        if self.section != Section::Syscall && self.rng.chance(40) {
            let off = base + 120;
            self.l(format!("*(u64 *){} = r6", mem("r10", off)));
            if m == "partial_spill_deref" {
                self.l(raw(0x72, 10, 0, off as i16, 1)); // *(u8 *)(r10 + off) = 1
            }
            if m == "ptr_spill_32" {
                self.l(format!("*(u32 *){} = r6", mem("r10", off)));
            }
            self.l(format!("r1 = *(u64 *){}", mem("r10", off)));
            let field = if self.section == Section::Tc { 0 } else { 12 };
            self.l(format!("r2 = *(u32 *)(r1 + {field})"));
            self.fold("r2");
        }
        // Read back what was written.
        for &(off, sz, ptr) in written.iter().take(3) {
            let ty = SIZES
                .iter()
                .find(|(s, _)| *s == sz)
                .map_or("u8", |(_, t)| *t);
            self.l(format!("r1 = *({ty} *){}", mem("r10", off)));
            if !ptr && self.rng.chance(60) {
                self.fold("r1");
            }
        }
        match m {
            "misaligned" => {
                let off = base + 8 * self.rng.range(0, 14) + self.rng.pick(&[1, 2, 3, 4, 6]);
                self.l(format!("r1 = *(u64 *){}", mem("r10", off)));
                self.fold("r1");
            }
            "below_frame" => self.l(format!(
                "*(u64 *){} = r7",
                mem("r10", self.rng.pick(&[-520, -513, -516, -1024]))
            )),
            "above_frame" => self.l(format!(
                "r1 = *(u32 *){}",
                mem("r10", self.rng.pick(&[0, 4, 8, -2]))
            )),
            "write_fp" => self.l("r10 = r7"),
            "uninit_read" => {
                let off = base + 8 * self.rng.range(0, 15);
                if !written.iter().any(|&(o, _, _)| o / 8 == off / 8) {
                    self.l(format!("r1 = *(u64 *){}", mem("r10", off)));
                    self.fold("r1");
                }
            }
            "var_off_uninit" => {
                self.scalar_src("r8");
                self.l("r8 &= 31");
                self.fp("r1", base);
                self.l("r1 += r8");
                self.l("r2 = *(u8 *)(r1 + 0)");
                self.fold("r2");
            }
            _ => {}
        }
        // An atomic add, and sometimes a fetch/xchg/cmpxchg (raw), on a slot.
        if self.rng.chance(30) {
            let off = base + 112;
            self.l(format!("*(u64 *){} = r7", mem("r10", off)));
            self.l("r1 = 3");
            match self.rng.below(4) {
                0 => self.l(format!("lock *(u64 *){} += r1", mem("r10", off))),
                1 => self.l(raw(0xdb, 10, 1, off as i16, 0x01)), // fetch add
                2 => self.l(raw(0xdb, 10, 1, off as i16, 0xe1)), // xchg
                _ => {
                    self.l("r0 = r7");
                    self.l(raw(0xdb, 10, 1, off as i16, 0xf1)); // cmpxchg
                    self.fold("r0");
                }
            }
            self.fold("r1");
            self.l(format!("r1 = *(u64 *){}", mem("r10", off)));
            self.fold("r1");
        }
        m
    }

    // ---- context ---------------------------------------------------------

    fn ctx(&mut self, mistake: bool) -> &'static str {
        let m = self.mistake(
            mistake,
            &[
                "write_ro_field",
                "bad_offset",
                "modified_ctx",
                "narrow_pkt_ptr",
                "wide_read",
            ],
        );
        // Fields whose test-run values are known on both sides.
        let (reads, writes): (&[(i32, i32)], &[i32]) = match self.section {
            Section::Tc => (
                &[
                    (0, 4),
                    (0, 1),
                    (0, 2),
                    (8, 4),
                    (16, 4),
                    (16, 2),
                    (48, 4),
                    (56, 4),
                    (32, 4),
                ],
                &[8, 32, 48, 52, 60, 64],
            ),
            _ => (&[(16, 4), (16, 1)], &[]),
        };
        for _ in 0..self.rng.range(1, 3) {
            if !writes.is_empty() && self.rng.chance(40) {
                let off = self.rng.pick(writes);
                self.l(format!("*(u32 *){} = r7", mem("r6", off)));
            }
            let (off, sz) = self.rng.pick(reads);
            let ty = SIZES
                .iter()
                .find(|(s, _)| *s == sz)
                .map_or("u32", |(_, t)| *t);
            self.l(format!("r1 = *({ty} *){}", mem("r6", off)));
            self.fold("r1");
        }
        match m {
            "write_ro_field" => {
                let off = match self.section {
                    Section::Tc => self.rng.pick(&[0, 4, 16, 76, 80]),
                    _ => self.rng.pick(&[0, 4, 12]),
                };
                self.l(format!("*(u32 *){} = r7", mem("r6", off)));
            }
            "bad_offset" => {
                let off = match self.section {
                    Section::Tc => self.rng.pick(&[2, 192, 200, -4, 100, 172]),
                    _ => self.rng.pick(&[2, 24, 28, -4, 9]),
                };
                self.l(format!("r1 = *(u32 *){}", mem("r6", off)));
                self.fold("r1");
            }
            "modified_ctx" => {
                self.l("r1 = r6");
                self.l("r1 += 4");
                self.l("r2 = *(u32 *)(r1 + 0)");
                self.fold("r2");
            }
            "narrow_pkt_ptr" => {
                let (data, _) = self.section.data_offsets();
                self.l(format!("r1 = *(u16 *){}", mem("r6", data)));
                self.fold("r1");
            }
            "wide_read" => {
                self.l("r1 = *(u64 *)(r6 + 0)");
                self.fold("r1");
            }
            _ => {}
        }
        m
    }

    // ---- direct packet access --------------------------------------------

    fn pkt(&mut self, _base: i32, mistake: bool) -> &'static str {
        let m = self.mistake(
            mistake,
            &[
                "off_by_one",
                "no_check",
                "wrong_branch",
                "var_off_after_check",
                "after_invalidate",
                "ptr_cmp32",
                "end_arith",
                "big_offset",
            ],
        );
        let (data, end) = self.section.data_offsets();
        // Both orders of loading.
        if self.rng.chance(50) {
            self.l(format!("r2 = *(u32 *){}", mem("r6", data)));
            self.l(format!("r3 = *(u32 *){}", mem("r6", end)));
        } else {
            self.l(format!("r3 = *(u32 *){}", mem("r6", end)));
            self.l(format!("r2 = *(u32 *){}", mem("r6", data)));
        }
        // A bounded variable offset added before the check.
        let var = self.rng.chance(25) || m == "var_off_after_check";
        if var && m != "var_off_after_check" {
            self.scalar_src("r8");
            self.l(format!("r8 &= {}", self.rng.pick(&[3, 7, 15, 31])));
            self.l("r2 += r8");
        }
        let n = self.rng.pick(&[1, 2, 4, 8, 14, 20, 34, 42, 50, 60, 64]);
        let skip = self.label();
        self.l("r4 = r2");
        if m == "big_offset" {
            self.l(format!(
                "r4 += {}",
                self.rng.pick(&[0xffff, 0x10000, 0x7fffffff])
            ));
        } else {
            self.l(format!("r4 += {n}"));
        }
        let accessible = match (m, self.rng.below(4)) {
            ("no_check", _) => true,
            ("ptr_cmp32", _) => {
                self.l(format!("if w4 > w3 goto {skip}f"));
                true
            }
            ("wrong_branch", _) => {
                // The access sits on the branch where r4 > r3.
                self.l(format!("if r4 <= r3 goto {skip}f"));
                true
            }
            (_, 0) => {
                self.l(format!("if r4 > r3 goto {skip}f"));
                true
            }
            (_, 1) => {
                self.l(format!("if r3 < r4 goto {skip}f"));
                true
            }
            (_, 2) => {
                // if r4 <= r3 goto ok; goto skip; ok:
                let ok = self.label();
                self.l(format!("if r4 <= r3 goto {ok}f"));
                self.l(format!("goto {skip}f"));
                self.place(ok);
                true
            }
            _ => {
                self.l("if r3 >= r4 goto +1".to_string());
                self.l(format!("goto {skip}f"));
                true
            }
        };
        if accessible {
            if m == "var_off_after_check" {
                self.scalar_src("r8");
                self.l("r8 &= 7");
                self.l("r2 += r8");
            }
            if m == "after_invalidate" {
                if self.section == Section::Tc {
                    self.l("r1 = r6");
                    self.l("r2 = 0");
                    self.call("bpf_skb_pull_data");
                } else {
                    self.l("r9 = r2");
                    self.l("r1 = r6");
                    self.l("r2 = 0");
                    self.call("bpf_xdp_adjust_head");
                    self.l("r2 = r9");
                }
                // r2 clobbered by the call in tc: reload the stale copy.
                if self.section == Section::Tc {
                    self.l("r2 = r4");
                    self.l(format!("r2 += -{n}"));
                }
            }
            if m == "end_arith" {
                self.l("r3 += -1");
                self.l("r1 = *(u8 *)(r3 + 0)");
                self.fold("r1");
            }
            let accesses = self.rng.range(1, 3);
            for _ in 0..accesses {
                let fits: Vec<(i32, &str)> =
                    SIZES.iter().copied().filter(|(s, _)| *s <= n).collect();
                let (sz, ty) = self.rng.pick(&fits);
                let mut off = self.rng.range(0, n - sz);
                if m == "off_by_one" {
                    off = n - sz + 1;
                }
                let via_end = self.rng.chance(20) && m != "off_by_one";
                if (self.section == Section::Tc || self.section == Section::Xdp)
                    && self.rng.chance(35)
                {
                    if via_end {
                        self.l(format!("*({ty} *){} = r7", mem("r4", off - n)));
                    } else {
                        self.l(format!("*({ty} *){} = r7", mem("r2", off)));
                    }
                    continue;
                }
                if via_end {
                    self.l(format!("r1 = *({ty} *){}", mem("r4", off - n)));
                } else {
                    self.l(format!("r1 = *({ty} *){}", mem("r2", off)));
                }
                self.fold("r1");
            }
        }
        self.place(skip);
        m
    }

    // ---- array map ---------------------------------------------------------

    fn map(&mut self, base: i32, mistake: bool) -> &'static str {
        let m = self.mistake(
            mistake,
            &[
                "no_null_check",
                "oob_value",
                "uninit_key",
                "var_unbounded",
                "neg_offset",
                "key_scalar",
                "update_bad_value",
                "null_branch_use",
            ],
        );
        let key_off = base + 4;
        let key = if self.rng.chance(80) {
            self.rng.range(0, 1)
        } else {
            2
        };
        if m != "uninit_key" {
            if key < ARR_ENTRIES {
                self.ops.push("knownkey");
            }
            if self.rng.chance(30) {
                self.l(raw(0x62, 10, 0, key_off as i16, key));
            } else {
                self.l(format!("r1 = {key}"));
                self.l(format!("*(u32 *){} = r1", mem("r10", key_off)));
            }
        }
        // Sometimes update the element first from a stack value.
        if self.rng.chance(25) || m == "update_bad_value" {
            let val = base + 16;
            if m != "update_bad_value" {
                for k in 0..6 {
                    self.l(format!("*(u64 *){} = r7", mem("r10", val + 8 * k)));
                }
            } else {
                self.l(format!("*(u64 *){} = r7", mem("r10", val)));
            }
            self.ld_addr("r1", "arr");
            self.fp("r2", key_off);
            self.fp("r3", val);
            self.l(format!("r4 = {}", self.rng.pick(&[0, 0, 0, 1, 2])));
            self.call("bpf_map_update_elem");
            self.fold("r0");
        }
        self.ld_addr("r1", "arr");
        if m == "key_scalar" {
            self.l(format!("r2 = {key}"));
        } else {
            self.fp("r2", key_off);
        }
        self.call("bpf_map_lookup_elem");
        let skip = self.label();
        match m {
            "no_null_check" => {}
            "null_branch_use" => {
                let ok = self.label();
                self.l(format!("if r0 != 0 goto {ok}f"));
                self.l("r1 = *(u64 *)(r0 + 0)");
                self.fold("r1");
                self.place(ok);
            }
            _ => {
                if self.rng.chance(50) {
                    self.l(format!("if r0 == 0 goto {skip}f"));
                } else {
                    let ok = self.label();
                    self.l(format!("if r0 != 0 goto {ok}f"));
                    self.l(format!("goto {skip}f"));
                    self.place(ok);
                }
            }
        }
        self.l("r9 = r0");
        for _ in 0..self.rng.range(1, 3) {
            let (sz, ty) = self.rng.pick(SIZES);
            let mut off = self.rng.range(0, ARR_VALUE - sz);
            if self.rng.chance(70) {
                off -= off % sz;
            }
            if self.rng.chance(45) {
                self.l(format!("*({ty} *){} = r7", mem("r9", off)));
            } else {
                self.l(format!("r1 = *({ty} *){}", mem("r9", off)));
                self.fold("r1");
            }
        }
        match m {
            "oob_value" => {
                let (sz, ty) = self.rng.pick(SIZES);
                let off = ARR_VALUE - sz + self.rng.range(1, 8);
                self.l(format!("r1 = *({ty} *){}", mem("r9", off)));
                self.fold("r1");
            }
            "neg_offset" => {
                self.l("r1 = *(u8 *)(r9 - 1)");
                self.fold("r1");
            }
            "var_unbounded" => {
                self.scalar_src("r8");
                self.l("r9 += r8");
                self.l("r1 = *(u8 *)(r9 + 0)");
                self.fold("r1");
            }
            _ => {
                if self.rng.chance(35) {
                    // A bounded variable offset.
                    self.scalar_src("r8");
                    let mask = self.rng.pick(&[7, 15, 31, 40]);
                    if mask == 40 {
                        let s2 = self.label();
                        self.l(format!("if r8 > 40 goto {s2}f"));
                        self.l("r9 += r8");
                        self.l("r1 = *(u64 *)(r9 + 0)");
                        self.fold("r1");
                        self.place(s2);
                    } else {
                        self.l(format!("r8 &= {mask}"));
                        self.l("r9 += r8");
                        self.l("r1 = *(u8 *)(r9 + 0)");
                        self.fold("r1");
                    }
                }
            }
        }
        self.place(skip);
        m
    }

    // ---- globals -----------------------------------------------------------

    fn global(&mut self, mistake: bool) -> &'static str {
        let m = self.mistake(mistake, &["oob", "write_rodata", "neg", "var_unbounded"]);
        for _ in 0..self.rng.range(1, 4) {
            let g = self.rng.pick(&["gbss", "gdata", "grodata"]);
            self.ld_addr("r1", g);
            let (sz, ty) = self.rng.pick(SIZES);
            let off = self.rng.range(0, (GLOBAL_SIZE - sz) / sz) * sz;
            if g != "grodata" && self.rng.chance(50) {
                self.l(format!("*({ty} *){} = r7", mem("r1", off)));
            } else {
                self.l(format!("r2 = *({ty} *){}", mem("r1", off)));
                if g == "grodata" && self.rng.chance(50) {
                    // A known constant can bound a stack index.
                    let skip = self.label();
                    self.l(format!("if r2 > 64 goto {skip}f"));
                    self.l("r2 += 1");
                    self.place(skip);
                }
                self.fold("r2");
            }
        }
        if self.rng.chance(25) {
            let g = self.rng.pick(&["gbss", "gdata"]);
            self.ld_addr("r1", g);
            self.l("r2 = 5");
            self.l("lock *(u64 *)(r1 + 8) += r2");
        }
        match m {
            "oob" => {
                let g = self.rng.pick(&["gbss", "gdata", "grodata"]);
                self.ld_addr("r1", g);
                self.l(format!(
                    "r2 = *(u64 *){}",
                    mem("r1", self.rng.pick(&[32, 28, 40]))
                ));
                self.fold("r2");
            }
            "write_rodata" => {
                self.ld_addr("r1", "grodata");
                self.l("*(u64 *)(r1 + 0) = r7");
            }
            "neg" => {
                self.ld_addr("r1", "gdata");
                self.l("r2 = *(u32 *)(r1 - 4)");
                self.fold("r2");
            }
            "var_unbounded" => {
                self.scalar_src("r8");
                self.ld_addr("r1", "gbss");
                self.l("r1 += r8");
                self.l("r2 = *(u8 *)(r1 + 0)");
                self.fold("r2");
            }
            _ => {}
        }
        m
    }

    // ---- ring buffer records -----------------------------------------------

    fn ringbuf(&mut self, mistake: bool) -> &'static str {
        let m = self.mistake(
            mistake,
            &[
                "leak",
                "no_null_check",
                "double_submit",
                "use_after_submit",
                "oob_write",
                "var_size",
                "submit_scalar",
                "output_uninit",
            ],
        );
        let output = self.rng.chance(25);
        if output || m == "output_uninit" {
            // bpf_ringbuf_output of a stack buffer.
            let buf = -48 - 8 * (self.rng.below(8) as i32);
            let len = self.rng.pick(&[8, 16, 24]);
            if m != "output_uninit" {
                for k in 0..len / 8 {
                    self.l(format!("*(u64 *){} = r7", mem("r10", buf + 8 * k)));
                }
            }
            self.ld_addr("r1", "rb");
            self.fp("r2", buf);
            self.l(format!("r3 = {len}"));
            self.l("r4 = 0");
            self.call("bpf_ringbuf_output");
            self.fold("r0");
            return m;
        }
        let size = self.rng.pick(&[8, 16, 24, 32, 40, 64]);
        self.ld_addr("r1", "rb");
        if m == "var_size" {
            self.scalar_src("r2");
            self.l("r2 &= 63");
        } else {
            self.l(format!("r2 = {size}"));
        }
        self.l("r3 = 0");
        self.call("bpf_ringbuf_reserve");
        let skip = self.label();
        if m != "no_null_check" {
            self.l(format!("if r0 == 0 goto {skip}f"));
        }
        self.l("r9 = r0");
        for k in 0..size / 8 {
            if self.rng.chance(70) || k == 0 {
                self.l(format!("*(u64 *){} = r7", mem("r9", 8 * k)));
                self.l(format!("r7 += {}", self.rng.range(1, 1000)));
            } else {
                self.l(raw(0x7a, 9, 0, (8 * k) as i16, self.rng.range(-100, 100)));
            }
        }
        if m == "oob_write" {
            self.l(format!("*(u32 *){} = r7", mem("r9", size)));
        }
        if m != "leak" {
            self.l(if m == "submit_scalar" {
                "r1 = r7"
            } else {
                "r1 = r9"
            });
            self.l("r2 = 0");
            let discard = self.rng.chance(25);
            self.call(if discard {
                "bpf_ringbuf_discard"
            } else {
                "bpf_ringbuf_submit"
            });
            if m == "double_submit" {
                self.l("r1 = r9");
                self.l("r2 = 0");
                self.call("bpf_ringbuf_submit");
            }
            if m == "use_after_submit" {
                self.l("r1 = *(u64 *)(r9 + 0)");
                self.fold("r1");
            }
        }
        self.place(skip);
        m
    }

    // ---- dynptr operations shared by the three kinds ----------------------

    /// A few operations on the dynptr at `d` (stack offset), with a scratch
    /// buffer at `buf` (32 bytes) and a second dynptr slot at `d2`. `size`
    /// is the dynptr's size when known.
    fn dynptr_ops(&mut self, d: i32, d2: i32, buf: i32, size: i32, packet: bool) {
        let n = self.rng.range(1, 4);
        // The scratch buffer starts initialised: bytes a failed
        // bpf_dynptr_read leaves alone would otherwise be the kernel
        // stack's garbage (and privileged loaders may read them).
        for k in 0..4 {
            self.l(format!("*(u64 *){} = r7", mem("r10", buf + 8 * k)));
        }
        for _ in 0..n {
            let off = if self.rng.chance(75) {
                self.rng.range(0, size.max(1))
            } else {
                self.rng.range(0, 200)
            };
            let len = self.rng.pick(&[0, 1, 2, 4, 8, 8, 16, 32]);
            let mut op = self.rng.below(12);
            // bpf_dynptr_data of a packet dynptr is a known era difference
            // (docs/kernel-compare.md): keep it, but rarely.
            if packet && op == 4 && self.rng.chance(70) {
                op = 0;
            }
            const NAMES: [&str; 12] = [
                "read", "read", "write", "write", "data", "query", "adjust", "clone", "memset",
                "copy", "slice", "slice",
            ];
            self.ops.push(if packet && op == 4 {
                "pktdata"
            } else {
                NAMES[op as usize]
            });
            match op {
                0 | 1 => {
                    // bpf_dynptr_read(buf, len, d, off, 0)
                    self.fp("r1", buf);
                    self.l(format!("r2 = {len}"));
                    self.fp("r3", d);
                    self.l(format!("r4 = {off}"));
                    self.l("r5 = 0");
                    self.call("bpf_dynptr_read");
                    self.fold("r0");
                    self.l(format!("r1 = *(u64 *){}", mem("r10", buf)));
                    self.fold("r1");
                }
                2 | 3 => {
                    self.fp("r1", d);
                    self.l(format!("r2 = {off}"));
                    self.fp("r3", buf);
                    self.l(format!("r4 = {len}"));
                    self.l("r5 = 0");
                    self.call("bpf_dynptr_write");
                    self.fold("r0");
                }
                4 => {
                    // bpf_dynptr_data(d, off, len): NULL for packet dynptrs.
                    let len = len.max(1);
                    self.fp("r1", d);
                    self.l(format!("r2 = {off}"));
                    self.l(format!("r3 = {len}"));
                    self.call("bpf_dynptr_data");
                    let skip = self.label();
                    self.l(format!("if r0 == 0 goto {skip}f"));
                    let k = self.rng.range(0, len - 1);
                    if self.rng.chance(50) {
                        self.l(format!("*(u8 *){} = r7", mem("r0", k)));
                    }
                    self.l(format!("r1 = *(u8 *){}", mem("r0", k)));
                    self.fold("r1");
                    self.place(skip);
                }
                5 => {
                    let f = self.rng.pick(&[
                        "bpf_dynptr_size",
                        "bpf_dynptr_is_null",
                        "bpf_dynptr_is_rdonly",
                    ]);
                    self.fp("r1", d);
                    self.call(f);
                    if f != "bpf_dynptr_size" {
                        // A bool kfunc leaves the upper bits of r0 as the
                        // native code left them (see docs/kernel-compare.md).
                        self.l("r0 &= 1");
                    }
                    self.fold("r0");
                }
                6 => {
                    let start = self.rng.range(0, size.max(1) + 2);
                    let end = if self.rng.chance(80) {
                        self.rng.range(start, size.max(1) + 2)
                    } else {
                        self.rng.range(0, 8)
                    };
                    self.fp("r1", d);
                    self.l(format!("r2 = {start}"));
                    self.l(format!("r3 = {end}"));
                    self.call("bpf_dynptr_adjust");
                    self.fold("r0");
                }
                7 => {
                    // Clone, then read through the clone.
                    self.fp("r1", d);
                    self.fp("r2", d2);
                    self.call("bpf_dynptr_clone");
                    self.fold("r0");
                    self.fp("r1", d2);
                    self.call("bpf_dynptr_size");
                    self.fold("r0");
                }
                8 => {
                    self.fp("r1", d);
                    self.l(format!("r2 = {off}"));
                    self.l(format!("r3 = {len}"));
                    self.l(format!("r4 = {}", self.rng.range(0, 255)));
                    self.call("bpf_dynptr_memset");
                    self.fold("r0");
                }
                9 => {
                    // Copy within the dynptr (memmove).
                    self.fp("r1", d);
                    self.l(format!("r2 = {off}"));
                    self.fp("r3", d);
                    self.l(format!("r4 = {}", self.rng.range(0, size.max(1))));
                    self.l(format!("r5 = {len}"));
                    self.call("bpf_dynptr_copy");
                    self.fold("r0");
                }
                _ => {
                    // bpf_dynptr_slice{,_rdwr}(d, off, buf | NULL, len).
                    let len = len.max(1);
                    let rdwr = self.rng.chance(50);
                    let null_buf = self.rng.chance(30);
                    self.fp("r1", d);
                    self.l(format!("r2 = {off}"));
                    if null_buf {
                        self.l("r3 = 0");
                    } else {
                        self.fp("r3", buf);
                    }
                    self.l(format!("r4 = {len}"));
                    if rdwr {
                        *self.ops.last_mut().expect("pushed above") = "slice_rdwr";
                    }
                    self.call(if rdwr {
                        "bpf_dynptr_slice_rdwr"
                    } else {
                        "bpf_dynptr_slice"
                    });
                    let skip = self.label();
                    self.l(format!("if r0 == 0 goto {skip}f"));
                    let k = self.rng.range(0, len - 1);
                    if rdwr && self.rng.chance(60) {
                        self.l(format!("*(u8 *){} = r7", mem("r0", k)));
                    }
                    self.l(format!("r1 = *(u8 *){}", mem("r0", k)));
                    self.fold("r1");
                    self.place(skip);
                }
            }
        }
    }

    /// The mistakes every dynptr kind shares, applied after the operations
    /// (`before_release` true: the dynptr is still live).
    fn dynptr_mistake_live(&mut self, d: i32, buf: i32, m: &str) {
        match m {
            "overwrite_slot" => {
                let k = self.rng.pick(&[0, 8]);
                self.l(format!("*(u64 *){} = r7", mem("r10", d + k)));
            }
            "overwrite_byte" => {
                self.l(raw(0x72, 10, 0, (d + self.rng.range(0, 15)) as i16, 7));
            }
            "read_raw" => {
                self.l(format!(
                    "r1 = *(u64 *){}",
                    mem("r10", d + self.rng.pick(&[0, 8]))
                ));
                self.fold("r1");
            }
            "offset_dynptr" => {
                self.fp("r1", d + self.rng.pick(&[4, 8, -8]));
                self.call("bpf_dynptr_size");
                self.fold("r0");
            }
            "slice_oob" => {
                self.fp("r1", d);
                self.l("r2 = 0");
                self.fp("r3", buf);
                self.l("r4 = 4");
                self.call("bpf_dynptr_slice");
                let skip = self.label();
                self.l(format!("if r0 == 0 goto {skip}f"));
                let k = self.rng.pick(&[4, 5, 8, -1]);
                self.l(format!("r1 = *(u8 *){}", mem("r0", k)));
                self.fold("r1");
                self.place(skip);
            }
            "slice_no_null" => {
                self.fp("r1", d);
                self.l("r2 = 0");
                self.fp("r3", buf);
                self.l("r4 = 4");
                self.call("bpf_dynptr_slice");
                self.l("r1 = *(u8 *)(r0 + 0)");
                self.fold("r1");
            }
            "slice_var_size" => {
                self.scalar_src("r8");
                self.l("r8 &= 7");
                self.fp("r1", d);
                self.l("r2 = 0");
                self.fp("r3", buf);
                self.l("r4 = r8");
                self.call("bpf_dynptr_slice");
                self.fold("r0");
            }
            "write_rdonly_slice" => {
                self.fp("r1", d);
                self.l("r2 = 0");
                self.fp("r3", buf);
                self.l("r4 = 4");
                self.call("bpf_dynptr_slice");
                let skip = self.label();
                self.l(format!("if r0 == 0 goto {skip}f"));
                self.l("*(u8 *)(r0 + 0) = r7");
                self.place(skip);
            }
            "slice_buf_small" => {
                self.fp("r1", d);
                self.l("r2 = 0");
                self.fp("r3", buf + 24);
                self.l("r4 = 16");
                self.call("bpf_dynptr_slice");
                let skip = self.label();
                self.l(format!("if r0 == 0 goto {skip}f"));
                self.l("r1 = *(u8 *)(r0 + 0)");
                self.fold("r1");
                self.place(skip);
            }
            "data_no_null" => {
                self.fp("r1", d);
                self.l("r2 = 0");
                self.l("r3 = 4");
                self.call("bpf_dynptr_data");
                self.l("r1 = *(u8 *)(r0 + 0)");
                self.fold("r1");
            }
            "data_var_len" => {
                self.scalar_src("r8");
                self.fp("r1", d);
                self.l("r2 = 0");
                self.l("r3 = r8");
                self.call("bpf_dynptr_data");
                self.fold("r0");
            }
            "read_var_len" => {
                self.scalar_src("r8");
                self.fp("r1", buf);
                self.l("r2 = r8");
                self.fp("r3", d);
                self.l("r4 = 0");
                self.l("r5 = 0");
                self.call("bpf_dynptr_read");
                self.fold("r0");
            }
            "read_too_big" => {
                self.fp("r1", buf);
                self.l(format!("r2 = {}", self.rng.pick(&[33, 40, 64])));
                self.fp("r3", d);
                self.l("r4 = 0");
                self.l("r5 = 0");
                self.call("bpf_dynptr_read");
                self.fold("r0");
            }
            "helper_over_dynptr" => {
                // bpf_dynptr_read's destination covers the dynptr's slots.
                self.fp("r1", d);
                self.l("r2 = 8");
                self.fp("r3", d);
                self.l("r4 = 0");
                self.l("r5 = 0");
                self.call("bpf_dynptr_read");
                self.fold("r0");
            }
            _ => {}
        }
    }

    const LIVE_MISTAKES: &'static [&'static str] = &[
        "overwrite_slot",
        "overwrite_byte",
        "read_raw",
        "offset_dynptr",
        "slice_oob",
        "slice_no_null",
        "slice_var_size",
        "write_rdonly_slice",
        "slice_buf_small",
        "data_no_null",
        "data_var_len",
        "read_var_len",
        "read_too_big",
        "helper_over_dynptr",
    ];

    // ---- ring buffer dynptrs -----------------------------------------------

    fn rb_dynptr(&mut self, base: i32, mistake: bool) -> &'static str {
        let mut opts: Vec<&'static str> = Self::LIVE_MISTAKES.to_vec();
        opts.extend_from_slice(&[
            "leak",
            "leak_on_fail",
            "use_after_submit",
            "double_submit",
            "submit_clone_then_orig",
            "uninit_op",
            "release_wrong_kind",
            "reinit",
            "misaligned",
            "var_size",
        ]);
        let m = self.mistake(mistake, &opts);
        let d = if m == "misaligned" { base + 4 } else { base };
        let d2 = base + 16;
        let buf = base + 48;
        if m == "uninit_op" {
            self.fp("r1", d);
            self.call("bpf_dynptr_size");
            self.fold("r0");
        }
        let size = self.rng.pick(&[0, 1, 8, 16, 24, 64, 5000]);
        self.ld_addr("r1", "rb");
        if m == "var_size" {
            self.scalar_src("r2");
        } else {
            self.l(format!("r2 = {size}"));
        }
        self.l(format!("r3 = {}", if self.rng.chance(90) { 0 } else { 1 }));
        self.fp("r4", d);
        self.call("bpf_ringbuf_reserve_dynptr");
        self.fold("r0");
        if m == "leak_on_fail" {
            let skip = self.label();
            self.l(format!("if r0 != 0 goto {skip}f"));
            self.dynptr_ops(d, d2, buf, size, false);
            self.fp("r1", d);
            self.l("r2 = 0");
            self.call("bpf_ringbuf_submit_dynptr");
            self.place(skip);
            return m;
        }
        if m == "reinit" {
            self.ld_addr("r1", "rb");
            self.l("r2 = 8");
            self.l("r3 = 0");
            self.fp("r4", d);
            self.call("bpf_ringbuf_reserve_dynptr");
        }
        self.dynptr_ops(d, d2, buf, size, false);
        self.dynptr_mistake_live(d, buf, m);
        if m == "leak" {
            return m;
        }
        if m == "submit_clone_then_orig" {
            self.fp("r1", d);
            self.fp("r2", d2);
            self.call("bpf_dynptr_clone");
            self.fp("r1", d2);
            self.l("r2 = 0");
            self.call("bpf_ringbuf_submit_dynptr");
            self.fp("r1", d);
            self.l("r2 = 0");
            self.call("bpf_ringbuf_discard_dynptr");
            return m;
        }
        self.fp("r1", d);
        self.l("r2 = 0");
        if m == "release_wrong_kind" {
            self.call("bpf_ringbuf_submit");
        } else {
            self.call(if self.rng.chance(70) {
                "bpf_ringbuf_submit_dynptr"
            } else {
                "bpf_ringbuf_discard_dynptr"
            });
        }
        match m {
            "use_after_submit" => {
                self.fp("r1", buf);
                self.l("r2 = 4");
                self.fp("r3", d);
                self.l("r4 = 0");
                self.l("r5 = 0");
                self.call("bpf_dynptr_read");
                self.fold("r0");
            }
            "double_submit" => {
                self.fp("r1", d);
                self.l("r2 = 0");
                self.call("bpf_ringbuf_discard_dynptr");
            }
            _ => {}
        }
        m
    }

    // ---- local dynptrs (bpf_dynptr_from_mem) -------------------------------

    fn local_dynptr(&mut self, base: i32, mistake: bool) -> &'static str {
        let mut opts: Vec<&'static str> = Self::LIVE_MISTAKES.to_vec();
        opts.extend_from_slice(&[
            "stack_mem",
            "rodata_mem",
            "size_too_big",
            "release_local",
            "var_size",
            "null_mem",
        ]);
        let m = self.mistake(mistake, &opts);
        let d = base;
        let d2 = base + 16;
        let buf = base + 48;
        let mut size = self.rng.pick(&[0, 1, 4, 8, 16, 32]);
        let skip = self.label();
        match (m, self.rng.below(3)) {
            ("stack_mem", _) => {
                self.l(format!("*(u64 *){} = r7", mem("r10", buf)));
                self.fp("r1", buf);
                size = size.min(8);
            }
            ("rodata_mem", _) => self.ld_addr("r1", "grodata"),
            ("null_mem", _) => self.l("r1 = 0"),
            (_, 0) => {
                // A map value.
                self.l("r1 = 0");
                self.l(format!("*(u32 *){} = r1", mem("r10", buf)));
                self.ld_addr("r1", "arr");
                self.fp("r2", buf);
                self.call("bpf_map_lookup_elem");
                self.l(format!("if r0 == 0 goto {skip}f"));
                self.l("r1 = r0");
                size = size.min(ARR_VALUE);
                if m == "size_too_big" {
                    size = ARR_VALUE + 8;
                }
            }
            (_, 1) => {
                self.ld_addr("r1", "gbss");
                if m == "size_too_big" {
                    size = GLOBAL_SIZE + 1;
                }
            }
            _ => {
                self.ld_addr("r1", "gdata");
                if m == "size_too_big" {
                    size = GLOBAL_SIZE + 8;
                }
            }
        }
        if m == "var_size" {
            self.scalar_src("r2");
            self.l("r2 &= 31");
        } else {
            self.l(format!("r2 = {size}"));
        }
        self.l(format!("r3 = {}", if self.rng.chance(92) { 0 } else { 1 }));
        self.fp("r4", d);
        self.call("bpf_dynptr_from_mem");
        self.fold("r0");
        self.dynptr_ops(d, d2, buf, size, false);
        self.dynptr_mistake_live(d, buf, m);
        if m == "release_local" {
            self.fp("r1", d);
            self.l("r2 = 0");
            self.call("bpf_ringbuf_submit_dynptr");
        }
        self.place(skip);
        m
    }

    // ---- skb / xdp dynptrs -------------------------------------------------

    fn pkt_dynptr(&mut self, base: i32, mistake: bool) -> &'static str {
        let mut opts: Vec<&'static str> = Self::LIVE_MISTAKES.to_vec();
        opts.extend_from_slice(&[
            "wrong_ctor",
            "ctx_not_ctx",
            "slice_after_invalidate",
            "release_pkt",
            "ctor_uninit_flags_reg",
        ]);
        let m = self.mistake(mistake, &opts);
        let d = base;
        let d2 = base + 16;
        let buf = base + 48;
        let xdp = self.section == Section::Xdp;
        let ctor = if xdp == (m == "wrong_ctor") {
            "bpf_dynptr_from_skb"
        } else {
            "bpf_dynptr_from_xdp"
        };
        if m == "ctx_not_ctx" {
            self.fp("r1", buf);
        } else {
            self.l("r1 = r6");
        }
        if m != "ctor_uninit_flags_reg" {
            self.l(format!("r2 = {}", if self.rng.chance(92) { 0 } else { 1 }));
        }
        self.fp("r3", d);
        self.call(ctor);
        self.fold("r0");
        self.dynptr_ops(d, d2, buf, 50, true);
        self.dynptr_mistake_live(d, buf, m);
        match m {
            "slice_after_invalidate" => {
                self.fp("r1", d);
                self.l("r2 = 0");
                self.fp("r3", buf);
                self.l("r4 = 4");
                self.call("bpf_dynptr_slice");
                self.l("r9 = r0");
                self.l("r1 = r6");
                self.l("r2 = 0");
                self.call(if xdp {
                    "bpf_xdp_adjust_head"
                } else {
                    "bpf_skb_pull_data"
                });
                let skip = self.label();
                self.l(format!("if r9 == 0 goto {skip}f"));
                self.l("r1 = *(u8 *)(r9 + 0)");
                self.fold("r1");
                self.place(skip);
            }
            "release_pkt" => {
                self.fp("r1", d);
                self.l("r2 = 0");
                self.call("bpf_ringbuf_discard_dynptr");
            }
            _ => {
                // A packet-changing helper, then a fresh slice: allowed.
                if self.rng.chance(15) {
                    self.l("r1 = r6");
                    self.l("r2 = 0");
                    self.call(if xdp {
                        "bpf_xdp_adjust_head"
                    } else {
                        "bpf_skb_pull_data"
                    });
                    self.fold("r0");
                    self.dynptr_ops(d, d2, buf, 50, true);
                }
            }
        }
        m
    }

    // ---- bpf_loop ------------------------------------------------------------

    fn bpf_loop(&mut self, base: i32, mistake: bool) -> &'static str {
        let m = self.mistake(
            mistake,
            &[
                "cb_bad_ret",
                "cb_index",
                "cb_noret",
                "cb_wide",
                "ctx_null_deref",
                "ctx_uninit",
                "cb_not_func",
                "nr_var",
            ],
        );
        let cb = match m {
            "cb_bad_ret" => "cb_two",
            "cb_index" => "cb_index",
            "cb_noret" => "cb_noret",
            "cb_wide" => "cb_wide",
            "ctx_null_deref" | "ctx_uninit" => "cb_count",
            _ => self
                .rng
                .pick(&["cb_zero", "cb_one", "cb_stop3", "cb_count", "cb_count"]),
        };
        let ctx = base + 8;
        if cb == "cb_count" && m != "ctx_uninit" {
            self.l(format!("*(u64 *){} = r7", mem("r10", ctx)));
        }
        if m == "nr_var" || self.rng.chance(20) {
            self.scalar_src("r1");
            if self.lines.last().is_some_and(|l| l == "r1 = 0") {
                self.ops.push("nr0");
            }
        } else {
            let nr = self.rng.pick(&[0, 1, 3, 5, 16, 100]);
            if nr == 0 {
                self.ops.push("nr0");
            }
            self.l(format!("r1 = {nr}"));
        }
        if m == "cb_not_func" {
            self.l("r2 = r6");
        } else {
            self.l(format!("r2 = {cb} ll"));
        }
        if cb == "cb_count" && m != "ctx_null_deref" {
            self.fp("r3", ctx);
        } else {
            self.l("r3 = 0");
        }
        self.l(format!("r4 = {}", if self.rng.chance(90) { 0 } else { 1 }));
        self.call("bpf_loop");
        self.fold("r0");
        if cb == "cb_count" && m != "ctx_null_deref" {
            self.l(format!("r1 = *(u64 *){}", mem("r10", ctx)));
            self.fold("r1");
        }
        m
    }

    // ---- bpf-to-bpf calls ----------------------------------------------------

    fn subcall(&mut self, base: i32, mistake: bool) -> &'static str {
        let m = self.mistake(
            mistake,
            &["read_scalar", "read_uninit", "write_ctx_ptr", "leak_fp"],
        );
        match (m, self.rng.below(4)) {
            ("read_scalar", _) => {
                self.l("r1 = r7");
                self.l("call sub_read");
                self.fold("r0");
            }
            ("read_uninit", _) => {
                self.fp("r1", base + 40);
                self.l("call sub_read");
                self.fold("r0");
            }
            ("write_ctx_ptr", _) => {
                self.l("r1 = r6");
                self.l("r2 = r7");
                self.l("call sub_write");
            }
            ("leak_fp", _) => {
                self.fp("r1", base);
                self.l("call sub_ptr");
                self.l("r7 = r0");
            }
            (_, 0) => {
                self.scalar_src("r1");
                self.l("r2 = r7");
                self.l("call sub_add");
                self.fold("r0");
            }
            (_, 1) => {
                self.l(format!("*(u64 *){} = r7", mem("r10", base + 40)));
                self.fp("r1", base + 40);
                self.l("call sub_read");
                self.fold("r0");
            }
            (_, 2) => {
                self.fp("r1", base + 40);
                self.l(format!("r2 = {}", self.rng.small_const()));
                self.l("call sub_write");
                self.l(format!("r1 = *(u64 *){}", mem("r10", base + 40)));
                self.fold("r1");
            }
            _ => {
                self.l("call sub_stack");
                self.fold("r0");
            }
        }
        m
    }

    // ---- open-coded number iterator ----------------------------------------

    fn iter(&mut self, base: i32, mistake: bool) -> &'static str {
        let m = self.mistake(
            mistake,
            &[
                "no_destroy",
                "no_null_check",
                "next_uninit",
                "double_new",
                "write_elem",
                "destroy_twice",
                "misaligned",
                "use_after_destroy",
            ],
        );
        let it = if m == "misaligned" { base + 4 } else { base };
        if m == "next_uninit" {
            self.fp("r1", it);
            self.call("bpf_iter_num_next");
            self.fold("r0");
        }
        let start = self.rng.range(-3, 6);
        let end = if self.rng.chance(85) {
            start + self.rng.range(0, 10)
        } else {
            // Before start (-EINVAL), or one past BPF_MAX_LOOPS (-E2BIG):
            // never millions of passes, which a run could not afford.
            self.rng.pick(&[-5, 1 << 24, start + (1 << 23) + 1])
        };
        self.fp("r1", it);
        self.l(format!("r2 = {start}"));
        self.l(format!("r3 = {end}"));
        self.call("bpf_iter_num_new");
        self.fold("r0");
        if m == "double_new" {
            self.fp("r1", it);
            self.l("r2 = 0");
            self.l("r3 = 3");
            self.call("bpf_iter_num_new");
        }
        let top = self.label();
        let done = self.label();
        self.place(top);
        self.fp("r1", it);
        self.call("bpf_iter_num_next");
        if m != "no_null_check" {
            self.l(format!("if r0 == 0 goto {done}f"));
        }
        if m == "write_elem" {
            self.l("*(u32 *)(r0 + 0) = r7");
        }
        self.l("r1 = *(u32 *)(r0 + 0)");
        match self.rng.below(3) {
            0 => self.l("r7 += r1"),
            1 => {
                self.l("r7 += 1");
            }
            _ => {
                self.l("r1 &= 7");
                self.l("r7 += r1");
            }
        }
        if m == "no_null_check" {
            // Without the check the loop has no exit: bound it by r7.
            self.l(format!("if r7 > 100 goto {done}f"));
        }
        self.l(format!("goto {top}b"));
        self.place(done);
        if m != "no_destroy" {
            self.fp("r1", it);
            self.call("bpf_iter_num_destroy");
        }
        match m {
            "destroy_twice" => {
                self.fp("r1", it);
                self.call("bpf_iter_num_destroy");
            }
            "use_after_destroy" => {
                self.fp("r1", it);
                self.call("bpf_iter_num_next");
                self.fold("r0");
            }
            _ => {}
        }
        m
    }
}

/// Sets every program's packet: the default frame, or a variant of it.
pub fn assign_packets(progs: &mut [GenProgram], seed: u64, frame: &[u8]) {
    for (i, p) in progs.iter_mut().enumerate() {
        if p.section.has_packet() {
            let rng = Rng::new(seed.wrapping_add(0x5eed) ^ (i as u64).wrapping_mul(0x9e37_79b9));
            p.packet = Some(gen_packet(&rng, frame));
        }
    }
}

/// A whole C file for `progs`.
pub fn render_object(progs: &[GenProgram]) -> String {
    let mut s = object_header();
    for p in progs {
        s.push_str(&p.render());
        s.push('\n');
    }
    s.push_str(object_footer());
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic() {
        let a: Vec<String> = generate(7, 50).iter().map(GenProgram::render).collect();
        let b: Vec<String> = generate(7, 50).iter().map(GenProgram::render).collect();
        assert_eq!(a, b);
        let c: Vec<String> = generate(7, 60).iter().map(GenProgram::render).collect();
        assert_eq!(a[..], c[..50], "a program does not depend on the count");
    }

    #[test]
    fn offsets_are_spelled_as_clang_reads_them() {
        // clang's assembler takes `(r0 - 1)`, not `(r0 + -1)`.
        for p in generate(8, 6000) {
            let text = p.render();
            assert!(!text.contains("+ -"), "{}:\n{text}", p.name);
        }
    }

    #[test]
    fn assembler_text_names_kfuncs_labels_and_the_library() {
        let mut seen_kfunc = false;
        for p in generate(8, 400) {
            let text = p.render_asm();
            assert!(!text.contains("%["), "{text}");
            assert!(!text.contains(".8byte"), "{text}");
            seen_kfunc |= text.contains("call kfunc ");
            for (name, _) in LIBRARY {
                if text.contains(&format!(" {name}")) {
                    assert!(
                        text.contains(&format!("\n{name}:\n")),
                        "{name} missing:\n{text}"
                    );
                }
            }
        }
        assert!(seen_kfunc);
        let mut used = Vec::new();
        assert_eq!(asm_line("3: r0 = 1", "L", &mut used), "L3: r0 = 1");
        assert_eq!(
            asm_line("if r1 < 2 goto 12f", "cb_L", &mut used),
            "if r1 < 2 goto cb_L12"
        );
        assert_eq!(
            asm_line("call %[bpf_dynptr_clone]", "L", &mut used),
            "call kfunc bpf_dynptr_clone"
        );
        assert_eq!(
            asm_line("call %[bpf_dynptr_read]", "L", &mut used),
            "call bpf_dynptr_read"
        );
        assert_eq!(
            asm_line("r2 = cb_count ll", "L", &mut used),
            "r2 = cb_count ll"
        );
        assert_eq!(used, vec!["cb_count"]);
    }

    /// The programs of a seed never change by accident: the figures of
    /// `docs/kernel-compare.md` (seed 8) are of these programs. A change
    /// to the generator that changes them updates this fingerprint and
    /// reruns `scripts/kernel-diff.sh 5000`.
    #[test]
    fn the_stream_of_seed_8_is_stable() {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for p in generate(8, 300) {
            for b in p.render().bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        assert_eq!(h, 0x7c0c_84be_d67a_18b4, "fingerprint {h:#x}");
    }

    #[test]
    fn raw_encodes_little_endian() {
        assert_eq!(raw(0x62, 10, 0, -8, 5), ".8byte 0x00000005fff80a62");
    }
}

//! The disassembler: LLVM dialect, with directives and labels, such that
//! `assemble(disassemble(p)) == p`.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use crate::catalog;
use crate::isa::*;
use crate::program::{GlobalVar, MapDef, MapOrigin, MapType, Program};

use super::builder::{is_ident, reserved_word};

/// How the disassembler writes immediates and jump targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DisasmStyle {
    /// As `llvm-objdump -d` and the kernel log print them: immediates in
    /// decimal (`r1 = 2147483647`, `r8 = 0 ll`, `r8 = -1 ll`), jumps by
    /// offset with the target's label as objdump prints a symbol
    /// (`if r1 > r2 goto +3 <LBB0_2>`, `goto -2`).
    #[default]
    Objdump,
    /// The playground's editing form: immediates above 4096 in hex
    /// (`r1 = 0x7fffffff`, `r8 = 0x0 ll`) and jumps to labels by name
    /// (`goto LBB3`), so that inserting a line keeps them right.
    Labels,
}

/// Options of [`disassemble_with`], [`format_insn_with`] and
/// [`format_insns_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DisasmOptions {
    /// Number and jump-target style.
    pub style: DisasmStyle,
}

fn reg(n: u8, w: bool) -> String {
    format!("{}{n}", if w { 'w' } else { 'r' })
}

pub(crate) fn size_name(size: u8, signed: bool) -> &'static str {
    match (size, signed) {
        (BPF_B, false) => "u8",
        (BPF_H, false) => "u16",
        (BPF_W, false) => "u32",
        (BPF_DW, false) => "u64",
        (BPF_B, true) => "s8",
        (BPF_H, true) => "s16",
        _ => "s32",
    }
}

pub(crate) fn alu_str(op: u8, off: i16) -> Option<&'static str> {
    Some(match (op, off) {
        (BPF_ADD, 0) => "+=",
        (BPF_SUB, 0) => "-=",
        (BPF_MUL, 0) => "*=",
        (BPF_DIV, 0) => "/=",
        (BPF_DIV, 1) => "s/=",
        (BPF_OR, 0) => "|=",
        (BPF_AND, 0) => "&=",
        (BPF_LSH, 0) => "<<=",
        (BPF_RSH, 0) => ">>=",
        (BPF_MOD, 0) => "%=",
        (BPF_MOD, 1) => "s%=",
        (BPF_XOR, 0) => "^=",
        (BPF_ARSH, 0) => "s>>=",
        _ => return None,
    })
}

pub(crate) fn jmp_str(op: u8) -> Option<&'static str> {
    Some(match op {
        BPF_JEQ => "==",
        BPF_JGT => ">",
        BPF_JGE => ">=",
        BPF_JSET => "&",
        BPF_JNE => "!=",
        BPF_JSGT => "s>",
        BPF_JSGE => "s>=",
        BPF_JLT => "<",
        BPF_JLE => "<=",
        BPF_JSLT => "s<",
        BPF_JSLE => "s<=",
        _ => return None,
    })
}

pub(crate) fn atomic_op_name(op: i32) -> Option<&'static str> {
    // Compared as i32: stray high bits make it no operation at all.
    Some(match op {
        x if x == BPF_ADD as i32 => "add",
        x if x == BPF_AND as i32 => "and",
        x if x == BPF_OR as i32 => "or",
        x if x == BPF_XOR as i32 => "xor",
        _ => return None,
    })
}

/// An immediate as the disassembler prints it: decimal (objdump), or
/// decimal when small and hex (with a sign) when large (labels style).
fn imm_text(v: i64, style: DisasmStyle) -> String {
    if style == DisasmStyle::Objdump || (-4096..=4096).contains(&v) {
        v.to_string()
    } else if v < 0 {
        format!("-{:#x}", v.unsigned_abs())
    } else {
        format!("{v:#x}")
    }
}

/// `(r10 - 8)` body: `r10 - 8`, `r1 + 0`.
fn mem_text(r: u8, off: i16) -> String {
    if off < 0 {
        format!("r{r} - {}", (off as i32).unsigned_abs())
    } else {
        format!("r{r} + {off}")
    }
}

/// The labels the listing prints, by instruction index.
struct Plan {
    /// Slots that are the second half of an `ld_imm64` printed as one line.
    paired: HashSet<usize>,
    /// Starts of functions: the program's subprograms and every call or
    /// callback target (a blank line goes before each).
    func_starts: HashSet<usize>,
    /// Label names to print before each index (the first one is the one
    /// references use).
    labels: BTreeMap<usize, Vec<String>>,
}

impl Plan {
    fn label(&self, idx: usize) -> Option<&str> {
        self.labels
            .get(&idx)
            .and_then(|v| v.first())
            .map(String::as_str)
    }
}

/// The 64-bit value of the `ld_imm64` at `idx` if its second slot is well formed.
fn ld_pair(insns: &[Insn], idx: usize) -> Option<(Insn, u64)> {
    let lo = *insns.get(idx)?;
    let hi = *insns.get(idx + 1)?;
    if !lo.is_ld_imm64()
        || lo.off != 0
        || lo.dst_reg > 10
        || hi.code != 0
        || hi.dst_reg != 0
        || hi.src_reg != 0
        || hi.off != 0
    {
        return None;
    }
    Some((lo, ld_imm64_value(lo, hi)))
}

/// True when the `ld_imm64` at `idx` can be written as one line (ignoring
/// whether a function target gets a label).
fn ld_printable(p: &Program, idx: usize) -> bool {
    let Some((lo, v)) = ld_pair(&p.insns, idx) else {
        return false;
    };
    let hi_imm = (v >> 32) as u32;
    match lo.src_reg {
        0 => true,
        BPF_PSEUDO_MAP_FD => {
            hi_imm == 0
                && matches!(p.maps.get(lo.imm as u32 as usize), Some(m) if m.origin == MapOrigin::Declared && is_ident(&m.name))
        }
        BPF_PSEUDO_MAP_VALUE => match p.maps.get(lo.imm as u32 as usize) {
            Some(m) => {
                matches!(m.origin, MapOrigin::Global { .. })
                    && hi_imm < m.value_size
                    && is_ident(&m.name)
            }
            None => false,
        },
        BPF_PSEUDO_FUNC => {
            let t = idx as i64 + 1 + lo.imm as i64;
            hi_imm == 0 && t >= 0 && (t as usize) < p.insns.len()
        }
        _ => false,
    }
}

fn make_plan(p: &Program) -> Plan {
    let n = p.insns.len();
    // Pass 1: which ld_imm64 print as one line.
    let mut paired = HashSet::new();
    let mut i = 0;
    while i < n {
        if p.insns[i].is_ld_imm64() && ld_printable(p, i) {
            paired.insert(i + 1);
            i += 2;
        } else {
            i += 1;
        }
    }
    // A function pointer into the middle of another ld_imm64 cannot be
    // labelled: print it raw, which frees its own second slot.
    loop {
        let mut changed = false;
        for i in 0..n {
            let insn = p.insns[i];
            if paired.contains(&(i + 1)) && insn.is_ld_imm64() && insn.src_reg == BPF_PSEUDO_FUNC {
                let t = (i as i64 + 1 + insn.imm as i64) as usize;
                if paired.contains(&t) {
                    paired.remove(&(i + 1));
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    // Names already taken by data and catalog functions.
    let mut taken: HashSet<String> = HashSet::new();
    for m in &p.maps {
        taken.insert(m.name.clone());
        if let MapOrigin::Global { vars, .. } = &m.origin {
            for v in vars {
                taken.insert(v.name.clone());
            }
        }
    }
    let usable = |name: &str, taken: &HashSet<String>| {
        is_ident(name) && !reserved_word(name) && !taken.contains(name)
    };
    let mut labels: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (idx, name) in &p.labels {
        if *idx <= n && !paired.contains(idx) && usable(name, &taken) {
            taken.insert(name.clone());
            labels.entry(*idx).or_default().push(name.clone());
        }
    }
    // Indices that need a label.
    let mut needed: Vec<usize> = p
        .funcs
        .iter()
        .filter(|f| f.start != 0)
        .map(|f| f.start)
        .collect();
    let mut func_starts: HashSet<usize> = needed.iter().copied().collect();
    let mut i = 0;
    while i < n {
        if let Some(t) = ref_target(p, i, &paired) {
            needed.push(t);
            let insn = p.insns[i];
            if insn.is_pseudo_call() || insn.is_ld_imm64() {
                func_starts.insert(t);
            }
        }
        i += if paired.contains(&(i + 1)) { 2 } else { 1 };
    }
    for t in needed {
        if t >= n || paired.contains(&t) || labels.contains_key(&t) {
            continue;
        }
        let func_name = p
            .funcs
            .iter()
            .find(|f| f.start == t)
            .map(|f| f.name.clone());
        let name = match func_name {
            Some(f) if usable(&f, &taken) => f,
            _ => {
                let mut g = format!("LBB{t}");
                while !usable(&g, &taken) {
                    g.push('_');
                }
                g
            }
        };
        taken.insert(name.clone());
        labels.entry(t).or_default().push(name);
    }
    Plan {
        paired,
        func_starts,
        labels,
    }
}

/// The index an instruction refers to (jump, call or function pointer), if
/// it refers to one inside the program.
fn ref_target(p: &Program, i: usize, paired: &HashSet<usize>) -> Option<usize> {
    let insn = p.insns[i];
    let rel = match insn.class() {
        BPF_JMP | BPF_JMP32 => match insn.op() {
            BPF_CALL
                if insn.src_reg == BPF_PSEUDO_CALL
                    && insn.class() == BPF_JMP
                    && insn.src_bit() == BPF_K =>
            {
                insn.imm as i64
            }
            BPF_CALL | BPF_EXIT => return None,
            BPF_JA if insn.class() == BPF_JMP32 => insn.imm as i64,
            _ => insn.off as i64,
        },
        BPF_LD
            if insn.is_ld_imm64()
                && insn.src_reg == BPF_PSEUDO_FUNC
                && paired.contains(&(i + 1)) =>
        {
            insn.imm as i64
        }
        _ => return None,
    };
    let t = i as i64 + 1 + rel;
    (t >= 0 && (t as usize) < p.insns.len()).then_some(t as usize)
}

fn target_text(plan: &Plan, idx: usize, rel: i64, style: DisasmStyle) -> String {
    let t = idx as i64 + 1 + rel;
    let label = (t >= 0).then(|| plan.label(t as usize)).flatten();
    let num = if rel < 0 {
        rel.to_string()
    } else {
        format!("+{rel}")
    };
    match (style, label) {
        (DisasmStyle::Labels, Some(l)) => l.to_string(),
        (DisasmStyle::Objdump, Some(l)) => format!("{num} <{l}>"),
        (_, None) => num,
    }
}

fn call_text(
    p: &Program,
    plan: &Plan,
    idx: usize,
    insn: Insn,
    style: DisasmStyle,
) -> Option<String> {
    match insn.src_reg {
        0 if insn.imm < 0 && style == DisasmStyle::Labels => {
            Some(format!("call {:#x}", insn.imm as u32))
        }
        0 if insn.imm < 0 => Some(format!("call {}", insn.imm)),
        0 => Some(match catalog::helper(insn.imm as u32) {
            Some(f) => format!("call {}", f.name),
            None => format!("call {}", insn.imm),
        }),
        BPF_PSEUDO_CALL => {
            let t = idx as i64 + 1 + insn.imm as i64;
            Some(match (t >= 0).then(|| plan.label(t as usize)).flatten() {
                Some(l) => format!("call {l}"),
                None if insn.imm < 0 => format!("call pc{}", insn.imm),
                None => format!("call pc+{}", insn.imm),
            })
        }
        BPF_PSEUDO_KFUNC_CALL => Some(match catalog::kfunc(insn.imm as u32) {
            Some(f) if insn.imm >= 0 && catalog::helper_by_name(f.name).is_some() => {
                format!("call kfunc {}", f.name)
            }
            Some(f) if insn.imm >= 0 => format!("call {}", f.name),
            _ => format!("call kfunc {}", insn.imm),
        }),
        _ => {
            let _ = p;
            None
        }
    }
}

/// One instruction in the LLVM dialect, or `None` when it has no faithful
/// textual form (unused fields set, unknown opcode): the listing then
/// prints it as `.raw`.
fn render(p: &Program, plan: &Plan, idx: usize, style: DisasmStyle) -> Option<String> {
    let insn = *p.insns.get(idx)?;
    let (d, s) = (insn.dst_reg, insn.src_reg);
    if d > 10 || s > 10 {
        return None;
    }
    let class = insn.class();
    match class {
        BPF_ALU | BPF_ALU64 => {
            let w = class == BPF_ALU;
            let op = insn.op();
            let x = insn.src_bit() == BPF_X;
            match op {
                BPF_END => {
                    if s != 0 || insn.off != 0 || !matches!(insn.imm, 16 | 32 | 64) {
                        return None;
                    }
                    if w {
                        let e = if x { "be" } else { "le" };
                        Some(format!("r{d} = {e}{} r{d}", insn.imm))
                    } else if !x {
                        Some(format!("r{d} = bswap{} r{d}", insn.imm))
                    } else {
                        None
                    }
                }
                BPF_NEG => (!x && s == 0 && insn.off == 0 && insn.imm == 0)
                    .then(|| format!("{} = -{}", reg(d, w), reg(d, w))),
                BPF_MOV => {
                    if x {
                        if insn.imm != 0 {
                            return None;
                        }
                        let cast = match insn.off {
                            0 => "",
                            8 => "(s8)",
                            16 => "(s16)",
                            32 if !w => "(s32)",
                            _ => return None,
                        };
                        Some(format!("{} = {cast}{}", reg(d, w), reg(s, w)))
                    } else {
                        (s == 0 && insn.off == 0).then(|| {
                            format!("{} = {}", reg(d, w), imm_text(insn.imm as i64, style))
                        })
                    }
                }
                _ => {
                    let o = alu_str(op, insn.off)?;
                    if x {
                        (insn.imm == 0).then(|| format!("{} {o} {}", reg(d, w), reg(s, w)))
                    } else {
                        (s == 0).then(|| {
                            format!("{} {o} {}", reg(d, w), imm_text(insn.imm as i64, style))
                        })
                    }
                }
            }
        }
        BPF_JMP | BPF_JMP32 => {
            let w = class == BPF_JMP32;
            let x = insn.src_bit() == BPF_X;
            match insn.op() {
                BPF_JA => {
                    if x || d != 0 || s != 0 {
                        return None;
                    }
                    if w {
                        (insn.off == 0).then(|| {
                            format!("gotol {}", target_text(plan, idx, insn.imm as i64, style))
                        })
                    } else {
                        (insn.imm == 0).then(|| {
                            format!("goto {}", target_text(plan, idx, insn.off as i64, style))
                        })
                    }
                }
                BPF_CALL => {
                    if w || insn.off != 0 {
                        return None;
                    }
                    if x {
                        (s == 0 && insn.imm == 0).then(|| format!("callx r{d}"))
                    } else if d != 0 {
                        None
                    } else {
                        call_text(p, plan, idx, insn, style)
                    }
                }
                BPF_EXIT => (!w && !x && d == 0 && s == 0 && insn.off == 0 && insn.imm == 0)
                    .then(|| "exit".to_string()),
                op => {
                    let o = jmp_str(op)?;
                    let t = target_text(plan, idx, insn.off as i64, style);
                    if x {
                        (insn.imm == 0)
                            .then(|| format!("if {} {o} {} goto {t}", reg(d, w), reg(s, w)))
                    } else {
                        (s == 0).then(|| {
                            format!(
                                "if {} {o} {} goto {t}",
                                reg(d, w),
                                imm_text(insn.imm as i64, style)
                            )
                        })
                    }
                }
            }
        }
        BPF_LD if matches!(insn.mode(), BPF_ABS | BPF_IND) => {
            let sz = size_name(insn.size(), false);
            if d != 0 || insn.off != 0 {
                return None;
            }
            match insn.mode() {
                BPF_ABS => (s == 0).then(|| format!("r0 = *({sz} *)skb[{}]", insn.imm)),
                _ if insn.imm == 0 => Some(format!("r0 = *({sz} *)skb[r{s}]")),
                _ => Some(format!("r0 = *({sz} *)skb[r{s} + {}]", insn.imm)),
            }
        }
        BPF_LD => {
            if !plan.paired.contains(&(idx + 1)) {
                return None;
            }
            let (lo, v) = ld_pair(&p.insns, idx)?;
            let hi = (v >> 32) as u32;
            match lo.src_reg {
                0 if style == DisasmStyle::Labels => Some(format!("r{d} = {:#x} ll", v)),
                0 => Some(format!("r{d} = {} ll", v as i64)),
                BPF_PSEUDO_MAP_FD => Some(format!(
                    "r{d} = {} ll",
                    p.maps.get(lo.imm as u32 as usize)?.name
                )),
                BPF_PSEUDO_MAP_VALUE => {
                    let m = p.maps.get(lo.imm as u32 as usize)?;
                    let sym = match &m.origin {
                        MapOrigin::Global { vars, .. } => vars
                            .iter()
                            .find(|var| {
                                var.offset <= hi
                                    && hi < var.offset.saturating_add(var.size)
                                    && is_ident(&var.name)
                            })
                            .map(|var| (var.name.clone(), hi - var.offset)),
                        MapOrigin::Declared => None,
                    };
                    Some(match sym {
                        Some((name, 0)) => format!("r{d} = {name} ll"),
                        Some((name, k)) => format!("r{d} = {name} + {k} ll"),
                        None if hi == 0 => format!("r{d} = {} ll", m.name),
                        None => format!("r{d} = {} + {hi} ll", m.name),
                    })
                }
                BPF_PSEUDO_FUNC => {
                    let t = (idx as i64 + 1 + lo.imm as i64) as usize;
                    Some(format!("r{d} = {} ll", plan.label(t)?))
                }
                _ => None,
            }
        }
        BPF_LDX => {
            let signed = match insn.mode() {
                BPF_MEM => false,
                BPF_MEMSX if insn.size() != BPF_DW => true,
                _ => return None,
            };
            (insn.imm == 0).then(|| {
                format!(
                    "r{d} = *({} *)({})",
                    size_name(insn.size(), signed),
                    mem_text(s, insn.off)
                )
            })
        }
        BPF_ST => (insn.mode() == BPF_MEM && s == 0).then(|| {
            format!(
                "*({} *)({}) = {}",
                size_name(insn.size(), false),
                mem_text(d, insn.off),
                imm_text(insn.imm as i64, style)
            )
        }),
        _ => {
            // BPF_STX
            match insn.mode() {
                BPF_MEM => (insn.imm == 0).then(|| {
                    format!(
                        "*({} *)({}) = r{s}",
                        size_name(insn.size(), false),
                        mem_text(d, insn.off)
                    )
                }),
                BPF_ATOMIC if matches!(insn.size(), BPF_W | BPF_DW) => {
                    let w = insn.size() == BPF_W;
                    let sz = size_name(insn.size(), false);
                    let m = mem_text(d, insn.off);
                    let (bits, xname, cname) = if w {
                        ("32", "xchg32_32", "cmpxchg32_32")
                    } else {
                        ("64", "xchg_64", "cmpxchg_64")
                    };
                    let _ = bits;
                    let imm = insn.imm;
                    if imm == BPF_XCHG {
                        Some(format!("{} = {xname}({m}, {})", reg(s, w), reg(s, w)))
                    } else if imm == BPF_CMPXCHG {
                        Some(format!(
                            "{} = {cname}({m}, {}, {})",
                            reg(0, w),
                            reg(0, w),
                            reg(s, w)
                        ))
                    } else if imm & BPF_FETCH != 0 {
                        let name = atomic_op_name(imm & !BPF_FETCH)?;
                        Some(format!(
                            "{} = atomic_fetch_{name}(({sz} *)({m}), {})",
                            reg(s, w),
                            reg(s, w)
                        ))
                    } else {
                        let o = match imm as u8 {
                            BPF_ADD if imm == BPF_ADD as i32 => "+=",
                            BPF_OR if imm == BPF_OR as i32 => "|=",
                            BPF_AND if imm == BPF_AND as i32 => "&=",
                            BPF_XOR if imm == BPF_XOR as i32 => "^=",
                            _ => return None,
                        };
                        Some(format!("lock *({sz} *)({m}) {o} {}", reg(s, w)))
                    }
                }
                _ => None,
            }
        }
    }
}

fn raw_line(insn: Insn) -> String {
    format!(".raw {:#018x}", u64::from_le_bytes(insn.to_bytes()))
}

fn quote(name: &str) -> String {
    let mut s = String::from("\"");
    for b in name.bytes() {
        match b {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e => s.push(b as char),
            _ => {
                let _ = write!(s, "\\x{b:02x}");
            }
        }
    }
    s.push('"');
    s
}

/// Bytes as a C string literal, when they read as text (printable
/// characters, newlines, tabs and NULs, trailing NULs dropped as padding).
fn string_literal(bytes: &[u8]) -> Option<String> {
    let last = bytes.iter().rposition(|b| *b != 0).map_or(0, |i| i + 1);
    let body = &bytes[..last];
    let printable = body.iter().filter(|b| (0x20..=0x7e).contains(*b)).count();
    let texty = body
        .iter()
        .all(|b| (0x20..=0x7e).contains(b) || matches!(b, 0 | b'\n' | b'\t'));
    if body.is_empty() || printable * 2 < body.len() || !texty {
        return None;
    }
    let mut s = String::from("\"");
    for (i, b) in body.iter().enumerate() {
        match b {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            b'\t' => s.push_str("\\t"),
            // `\0` then a digit would read as a longer octal escape.
            0 if body.get(i + 1).is_some_and(|n| (b'0'..=b'7').contains(n)) => s.push_str("\\000"),
            0 => s.push_str("\\0"),
            _ => s.push(*b as char),
        }
    }
    s.push('"');
    Some(s)
}

/// An initial value as a directive writes it: an integer for 1, 2, 4 and 8
/// bytes, else a string or a byte list; `None` when all bytes are zero.
fn init_text(bytes: &[u8]) -> Option<String> {
    if matches!(bytes.len(), 1 | 2 | 4 | 8) {
        let mut le = [0u8; 8];
        le[..bytes.len()].copy_from_slice(bytes);
        let v = u64::from_le_bytes(le);
        return Some(if v < 65536 {
            v.to_string()
        } else {
            format!("{v:#x}")
        });
    }
    if bytes.iter().all(|b| *b == 0) {
        return None;
    }
    if let Some(s) = string_literal(bytes) {
        return Some(s);
    }
    let last = bytes.iter().rposition(|b| *b != 0).map_or(0, |i| i + 1);
    let list: Vec<String> = bytes[..last].iter().map(|b| format!("{b:#04x}")).collect();
    Some(format!("[{}]", list.join(", ")))
}

/// A global section the short way: variables in offset order, laid out by
/// the assembler's alignment rule.
fn global_plain(m: &MapDef, section: &str, vars: &[GlobalVar]) -> String {
    let mut out = String::new();
    let mut vars: Vec<_> = vars.iter().collect();
    vars.sort_by_key(|v| v.offset);
    for v in vars {
        let bytes = m.initial_value.as_ref().and_then(|iv| {
            iv.get(v.offset as usize..(v.offset as usize).saturating_add(v.size as usize))
        });
        match bytes.and_then(init_text) {
            Some(i) if !section.starts_with(".bss") => {
                let _ = writeln!(out, "{section} {} {} = {i}", v.name, v.size);
            }
            _ => {
                let _ = writeln!(out, "{section} {} {}", v.name, v.size);
            }
        }
    }
    out
}

/// A global section exactly: its size and image, then each variable at
/// its offset.
fn global_exact(m: &MapDef, section: &str, vars: &[GlobalVar]) -> String {
    let mut out = String::new();
    let image = m.initial_value.as_deref().and_then(init_text);
    match image {
        Some(i) if !section.starts_with(".bss") => {
            let _ = writeln!(out, ".image {section} {} = {i}", m.value_size);
        }
        _ => {
            let _ = writeln!(out, ".image {section} {}", m.value_size);
        }
    }
    for v in vars {
        let _ = writeln!(out, "{section} {} {} at={}", v.name, v.size, v.offset);
    }
    out
}

/// True when `text` alone assembles to exactly map `m`.
fn reproduces(m: &MapDef, text: &str) -> bool {
    match super::assemble_llvm(&format!("{text}exit\n")) {
        Ok(p) => p.maps.len() == 1 && p.maps[0] == *m,
        Err(_) => false,
    }
}

fn write_directives(p: &Program, out: &mut String) {
    let name = if is_ident(&p.name) {
        p.name.clone()
    } else {
        quote(&p.name)
    };
    let _ = writeln!(out, ".program {name} {}", p.prog_type.name());
    for m in &p.maps {
        match &m.origin {
            MapOrigin::Declared => {
                let _ = match m.map_type {
                    MapType::Ringbuf => {
                        write!(out, ".map {} ringbuf max_entries={}", m.name, m.max_entries)
                    }
                    t => write!(
                        out,
                        ".map {} {} key={} value={} max_entries={}",
                        m.name,
                        t.name(),
                        m.key_size,
                        m.value_size,
                        m.max_entries
                    ),
                };
                if m.map_flags != 0 {
                    let _ = write!(out, " flags={:#x}", m.map_flags);
                }
                out.push('\n');
            }
            MapOrigin::Global { section, vars, .. } => {
                let plain = global_plain(m, section, vars);
                if reproduces(m, &plain) {
                    out.push_str(&plain);
                } else {
                    out.push_str(&global_exact(m, section, vars));
                }
            }
        }
    }
}

/// The whole program as LLVM-dialect text: `.program`, `.map` and global
/// directives, then the instructions with labels at every jump target and
/// subprogram, numbers as `llvm-objdump -d` prints them. Anything without a
/// textual form is written `.raw`, so that `assemble(&disassemble(p))`
/// gives back the same instructions, maps, program type and name.
pub fn disassemble(p: &Program) -> String {
    disassemble_with(p, DisasmOptions::default())
}

/// [`disassemble`] in the given style.
pub fn disassemble_with(p: &Program, opts: DisasmOptions) -> String {
    let plan = make_plan(p);
    let mut out = String::new();
    write_directives(p, &mut out);
    out.push('\n');
    let mut i = 0;
    while i < p.insns.len() {
        if let Some(ls) = plan.labels.get(&i) {
            if i != 0 && plan.func_starts.contains(&i) {
                out.push('\n');
            }
            for l in ls {
                let _ = writeln!(out, "{l}:");
            }
        }
        let insn = p.insns[i];
        match render(p, &plan, i, opts.style) {
            Some(text) => {
                let _ = writeln!(out, "    {text}");
            }
            None => {
                let _ = writeln!(out, "    {}", raw_line(insn));
            }
        }
        i += if insn.is_ld_imm64() && plan.paired.contains(&(i + 1)) {
            2
        } else {
            1
        };
    }
    if let Some(ls) = plan.labels.get(&p.insns.len()) {
        for l in ls {
            let _ = writeln!(out, "{l}:");
        }
    }
    out
}

/// Instruction `idx` of `p` in the LLVM dialect, as the listing prints it
/// (labels and map names resolved): `r1 = *(u32 *)(r10 - 8)`,
/// `call bpf_dynptr_read`, `goto +3 <LBB7>`. The second slot of an
/// `ld_imm64` prints as `; second half of ld_imm64`.
pub fn format_insn(p: &Program, idx: usize) -> String {
    format_insn_with(p, idx, DisasmOptions::default())
}

/// [`format_insn`] in the given style.
pub fn format_insn_with(p: &Program, idx: usize, opts: DisasmOptions) -> String {
    let plan = make_plan(p);
    if plan.paired.contains(&idx) {
        return "; second half of ld_imm64".to_string();
    }
    match p.insns.get(idx) {
        Some(insn) => render(p, &plan, idx, opts.style).unwrap_or_else(|| raw_line(*insn)),
        None => String::new(),
    }
}

/// [`format_insn`] for every slot at once (index = instruction index), for
/// callers that show many instructions: the label plan is computed once.
pub fn format_insns(p: &Program) -> Vec<String> {
    format_insns_with(p, DisasmOptions::default())
}

/// [`format_insns`] in the given style.
pub fn format_insns_with(p: &Program, opts: DisasmOptions) -> Vec<String> {
    let plan = make_plan(p);
    (0..p.insns.len())
        .map(|idx| {
            if plan.paired.contains(&idx) {
                "; second half of ld_imm64".to_string()
            } else {
                render(p, &plan, idx, opts.style).unwrap_or_else(|| raw_line(p.insns[idx]))
            }
        })
        .collect()
}

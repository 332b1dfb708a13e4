//! What both dialects build into: instruction slots with their source
//! locations, labels, maps and globals, and the references (jump targets,
//! call names, `ld_imm64` symbols) resolved once the whole text is read.

use std::collections::HashMap;

use crate::catalog::{self, FuncKind};
use crate::isa::{
    self, Insn, BPF_CALL, BPF_JA, BPF_JMP, BPF_JMP32, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC,
    BPF_PSEUDO_KFUNC_CALL, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE,
};
use crate::program::{FuncSym, MapDef, MapOrigin, ProgType, Program, SourceLoc, MAX_INSNS};

use super::error::AsmError;
use super::lexer::RelocLine;

/// How a reference is patched once its name is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FixKind {
    /// A jump's 16-bit `off` to a label.
    JumpOff,
    /// A `gotol`'s 32-bit `imm` to a label.
    JumpImm,
    /// `call NAME`: a label (bpf-to-bpf), else a helper, else a kfunc.
    Call,
    /// `call kfunc NAME`: a kfunc only.
    KfuncCall,
    /// `rN = NAME [+ addend] ll`: a map, a global variable, a section, or a
    /// label (callback).
    LdSym {
        /// Byte offset added to a global's address.
        addend: i64,
    },
}

/// A `Disassembly of section NAME:` banner of a pasted listing.
#[derive(Debug, Clone)]
pub(crate) struct ListingSection {
    pub name: String,
    /// The first slot of the section in the text's order.
    pub start: usize,
}

/// A relocation line of a pasted `llvm-objdump -d -r` listing, attached to
/// the instruction it follows.
#[derive(Debug, Clone)]
struct RelocRef {
    idx: usize,
    r_type: String,
    symbol: String,
    line: usize,
    type_col: usize,
    symbol_col: usize,
}

#[derive(Debug, Clone)]
struct Fixup {
    idx: usize,
    kind: FixKind,
    name: String,
    line: usize,
    col: usize,
}

/// The program under construction.
pub(crate) struct Builder {
    pub name: String,
    pub prog_type: ProgType,
    /// Line of the `.program` directive, when seen.
    pub program_line: Option<usize>,
    /// Name and type a listing implies, used when there is no `.program`.
    pub guessed_name: Option<String>,
    pub guessed_type: Option<ProgType>,
    pub insns: Vec<Insn>,
    pub lines: Vec<Option<SourceLoc>>,
    pub labels: Vec<(usize, String)>,
    label_index: HashMap<String, (usize, usize, usize)>,
    fixups: Vec<Fixup>,
    pub maps: Vec<MapDef>,
    /// Section banners of a pasted listing, in order.
    pub sections: Vec<ListingSection>,
    /// Function headers of a pasted listing (`0000000000000060 <twice>:`,
    /// but not clang's block labels `<LBB0_2>`).
    pub func_headers: Vec<(usize, String)>,
    relocs: Vec<RelocRef>,
    /// `call N` of a listing without byte columns: a helper, unless a
    /// relocation or the function it lands on says otherwise.
    pub bare_calls: Vec<usize>,
    /// The first slot of the last statement, the address the listing
    /// printed for it, and its line: where a relocation line applies.
    pub last_stmt: Option<(usize, Option<u64>, usize)>,
}

/// A jump (conditional, `goto` or `gotol`): not a call or exit.
fn is_jump(insn: Insn) -> bool {
    matches!(insn.class(), BPF_JMP | BPF_JMP32) && !matches!(insn.op(), BPF_CALL | isa::BPF_EXIT)
}

/// clang's basic-block labels (`LBB0_2`), which objdump prints as headers
/// like functions.
pub(crate) fn is_block_label(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix("LBB")
        .or_else(|| name.strip_prefix(".LBB"))
    else {
        return false;
    };
    let Some((a, b)) = rest.split_once('_') else {
        return false;
    };
    !a.is_empty()
        && !b.is_empty()
        && a.bytes().all(|c| c.is_ascii_digit())
        && b.bytes().all(|c| c.is_ascii_digit())
}

/// Words a label may not be named, since they would read as something else.
pub(crate) fn reserved_word(name: &str) -> bool {
    if matches!(name, "pc" | "ll" | "kfunc") {
        return true;
    }
    let b = name.as_bytes();
    if b.len() >= 2 && (b[0] == b'r' || b[0] == b'w') && b[1..].iter().all(|c| c.is_ascii_digit()) {
        return true;
    }
    catalog::by_name(name).is_some()
}

/// True when `name` can be written as a label or symbol.
pub(crate) fn is_ident(name: &str) -> bool {
    let mut cs = name.chars();
    matches!(cs.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '$')
}

impl Builder {
    pub fn new() -> Self {
        Builder {
            name: "prog".to_string(),
            prog_type: ProgType::Syscall,
            program_line: None,
            guessed_name: None,
            guessed_type: None,
            insns: Vec::new(),
            lines: Vec::new(),
            labels: Vec::new(),
            label_index: HashMap::new(),
            fixups: Vec::new(),
            maps: Vec::new(),
            sections: Vec::new(),
            func_headers: Vec::new(),
            relocs: Vec::new(),
            bare_calls: Vec::new(),
            last_stmt: None,
        }
    }

    /// Records a relocation line of a listing; it applies to the last
    /// statement, whose address (when printed) must match its offset.
    pub fn add_reloc(&mut self, r: &RelocLine, line: usize) -> Result<(), AsmError> {
        let Some((idx, addr, stmt_line)) = self.last_stmt else {
            return Err(AsmError::new(
                line,
                1,
                format!(
                    "expected an instruction before the relocation against `{}` (objdump prints it after the instruction it applies to)",
                    r.symbol
                ),
            ));
        };
        if let Some(addr) = addr {
            if r.offset != addr.saturating_mul(8) {
                return Err(AsmError::new(
                    line,
                    1,
                    format!(
                        "expected the relocation of slot {addr} (byte offset {:#x}) after the instruction of line {stmt_line}, found byte offset {:#x} (slot {})",
                        addr.saturating_mul(8),
                        r.offset,
                        r.offset / 8
                    ),
                ));
            }
        }
        if let Some(prev) = self.relocs.iter().find(|p| p.idx == idx) {
            return Err(AsmError::new(
                line,
                1,
                format!(
                    "the instruction of line {stmt_line} already has a relocation (line {}); expected one per instruction",
                    prev.line
                ),
            ));
        }
        self.relocs.push(RelocRef {
            idx,
            r_type: r.r_type.clone(),
            symbol: r.symbol.clone(),
            line,
            type_col: r.type_col,
            symbol_col: r.symbol_col,
        });
        Ok(())
    }

    /// Index the next instruction gets.
    pub fn here(&self) -> usize {
        self.insns.len()
    }

    /// Appends one slot.
    pub fn push(&mut self, insn: Insn, line: usize, col: usize) -> usize {
        let idx = self.insns.len();
        self.insns.push(insn);
        self.lines.push(Some(SourceLoc {
            line: line as u32,
            col: col as u32,
        }));
        idx
    }

    /// Appends both slots of an `ld_imm64`.
    pub fn push_ld_imm64(
        &mut self,
        dst: u8,
        src: u8,
        value: u64,
        line: usize,
        col: usize,
    ) -> usize {
        let [lo, hi] = isa::ld_imm64(dst, src, value);
        let idx = self.push(lo, line, col);
        self.push(hi, line, col);
        idx
    }

    /// Records a reference to patch in [`Builder::finish`].
    pub fn fixup(&mut self, idx: usize, kind: FixKind, name: &str, line: usize, col: usize) {
        self.fixups.push(Fixup {
            idx,
            kind,
            name: name.to_string(),
            line,
            col,
        });
    }

    /// True when a label of this name exists.
    pub fn has_label(&self, name: &str) -> bool {
        self.label_index.contains_key(name)
    }

    /// Defines label `name` at the next instruction.
    pub fn add_label(&mut self, name: &str, line: usize, col: usize) -> Result<(), AsmError> {
        if let Some((_, l, c)) = self.label_index.get(name) {
            return Err(AsmError::new(
                line,
                col,
                format!("label `{name}` is already defined at line {l}, column {c}; expected a new name"),
            ));
        }
        if reserved_word(name) {
            return Err(AsmError::new(
                line,
                col,
                format!("`{name}` is a register, keyword, helper or kfunc name; expected another label name"),
            ));
        }
        let idx = self.here();
        self.label_index.insert(name.to_string(), (idx, line, col));
        self.labels.push((idx, name.to_string()));
        Ok(())
    }

    /// Defines `name` at `idx` unless a label of that name exists (ubpf's
    /// implicit `exit` label).
    pub fn add_implicit_label(&mut self, name: &str, idx: usize, line: usize, col: usize) {
        if !self.label_index.contains_key(name) {
            self.label_index.insert(name.to_string(), (idx, line, col));
            self.labels.push((idx, name.to_string()));
        }
    }

    /// True when `name` is a map, a global section or a global variable.
    pub fn is_data_name(&self, name: &str) -> bool {
        self.maps.iter().any(|m| {
            m.name == name
                || matches!(&m.origin, MapOrigin::Global { vars, .. } if vars.iter().any(|v| v.name == name))
        })
    }

    fn rel(&self, idx: usize, target: usize) -> i64 {
        target as i64 - idx as i64 - 1
    }

    fn resolve(&mut self, f: &Fixup) -> Result<(), AsmError> {
        let err = |m: String| AsmError::new(f.line, f.col, m);
        let label = self.label_index.get(&f.name).map(|e| e.0);
        let Some(insn) = self.insns.get(f.idx).copied() else {
            return Err(err("internal: reference to a missing instruction".into()));
        };
        let mut insn = insn;
        match f.kind {
            FixKind::JumpOff | FixKind::JumpImm => {
                let Some(target) = label else {
                    let pool: Vec<&str> = self.labels.iter().map(|(_, n)| n.as_str()).collect();
                    return Err(err(format!(
                        "expected a label defined in this program, found `{}`{}",
                        f.name,
                        did_you_mean(&f.name, &pool)
                    )));
                };
                let rel = self.rel(f.idx, target);
                if f.kind == FixKind::JumpOff {
                    insn.off = i16::try_from(rel).map_err(|_| {
                        // Only `goto` has a 32-bit form (`gotol`, BPF_JMP32|BPF_JA).
                        let how = if insn.code == (BPF_JMP | BPF_JA) {
                            "use `gotol` for long jumps"
                        } else {
                            "a conditional jump has no long form: jump over a `gotol` with the opposite condition"
                        };
                        err(format!(
                            "label `{}` is {rel} instructions away, beyond a 16-bit jump offset (-32768..32767); {how}",
                            f.name
                        ))
                    })?;
                } else {
                    insn.imm = i32::try_from(rel)
                        .map_err(|_| err(format!("label `{}` is too far away", f.name)))?;
                }
            }
            FixKind::Call | FixKind::KfuncCall => {
                if f.kind == FixKind::Call {
                    if let Some(target) = label {
                        insn.src_reg = BPF_PSEUDO_CALL;
                        insn.imm = i32::try_from(self.rel(f.idx, target))
                            .map_err(|_| err("call target is too far away".into()))?;
                        self.insns[f.idx] = insn;
                        return Ok(());
                    }
                    if let Some(FuncKind::Helper { id }) =
                        catalog::helper_by_name(&f.name).map(|d| d.kind)
                    {
                        insn.src_reg = 0;
                        insn.imm = id as i32;
                        self.insns[f.idx] = insn;
                        return Ok(());
                    }
                }
                match catalog::kfunc_by_name(&f.name).map(|d| d.kind) {
                    Some(FuncKind::Kfunc { btf_id }) => {
                        insn.src_reg = BPF_PSEUDO_KFUNC_CALL;
                        insn.imm = btf_id as i32;
                    }
                    _ => {
                        let what = if f.kind == FixKind::Call {
                            "a label, helper or kfunc name"
                        } else {
                            "a kfunc name"
                        };
                        let mut pool: Vec<&str> = catalog::all()
                            .iter()
                            .filter(|d| f.kind == FixKind::Call || d.is_kfunc())
                            .map(|d| d.name)
                            .collect();
                        if f.kind == FixKind::Call {
                            pool.extend(self.labels.iter().map(|(_, n)| n.as_str()));
                        }
                        return Err(err(format!(
                            "expected {what}, found `{}`, which is none of them{}",
                            f.name,
                            did_you_mean(&f.name, &pool)
                        )));
                    }
                }
            }
            FixKind::LdSym { addend } => {
                let Some(next) = self.insns.get(f.idx + 1).copied() else {
                    return Err(err("internal: ld_imm64 without its second half".into()));
                };
                let mut next = next;
                if let Some((map_idx, m)) =
                    self.maps.iter().enumerate().find(|(_, m)| m.name == f.name)
                {
                    match &m.origin {
                        MapOrigin::Declared => {
                            if addend != 0 {
                                return Err(err(format!(
                                    "map `{}` is not a global: expected no `+ offset`",
                                    f.name
                                )));
                            }
                            insn.src_reg = BPF_PSEUDO_MAP_FD;
                            insn.imm = map_idx as i32;
                            next.imm = 0;
                        }
                        MapOrigin::Global { .. } => {
                            insn.src_reg = BPF_PSEUDO_MAP_VALUE;
                            insn.imm = map_idx as i32;
                            next.imm = value_offset(addend, m.value_size).map_err(err)?;
                        }
                    }
                } else if let Some((map_idx, var_off, size)) = self
                    .maps
                    .iter()
                    .enumerate()
                    .find_map(|(i, m)| match &m.origin {
                        MapOrigin::Global { vars, .. } => vars
                            .iter()
                            .find(|v| v.name == f.name)
                            .map(|v| (i, v.offset, m.value_size)),
                        MapOrigin::Declared => None,
                    })
                {
                    insn.src_reg = BPF_PSEUDO_MAP_VALUE;
                    insn.imm = map_idx as i32;
                    next.imm =
                        value_offset((var_off as i64).saturating_add(addend), size).map_err(err)?;
                } else if let Some(target) = label {
                    if addend != 0 {
                        return Err(err(format!(
                            "`{}` is a function: expected no `+ offset`",
                            f.name
                        )));
                    }
                    insn.src_reg = BPF_PSEUDO_FUNC;
                    insn.imm = i32::try_from(self.rel(f.idx, target))
                        .map_err(|_| err("function is too far away".into()))?;
                    next.imm = 0;
                } else {
                    let mut pool: Vec<&str> = self.labels.iter().map(|(_, n)| n.as_str()).collect();
                    for m in &self.maps {
                        pool.push(&m.name);
                        if let MapOrigin::Global { vars, .. } = &m.origin {
                            pool.extend(vars.iter().map(|v| v.name.as_str()));
                        }
                    }
                    return Err(err(format!(
                        "expected a map, global variable or function label, found `{}`, which is none of them{}",
                        f.name,
                        did_you_mean(&f.name, &pool)
                    )));
                }
                self.insns[f.idx + 1] = next;
            }
        }
        self.insns[f.idx] = insn;
        Ok(())
    }

    /// Resolves every reference and returns the program.
    pub fn finish(mut self, end_line: usize) -> Result<Program, AsmError> {
        if self.insns.is_empty() {
            return Err(AsmError::new(
                end_line.max(1),
                1,
                "expected at least one instruction, found none",
            ));
        }
        if self.insns.len() > MAX_INSNS {
            let loc = self
                .lines
                .get(MAX_INSNS)
                .copied()
                .flatten()
                .unwrap_or_default();
            return Err(AsmError::new(
                loc.line as usize,
                loc.col as usize,
                format!(
                    "expected at most {MAX_INSNS} instruction slots (the kernel's limit), found {}",
                    self.insns.len()
                ),
            ));
        }
        for (_, name) in &self.labels {
            let Some((_, line, col)) = self.label_index.get(name) else {
                continue;
            };
            if self.is_data_name(name) {
                return Err(AsmError::new(
                    *line,
                    *col,
                    format!("label `{name}` has the name of a map or global; expected another label name"),
                ));
            }
        }
        if self.program_line.is_none() && self.sections.len() <= 1 {
            if let Some(n) = self.guessed_name.take() {
                self.name = n;
            }
            if let Some(t) = self.guessed_type {
                self.prog_type = t;
            }
        }
        let fixups = std::mem::take(&mut self.fixups);
        for f in &fixups {
            self.resolve(f)?;
        }
        let relocs = std::mem::take(&mut self.relocs);
        for r in &relocs {
            self.resolve_reloc(r)?;
        }
        self.decide_bare_calls(&relocs);
        let named_entry =
            self.program_line.is_some() && self.func_headers.iter().any(|(_, f)| *f == self.name);
        if self.sections.len() > 1 || (named_entry && !self.sections.is_empty()) {
            self.link()?;
        }
        let funcs = self.funcs();
        Ok(Program {
            name: self.name,
            prog_type: self.prog_type,
            insns: self.insns,
            maps: self.maps,
            funcs,
            lines: self.lines,
            line_info: Vec::new(),
            object_name: None,
            labels: self.labels,
            vars: Vec::new(),
        })
    }

    /// The listing section slot `idx` is in: (name, first slot, end).
    fn section_of(&self, idx: usize) -> Option<(&str, usize, usize)> {
        let k = self.sections.iter().rposition(|s| s.start <= idx)?;
        let end = self
            .sections
            .get(k + 1)
            .map_or(self.insns.len(), |s| s.start);
        let s = &self.sections[k];
        Some((s.name.as_str(), s.start, end))
    }

    /// The listing section named `name`: (first slot, end).
    fn section_named(&self, name: &str) -> Option<(usize, usize)> {
        let k = self.sections.iter().position(|s| s.name == name)?;
        let end = self
            .sections
            .get(k + 1)
            .map_or(self.insns.len(), |s| s.start);
        Some((self.sections[k].start, end))
    }

    /// Applies a relocation line: the symbol names a map or global (an
    /// `ld_imm64`), a function or code section of the listing (a call or a
    /// function address), or a kfunc (a call), as libbpf resolves them.
    fn resolve_reloc(&mut self, r: &RelocRef) -> Result<(), AsmError> {
        let err = |col: usize, m: String| AsmError::new(r.line, col, m);
        let Some(insn) = self.insns.get(r.idx).copied() else {
            return Err(err(
                1,
                "internal: relocation of a missing instruction".into(),
            ));
        };
        // Where a code symbol plus a slot offset lands, if the symbol is a
        // section or a function of this listing.
        let code_target = |b: &Self, slots: i64| -> Option<Result<usize, AsmError>> {
            let (base, end) = match b.section_named(&r.symbol) {
                Some(range) => range,
                None => {
                    let (idx, _) = b.func_headers.iter().find(|(_, n)| *n == r.symbol)?;
                    let end = b.section_of(*idx).map_or(b.insns.len(), |s| s.2);
                    (*idx, end)
                }
            };
            let t = base as i64 + slots;
            Some(if t >= base as i64 && t < end as i64 {
                Ok(t as usize)
            } else {
                Err(err(
                    r.symbol_col,
                    format!(
                        "relocation against `{}` points at slot {slots} of it, outside the {} slots this listing shows",
                        r.symbol,
                        end - base
                    ),
                ))
            })
        };
        if insn.is_ld_imm64() {
            if r.r_type != "R_BPF_64_64" {
                return Err(err(
                    r.type_col,
                    format!("expected R_BPF_64_64 on an ld_imm64, found {}", r.r_type),
                ));
            }
            let Some(next) = self.insns.get(r.idx + 1).copied() else {
                return Err(err(1, "internal: ld_imm64 without its second half".into()));
            };
            // The object keeps the addend in the instruction (REL).
            let addend = isa::ld_imm64_value(insn, next) as i64;
            if insn.src_reg != 0 {
                return Err(err(
                    r.symbol_col,
                    format!("the ld_imm64 before this relocation already has src_reg {}: expected a plain `rN = {addend} ll`", insn.src_reg),
                ));
            }
            if addend % 8 == 0 {
                if let Some(t) = code_target(self, addend / 8) {
                    let t = t?;
                    let mut lo = insn;
                    lo.src_reg = BPF_PSEUDO_FUNC;
                    lo.imm = i32::try_from(self.rel(r.idx, t))
                        .map_err(|_| err(r.symbol_col, "function is too far away".into()))?;
                    self.insns[r.idx] = lo;
                    self.insns[r.idx + 1].imm = 0;
                    return Ok(());
                }
            }
            let f = Fixup {
                idx: r.idx,
                kind: FixKind::LdSym { addend },
                name: r.symbol.clone(),
                line: r.line,
                col: r.symbol_col,
            };
            if !self.is_data_name(&r.symbol) {
                return Err(err(
                    r.symbol_col,
                    format!(
                        "expected a map or global declared in this text, or a function or code section of this listing, found `{}`: a listing does not show map and global definitions; declare it first (`.map {} hash key=4 value=8 max_entries=16`, `.data`, `.rodata`, `.bss`, ...)",
                        r.symbol, r.symbol
                    ),
                ));
            }
            return self.resolve(&f);
        }
        if insn.code == BPF_JMP | BPF_CALL {
            if r.r_type != "R_BPF_64_32" {
                return Err(err(
                    r.type_col,
                    format!("expected R_BPF_64_32 on a call, found {}", r.r_type),
                ));
            }
            if let Some(t) = code_target(self, i64::from(insn.imm) + 1) {
                let t = t?;
                let mut c = insn;
                c.src_reg = BPF_PSEUDO_CALL;
                c.imm = i32::try_from(self.rel(r.idx, t))
                    .map_err(|_| err(r.symbol_col, "call target is too far away".into()))?;
                self.insns[r.idx] = c;
                return Ok(());
            }
            if catalog::kfunc_by_name(&r.symbol).is_none() {
                return Err(err(
                    r.symbol_col,
                    format!(
                        "expected a function or code section of this listing, or a kfunc, found `{}`, which is none of them (paste the whole `llvm-objdump -d -r` output, every section)",
                        r.symbol
                    ),
                ));
            }
            // An extern: a kfunc, by name.
            return self.resolve(&Fixup {
                idx: r.idx,
                kind: FixKind::KfuncCall,
                name: r.symbol.clone(),
                line: r.line,
                col: r.symbol_col,
            });
        }
        Err(err(
            r.type_col,
            format!(
                "expected the relocation to follow an ld_imm64 or a call, found one after opcode {:#04x}",
                insn.code
            ),
        ))
    }

    /// `call N` without byte columns and without a relocation: a
    /// bpf-to-bpf call when it is in `.text` and lands on a function header
    /// there (objdump prints both kinds the same way; clang relocates every
    /// call that leaves its section, and puts subprograms in `.text`), else
    /// a helper.
    fn decide_bare_calls(&mut self, relocs: &[RelocRef]) {
        for &idx in &self.bare_calls {
            if relocs.iter().any(|r| r.idx == idx) {
                continue;
            }
            let Some(insn) = self.insns.get(idx).copied() else {
                continue;
            };
            let t = idx as i64 + i64::from(insn.imm) + 1;
            let same_section = |b: &Self| {
                let here = b.section_of(idx);
                let there = usize::try_from(t).ok().and_then(|t| b.section_of(t));
                here.is_some_and(|h| h.0 == ".text") && here.map(|h| h.1) == there.map(|t| t.1)
            };
            if self.func_headers.iter().any(|(f, _)| *f as i64 == t) && same_section(self) {
                self.insns[idx].src_reg = BPF_PSEUDO_CALL;
            }
        }
    }

    /// The function slot `idx` belongs to in a listing: from its header
    /// (or its section's start) to the next header or the section's end.
    fn func_extent(&self, idx: usize) -> (usize, usize) {
        let (sec_start, sec_end) = self
            .section_of(idx)
            .map_or((0, self.insns.len()), |s| (s.1, s.2));
        let start = self
            .func_headers
            .iter()
            .map(|(f, _)| *f)
            .filter(|f| *f >= sec_start && *f <= idx)
            .max()
            .unwrap_or(sec_start);
        let end = self
            .func_headers
            .iter()
            .map(|(f, _)| *f)
            .filter(|f| *f > idx && *f < sec_end)
            .min()
            .unwrap_or(sec_end);
        (start, end)
    }

    /// Lays out a listing of several sections, or one whose `.program`
    /// names one of its functions, as libbpf links an object (any other
    /// listing stays as written):
    /// the entry function (the one `.program` names, else the first
    /// function of the first section that is not `.text`), then every
    /// function it calls or takes the address of, appended once each in
    /// the order they are first reached. Other functions are left out.
    fn link(&mut self) -> Result<(), AsmError> {
        let n = self.insns.len();
        let named = self
            .program_line
            .and_then(|_| self.func_headers.iter().find(|(_, f)| *f == self.name))
            .map(|(i, _)| *i);
        let first_prog = || {
            self.sections
                .iter()
                .enumerate()
                .filter(|(_, s)| s.name != ".text")
                .map(|(k, s)| {
                    let end = self.sections.get(k + 1).map_or(n, |x| x.start);
                    (s.start, end)
                })
                .find(|(a, b)| a < b)
                .map(|(a, _)| a)
        };
        let entry = named.or_else(first_prog).unwrap_or(0);
        if entry >= n {
            return Ok(());
        }
        let mut chunks: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, dest)
        let (s, e) = self.func_extent(entry);
        let entry_start = s;
        chunks.push((s, e, 0));
        let mut next_dest = e - s;
        let mut k = 0;
        while let Some(&(start, end, _)) = chunks.get(k) {
            let mut i = start;
            while i < end {
                let insn = self.insns[i];
                let is_ref = insn.is_pseudo_call()
                    || (insn.is_ld_imm64() && insn.src_reg == BPF_PSEUDO_FUNC);
                if is_ref {
                    let t = i as i64 + i64::from(insn.imm) + 1;
                    let loc = self.lines.get(i).copied().flatten().unwrap_or_default();
                    if t < 0 || t >= n as i64 {
                        return Err(AsmError::new(
                            loc.line as usize,
                            loc.col as usize,
                            format!("expected a call target inside the listing, found slot {t}"),
                        ));
                    }
                    let t = t as usize;
                    if !chunks.iter().any(|(a, b, _)| *a <= t && t < *b) {
                        let (a, b) = self.func_extent(t);
                        chunks.push((a, b, next_dest));
                        next_dest += b - a;
                    }
                }
                i += if insn.is_ld_imm64() { 2 } else { 1 };
            }
            k += 1;
        }
        let place = |t: usize| -> Option<usize> {
            chunks
                .iter()
                .find(|(a, b, _)| *a <= t && t < *b)
                .map(|(a, _, d)| d + (t - a))
        };
        let mut insns = Vec::with_capacity(next_dest);
        let mut lines = Vec::with_capacity(next_dest);
        for &(a, b, _) in &chunks {
            for i in a..b {
                let mut insn = self.insns[i];
                let loc = self.lines.get(i).copied().flatten();
                let is_ref = insn.is_pseudo_call()
                    || (insn.is_ld_imm64() && insn.src_reg == BPF_PSEUDO_FUNC);
                let is_second_half = i > a && self.insns[i - 1].is_ld_imm64();
                if is_ref && !is_second_half {
                    let t = (i as i64 + i64::from(insn.imm) + 1) as usize;
                    if let (Some(from), Some(to)) = (place(i), place(t)) {
                        insn.imm = (to as i64 - from as i64 - 1) as i32;
                    }
                } else if is_jump(insn) && !is_second_half {
                    let rel = if insn.code == BPF_JMP32 | BPF_JA {
                        i64::from(insn.imm)
                    } else {
                        i64::from(insn.off)
                    };
                    let t = i as i64 + rel + 1;
                    if t < a as i64 || t > b as i64 {
                        let loc = loc.unwrap_or_default();
                        return Err(AsmError::new(
                            loc.line as usize,
                            loc.col as usize,
                            format!(
                                "expected a jump inside its function (slots {a}..{b} of the listing), found one to slot {t}: functions are placed apart when the listing is linked"
                            ),
                        ));
                    }
                }
                insns.push(insn);
                lines.push(loc);
            }
        }
        let mut labels: Vec<(usize, String)> = self
            .labels
            .iter()
            .filter_map(|(i, name)| place(*i).map(|d| (d, name.clone())))
            .collect();
        labels.sort();
        if self.program_line.is_none() {
            if let Some((_, name)) = self.func_headers.iter().find(|(i, _)| *i == entry_start) {
                self.name = name.clone();
            }
            if let Some(t) = self
                .section_of(entry_start)
                .and_then(|s| ProgType::from_section(s.0))
            {
                self.prog_type = t;
            }
        }
        self.insns = insns;
        self.lines = lines;
        self.labels = labels;
        Ok(())
    }

    /// The entry plus every target of a bpf-to-bpf call or a function
    /// pointer `ld_imm64`, named by their label when they have one.
    fn funcs(&self) -> Vec<FuncSym> {
        let mut starts: Vec<usize> = Vec::new();
        // Second halves of ld_imm64 cannot start a function.
        let mut second_halves = std::collections::HashSet::new();
        let mut i = 0;
        while i < self.insns.len() {
            if self.insns[i].is_ld_imm64() {
                second_halves.insert(i + 1);
                i += 2;
            } else {
                i += 1;
            }
        }
        let mut i = 0;
        while i < self.insns.len() {
            let insn = self.insns[i];
            let is_func_ref =
                insn.is_pseudo_call() || (insn.is_ld_imm64() && insn.src_reg == BPF_PSEUDO_FUNC);
            if is_func_ref {
                let t = i as i64 + insn.imm as i64 + 1;
                if t > 0
                    && (t as usize) < self.insns.len()
                    && !second_halves.contains(&(t as usize))
                {
                    starts.push(t as usize);
                }
            }
            i += if insn.is_ld_imm64() { 2 } else { 1 };
        }
        starts.sort_unstable();
        starts.dedup();
        let mut funcs = vec![FuncSym::new(self.name.clone(), 0)];
        for s in starts {
            let name = self
                .labels
                .iter()
                .find(|(i, _)| *i == s)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| format!("subprog_{s}"));
            funcs.push(FuncSym::new(name, s));
        }
        funcs
    }
}

/// `" (did you mean `x`?)"` for the closest name within a small edit
/// distance, or nothing.
fn did_you_mean(name: &str, pool: &[&str]) -> String {
    let limit = (name.len() / 3).clamp(1, 4);
    if name.len() > 64 {
        return String::new();
    }
    pool.iter()
        .filter(|c| c.len().abs_diff(name.len()) <= limit)
        .map(|c| (edit_distance(name, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map_or(String::new(), |(_, c)| format!(" (did you mean `{c}`?)"))
}

/// Edit distance counting a swap of two neighbours as one edit (optimal
/// string alignment); names are short.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    if let Some(first) = d.first_mut() {
        for (j, cell) in first.iter_mut().enumerate() {
            *cell = j;
        }
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

fn value_offset(off: i64, size: u32) -> Result<i32, String> {
    if off < 0 || off >= size as i64 {
        return Err(format!(
            "offset {off} is outside the global section (expected 0..{size})"
        ));
    }
    Ok(off as i32)
}

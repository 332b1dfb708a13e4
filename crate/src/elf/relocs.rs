//! Linking one program: its entry function, then every function it reaches
//! (bpf-to-bpf calls, callback addresses) appended once each, with the
//! relocations of each copied function applied. This is libbpf's
//! `bpf_object__relocate` for the subset clang emits for BPF objects.

use std::collections::BTreeMap;

use super::btf::LineInfo;
use super::{ElfError, MapTable, Obj, Sym};
use crate::catalog;
use crate::isa::{
    Insn, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_KFUNC_CALL, BPF_PSEUDO_MAP_FD,
    BPF_PSEUDO_MAP_VALUE,
};
use crate::program::{self, FuncSym, ProgType, Program, SourceLoc, MAX_INSNS};

/// `R_BPF_64_64`: the 64-bit immediate of an `ld_imm64`.
pub(crate) const R_BPF_64_64: u32 = 1;
/// `R_BPF_64_32`: the 32-bit imm of a `call`.
pub(crate) const R_BPF_64_32: u32 = 10;

const INSN_SIZE: u64 = 8;

/// A function copied into the program: `len` slots from slot `start` of
/// section `sec`, placed at slot `dest`.
#[derive(Debug, Clone)]
struct Chunk {
    sec: usize,
    start: usize,
    len: usize,
    dest: usize,
}

struct Linker<'o, 'a> {
    obj: &'o Obj<'a>,
    maps: &'o MapTable,
    insns: Vec<Insn>,
    chunks: Vec<Chunk>,
    funcs: Vec<FuncSym>,
}

/// Builds the program whose entry is `entry` in section `sec`.
pub(crate) fn link(
    obj: &Obj<'_>,
    maps: &MapTable,
    lines: &BTreeMap<String, Vec<LineInfo>>,
    vars: &super::dwarf::ObjVars,
    sec: usize,
    entry: &Sym,
) -> Result<Program, ElfError> {
    let sec_name = obj.section(sec).map(|s| s.name.clone()).unwrap_or_default();
    let prog_type = ProgType::from_section(&sec_name).ok_or_else(|| ElfError::Section {
        section: sec_name.clone(),
        what: format!(
            "program `{}`: section name does not name a program type the playground simulates (xdp, tc, cgroup_skb, raw_tp, tp, syscall)",
            entry.name
        ),
    })?;
    let mut l = Linker {
        obj,
        maps,
        insns: Vec::new(),
        chunks: Vec::new(),
        funcs: Vec::new(),
    };
    l.append(sec, entry)?;
    // The worklist is `chunks` itself: relocating a chunk may append more.
    let mut next = 0;
    while let Some(chunk) = l.chunks.get(next).cloned() {
        l.relocate(&chunk)?;
        next += 1;
    }
    let line_info = l.line_info(lines);
    let lines = l.source_lines(lines);
    let labels = l.labels();
    let placed: Vec<super::dwarf::Placed> = l
        .chunks
        .iter()
        .map(|c| super::dwarf::Placed {
            sec: c.sec,
            start: c.start,
            len: c.len,
            dest: c.dest,
        })
        .collect();
    let vars = super::dwarf::link_vars(vars, &placed);
    Ok(Program {
        name: entry.name.clone(),
        prog_type,
        insns: l.insns,
        maps: maps.defs.clone(),
        funcs: l.funcs,
        lines,
        line_info,
        object_name: None,
        labels,
        vars,
    })
}

impl<'o, 'a> Linker<'o, 'a> {
    fn sec_name(&self, sec: usize) -> String {
        self.obj
            .section(sec)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    }

    /// Copies function `sym` of section `sec` to the end of the program.
    fn append(&mut self, sec: usize, sym: &'o Sym) -> Result<usize, ElfError> {
        let section = self.obj.section(sec).ok_or_else(|| ElfError::Section {
            section: format!("#{sec}"),
            what: format!("function `{}` is in a missing section", sym.name),
        })?;
        let bad = |what: String| ElfError::Section {
            section: section.name.clone(),
            what,
        };
        if !sym.value.is_multiple_of(INSN_SIZE)
            || !sym.size.is_multiple_of(INSN_SIZE)
            || sym.size == 0
        {
            return Err(bad(format!(
                "function `{}` at byte {} of size {} is not whole instructions",
                sym.name, sym.value, sym.size
            )));
        }
        let start = usize::try_from(sym.value)
            .map_err(|_| bad(format!("function `{}` is out of range", sym.name)))?;
        let size = usize::try_from(sym.size)
            .map_err(|_| bad(format!("function `{}` is out of range", sym.name)))?;
        let bytes = start
            .checked_add(size)
            .and_then(|end| section.data.get(start..end))
            .ok_or_else(|| {
                bad(format!(
                    "function `{}` ({start}+{size}) runs past the section",
                    sym.name
                ))
            })?;
        let dest = self.insns.len();
        // Also what keeps a hostile object with overlapping function symbols
        // from growing a program without bound.
        if dest + size / 8 > MAX_INSNS {
            return Err(bad(format!(
                "program grows past {MAX_INSNS} instructions when appending `{}`",
                sym.name
            )));
        }
        for c in bytes.chunks_exact(8) {
            self.insns.push(Insn::from_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        self.chunks.push(Chunk {
            sec,
            start: start / 8,
            len: size / 8,
            dest,
        });
        self.funcs.push(FuncSym::new(sym.name.clone(), dest));
        Ok(dest)
    }

    /// Where slot `idx` of section `sec` landed, appending its function if
    /// it is not in the program yet.
    fn place(&mut self, sec: usize, idx: i64, from: (usize, usize)) -> Result<usize, ElfError> {
        let bad = |what: String| ElfError::BadCall {
            section: self.sec_name(from.0),
            insn: from.1,
            what,
        };
        let idx = usize::try_from(idx)
            .map_err(|_| bad(format!("target slot {idx} is before the section")))?;
        if let Some(c) = self
            .chunks
            .iter()
            .find(|c| c.sec == sec && c.start <= idx && idx < c.start + c.len)
        {
            return Ok(c.dest + (idx - c.start));
        }
        let off = idx as u64 * INSN_SIZE;
        let func = self
            .obj
            .symbols
            .iter()
            .flatten()
            .filter(|s| {
                s.section == Some(sec)
                    && s.is_func()
                    && s.value <= off
                    && off < s.value.saturating_add(s.size)
            })
            .min_by_key(|s| s.value)
            .ok_or_else(|| {
                bad(format!(
                    "target is slot {idx} of section `{}`, which is inside no function",
                    self.sec_name(sec)
                ))
            })?;
        let dest = self.append(sec, func)?;
        Ok(dest + (idx - (func.value / INSN_SIZE) as usize))
    }

    /// Applies the relocations of one copied function and fixes its calls.
    fn relocate(&mut self, c: &Chunk) -> Result<(), ElfError> {
        let mut j = 0;
        while j < c.len {
            let at = c.dest + j;
            let sec_idx = c.start + j;
            let insn = self.insns.get(at).copied().unwrap_or_default();
            let reloc = self.obj.reloc_at(c.sec, sec_idx as u64 * INSN_SIZE);
            if insn.is_ld_imm64() {
                if j + 1 >= c.len {
                    return Err(ElfError::BadCall {
                        section: self.sec_name(c.sec),
                        insn: sec_idx,
                        what: "ld_imm64 is missing its second half".into(),
                    });
                }
                if let Some(r) = reloc {
                    self.relocate_ld_imm64(c, j, r)?;
                }
                j += 2;
                continue;
            }
            if insn.is_call() {
                match reloc {
                    Some(r) => self.relocate_call(c, j, r)?,
                    // A call inside the same section, already relative.
                    None if insn.src_reg == BPF_PSEUDO_CALL => {
                        let target = sec_idx as i64 + i64::from(insn.imm) + 1;
                        let dest = self.place(c.sec, target, (c.sec, sec_idx))?;
                        self.set_rel_imm(at, dest, BPF_PSEUDO_CALL);
                    }
                    None => {}
                }
            } else if let Some(r) = reloc {
                return Err(self.reloc_err(
                    c.sec,
                    sec_idx,
                    r.sym,
                    "relocation on an instruction that is neither ld_imm64 nor call",
                ));
            }
            j += 1;
        }
        Ok(())
    }

    fn set_rel_imm(&mut self, at: usize, dest: usize, src_reg: u8) {
        if let Some(i) = self.insns.get_mut(at) {
            i.src_reg = src_reg;
            // Both are below the instruction count, which fits in i32 for any
            // object small enough to be in memory.
            i.imm = (dest as i64 - at as i64 - 1) as i32;
        }
    }

    fn sym(&self, idx: usize) -> Option<&'o Sym> {
        self.obj.symbols.get(idx).and_then(|s| s.as_ref())
    }

    fn reloc_err(&self, sec: usize, insn: usize, sym: usize, what: &str) -> ElfError {
        ElfError::Reloc {
            section: self.sec_name(sec),
            insn,
            symbol: self
                .sym(sym)
                .map(|s| s.name.clone())
                .unwrap_or_else(|| format!("#{sym}")),
            what: what.to_string(),
        }
    }

    fn relocate_call(&mut self, c: &Chunk, j: usize, r: super::Reloc) -> Result<(), ElfError> {
        let at = c.dest + j;
        let sec_idx = c.start + j;
        let err = |s: &Self, what: &str| s.reloc_err(c.sec, sec_idx, r.sym, what);
        if r.r_type != R_BPF_64_32 {
            return Err(err(
                self,
                &format!("type {} on a call (expected R_BPF_64_32)", r.r_type),
            ));
        }
        let sym = self
            .sym(r.sym)
            .ok_or_else(|| err(self, "symbol index out of range"))?;
        let imm = self.insns.get(at).map(|i| i.imm).unwrap_or_default();
        if sym.undefined {
            // `extern ... __ksym`: a kfunc, resolved by name.
            let f = catalog::kfunc_by_name(&sym.name).ok_or_else(|| ElfError::UnknownKfunc {
                section: self.sec_name(c.sec),
                insn: sec_idx,
                name: sym.name.clone(),
                known: catalog::all()
                    .iter()
                    .filter(|f| f.is_kfunc())
                    .map(|f| f.name)
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
            let catalog::FuncKind::Kfunc { btf_id } = f.kind else {
                return Err(err(self, "catalog entry is not a kfunc"));
            };
            if let Some(i) = self.insns.get_mut(at) {
                i.src_reg = BPF_PSEUDO_KFUNC_CALL;
                i.off = 0;
                i.imm = btf_id as i32;
            }
            return Ok(());
        }
        let tsec = sym
            .section
            .ok_or_else(|| err(self, "call to a symbol with no section"))?;
        if !self.obj.section(tsec).is_some_and(|s| s.exec) {
            return Err(err(self, "call to a symbol that is not code"));
        }
        if sym.value % INSN_SIZE != 0 {
            return Err(err(self, "call target is not instruction-aligned"));
        }
        // libbpf: target slot = sym_off / 8 + imm + 1 in the symbol's section.
        let target = (sym.value / INSN_SIZE) as i64 + i64::from(imm) + 1;
        let dest = self.place(tsec, target, (c.sec, sec_idx))?;
        self.set_rel_imm(at, dest, BPF_PSEUDO_CALL);
        Ok(())
    }

    fn relocate_ld_imm64(&mut self, c: &Chunk, j: usize, r: super::Reloc) -> Result<(), ElfError> {
        let at = c.dest + j;
        let sec_idx = c.start + j;
        let err = |s: &Self, what: &str| s.reloc_err(c.sec, sec_idx, r.sym, what);
        if r.r_type != R_BPF_64_64 {
            return Err(err(
                self,
                &format!("type {} on ld_imm64 (expected R_BPF_64_64)", r.r_type),
            ));
        }
        let sym = self
            .sym(r.sym)
            .ok_or_else(|| err(self, "symbol index out of range"))?;
        if sym.undefined {
            return Err(err(
                self,
                "address of an extern variable (__ksym / __kconfig) is not supported",
            ));
        }
        let tsec = sym
            .section
            .ok_or_else(|| err(self, "symbol has no section"))?;
        let addend = i64::from(self.insns.get(at).map(|i| i.imm).unwrap_or_default());
        let off = (sym.value as i64)
            .checked_add(addend)
            .ok_or_else(|| err(self, "offset overflows"))?;
        let tsec_name = self.sec_name(tsec);
        if tsec_name == ".maps" {
            let off = off as u64;
            let idx = self
                .maps
                .maps_by_offset
                .iter()
                .find(|(o, _, _)| *o == off)
                .map(|(_, _, i)| *i)
                .ok_or_else(|| err(self, &format!("no map starts at offset {off} of .maps")))?;
            self.set_ld_imm64(at, BPF_PSEUDO_MAP_FD, idx, 0);
            return Ok(());
        }
        if let Some(&(_, idx)) = self
            .maps
            .globals_by_section
            .iter()
            .find(|(s, _)| *s == tsec)
        {
            let size = self.maps.defs.get(idx).map(|m| m.value_size).unwrap_or(0);
            if off < 0 || off >= i64::from(size) {
                return Err(err(
                    self,
                    &format!("offset {off} is outside `{tsec_name}` ({size} bytes)"),
                ));
            }
            self.set_ld_imm64(at, BPF_PSEUDO_MAP_VALUE, idx, off as i32);
            return Ok(());
        }
        if self.obj.section(tsec).is_some_and(|s| s.exec) {
            // The address of a function (a callback): imm is a byte offset.
            if off < 0 || !(off as u64).is_multiple_of(INSN_SIZE) {
                return Err(err(
                    self,
                    &format!("function address at byte {off} is not an instruction"),
                ));
            }
            let dest = self.place(tsec, off / INSN_SIZE as i64, (c.sec, sec_idx))?;
            self.set_rel_imm(at, dest, BPF_PSEUDO_FUNC);
            if let Some(i) = self.insns.get_mut(at + 1) {
                i.imm = 0;
            }
            return Ok(());
        }
        if tsec_name == "maps" {
            return Err(err(self, "legacy `maps` section (struct bpf_map_def) is not supported; use BTF-defined maps in .maps"));
        }
        Err(err(
            self,
            &format!("refers to section `{tsec_name}`, which is not .maps, global data or code"),
        ))
    }

    fn set_ld_imm64(&mut self, at: usize, src_reg: u8, map_idx: usize, off: i32) {
        if let Some(i) = self.insns.get_mut(at) {
            i.src_reg = src_reg;
            i.imm = map_idx as i32;
        }
        if let Some(i) = self.insns.get_mut(at + 1) {
            i.imm = off;
        }
    }

    /// The source position of each slot: the last line-info record at or
    /// before it inside the same function.
    fn source_lines(&self, lines: &BTreeMap<String, Vec<LineInfo>>) -> Vec<Option<SourceLoc>> {
        let mut out = vec![None; self.insns.len()];
        for c in &self.chunks {
            let Some(recs) = lines.get(&self.sec_name(c.sec)) else {
                continue;
            };
            let lo = c.start as u64 * INSN_SIZE;
            let hi = (c.start + c.len) as u64 * INSN_SIZE;
            let mut cur = None;
            let mut k = recs.partition_point(|r| u64::from(r.insn_off) < lo);
            for j in 0..c.len {
                let off = (c.start + j) as u64 * INSN_SIZE;
                while let Some(r) = recs
                    .get(k)
                    .filter(|r| u64::from(r.insn_off) <= off && u64::from(r.insn_off) < hi)
                {
                    cur = Some(SourceLoc {
                        line: r.line,
                        col: r.col,
                    });
                    k += 1;
                }
                if let Some(slot) = out.get_mut(c.dest + j) {
                    *slot = cur;
                }
            }
        }
        out
    }

    /// The line-info records of the linked chunks, at their slots in the
    /// program, as libbpf hands them to the kernel.
    fn line_info(&self, lines: &BTreeMap<String, Vec<LineInfo>>) -> Vec<program::LineInfo> {
        let mut out = Vec::new();
        for c in &self.chunks {
            let Some(recs) = lines.get(&self.sec_name(c.sec)) else {
                continue;
            };
            let lo = c.start as u64 * INSN_SIZE;
            let hi = (c.start + c.len) as u64 * INSN_SIZE;
            for r in recs {
                let off = u64::from(r.insn_off);
                if off < lo || off >= hi || off % INSN_SIZE != 0 {
                    continue;
                }
                out.push(program::LineInfo {
                    insn: c.dest + ((off - lo) / INSN_SIZE) as usize,
                    file: r.file.clone(),
                    line: r.line,
                    col: r.col,
                    text: r.text.clone(),
                });
            }
        }
        out.sort_by_key(|l| l.insn);
        out
    }

    /// Local labels (`LBB0_2`) clang leaves in the symbol table.
    fn labels(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for c in &self.chunks {
            let lo = c.start as u64 * INSN_SIZE;
            let hi = (c.start + c.len) as u64 * INSN_SIZE;
            for s in self.obj.symbols.iter().flatten() {
                if s.section == Some(c.sec)
                    && s.st_type == object::elf::STT_NOTYPE
                    && !s.name.is_empty()
                    && s.value >= lo
                    && s.value < hi
                    && s.value % INSN_SIZE == 0
                {
                    out.push((
                        c.dest + (s.value / INSN_SIZE) as usize - c.start,
                        s.name.clone(),
                    ));
                }
            }
        }
        out.sort();
        out
    }
}

//! Variable names from DWARF: each function's parameters and locals, with
//! their C type and where they live (a stack offset from `r10`, or a
//! register over a range of instructions), read from `.debug_info` and the
//! sections it refers to.
//!
//! A relocatable object's debug sections hold section-relative addresses
//! patched by `.rel.debug_*`: every program section starts at address 0, so
//! the relocations are applied here with each code section given its own
//! base (`(section index + 1) << 32`), and an address then says which
//! section it is in. What DWARF describes is per object; [`link_vars`] maps
//! it onto one linked program's instruction slots.
//!
//! clang's BPF frame base is `r10`, but its offsets (`DW_OP_fbreg`,
//! `DW_OP_breg10`) count from the bottom of the function's frame: the
//! address is `r10 - stack_size + offset`. The stack size is not in DWARF;
//! it is the larger of what the variables span and what the function's
//! instructions reach below `r10`, rounded up to 8.
//!
//! DWARF only names things: a malformed or missing DWARF gives no
//! variables, never an error.

use std::collections::BTreeMap;

use gimli::{AttributeValue, EndianSlice, LittleEndian, Operation};

use super::Obj;
use crate::isa::Insn;
use crate::program::{DebugVar, VarLoc, VarPlace};

/// `R_BPF_64_ABS64`: an 8-byte absolute address.
const R_BPF_64_ABS64: u32 = 2;
/// `R_BPF_64_ABS32`: a 4-byte absolute value.
const R_BPF_64_ABS32: u32 = 3;
/// `R_BPF_64_NODYLD32`: the same, not for the dynamic loader.
const R_BPF_64_NODYLD32: u32 = 4;

const INSN_SIZE: u64 = 8;

/// Most DIEs walked in one object, and deepest nesting: a hostile object
/// stops there with what was read.
const MAX_DIES: usize = 200_000;
const MAX_DEPTH: usize = 64;

/// An address range inside one code section (bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SecRange {
    pub sec: usize,
    pub lo: u64,
    pub hi: u64,
}

/// Where a variable is, before the frame's size is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RawPlace {
    /// `DW_OP_fbreg k` / `DW_OP_breg10 k`: `k` from the frame's bottom.
    Frame(i64),
    /// `DW_OP_regN`.
    Reg(u8),
}

#[derive(Debug, Clone)]
struct RawVar {
    name: String,
    type_name: String,
    size: u32,
    param: bool,
    locs: Vec<(SecRange, RawPlace)>,
}

/// One concrete function's variables.
#[derive(Debug, Clone)]
struct RawFunc {
    name: String,
    range: SecRange,
    vars: Vec<RawVar>,
}

/// What an object's DWARF says about its functions' variables.
#[derive(Debug, Clone, Default)]
pub(crate) struct ObjVars {
    funcs: Vec<RawFunc>,
}

/// A function copied into a program: `len` slots from slot `start` of
/// section `sec`, placed at slot `dest` (the linker's chunks).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placed {
    pub sec: usize,
    pub start: usize,
    pub len: usize,
    pub dest: usize,
}

fn section_base(sec: usize) -> u64 {
    (sec as u64 + 1) << 32
}

fn split_addr(addr: u64) -> Option<(usize, u64)> {
    let sec = usize::try_from(addr >> 32).ok()?.checked_sub(1)?;
    Some((sec, addr & 0xffff_ffff))
}

/// The debug sections with their relocations applied.
fn relocated_sections(obj: &Obj<'_>) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for (idx, sec) in obj.sections.iter().enumerate() {
        let Some(sec) = sec else { continue };
        if !sec.name.starts_with(".debug_") {
            continue;
        }
        let mut data = sec.data.to_vec();
        for r in obj.debug_relocs.get(&idx).into_iter().flatten() {
            let Some(sym) = obj.symbols.get(r.sym).and_then(|s| s.as_ref()) else {
                continue;
            };
            let base = match sym.section.and_then(|s| obj.section(s).map(|x| (s, x))) {
                Some((s, x)) if x.exec => section_base(s),
                _ => 0,
            };
            let s_val = base.wrapping_add(sym.value);
            let Ok(at) = usize::try_from(r.offset) else {
                continue;
            };
            match r.r_type {
                R_BPF_64_ABS64 => {
                    if let Some(b) = at.checked_add(8).and_then(|e| data.get_mut(at..e)) {
                        let mut a = [0u8; 8];
                        a.copy_from_slice(b);
                        let v = s_val.wrapping_add(u64::from_le_bytes(a));
                        b.copy_from_slice(&v.to_le_bytes());
                    }
                }
                R_BPF_64_ABS32 | R_BPF_64_NODYLD32 => {
                    if let Some(b) = at.checked_add(4).and_then(|e| data.get_mut(at..e)) {
                        let mut a = [0u8; 4];
                        a.copy_from_slice(b);
                        let v = (s_val as u32).wrapping_add(u32::from_le_bytes(a));
                        b.copy_from_slice(&v.to_le_bytes());
                    }
                }
                _ => {}
            }
        }
        out.insert(sec.name.clone(), data);
    }
    out
}

type R<'a> = EndianSlice<'a, LittleEndian>;

/// Reads the variables of every function of an object; empty without DWARF
/// or when it cannot be read.
pub(crate) fn object_vars(obj: &Obj<'_>) -> ObjVars {
    let sections = relocated_sections(obj);
    if !sections.contains_key(".debug_info") {
        return ObjVars::default();
    }
    let load = |id: gimli::SectionId| -> Result<R<'_>, gimli::Error> {
        let data = sections.get(id.name()).map(Vec::as_slice).unwrap_or(&[]);
        Ok(EndianSlice::new(data, LittleEndian))
    };
    let Ok(dwarf) = gimli::Dwarf::load(load) else {
        return ObjVars::default();
    };
    let mut out = ObjVars::default();
    let mut budget = MAX_DIES;
    let mut units = dwarf.units();
    while let Ok(Some(header)) = units.next() {
        let Ok(unit) = dwarf.unit(header) else {
            continue;
        };
        let mut r = UnitReader {
            dwarf: &dwarf,
            unit: &unit,
            budget: &mut budget,
            out: &mut out,
        };
        // A unit that stops half-way keeps what it read.
        let _ = r.walk_unit();
    }
    for f in &mut out.funcs {
        let size = stack_size(obj, f);
        for v in &mut f.vars {
            for (_, p) in &mut v.locs {
                if let RawPlace::Frame(k) = p {
                    *p = RawPlace::Frame(k.saturating_sub(size));
                }
            }
        }
    }
    out
}

struct UnitReader<'d, 'a> {
    dwarf: &'d gimli::Dwarf<R<'a>>,
    unit: &'d gimli::Unit<R<'a>>,
    budget: &'d mut usize,
    out: &'d mut ObjVars,
}

type Node<'x, 'y, 'a> = gimli::EntriesTreeNode<'x, 'y, R<'a>>;

impl<'a> UnitReader<'_, 'a> {
    fn walk_unit(&mut self) -> gimli::Result<()> {
        let mut tree = self.unit.entries_tree(None)?;
        let root = tree.root()?;
        self.walk(root, 0)
    }

    fn tick(&mut self) -> gimli::Result<()> {
        if *self.budget == 0 {
            return Err(gimli::Error::UnexpectedEof(gimli::ReaderOffsetId(0)));
        }
        *self.budget -= 1;
        Ok(())
    }

    /// Finds concrete subprograms anywhere below `node`.
    fn walk(&mut self, node: Node<'_, '_, 'a>, depth: usize) -> gimli::Result<()> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        let mut children = node.children();
        while let Some(child) = children.next()? {
            self.tick()?;
            if child.entry().tag() == gimli::DW_TAG_subprogram {
                self.subprogram(child)?;
            } else {
                self.walk(child, depth + 1)?;
            }
        }
        Ok(())
    }

    fn subprogram(&mut self, node: Node<'_, '_, 'a>) -> gimli::Result<()> {
        let entry = node.entry();
        let ranges = self.ranges(entry)?;
        let Some(&range) = ranges.first() else {
            // An abstract or declared-only function: no code of its own.
            return Ok(());
        };
        let name = self.name_of(entry, 0).unwrap_or_default();
        let mut vars = Vec::new();
        self.scope(node, &ranges, &mut vars, 0)?;
        self.out.funcs.push(RawFunc { name, range, vars });
        Ok(())
    }

    /// The variables of a scope (function body, lexical block, inlined
    /// call) that covers `ranges`, and of the scopes inside it.
    fn scope(
        &mut self,
        node: Node<'_, '_, 'a>,
        ranges: &[SecRange],
        vars: &mut Vec<RawVar>,
        depth: usize,
    ) -> gimli::Result<()> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        let mut children = node.children();
        while let Some(child) = children.next()? {
            self.tick()?;
            let tag = child.entry().tag();
            match tag {
                gimli::DW_TAG_formal_parameter | gimli::DW_TAG_variable => {
                    if let Some(v) = self.variable(child.entry(), ranges, tag)? {
                        vars.push(v);
                    }
                }
                gimli::DW_TAG_lexical_block | gimli::DW_TAG_inlined_subroutine => {
                    let inner = self.ranges(child.entry())?;
                    let inner = if inner.is_empty() {
                        ranges.to_vec()
                    } else {
                        inner
                    };
                    self.scope(child, &inner, vars, depth + 1)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn variable(
        &mut self,
        entry: &gimli::DebuggingInformationEntry<R<'a>>,
        scope: &[SecRange],
        tag: gimli::DwTag,
    ) -> gimli::Result<Option<RawVar>> {
        let Some(name) = self.name_of(entry, 0) else {
            return Ok(None);
        };
        let Some(loc) = entry.attr_value(gimli::DW_AT_location) else {
            return Ok(None);
        };
        let mut locs = Vec::new();
        match loc {
            AttributeValue::Exprloc(expr) => {
                if let Some(p) = self.place(expr) {
                    locs.extend(scope.iter().map(|r| (*r, p)));
                }
            }
            other => {
                if let Some(mut iter) = self.dwarf.attr_locations(self.unit, other)? {
                    while let Some(e) = iter.next()? {
                        let (Some((s1, lo)), Some((s2, hi))) =
                            (split_addr(e.range.begin), split_addr(e.range.end))
                        else {
                            continue;
                        };
                        if s1 != s2 || hi <= lo {
                            continue;
                        }
                        if let Some(p) = self.place(e.data) {
                            locs.push((SecRange { sec: s1, lo, hi }, p));
                        }
                    }
                }
            }
        }
        if locs.is_empty() {
            return Ok(None);
        }
        let ty = self.type_of(entry, 0);
        let (type_name, size) = match ty {
            Some(off) => (self.type_name(off, 0), self.type_size(off, 0).unwrap_or(0)),
            None => ("void".to_string(), 0),
        };
        Ok(Some(RawVar {
            name,
            type_name,
            size: u32::try_from(size).unwrap_or(u32::MAX),
            param: tag == gimli::DW_TAG_formal_parameter,
            locs,
        }))
    }

    /// A location expression the panels can show: one register, or a
    /// frame offset. Anything else (a constant, a computed value, pieces)
    /// names nothing.
    fn place(&self, expr: gimli::Expression<R<'a>>) -> Option<RawPlace> {
        let mut ops = expr.operations(self.unit.encoding());
        let first = ops.next().ok()??;
        if ops.next().ok()?.is_some() {
            return None;
        }
        match first {
            Operation::Register { register } => u8::try_from(register.0)
                .ok()
                .filter(|r| *r <= 10)
                .map(RawPlace::Reg),
            Operation::FrameOffset { offset } => Some(RawPlace::Frame(offset)),
            Operation::RegisterOffset {
                register, offset, ..
            } if register.0 == 10 => Some(RawPlace::Frame(offset)),
            _ => None,
        }
    }

    fn ranges(
        &self,
        entry: &gimli::DebuggingInformationEntry<R<'a>>,
    ) -> gimli::Result<Vec<SecRange>> {
        let mut out = Vec::new();
        // gimli's `die_ranges` adds a `DW_AT_high_pc` size to `DW_AT_low_pc`
        // unchecked, which panics under overflow checks (gimli-rs/gimli#895,
        // in no release up to 0.34.0): a range past the end of the address
        // space is dropped here first, as that fix drops it. Same attribute
        // walk as gimli's (the last of a repeated attribute counts).
        let (mut low, mut size) = (None, None);
        for attr in entry.attrs() {
            match (attr.name(), attr.value()) {
                (gimli::DW_AT_low_pc, v) => low = self.dwarf.attr_address(self.unit, v)?,
                (gimli::DW_AT_high_pc, gimli::AttributeValue::Udata(n)) => size = Some(n),
                // gimli answers with the list as soon as it meets one.
                (gimli::DW_AT_ranges, v) if self.dwarf.attr_ranges(self.unit, v)?.is_some() => {
                    break
                }
                _ => {}
            }
        }
        if let (Some(lo), Some(n)) = (low, size) {
            if lo.checked_add(n).is_none() {
                return Ok(out);
            }
        }
        let mut iter = self.dwarf.die_ranges(self.unit, entry)?;
        while let Some(r) = iter.next()? {
            if let (Some((s1, lo)), Some((s2, hi))) = (split_addr(r.begin), split_addr(r.end)) {
                if s1 == s2 && lo < hi {
                    out.push(SecRange { sec: s1, lo, hi });
                }
            }
        }
        Ok(out)
    }

    /// `DW_AT_name`, or the name of its abstract origin (an inlined
    /// function's variables name themselves through it).
    fn name_of(
        &self,
        entry: &gimli::DebuggingInformationEntry<R<'a>>,
        depth: usize,
    ) -> Option<String> {
        if let Some(v) = entry.attr_value(gimli::DW_AT_name) {
            let s = self.dwarf.attr_string(self.unit, v).ok()?;
            return Some(s.to_string_lossy().into_owned());
        }
        let origin = self.origin(entry)?;
        if depth > 4 {
            return None;
        }
        let e = self.unit.entry(origin).ok()?;
        self.name_of(&e, depth + 1)
    }

    fn origin(&self, entry: &gimli::DebuggingInformationEntry<R<'a>>) -> Option<gimli::UnitOffset> {
        match entry.attr_value(gimli::DW_AT_abstract_origin)? {
            AttributeValue::UnitRef(o) => Some(o),
            _ => None,
        }
    }

    /// `DW_AT_type` (through the abstract origin).
    fn type_of(
        &self,
        entry: &gimli::DebuggingInformationEntry<R<'a>>,
        depth: usize,
    ) -> Option<gimli::UnitOffset> {
        match entry.attr_value(gimli::DW_AT_type) {
            Some(AttributeValue::UnitRef(o)) => Some(o),
            Some(_) => None,
            None if depth <= 4 => {
                let e = self.unit.entry(self.origin(entry)?).ok()?;
                self.type_of(&e, depth + 1)
            }
            None => None,
        }
    }

    fn die_name(&self, off: gimli::UnitOffset) -> Option<String> {
        let e = self.unit.entry(off).ok()?;
        let v = e.attr_value(gimli::DW_AT_name)?;
        let s = self.dwarf.attr_string(self.unit, v).ok()?;
        Some(s.to_string_lossy().into_owned())
    }

    /// The C spelling of a type: `__u32`, `struct bpf_dynptr`, `char[64]`,
    /// `void *`, `const struct event *`.
    fn type_name(&self, off: gimli::UnitOffset, depth: usize) -> String {
        if depth > 16 {
            return "?".into();
        }
        let Ok(e) = self.unit.entry(off) else {
            return "?".into();
        };
        let inner = |s: &Self| match s.type_of(&e, 5) {
            Some(t) => s.type_name(t, depth + 1),
            None => "void".to_string(),
        };
        let name = self.die_name(off);
        match e.tag() {
            gimli::DW_TAG_base_type | gimli::DW_TAG_typedef => name.unwrap_or_else(|| "?".into()),
            gimli::DW_TAG_structure_type => {
                format!("struct {}", name.unwrap_or_else(|| "(anon)".into()))
            }
            gimli::DW_TAG_union_type => {
                format!("union {}", name.unwrap_or_else(|| "(anon)".into()))
            }
            gimli::DW_TAG_enumeration_type => {
                format!("enum {}", name.unwrap_or_else(|| "(anon)".into()))
            }
            gimli::DW_TAG_pointer_type => {
                let t = inner(self);
                if t.ends_with('*') {
                    format!("{t}*")
                } else {
                    format!("{t} *")
                }
            }
            gimli::DW_TAG_const_type => format!("const {}", inner(self)),
            gimli::DW_TAG_volatile_type => format!("volatile {}", inner(self)),
            gimli::DW_TAG_restrict_type => inner(self),
            gimli::DW_TAG_array_type => {
                let dims: String = self
                    .array_dims(off)
                    .iter()
                    .map(|d| format!("[{d}]"))
                    .collect();
                format!("{}{dims}", inner(self))
            }
            gimli::DW_TAG_subroutine_type => "function".into(),
            _ => name.unwrap_or_else(|| "?".into()),
        }
    }

    /// The element counts of an array type, outermost first.
    fn array_dims(&self, off: gimli::UnitOffset) -> Vec<u64> {
        let mut dims = Vec::new();
        let Ok(mut tree) = self.unit.entries_tree(Some(off)) else {
            return dims;
        };
        let Ok(root) = tree.root() else { return dims };
        let mut children = root.children();
        while let Ok(Some(c)) = children.next() {
            let e = c.entry();
            if e.tag() != gimli::DW_TAG_subrange_type || dims.len() >= 8 {
                continue;
            }
            let count = match e.attr_value(gimli::DW_AT_count) {
                Some(v) => v.udata_value(),
                None => e
                    .attr_value(gimli::DW_AT_upper_bound)
                    .and_then(|v| v.udata_value())
                    .map(|u| u.saturating_add(1)),
            };
            dims.push(count.unwrap_or(0));
        }
        dims
    }

    fn type_size(&self, off: gimli::UnitOffset, depth: usize) -> Option<u64> {
        if depth > 16 {
            return None;
        }
        let e = self.unit.entry(off).ok()?;
        if let Some(v) = e.attr_value(gimli::DW_AT_byte_size) {
            return v.udata_value();
        }
        match e.tag() {
            gimli::DW_TAG_pointer_type => Some(8),
            gimli::DW_TAG_array_type => {
                let elem = self.type_size(self.type_of(&e, 5)?, depth + 1)?;
                self.array_dims(off)
                    .iter()
                    .try_fold(elem, |acc, d| acc.checked_mul(*d))
            }
            _ => self.type_size(self.type_of(&e, 5)?, depth + 1),
        }
    }
}

/// The function's frame size: the larger of what its frame variables span
/// and the lowest stack byte its instructions reach through `r10`, rounded
/// up to 8.
fn stack_size(obj: &Obj<'_>, f: &RawFunc) -> i64 {
    let mut size: i64 = 0;
    for v in &f.vars {
        for (_, p) in &v.locs {
            if let RawPlace::Frame(k) = p {
                size = size.max(k.saturating_add(i64::from(v.size)));
            }
        }
    }
    let data = obj
        .section(f.range.sec)
        .and_then(|s| {
            let lo = usize::try_from(f.range.lo).ok()?;
            let hi = usize::try_from(f.range.hi).ok()?;
            s.data.get(lo..hi)
        })
        .unwrap_or(&[]);
    let insns: Vec<Insn> = data
        .chunks_exact(INSN_SIZE as usize)
        .map(|c| Insn::from_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
        .collect();
    size = size.max(lowest_fp_offset(&insns).saturating_neg());
    (size.clamp(0, 1 << 20) + 7) / 8 * 8
}

/// The lowest `r10` offset the instructions touch: memory accesses based on
/// `r10`, or on a register set to `r10 + k` earlier in straight-line code.
fn lowest_fp_offset(insns: &[Insn]) -> i64 {
    use crate::isa::{BPF_ADD, BPF_ALU64, BPF_JMP, BPF_JMP32, BPF_K, BPF_MOV, BPF_X};
    // Branch targets start a new guess: another path may reach them.
    let mut targets = vec![false; insns.len() + 1];
    for (i, insn) in insns.iter().enumerate() {
        let class = insn.code & 7;
        if (class == BPF_JMP || class == BPF_JMP32) && !insn.is_call() && !insn.is_exit() {
            let t = i as i64 + 1 + i64::from(insn.off);
            if let Some(x) = usize::try_from(t).ok().and_then(|t| targets.get_mut(t)) {
                *x = true;
            }
        }
    }
    let mut fp: [Option<i64>; 11] = [None; 11];
    fp[10] = Some(0);
    let mut low = 0i64;
    let mut skip = false;
    for (i, insn) in insns.iter().enumerate() {
        if skip {
            skip = false;
            continue;
        }
        if targets.get(i).copied().unwrap_or(false) {
            fp = [None; 11];
            fp[10] = Some(0);
        }
        let (dst, src) = (usize::from(insn.dst_reg), usize::from(insn.src_reg));
        let class = insn.code & 7;
        let op = insn.code & 0xf0;
        if insn.is_ld_imm64() {
            if let Some(r) = fp.get_mut(dst) {
                *r = None;
            }
            skip = true;
            continue;
        }
        match class {
            // LDX: base is src.
            0x01 => {
                if let Some(Some(b)) = fp.get(src) {
                    low = low.min(b.saturating_add(i64::from(insn.off)));
                }
                if let Some(r) = fp.get_mut(dst).filter(|_| dst != 10) {
                    *r = None;
                }
            }
            // ST, STX: base is dst.
            0x02 | 0x03 => {
                if let Some(Some(b)) = fp.get(dst) {
                    low = low.min(b.saturating_add(i64::from(insn.off)));
                }
            }
            BPF_ALU64 if op == BPF_MOV && insn.code & 0x08 == BPF_X => {
                let v = fp.get(src).copied().flatten();
                if let Some(r) = fp.get_mut(dst).filter(|_| dst != 10) {
                    *r = v;
                }
            }
            BPF_ALU64 if op == BPF_ADD && insn.code & 0x08 == BPF_K => {
                if let Some(r) = fp.get_mut(dst).filter(|_| dst != 10) {
                    *r = r.map(|b| b.saturating_add(i64::from(insn.imm)));
                    if let Some(b) = *r {
                        low = low.min(b);
                    }
                }
            }
            _ if insn.is_call() => {
                for r in fp.iter_mut().take(6) {
                    *r = None;
                }
            }
            _ => {
                if let Some(r) = fp.get_mut(dst).filter(|_| dst != 10) {
                    if matches!(class, 0x04 | BPF_ALU64) {
                        *r = None;
                    }
                }
            }
        }
    }
    low
}

/// The variables of one linked program: each function of the object that
/// the linker placed, its ranges moved to the program's slots.
pub(crate) fn link_vars(vars: &ObjVars, placed: &[Placed]) -> Vec<DebugVar> {
    let mut out = Vec::new();
    let map_range = |r: &SecRange| -> Vec<(usize, usize)> {
        let (lo, hi) = (r.lo / INSN_SIZE, r.hi.div_ceil(INSN_SIZE));
        placed
            .iter()
            .filter(|c| c.sec == r.sec)
            .filter_map(|c| {
                let (cs, ce) = (c.start as u64, (c.start + c.len) as u64);
                let (a, b) = (lo.max(cs), hi.min(ce));
                (a < b).then(|| (c.dest + (a - cs) as usize, c.dest + (b - cs) as usize))
            })
            .collect()
    };
    for f in &vars.funcs {
        let Some(&(func_start, _)) = map_range(&f.range).first() else {
            continue;
        };
        for v in &f.vars {
            let mut locs = Vec::new();
            for (r, p) in &v.locs {
                let place = match *p {
                    RawPlace::Frame(off) => match i32::try_from(off) {
                        Ok(off) if (-512..0).contains(&off) => VarPlace::Stack { off },
                        _ => continue,
                    },
                    RawPlace::Reg(regno) => VarPlace::Reg { regno },
                };
                for (start, end) in map_range(r) {
                    locs.push(VarLoc { start, end, place });
                }
            }
            if locs.is_empty() {
                continue;
            }
            out.push(DebugVar {
                name: v.name.clone(),
                type_name: v.type_name.clone(),
                size: v.size,
                func: f.name.clone(),
                func_start,
                param: v.param,
                locs,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn insn(code: u8, dst: u8, src: u8, off: i16, imm: i32) -> Insn {
        Insn {
            code,
            dst_reg: dst,
            src_reg: src,
            off,
            imm,
        }
    }

    #[test]
    fn fp_offsets_through_copies() {
        // r1 = r10; r1 += -24; *(u32 *)(r10 - 4) = r0; exit
        let p = [
            insn(0xbf, 1, 10, 0, 0),
            insn(0x07, 1, 0, 0, -24),
            insn(0x63, 10, 0, -4, 0),
            insn(0x95, 0, 0, 0, 0),
        ];
        assert_eq!(lowest_fp_offset(&p), -24);
        // A store through a copy: r2 = r10; *(u64 *)(r2 - 40) = r1
        let p = [insn(0xbf, 2, 10, 0, 0), insn(0x7b, 2, 1, -40, 0)];
        assert_eq!(lowest_fp_offset(&p), -40);
        // r1 = r10 then r1 = 5: no longer a frame pointer.
        let p = [
            insn(0xbf, 1, 10, 0, 0),
            insn(0xb7, 1, 0, 0, 5),
            insn(0x07, 1, 0, 0, -100),
        ];
        assert_eq!(lowest_fp_offset(&p), 0);
    }

    #[test]
    fn addresses_carry_their_section() {
        assert_eq!(split_addr(section_base(3) + 16), Some((3, 16)));
        assert_eq!(split_addr(16), None);
    }

    #[test]
    fn linking_moves_ranges() {
        let vars = ObjVars {
            funcs: vec![RawFunc {
                name: "f".into(),
                range: SecRange {
                    sec: 2,
                    lo: 0,
                    hi: 80,
                },
                vars: vec![RawVar {
                    name: "x".into(),
                    type_name: "int".into(),
                    size: 4,
                    param: false,
                    locs: vec![
                        (
                            SecRange {
                                sec: 2,
                                lo: 16,
                                hi: 40,
                            },
                            RawPlace::Reg(6),
                        ),
                        (
                            SecRange {
                                sec: 2,
                                lo: 0,
                                hi: 80,
                            },
                            RawPlace::Frame(-4),
                        ),
                    ],
                }],
            }],
        };
        let placed = [Placed {
            sec: 2,
            start: 0,
            len: 10,
            dest: 20,
        }];
        let v = link_vars(&vars, &placed);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].func_start, 20);
        assert_eq!(
            v[0].locs,
            vec![
                VarLoc {
                    start: 22,
                    end: 25,
                    place: VarPlace::Reg { regno: 6 }
                },
                VarLoc {
                    start: 20,
                    end: 30,
                    place: VarPlace::Stack { off: -4 }
                },
            ]
        );
        // A function the program does not include gives nothing.
        assert!(link_vars(&vars, &[]).is_empty());
    }
}

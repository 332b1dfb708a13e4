//! Loading `clang -O2 -g -target bpf -c` objects, the way libbpf prepares
//! them for `BPF_PROG_LOAD`.
//!
//! One [`Program`] per function in a program section (`SEC("xdp")`,
//! `SEC("?tc")`, ...). Each gets:
//! - its instructions, then every static subprogram it calls (or takes the
//!   address of, as a `bpf_loop` callback) appended after it, with the
//!   relative `call` / `ld_imm64` offsets fixed (`BPF_PSEUDO_CALL`,
//!   `BPF_PSEUDO_FUNC`);
//! - every map of the object: BTF-defined maps of `.maps` first, then the
//!   global data sections (`.data`, `.rodata`, `.bss`, ...) as
//!   single-element array maps; `ld_imm64` of a map becomes
//!   `BPF_PSEUDO_MAP_FD` and of a global `BPF_PSEUDO_MAP_VALUE`, with the map
//!   index as imm (and the offset in the second slot's imm);
//! - kfunc calls (`extern ... __ksym`) resolved by name through the catalog
//!   (`BPF_PSEUDO_KFUNC_CALL`, imm = the catalog's BTF id);
//! - the source line of each instruction from `.BTF.ext`, when present.
//!
//! Helper calls by number are kept as they are.

mod btf;
pub mod dwarf;
mod globals;
mod maps;
mod relocs;

pub use globals::global_types;

use std::collections::BTreeMap;

use object::read::elf::{ElfFile64, SectionHeader as _};
use object::{
    Architecture, Endianness, Object, ObjectSection, ObjectSymbol, RelocationFlags,
    RelocationTarget, SymbolSection,
};
use thiserror::Error;

use crate::program::{MapDef, Program};

/// Why an object cannot be loaded. Each variant names the section, symbol,
/// map or relocation at fault.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ElfError {
    /// The bytes are not a readable ELF object.
    #[error("not a readable ELF object: {0}")]
    Parse(String),
    /// A well-formed ELF object this loader does not handle.
    #[error("unsupported object: {0}")]
    Unsupported(String),
    /// The `.BTF` or `.BTF.ext` section is malformed.
    #[error("BTF: {0}")]
    Btf(String),
    /// A section is malformed (size, alignment, ...).
    #[error("section `{section}`: {what}")]
    Section {
        /// The section name.
        section: String,
        /// What is wrong.
        what: String,
    },
    /// A map definition in `.maps` is missing a field or is invalid.
    #[error("map `{map}`: {what}")]
    Map {
        /// The map's name.
        map: String,
        /// What is wrong.
        what: String,
    },
    /// A relocation cannot be applied.
    #[error("section `{section}`, insn {insn}: relocation against `{symbol}`: {what}")]
    Reloc {
        /// The section holding the instruction.
        section: String,
        /// Instruction index inside that section.
        insn: usize,
        /// The symbol the relocation refers to.
        symbol: String,
        /// What is wrong.
        what: String,
    },
    /// A call to a kfunc the catalog does not know.
    #[error("section `{section}`, insn {insn}: call to unknown kfunc `{name}` (the playground knows: {known})")]
    UnknownKfunc {
        /// The section holding the call.
        section: String,
        /// Instruction index inside that section.
        insn: usize,
        /// The extern's name.
        name: String,
        /// The kfuncs the catalog lists.
        known: String,
    },
    /// A `bpf-to-bpf` call or function address whose target is not a function.
    #[error("section `{section}`, insn {insn}: {what}")]
    BadCall {
        /// The section holding the instruction.
        section: String,
        /// Instruction index inside that section.
        insn: usize,
        /// What is wrong.
        what: String,
    },
    /// The object holds no program (no function in a `SEC()` section).
    #[error("the object has no programs: no function in a SEC() section other than .text")]
    NoPrograms,
    /// [`load_program`] found no program by that name.
    #[error("no program `{name}` in the object (programs: {available})")]
    NoSuchProgram {
        /// The requested name.
        name: String,
        /// The programs present, as `function (section)`.
        available: String,
    },
    /// [`load_program`] was given a section name that holds several programs.
    #[error(
        "section `{section}` holds several programs ({programs}): name one by its function name"
    )]
    AmbiguousSection {
        /// The section.
        section: String,
        /// Its programs.
        programs: String,
    },
}

/// Loads every program of an object: one per function in a program section.
pub fn load(bytes: &[u8]) -> Result<Vec<Program>, ElfError> {
    let obj = Obj::parse(bytes)?;
    let ctx = LoadCtx::new(&obj)?;
    let entries = program_entries(&obj);
    if entries.is_empty() {
        return Err(ElfError::NoPrograms);
    }
    entries
        .into_iter()
        .map(|(sec, sym)| ctx.link(&obj, sec, sym))
        .collect()
}

/// Loads one program, named by its function name or its section name
/// (`xdp`, `?tc`; the `?` may be left out). Only that program is linked,
/// so another program of the object that cannot load (an unsimulated
/// section type, an unknown kfunc) does not stand in the way.
pub fn load_program(bytes: &[u8], name: &str) -> Result<Program, ElfError> {
    let obj = Obj::parse(bytes)?;
    let entries = program_entries(&obj);
    if entries.is_empty() {
        return Err(ElfError::NoPrograms);
    }
    let sec_name = |sec: usize| obj.section(sec).map(|s| s.name.as_str()).unwrap_or("");
    let chosen = match entries.iter().find(|(_, sym)| sym.name == name) {
        Some(&e) => e,
        None => {
            let by_section: Vec<(usize, &Sym)> = entries
                .iter()
                .filter(|(sec, _)| {
                    let s = sec_name(*sec);
                    s == name || s.strip_prefix('?') == Some(name)
                })
                .copied()
                .collect();
            match by_section.as_slice() {
                [e] => *e,
                [] => {
                    return Err(ElfError::NoSuchProgram {
                        name: name.to_string(),
                        available: entries
                            .iter()
                            .map(|(sec, sym)| format!("{} ({})", sym.name, sec_name(*sec)))
                            .collect::<Vec<_>>()
                            .join(", "),
                    })
                }
                many => {
                    return Err(ElfError::AmbiguousSection {
                        section: name.to_string(),
                        programs: many
                            .iter()
                            .map(|(_, sym)| sym.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    })
                }
            }
        }
    };
    let ctx = LoadCtx::new(&obj)?;
    ctx.link(&obj, chosen.0, chosen.1)
}

/// A program of an object, before it is linked: what a loader lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramInfo {
    /// The function name (the program's name).
    pub name: String,
    /// The ELF section, as written in `SEC()`: `tc`, `?xdp`, ...
    pub section: String,
}

impl ProgramInfo {
    /// False for a section name starting with `?`: libbpf does not load the
    /// program with the rest of the object unless asked to.
    pub fn autoload(&self) -> bool {
        !self.section.starts_with('?')
    }
}

/// Every program of an object, by section then offset (libbpf's order),
/// without linking any of them.
pub fn programs(bytes: &[u8]) -> Result<Vec<ProgramInfo>, ElfError> {
    let obj = Obj::parse(bytes)?;
    Ok(program_entries(&obj)
        .into_iter()
        .map(|(sec, sym)| ProgramInfo {
            name: sym.name.clone(),
            section: obj.section(sec).map(|s| s.name.clone()).unwrap_or_default(),
        })
        .collect())
}

/// The `btf_decl_tag` strings on each function of the object's `.BTF`
/// (tags on the function itself, not on a parameter), by function name, in
/// the order clang emitted them. Empty when the object has no `.BTF`
/// (compiled without `-g`).
pub fn func_decl_tags(bytes: &[u8]) -> Result<BTreeMap<String, Vec<String>>, ElfError> {
    let obj = Obj::parse(bytes)?;
    match obj.section_by_name(".BTF") {
        Some(s) => Ok(btf::Btf::parse(s.data)?.func_decl_tags()),
        None => Ok(BTreeMap::new()),
    }
}

/// What every program of an object shares: its maps and its line info.
struct LoadCtx {
    maps: MapTable,
    lines: BTreeMap<String, Vec<btf::LineInfo>>,
    btf: Option<btf::Btf>,
    vars: dwarf::ObjVars,
}

impl LoadCtx {
    fn new(obj: &Obj<'_>) -> Result<LoadCtx, ElfError> {
        let btf = match obj.section_by_name(".BTF") {
            Some(s) => Some(btf::Btf::parse(s.data)?),
            None => None,
        };
        let mut maps = MapTable::default();
        for m in maps::declared_maps(obj, btf.as_ref())? {
            maps.maps_by_offset
                .push((m.offset, m.size, maps.defs.len()));
            maps.defs.push(m.def);
        }
        for (sec, def) in globals::global_maps(obj)? {
            maps.globals_by_section.push((sec, maps.defs.len()));
            maps.defs.push(def);
        }
        if let Some(btf) = btf.as_ref() {
            globals::type_global_vars(btf, &mut maps.defs);
        }
        // Line info is a convenience: a malformed .BTF.ext loses the source
        // lines, not the program.
        let lines = match (obj.section_by_name(".BTF.ext"), btf.as_ref()) {
            (Some(ext), Some(btf)) => btf::parse_line_info(ext.data, btf).unwrap_or_default(),
            _ => BTreeMap::new(),
        };
        // DWARF names things: a missing or malformed one loses the names.
        let vars = dwarf::object_vars(obj);
        Ok(LoadCtx {
            maps,
            lines,
            btf,
            vars,
        })
    }

    /// Links the program whose entry is `sym` of section `sec`, and gives
    /// each global function (the entry included) its BTF prototype.
    fn link(&self, obj: &Obj<'_>, sec: usize, sym: &Sym) -> Result<Program, ElfError> {
        let mut prog = relocs::link(obj, &self.maps, &self.lines, &self.vars, sec, sym)?;
        if let Some(btf) = &self.btf {
            let ctx = prog.prog_type.ctx_struct();
            // The entry's prototype too: today's kernel reads it (and notes
            // an argument it cannot size) before the walk.
            for f in prog.funcs.iter_mut() {
                f.global = btf.global_func_proto(&f.name, ctx);
            }
        }
        Ok(prog)
    }
}

/// The entry of every program: each function of a code section other
/// than `.text`, by section then offset.
fn program_entries<'o>(obj: &'o Obj<'_>) -> Vec<(usize, &'o Sym)> {
    let mut out = Vec::new();
    for (sec_idx, sec) in obj.sections.iter().enumerate() {
        let Some(sec) = sec else { continue };
        if !sec.exec || sec.name == ".text" {
            continue;
        }
        let mut entries: Vec<&Sym> = obj
            .symbols
            .iter()
            .flatten()
            .filter(|s| s.section == Some(sec_idx) && s.is_func() && s.size > 0)
            .collect();
        entries.sort_by_key(|s| s.value);
        out.extend(entries.into_iter().map(|s| (sec_idx, s)));
    }
    out
}

/// The maps of an object, and how relocations find them.
#[derive(Debug, Default)]
pub(crate) struct MapTable {
    /// Every map, in `Program::maps` order.
    pub defs: Vec<MapDef>,
    /// Declared maps: (offset in `.maps`, size, index in `defs`).
    pub maps_by_offset: Vec<(u64, u64, usize)>,
    /// Global sections: (ELF section index, index in `defs`).
    pub globals_by_section: Vec<(usize, usize)>,
}

/// An ELF section, reduced to what the loader reads.
#[derive(Debug)]
pub(crate) struct Sec<'a> {
    pub name: String,
    /// Contents (empty for `SHT_NOBITS`).
    pub data: &'a [u8],
    /// Size in memory (`sh_size`, also for `SHT_NOBITS`).
    pub size: u64,
    /// `SHF_EXECINSTR`: code.
    pub exec: bool,
    /// `SHF_ALLOC`: loaded (data sections).
    pub alloc: bool,
    /// `SHT_NOBITS` (`.bss`).
    pub nobits: bool,
}

/// An ELF symbol.
#[derive(Debug)]
pub(crate) struct Sym {
    pub name: String,
    pub value: u64,
    pub size: u64,
    /// Defining section; `None` for undefined (extern) and absolute symbols.
    pub section: Option<usize>,
    /// True for an undefined symbol (an extern).
    pub undefined: bool,
    /// `STT_*`.
    pub st_type: u8,
}

impl Sym {
    pub(crate) fn is_func(&self) -> bool {
        self.st_type == object::elf::STT_FUNC
    }
}

/// A relocation of a code section.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reloc {
    /// Byte offset in the section.
    pub offset: u64,
    /// `R_BPF_*`.
    pub r_type: u32,
    /// Symbol index.
    pub sym: usize,
}

/// The parts of the ELF file the loader uses, owned so that nothing
/// downstream touches the raw format.
#[derive(Debug)]
pub(crate) struct Obj<'a> {
    /// By ELF section index (`None` for index 0 and unreadable entries).
    pub sections: Vec<Option<Sec<'a>>>,
    /// By symbol index.
    pub symbols: Vec<Option<Sym>>,
    /// Relocations of code sections, by section index, sorted by offset.
    pub relocs: BTreeMap<usize, Vec<Reloc>>,
    /// Relocations of the DWARF sections (`.rel.debug_*`), by section
    /// index: read leniently, since DWARF only names things.
    pub debug_relocs: BTreeMap<usize, Vec<Reloc>>,
}

impl<'a> Obj<'a> {
    fn parse(bytes: &'a [u8]) -> Result<Obj<'a>, ElfError> {
        let file =
            ElfFile64::<Endianness>::parse(bytes).map_err(|e| ElfError::Parse(e.to_string()))?;
        if file.architecture() != Architecture::Bpf {
            return Err(ElfError::Unsupported(format!(
                "machine is {:?}, not BPF (compile with clang -target bpf)",
                file.architecture()
            )));
        }
        if !file.is_little_endian() {
            return Err(ElfError::Unsupported(
                "big-endian BPF object (compile with -target bpfel or -target bpf on a little-endian host)".into(),
            ));
        }
        let endian = file.endian();
        let mut sections: Vec<Option<Sec<'a>>> = Vec::new();
        for s in file.sections() {
            let idx = s.index().0;
            let name = s
                .name()
                .map_err(|e| ElfError::Parse(format!("section {idx}: {e}")))?;
            let hdr = s.elf_section_header();
            let flags = hdr.sh_flags(endian);
            let nobits = hdr.sh_type(endian) == object::elf::SHT_NOBITS;
            let data = if nobits {
                &[][..]
            } else {
                s.data().map_err(|e| ElfError::Section {
                    section: name.to_string(),
                    what: e.to_string(),
                })?
            };
            if sections.len() <= idx {
                sections.resize_with(idx + 1, || None);
            }
            sections[idx] = Some(Sec {
                name: name.to_string(),
                data,
                size: hdr.sh_size(endian),
                exec: flags & u64::from(object::elf::SHF_EXECINSTR) != 0,
                alloc: flags & u64::from(object::elf::SHF_ALLOC) != 0,
                nobits,
            });
        }
        let mut symbols: Vec<Option<Sym>> = Vec::new();
        for s in file.symbols() {
            let idx = s.index().0;
            let (section, undefined) = match s.section() {
                SymbolSection::Section(i) => (Some(i.0), false),
                SymbolSection::Undefined => (None, true),
                _ => (None, false),
            };
            let raw = s.elf_symbol();
            let st_type = object::read::elf::Sym::st_type(raw);
            if symbols.len() <= idx {
                symbols.resize_with(idx + 1, || None);
            }
            symbols[idx] = Some(Sym {
                name: s.name().unwrap_or("").to_string(),
                value: s.address(),
                size: s.size(),
                section,
                undefined,
                st_type,
            });
        }
        let mut relocs: BTreeMap<usize, Vec<Reloc>> = BTreeMap::new();
        let mut debug_relocs: BTreeMap<usize, Vec<Reloc>> = BTreeMap::new();
        for s in file.sections() {
            let idx = s.index().0;
            if sections
                .get(idx)
                .and_then(|x| x.as_ref())
                .is_some_and(|x| x.name.starts_with(".debug_"))
            {
                for (offset, r) in s.relocations() {
                    if let (RelocationFlags::Elf { r_type }, RelocationTarget::Symbol(sym)) =
                        (r.flags(), r.target())
                    {
                        debug_relocs.entry(idx).or_default().push(Reloc {
                            offset,
                            r_type,
                            sym: sym.0,
                        });
                    }
                }
                continue;
            }
            if !sections
                .get(idx)
                .and_then(|x| x.as_ref())
                .is_some_and(|x| x.exec)
            {
                continue;
            }
            let sec_name = || {
                sections
                    .get(idx)
                    .and_then(|x| x.as_ref())
                    .map(|x| x.name.clone())
                    .unwrap_or_default()
            };
            for (offset, r) in s.relocations() {
                let RelocationFlags::Elf { r_type } = r.flags() else {
                    return Err(ElfError::Section {
                        section: sec_name(),
                        what: "non-ELF relocation".into(),
                    });
                };
                let RelocationTarget::Symbol(sym) = r.target() else {
                    return Err(ElfError::Section {
                        section: sec_name(),
                        what: format!("relocation at byte {offset} has no symbol"),
                    });
                };
                relocs.entry(idx).or_default().push(Reloc {
                    offset,
                    r_type,
                    sym: sym.0,
                });
            }
        }
        for v in relocs.values_mut() {
            v.sort_by_key(|r| r.offset);
        }
        Ok(Obj {
            sections,
            symbols,
            relocs,
            debug_relocs,
        })
    }

    /// The first section with this name.
    pub(crate) fn section_by_name(&self, name: &str) -> Option<&Sec<'a>> {
        self.sections.iter().flatten().find(|s| s.name == name)
    }

    /// The index of the first section with this name.
    pub(crate) fn section_index(&self, name: &str) -> Option<usize> {
        self.sections
            .iter()
            .position(|s| s.as_ref().is_some_and(|s| s.name == name))
    }

    /// The section at `idx`.
    pub(crate) fn section(&self, idx: usize) -> Option<&Sec<'a>> {
        self.sections.get(idx).and_then(|s| s.as_ref())
    }

    /// The relocation at byte `offset` of section `sec`, if any.
    pub(crate) fn reloc_at(&self, sec: usize, offset: u64) -> Option<Reloc> {
        let v = self.relocs.get(&sec)?;
        let i = v.binary_search_by_key(&offset, |r| r.offset).ok()?;
        v.get(i).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error() {
        assert!(matches!(load(b""), Err(ElfError::Parse(_))));
        assert!(matches!(load(b"\x7fELF garbage"), Err(ElfError::Parse(_))));
        assert!(load(&[0u8; 64]).is_err());
    }
}

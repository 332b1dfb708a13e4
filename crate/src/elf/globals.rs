//! Global variables: each `.data*`, `.rodata*` and `.bss*` section becomes
//! a single-element array map whose value is the section image, as libbpf
//! does (`obj.bss`, `obj.data`, `obj.rodata`). Variables are the section's
//! object symbols; string literals of `bpf_printk` live in `.rodata.str1.1`
//! and are reached through the section symbol, so such a section has no
//! variables but is still a map.

use super::btf::{Btf, BtfType, BTF_INT_BOOL, BTF_INT_CHAR, BTF_INT_SIGNED};
use super::{ElfError, Obj};
use crate::program::{GlobalVar, MapDef, MapOrigin, MapType};
use crate::world::globals::{EnumDef, GlobalMember, GlobalType, GlobalTypes};

/// Larger global sections are refused: the playground keeps every value
/// in memory and shows it.
pub(crate) const MAX_GLOBAL_SECTION: u64 = 1 << 20;

/// True for a section name libbpf turns into a global data map.
pub(crate) fn is_global_section(name: &str) -> bool {
    [".data", ".rodata", ".bss"].iter().any(|p| {
        name == *p
            || name
                .strip_prefix(p)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// Every non-empty global data section, in section order, with its map.
pub(crate) fn global_maps(obj: &Obj<'_>) -> Result<Vec<(usize, MapDef)>, ElfError> {
    let mut out = Vec::new();
    for (idx, sec) in obj.sections.iter().enumerate() {
        let Some(sec) = sec else { continue };
        if !sec.alloc || sec.exec || !is_global_section(&sec.name) || sec.size == 0 {
            continue;
        }
        let err = |what: String| ElfError::Section {
            section: sec.name.clone(),
            what,
        };
        if sec.size > MAX_GLOBAL_SECTION {
            return Err(err(format!(
                "{} bytes of globals; the playground allows {MAX_GLOBAL_SECTION}",
                sec.size
            )));
        }
        // Checked against MAX_GLOBAL_SECTION just above.
        let size = sec.size as u32;
        if !sec.nobits && sec.data.len() as u64 != sec.size {
            return Err(err(format!(
                "holds {} bytes but declares {}",
                sec.data.len(),
                sec.size
            )));
        }
        let mut vars: Vec<GlobalVar> = obj
            .symbols
            .iter()
            .flatten()
            .filter(|s| {
                s.section == Some(idx) && s.st_type == object::elf::STT_OBJECT && !s.name.is_empty()
            })
            .map(|s| {
                if s.value.saturating_add(s.size) > sec.size {
                    return Err(err(format!(
                        "variable `{}` at {}+{} is outside the section",
                        s.name, s.value, s.size
                    )));
                }
                Ok(GlobalVar {
                    name: s.name.clone(),
                    offset: s.value as u32,
                    size: s.size as u32,
                    ty: None,
                })
            })
            .collect::<Result<_, _>>()?;
        vars.sort_by(|a, b| (a.offset, &a.name).cmp(&(b.offset, &b.name)));
        let read_only = sec.name.starts_with(".rodata");
        out.push((
            idx,
            MapDef {
                name: sec.name.clone(),
                map_type: MapType::Array,
                key_size: 4,
                value_size: size,
                max_entries: 1,
                // `.bss` starts zeroed: no image.
                initial_value: if sec.nobits {
                    None
                } else {
                    Some(sec.data.to_vec())
                },
                origin: MapOrigin::Global {
                    section: sec.name.clone(),
                    vars,
                    read_only,
                },
                key_type: None,
                value_type: None,
                map_flags: 0,
            },
        ));
    }
    Ok(out)
}

/// Type nodes one global's type may expand to; a larger (or cyclic) type
/// is cut to [`GlobalType::Opaque`] there.
pub(crate) const MAX_TYPE_NODES: usize = 4096;

/// The C type of every global variable of an object, by name, from the
/// `DATASEC`s of its global sections (`.data`, `.bss`, `.rodata`, ...).
/// An object without `.BTF` gives an empty table (its globals print by size).
pub fn global_types(bytes: &[u8]) -> Result<GlobalTypes, ElfError> {
    let obj = Obj::parse(bytes)?;
    let Some(sec) = obj.section_by_name(".BTF") else {
        return Ok(GlobalTypes::new());
    };
    let btf = Btf::parse(sec.data)?;
    let mut out = GlobalTypes::new();
    for t in btf.types() {
        let BtfType::Datasec { name, vars } = t else {
            continue;
        };
        if !is_global_section(name) {
            continue;
        }
        for v in vars {
            if let Ok(BtfType::Var { name, type_id }) = btf.get(v.type_id) {
                let mut budget = MAX_TYPE_NODES;
                out.insert(name.clone(), convert(&btf, *type_id, 0, &mut budget));
            }
        }
    }
    Ok(out)
}

/// Gives each variable of the global sections its BTF type, found by name
/// in the section's `DATASEC` (in a relocatable object the `DATASEC`'s
/// offsets are 0 until `.rel.BTF` patches them: the offset only breaks a
/// tie).
pub(crate) fn type_global_vars(btf: &Btf, defs: &mut [MapDef]) {
    for def in defs {
        let MapOrigin::Global { section, vars, .. } = &mut def.origin else {
            continue;
        };
        let Some(sec_vars) = btf.datasec(section) else {
            continue;
        };
        for v in vars.iter_mut() {
            let named: Vec<(u32, u32)> = sec_vars
                .iter()
                .filter_map(|sv| match btf.get(sv.type_id) {
                    Ok(BtfType::Var { name, type_id }) if *name == v.name => {
                        Some((sv.offset, *type_id))
                    }
                    _ => None,
                })
                .collect();
            let var_type = named
                .iter()
                .find(|(off, _)| *off == v.offset)
                .or(named.first())
                .map(|(_, id)| *id);
            if let Some(id) = var_type {
                let mut budget = MAX_TYPE_NODES;
                v.ty = Some(convert(btf, id, 0, &mut budget));
            }
        }
    }
}

/// The BTF type `id` as a [`GlobalType`]; what cannot be followed (too deep,
/// too large, malformed) becomes opaque bytes of its size.
pub(crate) fn convert(btf: &Btf, id: u32, depth: usize, budget: &mut usize) -> GlobalType {
    let opaque = || GlobalType::Opaque {
        size: btf.size_of(id).unwrap_or(0),
    };
    if depth > 32 || *budget == 0 {
        return opaque();
    }
    *budget -= 1;
    let Ok((_, t)) = btf.skip_aliases(id) else {
        return opaque();
    };
    match t {
        BtfType::Int {
            size,
            encoding,
            name,
        } => GlobalType::Int {
            size: *size,
            signed: encoding & BTF_INT_SIGNED != 0,
            // `char` through no typedef: `__u8` arrays stay byte arrays.
            char: *size == 1
                && (encoding & BTF_INT_CHAR != 0 || name.ends_with("char"))
                && !through_typedef(btf, id),
            bool: encoding & BTF_INT_BOOL != 0,
            enum_def: None,
        },
        BtfType::Enum {
            size,
            signed,
            name,
            values,
        } => GlobalType::Int {
            size: *size,
            signed: *signed,
            char: false,
            bool: false,
            enum_def: Some(EnumDef {
                name: name.clone(),
                values: values.clone(),
            }),
        },
        BtfType::Float { size } => GlobalType::Float { size: *size },
        BtfType::Ptr { .. } => GlobalType::Ptr,
        BtfType::Array { elem, nelems } => GlobalType::Array {
            elem: Box::new(convert(btf, *elem, depth + 1, budget)),
            len: *nelems,
        },
        BtfType::Struct {
            name,
            size,
            union,
            members,
        } => GlobalType::Struct {
            name: name.clone(),
            size: *size,
            union: *union,
            members: members
                .iter()
                .map(|m| GlobalMember {
                    name: m.name.clone(),
                    bit_offset: m.bit_offset,
                    bitfield_size: m.bitfield_size,
                    ty: convert(btf, m.type_id, depth + 1, budget),
                })
                .collect(),
        },
        _ => opaque(),
    }
}

/// True when the chain of modifiers from `id` to its base type holds a typedef.
fn through_typedef(btf: &Btf, mut id: u32) -> bool {
    for _ in 0..32 {
        match btf.get(id) {
            Ok(BtfType::Alias { typedef: true, .. }) => return true,
            Ok(BtfType::Alias { target, .. }) => id = *target,
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_section_names() {
        for n in [".data", ".bss", ".rodata", ".rodata.str1.1", ".data.custom"] {
            assert!(is_global_section(n), "{n}");
        }
        for n in [".maps", ".text", ".database", ".rodatax", "license", ".BTF"] {
            assert!(!is_global_section(n), "{n}");
        }
    }
}

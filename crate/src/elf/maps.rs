//! BTF-defined maps: the `.maps` section.
//!
//! A definition like
//! ```c
//! struct {
//!     __uint(type, BPF_MAP_TYPE_ARRAY);   // int (*type)[2]
//!     __uint(max_entries, 8);             // int (*max_entries)[8]
//!     __type(key, __u32);                 // __u32 *key
//!     __type(value, struct value);        // struct value *value
//! } counters SEC(".maps");
//! ```
//! carries its numbers only in BTF: an integer is the element count of the
//! array a member points to, a type is what the member points to. The
//! section's bytes are all zero.

use super::btf::{Btf, BtfType};
use super::{ElfError, Obj};
use crate::program::{MapDef, MapType};

/// A declared map, with where its symbol sits in `.maps`.
#[derive(Debug)]
pub(crate) struct DeclaredMap {
    /// Symbol offset in `.maps`.
    pub offset: u64,
    /// Symbol size.
    pub size: u64,
    /// The definition.
    pub def: MapDef,
}

/// Every map of `.maps`, in symbol order.
pub(crate) fn declared_maps(
    obj: &Obj<'_>,
    btf: Option<&Btf>,
) -> Result<Vec<DeclaredMap>, ElfError> {
    let Some(sec_idx) = obj.section_index(".maps") else {
        return Ok(Vec::new());
    };
    let mut syms: Vec<_> = obj
        .symbols
        .iter()
        .flatten()
        .filter(|s| {
            s.section == Some(sec_idx)
                && s.st_type != object::elf::STT_SECTION
                && !s.name.is_empty()
        })
        .collect();
    if syms.is_empty() {
        return Ok(Vec::new());
    }
    syms.sort_by_key(|s| s.value);
    let btf = btf.ok_or_else(|| ElfError::Map {
        map: syms.first().map(|s| s.name.clone()).unwrap_or_default(),
        what: "the object has a .maps section but no .BTF (compile with -g)".into(),
    })?;
    let vars = btf
        .datasec(".maps")
        .ok_or_else(|| ElfError::Btf("no DATASEC `.maps` describes the .maps section".into()))?;
    let mut out = Vec::with_capacity(syms.len());
    for sym in syms {
        let err = |what: String| ElfError::Map {
            map: sym.name.clone(),
            what,
        };
        // Match the BTF variable by name (clang emits one VAR per map), or
        // else by its offset in the section.
        let var_of = |by_name: bool| {
            vars.iter().find_map(|v| match btf.get(v.type_id) {
                Ok(BtfType::Var { name, type_id })
                    if (by_name && *name == sym.name)
                        || (!by_name && u64::from(v.offset) == sym.value) =>
                {
                    Some(*type_id)
                }
                _ => None,
            })
        };
        let var_type = var_of(true).or_else(|| var_of(false)).ok_or_else(|| {
            err("no BTF variable of that name or offset in DATASEC `.maps`".into())
        })?;
        let def = parse_def(btf, var_type, &sym.name)?;
        out.push(DeclaredMap {
            offset: sym.value,
            size: sym.size,
            def,
        });
    }
    Ok(out)
}

/// Fields read from a definition struct.
#[derive(Debug, Default)]
struct Fields {
    map_type: Option<u32>,
    max_entries: Option<u32>,
    key_size: Option<u32>,
    value_size: Option<u32>,
    key: Option<u32>,
    value: Option<u32>,
    key_ty: Option<u32>,
    value_ty: Option<u32>,
    map_flags: Option<u32>,
}

fn parse_def(btf: &Btf, type_id: u32, name: &str) -> Result<MapDef, ElfError> {
    let err = |what: String| ElfError::Map {
        map: name.to_string(),
        what,
    };
    let (_, t) = btf.skip_aliases(type_id)?;
    let BtfType::Struct { members, .. } = t else {
        return Err(err("the definition is not a struct".into()));
    };
    let mut f = Fields::default();
    for m in members {
        match m.name.as_str() {
            "type" => f.map_type = Some(uint_field(btf, m.type_id, name, "type")?),
            "max_entries" => f.max_entries = Some(uint_field(btf, m.type_id, name, "max_entries")?),
            "key_size" => f.key_size = Some(uint_field(btf, m.type_id, name, "key_size")?),
            "value_size" => f.value_size = Some(uint_field(btf, m.type_id, name, "value_size")?),
            "key" => {
                f.key = Some(type_field(btf, m.type_id, name, "key")?);
                f.key_ty = pointee(btf, m.type_id);
            }
            "value" => {
                f.value = Some(type_field(btf, m.type_id, name, "value")?);
                f.value_ty = pointee(btf, m.type_id);
            }
            "map_flags" => f.map_flags = Some(uint_field(btf, m.type_id, name, "map_flags")?),
            // Accepted and ignored: they change nothing the playground simulates.
            "numa_node" | "pinning" | "map_extra" => {
                uint_field(btf, m.type_id, name, &m.name)?;
            }
            "values" => {
                return Err(err(
                    "map-in-map and prog-array `values` are not supported".into()
                ))
            }
            other => return Err(err(format!("unknown field `{other}`"))),
        }
    }
    let type_id = f.map_type.ok_or_else(|| err("missing `type`".into()))?;
    let map_type = MapType::from_kernel_id(type_id).ok_or_else(|| {
        err(format!(
            "map type {type_id} is not simulated (the playground has array, hash and ringbuf)"
        ))
    })?;
    let max_entries = f
        .max_entries
        .ok_or_else(|| err("missing `max_entries`".into()))?;
    let key_size = one_size(f.key_size, f.key, "key").map_err(err)?;
    let value_size = one_size(f.value_size, f.value, "value").map_err(err)?;
    let mut def = MapDef::declared(name, map_type, key_size, value_size, max_entries);
    def.map_flags = f.map_flags.unwrap_or(0);
    def.check().map_err(|e| err(e.to_string()))?;
    let describe = |id: u32| {
        let mut budget = super::globals::MAX_TYPE_NODES;
        super::globals::convert(btf, id, 0, &mut budget)
    };
    def.key_type = f.key_ty.map(describe);
    def.value_type = f.value_ty.map(describe);
    Ok(def)
}

/// The type a `__type(name, T)` field points to.
fn pointee(btf: &Btf, type_id: u32) -> Option<u32> {
    match btf.skip_aliases(type_id).ok()? {
        (_, BtfType::Ptr { target }) => Some(*target),
        _ => None,
    }
}

/// `key_size` and `__type(key, T)` may both be given only if they agree.
fn one_size(explicit: Option<u32>, from_type: Option<u32>, what: &str) -> Result<u32, String> {
    match (explicit, from_type) {
        (Some(a), Some(b)) if a != b => {
            Err(format!("{what}_size {a} disagrees with sizeof({what}) {b}"))
        }
        (Some(a), _) | (None, Some(a)) => Ok(a),
        (None, None) => Ok(0),
    }
}

/// `__uint(name, N)`: a pointer to an array of N elements.
fn uint_field(btf: &Btf, type_id: u32, map: &str, field: &str) -> Result<u32, ElfError> {
    let err = || ElfError::Map {
        map: map.to_string(),
        what: format!("`{field}` is not declared with __uint()"),
    };
    let (_, t) = btf.skip_aliases(type_id)?;
    let BtfType::Ptr { target } = t else {
        return Err(err());
    };
    match btf.skip_aliases(*target)? {
        (_, BtfType::Array { nelems, .. }) => Ok(*nelems),
        _ => Err(err()),
    }
}

/// `__type(name, T)`: a pointer to T; the field's value is `sizeof(T)`.
fn type_field(btf: &Btf, type_id: u32, map: &str, field: &str) -> Result<u32, ElfError> {
    let (_, t) = btf.skip_aliases(type_id)?;
    let BtfType::Ptr { target } = t else {
        return Err(ElfError::Map {
            map: map.to_string(),
            what: format!("`{field}` is not declared with __type()"),
        });
    };
    btf.size_of(*target).map_err(|e| ElfError::Map {
        map: map.to_string(),
        what: format!("sizeof({field}): {e}"),
    })
}

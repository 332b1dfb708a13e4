//! Global variables: each `.data*`, `.rodata*` and `.bss*` section becomes
//! a single-element array map whose value is the section image, as libbpf
//! does (`obj.bss`, `obj.data`, `obj.rodata`). Variables are the section's
//! object symbols; string literals of `bpf_printk` live in `.rodata.str1.1`
//! and are reached through the section symbol, so such a section has no
//! variables but is still a map.

use super::{ElfError, Obj};
use crate::program::{GlobalVar, MapDef, MapOrigin, MapType};

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
            },
        ));
    }
    Ok(out)
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

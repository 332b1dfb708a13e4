//! Values printed the way a C programmer reads them, by their BTF type:
//! `struct sample { pid = 42, value = 7, comm = "abc" }`, arrays as
//! `[1, 2, 3]`, NUL-terminated printable char arrays as strings, enums by
//! their enumerator's name, pointers in hex.
//!
//! The type is the [`GlobalType`] tree the ELF loader stores on each map
//! ([`crate::program::MapDef::key_type`], `value_type`) and global
//! ([`crate::program::GlobalVar::ty`]), so a front end prints values
//! without reading BTF again.

use std::fmt::Write as _;

use super::globals::{le_u64, printable, sign_extend, GlobalMember, GlobalType};

/// Longest array printed element by element; the rest is `...`.
const MAX_ELEMS: usize = 64;
/// Deepest nesting printed; below it, `{...}`.
const MAX_DEPTH: usize = 16;

/// `bytes` as a value of type `ty`, in C-like syntax. Bytes missing for
/// the type's size print as hex of what there is.
pub fn format_c(ty: &GlobalType, bytes: &[u8]) -> String {
    let mut out = String::new();
    write_value(&mut out, ty, bytes, 0);
    out
}

/// `bytes` by type when there is one, else as an integer of 1, 2, 4 or 8
/// bytes, else hex (a map declared with only a key or value size).
pub fn format_bytes(ty: Option<&GlobalType>, bytes: &[u8]) -> String {
    match ty {
        Some(t) => format_c(t, bytes),
        None => match bytes.len() {
            1 | 2 | 4 | 8 => le_u64(bytes).to_string(),
            _ => hex(bytes),
        },
    }
}

/// Every global of the world by name, in declaration order, printed by its
/// type (`run --json`'s `globals_text`). A name two sections declare is
/// qualified by its section the second time (`.bss:count`), as in
/// [`super::globals::global_values`].
pub fn global_texts(world: &super::World) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for m in &world.maps {
        let crate::program::MapOrigin::Global { section, vars, .. } = &m.def.origin else {
            continue;
        };
        let image = m.value(0).unwrap_or(&[]);
        for v in vars {
            let (o, n) = (v.offset as usize, v.size as usize);
            let bytes = image.get(o..o.saturating_add(n)).unwrap_or(&[]);
            let key = if out.iter().any(|(k, _)| *k == v.name) {
                format!("{section}:{}", v.name)
            } else {
                v.name.clone()
            };
            out.push((key, format_bytes(v.ty.as_ref(), bytes)));
        }
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::from("0x");
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    if bytes.is_empty() {
        s.push('0');
    }
    s
}

fn write_int(out: &mut String, ty: &GlobalType, v: u64, bits: u32) {
    let GlobalType::Int {
        signed,
        bool,
        char,
        enum_def,
        ..
    } = ty
    else {
        let _ = write!(out, "{v}");
        return;
    };
    let sv = sign_extend(v, bits);
    if *bool {
        out.push_str(if v != 0 { "true" } else { "false" });
        return;
    }
    if let Some(e) = enum_def {
        let value = if *signed { sv } else { v as i64 };
        match e.values.iter().find(|(_, x)| *x == value) {
            Some((name, _)) => out.push_str(name),
            None if *signed => {
                let _ = write!(out, "{sv}");
            }
            None => {
                let _ = write!(out, "{v}");
            }
        }
        return;
    }
    if *char && (0x20..0x7f).contains(&v) && v != u64::from(b'\'') && v != u64::from(b'\\') {
        let _ = write!(out, "'{}'", v as u8 as char);
        return;
    }
    if *signed {
        let _ = write!(out, "{sv}");
    } else {
        let _ = write!(out, "{v}");
    }
}

fn write_value(out: &mut String, ty: &GlobalType, bytes: &[u8], depth: usize) {
    let size = usize::try_from(ty.size()).unwrap_or(usize::MAX);
    let Some(bytes) = bytes.get(..size) else {
        out.push_str(&hex(bytes));
        return;
    };
    if depth > MAX_DEPTH {
        out.push_str("{...}");
        return;
    }
    match ty {
        GlobalType::Int {
            size: s @ (1 | 2 | 4 | 8),
            ..
        } => {
            write_int(out, ty, le_u64(bytes), s * 8);
        }
        GlobalType::Ptr => {
            let _ = write!(out, "{:#x}", le_u64(bytes));
        }
        GlobalType::Float { size: 4 } => {
            let _ = write!(out, "{}", f32::from_bits(le_u64(bytes) as u32));
        }
        GlobalType::Float { size: 8 } => {
            let _ = write!(out, "{}", f64::from_bits(le_u64(bytes)));
        }
        GlobalType::Array { elem, len } => {
            let is_char = matches!(
                **elem,
                GlobalType::Int {
                    char: true,
                    size: 1,
                    ..
                }
            );
            if is_char {
                if let Some(s) = printable(bytes) {
                    out.push('"');
                    for c in s.chars() {
                        match c {
                            '"' => out.push_str("\\\""),
                            '\\' => out.push_str("\\\\"),
                            '\n' => out.push_str("\\n"),
                            '\t' => out.push_str("\\t"),
                            c => out.push(c),
                        }
                    }
                    out.push('"');
                    return;
                }
            }
            let es = usize::try_from(elem.size()).unwrap_or(0);
            out.push('[');
            if es > 0 {
                for (i, c) in bytes.chunks(es).take(*len as usize).enumerate() {
                    if i == MAX_ELEMS {
                        out.push_str(", ...");
                        break;
                    }
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_value(out, elem, c, depth + 1);
                }
            }
            out.push(']');
        }
        GlobalType::Struct {
            name,
            union,
            members,
            ..
        } => {
            if !name.is_empty() {
                let _ = write!(out, "{} {name} ", if *union { "union" } else { "struct" });
            }
            out.push('{');
            let mut first = true;
            write_members(out, members, bytes, depth, &mut first);
            out.push_str(if first { "}" } else { " }" });
        }
        // 16-byte ints, long double, opaque types.
        _ => out.push_str(&hex(bytes)),
    }
}

fn write_members(
    out: &mut String,
    members: &[GlobalMember],
    bytes: &[u8],
    depth: usize,
    first: &mut bool,
) {
    for m in members {
        let start = (m.bit_offset / 8) as usize;
        // An anonymous struct or union: its members belong to the parent.
        if m.name.is_empty() && m.bitfield_size == 0 {
            if let GlobalType::Struct { members: inner, .. } = &m.ty {
                write_members(
                    out,
                    inner,
                    bytes.get(start..).unwrap_or(&[]),
                    depth + 1,
                    first,
                );
                continue;
            }
        }
        out.push_str(if *first { " " } else { ", " });
        *first = false;
        let _ = write!(out, "{} = ", m.name);
        if m.bitfield_size > 0 {
            write_bitfield(out, m, bytes);
        } else {
            write_value(out, &m.ty, bytes.get(start..).unwrap_or(&[]), depth + 1);
        }
    }
}

fn write_bitfield(out: &mut String, m: &GlobalMember, bytes: &[u8]) {
    let (first, last) = (
        (m.bit_offset / 8) as usize,
        ((m.bit_offset + m.bitfield_size).div_ceil(8)) as usize,
    );
    let Some(span) = bytes.get(first..last).filter(|s| s.len() <= 8) else {
        out.push('?');
        return;
    };
    let raw = le_u64(span) >> (m.bit_offset % 8);
    let bits = m.bitfield_size.min(64);
    let v = if bits == 64 {
        raw
    } else {
        raw & ((1u64 << bits) - 1)
    };
    write_int(out, &m.ty, v, bits);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::globals::EnumDef;

    fn int(size: u32, signed: bool) -> GlobalType {
        GlobalType::Int {
            size,
            signed,
            char: false,
            bool: false,
            enum_def: None,
        }
    }

    fn member(name: &str, byte: u32, ty: GlobalType) -> GlobalMember {
        GlobalMember {
            name: name.into(),
            bit_offset: byte * 8,
            bitfield_size: 0,
            ty,
        }
    }

    fn chars(len: u32) -> GlobalType {
        GlobalType::Array {
            elem: Box::new(GlobalType::Int {
                size: 1,
                signed: true,
                char: true,
                bool: false,
                enum_def: None,
            }),
            len,
        }
    }

    #[test]
    fn a_struct_as_c_prints_it() {
        let color = GlobalType::Int {
            size: 4,
            signed: false,
            char: false,
            bool: false,
            enum_def: Some(EnumDef {
                name: "color".into(),
                values: vec![("RED".into(), 0), ("GREEN".into(), 7)],
            }),
        };
        let inner = GlobalType::Struct {
            name: String::new(),
            size: 4,
            union: false,
            members: vec![
                member("lo", 0, int(2, false)),
                member("hi", 2, int(2, false)),
            ],
        };
        let ty = GlobalType::Struct {
            name: "sample".into(),
            size: 40,
            union: false,
            members: vec![
                member("pid", 0, int(4, false)),
                member("value", 8, int(8, true)),
                member("comm", 16, chars(8)),
                member("color", 24, color),
                member("range", 28, inner),
                member("ptr", 32, GlobalType::Ptr),
            ],
        };
        let mut b = vec![0u8; 40];
        b[0] = 42;
        b[8..16].copy_from_slice(&(-7i64).to_le_bytes());
        b[16..19].copy_from_slice(b"abc");
        b[24] = 7;
        b[28] = 1;
        b[30] = 9;
        b[32] = 0x10;
        b[33] = 0xff;
        assert_eq!(
            format_c(&ty, &b),
            "struct sample { pid = 42, value = -7, comm = \"abc\", color = GREEN, \
             range = { lo = 1, hi = 9 }, ptr = 0xff10 }"
        );
        // An enum value with no name prints as a number.
        b[24] = 3;
        assert!(format_c(&ty, &b).contains("color = 3"));
        // Too few bytes: hex of what there is.
        assert_eq!(format_c(&ty, &b[..2]), "0x2a00");
    }

    #[test]
    fn arrays_and_strings() {
        let ty = GlobalType::Array {
            elem: Box::new(int(4, true)),
            len: 3,
        };
        let b: Vec<u8> = [1i32, 2, -3].iter().flat_map(|x| x.to_le_bytes()).collect();
        assert_eq!(format_c(&ty, &b), "[1, 2, -3]");
        // Not NUL-terminated printable text: element by element.
        assert_eq!(format_c(&chars(3), b"ab\x01"), "['a', 'b', 1]");
        assert_eq!(format_c(&chars(4), b"a\"\0\0"), "\"a\\\"\"");
        assert_eq!(format_bytes(None, &[1, 0, 0, 0]), "1");
        assert_eq!(format_bytes(None, &[1, 2, 3]), "0x010203");
    }
}

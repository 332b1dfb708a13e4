//! Global variables by name and C type: what `dynptr-play run --set` writes
//! and what `run --json` prints.
//!
//! A clang object's globals have BTF types ([`crate::elf::global_types`]
//! reads them from the `DATASEC`s of `.data`, `.bss`, `.rodata`); globals
//! declared by `.data` directives in assembly have only a size. Values are
//! little-endian, as in the kernel's map values.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};

use super::{World, WorldError};
use crate::program::{MapOrigin, Program};

/// The C type of a global, reduced to what printing and setting need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum GlobalType {
    /// An integer or an enum.
    Int {
        /// Bytes.
        size: u32,
        /// Signed (`int`, `long`, a signed enum).
        signed: bool,
        /// A character type (`char`, `signed char`, `unsigned char`):
        /// an array of these is a string.
        char: bool,
        /// `_Bool`.
        bool: bool,
        /// For an enum: its name and enumerators (printed by name).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        enum_def: Option<EnumDef>,
    },
    /// `float` or `double`.
    Float {
        /// Bytes (4 or 8).
        size: u32,
    },
    /// A pointer (8 bytes).
    Ptr,
    /// An array.
    Array {
        /// The element type.
        elem: Box<GlobalType>,
        /// Number of elements.
        len: u32,
    },
    /// A struct or a union.
    Struct {
        /// Its tag (`sample` for `struct sample`), empty when anonymous.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        name: String,
        /// Bytes.
        size: u32,
        /// True for a union.
        union: bool,
        /// Members, in declaration order.
        members: Vec<GlobalMember>,
    },
    /// Anything else with a size (a forward declaration, a type this
    /// reader does not follow): printed as hex.
    Opaque {
        /// Bytes.
        size: u32,
    },
}

/// An enum's name and enumerators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumDef {
    /// Its tag (`color` for `enum color`), empty when anonymous.
    pub name: String,
    /// Enumerators, in declaration order: name and value.
    pub values: Vec<(String, i64)>,
}

/// A member of a struct or union.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlobalMember {
    /// Its name (empty for an anonymous struct or union, whose members are
    /// printed as the parent's).
    pub name: String,
    /// Offset from the start of the struct, in bits.
    pub bit_offset: u32,
    /// Width of a bitfield in bits (0: not a bitfield).
    pub bitfield_size: u32,
    /// Its type.
    pub ty: GlobalType,
}

impl GlobalType {
    /// `sizeof`.
    pub fn size(&self) -> u64 {
        match self {
            GlobalType::Int { size, .. }
            | GlobalType::Float { size }
            | GlobalType::Struct { size, .. }
            | GlobalType::Opaque { size } => u64::from(*size),
            GlobalType::Ptr => 8,
            GlobalType::Array { elem, len } => elem.size().saturating_mul(u64::from(*len)),
        }
    }

    /// How an error names the type: `int`, `u8`, `char[16]`, `struct`.
    fn describe(&self) -> String {
        match self {
            GlobalType::Int { bool: true, .. } => "_Bool".into(),
            GlobalType::Int { char: true, .. } => "char".into(),
            GlobalType::Int { size, signed, .. } => {
                format!("{}{}", if *signed { "s" } else { "u" }, size * 8)
            }
            GlobalType::Float { size } => format!("f{}", size * 8),
            GlobalType::Ptr => "pointer".into(),
            GlobalType::Array { elem, len } => format!("{}[{len}]", elem.describe()),
            GlobalType::Struct { union: true, .. } => "union".into(),
            GlobalType::Struct { .. } => "struct".into(),
            GlobalType::Opaque { size } => format!("{size}-byte object"),
        }
    }

    fn is_char_array(&self) -> bool {
        matches!(self, GlobalType::Array { elem, .. }
            if matches!(**elem, GlobalType::Int { char: true, size: 1, .. }))
    }
}

/// The types of an object's globals, by variable name (empty for a
/// program assembled from text).
pub type GlobalTypes = BTreeMap<String, GlobalType>;

/// A global's value as `run --json` prints it.
#[derive(Debug, Clone, PartialEq)]
pub enum GlobalValue {
    /// An unsigned integer (or an untyped global of 1, 2, 4 or 8 bytes).
    Unsigned(u64),
    /// A signed integer.
    Signed(i64),
    /// A `_Bool`.
    Bool(bool),
    /// A float or double.
    Float(f64),
    /// A printable char array, up to its first NUL.
    Str(String),
    /// Bytes as hex digits (an untyped global of another size, an opaque type).
    Hex(String),
    /// An array, element by element.
    List(Vec<GlobalValue>),
    /// A struct or union, member by member, in declaration order.
    Fields(Vec<(String, GlobalValue)>),
}

impl Serialize for GlobalValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            GlobalValue::Unsigned(v) => s.serialize_u64(*v),
            GlobalValue::Signed(v) => s.serialize_i64(*v),
            GlobalValue::Bool(v) => s.serialize_bool(*v),
            // JSON has no NaN or infinity: those print as strings.
            GlobalValue::Float(v) if v.is_finite() => s.serialize_f64(*v),
            GlobalValue::Float(v) => s.serialize_str(&v.to_string()),
            GlobalValue::Str(v) | GlobalValue::Hex(v) => s.serialize_str(v),
            GlobalValue::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for i in items {
                    seq.serialize_element(i)?;
                }
                seq.end()
            }
            GlobalValue::Fields(fields) => {
                let mut map = s.serialize_map(Some(fields.len()))?;
                for (k, v) in fields {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Bytes as lowercase hex digits, two a byte, no separator.
pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Little-endian unsigned value of up to 8 bytes.
pub(super) fn le_u64(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .take(8)
        .rev()
        .fold(0u64, |acc, b| acc << 8 | u64::from(*b))
}

/// Sign-extends the low `bits` bits of `v`.
pub(super) fn sign_extend(v: u64, bits: u32) -> i64 {
    if bits == 0 || bits >= 64 {
        return v as i64;
    }
    let shift = 64 - bits;
    ((v << shift) as i64) >> shift
}

/// Reads a value of type `ty` (`None`: untyped) from `bytes`.
pub fn read_value(ty: Option<&GlobalType>, bytes: &[u8]) -> GlobalValue {
    match ty {
        None => match bytes.len() {
            1 | 2 | 4 | 8 => GlobalValue::Unsigned(le_u64(bytes)),
            _ => GlobalValue::Hex(hex(bytes)),
        },
        Some(t) => read_typed(t, bytes),
    }
}

fn read_int(bytes: &[u8], signed: bool, bool_: bool) -> GlobalValue {
    let v = le_u64(bytes);
    if bool_ {
        GlobalValue::Bool(v != 0)
    } else if signed {
        GlobalValue::Signed(sign_extend(v, (bytes.len().min(8) * 8) as u32))
    } else {
        GlobalValue::Unsigned(v)
    }
}

fn read_typed(ty: &GlobalType, bytes: &[u8]) -> GlobalValue {
    let size = usize::try_from(ty.size()).unwrap_or(usize::MAX);
    if bytes.len() < size {
        return GlobalValue::Hex(hex(bytes));
    }
    let bytes = &bytes[..size];
    match ty {
        GlobalType::Int {
            size: 1 | 2 | 4 | 8,
            signed,
            bool,
            ..
        } => read_int(bytes, *signed, *bool),
        GlobalType::Ptr => GlobalValue::Unsigned(le_u64(bytes)),
        GlobalType::Float { size: 4 } => {
            GlobalValue::Float(f64::from(f32::from_bits(le_u64(bytes) as u32)))
        }
        GlobalType::Float { size: 8 } => GlobalValue::Float(f64::from_bits(le_u64(bytes))),
        GlobalType::Array { elem, len } => {
            if ty.is_char_array() {
                if let Some(s) = printable(bytes) {
                    return GlobalValue::Str(s);
                }
            }
            let es = usize::try_from(elem.size()).unwrap_or(0);
            if es == 0 {
                return GlobalValue::List(Vec::new());
            }
            GlobalValue::List(
                bytes
                    .chunks(es)
                    .take(*len as usize)
                    .map(|c| read_typed(elem, c))
                    .collect(),
            )
        }
        GlobalType::Struct { members, .. } => {
            let mut fields = Vec::with_capacity(members.len());
            read_members(members, bytes, &mut fields);
            GlobalValue::Fields(fields)
        }
        // 16-byte ints (__int128), long double, opaque types.
        _ => GlobalValue::Hex(hex(bytes)),
    }
}

fn read_members(members: &[GlobalMember], bytes: &[u8], out: &mut Vec<(String, GlobalValue)>) {
    for m in members {
        let start = (m.bit_offset / 8) as usize;
        let value = if m.bitfield_size > 0 {
            read_bitfield(m, bytes)
        } else {
            read_typed(&m.ty, bytes.get(start..).unwrap_or(&[]))
        };
        match (&m.ty, m.name.is_empty(), value) {
            // An anonymous struct or union: its members belong to the parent.
            (GlobalType::Struct { .. }, true, GlobalValue::Fields(inner)) => out.extend(inner),
            (_, _, value) => out.push((m.name.clone(), value)),
        }
    }
}

/// A bitfield member: `bitfield_size` bits from `bit_offset` (little-endian
/// bit numbering, as on x86 and BPF).
fn read_bitfield(m: &GlobalMember, bytes: &[u8]) -> GlobalValue {
    let (first, last) = (
        (m.bit_offset / 8) as usize,
        ((m.bit_offset + m.bitfield_size).div_ceil(8)) as usize,
    );
    let Some(span) = bytes.get(first..last).filter(|s| s.len() <= 8) else {
        return GlobalValue::Hex(hex(bytes.get(first..).unwrap_or(&[])));
    };
    let raw = le_u64(span) >> (m.bit_offset % 8);
    let bits = m.bitfield_size.min(64);
    let v = if bits == 64 {
        raw
    } else {
        raw & ((1u64 << bits) - 1)
    };
    match m.ty {
        GlobalType::Int { bool: true, .. } => GlobalValue::Bool(v != 0),
        GlobalType::Int { signed: true, .. } => GlobalValue::Signed(sign_extend(v, bits)),
        _ => GlobalValue::Unsigned(v),
    }
}

/// A char array as a string: printable ASCII up to the first NUL, and
/// nothing but NULs after it. `None` otherwise (printed element by element).
pub(super) fn printable(bytes: &[u8]) -> Option<String> {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    let (text, rest) = bytes.split_at(end);
    let ok = text
        .iter()
        .all(|&b| (0x20..0x7f).contains(&b) || b == b'\t' || b == b'\n')
        && rest.iter().all(|&b| b == 0);
    ok.then(|| text.iter().map(|&b| b as char).collect())
}

/// Every global of the world by name, in declaration order, with its value
/// read by its type. A name that two sections declare (static variables)
/// is qualified by its section the second time (`.bss:count`).
pub fn global_values(world: &World, types: &GlobalTypes) -> Vec<(String, GlobalValue)> {
    let mut out: Vec<(String, GlobalValue)> = Vec::new();
    for m in &world.maps {
        let MapOrigin::Global { section, vars, .. } = &m.def.origin else {
            continue;
        };
        let image = m.value(0).unwrap_or(&[]);
        for v in vars {
            let (o, n) = (v.offset as usize, v.size as usize);
            let bytes = image.get(o..o.saturating_add(n)).unwrap_or(&[]);
            let value = read_value(types.get(&v.name), bytes);
            let key = if out.iter().any(|(k, _)| *k == v.name) {
                format!("{section}:{}", v.name)
            } else {
                v.name.clone()
            };
            out.push((key, value));
        }
    }
    out
}

/// A value of `--set NAME=VALUE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetValue {
    /// An integer, and whether it was written in hex (hex may give the bit
    /// pattern of a negative signed value: `0xffffffff` for an `int` -1).
    Int {
        /// The value.
        value: i128,
        /// Written as `0x...`.
        hex: bool,
    },
    /// A quoted string, for a char array.
    Str(Vec<u8>),
}

/// Parses `NAME=VALUE`: an integer (`42`, `-1`, `0x2a`) or a quoted
/// string (`"text"` or `'text'`, with `\n`, `\t`, `\0`, `\\`, `\"`, `\xNN`).
pub fn parse_assignment(arg: &str) -> Result<(String, SetValue), String> {
    let (name, value) = arg
        .split_once('=')
        .ok_or_else(|| format!("`{arg}`: expected NAME=VALUE"))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(format!("`{arg}`: expected a global's name before `=`"));
    }
    let value = parse_set_value(value.trim()).map_err(|e| format!("{name}: {e}"))?;
    Ok((name.to_string(), value))
}

fn parse_set_value(v: &str) -> Result<SetValue, String> {
    if let Some(q) = v.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let body = v[1..]
            .strip_suffix(q)
            .filter(|_| v.len() >= 2)
            .ok_or_else(|| format!("`{v}`: the string has no closing {q}"))?;
        return unescape(body).map(SetValue::Str);
    }
    let (neg, digits) = match v.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, v.strip_prefix('+').unwrap_or(v)),
    };
    let (radix, digits, hex) = match digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        Some(h) => (16, h, true),
        None => (10, digits, false),
    };
    let bad = || {
        format!(
            "`{v}` is not an integer (42, -1, 0x2a) or a quoted string (\"text\"; \
             the shell needs it quoted too: --set 'name=\"text\"')"
        )
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(bad());
    }
    let magnitude = u128::from_str_radix(digits, radix).map_err(|_| bad())?;
    let value = i128::try_from(magnitude)
        .ok()
        .filter(|m| *m <= i128::from(u64::MAX))
        .ok_or_else(|| format!("`{v}` is larger than any global (64 bits)"))?;
    Ok(SetValue::Int {
        value: if neg { -value } else { value },
        hex,
    })
}

fn unescape(s: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        match chars.next() {
            Some('n') => out.push(b'\n'),
            Some('t') => out.push(b'\t'),
            Some('r') => out.push(b'\r'),
            Some('0') => out.push(0),
            Some(c @ ('\\' | '"' | '\'')) => out.push(c as u8),
            Some('x') => {
                let h: String = chars.by_ref().take(2).collect();
                let b = u8::from_str_radix(&h, 16)
                    .ok()
                    .filter(|_| h.len() == 2)
                    .ok_or_else(|| format!("`\\x{h}`: expected two hex digits"))?;
                out.push(b);
            }
            Some(c) => return Err(format!("unknown escape `\\{c}` in the string")),
            None => return Err("the string ends with a lone `\\`".into()),
        }
    }
    Ok(out)
}

/// The bytes `value` takes in a global of `size` bytes and type `ty`
/// (`None`: untyped), or why it does not fit.
pub fn encode_value(
    ty: Option<&GlobalType>,
    size: u32,
    value: &SetValue,
) -> Result<Vec<u8>, String> {
    match value {
        SetValue::Str(s) => {
            if let Some(t) = ty.filter(|t| !t.is_char_array()) {
                return Err(format!(
                    "it is a {}; a quoted string sets only a char array",
                    t.describe()
                ));
            }
            if s.len() > size as usize {
                return Err(format!(
                    "\"{}\" is {} bytes; it holds {size}",
                    String::from_utf8_lossy(s).escape_debug(),
                    s.len()
                ));
            }
            let mut out = s.clone();
            out.resize(size as usize, 0);
            Ok(out)
        }
        SetValue::Int { value, hex } => {
            // (signed, unsigned) acceptance: which ranges a value may take.
            let (width, signed) = match ty {
                None if matches!(size, 1 | 2 | 4 | 8) => (size, None),
                None => {
                    return Err(format!(
                        "it is {size} bytes; an integer sets a global of 1, 2, 4 or 8 bytes \
                         (a quoted string sets any)"
                    ))
                }
                Some(GlobalType::Int {
                    size: s @ (1 | 2 | 4 | 8),
                    signed,
                    bool: false,
                    ..
                }) => (*s, Some(*signed)),
                Some(GlobalType::Int { bool: true, .. }) => {
                    return match value {
                        0 | 1 => Ok(vec![*value as u8]),
                        _ => Err(format!("it is a _Bool; {value} is not 0 or 1")),
                    }
                }
                Some(GlobalType::Ptr) => (8, Some(false)),
                Some(t) => {
                    return Err(format!(
                        "it is a {}; --set takes an integer for an integer or pointer, \
                         a quoted string for a char array",
                        t.describe()
                    ))
                }
            };
            let bits = width * 8;
            let umax = (1i128 << bits) - 1;
            let smin = -(1i128 << (bits - 1));
            let smax = (1i128 << (bits - 1)) - 1;
            let (lo, hi, what) = match signed {
                None => (smin, umax, format!("{width}-byte global")),
                Some(false) => (0, umax, format!("u{bits}")),
                // Hex gives a bit pattern: 0xffffffff is an s32's -1.
                Some(true) if *hex => (smin, umax, format!("s{bits}")),
                Some(true) => (smin, smax, format!("s{bits}")),
            };
            if *value < lo || *value > hi {
                return Err(format!(
                    "{value} does not fit a {what} ({lo}..={hi}{})",
                    if signed == Some(true) && !hex {
                        format!(", or a bit pattern up to {umax:#x}")
                    } else {
                        String::new()
                    }
                ));
            }
            let bytes = (*value as u128 & (umax as u128)).to_le_bytes();
            Ok(bytes[..width as usize].to_vec())
        }
    }
}

/// Sets a global's initial value in the program, as a loader does before
/// `BPF_PROG_LOAD` (libbpf's skeleton `skel->bss->pid = getpid()`): the
/// verifier and the world both start from it.
pub fn set_initial(
    prog: &mut Program,
    types: &GlobalTypes,
    name: &str,
    value: &SetValue,
) -> Result<(), WorldError> {
    let Some((idx, var)) = prog.global_by_name(name) else {
        let mut known: Vec<&str> = prog
            .maps
            .iter()
            .filter_map(|m| match &m.origin {
                MapOrigin::Global { vars, .. } => Some(vars.iter().map(|v| v.name.as_str())),
                MapOrigin::Declared => None,
            })
            .flatten()
            .collect();
        known.sort_unstable();
        known.dedup();
        return Err(WorldError::BadGlobal(if known.is_empty() {
            format!("{name} is unknown: the program has no global variables")
        } else {
            format!(
                "{name} is unknown; the program's globals: {}",
                known.join(", ")
            )
        }));
    };
    let (off, size) = (var.offset as usize, var.size);
    let bytes = encode_value(types.get(name), size, value)
        .map_err(|e| WorldError::BadGlobal(format!("{name}: {e}")))?;
    let map = &mut prog.maps[idx];
    let image = map.initial_value.get_or_insert_with(Vec::new);
    let end = off + bytes.len();
    if end > map.value_size as usize {
        return Err(WorldError::BadGlobal(format!(
            "{name} lies outside its section"
        )));
    }
    if image.len() < end {
        image.resize(end, 0);
    }
    image[off..end].copy_from_slice(&bytes);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(size: u32, signed: bool) -> GlobalType {
        GlobalType::Int {
            size,
            signed,
            char: false,
            bool: false,
            enum_def: None,
        }
    }

    fn char_array(len: u32) -> GlobalType {
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

    fn set(ty: Option<&GlobalType>, size: u32, v: &str) -> Result<Vec<u8>, String> {
        encode_value(ty, size, &parse_set_value(v)?)
    }

    #[test]
    fn integers_fit_or_are_refused() {
        let s32 = int(4, true);
        let u8_ = int(1, false);
        assert_eq!(set(Some(&s32), 4, "-1").unwrap(), vec![0xff; 4]);
        assert_eq!(set(Some(&s32), 4, "0xffffffff").unwrap(), vec![0xff; 4]);
        assert!(set(Some(&s32), 4, "4294967295")
            .unwrap_err()
            .contains("does not fit a s32"));
        assert!(set(Some(&s32), 4, "2147483648").is_err());
        assert_eq!(set(Some(&u8_), 1, "255").unwrap(), vec![255]);
        assert!(set(Some(&u8_), 1, "256").unwrap_err().contains("u8"));
        assert!(set(Some(&u8_), 1, "-1").is_err());
        assert_eq!(set(None, 2, "-2").unwrap(), vec![0xfe, 0xff]);
        assert_eq!(set(None, 2, "0xbeef").unwrap(), vec![0xef, 0xbe]);
        assert!(set(None, 2, "65536").is_err());
        assert!(set(None, 16, "1").unwrap_err().contains("1, 2, 4 or 8"));
        assert_eq!(set(None, 8, "0xffffffffffffffff").unwrap(), vec![0xff; 8]);
        assert!(parse_set_value("0x1ffffffffffffffff").is_err());
        assert!(parse_set_value("12ab").is_err());
        assert!(parse_set_value("").is_err());
        assert!(set(Some(&char_array(4)), 4, "7")
            .unwrap_err()
            .contains("char[4]"));
    }

    #[test]
    fn strings_set_char_arrays() {
        let c8 = char_array(8);
        assert_eq!(set(Some(&c8), 8, "\"hi\"").unwrap(), b"hi\0\0\0\0\0\0");
        assert_eq!(set(Some(&c8), 8, "'a\\tb\\x41'").unwrap(), b"a\tbA\0\0\0\0");
        assert!(set(Some(&c8), 8, "\"123456789\"")
            .unwrap_err()
            .contains("holds 8"));
        assert!(set(Some(&int(4, true)), 4, "\"x\"")
            .unwrap_err()
            .contains("s32"));
        assert!(parse_set_value("\"open").is_err());
        assert!(parse_set_value("\"").is_err());
        assert_eq!(set(None, 3, "\"abc\"").unwrap(), b"abc");
    }

    #[test]
    fn set_initial_then_values_by_name() {
        use crate::program::{GlobalVar, MapDef, MapType, ProgType};
        use crate::world::WorldConfig;
        let section = |name: &str, size: u32, vars: &[(&str, u32, u32)]| MapDef {
            name: name.into(),
            map_type: MapType::Array,
            key_size: 4,
            value_size: size,
            max_entries: 1,
            initial_value: None,
            origin: MapOrigin::Global {
                section: name.into(),
                vars: vars
                    .iter()
                    .map(|&(n, offset, size)| GlobalVar {
                        name: n.into(),
                        offset,
                        size,
                        ty: None,
                    })
                    .collect(),
                read_only: false,
            },
            key_type: None,
            value_type: None,
            map_flags: 0,
        };
        let mut p = Program::from_insns("p", ProgType::Syscall, vec![]);
        p.maps
            .push(section(".bss", 8, &[("count", 0, 4), ("pid", 4, 4)]));
        p.maps.push(section(".data.x", 4, &[("count", 0, 4)]));
        let types = GlobalTypes::from([("pid".to_string(), int(4, true))]);
        let set = |p: &mut Program, n: &str, v: &str| {
            let (name, value) = parse_assignment(&format!("{n}={v}")).unwrap();
            set_initial(p, &types, &name, &value)
        };
        set(&mut p, "pid", "-7").unwrap();
        set(&mut p, "count", "3").unwrap();
        assert!(set(&mut p, "nope", "1")
            .unwrap_err()
            .to_string()
            .contains("globals: count, pid"));
        let w = World::new(&p, &WorldConfig::default()).unwrap();
        assert_eq!(
            global_values(&w, &types),
            vec![
                ("count".to_string(), GlobalValue::Unsigned(3)),
                ("pid".to_string(), GlobalValue::Signed(-7)),
                (".data.x:count".to_string(), GlobalValue::Unsigned(0)),
            ]
        );
    }

    #[test]
    fn reading_by_type() {
        assert_eq!(read_value(None, &[1, 0, 0, 0]), GlobalValue::Unsigned(1));
        assert_eq!(
            read_value(None, &[1, 2, 3]),
            GlobalValue::Hex("010203".into())
        );
        assert_eq!(
            read_value(Some(&int(4, true)), &[0xfe, 0xff, 0xff, 0xff]),
            GlobalValue::Signed(-2)
        );
        assert_eq!(
            read_value(Some(&char_array(4)), b"ab\0\0"),
            GlobalValue::Str("ab".into())
        );
        assert_eq!(
            read_value(Some(&char_array(2)), &[1, 0]),
            GlobalValue::List(vec![GlobalValue::Signed(1), GlobalValue::Signed(0)])
        );
        let st = GlobalType::Struct {
            size: 8,
            union: false,
            members: vec![
                GlobalMember {
                    name: "a".into(),
                    bit_offset: 0,
                    bitfield_size: 0,
                    ty: int(2, false),
                },
                GlobalMember {
                    name: "flag".into(),
                    bit_offset: 16,
                    bitfield_size: 3,
                    ty: int(4, true),
                },
                GlobalMember {
                    name: "b".into(),
                    bit_offset: 32,
                    bitfield_size: 0,
                    ty: int(4, false),
                },
            ],
            name: String::new(),
        };
        let v = read_value(Some(&st), &[7, 0, 0b111, 0, 9, 0, 0, 0]);
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"a":7,"flag":-1,"b":9}"#
        );
    }
}

//! Directives, the same in both dialects:
//!
//! ```text
//! .program NAME TYPE                     ; TYPE: xdp tc cgroup_skb raw_tp tp syscall
//! .map NAME TYPE [key=N] [value=N] max_entries=N [flags=N]   ; TYPE: array hash ringbuf; flags: map_flags (0x80 BPF_F_RDONLY_PROG, 0x100 BPF_F_WRONLY_PROG)
//! .data NAME SIZE [= INIT]               ; INIT: integer, "string" or [1, 2, 0xff]
//! .bss NAME SIZE
//! .rodata NAME SIZE [= INIT]
//! .data.stats NAME SIZE [at=OFFSET] [= INIT]   ; any .data*/.bss*/.rodata* section; at= places it
//! .image SECTION SIZE [= INIT]           ; section size and bytes from offset 0
//! .raw 0xHHHHHHHHHHHHHHHH                ; one slot, its 8 bytes as a little-endian u64
//! .dialect llvm|ubpf
//! ```
//!
//! The variables of one section share one single-element array map named
//! like the section, each at the next offset aligned to its size (the
//! largest power of two up to 8 that divides it), as clang lays them out.

use crate::isa::Insn;
use crate::program::{GlobalVar, MapAttr, MapDef, MapOrigin, MapType, ProgType, MAX_VALUE_SIZE};

use super::builder::{reserved_word, Builder};
use super::error::AsmError;
use super::lexer::{Cursor, Tok, Token};

/// Largest global section the assembler builds (bytes): a section is the
/// value of a single-element array map.
const MAX_SECTION_SIZE: u32 = MAX_VALUE_SIZE;

/// GNU-as / llvm-mc directives that `clang -S` emits and that carry nothing
/// the playground needs; their lines are skipped.
const IGNORED: &[&str] = &[
    ".text",
    ".globl",
    ".global",
    ".p2align",
    ".align",
    ".type",
    ".size",
    ".file",
    ".addrsig",
    ".addrsig_sym",
    ".loc",
    ".ident",
    ".local",
    ".weak",
    ".hidden",
    ".section",
];

/// Alignment of a global variable of `size` bytes.
pub(crate) fn var_align(size: u32) -> u32 {
    let mut a = 8;
    while a > 1 && size & (a - 1) != 0 {
        a /= 2;
    }
    a
}

/// Handles the directive at the cursor (its first token starts with `.`).
pub(crate) fn directive(c: &mut Cursor, b: &mut Builder) -> Result<(), AsmError> {
    let (name, col) = c.expect_ident("a directive")?;
    let line = c.line_no();
    match name.as_str() {
        ".program" => program(c, b, line, col),
        ".map" => map(c, b),
        ".image" => image(c, b),
        n if is_global_section(n) => global(c, b, n),
        ".raw" => {
            let (v, vcol) = c.expect_signed("a 64-bit value holding the slot's 8 bytes (`0x00000000000000b7`)")?;
            if !(0..=u64::MAX as i128).contains(&v) {
                return Err(c.error_at(vcol, "expected a value from 0 to 0xffffffffffffffff"));
            }
            c.expect_end()?;
            let bytes = (v as u64).to_le_bytes();
            b.push(Insn::from_bytes(bytes), line, col);
            Ok(())
        }
        ".dialect" => {
            let (d, dcol) = c.expect_ident("`llvm` or `ubpf`")?;
            if d != "llvm" && d != "ubpf" {
                return Err(c.error_at(dcol, format!("expected `llvm` or `ubpf`, found `{d}`")));
            }
            c.expect_end()
        }
        n if IGNORED.contains(&n) || n.starts_with(".cfi_") => Ok(()),
        _ => Err(c.error_at(
            col,
            format!("expected a directive (.program, .map, .data, .bss, .rodata, .image, .raw, .dialect), found `{name}`"),
        )),
    }
}

fn program(c: &mut Cursor, b: &mut Builder, line: usize, col: usize) -> Result<(), AsmError> {
    if let Some(prev) = b.program_line {
        return Err(c.error_at(
            col,
            format!("`.program` was already given at line {prev}; expected only one"),
        ));
    }
    let name = match c.peek() {
        Some(Token {
            tok: Tok::Str(s), ..
        }) => {
            c.next();
            String::from_utf8_lossy(s).into_owned()
        }
        _ => c.expect_ident("a program name")?.0,
    };
    let (ty, tcol) = c.expect_ident("a program type (xdp, tc, cgroup_skb, raw_tp, tp, syscall)")?;
    let Some(pt) = ProgType::ALL.iter().copied().find(|t| t.name() == ty) else {
        return Err(c.error_at(
            tcol,
            format!(
                "expected a program type (xdp, tc, cgroup_skb, raw_tp, tp, syscall), found `{ty}`"
            ),
        ));
    };
    c.expect_end()?;
    b.name = name;
    b.prog_type = pt;
    b.program_line = Some(line);
    Ok(())
}

fn check_new_name(c: &Cursor, b: &Builder, name: &str, col: usize) -> Result<(), AsmError> {
    if b.is_data_name(name) || b.has_label(name) {
        return Err(c.error_at(
            col,
            format!("`{name}` is already defined; expected a new name"),
        ));
    }
    if reserved_word(name) {
        return Err(c.error_at(
            col,
            format!("`{name}` is a register, keyword, helper or kfunc name; expected another name"),
        ));
    }
    Ok(())
}

fn u32_value(c: &mut Cursor, what: &str) -> Result<(u32, usize), AsmError> {
    let (v, col) = c.expect_signed(what)?;
    u32::try_from(v)
        .map(|v| (v, col))
        .map_err(|_| c.error_at(col, format!("expected {what} from 0 to 4294967295")))
}

fn map(c: &mut Cursor, b: &mut Builder) -> Result<(), AsmError> {
    let (name, ncol) = c.expect_ident("a map name")?;
    check_new_name(c, b, &name, ncol)?;
    let (ty, tcol) = c.expect_ident("a map type (array, hash, ringbuf)")?;
    let map_type = match ty.as_str() {
        "array" => MapType::Array,
        "hash" => MapType::Hash,
        "ringbuf" => MapType::Ringbuf,
        _ => {
            return Err(c.error_at(
                tcol,
                format!("expected a map type (array, hash, ringbuf), found `{ty}`"),
            ))
        }
    };
    let mut key = None;
    let mut value = None;
    let mut max = None;
    let mut flags = None;
    while !c.at_end() {
        let (opt, ocol) = c.expect_ident("`key=N`, `value=N`, `max_entries=N` or `flags=N`")?;
        c.expect_punct("=")?;
        let (v, vcol) = u32_value(
            c,
            if opt == "flags" {
                "map_flags"
            } else {
                "a size"
            },
        )?;
        let slot = match opt.as_str() {
            "key" => &mut key,
            "value" => &mut value,
            "max_entries" => &mut max,
            "flags" => &mut flags,
            _ => {
                return Err(c.error_at(
                    ocol,
                    format!("expected `key`, `value`, `max_entries` or `flags`, found `{opt}`"),
                ))
            }
        };
        if slot.is_some() {
            return Err(c.error_at(ocol, format!("`{opt}` is given twice; expected it once")));
        }
        *slot = Some((v, vcol));
    }
    let end = c.col();
    let Some((max_entries, mcol)) = max else {
        return Err(c.error_at(end, "expected `max_entries=N`"));
    };
    // Only what the syntax decides is checked here: which attributes a type
    // needs, and the array key's default; the kernel's rules are `MapDef::check`.
    let (key_size, value_size) = match map_type {
        MapType::Ringbuf => {
            if let Some((_, kc)) = key.or(value) {
                return Err(c.error_at(
                    kc,
                    "a ringbuf has no key or value size; expected only `max_entries=N`",
                ));
            }
            (0, 0)
        }
        MapType::Array | MapType::Hash => {
            let key_size = match (map_type, key) {
                (MapType::Array, None) => 4,
                (_, None) => {
                    return Err(c.error_at(end, "expected `key=N` (a hash map needs a key size)"))
                }
                (_, Some((k, _))) => k,
            };
            let Some((value_size, _)) = value else {
                return Err(c.error_at(end, "expected `value=N`"));
            };
            (key_size, value_size)
        }
    };
    let mut def = MapDef::declared(&name, map_type, key_size, value_size, max_entries);
    def.map_flags = flags.map_or(0, |(f, _)| f);
    def.check().map_err(|e| {
        let col = match e.attr() {
            MapAttr::KeySize => key.map_or(end, |(_, kc)| kc),
            MapAttr::ValueSize => value.map_or(end, |(_, vc)| vc),
            MapAttr::MaxEntries => mcol,
            MapAttr::MapFlags => flags.map_or(end, |(_, fc)| fc),
        };
        c.error_at(col, format!("expected a map the kernel would create: {e}"))
    })?;
    b.maps.push(def);
    Ok(())
}

/// Parses an initial value into exactly `size` bytes.
fn init_bytes(c: &mut Cursor, size: u32) -> Result<Vec<u8>, AsmError> {
    let col = c.col();
    let size_us = size as usize;
    match c.peek() {
        Some(Token {
            tok: Tok::Str(s), ..
        }) => {
            c.next();
            if s.len() > size_us {
                return Err(c.error_at(
                    col,
                    format!("string is {} bytes; expected at most {size}", s.len()),
                ));
            }
            let mut v = s.clone();
            v.resize(size_us, 0);
            Ok(v)
        }
        Some(Token {
            tok: Tok::Punct("["),
            ..
        }) => {
            c.next();
            let mut v = Vec::new();
            if !c.eat_punct("]") {
                loop {
                    let (x, xcol) = c.expect_signed("a byte (0..255)")?;
                    if !(-128..=255).contains(&x) {
                        return Err(
                            c.error_at(xcol, format!("expected a byte (-128..255), found {x}"))
                        );
                    }
                    v.push(x as u8);
                    if v.len() > size_us {
                        return Err(c.error_at(xcol, format!("expected at most {size} bytes")));
                    }
                    if c.eat_punct("]") {
                        break;
                    }
                    c.expect_punct(",")?;
                }
            }
            v.resize(size_us, 0);
            Ok(v)
        }
        _ => {
            let (x, xcol) = c.expect_signed(
                "an initial value: an integer, a \"string\" or a byte list [1, 2]",
            )?;
            let bits = size.min(8) * 8;
            let fits = if size == 0 {
                // `.image SECTION 0 = N`: no bytes to hold a value.
                x == 0
            } else if size >= 8 {
                (i64::MIN as i128..=u64::MAX as i128).contains(&x)
            } else {
                let max_u = (1i128 << bits) - 1;
                let min_s = -(1i128 << (bits - 1));
                (min_s..=max_u).contains(&x)
            };
            if !fits {
                return Err(c.error_at(
                    xcol,
                    format!("expected a value that fits in {size} bytes, found {x}"),
                ));
            }
            let le = (x as u64).to_le_bytes();
            let mut v = vec![0u8; size_us];
            for (d, s) in v.iter_mut().zip(le.iter()) {
                *d = *s;
            }
            if x < 0 {
                for d in v.iter_mut().skip(8) {
                    *d = 0xff;
                }
            }
            Ok(v)
        }
    }
}

/// True for a global section name: `.data`, `.bss`, `.rodata`, or one of
/// them followed by `.suffix` (`.data.stats`, `.rodata.str1.1`), as libbpf
/// and the ELF loader treat them.
pub(crate) fn is_global_section(name: &str) -> bool {
    [".data", ".rodata", ".bss"].iter().any(|p| {
        name == *p
            || name
                .strip_prefix(p)
                .is_some_and(|rest| rest.len() > 1 && rest.starts_with('.'))
    })
}

/// The map of global section `section`, created (at the end of the map
/// list) if this is its first mention.
fn section_map(b: &mut Builder, section: &str) -> usize {
    if let Some(i) = b.maps.iter().position(|m| m.name == section) {
        return i;
    }
    let bss = section.starts_with(".bss");
    b.maps.push(MapDef {
        name: section.to_string(),
        map_type: MapType::Array,
        key_size: 4,
        value_size: 0,
        max_entries: 1,
        initial_value: if bss { None } else { Some(Vec::new()) },
        origin: MapOrigin::Global {
            section: section.to_string(),
            vars: Vec::new(),
            read_only: section.starts_with(".rodata"),
        },
        key_type: None,
        value_type: None,
        map_flags: 0,
    });
    b.maps.len() - 1
}

/// `= INIT`, refused for `.bss` sections (which start as zero).
fn optional_init(c: &mut Cursor, section: &str, size: u32) -> Result<Option<Vec<u8>>, AsmError> {
    if !c.is_punct("=") {
        return Ok(None);
    }
    if section.starts_with(".bss") {
        return Err(c.error_at(
            c.col(),
            format!("`{section}` starts as zero; expected no `= INIT` (use `.data`)"),
        ));
    }
    c.next();
    Ok(Some(init_bytes(c, size)?))
}

/// `.image SECTION SIZE [= INIT]`: the section is at least SIZE bytes and,
/// with INIT, its bytes from offset 0 are INIT. Lets a listing reproduce a
/// section exactly (padding, bytes no variable covers, string literals).
fn image(c: &mut Cursor, b: &mut Builder) -> Result<(), AsmError> {
    let (section, scol) = c.expect_ident("a global section name (.data, .rodata.str1.1, ...)")?;
    if !is_global_section(&section) {
        return Err(c.error_at(scol, format!("expected a global section name (.data, .bss, .rodata or one of them with a `.suffix`), found `{section}`")));
    }
    if b.maps
        .iter()
        .any(|m| m.name == section && m.origin == MapOrigin::Declared)
        || b.has_label(&section)
    {
        return Err(c.error_at(
            scol,
            format!("`{section}` is already defined as something else; expected a section name"),
        ));
    }
    let (size, zcol) = u32_value(c, "a size in bytes")?;
    if size > MAX_SECTION_SIZE {
        return Err(c.error_at(zcol, format!("expected a size up to {MAX_SECTION_SIZE}")));
    }
    let init = optional_init(c, &section, size)?;
    c.expect_end()?;
    let i = section_map(b, &section);
    let m = &mut b.maps[i];
    m.value_size = m.value_size.max(size);
    if let Some(iv) = m.initial_value.as_mut() {
        iv.resize(m.value_size as usize, 0);
        if let Some(bytes) = init {
            iv[..bytes.len()].copy_from_slice(&bytes);
        }
    }
    Ok(())
}

/// `SECTION NAME SIZE [at=OFFSET] [= INIT]`.
fn global(c: &mut Cursor, b: &mut Builder, section: &str) -> Result<(), AsmError> {
    let (name, ncol) = c.expect_ident("a variable name")?;
    check_new_name(c, b, &name, ncol)?;
    let (size, scol) = u32_value(c, "a size in bytes")?;
    if size == 0 || size > MAX_SECTION_SIZE {
        return Err(c.error_at(
            scol,
            format!("expected a size from 1 to {MAX_SECTION_SIZE}"),
        ));
    }
    let at = if c.eat_ident("at") {
        c.expect_punct("=")?;
        Some(u32_value(c, "an offset")?)
    } else {
        None
    };
    let init = optional_init(c, section, size)?;
    c.expect_end()?;
    let map_idx = section_map(b, section);
    let m = &mut b.maps[map_idx];
    let offset = match at {
        Some((o, _)) => o,
        None => {
            let align = var_align(size);
            m.value_size.div_ceil(align) * align
        }
    };
    let end = offset as u64 + size as u64;
    if end > MAX_SECTION_SIZE as u64 {
        let col = at.map_or(scol, |a| a.1);
        return Err(c.error_at(
            col,
            format!("section `{section}` would exceed {MAX_SECTION_SIZE} bytes"),
        ));
    }
    m.value_size = m.value_size.max(end as u32);
    if let Some(iv) = m.initial_value.as_mut() {
        iv.resize(m.value_size as usize, 0);
        if let Some(bytes) = init {
            iv[offset as usize..end as usize].copy_from_slice(&bytes);
        }
    }
    if let MapOrigin::Global { vars, .. } = &mut m.origin {
        vars.push(GlobalVar {
            name,
            offset,
            size,
            ty: None,
        });
    }
    Ok(())
}

//! Just enough BTF to read what a loader needs from a clang object: the
//! shape of the map definitions in `.maps` (`__uint(type, ...)`,
//! `__type(key, ...)`, ...), the line info of `.BTF.ext`, and the
//! `btf_decl_tag` strings attached to functions (the annotations of the
//! kernel selftests' `bpf_misc.h`, read by [`Btf::func_decl_tags`]).
//!
//! No crate that builds for `wasm32-unknown-unknown` parses BTF (aya-obj
//! 0.3 does not build there), so this reads the format directly
//! (`include/uapi/linux/btf.h`, `Documentation/bpf/btf.rst`). Every read is
//! bounds-checked; a malformed blob is an error, never a panic.

use std::collections::BTreeMap;

use super::ElfError;
use crate::program::{FuncArg, GlobalProto};

const BTF_MAGIC: u16 = 0xeb9f;

// BTF kinds.
const KIND_INT: u32 = 1;
const KIND_PTR: u32 = 2;
const KIND_ARRAY: u32 = 3;
const KIND_STRUCT: u32 = 4;
const KIND_UNION: u32 = 5;
const KIND_ENUM: u32 = 6;
const KIND_FWD: u32 = 7;
const KIND_TYPEDEF: u32 = 8;
const KIND_VOLATILE: u32 = 9;
const KIND_CONST: u32 = 10;
const KIND_RESTRICT: u32 = 11;
const KIND_FUNC: u32 = 12;
const KIND_FUNC_PROTO: u32 = 13;
const KIND_VAR: u32 = 14;
const KIND_DATASEC: u32 = 15;
const KIND_FLOAT: u32 = 16;
const KIND_DECL_TAG: u32 = 17;
const KIND_TYPE_TAG: u32 = 18;
const KIND_ENUM64: u32 = 19;

/// `BTF_INT_SIGNED`, `BTF_INT_CHAR`, `BTF_INT_BOOL`: the encoding bits of an int.
pub(crate) const BTF_INT_SIGNED: u32 = 1 << 0;
pub(crate) const BTF_INT_CHAR: u32 = 1 << 1;
pub(crate) const BTF_INT_BOOL: u32 = 1 << 2;

/// Chains of modifiers/typedefs longer than this are treated as a loop.
/// `BTF_FUNC_GLOBAL`: a function's linkage (the `vlen` of its `FUNC`).
const BTF_FUNC_GLOBAL: u32 = 1;

const MAX_RESOLVE_DEPTH: usize = 32;

/// A member of a struct or union.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub name: String,
    pub type_id: u32,
    /// Offset from the start of the struct, in bits.
    pub bit_offset: u32,
    /// Width of a bitfield (0: not a bitfield).
    pub bitfield_size: u32,
}

/// A variable of a `DATASEC`.
#[derive(Debug, Clone)]
pub(crate) struct SecVar {
    pub type_id: u32,
    pub offset: u32,
}

/// One BTF type, reduced to what the loader reads.
#[derive(Debug, Clone)]
pub(crate) enum BtfType {
    /// An integer: `BTF_INT_ENCODING` bits (`BTF_INT_SIGNED`, `BTF_INT_CHAR`,
    /// `BTF_INT_BOOL`) and its name (`char`, `unsigned int`, ...).
    Int {
        size: u32,
        encoding: u32,
        name: String,
    },
    /// An enum or enum64 (`kind_flag` set: signed), with its name and its
    /// enumerators (name, value).
    Enum {
        size: u32,
        signed: bool,
        name: String,
        values: Vec<(String, i64)>,
    },
    /// A floating point number.
    Float { size: u32 },
    /// Pointer to `target`.
    Ptr { target: u32 },
    /// Array of `nelems` elements of `elem`.
    Array { elem: u32, nelems: u32 },
    /// Struct or union.
    Struct {
        name: String,
        size: u32,
        union: bool,
        members: Vec<Member>,
    },
    /// Typedef, volatile, const, restrict, type tag: same as `target`.
    Alias { target: u32, typedef: bool },
    /// A variable.
    Var { name: String, type_id: u32 },
    /// A data section (`.maps`, `.bss`, ...).
    Datasec { name: String, vars: Vec<SecVar> },
    /// A function (`BTF_KIND_FUNC`), by name, with its linkage
    /// (`BTF_FUNC_STATIC` 0, `BTF_FUNC_GLOBAL` 1, `BTF_FUNC_EXTERN` 2) and
    /// its `FUNC_PROTO`.
    Func {
        name: String,
        linkage: u32,
        proto: u32,
    },
    /// A function prototype: return type and parameter types.
    FuncProto { ret: u32, params: Vec<u32> },
    /// A forward declaration (`struct x;`, or a union when `union`).
    Fwd { name: String, union: bool },
    /// A `btf_decl_tag("...")` attribute (`BTF_KIND_DECL_TAG`) on the type
    /// `target`: on the declaration itself when `component_idx` is -1, else
    /// on its member or parameter of that index.
    DeclTag {
        name: String,
        target: u32,
        component_idx: i32,
    },
}

/// A parsed `.BTF` section.
#[derive(Debug, Clone, Default)]
pub(crate) struct Btf {
    /// Types by id; id 0 (void) is not stored, so `types[id - 1]`.
    types: Vec<BtfType>,
    strings: Vec<u8>,
}

/// Little-endian reads that fail instead of panicking.
struct Reader<'a> {
    data: &'a [u8],
    what: &'static str,
}

impl<'a> Reader<'a> {
    fn u32_at(&self, off: usize) -> Result<u32, ElfError> {
        let b = off
            .checked_add(4)
            .and_then(|end| self.data.get(off..end))
            .ok_or_else(|| ElfError::Btf(format!("{} truncated at byte {off}", self.what)))?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u16_at(&self, off: usize) -> Result<u16, ElfError> {
        let b = off
            .checked_add(2)
            .and_then(|end| self.data.get(off..end))
            .ok_or_else(|| ElfError::Btf(format!("{} truncated at byte {off}", self.what)))?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn slice(&self, off: u32, len: u32) -> Result<&'a [u8], ElfError> {
        let start = off as usize;
        start
            .checked_add(len as usize)
            .and_then(|end| self.data.get(start..end))
            .ok_or_else(|| {
                ElfError::Btf(format!(
                    "{}: range {off}+{len} is outside the section",
                    self.what
                ))
            })
    }
}

/// Reads the common header (magic, version, hdr_len) of `.BTF` or `.BTF.ext`
/// and returns `hdr_len`.
fn check_header(r: &Reader<'_>) -> Result<u32, ElfError> {
    let magic = r.u16_at(0)?;
    if magic != BTF_MAGIC {
        return Err(ElfError::Btf(format!(
            "{}: bad magic {magic:#06x} (only little-endian BTF is supported)",
            r.what
        )));
    }
    let version = r.data.get(2).copied().unwrap_or(0);
    if version != 1 {
        return Err(ElfError::Btf(format!(
            "{}: unsupported version {version}",
            r.what
        )));
    }
    r.u32_at(4)
}

impl Btf {
    /// Parses a `.BTF` section.
    pub(crate) fn parse(data: &[u8]) -> Result<Btf, ElfError> {
        let r = Reader { data, what: ".BTF" };
        let hdr_len = check_header(&r)?;
        let type_off = r.u32_at(8)?;
        let type_len = r.u32_at(12)?;
        let str_off = r.u32_at(16)?;
        let str_len = r.u32_at(20)?;
        let body = Reader {
            data: data.get(hdr_len as usize..).ok_or_else(|| {
                ElfError::Btf(format!(".BTF: header length {hdr_len} is past the end"))
            })?,
            what: ".BTF",
        };
        let types_data = body.slice(type_off, type_len)?;
        let strings = body.slice(str_off, str_len)?.to_vec();
        let mut btf = Btf {
            types: Vec::new(),
            strings,
        };
        let t = Reader {
            data: types_data,
            what: ".BTF types",
        };
        let mut pos = 0usize;
        while pos < types_data.len() {
            let name_off = t.u32_at(pos)?;
            let info = t.u32_at(pos + 4)?;
            let size_or_type = t.u32_at(pos + 8)?;
            pos += 12;
            let vlen = (info & 0xffff) as usize;
            let kind = (info >> 24) & 0x1f;
            let kind_flag = info >> 31 == 1;
            let ty = match kind {
                KIND_INT => {
                    let int_data = t.u32_at(pos)?;
                    pos += 4;
                    BtfType::Int {
                        size: size_or_type,
                        encoding: (int_data >> 24) & 0xf,
                        name: btf.str_at(name_off)?,
                    }
                }
                KIND_ENUM => {
                    let mut values = Vec::with_capacity(vlen.min(1024));
                    for _ in 0..vlen {
                        let n = t.u32_at(pos)?;
                        let v = t.u32_at(pos + 4)?;
                        pos += 8;
                        let v = if kind_flag {
                            i64::from(v as i32)
                        } else {
                            i64::from(v)
                        };
                        values.push((btf.str_at(n).unwrap_or_default(), v));
                    }
                    BtfType::Enum {
                        size: size_or_type,
                        signed: kind_flag,
                        name: btf.str_at(name_off)?,
                        values,
                    }
                }
                KIND_ENUM64 => {
                    let mut values = Vec::with_capacity(vlen.min(1024));
                    for _ in 0..vlen {
                        let n = t.u32_at(pos)?;
                        let lo = t.u32_at(pos + 4)?;
                        let hi = t.u32_at(pos + 8)?;
                        pos += 12;
                        values.push((
                            btf.str_at(n).unwrap_or_default(),
                            (u64::from(hi) << 32 | u64::from(lo)) as i64,
                        ));
                    }
                    BtfType::Enum {
                        size: size_or_type,
                        signed: kind_flag,
                        name: btf.str_at(name_off)?,
                        values,
                    }
                }
                KIND_FLOAT => BtfType::Float { size: size_or_type },
                KIND_PTR => BtfType::Ptr {
                    target: size_or_type,
                },
                KIND_ARRAY => {
                    let elem = t.u32_at(pos)?;
                    let nelems = t.u32_at(pos + 8)?;
                    pos += 12;
                    BtfType::Array { elem, nelems }
                }
                KIND_STRUCT | KIND_UNION => {
                    let mut members = Vec::with_capacity(vlen.min(1024));
                    for _ in 0..vlen {
                        let m_name = t.u32_at(pos)?;
                        let m_type = t.u32_at(pos + 4)?;
                        let m_offset = t.u32_at(pos + 8)?;
                        pos += 12;
                        // kind_flag: bitfield size in the top 8 bits.
                        let (bit_offset, bitfield_size) = if kind_flag {
                            (m_offset & 0x00ff_ffff, m_offset >> 24)
                        } else {
                            (m_offset, 0)
                        };
                        members.push(Member {
                            name: btf.str_at(m_name)?,
                            type_id: m_type,
                            bit_offset,
                            bitfield_size,
                        });
                    }
                    BtfType::Struct {
                        name: btf.str_at(name_off)?,
                        size: size_or_type,
                        union: kind == KIND_UNION,
                        members,
                    }
                }
                KIND_TYPEDEF | KIND_VOLATILE | KIND_CONST | KIND_RESTRICT | KIND_TYPE_TAG => {
                    BtfType::Alias {
                        target: size_or_type,
                        typedef: kind == KIND_TYPEDEF,
                    }
                }
                KIND_FUNC => BtfType::Func {
                    name: btf.str_at(name_off)?,
                    linkage: vlen as u32,
                    proto: size_or_type,
                },
                KIND_FWD => BtfType::Fwd {
                    name: btf.str_at(name_off)?,
                    union: kind_flag,
                },
                KIND_FUNC_PROTO => {
                    let mut params = Vec::with_capacity(vlen.min(64));
                    for _ in 0..vlen {
                        params.push(t.u32_at(pos + 4)?);
                        pos += 8;
                    }
                    BtfType::FuncProto {
                        ret: size_or_type,
                        params,
                    }
                }
                KIND_VAR => {
                    pos += 4;
                    BtfType::Var {
                        name: btf.str_at(name_off)?,
                        type_id: size_or_type,
                    }
                }
                KIND_DATASEC => {
                    let mut vars = Vec::with_capacity(vlen.min(1024));
                    for _ in 0..vlen {
                        let type_id = t.u32_at(pos)?;
                        let offset = t.u32_at(pos + 4)?;
                        pos += 12;
                        vars.push(SecVar { type_id, offset });
                    }
                    BtfType::Datasec {
                        name: btf.str_at(name_off)?,
                        vars,
                    }
                }
                KIND_DECL_TAG => {
                    let component_idx = t.u32_at(pos)? as i32;
                    pos += 4;
                    BtfType::DeclTag {
                        name: btf.str_at(name_off)?,
                        target: size_or_type,
                        component_idx,
                    }
                }
                _ => {
                    return Err(ElfError::Btf(format!(
                        "type [{}] has unknown kind {kind}",
                        btf.types.len() + 1
                    )))
                }
            };
            btf.types.push(ty);
        }
        if pos != types_data.len() {
            return Err(ElfError::Btf("type section ends inside a type".into()));
        }
        Ok(btf)
    }

    /// The NUL-terminated string at `off` of the string section.
    pub(crate) fn str_at(&self, off: u32) -> Result<String, ElfError> {
        let rest = self.strings.get(off as usize..).ok_or_else(|| {
            ElfError::Btf(format!("string offset {off} is outside the string section"))
        })?;
        let end = rest
            .iter()
            .position(|&b| b == 0)
            .ok_or_else(|| ElfError::Btf(format!("string at offset {off} is not terminated")))?;
        Ok(String::from_utf8_lossy(&rest[..end]).into_owned())
    }

    /// The type with this id (id 0 is `void`, which has no entry).
    pub(crate) fn get(&self, id: u32) -> Result<&BtfType, ElfError> {
        (id as usize)
            .checked_sub(1)
            .and_then(|i| self.types.get(i))
            .ok_or_else(|| ElfError::Btf(format!("type id {id} does not exist")))
    }

    /// Follows typedefs and modifiers.
    pub(crate) fn skip_aliases(&self, mut id: u32) -> Result<(u32, &BtfType), ElfError> {
        for _ in 0..MAX_RESOLVE_DEPTH {
            match self.get(id)? {
                BtfType::Alias { target, .. } => id = *target,
                t => return Ok((id, t)),
            }
        }
        Err(ElfError::Btf(format!(
            "type id {id}: typedef/modifier chain too long"
        )))
    }

    /// The size in bytes of a type (`sizeof`).
    pub(crate) fn size_of(&self, id: u32) -> Result<u32, ElfError> {
        self.size_of_depth(id, 0)
    }

    fn size_of_depth(&self, id: u32, depth: usize) -> Result<u32, ElfError> {
        if depth > MAX_RESOLVE_DEPTH {
            return Err(ElfError::Btf(format!(
                "type id {id}: nesting too deep to size"
            )));
        }
        let (id, t) = self.skip_aliases(id)?;
        match t {
            BtfType::Int { size, .. }
            | BtfType::Enum { size, .. }
            | BtfType::Float { size }
            | BtfType::Struct { size, .. } => Ok(*size),
            BtfType::Ptr { .. } => Ok(8),
            BtfType::Array { elem, nelems } => {
                let elem_size = self.size_of_depth(*elem, depth + 1)?;
                elem_size
                    .checked_mul(*nelems)
                    .ok_or_else(|| ElfError::Btf(format!("type id {id}: array size overflows")))
            }
            BtfType::Var { type_id, .. } => self.size_of_depth(*type_id, depth + 1),
            BtfType::FuncProto { .. }
            | BtfType::Fwd { .. }
            | BtfType::Func { .. }
            | BtfType::DeclTag { .. }
            | BtfType::Datasec { .. }
            | BtfType::Alias { .. } => Err(ElfError::Btf(format!("type id {id} has no size"))),
        }
    }

    /// Every type, in id order (id 1 first).
    pub(crate) fn types(&self) -> &[BtfType] {
        &self.types
    }

    /// The prototype of `func` when it is a global function
    /// (`BTF_FUNC_GLOBAL`), as `btf_prepare_func_args` reads it for a
    /// program whose context struct is `ctx_struct` (`__sk_buff`, `xdp_md`):
    /// `None` for a static function or one BTF does not describe.
    pub(crate) fn global_func_proto(
        &self,
        func: &str,
        ctx_struct: Option<&str>,
    ) -> Option<GlobalProto> {
        let (id, proto) = self.types.iter().enumerate().find_map(|(i, t)| match t {
            BtfType::Func {
                name,
                linkage: BTF_FUNC_GLOBAL,
                proto,
            } if name == func => Some((i as u32 + 1, *proto)),
            _ => None,
        })?;
        let unsupported = |msg: String| GlobalProto {
            args: Vec::new(),
            unsupported: Some(msg),
        };
        let Ok(BtfType::FuncProto { ret, params }) = self.get(proto) else {
            return Some(unsupported(format!("Invalid type of function {func}()")));
        };
        if params.len() > 5 {
            return Some(unsupported(format!(
                "Global function {func}() with {} > 5 args. Buggy compiler.",
                params.len()
            )));
        }
        if !matches!(
            self.skip_aliases(*ret),
            Ok((_, BtfType::Int { .. } | BtfType::Enum { .. }))
        ) {
            return Some(unsupported(format!(
                "Global function {func}() doesn't return scalar. Only those are supported."
            )));
        }
        let tags = self.param_decl_tags(id);
        let mut args = Vec::with_capacity(params.len());
        for (i, &p) in params.iter().enumerate() {
            let nonnull = tags.iter().any(|(idx, t)| *idx == i && t == "arg:nonnull");
            let ctx_tag = tags.iter().any(|(idx, t)| *idx == i && t == "arg:ctx");
            let t = self.skip_aliases(p).map(|(_, t)| t);
            let arg = match t {
                Ok(BtfType::Ptr { target }) => {
                    let pointee = self.skip_aliases(*target).ok();
                    let struct_name = match pointee {
                        Some((
                            _,
                            BtfType::Struct {
                                name, union: false, ..
                            },
                        ))
                        | Some((_, BtfType::Fwd { name, union: false })) => Some(name.as_str()),
                        _ => None,
                    };
                    if ctx_tag || (struct_name.is_some() && struct_name == ctx_struct) {
                        FuncArg::Ctx
                    } else if struct_name == Some("bpf_dynptr") {
                        FuncArg::Dynptr
                    } else {
                        match self.size_of(*target) {
                            Ok(size) => FuncArg::Mem {
                                size,
                                nullable: !nonnull,
                            },
                            Err(_) => {
                                let (kind, name) = self.kind_and_name(*target);
                                return Some(unsupported(format!(
                                    "arg#{i} reference type('{kind} {name}') size cannot be determined: -22"
                                )));
                            }
                        }
                    }
                }
                Ok(BtfType::Int { .. } | BtfType::Enum { .. }) => FuncArg::Scalar,
                _ => {
                    let (kind, _) = self.kind_and_name(p);
                    return Some(unsupported(format!(
                        "Arg#{i} type {kind} in {func}() is not supported yet."
                    )));
                }
            };
            args.push(arg);
        }
        Some(GlobalProto {
            args,
            unsupported: None,
        })
    }

    /// `arg:` decl tags on the parameters of function `func_id`:
    /// (parameter index, tag).
    fn param_decl_tags(&self, func_id: u32) -> Vec<(usize, String)> {
        self.types
            .iter()
            .filter_map(|t| match t {
                BtfType::DeclTag {
                    name,
                    target,
                    component_idx,
                } if *target == func_id && *component_idx >= 0 && name.starts_with("arg:") => {
                    Some((*component_idx as usize, name.clone()))
                }
                _ => None,
            })
            .collect()
    }

    /// `btf_type_str` and the name of a type, after modifiers, as the
    /// kernel prints them in its messages (`UNKNOWN` for void).
    fn kind_and_name(&self, id: u32) -> (&'static str, String) {
        if id == 0 {
            return ("UNKNOWN", String::new());
        }
        match self.skip_aliases(id) {
            Ok((_, t)) => match t {
                BtfType::Int { name, .. } => ("INT", name.clone()),
                BtfType::Enum { .. } => ("ENUM", String::new()),
                BtfType::Float { .. } => ("FLOAT", String::new()),
                BtfType::Ptr { .. } => ("PTR", String::new()),
                BtfType::Array { .. } => ("ARRAY", String::new()),
                BtfType::Struct { name, union, .. } => {
                    (if *union { "UNION" } else { "STRUCT" }, name.clone())
                }
                BtfType::Fwd { name, .. } => ("FWD", name.clone()),
                BtfType::FuncProto { .. } => ("FUNC_PROTO", String::new()),
                BtfType::Func { name, .. } => ("FUNC", name.clone()),
                _ => ("UNKNOWN", String::new()),
            },
            Err(_) => ("UNKNOWN", String::new()),
        }
    }

    /// The decl tags on each function as a whole (`component_idx` -1, not
    /// those on a parameter), by function name, each in type-id order: the
    /// order clang emits them, which is the order of the attributes in the
    /// source. A function without tags is absent.
    pub(crate) fn func_decl_tags(&self) -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for t in &self.types {
            let BtfType::DeclTag {
                name,
                target,
                component_idx: -1,
            } = t
            else {
                continue;
            };
            if let Ok(BtfType::Func { name: func, .. }) = self.get(*target) {
                out.entry(func.clone()).or_default().push(name.clone());
            }
        }
        out
    }

    /// The `DATASEC` with this name (`.maps`).
    pub(crate) fn datasec(&self, name: &str) -> Option<&[SecVar]> {
        self.types.iter().find_map(|t| match t {
            BtfType::Datasec { name: n, vars } if n == name => Some(vars.as_slice()),
            _ => None,
        })
    }
}

/// A line-info record of `.BTF.ext` (`struct bpf_line_info`): a source
/// position at a byte offset of an ELF section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineInfo {
    /// Byte offset of the instruction inside its section.
    pub insn_off: u32,
    /// The source file's name as clang wrote it (`file_name_off`).
    pub file: String,
    /// The source line's text (`line_off`), as clang wrote it.
    pub text: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (0 when unknown).
    pub col: u32,
}

/// Line info of `.BTF.ext`, by ELF section name, sorted by offset.
pub(crate) fn parse_line_info(
    ext: &[u8],
    btf: &Btf,
) -> Result<BTreeMap<String, Vec<LineInfo>>, ElfError> {
    let r = Reader {
        data: ext,
        what: ".BTF.ext",
    };
    let hdr_len = check_header(&r)?;
    // func_info_off/len at 8/12, line_info_off/len at 16/20.
    let line_off = r.u32_at(16)?;
    let line_len = r.u32_at(20)?;
    let mut out = BTreeMap::new();
    if line_len == 0 {
        return Ok(out);
    }
    let start = hdr_len
        .checked_add(line_off)
        .ok_or_else(|| ElfError::Btf(".BTF.ext: line info offset overflows".into()))?;
    let li = Reader {
        data: r.slice(start, line_len)?,
        what: ".BTF.ext line info",
    };
    let rec_size = li.u32_at(0)? as usize;
    if rec_size < 16 {
        return Err(ElfError::Btf(format!(
            ".BTF.ext: line info record size {rec_size} < 16"
        )));
    }
    let mut pos = 4usize;
    while pos < li.data.len() {
        let sec_name = btf.str_at(li.u32_at(pos)?)?;
        let num = li.u32_at(pos + 4)? as usize;
        pos += 8;
        let mut recs = Vec::with_capacity(num.min(4096));
        for _ in 0..num {
            let insn_off = li.u32_at(pos)?;
            let line_col = li.u32_at(pos + 12)?;
            recs.push(LineInfo {
                insn_off,
                file: btf.str_at(li.u32_at(pos + 4)?)?,
                text: btf.str_at(li.u32_at(pos + 8)?)?,
                line: line_col >> 10,
                col: line_col & 0x3ff,
            });
            pos = pos
                .checked_add(rec_size)
                .ok_or_else(|| ElfError::Btf(".BTF.ext: line info overflows".into()))?;
        }
        recs.sort_by_key(|l| l.insn_off);
        out.insert(sec_name, recs);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blob(types: &[u32], strings: &[u8]) -> Vec<u8> {
        let type_bytes: Vec<u8> = types.iter().flat_map(|w| w.to_le_bytes()).collect();
        let mut v = Vec::new();
        v.extend_from_slice(&BTF_MAGIC.to_le_bytes());
        v.push(1);
        v.push(0);
        v.extend_from_slice(&24u32.to_le_bytes());
        v.extend_from_slice(&0u32.to_le_bytes());
        v.extend_from_slice(&(type_bytes.len() as u32).to_le_bytes());
        v.extend_from_slice(&(type_bytes.len() as u32).to_le_bytes());
        v.extend_from_slice(&(strings.len() as u32).to_le_bytes());
        v.extend_from_slice(&type_bytes);
        v.extend_from_slice(strings);
        v
    }

    #[test]
    fn sizes_through_typedefs_and_arrays() {
        // [1] int size 4; [2] typedef -> 1; [3] array of 2 x 5; [4] ptr -> 3
        let types = [
            1,
            KIND_INT << 24,
            4,
            32, //
            1,
            KIND_TYPEDEF << 24,
            1, //
            0,
            KIND_ARRAY << 24,
            0,
            2,
            1,
            5, //
            0,
            KIND_PTR << 24,
            3,
        ];
        let btf = Btf::parse(&blob(&types, b"\0u32\0")).expect("parses");
        assert_eq!(btf.size_of(2).expect("sized"), 4);
        assert_eq!(btf.size_of(3).expect("sized"), 20);
        assert_eq!(btf.size_of(4).expect("sized"), 8);
        assert!(matches!(btf.get(4), Ok(BtfType::Ptr { target: 3 })));
        assert!(btf.size_of(9).is_err());
    }

    #[test]
    fn decl_tags_of_functions_in_emission_order() {
        // strings: 1 "f", 3 "a", 5 "b", 7 "p"
        let strings = b"\0f\0a\0b\0p\0";
        let types = [
            0,
            KIND_FUNC_PROTO << 24,
            0, // [1] proto
            1,
            KIND_FUNC << 24,
            1, // [2] func f
            3,
            KIND_DECL_TAG << 24,
            2,
            u32::MAX, // [3] "a" on f
            7,
            KIND_DECL_TAG << 24,
            2,
            0, // [4] "p" on f's parameter 0: not the function's
            5,
            KIND_DECL_TAG << 24,
            2,
            u32::MAX, // [5] "b" on f
            5,
            KIND_DECL_TAG << 24,
            1,
            u32::MAX, // [6] on the proto, not a FUNC
        ];
        let btf = Btf::parse(&blob(&types, strings)).expect("parses");
        let tags = btf.func_decl_tags();
        assert_eq!(tags.len(), 1);
        assert_eq!(tags["f"], ["a", "b"]);
        assert!(btf.size_of(3).is_err());
    }

    #[test]
    fn typedef_loop_is_an_error_not_a_hang() {
        let types = [0, KIND_TYPEDEF << 24, 2, 0, KIND_CONST << 24, 1];
        let btf = Btf::parse(&blob(&types, b"\0")).expect("parses");
        assert!(btf.size_of(1).is_err());
    }

    #[test]
    fn truncated_and_bad_magic_are_errors() {
        let good = blob(&[1, KIND_INT << 24, 4, 32], b"\0u32\0");
        for len in 0..good.len() {
            let _ = Btf::parse(&good[..len]);
        }
        let mut bad = good.clone();
        bad[0] = 0;
        assert!(Btf::parse(&bad).is_err());
    }
}

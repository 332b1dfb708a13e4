//! The program model every front end produces and every back end consumes:
//! instructions, the maps (and globals) they reference, the program type,
//! function symbols and the source location of each instruction.
//!
//! `asm` and `elf` build a [`Program`]; `verifier`, `vm` and `session` read it.

use serde::{Deserialize, Serialize};

use crate::isa::Insn;
use crate::world::globals::GlobalType;

/// The program types the playground simulates, named as in `SEC()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ProgType {
    /// `BPF_PROG_TYPE_XDP`, context `struct xdp_md`.
    Xdp,
    /// `BPF_PROG_TYPE_SCHED_CLS` (`tc`), context `struct __sk_buff`.
    Tc,
    /// `BPF_PROG_TYPE_CGROUP_SKB`, context `struct __sk_buff`, packet read-only.
    CgroupSkb,
    /// `BPF_PROG_TYPE_SOCKET_FILTER` (`socket`), context `struct __sk_buff`
    /// as socket filters see it: no direct packet access (the packet is
    /// read through `ld_abs`, `bpf_skb_load_bytes` or a read-only skb
    /// dynptr), only `cb[]` writable.
    Socket,
    /// `BPF_PROG_TYPE_RAW_TRACEPOINT`, opaque context.
    RawTp,
    /// `BPF_PROG_TYPE_TRACEPOINT`, opaque context.
    Tp,
    /// `BPF_PROG_TYPE_SYSCALL` (sleepable), opaque context.
    #[default]
    Syscall,
}

impl ProgType {
    /// Every program type, in the order the UI lists them.
    pub const ALL: [ProgType; 7] = [
        ProgType::Xdp,
        ProgType::Tc,
        ProgType::CgroupSkb,
        ProgType::Socket,
        ProgType::RawTp,
        ProgType::Tp,
        ProgType::Syscall,
    ];

    /// The short name used by directives, the CLI and the UI (`xdp`, `tc`, ...).
    pub fn name(self) -> &'static str {
        match self {
            ProgType::Xdp => "xdp",
            ProgType::Tc => "tc",
            ProgType::CgroupSkb => "cgroup_skb",
            ProgType::Socket => "socket",
            ProgType::RawTp => "raw_tp",
            ProgType::Tp => "tp",
            ProgType::Syscall => "syscall",
        }
    }

    /// The kernel's enum name (`BPF_PROG_TYPE_XDP`, ...).
    pub fn kernel_name(self) -> &'static str {
        match self {
            ProgType::Xdp => "BPF_PROG_TYPE_XDP",
            ProgType::Tc => "BPF_PROG_TYPE_SCHED_CLS",
            ProgType::CgroupSkb => "BPF_PROG_TYPE_CGROUP_SKB",
            ProgType::Socket => "BPF_PROG_TYPE_SOCKET_FILTER",
            ProgType::RawTp => "BPF_PROG_TYPE_RAW_TRACEPOINT",
            ProgType::Tp => "BPF_PROG_TYPE_TRACEPOINT",
            ProgType::Syscall => "BPF_PROG_TYPE_SYSCALL",
        }
    }

    /// Parses a short name, or an ELF section name (`xdp`, `tc`, `classifier`,
    /// `cgroup_skb/egress`, `raw_tp/...`, `tp/...`, `tracepoint/...`, `syscall`,
    /// `fentry/...` is not supported). A leading `?` is ignored.
    pub fn from_section(sec: &str) -> Option<ProgType> {
        let sec = sec.strip_prefix('?').unwrap_or(sec);
        let head = sec.split('/').next().unwrap_or(sec);
        Some(match head {
            "xdp" | "xdp.frags" => ProgType::Xdp,
            "tc" | "classifier" | "sched_cls" | "tcx" => ProgType::Tc,
            "cgroup_skb" | "cgroup" => ProgType::CgroupSkb,
            "socket" => ProgType::Socket,
            "raw_tp" | "raw_tracepoint" | "raw_tp.w" => ProgType::RawTp,
            "tp" | "tracepoint" => ProgType::Tp,
            "syscall" => ProgType::Syscall,
            _ => return None,
        })
    }

    /// The BTF name of the context struct a function parameter must point
    /// to for the kernel to take it as the context (`btf_is_prog_ctx_type`).
    pub fn ctx_struct(self) -> Option<&'static str> {
        match self {
            ProgType::Xdp => Some("xdp_md"),
            ProgType::Tc | ProgType::CgroupSkb | ProgType::Socket => Some("__sk_buff"),
            ProgType::RawTp => Some("bpf_raw_tracepoint_args"),
            ProgType::Tp | ProgType::Syscall => None,
        }
    }

    /// True for the types whose context carries a packet.
    pub fn has_packet(self) -> bool {
        matches!(
            self,
            ProgType::Xdp | ProgType::Tc | ProgType::CgroupSkb | ProgType::Socket
        )
    }

    /// True for the types whose context is an skb (`struct __sk_buff`).
    pub fn is_skb(self) -> bool {
        matches!(self, ProgType::Tc | ProgType::CgroupSkb | ProgType::Socket)
    }

    /// True for the skb types that run at layer 3: `skb->data` is the
    /// network header (`BPF_PROG_TEST_RUN` pushes the Ethernet header back
    /// for tc only).
    pub fn skb_at_l3(self) -> bool {
        matches!(self, ProgType::CgroupSkb | ProgType::Socket)
    }

    /// True for the types that may write packet data
    /// (`may_access_direct_pkt_data(.., BPF_WRITE)`): elsewhere an skb
    /// dynptr is read-only.
    pub fn may_write_packet(self) -> bool {
        matches!(self, ProgType::Xdp | ProgType::Tc)
    }
}

/// The map types the world simulates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MapType {
    /// `BPF_MAP_TYPE_ARRAY`.
    Array,
    /// `BPF_MAP_TYPE_HASH`.
    Hash,
    /// `BPF_MAP_TYPE_RINGBUF`: `max_entries` is the data area size.
    Ringbuf,
}

impl MapType {
    /// The kernel's enum value (`BPF_MAP_TYPE_*`).
    pub fn kernel_id(self) -> u32 {
        match self {
            MapType::Hash => 1,
            MapType::Array => 2,
            MapType::Ringbuf => 27,
        }
    }

    /// From the kernel's enum value.
    pub fn from_kernel_id(id: u32) -> Option<MapType> {
        match id {
            1 => Some(MapType::Hash),
            2 => Some(MapType::Array),
            27 => Some(MapType::Ringbuf),
            _ => None,
        }
    }

    /// The short name used by directives (`array`, `hash`, `ringbuf`).
    pub fn name(self) -> &'static str {
        match self {
            MapType::Array => "array",
            MapType::Hash => "hash",
            MapType::Ringbuf => "ringbuf",
        }
    }
}

/// A variable inside a global section (`.bss`, `.data`, `.rodata`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlobalVar {
    /// Symbol name.
    pub name: String,
    /// Byte offset inside the section's single value.
    pub offset: u32,
    /// Size in bytes.
    pub size: u32,
    /// Its C type from BTF (an object built with `-g`), for printing its
    /// value ([`crate::world::c_value::format_c`]); `None` in assembly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ty: Option<GlobalType>,
}

/// What a map is: one declared by the program, or a global data section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum MapOrigin {
    /// A map declared by the program (`.maps` section or a `.map` directive).
    Declared,
    /// A global data section as a single-element array map.
    Global {
        /// The section (`.bss`, `.data`, `.rodata`).
        section: String,
        /// Its variables.
        vars: Vec<GlobalVar>,
        /// True for `.rodata` (the program may not write it).
        read_only: bool,
    },
}

/// A map the program references (by index: the index is its "fd").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapDef {
    /// Name (`ringbuf`, `.bss`, ...).
    pub name: String,
    /// Type.
    pub map_type: MapType,
    /// Key size in bytes (0 for ring buffers).
    pub key_size: u32,
    /// Value size in bytes (0 for ring buffers).
    pub value_size: u32,
    /// Maximum entries (data area size in bytes for ring buffers).
    pub max_entries: u32,
    /// Initial contents of element 0 (globals' `.data`/`.rodata` image).
    pub initial_value: Option<Vec<u8>>,
    /// Declared map or global section.
    pub origin: MapOrigin,
    /// The key's C type from BTF (`__type(key, T)`), for printing keys
    /// ([`crate::world::c_value::format_c`]); `None` when only a size is
    /// known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_type: Option<GlobalType>,
    /// The value's C type from BTF (`__type(value, T)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_type: Option<GlobalType>,
    /// The kernel's `map_flags` (`__uint(map_flags, ...)`, `.map ... flags=N`):
    /// [`BPF_F_RDONLY_PROG`] and [`BPF_F_WRONLY_PROG`] change what the
    /// verifier allows; the others are checked against the type, as
    /// `map_create` checks them, and otherwise change nothing simulated.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub map_flags: u32,
}

fn is_zero(v: &u32) -> bool {
    *v == 0
}

/// `BPF_F_NO_PREALLOC`.
pub const BPF_F_NO_PREALLOC: u32 = 1 << 0;
/// `BPF_F_NUMA_NODE`.
pub const BPF_F_NUMA_NODE: u32 = 1 << 2;
/// `BPF_F_RDONLY`: the syscall side may not write.
pub const BPF_F_RDONLY: u32 = 1 << 3;
/// `BPF_F_WRONLY`: the syscall side may not read.
pub const BPF_F_WRONLY: u32 = 1 << 4;
/// `BPF_F_ZERO_SEED`.
pub const BPF_F_ZERO_SEED: u32 = 1 << 6;
/// `BPF_F_RDONLY_PROG`: the program may not write the map.
pub const BPF_F_RDONLY_PROG: u32 = 1 << 7;
/// `BPF_F_WRONLY_PROG`: the program may not read the map.
pub const BPF_F_WRONLY_PROG: u32 = 1 << 8;
/// `BPF_F_MMAPABLE`.
pub const BPF_F_MMAPABLE: u32 = 1 << 10;
/// `BPF_F_INNER_MAP`.
pub const BPF_F_INNER_MAP: u32 = 1 << 12;
/// `BPF_F_ACCESS_MASK`.
const BPF_F_ACCESS_MASK: u32 = BPF_F_RDONLY | BPF_F_RDONLY_PROG | BPF_F_WRONLY | BPF_F_WRONLY_PROG;

/// Most instruction slots a program may have: `bpf_prog_load` refuses a
/// longer one with `E2BIG` (`BPF_COMPLEXITY_LIMIT_INSNS` for a privileged
/// loader).
pub const MAX_INSNS: usize = 1_000_000;

/// The kernel's `PAGE_SIZE`: a ring buffer's data area is a power-of-two
/// number of pages.
pub const PAGE_SIZE: u32 = 4096;

/// Largest value a map may hold in the playground (bytes), its stand-in for
/// the kernel's `KMALLOC_MAX_SIZE`; also the largest global section.
pub const MAX_VALUE_SIZE: u32 = 1 << 20;

/// Largest array map (value size x max_entries, bytes): the world allocates
/// arrays up front, as the kernel's `array_map_alloc` does, and refuses more
/// than this (`world::maps::MAX_MAP_BYTES`), so a program is told at load.
pub const MAX_ARRAY_BYTES: u64 = 16 << 20;

/// The attribute of a map definition an error is about, so that a front end
/// can point at it (the assembler at its column, the ELF loader by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapAttr {
    /// `key_size`.
    KeySize,
    /// `value_size`.
    ValueSize,
    /// `max_entries`.
    MaxEntries,
    /// `map_flags`.
    MapFlags,
}

/// Why `map_create` (the type's `map_alloc_check`) would refuse a definition.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MapDefError {
    /// `ringbuf_map_alloc`: a ring buffer has neither key nor value.
    #[error("a ringbuf has no key or value size")]
    RingbufKeyValue,
    /// `ringbuf_map_alloc`: the data area is a power of two number of pages.
    #[error("a ringbuf size must be a power of two and a multiple of {PAGE_SIZE}, not {0}")]
    RingbufSize(u32),
    /// `array_map_alloc_check`: array keys are u32 indices.
    #[error("an array key is 4 bytes (a u32 index), not {0}")]
    ArrayKeySize(u32),
    /// `map_create`: a key size of 0 (only ring buffers have none).
    #[error("a key size above 0 is required")]
    ZeroKeySize,
    /// `map_create`: a value size of 0 (only ring buffers have none).
    #[error("a value size above 0 is required")]
    ZeroValueSize,
    /// `map_create`: no entries.
    #[error("max_entries above 0 is required")]
    ZeroMaxEntries,
    /// The value is larger than the playground allocates (`E2BIG`).
    #[error("a value size up to {MAX_VALUE_SIZE} bytes is supported, not {0}")]
    ValueTooLarge(u32),
    /// The array is larger than the playground allocates (`E2BIG`).
    #[error("an array of at most {MAX_ARRAY_BYTES} bytes (value size x max_entries) is supported, not {0}")]
    ArrayTooLarge(u64),
    /// The type's `map_alloc_check`: a flag it does not take, or both
    /// `BPF_F_RDONLY_PROG` and `BPF_F_WRONLY_PROG` (`EINVAL`).
    #[error("map_flags {flags:#x} are invalid for {map_type} (it takes {allowed:#x}; not both BPF_F_RDONLY_PROG and BPF_F_WRONLY_PROG)")]
    Flags {
        /// The flags given.
        flags: u32,
        /// The map type's name.
        map_type: &'static str,
        /// The flags the type takes.
        allowed: u32,
    },
}

impl MapDefError {
    /// The attribute at fault.
    pub fn attr(&self) -> MapAttr {
        match self {
            MapDefError::RingbufKeyValue
            | MapDefError::ArrayKeySize(_)
            | MapDefError::ZeroKeySize => MapAttr::KeySize,
            MapDefError::ZeroValueSize | MapDefError::ValueTooLarge(_) => MapAttr::ValueSize,
            MapDefError::ZeroMaxEntries
            | MapDefError::RingbufSize(_)
            | MapDefError::ArrayTooLarge(_) => MapAttr::MaxEntries,
            MapDefError::Flags { .. } => MapAttr::MapFlags,
        }
    }
}

impl MapDef {
    /// Whether the program may not change the map (the kernel's
    /// `BPF_F_RDONLY_PROG`, which libbpf sets on `.rodata`): stores through
    /// its values and the helpers that update or delete are refused.
    pub fn read_only_prog(&self) -> bool {
        self.map_flags & BPF_F_RDONLY_PROG != 0 || self.frozen_read_only()
    }

    /// Whether the program may not read the map (`BPF_F_WRONLY_PROG`).
    pub fn write_only_prog(&self) -> bool {
        self.map_flags & BPF_F_WRONLY_PROG != 0
    }

    /// The kernel's `bpf_map_is_rdonly`: read-only for the program and
    /// frozen before the load, so its contents are constants the verifier
    /// may read (`bpf_map_direct_read`). libbpf freezes `.rodata`; a
    /// declared map with `BPF_F_RDONLY_PROG` is not frozen.
    pub fn frozen_read_only(&self) -> bool {
        matches!(
            self.origin,
            MapOrigin::Global {
                read_only: true,
                ..
            }
        )
    }

    /// A map the program declares (`.map` directive or `.maps` section).
    pub fn declared(
        name: &str,
        map_type: MapType,
        key_size: u32,
        value_size: u32,
        max_entries: u32,
    ) -> MapDef {
        MapDef {
            name: name.to_string(),
            map_type,
            key_size,
            value_size,
            max_entries,
            initial_value: None,
            origin: MapOrigin::Declared,
            key_type: None,
            value_type: None,
            map_flags: 0,
        }
    }

    /// The definition as assembly states it: the same, without the BTF
    /// types only an object carries (`key_type`, `value_type`, globals'
    /// `ty`).
    pub fn without_btf_types(&self) -> MapDef {
        let mut m = self.clone();
        m.key_type = None;
        m.value_type = None;
        if let MapOrigin::Global { vars, .. } = &mut m.origin {
            for v in vars {
                v.ty = None;
            }
        }
        m
    }

    /// The checks the kernel makes when it creates a map of this type (the
    /// one place that knows them: the assembler and the ELF loader both ask).
    pub fn check(&self) -> Result<(), MapDefError> {
        let (key, value, max) = (self.key_size, self.value_size, self.max_entries);
        // RINGBUF_CREATE_FLAG_MASK, ARRAY_CREATE_FLAG_MASK and
        // HTAB_CREATE_FLAG_MASK, less what only other types take
        // (BPF_F_PRESERVE_ELEMS: perf event arrays; BPF_F_NO_COMMON_LRU: LRU
        // hashes); `bpf_map_flags_access_ok`.
        let allowed = match self.map_type {
            MapType::Ringbuf => BPF_F_NUMA_NODE,
            MapType::Array => {
                BPF_F_NUMA_NODE | BPF_F_MMAPABLE | BPF_F_ACCESS_MASK | BPF_F_INNER_MAP
            }
            MapType::Hash => {
                BPF_F_NO_PREALLOC | BPF_F_NUMA_NODE | BPF_F_ACCESS_MASK | BPF_F_ZERO_SEED
            }
        };
        let both = BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG;
        if self.map_flags & !allowed != 0 || self.map_flags & both == both {
            return Err(MapDefError::Flags {
                flags: self.map_flags,
                map_type: self.map_type.name(),
                allowed,
            });
        }
        match self.map_type {
            MapType::Ringbuf => {
                if key != 0 || value != 0 {
                    return Err(MapDefError::RingbufKeyValue);
                }
                if !max.is_power_of_two() || max % PAGE_SIZE != 0 {
                    return Err(MapDefError::RingbufSize(max));
                }
            }
            MapType::Array | MapType::Hash => {
                if self.map_type == MapType::Array && key != 4 {
                    return Err(MapDefError::ArrayKeySize(key));
                }
                if key == 0 {
                    return Err(MapDefError::ZeroKeySize);
                }
                if value == 0 {
                    return Err(MapDefError::ZeroValueSize);
                }
                if value > MAX_VALUE_SIZE {
                    return Err(MapDefError::ValueTooLarge(value));
                }
                if max == 0 {
                    return Err(MapDefError::ZeroMaxEntries);
                }
                let bytes = u64::from(value) * u64::from(max);
                if self.map_type == MapType::Array && bytes > MAX_ARRAY_BYTES {
                    return Err(MapDefError::ArrayTooLarge(bytes));
                }
            }
        }
        Ok(())
    }
}

/// A function symbol: the program's entry or a subprogram (callee or callback).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FuncSym {
    /// Name.
    pub name: String,
    /// First instruction index.
    pub start: usize,
    /// For a global (non-static) function of an object with BTF: its
    /// prototype, from which the kernel verifies it on its own, once, for
    /// any arguments that match (`btf_prepare_func_args`), instead of
    /// walking it with each caller's state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global: Option<GlobalProto>,
}

impl FuncSym {
    /// A static function (or the entry): verified with its caller's state.
    pub fn new(name: impl Into<String>, start: usize) -> FuncSym {
        FuncSym {
            name: name.into(),
            start,
            global: None,
        }
    }
}

/// The prototype of a global function as the verifier sees it
/// (`struct bpf_subprog_arg_info` of each argument).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlobalProto {
    /// One entry per parameter, R1 first.
    pub args: Vec<FuncArg>,
    /// The kernel's line when it cannot use this prototype (a pointer to
    /// a type of unknown size, a return type that is not a scalar, more
    /// than five arguments): every call is then refused with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsupported: Option<String>,
}

/// What a global function's parameter is, from its BTF type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FuncArg {
    /// An integer or enum: any scalar (`ARG_ANYTHING`).
    Scalar,
    /// A pointer to the program type's context struct (`ARG_PTR_TO_CTX`).
    Ctx,
    /// `struct bpf_dynptr *`: an initialised dynptr the callee may read but
    /// not release (`ARG_PTR_TO_DYNPTR | MEM_RDONLY`).
    Dynptr,
    /// Any other pointer: `size` readable and writable bytes, or NULL
    /// (`ARG_PTR_TO_MEM | PTR_MAYBE_NULL`; `nonnull` without the NULL).
    Mem {
        /// `sizeof` the pointed-to type.
        size: u32,
        /// NULL allowed (no `__arg_nonnull` tag).
        nullable: bool,
    },
}

/// `BPF_OBJ_NAME_LEN`: a kernel object name's buffer, NUL included.
const BPF_OBJ_NAME_LEN: usize = 16;

/// libbpf's `internal_map_name`: the name of the map libbpf creates for a
/// global section (`.bss`, `.data`, `.rodata`, `.data.custom`) of object
/// `obj`.
pub fn internal_map_name(obj: &str, section: &str) -> String {
    let sfx_len = section.len().max(7);
    // A section with a second dot (`.data.custom`) keeps no object prefix.
    let pfx_len = if section.get(1..).is_some_and(|s| s.contains('.')) {
        0
    } else {
        (BPF_OBJ_NAME_LEN - sfx_len.min(BPF_OBJ_NAME_LEN - 1) - 1).min(obj.len())
    };
    let name: String = obj
        .chars()
        .take(pfx_len)
        .chain(section.chars().take(sfx_len))
        .take(BPF_OBJ_NAME_LEN - 1)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    name
}

/// A line-info record of a clang object (the kernel's `struct
/// bpf_line_info`, from `.BTF.ext`): from instruction `insn` on, the code
/// belongs to this C line, until the next record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineInfo {
    /// The first instruction slot of the record, in the linked program.
    pub insn: usize,
    /// The source file, as clang named it (`progs/x.c`, or a full path).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (0 when unknown).
    pub col: u32,
    /// The line's text, as clang stored it (leading blanks included).
    pub text: String,
}

/// Where an instruction came from in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SourceLoc {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
}

/// A loaded program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Program {
    /// The program's name (its function name in an ELF object).
    pub name: String,
    /// The program type.
    pub prog_type: ProgType,
    /// Instruction slots (`ld_imm64` takes two).
    pub insns: Vec<Insn>,
    /// Maps and global sections, indexed by the "fd" in `ld_imm64`.
    pub maps: Vec<MapDef>,
    /// Functions: `funcs[0]` is the entry at instruction 0; the others are
    /// subprograms, sorted by start.
    pub funcs: Vec<FuncSym>,
    /// Source location of each slot (same length as `insns`), when known.
    pub lines: Vec<Option<SourceLoc>>,
    /// The C line-info records of a clang object, sorted by instruction
    /// (empty for assembly and for objects built without `-g`).
    #[serde(default)]
    pub line_info: Vec<LineInfo>,
    /// The object's name as libbpf gives it (the file's base name up to its
    /// first `.`), when the program came from a named file: libbpf names a
    /// global section's map after it (`dynptr_f.bss`), and the verifier log
    /// prints that name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_name: Option<String>,
    /// Labels by instruction index, for the disassembler and the UI.
    pub labels: Vec<(usize, String)>,
    /// The C variables DWARF describes (parameters and locals of every
    /// function of the program, with where they live at each instruction);
    /// empty for assembly and for objects built without `-g`. See
    /// [`Program::stack_var`], [`Program::slot_var`], [`Program::reg_var`].
    #[serde(default)]
    pub vars: Vec<DebugVar>,
}

/// A C variable (a parameter or a local) of one function, from DWARF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebugVar {
    /// Its name (`ptr`, `read_data`).
    pub name: String,
    /// Its C type as declared (`struct bpf_dynptr`, `char[64]`, `__u32`,
    /// `void *`).
    pub type_name: String,
    /// `sizeof` its type, in bytes.
    pub size: u32,
    /// The function it belongs to (the DWARF name of the concrete function;
    /// the variables of an inlined call belong to the function it is
    /// inlined into).
    pub func: String,
    /// The first instruction of that function in this program.
    pub func_start: usize,
    /// True for a formal parameter.
    pub param: bool,
    /// Where it lives, instruction range by instruction range; an
    /// instruction no range covers has the variable nowhere the panels can
    /// show (optimised out, or a known constant).
    pub locs: Vec<VarLoc>,
}

impl DebugVar {
    /// How panels label it: the name, with the dimensions of an array
    /// (`read_data[64]`, `ptr`).
    pub fn label(&self) -> String {
        match self.type_name.find('[') {
            Some(i) if self.type_name.ends_with(']') => {
                format!("{}{}", self.name, &self.type_name[i..])
            }
            _ => self.name.clone(),
        }
    }

    /// Where it is at instruction `insn`, if anywhere.
    pub fn place_at(&self, insn: usize) -> Option<VarPlace> {
        self.locs
            .iter()
            .find(|l| l.start <= insn && insn < l.end)
            .map(|l| l.place)
    }

    /// The stack offsets it ever lives at.
    fn stack_offs(&self) -> impl Iterator<Item = i32> + '_ {
        self.locs.iter().filter_map(|l| match l.place {
            VarPlace::Stack { off } => Some(off),
            VarPlace::Reg { .. } => None,
        })
    }
}

/// Where a variable lives over instructions `start..end` (slot indices of
/// the linked program).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VarLoc {
    /// First instruction.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// The place.
    pub place: VarPlace,
}

/// A variable's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum VarPlace {
    /// In the function's stack frame, from `fp + off` (`off` < 0) for
    /// `size` bytes.
    Stack {
        /// Offset of its first byte from `r10`.
        off: i32,
    },
    /// Its value is in a register.
    Reg {
        /// The register (0..=10).
        regno: u8,
    },
}

impl Program {
    /// A program of the given type over bare instructions, with no maps.
    pub fn from_insns(name: &str, prog_type: ProgType, insns: Vec<Insn>) -> Self {
        let lines = vec![None; insns.len()];
        Program {
            name: name.to_string(),
            prog_type,
            insns,
            maps: Vec::new(),
            funcs: vec![FuncSym::new(name, 0)],
            lines,
            line_info: Vec::new(),
            object_name: None,
            labels: Vec::new(),
            vars: Vec::new(),
        }
    }

    /// The map with this name, and its index.
    pub fn map_by_name(&self, name: &str) -> Option<(usize, &MapDef)> {
        self.maps.iter().enumerate().find(|(_, m)| m.name == name)
    }

    /// The global variable with this name: its map index and the variable.
    pub fn global_by_name(&self, name: &str) -> Option<(usize, &GlobalVar)> {
        self.maps
            .iter()
            .enumerate()
            .find_map(|(i, m)| match &m.origin {
                MapOrigin::Global { vars, .. } => {
                    vars.iter().find(|v| v.name == name).map(|v| (i, v))
                }
                MapOrigin::Declared => None,
            })
    }

    /// The function whose body holds instruction `idx`.
    pub fn func_of(&self, idx: usize) -> Option<&FuncSym> {
        self.funcs
            .iter()
            .filter(|f| f.start <= idx)
            .max_by_key(|f| f.start)
    }

    /// The variables of the function that `insn` is in, whose stack bytes
    /// overlap `[off, off + len)`: those placed there at `insn` first, then
    /// those placed there elsewhere in the function (a dynptr keeps its
    /// name at instructions where DWARF has it in no place).
    fn stack_vars_over(&self, insn: usize, off: i64, len: i64) -> Vec<&DebugVar> {
        let Some(func) = self.func_of(insn).map(|f| f.start) else {
            return Vec::new();
        };
        let overlaps = |v: &DebugVar, o: i32| {
            let o = i64::from(o);
            o < off.saturating_add(len) && off < o + i64::from(v.size.max(1))
        };
        let here = |v: &&DebugVar| matches!(v.place_at(insn), Some(VarPlace::Stack { off: o }) if overlaps(v, o));
        let in_func: Vec<&DebugVar> = self.vars.iter().filter(|v| v.func_start == func).collect();
        let now: Vec<&DebugVar> = in_func.iter().copied().filter(here).collect();
        if !now.is_empty() {
            return now;
        }
        in_func
            .into_iter()
            .filter(|v| v.stack_offs().any(|o| overlaps(v, o)))
            .collect()
    }

    /// The C variable holding stack byte `fp + off` (off < 0) of the frame
    /// that is executing instruction `insn` (for a caller's frame: its call
    /// instruction). A byte inside an array or a struct names the whole
    /// variable.
    pub fn stack_var(&self, insn: usize, off: i64) -> Option<&DebugVar> {
        self.stack_vars_over(insn, off, 1).into_iter().next()
    }

    /// The label of the 8-byte stack slot `fp + off .. fp + off + 8` of the
    /// frame at `insn`: the variables it holds, as [`DebugVar::label`]
    /// prints them, joined by `", "` (`read_data[64]`, `ptr`, `a, b` for
    /// two ints in one slot); `None` when no variable is there.
    pub fn slot_var(&self, insn: usize, off: i64) -> Option<String> {
        let mut labels: Vec<String> = Vec::new();
        for v in self.stack_vars_over(insn, off, 8) {
            let l = v.label();
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        (!labels.is_empty()).then(|| labels.join(", "))
    }

    /// The C variable whose value register `regno` holds at `insn` (in
    /// the frame executing it).
    pub fn reg_var(&self, insn: usize, regno: u8) -> Option<&DebugVar> {
        self.vars
            .iter()
            .find(|v| v.place_at(insn) == Some(VarPlace::Reg { regno }))
    }

    /// The source line of instruction `idx`, when known.
    pub fn line_of(&self, idx: usize) -> Option<SourceLoc> {
        self.lines.get(idx).copied().flatten()
    }

    /// Names the object the program came from after the file at `path`
    /// (`progs/dynptr_fail.bpf.o` names it `dynptr_fail`), as libbpf does.
    pub fn set_object_file(&mut self, path: &str) {
        let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let stem = base.split('.').next().unwrap_or(base);
        self.object_name =
            (!stem.is_empty()).then(|| stem.chars().take(BPF_OBJ_NAME_LEN - 1).collect());
    }

    /// The name the kernel knows map `idx` by: a global section's map is
    /// named by libbpf's `internal_map_name` (up to 8 characters of the
    /// object's name, then the section: `dynptr_f.bss`) when the object's
    /// name is known; other maps by their own name.
    pub fn kernel_map_name(&self, idx: usize) -> Option<String> {
        let m = self.maps.get(idx)?;
        match (&m.origin, &self.object_name) {
            (MapOrigin::Global { section, .. }, Some(obj)) => Some(internal_map_name(obj, section)),
            _ => Some(m.name.clone()),
        }
    }

    /// The line-info record instruction `idx` belongs to: the last one at or
    /// before it (the kernel's `find_linfo`).
    pub fn line_info_at(&self, idx: usize) -> Option<&LineInfo> {
        let k = self.line_info.partition_point(|l| l.insn <= idx);
        k.checked_sub(1).and_then(|k| self.line_info.get(k))
    }

    /// Whether a line-info record starts at instruction `idx`.
    pub fn line_info_starts(&self, idx: usize) -> Option<&LineInfo> {
        self.line_info_at(idx).filter(|l| l.insn == idx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(name: &str, ty: &str, size: u32, locs: &[(usize, usize, VarPlace)]) -> DebugVar {
        DebugVar {
            name: name.into(),
            type_name: ty.into(),
            size,
            func: "f".into(),
            func_start: 0,
            param: false,
            locs: locs
                .iter()
                .map(|&(start, end, place)| VarLoc { start, end, place })
                .collect(),
        }
    }

    #[test]
    fn variable_lookups() {
        let mut p = Program::from_insns("f", ProgType::Syscall, vec![Insn::default(); 20]);
        p.funcs.push(FuncSym::new("g", 10));
        let stack = |off| VarPlace::Stack { off };
        p.vars = vec![
            var("buf", "char[64]", 64, &[(0, 10, stack(-64))]),
            var("a", "int", 4, &[(0, 10, stack(-72))]),
            var("b", "int", 4, &[(0, 10, stack(-68))]),
            // Lives on the stack only from instruction 5.
            var("ptr", "struct bpf_dynptr", 16, &[(5, 10, stack(-88))]),
            var("n", "__u32", 4, &[(2, 4, VarPlace::Reg { regno: 6 })]),
            var("p", "int[4] *", 8, &[(0, 10, VarPlace::Reg { regno: 7 })]),
            DebugVar {
                func_start: 10,
                ..var("x", "long", 8, &[(10, 20, stack(-64))])
            },
        ];
        let name = |v: Option<&DebugVar>| v.map(|v| v.name.clone());
        assert_eq!(name(p.stack_var(3, -64)), Some("buf".into()));
        assert_eq!(name(p.stack_var(3, -1)), Some("buf".into()));
        assert_eq!(p.slot_var(3, -64).as_deref(), Some("buf[64]"));
        assert_eq!(p.slot_var(3, -72).as_deref(), Some("a, b"));
        // Before its place starts, a variable is still found in its function.
        assert_eq!(name(p.stack_var(1, -80)), Some("ptr".into()));
        assert_eq!(p.stack_var(3, -200), None);
        // Another function's frame has its own variables at the same offsets.
        assert_eq!(name(p.stack_var(12, -64)), Some("x".into()));
        assert_eq!(name(p.reg_var(3, 6)), Some("n".into()));
        assert_eq!(p.reg_var(4, 6), None);
        assert_eq!(p.vars[5].label(), "p");
        assert_eq!(p.vars[3].place_at(4), None);
    }

    #[test]
    fn internal_map_names_as_libbpf_makes_them() {
        assert_eq!(internal_map_name("dynptr_fail", ".bss"), "dynptr_f.bss");
        assert_eq!(internal_map_name("local", ".bss"), "local.bss");
        assert_eq!(internal_map_name("kfuncs", ".rodata"), "kfuncs.rodata");
        assert_eq!(
            internal_map_name("stack_slots", ".rodata"),
            "stack_sl.rodata"
        );
        assert_eq!(internal_map_name("x", ".data.custom"), ".data.custom");
        let mut p = Program::from_insns("f", ProgType::Xdp, Vec::new());
        p.set_object_file("tests/programs/build/spec/dynptr_fail.o");
        assert_eq!(p.object_name.as_deref(), Some("dynptr_fail"));
        p.set_object_file("prog.bpf.o");
        assert_eq!(p.object_name.as_deref(), Some("prog"));
    }

    #[test]
    fn map_create_rules() {
        let check = |t, k, v, n| MapDef::declared("m", t, k, v, n).check();
        assert_eq!(check(MapType::Ringbuf, 0, 0, 4096), Ok(()));
        assert_eq!(check(MapType::Ringbuf, 0, 0, 1 << 24), Ok(()));
        assert_eq!(
            check(MapType::Ringbuf, 4, 0, 4096),
            Err(MapDefError::RingbufKeyValue)
        );
        assert_eq!(
            check(MapType::Ringbuf, 0, 0, 0),
            Err(MapDefError::RingbufSize(0))
        );
        assert_eq!(
            check(MapType::Ringbuf, 0, 0, 3 * 4096),
            Err(MapDefError::RingbufSize(3 * 4096))
        );
        assert_eq!(
            check(MapType::Ringbuf, 0, 0, 2048),
            Err(MapDefError::RingbufSize(2048))
        );
        assert_eq!(check(MapType::Array, 4, 8, 1), Ok(()));
        assert_eq!(
            check(MapType::Array, 8, 8, 1),
            Err(MapDefError::ArrayKeySize(8))
        );
        assert_eq!(check(MapType::Hash, 0, 8, 1), Err(MapDefError::ZeroKeySize));
        assert_eq!(
            check(MapType::Hash, 8, 0, 1),
            Err(MapDefError::ZeroValueSize)
        );
        assert_eq!(
            check(MapType::Hash, 8, 8, 0),
            Err(MapDefError::ZeroMaxEntries)
        );
        assert_eq!(
            check(MapType::Hash, 8, MAX_VALUE_SIZE + 1, 1),
            Err(MapDefError::ValueTooLarge(MAX_VALUE_SIZE + 1))
        );
        // A hash map is not allocated up front; only arrays are capped.
        assert_eq!(check(MapType::Hash, 8, 1024, u32::MAX), Ok(()));
        assert_eq!(
            check(MapType::Array, 4, 1024, u32::MAX),
            Err(MapDefError::ArrayTooLarge(1024 * u64::from(u32::MAX)))
        );
        // What passes here the world can allocate.
        assert_eq!(MAX_ARRAY_BYTES, crate::world::maps::MAX_MAP_BYTES as u64);
        assert_eq!(MapDefError::ArrayTooLarge(0).attr(), MapAttr::MaxEntries);
        assert_eq!(MapDefError::ValueTooLarge(0).attr(), MapAttr::ValueSize);
        assert_eq!(MapDefError::ArrayKeySize(0).attr(), MapAttr::KeySize);
    }
}

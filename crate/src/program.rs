//! The program model every front end produces and every back end consumes:
//! instructions, the maps (and globals) they reference, the program type,
//! function symbols and the source location of each instruction.
//!
//! `asm` and `elf` build a [`Program`]; `verifier`, `vm` and `session` read it.

use serde::{Deserialize, Serialize};

use crate::isa::Insn;

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
    pub const ALL: [ProgType; 6] = [
        ProgType::Xdp,
        ProgType::Tc,
        ProgType::CgroupSkb,
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
            "raw_tp" | "raw_tracepoint" | "raw_tp.w" => ProgType::RawTp,
            "tp" | "tracepoint" => ProgType::Tp,
            "syscall" => ProgType::Syscall,
            _ => return None,
        })
    }

    /// True for the types whose context carries a packet.
    pub fn has_packet(self) -> bool {
        matches!(self, ProgType::Xdp | ProgType::Tc | ProgType::CgroupSkb)
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
}

/// A function symbol: the program's entry or a subprogram (callee or callback).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FuncSym {
    /// Name.
    pub name: String,
    /// First instruction index.
    pub start: usize,
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
    /// Labels by instruction index, for the disassembler and the UI.
    pub labels: Vec<(usize, String)>,
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
            funcs: vec![FuncSym { name: name.to_string(), start: 0 }],
            lines,
            labels: Vec::new(),
        }
    }

    /// The map with this name, and its index.
    pub fn map_by_name(&self, name: &str) -> Option<(usize, &MapDef)> {
        self.maps.iter().enumerate().find(|(_, m)| m.name == name)
    }

    /// The global variable with this name: its map index and the variable.
    pub fn global_by_name(&self, name: &str) -> Option<(usize, &GlobalVar)> {
        self.maps.iter().enumerate().find_map(|(i, m)| match &m.origin {
            MapOrigin::Global { vars, .. } => vars.iter().find(|v| v.name == name).map(|v| (i, v)),
            MapOrigin::Declared => None,
        })
    }

    /// The function whose body holds instruction `idx`.
    pub fn func_of(&self, idx: usize) -> Option<&FuncSym> {
        self.funcs.iter().filter(|f| f.start <= idx).max_by_key(|f| f.start)
    }

    /// The source line of instruction `idx`, when known.
    pub fn line_of(&self, idx: usize) -> Option<SourceLoc> {
        self.lines.get(idx).copied().flatten()
    }
}

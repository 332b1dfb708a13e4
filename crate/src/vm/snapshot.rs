//! A serialisable picture of the VM after a step: what the UI draws.

use serde::{Deserialize, Serialize};

use super::dynptr_helpers::Kern;
use super::mem::RegionKind;
use super::{Fault, FrameKind, HelperCall, LastCall, Status, Vm};
use crate::program::MapOrigin;
use crate::world::c_value::{format_bytes, format_c};
use crate::world::{MapStore, RecordState};

/// Listing limits that keep a snapshot small.
const MAX_ENTRIES: usize = 256;
const MAX_RECORDS: usize = 256;

/// Running, exited, or faulted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum RunState {
    /// More to run.
    Running,
    /// The program returned r0.
    Exited {
        /// Its return value.
        #[serde(with = "super::js_u64")]
        r0: u64,
    },
    /// The program faulted.
    Faulted {
        /// The fault.
        fault: Fault,
    },
}

/// A pointer decoded for drawing: its region and the offset from the
/// region's natural origin (`r10` for a stack frame, `data` for the packet,
/// the start for everything else).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PtrSnap {
    /// The region.
    pub region: RegionKind,
    /// Offset from the region's origin (negative below `r10`).
    pub offset: i64,
    /// Stack frame index, for stack pointers whose frame is alive.
    pub frame: Option<usize>,
}

/// One register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegSnap {
    /// Its value (a hex string when above 2^53, see [`super::js_u64`]).
    #[serde(with = "super::js_u64")]
    pub value: u64,
    /// False when never written or clobbered by a call.
    pub init: bool,
    /// What it points at, when it is a pointer ("stack-16", "packet+14").
    pub desc: Option<String>,
    /// The same, as numbers.
    pub ptr: Option<PtrSnap>,
    /// The C variable whose value it holds at `pc` (DWARF; `None` when
    /// unknown or for a program without debug info).
    #[serde(default)]
    pub var: Option<String>,
    /// For a pointer into a stack frame: the C variable it points into
    /// (`ptr` for `&ptr`, `read_data` for `&read_data[8]`), from DWARF.
    #[serde(default)]
    pub points_to: Option<String>,
}

/// A callback frame's iteration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackSnap {
    /// The helper running the callback.
    pub helper: String,
    /// The helper call instruction.
    pub call_insn: usize,
    /// Iteration number (0 first).
    pub iteration: u64,
    /// What the previous iteration returned.
    #[serde(with = "super::js_u64::option")]
    pub last_ret: Option<u64>,
}

/// One call frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameSnap {
    /// Function name.
    pub func: String,
    /// Its first instruction.
    pub func_start: usize,
    /// Where the caller resumes (None for the entry frame).
    pub return_pc: Option<usize>,
    /// The callback's iteration, for helper callbacks.
    pub callback: Option<CallbackSnap>,
    /// The 512 stack bytes (index 0 is `r10 - 512`).
    pub stack: Vec<u8>,
    /// Which stack bytes were written.
    pub stack_init: Vec<bool>,
    /// The instruction this frame is at: `pc` for the innermost frame, the
    /// call instruction for a caller.
    #[serde(default)]
    pub pc: usize,
    /// The C variables in the frame's 8-byte stack slots (DWARF), one
    /// entry per slot that holds one, highest slot first.
    #[serde(default)]
    pub slot_vars: Vec<SlotVarSnap>,
}

/// The C variables of one 8-byte stack slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotVarSnap {
    /// Offset of the slot's lowest byte from `r10` (`-8`, `-16`, ...).
    pub off: i64,
    /// Its variables as [`crate::program::Program::slot_var`] labels them
    /// (`read_data[64]`, `ptr`, `a, b`).
    pub var: String,
}

/// One dynptr.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DynptrSnap {
    /// Where it lives ("stack-16", "frame#0 stack-32", "kernel dynptr 0").
    pub location: String,
    /// Frame index, when on a program stack.
    pub frame: Option<usize>,
    /// Offset from that frame's `r10`.
    pub stack_off: Option<i64>,
    /// Kind (`local`, `ringbuf`, `skb`, `xdp`), None when null or clobbered.
    pub kind: Option<String>,
    /// The read-only bit.
    pub rdonly: bool,
    /// Reference id (ring buffer reservations; clones share it).
    pub ref_id: Option<u32>,
    /// `data` (a VM pointer; the context for skb/xdp).
    #[serde(with = "super::js_u64")]
    pub data: u64,
    /// What `data` points at.
    pub region: Option<String>,
    /// Where the view starts: `data + offset` for local and ringbuf
    /// dynptrs ("stack-64", "rb record 0 +4"), "packet+N" for skb/xdp.
    pub view: Option<String>,
    /// The same, as numbers (for skb/xdp: the current packet, offset from
    /// `data` counted across the fragments).
    pub view_at: Option<PtrSnap>,
    /// `offset`.
    pub offset: u32,
    /// Usable size.
    pub size: u32,
    /// `valid`, `null`, `invalidated: ...` or `clobbered`.
    pub state: String,
    /// The helper that made it, and where.
    pub origin: String,
    /// Instruction of that call.
    pub insn: usize,
    /// Index (in this list) of the dynptr it was cloned from.
    pub cloned_from: Option<usize>,
    /// Its 16 bytes as the program would read them.
    pub bytes: Vec<u8>,
    /// The C variable it is (`ptr`, `clone`), from DWARF; `None` when
    /// unknown.
    #[serde(default)]
    pub var: Option<String>,
}

/// One data slice handed out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SliceSnap {
    /// Index in `dynptrs` of the dynptr it came from, when still listed.
    pub dynptr: Option<usize>,
    /// The helper that returned it.
    pub helper: String,
    /// Instruction of that call.
    pub insn: usize,
    /// The pointer.
    #[serde(with = "super::js_u64")]
    pub ptr: u64,
    /// What it points at.
    pub region: Option<String>,
    /// The same, as numbers.
    pub at: Option<PtrSnap>,
    /// Length.
    pub len: u32,
    /// False once invalidated.
    pub valid: bool,
    /// Why it is invalid.
    pub why: Option<String>,
    /// The C variable the program keeps the slice pointer in (`data`),
    /// from DWARF; `None` when unknown.
    #[serde(default)]
    pub var: Option<String>,
}

/// The packet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PacketSnap {
    /// Bytes before `data` (metadata included).
    pub headroom: Vec<u8>,
    /// Bytes of metadata (`data - data_meta`).
    pub meta_len: usize,
    /// The linear data.
    pub data: Vec<u8>,
    /// Bytes left after `data_end`.
    pub tailroom: usize,
    /// Fragments.
    pub frags: Vec<Vec<u8>>,
    /// Layout generation.
    pub generation: u32,
}

/// One ring buffer record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordSnap {
    /// Reservation number.
    pub seq: u32,
    /// Header position in the data area.
    pub offset: u64,
    /// Producer position of the header.
    pub pos: u64,
    /// Sample length.
    pub len: u32,
    /// State.
    pub state: RecordState,
    /// Reference id.
    pub ref_id: u32,
    /// The header's `len` word (busy/discard bits included).
    pub header: u32,
    /// The sample bytes.
    pub bytes: Vec<u8>,
}

/// A ring buffer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RingbufSnap {
    /// Data area size.
    pub size: u64,
    /// `producer_pos`.
    pub producer_pos: u64,
    /// `consumer_pos`.
    pub consumer_pos: u64,
    /// Wakeups asked for.
    pub wakeups: u32,
    /// The most recent records, in reservation order.
    pub records: Vec<RecordSnap>,
}

/// One key/value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntrySnap {
    /// The key (array index as 4 bytes).
    pub key: Vec<u8>,
    /// The value.
    pub value: Vec<u8>,
    /// The key printed by its BTF type (`3`, `struct key { ... }`), when
    /// the map's key has one ([`crate::world::c_value::format_c`]).
    #[serde(default)]
    pub key_text: Option<String>,
    /// The value printed by its BTF type (`struct sample { pid = 42,
    /// value = 7, comm = "abc" }`), when the map's value has one.
    #[serde(default)]
    pub value_text: Option<String>,
}

/// A map (or global section).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapSnap {
    /// Name.
    pub name: String,
    /// `array`, `hash`, `ringbuf`.
    pub map_type: String,
    /// Entries (up to 256).
    pub entries: Vec<EntrySnap>,
    /// Global variables and their bytes, for global sections.
    pub globals: Vec<(String, Vec<u8>)>,
    /// The same variables printed by their BTF type (`struct config {
    /// ... }`, `"abc"`, `[1, 2, 3]`), in the same order; by size (an
    /// integer or hex) for globals with no type (assembly).
    #[serde(default)]
    pub globals_text: Vec<(String, String)>,
    /// The ring buffer, for ring buffers.
    pub ringbuf: Option<RingbufSnap>,
}

/// The whole picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Next instruction.
    pub pc: usize,
    /// Instructions executed.
    pub steps: u64,
    /// Running, exited or faulted.
    pub state: RunState,
    /// r0..r10.
    pub regs: Vec<RegSnap>,
    /// Call frames, entry first.
    pub frames: Vec<FrameSnap>,
    /// Every live dynptr.
    pub dynptrs: Vec<DynptrSnap>,
    /// Every data slice handed out.
    pub slices: Vec<SliceSnap>,
    /// The packet, for packet programs.
    pub packet: Option<PacketSnap>,
    /// Maps, globals, ring buffers.
    pub maps: Vec<MapSnap>,
    /// `bpf_trace_printk` output.
    pub trace: Vec<String>,
    /// The last helper or kfunc call.
    pub last_call: Option<HelperCall>,
}

impl Vm {
    /// The picture of the current state.
    pub fn snapshot(&self) -> Snapshot {
        let state = match &self.status {
            Status::Running => RunState::Running,
            Status::Exited(r0) => RunState::Exited { r0: *r0 },
            Status::Faulted(f) => RunState::Faulted { fault: f.clone() },
        };
        let regs = (0..11u8)
            .map(|r| (r, usize::from(r)))
            .map(|(regno, r)| RegSnap {
                value: self.regs[r],
                init: self.init[r],
                desc: if self.init[r] {
                    self.describe_ptr(self.regs[r])
                } else {
                    None
                },
                ptr: if self.init[r] {
                    self.ptr_snap(self.regs[r])
                } else {
                    None
                },
                var: if self.init[r] {
                    self.prog
                        .reg_var(self.frame_pc(self.frames.len().saturating_sub(1)), regno)
                        .map(|v| v.name.clone())
                } else {
                    None
                },
                points_to: if self.init[r] {
                    match self.ptr_snap(self.regs[r]) {
                        Some(PtrSnap {
                            region: RegionKind::Stack { .. },
                            offset,
                            frame: Some(d),
                        }) => self.stack_var_name(d, offset),
                        _ => None,
                    }
                } else {
                    None
                },
            })
            .collect();
        let frames = self
            .frames
            .iter()
            .enumerate()
            .map(|(d, f)| self.frame_snap(f, self.frame_pc(d)))
            .collect();
        let dynptrs = self.dynptr_snaps();
        let slices = self.slice_snaps();
        let packet = self.world.prog_type.has_packet().then(|| {
            let p = &self.world.packet;
            PacketSnap {
                headroom: p.buf[..p.data].to_vec(),
                meta_len: p.data - p.data_meta,
                data: p.linear().to_vec(),
                tailroom: p.buf.len() - p.data_end,
                frags: p.frags.iter().map(|f| f.bytes.clone()).collect(),
                generation: p.generation,
            }
        });
        Snapshot {
            pc: self.pc,
            steps: self.steps,
            state,
            regs,
            frames,
            dynptrs,
            slices,
            packet,
            maps: self.map_snaps(),
            trace: self.world.trace.clone(),
            last_call: self.last_call.map(LastCall::to_helper_call),
        }
    }

    /// The instruction frame `d` is at: `pc` for the innermost, else the
    /// call (or the helper running the callback) that made frame `d + 1`.
    /// An instruction outside the frame's function (a fault that popped a
    /// callback's frame) gives the function's first instruction.
    fn frame_pc(&self, d: usize) -> usize {
        let pc = match self.frames.get(d + 1) {
            None => self.pc,
            Some(next) => match next.kind {
                FrameKind::Callback(_) => next.return_pc,
                _ => next.return_pc.saturating_sub(1),
            },
        };
        match self.frames.get(d) {
            Some(f) if self.prog.func_of(pc).map(|x| x.start) != Some(f.func_start) => f.func_start,
            _ => pc,
        }
    }

    /// The C variable at stack offset `off` of frame `d`.
    fn stack_var_name(&self, d: usize, off: i64) -> Option<String> {
        if self.prog.vars.is_empty() {
            return None;
        }
        self.prog
            .stack_var(self.frame_pc(d), off)
            .map(|v| v.name.clone())
    }

    fn frame_snap(&self, f: &super::Frame, pc: usize) -> FrameSnap {
        let func = self
            .prog
            .func_of(f.func_start)
            .map_or_else(|| format!("insn {}", f.func_start), |s| s.name.clone());
        let callback = match &f.kind {
            FrameKind::Callback(d) => Some(CallbackSnap {
                helper: d.helper.to_string(),
                call_insn: d.call_pc,
                iteration: d.iteration,
                last_ret: d.last_ret,
            }),
            _ => None,
        };
        FrameSnap {
            func,
            func_start: f.func_start,
            return_pc: (f.kind != FrameKind::Main).then_some(f.return_pc),
            callback,
            stack: f.stack.clone(),
            stack_init: f.stack_init.clone(),
            pc,
            slot_vars: if self.prog.vars.is_empty() {
                Vec::new()
            } else {
                (1..=64i64)
                    .filter_map(|k| {
                        let off = -8 * k;
                        self.prog
                            .slot_var(pc, off)
                            .map(|var| SlotVarSnap { off, var })
                    })
                    .collect()
            },
        }
    }

    fn dynptr_snaps(&self) -> Vec<DynptrSnap> {
        let mut live: Vec<(&super::DynptrTrack, Vec<u8>)> = Vec::new();
        for t in &self.dynptrs {
            // A dynptr whose frame returned is gone; raw bytes are read
            // without the init check so that a clobbered one still shows.
            if let Some(bytes) = self.raw_bytes16(t.addr) {
                live.push((t, bytes));
            }
        }
        let addrs: Vec<u64> = live.iter().map(|(t, _)| t.addr).collect();
        live.iter()
            .map(|(t, bytes)| {
                let k = Kern::from_bytes(bytes);
                let (location, frame, stack_off) = match self.regions.decode(t.addr) {
                    Some((RegionKind::Stack { frame }, off)) => {
                        let d = self.frames.iter().position(|f| f.uid == frame);
                        (
                            self.describe_at(RegionKind::Stack { frame }, off),
                            d,
                            Some(off - 512),
                        )
                    }
                    Some((kind, off)) => (self.describe_at(kind, off), None, None),
                    None => (format!("{:#x}", t.addr), None, None),
                };
                let kind = k.kind();
                let ref_id = match (kind, self.regions.decode(k.data)) {
                    (
                        Some(crate::dynptr::DynptrKind::Ringbuf),
                        Some((RegionKind::Record { map, seq }, _)),
                    ) => self
                        .world
                        .maps
                        .get(map as usize)
                        .and_then(|m| m.ringbuf())
                        .and_then(|rb| rb.record_at(seq))
                        .map(|r| r.ref_id),
                    _ => None,
                };
                let state = if k.data == 0 {
                    "null".to_string()
                } else if kind.is_none() || self.regions.decode(k.data).is_none() {
                    "clobbered".to_string()
                } else {
                    match self.resolve_state(k) {
                        None => "valid".to_string(),
                        Some(why) => format!("invalidated: {why}"),
                    }
                };
                DynptrSnap {
                    location,
                    frame,
                    stack_off,
                    kind: kind.map(|k| k.name().to_string()),
                    rdonly: k.rdonly(),
                    ref_id,
                    data: k.data,
                    region: self.describe_ptr(k.data),
                    view: match kind {
                        _ if k.data == 0 => None,
                        Some(crate::dynptr::DynptrKind::Skb | crate::dynptr::DynptrKind::Xdp) => {
                            Some(format!("packet+{}", k.offset))
                        }
                        Some(crate::dynptr::DynptrKind::SkbMeta) => {
                            Some(format!("metadata+{}", k.offset))
                        }
                        _ => self.describe_ptr(k.data.wrapping_add(k.offset as u64)),
                    },
                    view_at: match kind {
                        _ if k.data == 0 => None,
                        Some(crate::dynptr::DynptrKind::Skb | crate::dynptr::DynptrKind::Xdp) => {
                            Some(PtrSnap {
                                region: RegionKind::Packet {
                                    gen: self.world.packet.generation,
                                },
                                offset: k.offset as i64,
                                frame: None,
                            })
                        }
                        _ => self.ptr_snap(k.data.wrapping_add(k.offset as u64)),
                    },
                    offset: k.offset,
                    size: k.size(),
                    state,
                    origin: t.origin.to_string(),
                    insn: t.insn,
                    cloned_from: t
                        .cloned_from
                        .and_then(|a| addrs.iter().position(|x| *x == a)),
                    bytes: bytes.clone(),
                    var: match (frame, stack_off) {
                        (Some(d), Some(off)) => self.stack_var_name(d, off),
                        _ => None,
                    },
                }
            })
            .collect()
    }

    /// Why a non-null dynptr's memory is no longer usable, if it is not.
    fn resolve_state(&self, k: Kern) -> Option<String> {
        match self.regions.decode(k.data) {
            Some((RegionKind::Ctx, _)) => None,
            Some(_) => self.resolve_check(k.data, 0).err(),
            None => Some("data is not a pointer".into()),
        }
    }

    fn resolve_check(&self, p: u64, len: u32) -> Result<(), String> {
        match self.read_bytes_unchecked_init(p, len.max(1) as usize) {
            Ok(()) => Ok(()),
            Err(super::FaultKind::Stale { why, .. }) => Err(why),
            Err(super::FaultKind::OutOfBounds { .. }) if len == 0 => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// The 16 bytes at a dynptr's address, ignoring stack init state;
    /// `None` when the memory is gone.
    fn raw_bytes16(&self, addr: u64) -> Option<Vec<u8>> {
        match self.regions.decode(addr)? {
            (RegionKind::Stack { frame }, off) => {
                let f = self.frames.iter().find(|f| f.uid == frame)?;
                let o = usize::try_from(off).ok()?;
                f.stack.get(o..o + 16).map(<[u8]>::to_vec)
            }
            (RegionKind::KernelDynptr { id }, 0) => self
                .kdynptrs
                .get(id as usize)
                .filter(|k| k.alive)
                .map(|k| k.bytes.to_vec()),
            _ => self.read_bytes(addr, 16).ok(),
        }
    }

    fn slice_snaps(&self) -> Vec<SliceSnap> {
        let listed: Vec<u64> = self
            .dynptrs
            .iter()
            .filter(|t| self.raw_bytes16(t.addr).is_some())
            .map(|t| t.addr)
            .collect();
        self.slices
            .iter()
            .map(|s| {
                let check = self.resolve_check(s.ptr, s.len);
                SliceSnap {
                    dynptr: listed.iter().position(|a| *a == s.dynptr),
                    helper: s.helper.to_string(),
                    insn: s.insn,
                    ptr: s.ptr,
                    region: self.describe_ptr(s.ptr),
                    at: self.ptr_snap(s.ptr),
                    len: s.len,
                    valid: check.is_ok(),
                    why: check.err(),
                    var: self.slice_var(s.insn, s.ptr),
                }
            })
            .collect()
    }

    /// The variable a slice pointer went into: the one DWARF places in r0
    /// after the call, or in the register r0 is copied to right after it;
    /// else one whose register holds the pointer now.
    fn slice_var(&self, call: usize, ptr: u64) -> Option<String> {
        let p = &self.prog;
        if p.vars.is_empty() {
            return None;
        }
        let after = call + 1;
        let named = p.reg_var(after, 0).or_else(|| {
            let mov = p.insns.get(after)?;
            // `rX = r0` (BPF_ALU64 | BPF_MOV | BPF_X).
            (mov.code == 0xbf && mov.src_reg == 0)
                .then(|| p.reg_var(after + 1, mov.dst_reg))
                .flatten()
        });
        if let Some(v) = named {
            return Some(v.name.clone());
        }
        (0..10u8)
            .filter(|&r| self.init[usize::from(r)] && self.regs[usize::from(r)] == ptr)
            .find_map(|r| p.reg_var(self.pc, r))
            .map(|v| v.name.clone())
    }

    fn map_snaps(&self) -> Vec<MapSnap> {
        self.world
            .maps
            .iter()
            .map(|m| {
                let mut entries = Vec::new();
                let mut ringbuf = None;
                match &m.store {
                    MapStore::Array { .. } => {
                        for i in 0..(m.def.max_entries as usize).min(MAX_ENTRIES) {
                            if let Some(v) = m.value(i as u32) {
                                entries.push(entry_snap(
                                    &m.def,
                                    (i as u32).to_le_bytes().to_vec(),
                                    v.to_vec(),
                                ));
                            }
                        }
                    }
                    MapStore::Hash { slots } => {
                        for s in slots.iter().filter(|s| s.key.is_some()).take(MAX_ENTRIES) {
                            entries.push(entry_snap(
                                &m.def,
                                s.key.clone().unwrap_or_default(),
                                s.value.clone(),
                            ));
                        }
                    }
                    MapStore::Ringbuf(rb) => {
                        let skip = rb.records.len().saturating_sub(MAX_RECORDS);
                        ringbuf = Some(RingbufSnap {
                            size: rb.size(),
                            producer_pos: rb.producer_pos,
                            consumer_pos: rb.consumer_pos,
                            wakeups: rb.wakeups,
                            records: rb.records[skip..]
                                .iter()
                                .map(|r| RecordSnap {
                                    seq: r.seq,
                                    offset: r.pos & rb.mask,
                                    pos: r.pos,
                                    len: r.len,
                                    state: r.state,
                                    ref_id: r.ref_id,
                                    header: rb.read_u32(r.pos),
                                    bytes: rb.sample(r),
                                })
                                .collect(),
                        });
                    }
                }
                let (globals, globals_text) = match &m.def.origin {
                    MapOrigin::Global { vars, .. } => {
                        let val = m.value(0).unwrap_or(&[]);
                        vars.iter()
                            .map(|v| {
                                let (o, s) = (v.offset as usize, v.size as usize);
                                let bytes = val
                                    .get(o..o.saturating_add(s))
                                    .map(<[u8]>::to_vec)
                                    .unwrap_or_default();
                                let text = format_bytes(v.ty.as_ref(), &bytes);
                                ((v.name.clone(), bytes), (v.name.clone(), text))
                            })
                            .unzip()
                    }
                    MapOrigin::Declared => (Vec::new(), Vec::new()),
                };
                MapSnap {
                    name: m.def.name.clone(),
                    map_type: m.def.map_type.name().to_string(),
                    entries,
                    globals,
                    globals_text,
                    ringbuf,
                }
            })
            .collect()
    }
}

/// A map entry, printed by the map's BTF key and value types when it has them.
fn entry_snap(def: &crate::program::MapDef, key: Vec<u8>, value: Vec<u8>) -> EntrySnap {
    EntrySnap {
        key_text: def.key_type.as_ref().map(|t| format_c(t, &key)),
        value_text: def.value_type.as_ref().map(|t| format_c(t, &value)),
        key,
        value,
    }
}

impl Vm {
    /// A pointer decoded into region and offset from the region's origin.
    pub fn ptr_snap(&self, v: u64) -> Option<PtrSnap> {
        let (region, off) = self.regions.decode(v)?;
        let (offset, frame) = match region {
            RegionKind::Stack { frame } => {
                (off - 512, self.frames.iter().position(|f| f.uid == frame))
            }
            RegionKind::Packet { .. } => (off - self.world.packet.data as i64, None),
            _ => (off, None),
        };
        Some(PtrSnap {
            region,
            offset,
            frame,
        })
    }

    /// Resolves a read of `len` bytes at `p` without requiring the bytes to
    /// be initialised (for validity checks of slices).
    fn read_bytes_unchecked_init(&self, p: u64, len: usize) -> Result<(), super::FaultKind> {
        match self.read_bytes(p, len) {
            Ok(_) | Err(super::FaultKind::UninitStack { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

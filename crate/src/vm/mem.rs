//! Typed memory regions and the pointer encoding.
//!
//! A pointer is a plain `u64`, so programs can spill it, add to it, compare
//! it: `0xff` in the top byte, a 24-bit region id, and a 32-bit offset biased
//! by 2^31 so that a pointer moved a little below its region's start still
//! names its region (and faults as "out of bounds", not as some other
//! region). Region ids are handed out on first use and never reused: a stack
//! frame, a packet generation, a ring buffer record, a hash map slot version
//! each get their own, so a pointer that outlived what it pointed to faults
//! instead of silently reading whatever took its place.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Access, FaultKind, Vm};
use crate::world::ctx::{self, CtxFieldKind};
use crate::world::RecordState;

/// Tag in the top byte of every pointer.
pub const PTR_TAG: u64 = 0xff00_0000_0000_0000;
/// Bias of the offset field.
pub const OFF_BIAS: i64 = 0x8000_0000;
const MAX_REGIONS: usize = (1 << 24) - 1;

/// What a region is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RegionKind {
    /// A stack frame (by frame uid); offsets 0..512, `r10` at 512.
    Stack {
        /// The frame's uid.
        frame: u64,
    },
    /// The context structure.
    Ctx,
    /// The packet buffer of one generation; offsets index the whole buffer
    /// (headroom included), accesses must stay in `[data_meta, data_end)`.
    Packet {
        /// Packet generation.
        gen: u32,
    },
    /// A packet fragment of one generation.
    Frag {
        /// Packet generation.
        gen: u32,
        /// Fragment index.
        idx: u32,
    },
    /// A map value (array index or hash slot of one version).
    MapValue {
        /// Map index.
        map: u32,
        /// Array index or hash slot.
        slot: u32,
        /// Hash slot version (0 for arrays).
        version: u32,
    },
    /// A `struct bpf_map *` (not readable).
    Map {
        /// Map index.
        map: u32,
    },
    /// A ring buffer record's sample.
    Record {
        /// Map index.
        map: u32,
        /// Record sequence number.
        seq: u32,
    },
    /// A dynptr the kernel keeps on its own stack (`bpf_dynptr_iterator`'s copy).
    KernelDynptr {
        /// Its index.
        id: u32,
    },
    /// The memory block of [`super::run_raw`].
    Mem,
    /// Code: a BPF function's address (offset = instruction index).
    Func,
    /// A kernel object named by BTF id (not readable).
    Kernel {
        /// The BTF id.
        btf_id: i32,
    },
}

/// Regions per shared chunk of the table.
const CHUNK: usize = 1024;

/// The table of regions handed out so far. It only grows, so full chunks
/// are shared (`Arc`) between clones of a VM: a session's checkpoints cost
/// one chunk each, not the whole table. Kinds that are made once (stack
/// frames, records, kernel dynptrs) are never looked up again; the others
/// are found again through `index`, keyed without their generation or
/// version, since a new pointer is only ever made to the current one.
#[derive(Debug, Clone, Default)]
pub struct Regions {
    full: Vec<Arc<Vec<RegionKind>>>,
    tail: Vec<RegionKind>,
    index: BTreeMap<RegionKind, (u32, RegionKind)>,
}

/// The key under which a kind is found again, `None` for kinds made once.
fn index_key(kind: RegionKind) -> Option<RegionKind> {
    match kind {
        RegionKind::Stack { .. } | RegionKind::Record { .. } | RegionKind::KernelDynptr { .. } => {
            None
        }
        RegionKind::Packet { .. } => Some(RegionKind::Packet { gen: 0 }),
        RegionKind::Frag { idx, .. } => Some(RegionKind::Frag { gen: 0, idx }),
        RegionKind::MapValue { map, slot, .. } => Some(RegionKind::MapValue {
            map,
            slot,
            version: 0,
        }),
        k => Some(k),
    }
}

impl Regions {
    fn len(&self) -> usize {
        self.full.len() * CHUNK + self.tail.len()
    }

    fn get(&self, id: usize) -> Option<RegionKind> {
        let i = id.checked_sub(1)?;
        match self.full.get(i / CHUNK) {
            Some(chunk) => chunk.get(i % CHUNK).copied(),
            None => self.tail.get(i - self.full.len() * CHUNK).copied(),
        }
    }

    /// The id of `kind`, handed out now if new.
    pub fn id(&mut self, kind: RegionKind) -> Result<u32, FaultKind> {
        let key = index_key(kind);
        if let Some((id, k)) = key.and_then(|k| self.index.get(&k)) {
            if *k == kind {
                return Ok(*id);
            }
        }
        if self.len() >= MAX_REGIONS {
            return Err(FaultKind::TooManyRegions);
        }
        self.tail.push(kind);
        let id = self.len() as u32;
        if self.tail.len() == CHUNK {
            self.full.push(Arc::new(std::mem::take(&mut self.tail)));
        }
        if let Some(k) = key {
            self.index.insert(k, (id, kind));
        }
        Ok(id)
    }

    /// Encodes a pointer to `kind` at `off`.
    pub fn ptr(&mut self, kind: RegionKind, off: i64) -> Result<u64, FaultKind> {
        let id = self.id(kind)?;
        Ok(PTR_TAG | (id as u64) << 32 | ((OFF_BIAS + off) as u64 & 0xffff_ffff))
    }

    /// Decodes a pointer: its region and offset, or `None` for a scalar.
    pub fn decode(&self, v: u64) -> Option<(RegionKind, i64)> {
        if v & 0xff00_0000_0000_0000 != PTR_TAG {
            return None;
        }
        let kind = self.get(((v >> 32) & 0x00ff_ffff) as usize)?;
        Some((kind, (v & 0xffff_ffff) as i64 - OFF_BIAS))
    }

    /// Regions handed out (for memory estimates).
    pub fn count(&self) -> usize {
        self.len()
    }
}

/// Bytes kept inline by [`Vm::read_small`].
const SMALL: usize = 64;

/// Bytes read by [`Vm::read_small`]: inline up to 64, on the heap above.
pub(crate) enum SmallBytes {
    /// Up to [`SMALL`] bytes: the buffer and the length used.
    Inline([u8; SMALL], usize),
    /// More.
    Heap(Vec<u8>),
}

impl std::ops::Deref for SmallBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            SmallBytes::Inline(b, n) => b.get(..*n).unwrap_or(&[]),
            SmallBytes::Heap(v) => v,
        }
    }
}

/// Where an access lands once resolved.
enum Target {
    Stack(usize),
    Ctx,
    Packet,
    Frag(usize),
    MapValue(usize, u32),
    Record(usize, u64),
    KernelDynptr(usize),
    Mem,
}

impl Vm {
    /// A human description of `v` when it is a pointer ("stack-16",
    /// "packet+14", "ringbuf record 0 +8", "map array_map[0]+4").
    pub fn describe_ptr(&self, v: u64) -> Option<String> {
        let (kind, off) = self.regions.decode(v)?;
        Some(self.describe_at(kind, off))
    }

    pub(crate) fn describe_at(&self, kind: RegionKind, off: i64) -> String {
        let signed = |o: i64| {
            if o < 0 {
                format!("{o}")
            } else {
                format!("+{o}")
            }
        };
        match kind {
            RegionKind::Stack { frame } => {
                let depth = self.frames.iter().position(|f| f.uid == frame);
                let rel = signed(off - 512);
                match depth {
                    Some(d) if d + 1 == self.frames.len() => format!("stack{rel}"),
                    Some(d) => format!("frame#{d} stack{rel}"),
                    None => format!("dead frame stack{rel}"),
                }
            }
            RegionKind::Ctx => format!("ctx{}", signed(off)),
            RegionKind::Packet { gen } => {
                let stale = if gen == self.world.packet.generation {
                    ""
                } else {
                    " (stale)"
                };
                let rel = off - self.world.packet.data as i64;
                if gen == self.world.packet.generation && off == self.world.packet.data_end as i64 {
                    "packet_end".to_string()
                } else {
                    format!("packet{}{stale}", signed(rel))
                }
            }
            RegionKind::Frag { gen, idx } => {
                let stale = if gen == self.world.packet.generation {
                    ""
                } else {
                    " (stale)"
                };
                format!("frag {idx}{}{stale}", signed(off))
            }
            RegionKind::MapValue { map, slot, .. } => {
                let name = self
                    .world
                    .maps
                    .get(map as usize)
                    .map_or("?", |m| m.def.name.as_str());
                format!("map {name}[{slot}]{}", signed(off))
            }
            RegionKind::Map { map } => {
                let name = self
                    .world
                    .maps
                    .get(map as usize)
                    .map_or("?", |m| m.def.name.as_str());
                format!("map {name}")
            }
            RegionKind::Record { map, seq } => {
                let name = self
                    .world
                    .maps
                    .get(map as usize)
                    .map_or("?", |m| m.def.name.as_str());
                format!("{name} record {seq} {}", signed(off))
            }
            RegionKind::KernelDynptr { id } => format!("kernel dynptr {id}{}", signed(off)),
            RegionKind::Mem => format!("mem{}", signed(off)),
            RegionKind::Func => {
                let name = self
                    .prog
                    .func_of(off.max(0) as usize)
                    .map_or("?", |f| f.name.as_str());
                format!("func {name} (insn {off})")
            }
            RegionKind::Kernel { btf_id } => format!("kernel object btf_id {btf_id}"),
        }
    }

    /// Resolves an access of `size` bytes at `addr`: checks that the region
    /// is alive, the bounds, and the permission.
    fn resolve(
        &self,
        addr: u64,
        size: usize,
        access: Access,
    ) -> Result<(Target, usize), FaultKind> {
        // The common case first, without the region table: an in-bounds
        // access to the running frame's stack (always alive and writable).
        if let Some((d, f)) = self.frames.len().checked_sub(1).zip(self.frames.last()) {
            if addr >> 32 == f.fp >> 32 {
                let off = (addr & 0xffff_ffff) as i64 - OFF_BIAS;
                if off >= 0 && off as i128 + size as i128 <= crate::isa::MAX_BPF_STACK as i128 {
                    return Ok((Target::Stack(d), off as usize));
                }
            }
        }
        let Some((kind, off)) = self.regions.decode(addr) else {
            return Err(if addr < 4096 {
                FaultKind::NullDeref { access, size, addr }
            } else {
                FaultKind::NotAPointer { access, size, addr }
            });
        };
        let at = || self.describe_at(kind, off);
        let oob = |lo: i64, hi: i64| FaultKind::OutOfBounds {
            access,
            size,
            at: self.describe_at(kind, off),
            valid: format!(
                "{}..{}",
                self.describe_at(kind, lo),
                self.describe_at(kind, hi)
            ),
        };
        let check = |lo: i64, hi: i64| -> Result<usize, FaultKind> {
            // i128: `size` may come from a program register and exceed i64.
            if off < lo || off as i128 + size as i128 > hi as i128 {
                Err(oob(lo, hi))
            } else {
                Ok(off as usize)
            }
        };
        let read_only = |what: &str| FaultKind::ReadOnly {
            at: at(),
            what: what.to_string(),
        };
        let stale = |why: &str| FaultKind::Stale {
            access,
            size,
            at: at(),
            why: why.to_string(),
        };
        match kind {
            RegionKind::Stack { frame } => {
                // Most accesses are to the running frame: look there first.
                let top = self.frames.len().wrapping_sub(1);
                let d = if self.frames.get(top).is_some_and(|f| f.uid == frame) {
                    Some(top)
                } else {
                    self.frames.iter().position(|f| f.uid == frame)
                };
                let Some(d) = d else {
                    return Err(stale("its stack frame has returned"));
                };
                Ok((Target::Stack(d), check(0, 512)?))
            }
            RegionKind::Ctx => {
                let o = check(0, self.world.ctx.len() as i64)?;
                if access == Access::Write && self.world.prog_type.has_packet() {
                    let ok = ctx::field_at(self.world.prog_type, o as u32)
                        .is_some_and(|f| f.writable && o as u32 + size as u32 <= f.offset + f.size);
                    if !ok {
                        return Err(read_only("this context field"));
                    }
                } else if access == Access::Write
                    && self.world.prog_type != crate::program::ProgType::Syscall
                {
                    // A syscall program's context is the caller's buffer,
                    // which it may write (bpf_syscall_prog_is_valid_access).
                    return Err(read_only("the context"));
                }
                Ok((Target::Ctx, o))
            }
            RegionKind::Packet { gen } => {
                let p = &self.world.packet;
                if gen != p.generation {
                    return Err(stale(
                        "a packet-changing helper ran since this packet pointer was made",
                    ));
                }
                let o = check(p.data_meta as i64, p.data_end as i64)?;
                if access == Access::Write && !self.world.prog_type.may_write_packet() {
                    return Err(read_only("the packet data of this program type"));
                }
                Ok((Target::Packet, o))
            }
            RegionKind::Frag { gen, idx } => {
                let p = &self.world.packet;
                if gen != p.generation {
                    return Err(stale(
                        "a packet-changing helper ran since this fragment pointer was made",
                    ));
                }
                let f = p
                    .frags
                    .get(idx as usize)
                    .ok_or_else(|| stale("the fragment is gone"))?;
                if access == Access::Write && !self.world.prog_type.may_write_packet() {
                    return Err(read_only("the packet data of this program type"));
                }
                Ok((Target::Frag(idx as usize), check(0, f.bytes.len() as i64)?))
            }
            RegionKind::MapValue { map, slot, version } => {
                let m = self
                    .world
                    .maps
                    .get(map as usize)
                    .ok_or(FaultKind::NoSuchMap(map))?;
                // A deleted hash element's slot stays addressable (see
                // `Map::slot_memory`); the version only names the pointer.
                let _ = version;
                if m.slot_memory(slot).is_none() {
                    return Err(stale("the map element does not exist"));
                }
                let o = check(0, m.def.value_size as i64)?;
                if access == Access::Write && m.def.read_only_prog() {
                    return Err(read_only(&m.def.name));
                }
                Ok((Target::MapValue(map as usize, slot), o))
            }
            RegionKind::Record { map, seq } => {
                let rb = self
                    .world
                    .maps
                    .get(map as usize)
                    .and_then(|m| m.ringbuf())
                    .ok_or(FaultKind::NoSuchMap(map))?;
                let rec = rb.record_at(seq).ok_or_else(|| stale("no such record"))?;
                if rec.state != RecordState::Reserved {
                    return Err(stale("the record was submitted or discarded"));
                }
                let o = check(0, rec.len as i64)?;
                Ok((Target::Record(map as usize, rec.pos + 8), o))
            }
            RegionKind::KernelDynptr { id } => {
                let k = self
                    .kdynptrs
                    .get(id as usize)
                    .filter(|k| k.alive)
                    .ok_or_else(|| stale("the helper that owned it returned"))?;
                let _ = k;
                if access == Access::Write {
                    return Err(read_only("a dynptr the kernel passed to a callback"));
                }
                Ok((Target::KernelDynptr(id as usize), check(0, 16)?))
            }
            RegionKind::Mem => Ok((Target::Mem, check(0, self.mem.len() as i64)?)),
            RegionKind::Func | RegionKind::Map { .. } | RegionKind::Kernel { .. } => {
                Err(FaultKind::NotAccessible {
                    access,
                    size,
                    at: at(),
                })
            }
        }
    }

    /// True when an access of `len` bytes at `addr` is in bounds of live
    /// memory (for the state checker; stack bytes may be unwritten).
    pub(super) fn accessible(&self, addr: u64, len: usize, access: Access) -> bool {
        self.resolve(addr, len, access).is_ok()
    }

    /// Reads `len` bytes at `addr` (every byte initialised).
    pub(crate) fn read_bytes(&self, addr: u64, len: usize) -> Result<Vec<u8>, FaultKind> {
        // Resolve before allocating: `len` may come from a program register.
        if len > 0 {
            self.resolve(addr, len, Access::Read)?;
        }
        let mut v = vec![0u8; len];
        self.read_into(addr, &mut v)?;
        Ok(v)
    }

    /// Reads `len` bytes at `addr` like [`Vm::read_bytes`], without a heap
    /// allocation when `len` is small (helpers' common case).
    pub(crate) fn read_small(&self, addr: u64, len: usize) -> Result<SmallBytes, FaultKind> {
        if len <= SMALL {
            let mut b = SmallBytes::Inline([0; SMALL], len);
            if let SmallBytes::Inline(buf, _) = &mut b {
                self.read_into(addr, &mut buf[..len])?;
            }
            Ok(b)
        } else {
            self.read_bytes(addr, len).map(SmallBytes::Heap)
        }
    }

    /// Fills `out` from `addr` (every byte initialised).
    pub(crate) fn read_into(&self, addr: u64, out: &mut [u8]) -> Result<(), FaultKind> {
        let len = out.len();
        if len == 0 {
            return Ok(());
        }
        let (t, o) = self.resolve(addr, len, Access::Read)?;
        match t {
            Target::Stack(d) => {
                let f = &self.frames[d];
                if let Some(i) = f.stack_init[o..o + len].iter().position(|ok| !ok) {
                    if !self.opts.allow_uninit_stack {
                        let at =
                            self.describe_at(RegionKind::Stack { frame: f.uid }, (o + i) as i64);
                        return Err(FaultKind::UninitStack { at, size: len });
                    }
                    self.uninit_stack_reads
                        .set(self.uninit_stack_reads.get() + 1);
                }
                out.copy_from_slice(&f.stack[o..o + len]);
            }
            Target::Ctx => {
                if let Some(fl) = ctx::ctx_fields(self.world.prog_type).iter().find(|f| {
                    f.kind != CtxFieldKind::Scalar
                        && (o as u32) < f.offset + f.size
                        && o as u32 + len as u32 > f.offset
                }) {
                    return Err(FaultKind::CtxAccess(format!(
                        "{} is a pointer field: load it with a 4-byte load of the whole field",
                        fl.name
                    )));
                }
                out.copy_from_slice(&self.world.ctx[o..o + len]);
            }
            Target::Packet => out.copy_from_slice(&self.world.packet.buf[o..o + len]),
            Target::Frag(i) => out.copy_from_slice(&self.world.packet.frags[i].bytes[o..o + len]),
            Target::MapValue(m, slot) => {
                if let Some(v) = self.world.maps[m].slot_memory(slot) {
                    out.copy_from_slice(&v[o..o + len]);
                }
            }
            Target::Record(m, base) => {
                let rb = self.world.maps[m]
                    .ringbuf()
                    .ok_or(FaultKind::NoSuchMap(m as u32))?;
                for (i, b) in out.iter_mut().enumerate() {
                    *b = rb.byte(base + (o + i) as u64);
                }
            }
            Target::KernelDynptr(k) => out.copy_from_slice(&self.kdynptrs[k].bytes[o..o + len]),
            Target::Mem => out.copy_from_slice(&self.mem[o..o + len]),
        }
        Ok(())
    }

    /// Marks `len` stack bytes at `addr` initialised, keeping their
    /// contents (nothing happens for other regions or a bad range).
    pub(crate) fn mark_stack_written(&mut self, addr: u64, len: usize) {
        if len == 0 || len > crate::isa::MAX_BPF_STACK {
            return;
        }
        if let Ok((Target::Stack(d), o)) = self.resolve(addr, len, Access::Write) {
            let Some(end) = o.checked_add(len) else {
                return;
            };
            if let Some(init) = self
                .frames
                .get_mut(d)
                .and_then(|f| f.stack_init.get_mut(o..end))
            {
                init.fill(true);
            }
        }
    }

    /// Writes `bytes` at `addr`.
    pub(crate) fn write_bytes(&mut self, addr: u64, bytes: &[u8]) -> Result<(), FaultKind> {
        let len = bytes.len();
        if len == 0 {
            return Ok(());
        }
        let (t, o) = self.resolve(addr, len, Access::Write)?;
        match t {
            Target::Stack(d) => {
                let f = &mut self.frames[d];
                f.stack[o..o + len].copy_from_slice(bytes);
                f.stack_init[o..o + len].fill(true);
            }
            Target::Ctx => self.world.ctx[o..o + len].copy_from_slice(bytes),
            Target::Packet => self.world.packet.buf[o..o + len].copy_from_slice(bytes),
            Target::Frag(i) => self.world.packet.frags[i].bytes[o..o + len].copy_from_slice(bytes),
            Target::MapValue(m, slot) => {
                if let Some(v) = self.world.maps[m].slot_memory_mut(slot) {
                    v[o..o + len].copy_from_slice(bytes);
                }
            }
            Target::Record(m, base) => {
                let rb = self.world.maps[m]
                    .ringbuf_mut()
                    .ok_or(FaultKind::NoSuchMap(m as u32))?;
                for (i, b) in bytes.iter().enumerate() {
                    rb.set_byte(base + (o + i) as u64, *b);
                }
            }
            Target::KernelDynptr(k) => self.kdynptrs[k].bytes[o..o + len].copy_from_slice(bytes),
            Target::Mem => self.mem[o..o + len].copy_from_slice(bytes),
        }
        Ok(())
    }

    /// Checks that `len` bytes at `addr` may be written, without writing
    /// (helpers check their output buffer before changing anything).
    pub(crate) fn check_writable(&self, addr: u64, len: usize) -> Result<(), FaultKind> {
        if len == 0 {
            return Ok(());
        }
        self.resolve(addr, len, Access::Write).map(|_| ())
    }

    /// Loads a little-endian value of `size` bytes (1, 2, 4, 8). A 4-byte
    /// load of a context packet-pointer field yields the 64-bit pointer, as
    /// the verifier's context rewrite makes the kernel do.
    pub(crate) fn load(&mut self, addr: u64, size: usize) -> Result<u64, FaultKind> {
        if self.world.prog_type.has_packet() {
            if let Some(p) = self.load_ctx_pointer(addr, size)? {
                return Ok(p);
            }
        }
        let mut v = [0u8; 8];
        self.read_into(addr, &mut v[..size.min(8)])?;
        Ok(u64::from_le_bytes(v))
    }

    /// The packet pointer a context load yields, if `addr` is a context
    /// packet-pointer field.
    fn load_ctx_pointer(&mut self, addr: u64, size: usize) -> Result<Option<u64>, FaultKind> {
        if let Some((RegionKind::Ctx, off)) = self.regions.decode(addr) {
            if let Some(fl) = ctx::ctx_fields(self.world.prog_type)
                .iter()
                .find(|f| f.kind != CtxFieldKind::Scalar && f.offset as i64 == off)
            {
                if size != 4 {
                    return Err(FaultKind::CtxAccess(format!(
                        "{} must be loaded with a 4-byte load",
                        fl.name
                    )));
                }
                let p = &self.world.packet;
                let at = match fl.kind {
                    CtxFieldKind::PacketData => p.data,
                    CtxFieldKind::PacketEnd => p.data_end,
                    _ => p.data_meta,
                };
                let gen = p.generation;
                return self
                    .regions
                    .ptr(RegionKind::Packet { gen }, at as i64)
                    .map(Some);
            }
        }
        Ok(None)
    }

    /// Stores the low `size` bytes of `val`, little-endian.
    pub(crate) fn store(&mut self, addr: u64, size: usize, val: u64) -> Result<(), FaultKind> {
        self.write_bytes(addr, &val.to_le_bytes()[..size])
    }
}

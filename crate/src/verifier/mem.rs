//! Loads and stores (`check_mem_access`): context fields, the stack byte by
//! byte, packets proven by comparisons with `data_end`, map values, ring
//! buffer records and dynptr slices; and the same checks for memory a
//! helper reads or writes (`check_helper_mem_access`).

use super::env::{Env, VErr, VResult};
use super::explain::RejectKind;
use super::messages::CANNOT_OVERWRITE_REFERENCED_DYNPTR;
use super::reg_state::{BpfRegType, RegState};
use super::stack::{SlotType, BPF_REG_SIZE, STACK_SLOTS};
use super::tnum::Tnum;
use crate::isa::*;
use crate::program::ProgType;
use crate::world::ctx::{ctx_fields, ctx_size, field_at, CtxFieldKind};

/// `BPF_MAX_VAR_OFF`.
const BPF_MAX_VAR_OFF: i64 = 1 << 29;
/// `MAX_PACKET_OFF`.
pub const MAX_PACKET_OFF: i64 = 0xffff;

/// Read or write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// `BPF_READ`.
    Read,
    /// `BPF_WRITE`.
    Write,
}

fn e(kind: RejectKind, m: String) -> VErr {
    VErr::new(kind, m)
}

/// `may_access_direct_pkt_data`.
pub fn may_access_pkt(t: ProgType, a: Access) -> bool {
    match t {
        ProgType::Xdp | ProgType::Tc => true,
        ProgType::CgroupSkb => a == Access::Read,
        _ => false,
    }
}

impl Env<'_> {
    /// `BPF_LDX`.
    pub(crate) fn check_load(&mut self, insn: Insn) -> VResult<()> {
        let src = insn.src_reg as usize;
        let dst = insn.dst_reg as usize;
        self.check_reg_read(src)?;
        self.check_reg_write(dst)?;
        let size = size_bytes(insn.size());
        self.check_mem_access(src, insn.off as i32, size, Access::Read, Some(dst), false)?;
        if insn.mode() == BPF_MEMSX {
            self.set_reg(dst, RegState::unknown());
        }
        Ok(())
    }

    /// `BPF_STX` / `BPF_ST`.
    pub(crate) fn check_store(&mut self, insn: Insn) -> VResult<()> {
        let dst = insn.dst_reg as usize;
        let size = size_bytes(insn.size());
        if insn.class() == BPF_STX && insn.mode() == BPF_ATOMIC {
            return self.check_atomic(insn);
        }
        if insn.class() == BPF_STX {
            self.check_reg_read(insn.src_reg as usize)?;
            self.check_reg_read(dst)?;
            return self.check_mem_access(
                dst,
                insn.off as i32,
                size,
                Access::Write,
                Some(insn.src_reg as usize),
                false,
            );
        }
        self.check_reg_read(dst)?;
        let r = &self.cur.regs()[dst];
        if r.typ == BpfRegType::PtrToCtx {
            return Err(e(
                RejectKind::CtxAccess,
                format!(
                    "BPF_ST stores into R{} {} is not allowed",
                    dst,
                    r.type_str()
                ),
            ));
        }
        self.st_imm = Some(insn.imm as i64);
        let r = self.check_mem_access(dst, insn.off as i32, size, Access::Write, None, false);
        self.st_imm = None;
        r
    }

    fn check_atomic(&mut self, insn: Insn) -> VResult<()> {
        let dst = insn.dst_reg as usize;
        let src = insn.src_reg as usize;
        let size = size_bytes(insn.size());
        self.check_reg_read(src)?;
        self.check_reg_read(dst)?;
        if insn.imm == BPF_CMPXCHG {
            self.check_reg_read(0)?;
        }
        let d = &self.cur.regs()[dst];
        if matches!(
            d.typ,
            BpfRegType::PtrToCtx | BpfRegType::PtrToPacket | BpfRegType::PtrToPacketMeta
        ) {
            return Err(e(
                RejectKind::Other,
                format!(
                    "BPF_ATOMIC stores into R{} {} is not allowed",
                    dst,
                    d.type_str()
                ),
            ));
        }
        self.check_mem_access(dst, insn.off as i32, size, Access::Read, None, true)?;
        if insn.imm & BPF_FETCH != 0 {
            let load = if insn.imm == BPF_CMPXCHG { 0 } else { src };
            self.check_reg_write(load)?;
            self.check_mem_access(dst, insn.off as i32, size, Access::Read, Some(load), true)?;
        }
        self.check_mem_access(dst, insn.off as i32, size, Access::Write, None, true)
    }

    /// `check_mem_access`: `value_regno` is the destination of a load or
    /// the source of a store.
    pub(crate) fn check_mem_access(
        &mut self,
        regno: usize,
        insn_off: i32,
        size: usize,
        t: Access,
        value_regno: Option<usize>,
        atomic: bool,
    ) -> VResult<()> {
        let reg = self.cur.regs()[regno];
        // Atomics are checked strictly whatever the program's flags.
        self.check_ptr_alignment(&reg, insn_off, size, atomic)?;
        let off = insn_off as i64 + reg.off as i64;
        let mut loaded: Option<RegState> = None;
        match reg.typ {
            _ if reg.maybe_null => {
                return Err(e(
                    RejectKind::InvalidMemAccess,
                    format!("R{} invalid mem access '{}'", regno, reg.type_str()),
                ));
            }
            BpfRegType::PtrToMapKey => {
                if t == Access::Write {
                    return Err(e(
                        RejectKind::MapAccess,
                        format!("write to change key R{regno} not allowed"),
                    ));
                }
                let ks = self.map_of(&reg).map_or(0, |m| m.key_size);
                self.check_mem_region_access(regno, &reg, off, size as i64, ks as i64, false)?;
                loaded = Some(RegState::unknown());
            }
            BpfRegType::PtrToMapValue => {
                let (vs, frozen) = self
                    .map_of(&reg)
                    .map_or((0, false), |m| (m.value_size, m.frozen_read_only()));
                self.check_map_access_type(&reg, off, size as i64, t == Access::Write)?;
                self.check_mem_region_access(regno, &reg, off, size as i64, vs as i64, false)?;
                loaded = Some(if frozen && t == Access::Read && reg.var_off.is_const() {
                    // bpf_map_direct_read: a read-only map (`.rodata`,
                    // frozen before the load) is read now, as a constant.
                    let map_off = (off + reg.var_off.value as i64) as usize;
                    let image = self
                        .map_of(&reg)
                        .and_then(|m| m.initial_value.as_deref())
                        .unwrap_or(&[]);
                    let v = (0..size).fold(0u64, |v, i| {
                        v | u64::from(image.get(map_off + i).copied().unwrap_or(0)) << (8 * i)
                    });
                    RegState::known(v)
                } else {
                    RegState::unknown()
                });
            }
            BpfRegType::PtrToMem => {
                if t == Access::Write && reg.rdonly {
                    return Err(e(
                        RejectKind::RdonlyWrite,
                        format!("R{} cannot write into {}", regno, reg.type_str()),
                    ));
                }
                self.check_mem_region_access(
                    regno,
                    &reg,
                    off,
                    size as i64,
                    reg.mem_size as i64,
                    false,
                )?;
                loaded = Some(RegState::unknown());
            }
            BpfRegType::PtrToCtx => {
                self.check_ptr_off_reg(&reg, regno, false)?;
                loaded = Some(self.check_ctx_access(off, size, t)?);
            }
            BpfRegType::PtrToStack => {
                self.check_stack_access_within_bounds(regno, &reg, off, size as i64, t, false)?;
                if t == Access::Read {
                    loaded = self.check_stack_read(&reg, off, size, value_regno)?;
                } else {
                    self.check_stack_write(&reg, off, size, value_regno)?;
                }
            }
            BpfRegType::PtrToPacket | BpfRegType::PtrToPacketMeta => {
                if t == Access::Write && !may_access_pkt(self.prog.prog_type, t) {
                    return Err(e(
                        RejectKind::PacketAccess,
                        "cannot write into packet".to_string(),
                    ));
                }
                self.check_packet_access(regno, &reg, off, size as i64, false)?;
                loaded = Some(RegState::unknown());
            }
            _ => {
                return Err(e(
                    RejectKind::InvalidMemAccess,
                    format!("R{} invalid mem access '{}'", regno, reg.type_str()),
                ));
            }
        }
        if t == Access::Read {
            if let (Some(v), Some(mut r)) = (value_regno, loaded) {
                if r.is_scalar() && size < BPF_REG_SIZE {
                    r.coerce_to_size(size as u32);
                }
                self.set_reg(v, r);
            }
        }
        Ok(())
    }

    /// `check_ptr_alignment`: with `strict` (`BPF_F_STRICT_ALIGNMENT`, an
    /// atomic operation, or any stack access) the address must be a
    /// multiple of the size for every value of the variable offset; packet
    /// data counts from `NET_IP_ALIGN` (2), so a 4-byte load at packet
    /// offset 14 (the IPv4 header) is aligned and one at 12 is not.
    fn check_ptr_alignment(
        &self,
        reg: &RegState,
        insn_off: i32,
        size: usize,
        strict_once: bool,
    ) -> VResult<()> {
        const NET_IP_ALIGN: i64 = 2;
        let mut strict = self.opts.strict_alignment || strict_once;
        let pkt = reg.typ.is_pkt_pointer();
        // The kernel switches on the whole type: a `_or_null` pointer is
        // none of the named ones.
        let desc = match reg.typ {
            _ if reg.maybe_null => "",
            BpfRegType::PtrToMapKey => "key ",
            BpfRegType::PtrToMapValue => "value ",
            BpfRegType::PtrToCtx => "context ",
            BpfRegType::PtrToStack => {
                // Spill tracking needs aligned stack slots.
                strict = true;
                "stack "
            }
            _ => "",
        };
        if !strict || size <= 1 {
            return Ok(());
        }
        let ip_align = if pkt { NET_IP_ALIGN } else { 0 };
        let at = reg.var_off.add(Tnum::konst(
            (ip_align + reg.off as i64 + insn_off as i64) as u64,
        ));
        if (at.value | at.mask) & (size as u64 - 1) == 0 {
            return Ok(());
        }
        let var_off = self.tnum_str(reg.var_off);
        let m = if pkt {
            format!(
                "misaligned packet access off {ip_align}+{var_off}+{}+{insn_off} size {size}",
                reg.off
            )
        } else {
            format!(
                "misaligned {desc}access off {var_off}+{}+{insn_off} size {size}",
                reg.off
            )
        };
        Err(e(RejectKind::Misaligned, m))
    }

    fn map_of(&self, reg: &RegState) -> Option<&crate::program::MapDef> {
        self.prog.maps.get(reg.map_idx as usize)
    }

    /// `check_map_access_type`: a store into a map the program may not
    /// write (`BPF_F_RDONLY_PROG`, `.rodata`), a load from one it may not
    /// read (`BPF_F_WRONLY_PROG`).
    fn check_map_access_type(
        &self,
        reg: &RegState,
        off: i64,
        size: i64,
        write: bool,
    ) -> VResult<()> {
        let Some(m) = self.map_of(reg) else {
            return Ok(());
        };
        let (what, forbidden) = if write {
            ("write into", m.read_only_prog())
        } else {
            ("read from", m.write_only_prog())
        };
        if forbidden {
            return Err(e(
                RejectKind::MapAccess,
                format!(
                    "{what} map forbidden, value_size={} off={off} size={size}",
                    m.value_size
                ),
            ));
        }
        Ok(())
    }

    /// `__check_ptr_off_reg`.
    pub(crate) fn check_ptr_off_reg(
        &self,
        reg: &RegState,
        regno: usize,
        fixed_off_ok: bool,
    ) -> VResult<()> {
        if reg.off < 0 {
            return Err(e(
                RejectKind::PointerArithmetic,
                format!(
                    "negative offset {} ptr R{} off={} disallowed",
                    reg.type_str(),
                    regno,
                    reg.off
                ),
            ));
        }
        if !fixed_off_ok && reg.off != 0 {
            return Err(e(
                RejectKind::PointerArithmetic,
                format!(
                    "dereference of modified {} ptr R{} off={} disallowed",
                    reg.type_str(),
                    regno,
                    reg.off
                ),
            ));
        }
        if !reg.var_off.is_const() || reg.var_off.value != 0 {
            return Err(e(
                RejectKind::PointerArithmetic,
                format!(
                    "variable {} access var_off={} disallowed",
                    reg.type_str(),
                    self.tnum_str(reg.var_off)
                ),
            ));
        }
        Ok(())
    }

    fn mem_access_msg(
        &self,
        reg: &RegState,
        regno: usize,
        off: i64,
        size: i64,
        mem_size: i64,
    ) -> VErr {
        let (kind, m) = match reg.typ {
            BpfRegType::PtrToMapKey => (
                RejectKind::MapAccess,
                format!("invalid access to map key, key_size={mem_size} off={off} size={size}"),
            ),
            BpfRegType::PtrToMapValue => (
                RejectKind::MapAccess,
                format!("invalid access to map value, value_size={mem_size} off={off} size={size}"),
            ),
            BpfRegType::PtrToPacket | BpfRegType::PtrToPacketMeta | BpfRegType::PtrToPacketEnd => (
                RejectKind::PacketAccess,
                format!(
                    "invalid access to packet, off={} size={}, R{}(id={},off={},r={})",
                    off, size, regno, reg.id, off, mem_size
                ),
            ),
            _ => (
                RejectKind::MemAccess,
                format!("invalid access to memory, mem_size={mem_size} off={off} size={size}"),
            ),
        };
        e(kind, m)
    }

    fn check_mem_bounds(
        &self,
        reg: &RegState,
        regno: usize,
        off: i64,
        size: i64,
        mem_size: i64,
        zero_ok: bool,
    ) -> VResult<()> {
        let size_ok = size > 0 || (size == 0 && zero_ok);
        if off >= 0 && size_ok && off.checked_add(size).is_some_and(|end| end <= mem_size) {
            return Ok(());
        }
        Err(self.mem_access_msg(reg, regno, off, size, mem_size))
    }

    /// `check_mem_region_access`: every value of the variable offset.
    pub(crate) fn check_mem_region_access(
        &self,
        regno: usize,
        reg: &RegState,
        off: i64,
        size: i64,
        mem_size: i64,
        zero_ok: bool,
    ) -> VResult<()> {
        let kind = match reg.typ {
            BpfRegType::PtrToMapValue | BpfRegType::PtrToMapKey => RejectKind::MapAccess,
            _ => RejectKind::MemAccess,
        };
        if reg.smin_value < 0
            && (reg.smin_value == i64::MIN
                || off
                    .checked_add(reg.smin_value)
                    .is_none_or(|v| v != v as i32 as i64)
                || reg.smin_value.saturating_add(off) < 0)
        {
            return Err(e(
                kind,
                format!(
                    "R{regno} min value is negative, either use unsigned index or do a if (index >=0) check."
                ),
            ));
        }
        if let Err(mut err) = self.check_mem_bounds(
            reg,
            regno,
            reg.smin_value.saturating_add(off),
            size,
            mem_size,
            zero_ok,
        ) {
            err.msg.push_str(&format!(
                "\nR{regno} min value is outside of the allowed memory range"
            ));
            return Err(err);
        }
        if reg.umax_value >= BPF_MAX_VAR_OFF as u64 {
            return Err(e(
                kind,
                format!(
                    "R{regno} unbounded memory access, make sure to bounds check any such access"
                ),
            ));
        }
        if let Err(mut err) = self.check_mem_bounds(
            reg,
            regno,
            reg.umax_value as i64 + off,
            size,
            mem_size,
            zero_ok,
        ) {
            err.msg.push_str(&format!(
                "\nR{regno} max value is outside of the allowed memory range"
            ));
            return Err(err);
        }
        Ok(())
    }

    /// `check_packet_access`.
    pub(crate) fn check_packet_access(
        &self,
        regno: usize,
        reg: &RegState,
        off: i64,
        size: i64,
        zero_ok: bool,
    ) -> VResult<()> {
        if reg.smin_value < 0 {
            return Err(e(
                RejectKind::PacketAccess,
                format!(
                    "R{regno} min value is negative, either use unsigned index or do a if (index >=0) check."
                ),
            ));
        }
        let outside = format!("R{regno} offset is outside of the packet");
        // A pointer marked at or past the packet's end (range < 0) is
        // refused without __check_mem_access's line: the kernel's
        // `reg->range < 0 ? -EINVAL : __check_mem_access(...)`.
        if reg.range < 0 {
            return Err(e(RejectKind::PacketAccess, outside));
        }
        if let Err(mut err) =
            self.check_mem_bounds(reg, regno, off, size, reg.range as i64, zero_ok)
        {
            err.msg.push('\n');
            err.msg.push_str(&outside);
            return Err(err);
        }
        Ok(())
    }

    /// `check_ctx_access` against the program type's context layout;
    /// returns what a load yields.
    fn check_ctx_access(&mut self, off: i64, size: usize, t: Access) -> VResult<RegState> {
        let pt = self.prog.prog_type;
        let bad = || {
            e(
                RejectKind::CtxAccess,
                format!("invalid bpf_context access off={off} size={size}"),
            )
        };
        if off < 0 || off + size as i64 > ctx_size(pt) as i64 {
            return Err(bad());
        }
        if ctx_fields(pt).is_empty() {
            // Opaque contexts: aligned reads; only syscall programs may write.
            if off % size as i64 != 0 || (t == Access::Write && pt != ProgType::Syscall) {
                return Err(bad());
            }
            return Ok(RegState::unknown());
        }
        let Some(fl) = field_at(pt, off as u32) else {
            return Err(bad());
        };
        let inner = off as u32 - fl.offset;
        if t == Access::Write {
            if !fl.writable || inner != 0 || size as u32 != fl.size {
                return Err(bad());
            }
            return Ok(RegState::unknown());
        }
        match fl.kind {
            CtxFieldKind::Scalar => {
                if inner + size as u32 > fl.size
                    || inner.checked_rem(size as u32).unwrap_or(inner) != 0
                    || (!fl.narrow_load && size as u32 != fl.size)
                {
                    return Err(bad());
                }
                Ok(RegState::unknown())
            }
            k => {
                if inner != 0 || size as u32 != fl.size {
                    return Err(bad());
                }
                let typ = match k {
                    CtxFieldKind::PacketData => BpfRegType::PtrToPacket,
                    CtxFieldKind::PacketEnd => BpfRegType::PtrToPacketEnd,
                    _ => BpfRegType::PtrToPacketMeta,
                };
                Ok(RegState::ptr(typ))
            }
        }
    }

    /// `check_stack_access_within_bounds`.
    pub(crate) fn check_stack_access_within_bounds(
        &self,
        regno: usize,
        reg: &RegState,
        off: i64,
        size: i64,
        t: Access,
        helper: bool,
    ) -> VResult<()> {
        let today = self.opts.kernel.stack_bounds_messages_today();
        let extra = if helper && !today {
            " indirect access to"
        } else if t == Access::Read {
            " read from"
        } else {
            " write to"
        };
        let (min_off, max_off) = if reg.var_off.is_const() {
            let min = reg.var_off.value as i64 + off;
            (min, if size > 0 { min + size - 1 } else { min })
        } else {
            if reg.smax_value >= BPF_MAX_VAR_OFF || reg.smin_value <= -BPF_MAX_VAR_OFF {
                return Err(e(
                    RejectKind::StackAccess,
                    format!("invalid unbounded variable-offset{extra} stack R{regno}"),
                ));
            }
            let min = reg.smin_value + off;
            (
                min,
                if size > 0 {
                    reg.smax_value + off + size - 1
                } else {
                    min
                },
            )
        };
        let lim = -(STACK_SLOTS as i64 * BPF_REG_SIZE as i64);
        let ok = |o: i64| o >= lim && o <= -1;
        if !ok(min_off) || !ok(max_off) {
            let m = if reg.var_off.is_const() {
                format!("invalid{extra} stack R{regno} off={off} size={size}")
            } else {
                // Today's kernel also prints the fixed offset.
                let fixed = if self.opts.kernel.var_stack_message_has_off() {
                    format!(" off={off}")
                } else {
                    String::new()
                };
                format!(
                    "invalid variable-offset{} stack R{} var_off={}{} size={}",
                    extra,
                    regno,
                    self.tnum_str(reg.var_off),
                    fixed,
                    size
                )
            };
            return Err(e(RejectKind::StackAccess, m));
        }
        Ok(())
    }

    /// Slot and byte index of stack byte `off` (negative).
    fn stack_byte(off: i64) -> Option<(usize, usize)> {
        let slot = -off - 1;
        if slot < 0 {
            return None;
        }
        let spi = (slot / BPF_REG_SIZE as i64) as usize;
        let byte = (slot % BPF_REG_SIZE as i64) as usize;
        (spi < STACK_SLOTS).then_some((spi, byte))
    }

    /// `check_stack_read` (fixed or variable offset); returns the loaded value.
    fn check_stack_read(
        &mut self,
        reg: &RegState,
        off: i64,
        size: usize,
        dst: Option<usize>,
    ) -> VResult<Option<RegState>> {
        let frame = reg.frameno as usize;
        let uninit_ok = self.opts.kernel.allow_uninit_stack();
        if !reg.var_off.is_const() {
            let min = reg.smin_value + off;
            let max = reg.smax_value + off;
            for i in min..max + size as i64 {
                let Some((spi, b)) = Self::stack_byte(i) else {
                    continue;
                };
                let st = self.cur.frames[frame].stack[spi].slot_type[b];
                if !(matches!(st, SlotType::Misc | SlotType::Zero | SlotType::Spill)
                    || (uninit_ok && st == SlotType::Invalid))
                {
                    return Err(e(
                        RejectKind::StackRead,
                        format!(
                            "invalid variable-offset read from stack R{} var_off={} size={}",
                            0,
                            self.tnum_str(reg.var_off),
                            size
                        ),
                    ));
                }
            }
            return Ok(dst.map(|_| RegState::unknown()));
        }
        let off = off + reg.var_off.value as i64;
        let Some((spi, _)) = Self::stack_byte(off) else {
            return Err(e(
                RejectKind::StackRead,
                format!("invalid read from stack off {off}+0 size {size}"),
            ));
        };
        if frame == self.cur.curframe() {
            self.scratched_stack |= 1u64 << (spi & 63);
        }
        let slot = self.cur.frames[frame].stack[spi];
        if slot.is_spilled_reg() {
            let mut spill_size = 1;
            let mut i = BPF_REG_SIZE - 1;
            while i > 0 && slot.slot_type[i - 1] == SlotType::Spill {
                spill_size += 1;
                i -= 1;
            }
            if size != BPF_REG_SIZE || spill_size != BPF_REG_SIZE {
                if !slot.spilled_ptr.is_scalar() {
                    return Err(e(
                        RejectKind::StackRead,
                        "invalid size of register fill".to_string(),
                    ));
                }
                if off % BPF_REG_SIZE as i64 == 0 && size == spill_size {
                    return Ok(Some(slot.spilled_ptr));
                }
                for i in 0..size as i64 {
                    let Some((s2, b)) = Self::stack_byte(off + i) else {
                        continue;
                    };
                    let t = self.cur.frames[frame].stack[s2].slot_type[b];
                    if !(matches!(t, SlotType::Spill | SlotType::Misc)
                        || (uninit_ok && t == SlotType::Invalid))
                    {
                        return Err(e(
                            RejectKind::StackRead,
                            format!("invalid read from stack off {off}+{i} size {size}"),
                        ));
                    }
                }
                return Ok(Some(RegState::unknown()));
            }
            let mut r = slot.spilled_ptr;
            r.live_written = true;
            return Ok(Some(r));
        }
        let mut zeros = 0;
        for i in 0..size as i64 {
            let Some((s2, b)) = Self::stack_byte(off + i) else {
                return Err(e(
                    RejectKind::StackRead,
                    format!("invalid read from stack off {off}+{i} size {size}"),
                ));
            };
            match self.cur.frames[frame].stack[s2].slot_type[b] {
                SlotType::Misc => {}
                SlotType::Invalid if uninit_ok => {}
                SlotType::Zero => zeros += 1,
                _ => {
                    return Err(e(
                        RejectKind::StackRead,
                        format!("invalid read from stack off {off}+{i} size {size}"),
                    ))
                }
            }
        }
        Ok(Some(if zeros == size {
            RegState::known(0)
        } else {
            RegState::unknown()
        }))
    }

    /// Before a store touches slot `spi`: under today's rules, a dynptr there
    /// is destroyed (or the store refused for a referenced one).
    fn destroy_if_dynptr_stack_slot(&mut self, frame: usize, spi: usize) -> VResult<()> {
        if !self.opts.kernel.stores_destroy_dynptrs() {
            return Ok(());
        }
        let slot = &self.cur.frames[frame].stack[spi];
        if slot.slot_type[0] != SlotType::Dynptr {
            return Ok(());
        }
        let first = if slot.spilled_ptr.dynptr_first_slot {
            spi
        } else {
            spi + 1
        };
        if first >= STACK_SLOTS || first == 0 {
            return Ok(());
        }
        let head = self.cur.frames[frame].stack[first].spilled_ptr;
        if head.dynptr_kind.is_some_and(|k| k.is_refcounted()) {
            return Err(e(
                RejectKind::DynptrOverwrite,
                CANNOT_OVERWRITE_REFERENCED_DYNPTR.to_string(),
            ));
        }
        self.cur.frames[frame].stack[first].invalidate();
        self.cur.frames[frame].stack[first - 1].invalidate();
        let id = head.dynptr_id;
        self.invalidate_slices_of_dynptr(id);
        self.note_role(
            Some(super::provenance::Role::Overwritten),
            format!(
                "the dynptr at fp{} was destroyed by a store into its stack slots",
                -((first as i64 + 1) * 8)
            ),
            Some((frame as u32, -((first as i32 + 1) * 8))),
            Vec::new(),
            None,
            id,
        );
        Ok(())
    }

    /// The era's kernel lets a store write over a dynptr's stack slots (the
    /// dynptr is then no dynptr any more): noted for the provenance chain.
    fn note_store_over_dynptr(&mut self, frame: usize, spi: usize) {
        let Some(s) = self.cur.frames.get(frame).and_then(|f| f.stack.get(spi)) else {
            return;
        };
        if !s.slot_type.contains(&SlotType::Dynptr) {
            return;
        }
        let first = if s.spilled_ptr.dynptr_first_slot {
            spi
        } else {
            spi + 1
        };
        let id = s.spilled_ptr.ref_obj_id;
        let off = -((first as i32 + 1) * BPF_REG_SIZE as i32);
        self.note_role(
            Some(super::provenance::Role::Overwritten),
            format!("a store wrote over the stack slots of the dynptr at fp{off}"),
            Some((frame as u32, off)),
            Vec::new(),
            None,
            id,
        );
    }

    /// `check_stack_write` (fixed or variable offset).
    fn check_stack_write(
        &mut self,
        reg: &RegState,
        off: i64,
        size: usize,
        value_regno: Option<usize>,
    ) -> VResult<()> {
        let frame = reg.frameno as usize;
        let cur_frame = self.cur.curframe();
        let upstream = self.opts.kernel.stores_destroy_dynptrs();
        let track_st_imm = self.opts.kernel.tracks_st_immediates();
        let mut value = value_regno.map(|v| self.cur.regs()[v]);
        // Today's kernel tracks BPF_ST immediates as constants on the stack.
        if value.is_none() && track_st_imm {
            value = self.st_imm.map(|v| RegState::known(v as u64));
        }
        if !reg.var_off.is_const() {
            let min = reg.smin_value + off;
            let max = reg.smax_value + off;
            let zero = value.as_ref().is_some_and(|v| v.is_null());
            for i in min..max + size as i64 {
                let Some((spi, _)) = Self::stack_byte(i) else {
                    continue;
                };
                self.destroy_if_dynptr_stack_slot(frame, spi)?;
            }
            for i in min..max + size as i64 {
                let Some((spi, b)) = Self::stack_byte(i) else {
                    continue;
                };
                let s = &mut self.cur.frames[frame].stack[spi];
                if s.is_spilled_reg() {
                    s.spilled_ptr = RegState::not_init();
                    for t in s.slot_type.iter_mut() {
                        if *t != SlotType::Invalid {
                            *t = SlotType::Misc;
                        }
                    }
                }
                // A byte the write may miss stays unwritten if it was (the
                // kernel lets privileged programs read such bytes; the VM
                // faults on them, so this verifier does not pretend).
                let old = s.slot_type[b];
                s.slot_type[b] = match old {
                    SlotType::Invalid => SlotType::Invalid,
                    SlotType::Zero if zero => SlotType::Zero,
                    _ => SlotType::Misc,
                };
            }
            return Ok(());
        }
        let off = off + reg.var_off.value as i64;
        let Some((spi, _)) = Self::stack_byte(off) else {
            return Err(e(
                RejectKind::StackAccess,
                format!("invalid write to stack off={off} size={size}"),
            ));
        };
        self.destroy_if_dynptr_stack_slot(frame, spi)?;
        if !upstream {
            self.note_store_over_dynptr(frame, spi);
        }
        if frame == cur_frame {
            self.scratched_stack |= 1u64 << (spi & 63);
        }
        let slot = &mut self.cur.frames[frame].stack[spi];
        let bounded_scalar = value.as_ref().is_some_and(|v| {
            v.is_scalar()
                && !(v.smin_value == i64::MIN
                    && v.smax_value == i64::MAX
                    && v.umin_value == 0
                    && v.umax_value == u64::MAX)
        });
        match value {
            // The era's kernel spills bounded non-zero scalars (zeros become
            // STACK_ZERO); today's spills every scalar at an aligned offset.
            Some(v)
                if off % BPF_REG_SIZE as i64 == 0
                    && v.is_scalar()
                    && (upstream || (bounded_scalar && !v.is_null())) =>
            {
                save_register_state(slot, &v, size);
                // Break the relation on a narrowing spill: the slot holds
                // only the low bytes, so a fill must not share the
                // register's id (713274f1f2c8, "bpf: Fix verifier id
                // tracking of scalars on spill", in 6.4 and 6.1.36; the
                // era's 6.1.0 had the hole, both profiles close it).
                if u64::BITS - v.umax_value.leading_zeros() > 8 * size as u32 {
                    slot.spilled_ptr.id = 0;
                }
            }
            Some(v) if v.is_pointer() => {
                if size != BPF_REG_SIZE {
                    return Err(e(
                        RejectKind::StackAccess,
                        "invalid size of register spill".to_string(),
                    ));
                }
                if frame != cur_frame && v.typ == BpfRegType::PtrToStack {
                    return Err(e(
                        RejectKind::StackAccess,
                        "cannot spill pointers to stack into stack frame of the caller".to_string(),
                    ));
                }
                save_register_state(slot, &v, size);
            }
            v => {
                let ty = if v.as_ref().is_some_and(|v| v.is_null()) {
                    SlotType::Zero
                } else {
                    SlotType::Misc
                };
                if slot.is_spilled_reg() {
                    for t in slot.slot_type.iter_mut() {
                        if *t != SlotType::Invalid {
                            *t = SlotType::Misc;
                        }
                    }
                }
                slot.spilled_ptr.typ = BpfRegType::NotInit;
                if size == BPF_REG_SIZE {
                    slot.spilled_ptr.live_written = true;
                }
                for i in 0..size as i64 {
                    if let Some((s2, b)) = Self::stack_byte(off + i) {
                        self.cur.frames[frame].stack[s2].slot_type[b] = ty;
                    }
                }
            }
        }
        Ok(())
    }

    /// `check_helper_mem_access`: a helper reads (or, `raw`, writes)
    /// `size` bytes at `regno`.
    pub(crate) fn check_helper_mem_access(
        &mut self,
        regno: usize,
        size: i64,
        zero_ok: bool,
        raw: bool,
    ) -> VResult<bool> {
        self.check_helper_mem_access_w(regno, size, zero_ok, raw, raw)
    }

    /// [`Self::check_helper_mem_access`] of an access the helper may write
    /// (`write`) without raw mode (`raw` false: a variable size or offset,
    /// where the kernel drops raw mode, or a global function's argument):
    /// the memory must be initialised, and on the stack what the helper
    /// may write is clobbered (the kernel's `clobber` in
    /// `check_stack_range_initialized`): spilled registers become unknown
    /// `STACK_MISC` bytes, zeros too.
    pub(crate) fn check_helper_mem_access_w(
        &mut self,
        regno: usize,
        size: i64,
        zero_ok: bool,
        raw: bool,
        write: bool,
    ) -> VResult<bool> {
        let reg = self.cur.regs()[regno];
        match reg.typ {
            _ if reg.maybe_null => {}
            BpfRegType::PtrToPacket | BpfRegType::PtrToPacketMeta => {
                self.check_packet_access(regno, &reg, reg.off as i64, size, zero_ok)?;
                return Ok(false);
            }
            BpfRegType::PtrToMapKey => {
                if write {
                    return Err(e(
                        RejectKind::RdonlyWrite,
                        format!("R{} cannot write into {}", regno, reg.type_str()),
                    ));
                }
                let ks = self.map_of(&reg).map_or(0, |m| m.key_size) as i64;
                self.check_mem_region_access(regno, &reg, reg.off as i64, size, ks, false)?;
                return Ok(false);
            }
            BpfRegType::PtrToMapValue => {
                let vs = self.map_of(&reg).map_or(0, |m| m.value_size);
                // Whether the helper writes decides, not raw mode: a
                // variable size drops raw mode but still writes (37cce22dbd51
                // in 6.13; the era's 6.1 let it through).
                self.check_map_access_type(&reg, reg.off as i64, size, write)?;
                self.check_mem_region_access(
                    regno,
                    &reg,
                    reg.off as i64,
                    size,
                    vs as i64,
                    zero_ok,
                )?;
                return Ok(false);
            }
            BpfRegType::PtrToMem => {
                if reg.rdonly && write {
                    return Err(e(
                        RejectKind::RdonlyWrite,
                        format!("R{} cannot write into {}", regno, reg.type_str()),
                    ));
                }
                self.check_mem_region_access(
                    regno,
                    &reg,
                    reg.off as i64,
                    size,
                    reg.mem_size as i64,
                    zero_ok,
                )?;
                return Ok(false);
            }
            BpfRegType::PtrToStack => {
                return self.check_stack_range_initialized(regno, &reg, size, zero_ok, raw, write);
            }
            _ => {}
        }
        if zero_ok && size == 0 && reg.is_null() {
            return Ok(false);
        }
        Err(e(
            RejectKind::ArgType,
            format!("R{} type={} expected=fp", regno, reg.type_str()),
        ))
    }

    /// `check_stack_range_initialized`; returns true when the helper will
    /// write the bytes (raw mode) and they must be marked afterwards.
    fn check_stack_range_initialized(
        &mut self,
        regno: usize,
        reg: &RegState,
        size: i64,
        zero_ok: bool,
        raw: bool,
        write: bool,
    ) -> VResult<bool> {
        let off = reg.off as i64;
        // A helper that writes the bytes is a write (today's kernel says so).
        let t = if raw { Access::Write } else { Access::Read };
        self.check_stack_access_within_bounds(regno, reg, off, size, t, true)?;
        if size == 0 && !zero_ok {
            return Err(e(
                RejectKind::StackAccess,
                "invalid zero-sized read".to_string(),
            ));
        }
        let (min_off, max_off, raw) = if reg.var_off.is_const() {
            let m = reg.var_off.value as i64 + off;
            (m, m, raw)
        } else {
            (reg.smin_value + off, reg.smax_value + off, false)
        };
        let frame = reg.frameno as usize;
        if raw {
            // Today's kernel refuses a helper's output buffer that may
            // overlap a dynptr (it could write the dynptr itself).
            if self.opts.kernel.helper_writes_over_dynptr_refused() {
                for i in min_off..max_off + size {
                    if let Some((spi, b)) = Self::stack_byte(i) {
                        if self.cur.frames[frame].stack[spi].slot_type[b] == SlotType::Dynptr {
                            return Err(e(
                                RejectKind::DynptrOverwrite,
                                format!("potential write to dynptr at off={i} disallowed"),
                            ));
                        }
                    }
                }
            }
            return Ok(true);
        }
        let uninit_ok = self.opts.kernel.allow_uninit_stack();
        for i in min_off..max_off + size {
            let ok = Self::stack_byte(i).is_some_and(|(spi, b)| {
                // Byte by byte: a partial spill leaves the other bytes
                // unwritten (the kernel looks at the slot's last byte only;
                // the VM faults on the unwritten ones, so be exact).
                let s = &self.cur.frames[frame].stack[spi];
                matches!(
                    s.slot_type[b],
                    SlotType::Misc | SlotType::Zero | SlotType::Spill
                ) || (uninit_ok && s.slot_type[b] == SlotType::Invalid)
            });
            if ok && write {
                // The helper may write this byte (the kernel's clobber):
                // whatever was known of it is gone.
                if let Some((spi, b)) = Self::stack_byte(i) {
                    self.clobber_stack_byte(frame, spi, b);
                }
            }
            if !ok {
                let ind = self.opts.kernel.indirect_read_word();
                let m = if reg.var_off.is_const() {
                    format!(
                        "invalid{} read from stack R{} off {}+{} size {}",
                        ind,
                        regno,
                        min_off,
                        i - min_off,
                        size
                    )
                } else {
                    format!(
                        "invalid{} read from stack R{} var_off {}+{} size {}",
                        ind,
                        regno,
                        self.tnum_str(reg.var_off),
                        i - min_off,
                        size
                    )
                };
                return Err(e(RejectKind::StackRead, m));
            }
        }
        Ok(false)
    }

    /// After a kfunc that may or may not copy into its stack buffer
    /// (`bpf_dynptr_slice{,_rdwr}`: a pointer into the data when the bytes
    /// are contiguous, else a copy into the buffer), what was known of the
    /// bytes is gone, and a byte never written stays unwritten where
    /// uninitialised reads are refused (the kernel's clobber in the write
    /// pass of `check_kfunc_mem_size_reg`; a privileged loader reads such
    /// bytes anyway, and there they become `STACK_MISC`).
    pub(crate) fn clobber_kfunc_stack_buffer(&mut self, reg: &RegState, size: i64) {
        let frame = reg.frameno as usize;
        let base = reg.off as i64 + reg.var_off.value as i64;
        let uninit_ok = self.opts.kernel.allow_uninit_stack();
        for i in 0..size {
            if let Some((spi, b)) = Self::stack_byte(base + i) {
                if uninit_ok && self.cur.frames[frame].stack[spi].slot_type[b] == SlotType::Invalid
                {
                    self.cur.frames[frame].stack[spi].slot_type[b] = SlotType::Misc;
                }
                self.clobber_stack_byte(frame, spi, b);
            }
        }
    }

    /// A byte a helper may have written without raw mode: a spilled
    /// register in its slot becomes unknown bytes (`STACK_MISC`), and the
    /// byte itself `STACK_MISC` unless it was never written.
    fn clobber_stack_byte(&mut self, frame: usize, spi: usize, b: usize) {
        let s = &mut self.cur.frames[frame].stack[spi];
        if s.is_spilled_reg() {
            for t in s.slot_type.iter_mut() {
                if *t != SlotType::Invalid {
                    *t = SlotType::Misc;
                }
            }
            s.spilled_ptr = RegState::not_init();
        }
        if s.slot_type[b] != SlotType::Invalid {
            s.slot_type[b] = SlotType::Misc;
        }
        self.scratched_stack |= 1u64 << (spi as u64 & 63);
    }

    /// After a helper wrote `size` bytes at the stack pointer in `reg`
    /// (raw mode): the bytes become `STACK_MISC`, as the kernel does by
    /// checking a one-byte write to each.
    pub(crate) fn mark_helper_stack_write(&mut self, reg: &RegState, size: i64) -> VResult<()> {
        let frame = reg.frameno as usize;
        let base = reg.off as i64 + reg.var_off.value as i64;
        for i in 0..size {
            let Some((spi, b)) = Self::stack_byte(base + i) else {
                continue;
            };
            self.destroy_if_dynptr_stack_slot(frame, spi)?;
            let s = &mut self.cur.frames[frame].stack[spi];
            if s.is_spilled_reg() {
                for t in s.slot_type.iter_mut() {
                    if *t != SlotType::Invalid {
                        *t = SlotType::Misc;
                    }
                }
            }
            s.spilled_ptr.typ = BpfRegType::NotInit;
            s.slot_type[b] = SlotType::Misc;
            self.scratched_stack |= 1u64 << (spi as u64 & 63);
        }
        Ok(())
    }
}

/// `save_register_state`.
fn save_register_state(slot: &mut super::stack::StackSlot, reg: &RegState, size: usize) {
    slot.spilled_ptr = *reg;
    slot.spilled_ptr.live_written = size == BPF_REG_SIZE;
    let mut i = BPF_REG_SIZE;
    while i > BPF_REG_SIZE - size {
        slot.slot_type[i - 1] = SlotType::Spill;
        i -= 1;
    }
    while i > 0 {
        if slot.slot_type[i - 1] != SlotType::Invalid {
            slot.slot_type[i - 1] = SlotType::Misc;
        }
        i -= 1;
    }
}

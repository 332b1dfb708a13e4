//! Register state (`struct bpf_reg_state`): the register's type as the
//! kernel names it, its fixed and variable offset, and for scalars the tnum
//! plus signed/unsigned 64- and 32-bit bounds, kept in sync the way the
//! kernel does (`reg_bounds_sync`).

use serde::{Deserialize, Serialize};

use super::tnum::Tnum;
use crate::dynptr::DynptrKind;

/// Base register types (`enum bpf_reg_type` without flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum BpfRegType {
    /// `NOT_INIT`: never written (reading it is "R%d !read_ok").
    #[default]
    NotInit,
    /// `SCALAR_VALUE`.
    Scalar,
    /// `PTR_TO_CTX`.
    PtrToCtx,
    /// `CONST_PTR_TO_MAP`.
    ConstPtrToMap,
    /// `PTR_TO_MAP_VALUE`.
    PtrToMapValue,
    /// `PTR_TO_MAP_KEY`.
    PtrToMapKey,
    /// `PTR_TO_STACK`.
    PtrToStack,
    /// `PTR_TO_PACKET`.
    PtrToPacket,
    /// `PTR_TO_PACKET_META`.
    PtrToPacketMeta,
    /// `PTR_TO_PACKET_END`.
    PtrToPacketEnd,
    /// `PTR_TO_MEM`: ring buffer records, dynptr slices, iterator numbers.
    PtrToMem,
    /// `PTR_TO_FUNC`: a callback.
    PtrToFunc,
    /// `PTR_TO_DYNPTR`: the dynptr an iterator callback receives.
    PtrToDynptr,
}

impl BpfRegType {
    /// The kernel's short name (`reg_type_str` without flags).
    pub fn base_str(self) -> &'static str {
        match self {
            BpfRegType::NotInit => "?",
            BpfRegType::Scalar => "scalar",
            BpfRegType::PtrToCtx => "ctx",
            BpfRegType::ConstPtrToMap => "map_ptr",
            BpfRegType::PtrToMapValue => "map_value",
            BpfRegType::PtrToMapKey => "map_key",
            BpfRegType::PtrToStack => "fp",
            BpfRegType::PtrToPacket => "pkt",
            BpfRegType::PtrToPacketMeta => "pkt_meta",
            BpfRegType::PtrToPacketEnd => "pkt_end",
            BpfRegType::PtrToMem => "mem",
            BpfRegType::PtrToFunc => "func",
            BpfRegType::PtrToDynptr => "dynptr_ptr",
        }
    }

    /// `type_is_pkt_pointer`.
    pub fn is_pkt_pointer(self) -> bool {
        matches!(self, BpfRegType::PtrToPacket | BpfRegType::PtrToPacketMeta)
    }
}

/// One register's abstract value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RegState {
    /// Base type.
    pub typ: BpfRegType,
    /// `PTR_MAYBE_NULL`.
    pub maybe_null: bool,
    /// `MEM_RDONLY`.
    pub rdonly: bool,
    /// `MEM_RINGBUF`: a ring buffer record.
    pub ringbuf: bool,
    /// Fixed offset of a pointer.
    pub off: i32,
    /// Known bits (scalars: the value; pointers: the variable offset).
    pub var_off: Tnum,
    /// Signed 64-bit minimum.
    pub smin_value: i64,
    /// Signed 64-bit maximum.
    pub smax_value: i64,
    /// Unsigned 64-bit minimum.
    pub umin_value: u64,
    /// Unsigned 64-bit maximum.
    pub umax_value: u64,
    /// Signed 32-bit minimum.
    pub s32_min_value: i32,
    /// Signed 32-bit maximum.
    pub s32_max_value: i32,
    /// Unsigned 32-bit minimum.
    pub u32_min_value: u32,
    /// Unsigned 32-bit maximum.
    pub u32_max_value: u32,
    /// Null-check / packet-range / equal-scalar id.
    pub id: u32,
    /// Id of the reference this pointer depends on (0: none).
    pub ref_obj_id: u32,
    /// Packet pointers: bytes proven inside the packet.
    pub range: i32,
    /// `PTR_TO_MEM`: size of the memory.
    pub mem_size: u32,
    /// Maps: index into `Program::maps`.
    pub map_idx: u32,
    /// `PTR_TO_STACK`: which frame's stack.
    pub frameno: u32,
    /// `PTR_TO_FUNC`: the subprogram.
    pub subprogno: u32,
    /// `PTR_TO_DYNPTR`, dynptr stack slots: the dynptr's type.
    pub dynptr_kind: Option<DynptrKind>,
    /// Dynptr stack slots: true in the first (higher) slot.
    pub dynptr_first_slot: bool,
    /// Dynptr slots: the dynptr's own id; slices: the id of their dynptr.
    pub dynptr_id: u32,
    /// Dynptr slots: the id of the dynptr it was cloned from (its own id
    /// when not a clone), as today's kernel prints `dynptr_id=`.
    pub dynptr_parent_id: u32,
    /// Slices of skb/xdp dynptrs: invalidated when packet data changes.
    pub pkt_slice: bool,
    /// `REG_LIVE_WRITTEN` since the last checkpoint (the log's `_w`).
    pub live_written: bool,
    /// Iterator slots: `BPF_ITER_STATE_DRAINED` (`bpf_iter_num_next`
    /// returned NULL; it will again), else active.
    #[serde(default)]
    pub iter_drained: bool,
}

impl Default for RegState {
    fn default() -> Self {
        RegState::not_init()
    }
}

impl RegState {
    /// `__mark_reg_not_init`.
    pub fn not_init() -> Self {
        let mut r = RegState {
            typ: BpfRegType::NotInit,
            maybe_null: false,
            rdonly: false,
            ringbuf: false,
            off: 0,
            var_off: Tnum::UNKNOWN,
            smin_value: i64::MIN,
            smax_value: i64::MAX,
            umin_value: 0,
            umax_value: u64::MAX,
            s32_min_value: i32::MIN,
            s32_max_value: i32::MAX,
            u32_min_value: 0,
            u32_max_value: u32::MAX,
            id: 0,
            ref_obj_id: 0,
            range: 0,
            mem_size: 0,
            map_idx: 0,
            frameno: 0,
            subprogno: 0,
            dynptr_kind: None,
            dynptr_first_slot: false,
            dynptr_id: 0,
            dynptr_parent_id: 0,
            pkt_slice: false,
            live_written: false,
            iter_drained: false,
        };
        r.typ = BpfRegType::NotInit;
        r
    }

    /// `__mark_reg_unknown`: a scalar about which nothing is known.
    pub fn unknown() -> Self {
        RegState {
            typ: BpfRegType::Scalar,
            ..RegState::not_init()
        }
    }

    /// A scalar known to be `v` (`__mark_reg_known`).
    pub fn known(v: u64) -> Self {
        let mut r = RegState::unknown();
        r.mark_known(v);
        r
    }

    /// A pointer of `typ` at offset 0 with no variable part
    /// (`mark_reg_known_zero` plus the type).
    pub fn ptr(typ: BpfRegType) -> Self {
        let mut r = RegState::known(0);
        r.typ = typ;
        r
    }

    /// `__mark_reg_known`: every bit known.
    pub fn mark_known(&mut self, v: u64) {
        self.var_off = Tnum::konst(v);
        self.smin_value = v as i64;
        self.smax_value = v as i64;
        self.umin_value = v;
        self.umax_value = v;
        self.s32_min_value = v as u32 as i32;
        self.s32_max_value = v as u32 as i32;
        self.u32_min_value = v as u32;
        self.u32_max_value = v as u32;
        self.off = 0;
    }

    /// `__mark_reg32_known`: the low 32 bits are known.
    pub fn mark_known32(&mut self, v: u32) {
        self.var_off = self.var_off.const_subreg(v);
        self.s32_min_value = v as i32;
        self.s32_max_value = v as i32;
        self.u32_min_value = v;
        self.u32_max_value = v;
    }

    /// True for a scalar.
    pub fn is_scalar(&self) -> bool {
        self.typ == BpfRegType::Scalar
    }

    /// True for any pointer type.
    pub fn is_pointer(&self) -> bool {
        !matches!(self.typ, BpfRegType::Scalar | BpfRegType::NotInit)
    }

    /// `tnum_is_const(var_off)`.
    pub fn is_const(&self) -> bool {
        self.var_off.is_const()
    }

    /// A scalar known to be `v`.
    pub fn is_const_value(&self, v: u64) -> bool {
        self.is_scalar() && self.var_off.equals_const(v)
    }

    /// `register_is_null`: a scalar known to be 0.
    pub fn is_null(&self) -> bool {
        self.is_const_value(0)
    }

    /// `__mark_reg64_unbounded`.
    pub fn mark_reg64_unbounded(&mut self) {
        self.smin_value = i64::MIN;
        self.smax_value = i64::MAX;
        self.umin_value = 0;
        self.umax_value = u64::MAX;
    }

    /// `__mark_reg32_unbounded`.
    pub fn mark_reg32_unbounded(&mut self) {
        self.s32_min_value = i32::MIN;
        self.s32_max_value = i32::MAX;
        self.u32_min_value = 0;
        self.u32_max_value = u32::MAX;
    }

    /// `__mark_reg_unbounded`.
    pub fn mark_unbounded(&mut self) {
        self.mark_reg64_unbounded();
        self.mark_reg32_unbounded();
    }

    fn update_reg32_bounds(&mut self) {
        let v = self.var_off.subreg();
        let smin = (v.value | (v.mask & 0x8000_0000)) as u32 as i32;
        let smax = (v.value | (v.mask & 0x7fff_ffff)) as u32 as i32;
        self.s32_min_value = self.s32_min_value.max(smin);
        self.s32_max_value = self.s32_max_value.min(smax);
        self.u32_min_value = self.u32_min_value.max(v.value as u32);
        self.u32_max_value = self.u32_max_value.min((v.value | v.mask) as u32);
    }

    fn update_reg64_bounds(&mut self) {
        let v = self.var_off;
        self.smin_value = self
            .smin_value
            .max((v.value | (v.mask & (1u64 << 63))) as i64);
        self.smax_value = self
            .smax_value
            .min((v.value | (v.mask & (i64::MAX as u64))) as i64);
        self.umin_value = self.umin_value.max(v.value);
        self.umax_value = self.umax_value.min(v.value | v.mask);
    }

    fn reg32_deduce_bounds(&mut self) {
        if self.s32_min_value >= 0 || self.s32_max_value < 0 {
            let lo = (self.s32_min_value as u32).max(self.u32_min_value);
            let hi = (self.s32_max_value as u32).min(self.u32_max_value);
            self.s32_min_value = lo as i32;
            self.u32_min_value = lo;
            self.s32_max_value = hi as i32;
            self.u32_max_value = hi;
            return;
        }
        if (self.u32_max_value as i32) >= 0 {
            self.s32_min_value = self.u32_min_value as i32;
            let hi = (self.s32_max_value as u32).min(self.u32_max_value);
            self.s32_max_value = hi as i32;
            self.u32_max_value = hi;
        } else if (self.u32_min_value as i32) < 0 {
            let lo = (self.s32_min_value as u32).max(self.u32_min_value);
            self.s32_min_value = lo as i32;
            self.u32_min_value = lo;
            self.s32_max_value = self.u32_max_value as i32;
        }
    }

    fn reg64_deduce_bounds(&mut self) {
        if self.smin_value >= 0 || self.smax_value < 0 {
            let lo = (self.smin_value as u64).max(self.umin_value);
            let hi = (self.smax_value as u64).min(self.umax_value);
            self.smin_value = lo as i64;
            self.umin_value = lo;
            self.smax_value = hi as i64;
            self.umax_value = hi;
            return;
        }
        if (self.umax_value as i64) >= 0 {
            self.smin_value = self.umin_value as i64;
            let hi = (self.smax_value as u64).min(self.umax_value);
            self.smax_value = hi as i64;
            self.umax_value = hi;
        } else if (self.umin_value as i64) < 0 {
            let lo = (self.smin_value as u64).max(self.umin_value);
            self.smin_value = lo as i64;
            self.umin_value = lo;
            self.smax_value = self.umax_value as i64;
        }
    }

    fn reg_bound_offset(&mut self) {
        let v64 = self
            .var_off
            .intersect(Tnum::range(self.umin_value, self.umax_value));
        let v32 = self.var_off.subreg().intersect(Tnum::range(
            self.u32_min_value as u64,
            self.u32_max_value as u64,
        ));
        self.var_off = v64.clear_subreg().or(v32);
    }

    /// `reg_bounds_sync`: learn bounds from the tnum, the sign from the
    /// bounds, and bits from the bounds again.
    pub fn bounds_sync(&mut self) {
        self.update_reg32_bounds();
        self.update_reg64_bounds();
        self.reg32_deduce_bounds();
        self.reg64_deduce_bounds();
        self.reg_bound_offset();
        self.update_reg32_bounds();
        self.update_reg64_bounds();
    }

    /// `__reg32_deduce_bounds` of today's kernel: 32-bit bounds also from
    /// 64-bit ranges whose upper halves allow it.
    fn reg32_deduce_bounds_today(&mut self) {
        if (self.umin_value >> 32) == (self.umax_value >> 32) {
            self.u32_min_value = self.u32_min_value.max(self.umin_value as u32);
            self.u32_max_value = self.u32_max_value.min(self.umax_value as u32);
            if (self.umin_value as i32) <= (self.umax_value as i32) {
                self.s32_min_value = self.s32_min_value.max(self.umin_value as i32);
                self.s32_max_value = self.s32_max_value.min(self.umax_value as i32);
            }
        }
        if (self.smin_value >> 32) == (self.smax_value >> 32) {
            if (self.smin_value as u32) <= (self.smax_value as u32) {
                self.u32_min_value = self.u32_min_value.max(self.smin_value as u32);
                self.u32_max_value = self.u32_max_value.min(self.smax_value as u32);
            }
            if (self.smin_value as i32) <= (self.smax_value as i32) {
                self.s32_min_value = self.s32_min_value.max(self.smin_value as i32);
                self.s32_max_value = self.s32_max_value.min(self.smax_value as i32);
            }
        }
        // Upper halves two apart, the low halves an s32 range across 0.
        if ((self.umin_value >> 32) as u32).wrapping_add(1) == (self.umax_value >> 32) as u32
            && (self.umin_value as i32) < 0
            && (self.umax_value as i32) >= 0
        {
            self.s32_min_value = self.s32_min_value.max(self.umin_value as i32);
            self.s32_max_value = self.s32_max_value.min(self.umax_value as i32);
        }
        if ((self.smin_value >> 32) as u32).wrapping_add(1) == (self.smax_value >> 32) as u32
            && (self.smin_value as i32) < 0
            && (self.smax_value as i32) >= 0
        {
            self.s32_min_value = self.s32_min_value.max(self.smin_value as i32);
            self.s32_max_value = self.s32_max_value.min(self.smax_value as i32);
        }
        if (self.u32_min_value as i32) <= (self.u32_max_value as i32) {
            self.s32_min_value = self.s32_min_value.max(self.u32_min_value as i32);
            self.s32_max_value = self.s32_max_value.min(self.u32_max_value as i32);
        }
        if (self.s32_min_value as u32) <= (self.s32_max_value as u32) {
            self.u32_min_value = self.u32_min_value.max(self.s32_min_value as u32);
            self.u32_max_value = self.u32_max_value.min(self.s32_max_value as u32);
        }
    }

    /// `__reg64_deduce_bounds` of today's kernel.
    fn reg64_deduce_bounds_today(&mut self) {
        if (self.umin_value as i64) <= (self.umax_value as i64) {
            self.smin_value = self.smin_value.max(self.umin_value as i64);
            self.smax_value = self.smax_value.min(self.umax_value as i64);
        }
        if (self.smin_value as u64) <= (self.smax_value as u64) {
            self.umin_value = self.umin_value.max(self.smin_value as u64);
            self.umax_value = self.umax_value.min(self.smax_value as u64);
        } else if self.umax_value < self.smin_value as u64 {
            // The s64 range crosses the sign boundary and the u64 range
            // meets only its non-negative part: both become that part.
            self.smin_value = self.umin_value as i64;
            self.umax_value = self.umax_value.min(self.smax_value as u64);
        } else if (self.smax_value as u64) < self.umin_value {
            // ... or only its negative part.
            self.smax_value = self.umax_value as i64;
            self.umin_value = self.umin_value.max(self.smin_value as u64);
        }
    }

    /// `__reg_deduce_mixed_bounds`: 64-bit bounds from the 32-bit ones.
    fn reg_deduce_mixed_bounds(&mut self) {
        const HI: u64 = !0xffff_ffffu64;
        let new_umin = (self.umin_value & HI) | self.u32_min_value as u64;
        let new_umax = (self.umax_value & HI) | self.u32_max_value as u64;
        self.umin_value = self.umin_value.max(new_umin);
        self.umax_value = self.umax_value.min(new_umax);
        let new_smin = ((self.smin_value as u64 & HI) | self.u32_min_value as u64) as i64;
        let new_smax = ((self.smax_value as u64 & HI) | self.u32_max_value as u64) as i64;
        self.smin_value = self.smin_value.max(new_smin);
        self.smax_value = self.smax_value.min(new_smax);
        if self.s32_min_value >= 0
            && self.smin_value >= i32::MIN as i64
            && self.smax_value <= i32::MAX as i64
        {
            self.smin_value = self.s32_min_value as i64;
            self.smax_value = self.s32_max_value as i64;
            self.umin_value = self.s32_min_value as u64;
            self.umax_value = self.s32_max_value as u64;
            self.var_off = self
                .var_off
                .intersect(Tnum::range(self.smin_value as u64, self.smax_value as u64));
        }
    }

    /// `reg_bounds_sync` of today's kernel (Linux 6.18): the 32- and 64-bit
    /// bounds also learn from each other (three rounds of
    /// `__reg_deduce_bounds`). Used where the playground follows today's
    /// kernel (the branches of a conditional jump); elsewhere
    /// [`RegState::bounds_sync`] keeps the era's.
    pub fn bounds_sync_today(&mut self) {
        self.update_reg32_bounds();
        self.update_reg64_bounds();
        for _ in 0..3 {
            self.reg32_deduce_bounds_today();
            self.reg64_deduce_bounds_today();
            self.reg_deduce_mixed_bounds();
        }
        // `__reg_bound_offset`: the 32-bit half from the narrowed 64 bits.
        let v64 = self
            .var_off
            .intersect(Tnum::range(self.umin_value, self.umax_value));
        let v32 = v64.subreg().intersect(Tnum::range(
            self.u32_min_value as u64,
            self.u32_max_value as u64,
        ));
        self.var_off = v64.clear_subreg().or(v32);
        self.update_reg32_bounds();
        self.update_reg64_bounds();
    }

    /// `__reg_assign_32_into_64`.
    pub fn assign_32_into_64(&mut self) {
        self.umin_value = self.u32_min_value as u64;
        self.umax_value = self.u32_max_value as u64;
        if self.s32_min_value >= 0 && self.s32_max_value >= 0 {
            self.smin_value = self.s32_min_value as i64;
            self.smax_value = self.s32_max_value as i64;
        } else {
            self.smin_value = 0;
            self.smax_value = u32::MAX as i64;
        }
    }

    /// `__reg_combine_32_into_64`.
    pub fn combine_32_into_64(&mut self) {
        if self.var_off.clear_subreg().equals_const(0) {
            self.assign_32_into_64();
        } else {
            self.mark_reg64_unbounded();
        }
        self.bounds_sync();
    }

    /// `__reg_combine_64_into_32`.
    pub fn combine_64_into_32(&mut self) {
        self.mark_reg32_unbounded();
        let s32 = |a: i64| a >= i32::MIN as i64 && a <= i32::MAX as i64;
        if s32(self.smin_value) && s32(self.smax_value) {
            self.s32_min_value = self.smin_value as i32;
            self.s32_max_value = self.smax_value as i32;
        }
        if self.umin_value <= u32::MAX as u64 && self.umax_value <= u32::MAX as u64 {
            self.u32_min_value = self.umin_value as u32;
            self.u32_max_value = self.umax_value as u32;
        }
        self.bounds_sync();
    }

    /// `zext_32_to_64`: a 32-bit operation zero-extends its result.
    pub fn zext_32_to_64(&mut self) {
        self.var_off = self.var_off.subreg();
        self.assign_32_into_64();
    }

    /// `coerce_reg_to_size`: keep the low `size` bytes.
    pub fn coerce_to_size(&mut self, size: u32) {
        self.var_off = self.var_off.cast(size);
        let mask: u64 = if size >= 8 {
            u64::MAX
        } else {
            (1u64 << (size * 8)) - 1
        };
        if (self.umin_value & !mask) == (self.umax_value & !mask) {
            self.umin_value &= mask;
            self.umax_value &= mask;
        } else {
            self.umin_value = 0;
            self.umax_value = mask;
        }
        self.smin_value = self.umin_value as i64;
        self.smax_value = self.umax_value as i64;
        if size >= 4 {
            return;
        }
        self.combine_64_into_32();
    }

    /// `reg_type_str`: `map_value_or_null`, `rdonly_mem`, `ringbuf_mem`
    /// (`MEM_RINGBUF`, named so since the bpf-next the series is based on), ...
    pub fn type_str(&self) -> String {
        let mut s = String::new();
        if self.rdonly {
            s.push_str("rdonly_");
        }
        if self.ringbuf {
            s.push_str("ringbuf_");
        }
        s.push_str(self.typ.base_str());
        if self.maybe_null {
            s.push_str("_or_null");
        }
        s
    }

    /// The register as the kernel's log prints it after `R1=`
    /// (`print_verifier_state`): `0`, `fp-16`, `ctx(off=0,imm=0)`,
    /// `scalar(umax=255,var_off=(0x0; 0xff))`.
    pub fn log_str(&self, key_value: Option<(u32, u32)>) -> String {
        let t = self.typ;
        if (t == BpfRegType::Scalar || t == BpfRegType::PtrToStack) && self.var_off.is_const() {
            let v = (self.var_off.value as i64).wrapping_add(self.off as i64);
            return if t == BpfRegType::Scalar {
                format!("{v}")
            } else {
                format!("fp{v}")
            };
        }
        let mut parts: Vec<String> = Vec::new();
        if self.id != 0 {
            parts.push(format!("id={}", self.id));
        }
        if self.ref_obj_id != 0 {
            parts.push(format!("ref_obj_id={}", self.ref_obj_id));
        }
        if t != BpfRegType::Scalar {
            parts.push(format!("off={}", self.off));
        }
        if t.is_pkt_pointer() {
            parts.push(format!("r={}", self.range));
        } else if let Some((ks, vs)) = key_value {
            if matches!(
                t,
                BpfRegType::ConstPtrToMap | BpfRegType::PtrToMapKey | BpfRegType::PtrToMapValue
            ) {
                parts.push(format!("ks={ks},vs={vs}"));
            }
        }
        if self.var_off.is_const() {
            parts.push(format!("imm={:x}", self.var_off.value));
        } else {
            if self.smin_value as u64 != self.umin_value && self.smin_value != i64::MIN {
                parts.push(format!("smin={}", self.smin_value));
            }
            if self.smax_value as u64 != self.umax_value && self.smax_value != i64::MAX {
                parts.push(format!("smax={}", self.smax_value));
            }
            if self.umin_value != 0 {
                parts.push(format!("umin={}", self.umin_value));
            }
            if self.umax_value != u64::MAX {
                parts.push(format!("umax={}", self.umax_value));
            }
            if !self.var_off.is_unknown() {
                parts.push(format!("var_off={}", self.var_off));
            }
            if self.s32_min_value as i64 != self.smin_value && self.s32_min_value != i32::MIN {
                parts.push(format!("s32_min={}", self.s32_min_value));
            }
            if self.s32_max_value as i64 != self.smax_value && self.s32_max_value != i32::MAX {
                parts.push(format!("s32_max={}", self.s32_max_value));
            }
            if self.u32_min_value as u64 != self.umin_value && self.u32_min_value != 0 {
                parts.push(format!("u32_min={}", self.u32_min_value));
            }
            if self.u32_max_value as u64 != self.umax_value && self.u32_max_value != u32::MAX {
                parts.push(format!("u32_max={}", self.u32_max_value));
            }
        }
        format!("{}({})", self.type_str(), parts.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_prints_as_number() {
        assert_eq!(RegState::known(5).log_str(None), "5");
        assert_eq!(RegState::known(u64::MAX).log_str(None), "-1");
        let mut fp = RegState::ptr(BpfRegType::PtrToStack);
        fp.off = -16;
        assert_eq!(fp.log_str(None), "fp-16");
        assert_eq!(
            RegState::ptr(BpfRegType::PtrToCtx).log_str(None),
            "ctx(off=0,imm=0)"
        );
    }

    #[test]
    fn byte_load_bounds() {
        let mut r = RegState::unknown();
        r.coerce_to_size(1);
        assert_eq!(r.umax_value, 255);
        assert_eq!(r.log_str(None), "scalar(umax=255,var_off=(0x0; 0xff))");
        assert_eq!(RegState::unknown().log_str(None), "scalar()");
    }

    #[test]
    fn sync_learns_from_bounds() {
        let mut r = RegState::unknown();
        r.umax_value = 15;
        r.combine_64_into_32();
        assert_eq!(r.var_off, Tnum { value: 0, mask: 15 });
        assert_eq!(r.smax_value, 15);
        assert_eq!(r.smin_value, 0);
        assert_eq!(r.u32_max_value, 15);
    }
}

//! Helper calls (`check_helper_call`, `check_func_arg`), driven by the
//! prototypes of the catalog: register types per argument, sizes,
//! references acquired and released, dynptr construction and release,
//! callbacks, and what R0 holds afterwards.

use super::dynptr::{arg_to_dynptr_kind, DynptrInfo};
use super::env::{Env, VErr, VResult};
use super::explain::RejectKind;
use super::messages;
use super::profile::KernelProfile;
use super::provenance::Role;
use super::reg_state::{BpfRegType, RegState};
use crate::catalog::{self, flags, ArgBase, ArgType, FuncDef, RetType};
use crate::dynptr::DynptrKind;
use crate::isa::*;
use crate::program::MapType;

/// `BPF_MAX_VAR_SIZ`.
const BPF_MAX_VAR_SIZ: u64 = 1 << 29;

/// What the argument checks learned (`struct bpf_call_arg_meta`).
#[derive(Debug, Default, Clone)]
pub(crate) struct CallMeta {
    pub map_idx: Option<u32>,
    pub raw_mode: bool,
    pub raw_access: Option<(RegState, i64)>,
    pub mem_size: Option<u64>,
    pub uninit_dynptr: Option<(usize, usize)>,
    pub release_regno: Option<usize>,
    pub ref_obj_id: u32,
    pub subprogno: Option<u32>,
    pub dynptr: Option<DynptrInfo>,
}

fn e(kind: RejectKind, m: String) -> VErr {
    VErr::new(kind, m)
}

/// The register types an argument accepts, as the kernel prints them in
/// "R1 type=scalar expected=...".
fn expected_types(env_wording: KernelProfile, a: ArgType) -> String {
    match a.base {
        ArgBase::PtrToMapKey | ArgBase::PtrToMapValue => {
            messages::mem_expected_types(env_wording, true).into()
        }
        ArgBase::PtrToMem | ArgBase::PtrToMemOpt => {
            messages::mem_expected_types(env_wording, false).into()
        }
        ArgBase::ConstSize
        | ArgBase::ConstSizeOrZero
        | ArgBase::ConstAllocSizeOrZero
        | ArgBase::ConstSizeK => "scalar".into(),
        ArgBase::ConstMapPtr => "map_ptr".into(),
        ArgBase::PtrToCtx => "ctx".into(),
        ArgBase::PtrToFunc => "func".into(),
        ArgBase::PtrToStack | ArgBase::PtrToIterNum => "fp".into(),
        ArgBase::PtrToDynptr => messages::dynptr_expected_types(env_wording).into(),
        ArgBase::PtrToAllocMem => "ringbuf_mem".into(),
        ArgBase::PtrToConstStr => "map_value".into(),
        ArgBase::Ign => "any".into(),
        ArgBase::Anything => "scalar".into(),
    }
}

/// `check_reg_type`: is the register's type one the argument accepts?
fn reg_type_ok(a: ArgType, r: &RegState) -> bool {
    let maybe_null_ok = a.has(flags::PTR_MAYBE_NULL);
    if r.maybe_null && !maybe_null_ok {
        return false;
    }
    if r.rdonly && !a.has(flags::MEM_RDONLY) {
        // A read-only region only fits arguments the helper only reads.
        if matches!(a.base, ArgBase::PtrToMem) && !a.has(flags::MEM_UNINIT) {
            return false;
        }
        if matches!(a.base, ArgBase::PtrToMem) {
            return false;
        }
    }
    use BpfRegType::*;
    match a.base {
        ArgBase::PtrToMapKey | ArgBase::PtrToMapValue => {
            matches!(
                r.typ,
                PtrToStack | PtrToPacket | PtrToPacketMeta | PtrToMapKey | PtrToMapValue
            )
        }
        ArgBase::PtrToMem | ArgBase::PtrToMemOpt => {
            matches!(
                r.typ,
                PtrToStack | PtrToPacket | PtrToPacketMeta | PtrToMapKey | PtrToMapValue | PtrToMem
            )
        }
        ArgBase::ConstSize
        | ArgBase::ConstSizeOrZero
        | ArgBase::ConstAllocSizeOrZero
        | ArgBase::ConstSizeK
        | ArgBase::Anything => r.typ == Scalar,
        ArgBase::ConstMapPtr => r.typ == ConstPtrToMap,
        ArgBase::PtrToCtx => r.typ == PtrToCtx,
        ArgBase::PtrToFunc => r.typ == PtrToFunc,
        ArgBase::PtrToStack | ArgBase::PtrToIterNum => r.typ == PtrToStack,
        ArgBase::PtrToDynptr => matches!(r.typ, PtrToStack | PtrToDynptr),
        ArgBase::PtrToAllocMem => r.typ == PtrToMem && r.ringbuf,
        ArgBase::PtrToConstStr => r.typ == PtrToMapValue,
        ArgBase::Ign => true,
    }
}

/// Helpers allowed to read packet memory directly (`.pkt_access`).
fn helper_pkt_access(name: &str) -> bool {
    matches!(
        name,
        "bpf_map_lookup_elem" | "bpf_map_update_elem" | "bpf_map_delete_elem"
    )
}

/// `check_map_func_compatibility`.
fn map_func_compatible(map: MapType, fname: &str) -> bool {
    let rb_func = matches!(
        fname,
        "bpf_ringbuf_output"
            | "bpf_ringbuf_reserve"
            | "bpf_ringbuf_query"
            | "bpf_ringbuf_reserve_dynptr"
            | "bpf_ringbuf_submit_dynptr"
            | "bpf_ringbuf_discard_dynptr"
    );
    (map == MapType::Ringbuf) == rb_func
}

impl Env<'_> {
    /// A call instruction: helper, kfunc or bpf-to-bpf. Returns the next
    /// instruction of this path.
    pub(crate) fn check_call(&mut self, insn: Insn) -> VResult<usize> {
        let idx = self.insn_idx;
        if insn.src_bit() == BPF_X {
            return Err(e(
                RejectKind::BadInsn,
                "BPF_CALL uses reserved fields".into(),
            ));
        }
        match insn.src_reg {
            BPF_PSEUDO_CALL => self.check_func_call(insn),
            BPF_PSEUDO_KFUNC_CALL => {
                self.check_kfunc_call(insn)?;
                Ok(idx + 1)
            }
            _ => self.check_helper_call(insn),
        }
    }

    /// `check_helper_call`.
    fn check_helper_call(&mut self, insn: Insn) -> VResult<usize> {
        let idx = self.insn_idx;
        let id = insn.imm;
        let series_only = u32::try_from(id).is_ok_and(catalog::is_series_helper);
        let known = if series_only && !self.opts.kernel.has_series_helpers() {
            None
        } else {
            u32::try_from(id).ok().and_then(catalog::helper)
        };
        let Some(f) = known else {
            return Err(e(
                RejectKind::UnknownFunc,
                format!("invalid func unknown#{id}"),
            ));
        };
        if !f.availability.allows(self.prog.prog_type) {
            return Err(e(
                RejectKind::UnknownFunc,
                format!("unknown func {}#{}", f.name, id),
            ));
        }
        let mut meta = CallMeta::default();
        for (i, a) in f.proto.args.iter().enumerate() {
            self.check_func_arg(f, i, *a, &mut meta)?;
        }
        // record_func_map: the helpers that change a map are refused on a
        // map the program may not write (BPF_F_RDONLY_PROG), in the era's
        // kernel and today's.
        if matches!(f.name, "bpf_map_update_elem" | "bpf_map_delete_elem")
            && meta
                .map_idx
                .and_then(|i| self.prog.maps.get(i as usize))
                .is_some_and(|m| m.read_only_prog())
        {
            return Err(e(RejectKind::MapAccess, "write into map forbidden".into()));
        }
        // Memory the helper writes becomes STACK_MISC.
        if let Some((reg, size)) = meta.raw_access.take() {
            if reg.typ == BpfRegType::PtrToStack {
                self.mark_helper_stack_write(&reg, size)?;
            }
        }
        if let Some((regno, argno)) = meta.uninit_dynptr {
            let reg = self.cur.regs()[regno];
            // The helper writes the 16 bytes of the dynptr.
            self.check_stack_access_within_bounds(
                regno,
                &reg,
                reg.off as i64,
                16,
                super::mem::Access::Write,
                false,
            )?;
            let kind = arg_to_dynptr_kind(f.proto.args[argno].flags);
            let clone_of = if f.name == "bpf_dynptr_clone" {
                meta.dynptr
            } else {
                None
            };
            let kind = match (kind, clone_of) {
                (Some(k), _) => k,
                (None, Some(p)) => p.kind,
                (None, None) => {
                    return Err(e(
                        RejectKind::Other,
                        "verifier internal error: no parent dynptr in bpf_dynptr_clone()".into(),
                    ))
                }
            };
            self.mark_stack_slots_dynptr(&reg, kind, clone_of, f.name)?;
        }
        if let Some(regno) = meta.release_regno {
            let reg = self.cur.regs()[regno];
            let argty = f.proto.args[regno - 1];
            if argty.base == ArgBase::PtrToDynptr {
                self.unmark_stack_slots_dynptr(&reg, f.name)?;
            } else if meta.ref_obj_id != 0 {
                if !self.release_reference(meta.ref_obj_id) {
                    return Err(e(
                        RejectKind::RefNotAcquired,
                        format!(
                            "func {}#{} reference has not been acquired before",
                            f.name, id
                        ),
                    ));
                }
                let rid = meta.ref_obj_id;
                self.note_role(
                    Some(Role::Released),
                    format!(
                        "{} released the ring buffer record (reference id={rid})",
                        f.name
                    ),
                    None,
                    Vec::new(),
                    Some(regno as u8),
                    rid,
                );
            } else if !reg.is_null() {
                return Err(e(
                    RejectKind::RefNotAcquired,
                    format!(
                        "func {}#{} reference has not been acquired before",
                        f.name, id
                    ),
                ));
            }
        }
        // The kernel (the era's and today's) builds local dynptrs over map values only.
        if f.name == "bpf_dynptr_from_mem" {
            let r1 = &self.cur.regs()[1];
            if r1.typ != BpfRegType::PtrToMapValue {
                return Err(e(
                    RejectKind::ArgType,
                    format!(
                        "Unsupported reg type {} for bpf_dynptr_from_mem data",
                        r1.type_str()
                    ),
                ));
            }
        }
        // bpf_dynptr_write on an skb (or skb metadata) dynptr may pull
        // data: slices die.
        if f.name == "bpf_dynptr_write"
            && meta
                .dynptr
                .is_some_and(|d| matches!(d.kind, DynptrKind::Skb | DynptrKind::SkbMeta))
        {
            self.clear_all_pkt_pointers();
        }
        let mut next = idx + 1;
        if matches!(f.name, "bpf_loop" | "bpf_dynptr_iterator") {
            let Some(sub) = meta.subprogno else {
                return Err(e(
                    RejectKind::Call,
                    "verifier internal error: callback without subprog".into(),
                ));
            };
            if self.iterates_callbacks() {
                // The callback's walk is pushed; this path goes on after
                // the call as if it ran zero times.
                self.push_callback_call(f.name, sub as usize, &meta)?;
            } else {
                next = self.setup_callback(f.name, sub as usize, &meta)?;
                // The caller's registers are set below, in the caller's frame.
                let caller = self.cur.curframe() - 1;
                self.finish_helper_regs(f, &meta, Some(caller))?;
                return Ok(next);
            }
        }
        self.finish_helper_regs(f, &meta, None)?;
        if f.changes_pkt_data {
            self.clear_all_pkt_pointers();
        }
        next = next.max(idx + 1);
        Ok(next)
    }

    /// Reset caller-saved registers and set R0 from the return type.
    fn finish_helper_regs(
        &mut self,
        f: &FuncDef,
        meta: &CallMeta,
        frame: Option<usize>,
    ) -> VResult<()> {
        let frame = frame.unwrap_or_else(|| self.cur.curframe());
        for r in 1..=5 {
            self.cur.frames[frame].regs[r] = RegState::not_init();
            if frame == self.cur.curframe() {
                self.scratched_regs |= 1 << r;
            }
        }
        let mut r0 = match f.proto.ret {
            RetType::Integer => RegState::unknown(),
            RetType::Void => RegState::not_init(),
            RetType::PtrToMapValueOrNull => {
                let mut r = RegState::ptr(BpfRegType::PtrToMapValue);
                r.maybe_null = true;
                r.map_idx = meta.map_idx.unwrap_or(0);
                self.id_gen += 1;
                r.id = self.id_gen;
                r
            }
            RetType::PtrToAllocMemOrNull => {
                let mut r = RegState::ptr(BpfRegType::PtrToMem);
                r.maybe_null = true;
                r.ringbuf = true;
                r.mem_size = meta.mem_size.unwrap_or(0) as u32;
                self.id_gen += 1;
                let rid = self.acquire_reference_state();
                r.id = rid;
                r.ref_obj_id = rid;
                self.note_role(
                    Some(Role::Acquired),
                    format!(
                        "{} reserved a ring buffer record (reference id={rid})",
                        f.name
                    ),
                    None,
                    Vec::new(),
                    Some(0),
                    rid,
                );
                r
            }
            RetType::PtrToDynptrMemOrNull
            | RetType::DynptrSliceOrNull
            | RetType::DynptrSliceRdonlyOrNull
            | RetType::IterNumNextOrNull => {
                let mut r = RegState::ptr(BpfRegType::PtrToMem);
                r.maybe_null = true;
                r.mem_size = meta.mem_size.unwrap_or(0) as u32;
                self.id_gen += 1;
                r.id = self.id_gen;
                if let Some(d) = meta.dynptr {
                    r.ref_obj_id = d.ref_obj_id;
                    r.dynptr_id = d.dynptr_id;
                    if d.kind.is_packet() {
                        r.pkt_slice = true;
                        if !super::mem::may_access_pkt(
                            self.prog.prog_type,
                            super::mem::Access::Write,
                        ) {
                            r.rdonly = true;
                        }
                    }
                }
                if f.proto.ret == RetType::DynptrSliceRdonlyOrNull {
                    r.rdonly = true;
                }
                if let Some(d) = meta.dynptr {
                    self.note_slice(f.name, &d, r.mem_size);
                }
                r
            }
        };
        r0.live_written = true;
        self.cur.frames[frame].regs[0] = r0;
        if frame == self.cur.curframe() {
            self.scratched_regs |= 1;
        }
        Ok(())
    }

    /// `check_func_arg` for argument `i` (R{i+1}).
    fn check_func_arg(
        &mut self,
        f: &FuncDef,
        i: usize,
        a: ArgType,
        meta: &mut CallMeta,
    ) -> VResult<()> {
        let regno = i + 1;
        self.check_reg_read(regno)?;
        let reg = self.cur.regs()[regno];
        if matches!(a.base, ArgBase::Anything | ArgBase::Ign) {
            return Ok(());
        }
        if (reg.typ.is_pkt_pointer()) && !helper_pkt_access(f.name) {
            return Err(e(
                RejectKind::PacketAccess,
                "helper access to the packet is not allowed".into(),
            ));
        }
        let skip_type_check = reg.is_null() && a.has(flags::PTR_MAYBE_NULL);
        if !skip_type_check {
            if !reg_type_ok(a, &reg) {
                return Err(e(
                    RejectKind::ArgType,
                    format!(
                        "R{} type={} expected={}",
                        regno,
                        reg.type_str(),
                        expected_types(self.opts.kernel, a)
                    ),
                ));
            }
            self.check_func_arg_reg_off(&reg, regno, a)?;
        }
        if a.has(flags::OBJ_RELEASE) {
            if a.base == ArgBase::PtrToDynptr {
                let info = if reg.typ == BpfRegType::PtrToStack {
                    self.dynptr_info(&reg)
                } else {
                    None
                };
                let ok = info.is_some_and(|d| d.ref_obj_id != 0) && {
                    let spi = Self::dynptr_spi(&reg);
                    super::stack::is_spi_bounds_valid(spi, 2)
                };
                if !ok {
                    let at = (reg.typ == BpfRegType::PtrToStack).then_some((reg.frameno, reg.off));
                    return Err(e(
                        RejectKind::UnacquiredRef,
                        format!("arg {regno} is an unacquired reference"),
                    )
                    .about(at, 0));
                }
            } else if reg.ref_obj_id == 0 && !reg.is_null() {
                return Err(e(
                    RejectKind::RefNotAcquired,
                    format!("R{regno} must be referenced when passed to release function"),
                ));
            }
            meta.release_regno = Some(regno);
        }
        if reg.ref_obj_id != 0 {
            if meta.ref_obj_id != 0 && meta.ref_obj_id != reg.ref_obj_id {
                return Err(e(
                    RejectKind::Other,
                    format!(
                        "verifier internal error: more than one arg with ref_obj_id R{} {} {}",
                        regno, reg.ref_obj_id, meta.ref_obj_id
                    ),
                ));
            }
            meta.ref_obj_id = reg.ref_obj_id;
        }
        match a.base {
            ArgBase::ConstMapPtr => {
                meta.map_idx = Some(reg.map_idx);
                if let Some(m) = self.prog.maps.get(reg.map_idx as usize) {
                    if !map_func_compatible(m.map_type, f.name) {
                        return Err(e(
                            RejectKind::ArgType,
                            format!(
                                "cannot pass map_type {} into func {}#{}",
                                m.map_type.kernel_id(),
                                f.name,
                                helper_id(f)
                            ),
                        ));
                    }
                }
            }
            ArgBase::PtrToMapKey | ArgBase::PtrToMapValue => {
                let Some(m) = meta.map_idx.and_then(|i| self.prog.maps.get(i as usize)) else {
                    return Err(e(
                        RejectKind::Other,
                        "invalid map_ptr to access map->key".into(),
                    ));
                };
                let size = if a.base == ArgBase::PtrToMapKey {
                    m.key_size
                } else {
                    m.value_size
                };
                self.check_helper_mem_access(regno, size as i64, false, false)?;
            }
            ArgBase::PtrToMem | ArgBase::PtrToMemOpt => {
                meta.raw_mode = a.has(flags::MEM_UNINIT);
            }
            ArgBase::ConstSize | ArgBase::ConstSizeOrZero | ArgBase::ConstSizeK => {
                let zero_ok = a.base != ArgBase::ConstSize;
                self.check_mem_size_reg(&reg, regno, zero_ok, meta, a.base == ArgBase::ConstSizeK)?;
            }
            ArgBase::ConstAllocSizeOrZero => {
                if !reg.var_off.is_const() {
                    return Err(e(
                        RejectKind::SizeArg,
                        format!("R{regno} is not a known constant'"),
                    ));
                }
                meta.mem_size = Some(reg.var_off.value);
            }
            ArgBase::PtrToFunc => meta.subprogno = Some(reg.subprogno),
            ArgBase::PtrToDynptr => self.check_dynptr_arg(f.name, &reg, regno, i, a, meta)?,
            ArgBase::PtrToConstStr => self.check_reg_const_str(&reg, regno)?,
            _ => {}
        }
        Ok(())
    }

    /// The dynptr rules of `check_func_arg` (series era).
    pub(crate) fn check_dynptr_arg(
        &mut self,
        fname: &str,
        reg: &RegState,
        regno: usize,
        argno: usize,
        a: ArgType,
        meta: &mut CallMeta,
    ) -> VResult<()> {
        let w = self.opts.kernel;
        if reg.typ == BpfRegType::PtrToDynptr {
            if a.has(flags::MEM_UNINIT) {
                return Err(e(
                    RejectKind::DynptrAlreadyInit,
                    "PTR_TO_DYNPTR is already an initialized dynptr".into(),
                ));
            }
            if meta.dynptr.is_none() {
                meta.dynptr = self.dynptr_info(reg);
            }
            return Ok(());
        }
        let at = if reg.var_off.is_const() {
            Some((reg.frameno, reg.off.wrapping_add(reg.var_off.value as i32)))
        } else {
            None
        };
        if a.has(flags::MEM_UNINIT) {
            if !self.is_dynptr_reg_valid_uninit(reg) {
                return Err(e(
                    RejectKind::DynptrNotUninit,
                    messages::dynptr_not_uninit(w).into(),
                )
                .about(at, 0));
            }
            if meta.uninit_dynptr.is_some() {
                return Err(e(
                    RejectKind::Other,
                    "verifier internal error: multiple uninitialized dynptr args".into(),
                ));
            }
            meta.uninit_dynptr = Some((regno, argno));
        } else if !self.is_dynptr_reg_valid_init(reg) {
            return Err(e(
                RejectKind::UninitDynptrArg,
                messages::expected_initialized_dynptr(w, argno),
            )
            .about(at, 0));
        } else {
            let info = self.dynptr_info(reg);
            if let Some(DynptrInfo {
                at: Some((fr, off)),
                ..
            }) = info
            {
                if fr as usize == self.cur.curframe() {
                    let spi = super::stack::get_spi(off as i64);
                    if spi >= 1 {
                        self.scratched_stack |= 3u64 << ((spi - 1) as u64 & 62);
                    }
                }
            }
            if let (Some(want), Some(have)) = (arg_to_dynptr_kind(a.flags), info) {
                if want != have.kind {
                    return Err(e(
                        RejectKind::DynptrTypeMismatch,
                        messages::expected_dynptr_type(w, want.name(), argno),
                    ));
                }
            }
            if meta.dynptr.is_none() {
                meta.dynptr = info;
            }
        }
        let _ = fname;
        Ok(())
    }

    /// `check_reg_const_str`: a string the verifier can read now, in a
    /// read-only map (`.rodata`, frozen before the load), at a constant
    /// offset, NUL-terminated inside the value.
    fn check_reg_const_str(&mut self, reg: &RegState, regno: usize) -> VResult<()> {
        let Some(m) = self.prog.maps.get(reg.map_idx as usize) else {
            return Err(e(
                RejectKind::Other,
                "verifier internal error: map_value without a map".into(),
            ));
        };
        let (vs, image) = (m.value_size as i64, m.initial_value.clone());
        if !m.frozen_read_only() {
            return Err(e(
                RejectKind::MapAccess,
                format!("R{regno} does not point to a readonly map'"),
            ));
        }
        if !reg.var_off.is_const() {
            return Err(e(
                RejectKind::MapAccess,
                format!("R{regno} is not a constant address'"),
            ));
        }
        self.check_mem_region_access(regno, reg, reg.off as i64, vs - reg.off as i64, vs, false)?;
        let map_off = (reg.off as i64 + reg.var_off.value as i64) as usize;
        let image = image.unwrap_or_default();
        let rest = image.get(map_off..).unwrap_or(&[]);
        // Bytes past the image are zeros (the section's value is zero-filled).
        let terminated = rest.contains(&0) || (map_off as i64) + (rest.len() as i64) < vs;
        if !terminated {
            return Err(e(
                RejectKind::ArgType,
                "string is not zero-terminated".into(),
            ));
        }
        Ok(())
    }

    /// `check_func_arg_reg_off`.
    /// Today's `dynptr_get_spi` on a stack pointer (`stack_slot_obj_get_spi`):
    /// a variable offset, an offset off a slot boundary, or one too close
    /// to the frame's top for the dynptr's two slots is refused with its
    /// line, then `process_dynptr_func`'s (the constructor's "Dynptr has
    /// to be an uninitialized dynptr", or "Expected an initialized dynptr
    /// as arg #N"). `None` when the slots are fine.
    pub(crate) fn dynptr_spi_error_today(
        &self,
        reg: &RegState,
        argno: usize,
        a: ArgType,
    ) -> Option<VErr> {
        let first = if !reg.var_off.is_const() {
            "dynptr has to be at a constant offset".to_string()
        } else {
            let off = reg.off as i64 + reg.var_off.value as i64;
            // __get_spi(off) + 1 < BPF_DYNPTR_NR_SLOTS: off above -16.
            if off % 8 == 0 && off <= -16 {
                return None;
            }
            format!("cannot pass in dynptr at an offset={off}")
        };
        let w = self.opts.kernel;
        Some(if a.has(flags::MEM_UNINIT) {
            e(
                RejectKind::DynptrOffset,
                format!("{first}\n{}", messages::dynptr_not_uninit(w)),
            )
        } else if a.has(flags::OBJ_RELEASE) && reg.var_off.is_const() {
            e(
                RejectKind::UninitDynptrArg,
                messages::expected_initialized_dynptr(w, argno),
            )
        } else {
            e(
                RejectKind::UninitDynptrArg,
                format!(
                    "{first}\n{}",
                    messages::expected_initialized_dynptr(w, argno)
                ),
            )
        })
    }

    pub(crate) fn check_func_arg_reg_off(
        &self,
        reg: &RegState,
        regno: usize,
        a: ArgType,
    ) -> VResult<()> {
        let release = a.has(flags::OBJ_RELEASE);
        match reg.typ {
            BpfRegType::PtrToStack
                if a.base == ArgBase::PtrToDynptr
                    && self.opts.kernel.dynptr_offset_messages_today() =>
            {
                match self.dynptr_spi_error_today(reg, regno - 1, a) {
                    Some(err) => Err(err),
                    None => Ok(()),
                }
            }
            BpfRegType::PtrToStack if a.base == ArgBase::PtrToDynptr => {
                if !reg.var_off.is_const() {
                    return Err(e(
                        RejectKind::DynptrOffset,
                        "dynptr has to be at a constant offset".into(),
                    ));
                }
                // The era's wording (today's is dynptr_spi_error_today).
                let off = reg.off as i64 + reg.var_off.value as i64;
                if off % 8 != 0 {
                    return Err(e(
                        RejectKind::DynptrOffset,
                        "cannot pass in dynptr at an offset".into(),
                    ));
                }
                Ok(())
            }
            BpfRegType::PtrToStack
            | BpfRegType::PtrToPacket
            | BpfRegType::PtrToPacketMeta
            | BpfRegType::PtrToMapKey
            | BpfRegType::PtrToMapValue
            | BpfRegType::Scalar => Ok(()),
            BpfRegType::PtrToMem if !release => Ok(()),
            _ => {
                if release && reg.off != 0 {
                    return Err(e(
                        RejectKind::RefNotAcquired,
                        format!("R{regno} must have zero offset when passed to release func"),
                    ));
                }
                self.check_ptr_off_reg(reg, regno, false)
            }
        }
    }

    /// `check_mem_size_reg`: the size argument after a memory argument.
    fn check_mem_size_reg(
        &mut self,
        reg: &RegState,
        regno: usize,
        zero_ok: bool,
        meta: &mut CallMeta,
        must_be_const: bool,
    ) -> VResult<()> {
        if must_be_const && !reg.var_off.is_const() {
            return Err(e(
                RejectKind::SizeArg,
                format!("R{regno} must be a known constant"),
            ));
        }
        let mem_regno = regno - 1;
        let mem = self.cur.regs()[mem_regno];
        if must_be_const && mem.is_null() {
            meta.mem_size = Some(reg.var_off.value);
            return Ok(());
        }
        let mut raw = meta.raw_mode;
        if !reg.var_off.is_const() {
            raw = false;
        }
        check_size_bounds(reg, regno, zero_ok)?;
        // A variable size drops raw mode, as in the kernel (`meta =
        // NULL`): the memory must be initialised, and what the helper may
        // write is clobbered.
        let needs_mark = self.check_helper_mem_access_w(
            mem_regno,
            reg.umax_value as i64,
            zero_ok,
            raw,
            meta.raw_mode,
        )?;
        if needs_mark || (raw && mem.typ == BpfRegType::PtrToStack) {
            meta.raw_access = Some((mem, reg.umax_value as i64));
        }
        meta.mem_size = Some(reg.var_off.value);
        Ok(())
    }
}

/// The bounds `check_mem_size_reg` asks of a size register, helpers' and
/// kfuncs' alike: not negative, not zero unless `zero_ok`, below
/// `BPF_MAX_VAR_SIZ`.
pub(crate) fn check_size_bounds(reg: &RegState, regno: usize, zero_ok: bool) -> VResult<()> {
    if reg.smin_value < 0 {
        return Err(e(
            RejectKind::SizeArg,
            format!("R{regno} min value is negative, either use unsigned or 'var &= const'"),
        ));
    }
    if reg.umin_value == 0 && !zero_ok {
        return Err(e(
            RejectKind::SizeArg,
            "invalid zero-sized read".to_string(),
        ));
    }
    if reg.umax_value >= BPF_MAX_VAR_SIZ {
        return Err(e(
            RejectKind::SizeArg,
            format!("R{regno} unbounded memory access, use 'var &= const' or 'if (var < const)'"),
        ));
    }
    Ok(())
}

fn helper_id(f: &FuncDef) -> i64 {
    match f.kind {
        catalog::FuncKind::Helper { id } => id as i64,
        catalog::FuncKind::Kfunc { btf_id } => btf_id as i64,
    }
}

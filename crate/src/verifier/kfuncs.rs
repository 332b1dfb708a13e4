//! Kfunc calls (`check_kfunc_call`), the upstream flavour of the dynptr
//! operations (`bpf_dynptr_adjust`, `_slice`, `_clone`, ...) and the
//! open-coded number iterator (`bpf_iter_num_new/next/destroy`, an 8-byte
//! `STACK_ITER` slot holding a reference).

use super::dynptr::arg_to_dynptr_kind;
use super::env::{Env, VErr, VResult};
use super::explain::RejectKind;
use super::helpers::CallMeta;
use super::messages;
use super::reg_state::{BpfRegType, RegState};
use super::stack::{get_spi, SlotType, BPF_REG_SIZE, STACK_SLOTS};
use crate::catalog::{self, flags, ArgBase, RetType};
use crate::isa::Insn;

fn e(kind: RejectKind, m: String) -> VErr {
    VErr::new(kind, m)
}

impl Env<'_> {
    /// A kfunc's stack buffer may hold anything but dynptr or iterator bytes.
    fn check_kfunc_stack_buffer(&self, regno: usize, buf: &RegState, size: i64) -> VResult<()> {
        if !buf.var_off.is_const() {
            return Ok(());
        }
        let start = buf.off as i64 + buf.var_off.value as i64;
        let frame = buf.frameno as usize;
        for i in 0..size {
            let slot = -(start + i) - 1;
            if slot < 0 {
                break;
            }
            let (spi, b) = ((slot / 8) as usize, (slot % 8) as usize);
            let Some(s) = self.cur.frames.get(frame).and_then(|f| f.stack.get(spi)) else {
                break;
            };
            if matches!(s.slot_type[b], SlotType::Dynptr | SlotType::Iter) {
                let ind = self.opts.kernel.indirect_read_word();
                return Err(e(
                    RejectKind::StackRead,
                    format!("invalid{ind} read from stack R{regno} off {start}+{i} size {size}"),
                ));
            }
        }
        Ok(())
    }

    /// True when `idx` calls `bpf_iter_num_next` (a loop head the kernel
    /// lets converge).
    pub(crate) fn is_iter_next_insn(&self, idx: usize) -> bool {
        self.insns.get(idx).is_some_and(|i| {
            i.is_kfunc_call()
                && catalog::kfunc(i.imm as u32).is_some_and(|f| f.name == "bpf_iter_num_next")
        })
    }

    /// True at a helper call that runs a callback (`bpf_calls_callback`).
    pub(crate) fn is_callback_call_insn(&self, idx: usize) -> bool {
        self.insns.get(idx).is_some_and(|i| {
            let id = u32::try_from(i.imm).unwrap_or(u32::MAX);
            i.is_helper_call()
                && (self.opts.kernel.has_series_helpers() || !catalog::is_series_helper(id))
                && catalog::helper(id)
                    .is_some_and(|f| matches!(f.name, "bpf_loop" | "bpf_dynptr_iterator"))
        })
    }

    /// Callbacks verified as loops (Linux 6.7's "verify callbacks as if
    /// they are called unknown number of times", ab5cfac139ab): the walk
    /// for checking runs always does, so that its states hold for every
    /// iteration.
    pub(crate) fn iterates_callbacks(&self) -> bool {
        self.opts.exact_states || self.opts.kernel.iterates_callbacks()
    }

    /// True when R1 points at an iterator that is still active (the
    /// kernel converges a loop at `next` only then).
    pub(crate) fn iter_arg_active(&self) -> bool {
        let Some(r1) = self.cur.regs().get(1) else {
            return false;
        };
        if r1.typ != BpfRegType::PtrToStack || !r1.var_off.is_const() {
            return false;
        }
        let spi = get_spi(r1.off as i64 + r1.var_off.value as i64);
        usize::try_from(spi)
            .ok()
            .and_then(|spi| self.cur.frames.get(r1.frameno as usize)?.stack.get(spi))
            .is_some_and(|s| s.is_iter() && !s.spilled_ptr.iter_drained)
    }

    fn iter_slot(&self, reg: &RegState, argno: usize, want_init: bool) -> VResult<(usize, usize)> {
        let off = reg.off as i64 + reg.var_off.value as i64;
        // stack_slot_obj_get_spi, then process_iter_arg's own line.
        let state = if want_init {
            "an initialized"
        } else {
            "uninitialized"
        };
        if !reg.var_off.is_const() {
            return Err(e(
                RejectKind::StackAccess,
                format!("iter has to be at a constant offset\nexpected {state} iter_num as arg #{argno}"),
            ));
        }
        if off % BPF_REG_SIZE as i64 != 0 {
            return Err(e(
                RejectKind::StackAccess,
                format!("cannot pass in iter at an offset={off}\nexpected {state} iter_num as arg #{argno}"),
            ));
        }
        let spi = get_spi(off);
        if spi < 0 || spi as usize >= STACK_SLOTS {
            return Err(e(
                RejectKind::StackAccess,
                format!("arg#{argno} expected pointer to an iterator on stack"),
            ));
        }
        let frame = reg.frameno as usize;
        let slot = &self.cur.frames[frame].stack[spi as usize];
        let is_iter = slot.slot_type.iter().all(|t| *t == SlotType::Iter);
        if want_init && !is_iter {
            return Err(e(
                RejectKind::UninitDynptrArg,
                format!("expected an initialized iter_num as arg #{argno}"),
            ));
        }
        if !want_init && slot.is_iter() {
            return Err(e(
                RejectKind::DynptrNotUninit,
                format!("expected uninitialized iter_num as arg #{argno}"),
            ));
        }
        Ok((frame, spi as usize))
    }

    /// `check_kfunc_call`.
    pub(crate) fn check_kfunc_call(&mut self, insn: Insn) -> VResult<()> {
        let btf_id = insn.imm as u32;
        let Some(f) = catalog::kfunc(btf_id) else {
            return Err(e(
                RejectKind::UnknownFunc,
                format!("kernel btf_id {btf_id} is not a function"),
            ));
        };
        if !f.availability.allows(self.prog.prog_type) {
            return Err(e(
                RejectKind::UnknownFunc,
                format!("calling kernel function {} is not allowed", f.name),
            ));
        }
        let mut meta = CallMeta::default();
        let mut iter_new: Option<(usize, usize)> = None;
        let mut iter_destroy: Option<(usize, usize)> = None;
        let mut iter_next: Option<(usize, usize)> = None;
        for (i, a) in f.proto.args.iter().enumerate() {
            let regno = i + 1;
            if self.cur.regs()[regno].typ == BpfRegType::NotInit {
                // check_kfunc_args reads no argument register first: an
                // unwritten one fails the argument's own check.
                self.scratched_regs |= 1 << regno;
                let msg = match a.base {
                    ArgBase::Anything | ArgBase::ConstSizeK => format!("R{regno} is not a scalar"),
                    // `__ign` is never looked at by the kernel; the VM
                    // would read the register, so it must be written.
                    ArgBase::Ign => format!("R{regno} !read_ok"),
                    // Pointers: check_func_arg_reg_off's __check_ptr_off_reg
                    // (checked on Linux 6.18).
                    _ => "variable ? access var_off=(0x0; 0xffffffffffffffff) disallowed".into(),
                };
                return Err(e(RejectKind::RegNotInit, msg));
            }
            let reg = self.cur.regs()[regno];
            match a.base {
                ArgBase::Anything | ArgBase::ConstSizeK => {
                    if !reg.is_scalar() {
                        return Err(e(RejectKind::ArgType, format!("R{regno} is not a scalar")));
                    }
                    if a.base == ArgBase::ConstSizeK {
                        let buf = self.cur.regs()[regno - 1];
                        let pair = |mut err: VErr| {
                            err.msg.push_str(&format!(
                                "\narg#{} arg#{} memory, len pair leads to invalid memory access",
                                i - 1,
                                i
                            ));
                            err
                        };
                        // check_kfunc_mem_size_reg comes before the
                        // constant check: a negative or unbounded size is
                        // reported as such (checked on Linux 6.18).
                        if !buf.is_null() && !reg.var_off.is_const() {
                            super::helpers::check_size_bounds(&reg, regno, true).map_err(pair)?;
                            self.check_helper_mem_access(
                                regno - 1,
                                reg.umax_value as i64,
                                true,
                                true,
                            )
                            .map_err(pair)?;
                        }
                        if !reg.var_off.is_const() {
                            return Err(e(
                                RejectKind::SizeArg,
                                format!("R{regno} must be a known constant"),
                            ));
                        }
                        let size = reg.var_off.value;
                        if !buf.is_null() {
                            if buf.typ == BpfRegType::PtrToStack {
                                // The kfunc may copy into the buffer; it must
                                // not lie over a dynptr or an iterator.
                                self.check_kfunc_stack_buffer(regno - 1, &buf, size as i64)
                                    .map_err(pair)?;
                            }
                            // check_kfunc_mem_size_reg allows a zero size.
                            let raw = self
                                .check_helper_mem_access(regno - 1, size as i64, true, true)
                                .map_err(pair)?;
                            // The slice may leave the buffer alone: what was
                            // known of it is gone, but unwritten bytes stay
                            // unwritten (found by tests/soundness.rs).
                            if raw && buf.typ == BpfRegType::PtrToStack {
                                self.clobber_kfunc_stack_buffer(&buf, size as i64);
                            }
                        }
                        meta.mem_size = Some(size);
                    }
                }
                ArgBase::PtrToCtx => {
                    if reg.typ != BpfRegType::PtrToCtx {
                        return Err(e(
                            RejectKind::ArgType,
                            format!(
                                "arg#{} expected pointer to ctx, but got {}",
                                i,
                                reg.type_str()
                            ),
                        ));
                    }
                    self.check_ptr_off_reg(&reg, regno, false)?;
                }
                ArgBase::PtrToMemOpt => {
                    if !(reg.is_null()
                        || matches!(
                            reg.typ,
                            BpfRegType::PtrToStack
                                | BpfRegType::PtrToMapValue
                                | BpfRegType::PtrToMem
                        ) && !reg.maybe_null)
                    {
                        return Err(e(
                            RejectKind::ArgType,
                            format!("arg#{} pointer type {} must point to scalar, or struct with scalar", i, reg.type_str()),
                        ));
                    }
                }
                ArgBase::PtrToDynptr => {
                    if !matches!(reg.typ, BpfRegType::PtrToStack | BpfRegType::PtrToDynptr) {
                        return Err(e(
                            RejectKind::ArgType,
                            messages::dynptr_not_stack(self.opts.kernel, i),
                        ));
                    }
                    if reg.typ == BpfRegType::PtrToStack
                        && self.opts.kernel.dynptr_offset_messages_today()
                    {
                        if let Some(err) = self.dynptr_spi_error_today(&reg, i, *a) {
                            return Err(err);
                        }
                    } else if reg.typ == BpfRegType::PtrToStack {
                        if !reg.var_off.is_const() {
                            return Err(e(
                                RejectKind::DynptrOffset,
                                "dynptr has to be at a constant offset".into(),
                            ));
                        }
                        let off = reg.off as i64 + reg.var_off.value as i64;
                        // The era's wording (today's is dynptr_spi_error_today).
                        if off % 8 != 0 {
                            return Err(e(
                                RejectKind::DynptrOffset,
                                format!("cannot pass in dynptr at an offset={off}"),
                            ));
                        }
                    }
                    self.check_dynptr_arg(f.name, &reg, regno, i, *a, &mut meta)?;
                }
                // `__ign`: not looked at (check_reg_read proved it initialised).
                ArgBase::Ign => {}
                ArgBase::PtrToIterNum => {
                    if reg.typ != BpfRegType::PtrToStack {
                        return Err(e(
                            RejectKind::ArgType,
                            format!("arg#{i} expected pointer to an iterator on stack"),
                        ));
                    }
                    let new = a.has(flags::ITER_NEW);
                    let slot = self.iter_slot(&reg, i, !new)?;
                    if new {
                        iter_new = Some(slot);
                    } else if a.has(flags::ITER_DESTROY) {
                        iter_destroy = Some(slot);
                    } else {
                        let (fr, spi) = slot;
                        meta.ref_obj_id = self.cur.frames[fr].stack[spi].spilled_ptr.ref_obj_id;
                        iter_next = Some(slot);
                    }
                }
                _ => {
                    return Err(e(
                        RejectKind::ArgType,
                        format!("arg#{i} reference type not supported"),
                    ));
                }
            }
        }
        // `KF_SLEEPABLE` (checked after the arguments, as the kernel does);
        // `syscall` is the playground's one sleepable program type.
        if f.sleepable && self.prog.prog_type != crate::program::ProgType::Syscall {
            return Err(e(
                RejectKind::UnknownFunc,
                format!(
                    "program must be sleepable to call sleepable kfunc {}",
                    f.name
                ),
            ));
        }
        if let Some((regno, argno)) = meta.uninit_dynptr {
            let reg = self.cur.regs()[regno];
            let kind = arg_to_dynptr_kind(f.proto.args[argno].flags);
            let clone_of = if f.name == "bpf_dynptr_clone" {
                meta.dynptr
            } else {
                None
            };
            let kind = kind
                .or(clone_of.map(|c| c.kind))
                .unwrap_or(crate::dynptr::DynptrKind::Local);
            self.mark_stack_slots_dynptr(&reg, kind, clone_of, f.name)?;
        }
        if let Some((fr, spi)) = iter_new {
            let id = self.acquire_reference_state();
            let slot = &mut self.cur.frames[fr].stack[spi];
            slot.slot_type = [SlotType::Iter; BPF_REG_SIZE];
            let mut r = RegState::not_init();
            r.ref_obj_id = id;
            r.live_written = true;
            slot.spilled_ptr = r;
            // `mark_stack_slots_iter` scratches the slot: the call's line
            // shows the new iterator.
            self.scratched_stack |= 1u64 << (spi as u64 & 63);
            self.note_role(
                Some(super::provenance::Role::Created),
                format!(
                    "bpf_iter_num_new started an iterator at fp{} (reference id={id})",
                    -((spi as i64 + 1) * 8)
                ),
                Some((fr as u32, -((spi as i32 + 1) * 8))),
                Vec::new(),
                None,
                id,
            );
        }
        if let Some((fr, spi)) = iter_destroy {
            let id = self.cur.frames[fr].stack[spi].spilled_ptr.ref_obj_id;
            self.release_reference(id);
            self.cur.frames[fr].stack[spi].invalidate();
            self.note_role(
                Some(super::provenance::Role::Released),
                format!(
                    "bpf_iter_num_destroy destroyed the iterator at fp{} (reference id={id})",
                    -((spi as i64 + 1) * 8)
                ),
                Some((fr as u32, -((spi as i32 + 1) * 8))),
                Vec::new(),
                None,
                id,
            );
        }
        // `may_access_direct_pkt_data(env, NULL, BPF_WRITE)` at the call.
        if f.proto.ret == RetType::DynptrSliceOrNull
            && self.opts.kernel.slice_rdwr_needs_packet_writes()
            && !super::mem::may_access_pkt(self.prog.prog_type, super::mem::Access::Write)
        {
            return Err(VErr::new(
                RejectKind::PacketWrite,
                "the prog does not allow writes to packet data".to_string(),
            ));
        }
        for r in 1..=5 {
            self.cur.regs_mut()[r] = RegState::not_init();
            self.scratched_regs |= 1 << r;
        }
        let r0 = match f.proto.ret {
            RetType::Void => RegState::not_init(),
            RetType::DynptrSliceOrNull
            | RetType::DynptrSliceRdonlyOrNull
            | RetType::IterNumNextOrNull => {
                let mut r = RegState::ptr(BpfRegType::PtrToMem);
                r.maybe_null = true;
                self.id_gen += 1;
                r.id = self.id_gen;
                if f.proto.ret == RetType::IterNumNextOrNull {
                    r.mem_size = 4;
                    r.rdonly = true;
                    r.ref_obj_id = meta.ref_obj_id;
                } else {
                    r.mem_size = meta.mem_size.unwrap_or(0) as u32;
                    r.rdonly = f.proto.ret == RetType::DynptrSliceRdonlyOrNull;
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
                        self.note_slice(f.name, &d, r.mem_size);
                    }
                }
                r
            }
            _ => RegState::unknown(),
        };
        self.set_reg(0, r0);
        if let Some((fr, spi)) = iter_next {
            self.process_iter_next_call(fr, spi)?;
        }
        Ok(())
    }

    /// `process_iter_next_call`: an active iterator forks. The path that
    /// goes on (walked first) sees it drained: NULL now and on every later
    /// call. The next iteration is queued one level deeper, with a
    /// non-NULL element and, so that the loop can converge, the scalars
    /// that changed since the previous iteration's state here widened to
    /// unknown unless their value matters (`widen_imprecise_scalars`).
    fn process_iter_next_call(&mut self, fr: usize, spi: usize) -> VResult<()> {
        let idx = self.insn_idx;
        let drained = self
            .cur
            .frames
            .get(fr)
            .and_then(|f| f.stack.get(spi))
            .is_none_or(|s| s.spilled_ptr.iter_drained);
        if !drained {
            let mut queued = self.cur.clone();
            let it = &mut queued.frames[fr].stack[spi].spilled_ptr;
            it.range = it.range.saturating_add(1);
            if let Some(prev) = self.prev_iter_entry(idx) {
                self.widen_imprecise_scalars(&prev, &mut queued, idx);
            }
            queued.regs_mut()[0].maybe_null = false;
            self.push_branch(queued, idx + 1, idx)?;
        }
        self.cur.frames[fr].stack[spi].spilled_ptr.iter_drained = true;
        self.set_reg(0, RegState::known(0));
        Ok(())
    }
}

//! Frames: bpf-to-bpf calls and the callbacks of `bpf_loop` and
//! `bpf_dynptr_iterator` (`__check_func_call`, the `set_*_callback_state`
//! functions, `prepare_func_exit`). As in the kernel of the era, a callback
//! body is verified once, with the caller's state at the call; or, in the
//! `6.18` profile and the walk for checking runs, as a loop (6.7's
//! `push_callback_call`): see `docs/verifier.md`.

use super::env::{invalid_scalar_msg, invalid_scalar_msg_upstream, Env, VErr, VResult};
use super::explain::RejectKind;
use super::helpers::CallMeta;
use super::reg_state::{BpfRegType, RegState};
use super::stack::{SlotType, StackSlot};
use super::state::FuncState;
use super::tnum::Tnum;
use crate::isa::{Insn, MAX_CALL_FRAMES};

impl Env<'_> {
    fn push_frame(&mut self, subprog: usize, callsite: usize) -> VResult<FuncState> {
        let frames = self.cur.frames.len();
        if frames >= MAX_CALL_FRAMES {
            return Err(VErr::new(
                RejectKind::Call,
                format!("the call stack of {} frames is too deep", frames + 1),
            ));
        }
        let mut callee = FuncState::new(frames as u32, callsite, subprog);
        callee.refs = self.cur.cur().refs.clone();
        Ok(callee)
    }

    fn enter_frame(&mut self, callee: FuncState) -> usize {
        let start = self
            .subprog_starts
            .get(callee.subprog_no())
            .copied()
            .unwrap_or(0);
        let caller = self.cur.curframe();
        for r in 1..=5 {
            self.cur.frames[caller].regs[r] = RegState::not_init();
        }
        if self.log.wants() {
            let c = self.frame_str(caller);
            self.log.push(&format!("caller:\n{c}"));
        }
        self.cur.frames.push(callee);
        if self.log.wants() {
            let c = self.frame_str(self.cur.curframe());
            self.log.push(&format!("callee:\n{c}"));
        }
        // The callee's first instruction prints its whole frame.
        self.scratched_regs = 0x7ff;
        self.scratched_stack = !0;
        start
    }

    /// A bpf-to-bpf call (`check_func_call`); returns the callee's first insn.
    pub(crate) fn check_func_call(&mut self, insn: Insn) -> VResult<usize> {
        let idx = self.insn_idx;
        let target = idx as i64 + insn.imm as i64 + 1;
        let Some(sub) = self.subprog_starts.iter().position(|&s| s as i64 == target) else {
            return Err(VErr::new(
                RejectKind::Call,
                format!("verifier bug. No program starts at insn {target}"),
            ));
        };
        if let Some(proto) = self.global_proto(sub) {
            self.check_global_call(sub, proto)?;
            return Ok(idx + 1);
        }
        let mut callee = self.push_frame(sub, idx)?;
        for r in 1..=5 {
            callee.regs[r] = self.cur.regs()[r];
        }
        Ok(self.enter_frame(callee))
    }

    /// The frame a callback of `bpf_loop` / `bpf_dynptr_iterator` starts
    /// with: the state the helper gives it.
    fn callback_frame(&mut self, helper: &str, sub: usize, meta: &CallMeta) -> VResult<FuncState> {
        let idx = self.insn_idx;
        let mut callee = self.push_frame(sub, idx)?;
        callee.in_callback_fn = true;
        callee.regs[2] = self.cur.regs()[3];
        match helper {
            "bpf_dynptr_iterator" => {
                let Some(d) = meta.dynptr else {
                    return Err(VErr::new(
                        RejectKind::Other,
                        "verifier internal error: no dynptr for the iterator callback",
                    ));
                };
                let mut r1 = RegState::ptr(BpfRegType::PtrToDynptr);
                r1.dynptr_kind = Some(d.kind);
                // Slices taken in the callback die with the caller's dynptr.
                r1.ref_obj_id = d.ref_obj_id;
                r1.dynptr_id = d.dynptr_id;
                callee.regs[1] = r1;
                callee.callback_ret_range = Tnum::range(0, u32::MAX as u64);
            }
            _ => {
                callee.regs[1] = RegState::unknown();
                callee.callback_ret_range = Tnum::range(0, 1);
            }
        }
        Ok(callee)
    }

    /// The callback of `bpf_loop` / `bpf_dynptr_iterator`, walked once:
    /// push its frame with the state the helper gives it; returns its
    /// first insn.
    pub(crate) fn setup_callback(
        &mut self,
        helper: &str,
        sub: usize,
        meta: &CallMeta,
    ) -> VResult<usize> {
        let mut callee = self.callback_frame(helper, sub, meta)?;
        callee.pre_call_stacks = self.cur.frames.iter().map(|f| f.stack.clone()).collect();
        self.note_role(
            Some(super::provenance::Role::Callback),
            format!("{helper} calls its callback (verified once, with the state at this call)"),
            None,
            Vec::new(),
            None,
            0,
        );
        Ok(self.enter_frame(callee))
    }

    /// The callback walked as a loop (`push_callback_call`): its walk is
    /// pushed as a branch that starts in the callback with the caller's
    /// registers as they are at the call, and returns to the call, which
    /// pushes it again until the caller's state converges (or `bpf_loop`'s
    /// count is reached).
    pub(crate) fn push_callback_call(
        &mut self,
        helper: &str,
        sub: usize,
        meta: &CallMeta,
    ) -> VResult<()> {
        let idx = self.insn_idx;
        let depth = self.cur.cur().callback_depth;
        if helper == "bpf_loop" && u64::from(depth) >= self.cur.regs()[1].umax_value {
            self.cur.cur_mut().callback_depth = 0;
            if self.log.level >= 2 && self.log.wants() {
                let fr = self.cur.curframe();
                self.log
                    .push(&format!("frame{fr} bpf_loop iteration limit reached\n"));
            }
            return Ok(());
        }
        let callee = self.callback_frame(helper, sub, meta)?;
        let start = self
            .subprog_starts
            .get(callee.subprog_no())
            .copied()
            .unwrap_or(0);
        let mut cb = self.cur.clone();
        cb.callback_unroll_depth += 1;
        if let Some(caller) = cb.frames.last_mut() {
            caller.callback_depth += 1;
        }
        cb.frames.push(callee);
        self.cur.cur_mut().callback_depth = 0;
        self.note(
            format!("{helper} calls its callback (walked as a loop: any number of times)"),
            None,
            None,
            0,
        );
        self.push_branch(cb, start, idx)
    }

    /// `prepare_func_exit`: leave the innermost frame; returns where the
    /// caller continues.
    pub(crate) fn prepare_func_exit(&mut self) -> VResult<usize> {
        let Some(callee) = self.cur.frames.pop() else {
            return Err(VErr::new(
                RejectKind::Other,
                "verifier internal error: exit without a frame",
            ));
        };
        let r0 = callee.regs[0];
        if r0.typ == BpfRegType::PtrToStack {
            self.cur.frames.push(callee);
            return Err(VErr::new(
                RejectKind::Call,
                "cannot return stack pointer to the caller",
            ));
        }
        if callee.in_callback_fn {
            if !r0.is_scalar() {
                self.cur.frames.push(callee);
                return Err(VErr::new(
                    RejectKind::CallbackReturn,
                    "R0 not a scalar value",
                ));
            }
            if !callee.callback_ret_range.contains(r0.var_off) {
                let m = if self.opts.kernel.return_range_as_bounds() {
                    invalid_scalar_msg_upstream(
                        &r0,
                        callee.callback_ret_range,
                        "callback return",
                        "R0",
                    )
                } else {
                    invalid_scalar_msg(&r0, callee.callback_ret_range, "callback return", "R0")
                };
                self.cur.frames.push(callee);
                return Err(VErr::new(RejectKind::CallbackReturn, m));
            }
            if !self.iterates_callbacks() {
                self.join_after_callback(&callee.pre_call_stacks);
            }
        } else {
            self.cur.cur_mut().regs[0] = r0;
            self.cur.cur_mut().refs = callee.refs.clone();
        }
        // A callback walked as a loop goes back to its call, which pushes
        // it again until the caller's state converges.
        let back_to_call = callee.in_callback_fn && self.iterates_callbacks();
        let next = if back_to_call {
            callee.callsite
        } else {
            callee.callsite + 1
        };
        if self.log.wants() {
            self.cur.frames.push(callee);
            let c = self.frame_str(self.cur.curframe());
            self.log.push(&format!("returning from callee:\n{c}"));
            self.cur.frames.pop();
            let c = self.frame_str(self.cur.curframe());
            self.log.push(&format!("to caller at {next}:\n{c}"));
        }
        self.scratched_regs = 0;
        self.scratched_stack = 0;
        if back_to_call {
            if let Some(prev) = self.prev_iter_entry(next) {
                let mut cur = std::mem::replace(&mut self.cur, prev.clone());
                self.widen_imprecise_scalars(&prev, &mut cur, next);
                widen_spilled_scalars(&prev, &mut cur);
                self.cur = cur;
            }
        }
        Ok(next)
    }
}

/// Spilled scalars that differ from the loop's previous entry become
/// unknown, as the kernel widens imprecise stack slots: what lets a
/// callback's counter in the caller's stack converge. Widening only makes
/// the state more general.
fn widen_spilled_scalars(
    prev: &super::state::VerifierState,
    cur: &mut super::state::VerifierState,
) {
    for (o, c) in prev.frames.iter().zip(cur.frames.iter_mut()) {
        for (a, b) in o.stack.iter().zip(c.stack.iter_mut()) {
            if a.is_spilled_reg()
                && b.is_spilled_reg()
                && a.spilled_ptr.is_scalar()
                && b.spilled_ptr.is_scalar()
                && a.spilled_ptr != b.spilled_ptr
            {
                let written = b.spilled_ptr.live_written;
                b.spilled_ptr = RegState::unknown();
                b.spilled_ptr.live_written = written;
            }
        }
    }
}

impl Env<'_> {
    /// The kernel of the era verified a callback once and continued with
    /// what one run left behind; but the callback may run zero or many
    /// times. Join the callers' stacks at the call with the stacks after
    /// one run, byte by byte: a byte is written only if written in both;
    /// a spilled scalar changed by the callback becomes unknown; a dynptr
    /// the callback built is not there. A dynptr the callback released or
    /// overwrote stays gone (the era's rules, which the specification's
    /// iterator tests rely on).
    fn join_after_callback(&mut self, pre: &[Vec<StackSlot>]) {
        for (f, before) in self.cur.frames.iter_mut().zip(pre.iter()) {
            for (slot, old) in f.stack.iter_mut().zip(before.iter()) {
                if slot == old {
                    continue;
                }
                // A dynptr the callback built in a caller's stack does not
                // exist when the callback never runs.
                if (slot.is_dynptr() && !old.is_dynptr()) || (slot.is_iter() && !old.is_iter()) {
                    *slot = *old;
                    for t in slot.slot_type.iter_mut() {
                        if *t != SlotType::Invalid {
                            *t = SlotType::Misc;
                        }
                    }
                    slot.spilled_ptr = RegState::not_init();
                    continue;
                }
                if slot.is_dynptr() || old.is_dynptr() || slot.is_iter() || old.is_iter() {
                    continue;
                }
                let both_spills = slot.is_spilled_reg() && old.is_spilled_reg();
                if both_spills && slot.spilled_ptr.is_scalar() && old.spilled_ptr.is_scalar() {
                    let live = slot.spilled_ptr.live_written;
                    slot.spilled_ptr = RegState::unknown();
                    slot.spilled_ptr.live_written = live;
                    for (t, o) in slot.slot_type.iter_mut().zip(old.slot_type.iter()) {
                        if *o == SlotType::Invalid || *t == SlotType::Invalid {
                            *t = SlotType::Invalid;
                        }
                    }
                    continue;
                }
                if both_spills && slot.spilled_ptr == old.spilled_ptr {
                    continue;
                }
                // Different contents: plain data where both wrote, else unwritten.
                let mut types = [SlotType::Invalid; 8];
                for (i, t) in types.iter_mut().enumerate() {
                    let (a, b) = (slot.slot_type[i], old.slot_type[i]);
                    *t = match (a, b) {
                        (SlotType::Invalid, _) | (_, SlotType::Invalid) => SlotType::Invalid,
                        (SlotType::Zero, SlotType::Zero) => SlotType::Zero,
                        _ => SlotType::Misc,
                    };
                }
                slot.slot_type = types;
                slot.spilled_ptr = RegState::not_init();
            }
        }
    }
}

impl FuncState {
    /// The subprogram this frame runs.
    pub fn subprog_no(&self) -> usize {
        self.subprogno
    }
}

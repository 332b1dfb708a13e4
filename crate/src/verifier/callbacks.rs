//! Frames: bpf-to-bpf calls and the callbacks of `bpf_loop` and
//! `bpf_dynptr_iterator` (`__check_func_call`, the `set_*_callback_state`
//! functions, `prepare_func_exit`). As in the kernel of the era, a callback
//! body is verified once, with the caller's state at the call.

use super::env::{invalid_scalar_msg, Env, VErr, VResult};
use super::explain::RejectKind;
use super::helpers::CallMeta;
use super::reg_state::{BpfRegType, RegState};
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
        let start = self.subprog_starts.get(callee.subprog_no()).copied().unwrap_or(0);
        let caller = self.cur.curframe();
        for r in 1..=5 {
            self.cur.frames[caller].regs[r] = RegState::not_init();
        }
        if self.log.level >= 1 {
            let c = self.frame_str(caller);
            self.log.push(&format!("caller:\n{c}"));
        }
        self.cur.frames.push(callee);
        if self.log.level >= 1 {
            let c = self.frame_str(self.cur.curframe());
            self.log.push(&format!("callee:\n{c}"));
        }
        self.scratched_regs = 0;
        self.scratched_stack = 0;
        start
    }

    /// A bpf-to-bpf call (`check_func_call`); returns the callee's first insn.
    pub(crate) fn check_func_call(&mut self, insn: Insn) -> VResult<usize> {
        let idx = self.insn_idx;
        let target = idx as i64 + insn.imm as i64 + 1;
        let Some(sub) = self.subprog_starts.iter().position(|&s| s as i64 == target) else {
            return Err(VErr::new(RejectKind::Call, format!("verifier bug. No program starts at insn {target}")));
        };
        let mut callee = self.push_frame(sub, idx)?;
        for r in 1..=5 {
            callee.regs[r] = self.cur.regs()[r].clone();
        }
        Ok(self.enter_frame(callee))
    }

    /// The callback of `bpf_loop` / `bpf_dynptr_iterator`: push its frame
    /// with the state the helper gives it; returns its first insn.
    pub(crate) fn setup_callback(&mut self, helper: &str, sub: usize, meta: &CallMeta) -> VResult<usize> {
        let idx = self.insn_idx;
        let mut callee = self.push_frame(sub, idx)?;
        callee.in_callback_fn = true;
        callee.regs[2] = self.cur.regs()[3].clone();
        match helper {
            "bpf_dynptr_iterator" => {
                let Some(d) = meta.dynptr else {
                    return Err(VErr::new(RejectKind::Other, "verifier internal error: no dynptr for the iterator callback"));
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
        self.note(format!("{helper} calls its callback (verified once, with the state at this call)"), None, None, 0);
        Ok(self.enter_frame(callee))
    }

    /// `prepare_func_exit`: leave the innermost frame; returns where the
    /// caller continues.
    pub(crate) fn prepare_func_exit(&mut self) -> VResult<usize> {
        let Some(callee) = self.cur.frames.pop() else {
            return Err(VErr::new(RejectKind::Other, "verifier internal error: exit without a frame"));
        };
        let r0 = callee.regs[0].clone();
        if r0.typ == BpfRegType::PtrToStack {
            self.cur.frames.push(callee);
            return Err(VErr::new(RejectKind::Call, "cannot return stack pointer to the caller"));
        }
        if callee.in_callback_fn {
            if !r0.is_scalar() {
                self.cur.frames.push(callee);
                return Err(VErr::new(RejectKind::CallbackReturn, "R0 not a scalar value"));
            }
            if !callee.callback_ret_range.contains(r0.var_off) {
                let m = invalid_scalar_msg(&r0, callee.callback_ret_range, "callback return", "R0");
                self.cur.frames.push(callee);
                return Err(VErr::new(RejectKind::CallbackReturn, m));
            }
        } else {
            self.cur.cur_mut().regs[0] = r0;
            self.cur.cur_mut().refs = callee.refs.clone();
        }
        let next = callee.callsite + 1;
        if self.log.level >= 1 {
            self.cur.frames.push(callee);
            let c = self.frame_str(self.cur.curframe());
            self.log.push(&format!("returning from callee:\n{c}"));
            self.cur.frames.pop();
            let c = self.frame_str(self.cur.curframe());
            self.log.push(&format!("to caller at {next}:\n{c}"));
        }
        self.scratched_regs = 0;
        self.scratched_stack = 0;
        Ok(next)
    }
}

impl FuncState {
    /// The subprogram this frame runs.
    pub fn subprog_no(&self) -> usize {
        self.subprogno
    }
}

//! Global functions (`BTF_FUNC_GLOBAL` in the object's BTF). The kernel
//! does not walk a global function with each caller's state, as it does a
//! static one: at a call it checks the caller's arguments against the
//! function's BTF prototype (`btf_check_subprog_call`), takes the result as
//! an unknown scalar and goes on; the function itself is verified once, on
//! its own, for any arguments the prototype allows (`do_check_common` of a
//! subprogram). Which global functions are verified, and when, is a
//! profile rule ([`KernelProfile::global_subprogs_lazily`]).
//!
//! [`KernelProfile::global_subprogs_lazily`]: super::KernelProfile::global_subprogs_lazily

use super::env::{Env, VErr, VResult};
use super::explain::RejectKind;
use super::helpers::CallMeta;
use super::messages;
use super::reg_state::{BpfRegType, RegState};
use super::state::{FuncState, VerifierState};
use crate::catalog::{self, flags, ArgBase, ArgType};
use crate::dynptr::DynptrKind;
use crate::isa::{BPF_CALL, BPF_JMP, BPF_PSEUDO_CALL};
use crate::program::{FuncArg, GlobalProto};

impl<'a> Env<'a> {
    /// The BTF prototype of subprogram `sub` when it is a global function.
    pub(crate) fn global_proto(&self, sub: usize) -> Option<&'a GlobalProto> {
        let start = *self.subprog_starts.get(sub)?;
        if sub == 0 {
            return None;
        }
        let prog: &'a crate::program::Program = self.prog;
        prog.funcs
            .iter()
            .find(|f| f.start == start)
            .and_then(|f| f.global.as_ref())
    }

    fn subprog_name(&self, sub: usize) -> String {
        self.subprog_names
            .get(sub)
            .cloned()
            .unwrap_or_else(|| format!("func#{sub}"))
    }

    /// A call of global function `sub` (the global branch of
    /// `check_func_call`): the arguments must match its prototype; then
    /// R1-R5 are scratched and R0 is an unknown scalar.
    pub(crate) fn check_global_call(&mut self, sub: usize, proto: &GlobalProto) -> VResult<()> {
        let w = self.opts.kernel;
        let name = self.subprog_name(sub);
        if let Err(err) = self.check_global_args(proto) {
            return Err(VErr::new(
                err.kind,
                format!(
                    "{}\n{}",
                    err.msg,
                    messages::global_invalid_args(w, sub, &name)
                ),
            ));
        }
        if self.log.wants() {
            self.log.push(&format!(
                "{}\n",
                messages::global_assumed_valid(w, sub, &name)
            ));
        }
        if self.subprog_changes_pkt_data(sub) {
            self.clear_all_pkt_pointers();
        }
        if let Some(c) = self.global_called.get_mut(sub) {
            *c = true;
        }
        for r in 1..=5 {
            self.cur.regs_mut()[r] = RegState::not_init();
        }
        self.set_reg(0, RegState::unknown());
        self.note(
            format!("{name} is a global function: verified on its own, its result is any scalar"),
            None,
            None,
            0,
        );
        Ok(())
    }

    /// `btf_check_func_arg_match`: each argument against its prototype.
    fn check_global_args(&mut self, proto: &GlobalProto) -> VResult<()> {
        if let Some(msg) = &proto.unsupported {
            return Err(VErr::new(RejectKind::Call, msg.clone()));
        }
        let w = self.opts.kernel;
        for (i, arg) in proto.args.iter().enumerate() {
            let regno = i + 1;
            let reg = self.cur.regs()[regno];
            match *arg {
                FuncArg::Scalar => {
                    if !reg.is_scalar() {
                        return Err(VErr::new(
                            RejectKind::ArgType,
                            format!("R{regno} is not a scalar"),
                        ));
                    }
                }
                FuncArg::Ctx => {
                    if reg.typ == BpfRegType::PtrToCtx {
                        self.check_ptr_off_reg(&reg, regno, false)?;
                    } else {
                        return Err(VErr::new(
                            RejectKind::ArgType,
                            messages::global_arg_not_ctx(w, i, &reg.type_str()),
                        ));
                    }
                }
                FuncArg::Mem { size, nullable } => {
                    if reg.is_null() {
                        if nullable {
                            continue;
                        }
                        return Err(VErr::new(
                            RejectKind::ArgType,
                            format!("arg#{i} is expected to be non-NULL"),
                        ));
                    }
                    // `check_mem_reg`: as if not NULL, readable and writable.
                    let saved = reg;
                    self.cur.regs_mut()[regno].maybe_null = false;
                    let checked = self
                        .check_helper_mem_access(regno, size as i64, false, false)
                        .and_then(|_| {
                            // The callee may write: what it may write on
                            // the stack is clobbered (no raw mode here).
                            self.check_helper_mem_access_w(regno, size as i64, false, false, true)
                        });
                    self.cur.regs_mut()[regno] = saved;
                    checked?;
                    if !nullable && saved.maybe_null {
                        return Err(VErr::new(
                            RejectKind::ArgType,
                            format!("arg#{i} is expected to be non-NULL"),
                        ));
                    }
                }
                FuncArg::Dynptr => {
                    if !matches!(reg.typ, BpfRegType::PtrToStack | BpfRegType::PtrToDynptr) {
                        return Err(VErr::new(
                            RejectKind::ArgType,
                            messages::dynptr_not_stack(w, i),
                        ));
                    }
                    let a = ArgType {
                        base: ArgBase::PtrToDynptr,
                        flags: flags::MEM_RDONLY,
                    };
                    self.check_func_arg_reg_off(&reg, regno, a)?;
                    let mut meta = CallMeta::default();
                    self.check_dynptr_arg("global function", &reg, regno, i, a, &mut meta)?;
                }
            }
        }
        Ok(())
    }

    /// Whether calling `sub` may move packet data (`changes_pkt_data` of
    /// the subprogram, or of one it calls).
    fn subprog_changes_pkt_data(&self, sub: usize) -> bool {
        let mut seen = vec![false; self.subprog_starts.len()];
        let mut todo = vec![sub];
        while let Some(s) = todo.pop() {
            if std::mem::replace(&mut seen[s], true) {
                continue;
            }
            let start = self.subprog_starts[s];
            let end = self
                .subprog_starts
                .get(s + 1)
                .copied()
                .unwrap_or(self.insns.len());
            for (idx, insn) in self.insns[start..end].iter().enumerate() {
                if insn.code != (BPF_JMP | BPF_CALL) {
                    continue;
                }
                if insn.src_reg == BPF_PSEUDO_CALL {
                    let target = (start + idx) as i64 + insn.imm as i64 + 1;
                    if let Some(t) = self.subprog_starts.iter().position(|&x| x as i64 == target) {
                        todo.push(t);
                    }
                } else if insn.src_reg == 0
                    && u32::try_from(insn.imm)
                        .ok()
                        .and_then(catalog::helper)
                        .is_some_and(|f| f.changes_pkt_data)
                {
                    return true;
                }
            }
        }
        false
    }

    /// The state a global function starts in: its arguments as its
    /// prototype describes them (`do_check_common` for a subprogram).
    fn global_entry_state(&mut self, sub: usize, proto: &GlobalProto) -> VerifierState {
        let mut f = FuncState::new(0, usize::MAX, sub);
        for (i, arg) in proto.args.iter().enumerate() {
            let regno = i + 1;
            f.regs[regno] = match *arg {
                FuncArg::Scalar => RegState::unknown(),
                FuncArg::Ctx => RegState::ptr(BpfRegType::PtrToCtx),
                FuncArg::Mem { size, nullable } => {
                    let mut r = RegState::ptr(BpfRegType::PtrToMem);
                    r.mem_size = size;
                    r.maybe_null = nullable;
                    self.id_gen += 1;
                    r.id = self.id_gen;
                    r
                }
                FuncArg::Dynptr => {
                    // Taken as an unreferenced local dynptr.
                    let mut r = RegState::ptr(BpfRegType::PtrToDynptr);
                    r.dynptr_kind = Some(DynptrKind::Local);
                    self.id_gen += 1;
                    r.dynptr_id = self.id_gen;
                    r
                }
            };
        }
        VerifierState {
            frames: vec![f],
            events: Vec::new(),
            callback_unroll_depth: 0,
        }
    }

    /// Walks the program from `start` in `state` (one `do_check_common`).
    fn walk_from(&mut self, start: usize, state: VerifierState) -> VResult<()> {
        self.cur = state;
        self.insn_idx = start;
        self.prev_insn_idx = start;
        self.cur_parent = None;
        self.prev_linfo = None;
        self.vtree_root(start);
        self.scratched_regs = 0x7ff;
        self.scratched_stack = 0;
        // The kernel frees its explored states after each walk.
        for e in &mut self.explored {
            e.clear();
        }
        self.cur_states = 0;
        let r = self.do_check();
        if r.is_ok() && self.opts.kernel.accepted_log_is_stats_only() && self.log.level == 1 {
            self.log.truncate(0);
        }
        r
    }

    /// Verifies global function `sub` on its own.
    fn do_check_subprog(&mut self, sub: usize, proto: &GlobalProto) -> VResult<()> {
        let w = self.opts.kernel;
        let name = self.subprog_name(sub);
        if w.global_func_messages_name_it() && self.log.wants() {
            self.log
                .push(&format!("Validating {name}() func#{sub}...\n"));
        }
        if let Some(msg) = &proto.unsupported {
            return Err(VErr::new(RejectKind::Call, msg.clone()));
        }
        let state = self.global_entry_state(sub, proto);
        self.walk_from(self.subprog_starts[sub], state)?;
        if self.log.wants() {
            self.log
                .push(&format!("{}\n", messages::global_safe(w, sub, &name)));
        }
        Ok(())
    }

    /// The whole walk (`do_check_main` and `do_check_subprogs`): the main
    /// program and the global functions, in the profile's order.
    pub(crate) fn do_check_all(&mut self) -> VResult<()> {
        let n = self.subprog_starts.len();
        self.global_called = vec![false; n];
        let globals: Vec<(usize, &'a GlobalProto)> = (1..n)
            .filter_map(|s| self.global_proto(s).map(|p| (s, p)))
            .collect();
        let main = VerifierState::initial();
        self.note_main_prog_args();
        if !self.opts.kernel.global_subprogs_lazily() {
            for &(sub, proto) in &globals {
                self.do_check_subprog(sub, proto)?;
            }
            return self.walk_from(0, main);
        }
        self.walk_from(0, main)?;
        let mut verified = vec![false; n];
        while let Some(&(sub, proto)) = globals
            .iter()
            .find(|(s, _)| self.global_called[*s] && !verified[*s])
        {
            verified[sub] = true;
            self.do_check_subprog(sub, proto)?;
        }
        Ok(())
    }

    /// Today's kernel prepares the entry's arguments from its BTF prototype
    /// before the walk (`btf_prepare_func_args` for subprogram 0) and notes
    /// one it cannot size, a `void *ctx` most often:
    /// `arg#0 reference type('UNKNOWN ') size cannot be determined: -22`.
    /// The note is harmless; the entry's R1 stays the context.
    fn note_main_prog_args(&mut self) {
        if !self.opts.kernel.main_prog_args_from_btf() || !self.log.wants() {
            return;
        }
        let note = self
            .prog
            .funcs
            .first()
            .and_then(|f| f.global.as_ref())
            .and_then(|g| g.unsupported.as_deref())
            .filter(|m| m.starts_with("arg#"));
        if let Some(m) = note {
            self.log.push(&format!("{m}\n"));
        }
    }

    /// `check_return_code` at the exit of a global function verified on
    /// its own: R0 must be a scalar.
    pub(crate) fn check_subprog_return(&mut self) -> VResult<()> {
        self.check_reg_read(0)?;
        let r0 = self.cur.regs()[0];
        if !r0.is_scalar() {
            return Err(VErr::new(
                RejectKind::ReturnValue,
                format!(
                    "At subprogram exit the register R0 is not a scalar value ({})",
                    r0.type_str()
                ),
            ));
        }
        Ok(())
    }
}

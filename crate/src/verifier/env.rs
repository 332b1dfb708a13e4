//! The verifier environment (`struct bpf_verifier_env`) and its main loop
//! (`do_check`): walk every path, one instruction at a time, pushing the
//! other side of each undecided branch, pruning at prune points, until
//! every path exits or one breaks a rule.

use super::explain::RejectKind;
use super::log::{kernel_insn_str, Log};
use super::provenance::Role;
use super::prune::{Checkpoint, Explored};
use super::reg_state::{BpfRegType, RegState};
use super::snapshot::StateSnapshot;
use super::state::{PathEvent, VerifierState};
use super::VerifierOptions;
use crate::catalog;
use crate::isa::*;
use crate::program::{MapType, ProgType, Program};

/// A rejection: the kernel's message and what rule it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VErr {
    /// The rule.
    pub kind: RejectKind,
    /// The kernel's message (without the trailing newline).
    pub msg: String,
    /// What the explanation should trace back: a stack slot (frame, fp
    /// offset) and/or a reference id.
    pub focus: (Option<(u32, i32)>, u32),
    /// The instruction to report, when it is not the one being checked
    /// (the checks before the walk).
    pub at: Option<usize>,
}

impl VErr {
    /// A rejection of `kind` with message `msg`.
    pub fn new(kind: RejectKind, msg: impl Into<String>) -> Self {
        VErr {
            kind,
            msg: msg.into(),
            focus: (None, 0),
            at: None,
        }
    }

    /// The same rejection, reported at instruction `insn`.
    pub fn at_insn(mut self, insn: usize) -> Self {
        self.at = Some(insn);
        self
    }

    /// The same rejection, about the stack slot `slot` / reference `id`.
    pub fn about(mut self, slot: Option<(u32, i32)>, id: u32) -> Self {
        self.focus = (slot, id);
        self
    }
}

/// Result of a verifier step.
pub type VResult<T> = Result<T, VErr>;

/// Another path to explore later (`struct bpf_verifier_stack_elem`).
pub(crate) struct Pending {
    pub state: VerifierState,
    pub insn_idx: usize,
    pub prev_insn_idx: usize,
    pub parent: Option<usize>,
    pub log_pos: usize,
    /// Its path in the exploration tree.
    pub path: usize,
}

/// Most states recorded per instruction for the report.
const MAX_SEEN_PER_INSN: usize = 8;
/// Most states recorded in all (a very large program's report keeps the
/// states of its first instructions only; recording is what costs most).
const MAX_SEEN_TOTAL: usize = 4096;

/// The verifier's working state.
pub(crate) struct Env<'a> {
    pub prog: &'a Program,
    pub insns: &'a [Insn],
    pub opts: &'a VerifierOptions,
    /// Start instruction of each subprogram, sorted (`subprog_info`).
    pub subprog_starts: Vec<usize>,
    /// Name of each subprogram (for snapshots).
    pub subprog_names: Vec<String>,
    pub id_gen: u32,
    pub dynptr_id_gen: u32,
    pub cur: VerifierState,
    pub insn_idx: usize,
    pub prev_insn_idx: usize,
    pub log: Log,
    /// The exploration tree: every path walked, in walk order.
    pub vtree: Vec<super::vtree::VPath>,
    /// The path being walked.
    pub cur_path: usize,
    /// Path ids in the order the walk took them up.
    pub vtree_order: Vec<usize>,
    /// Each path's fork condition, formatted at the end.
    pub(crate) vtree_sides: Vec<super::vtree::RawSides>,
    /// The covering state of the last prune: (the path that saved it, live
    /// registers, precise registers).
    pub last_prune: Option<(usize, u16, u16)>,
    /// The line-info record printed last (`env->prev_linfo`): a C line is
    /// printed once until another one is; a rewound log does not forget it.
    pub prev_linfo: Option<usize>,
    pub insn_processed: u64,
    pub jmps_processed: u64,
    pub prev_jmps_processed: u64,
    pub prev_insn_processed: u64,
    pub explored: Vec<Vec<Explored>>,
    pub ckpts: Vec<Checkpoint>,
    pub cur_parent: Option<usize>,
    pub prune_points: Vec<bool>,
    /// Registers live at each instruction (bit per register).
    pub live_regs: Vec<u16>,
    /// Registers whose scalar value matters at each instruction.
    pub precise_regs: Vec<u16>,
    /// Registers an iterator loop must not widen at each instruction (a
    /// narrower set, closer to the kernel's precision marks).
    pub iter_precise_regs: Vec<u16>,
    pub pending: Vec<Pending>,
    pub seen: Vec<Vec<Vec<super::state::FuncState>>>,
    pub seen_total: usize,
    pub total_states: u64,
    pub peak_states: u64,
    pub cur_states: u64,
    pub max_states_per_insn: u64,
    pub scratched_regs: u32,
    pub scratched_stack: u64,
    /// The immediate of the `BPF_ST` being checked.
    pub st_imm: Option<i64>,
    /// Global functions a verified path called, by subprogram.
    pub global_called: Vec<bool>,
    /// Raw states per instruction, for checking a run (`crate::check`).
    pub recorded: Option<super::recorded::RecordedStates>,
    /// Told the instructions processed so far, every [`PROGRESS_EVERY`]
    /// (the page's worker posts it to the page while a long walk runs).
    pub progress: Option<&'a mut dyn FnMut(u64)>,
}

/// Instructions processed between two calls of [`Env::progress`].
pub(crate) const PROGRESS_EVERY: u64 = 1 << 14;

impl<'a> Env<'a> {
    /// `tnum_strn` as the profile's kernel prints it in messages.
    pub(crate) fn tnum_str(&self, t: super::tnum::Tnum) -> String {
        t.kernel_str(self.opts.kernel.tnum_prints_constants())
    }

    /// A fresh environment over `prog`.
    pub fn new(prog: &'a Program, opts: &'a VerifierOptions) -> Self {
        let n = prog.insns.len();
        Env {
            prog,
            insns: &prog.insns,
            opts,
            subprog_starts: vec![0],
            subprog_names: Vec::new(),
            id_gen: 0,
            dynptr_id_gen: 0,
            cur: VerifierState::initial(),
            insn_idx: 0,
            prev_insn_idx: 0,
            prev_linfo: None,
            vtree: Vec::new(),
            cur_path: 0,
            vtree_order: Vec::new(),
            vtree_sides: Vec::new(),
            last_prune: None,
            log: Log::new(opts.log_level),
            insn_processed: 0,
            jmps_processed: 0,
            prev_jmps_processed: 0,
            prev_insn_processed: 0,
            explored: (0..n).map(|_| Vec::new()).collect(),
            ckpts: Vec::new(),
            cur_parent: None,
            prune_points: vec![false; n],
            live_regs: vec![0x7ff; n],
            precise_regs: vec![0x7ff; n],
            iter_precise_regs: vec![0x7ff; n],
            pending: Vec::new(),
            seen: (0..n).map(|_| Vec::new()).collect(),
            seen_total: 0,
            total_states: 0,
            peak_states: 0,
            cur_states: 0,
            max_states_per_insn: 0,
            scratched_regs: 0x7ff,
            scratched_stack: 0,
            st_imm: None,
            global_called: Vec::new(),
            recorded: None,
            progress: None,
        }
    }

    /// `check_reg_arg(.., SRC_OP)`.
    pub fn check_reg_read(&mut self, regno: usize) -> VResult<()> {
        if regno >= MAX_BPF_REG {
            return Err(VErr::new(
                RejectKind::BadInsn,
                format!("R{regno} is invalid"),
            ));
        }
        self.scratched_regs |= 1 << regno;
        if self.cur.regs()[regno].typ == BpfRegType::NotInit {
            return Err(VErr::new(
                RejectKind::RegNotInit,
                format!("R{regno} !read_ok"),
            ));
        }
        Ok(())
    }

    /// `check_reg_arg(.., DST_OP_NO_MARK)`.
    pub fn check_reg_write(&mut self, regno: usize) -> VResult<()> {
        if regno >= MAX_BPF_REG {
            return Err(VErr::new(
                RejectKind::BadInsn,
                format!("R{regno} is invalid"),
            ));
        }
        if regno == 10 {
            return Err(VErr::new(
                RejectKind::FramePointerWrite,
                "frame pointer is read only",
            ));
        }
        self.scratched_regs |= 1 << regno;
        Ok(())
    }

    /// Sets a register after a write, marking it written for the log.
    pub fn set_reg(&mut self, regno: usize, mut r: RegState) {
        r.live_written = true;
        self.scratched_regs |= 1 << regno;
        self.cur.regs_mut()[regno] = r;
    }

    /// Records an event on the current path.
    pub fn note(&mut self, what: String, slot: Option<(u32, i32)>, reg: Option<u8>, id: u32) {
        self.note_role(None, what, slot, Vec::new(), reg, id);
    }

    /// Records an event of the provenance chain ([`Role`]) on the current
    /// path: `also` lists the other stack slots it concerns.
    pub fn note_role(
        &mut self,
        role: Option<Role>,
        what: String,
        slot: Option<(u32, i32)>,
        also: Vec<(u32, i32)>,
        reg: Option<u8>,
        id: u32,
    ) {
        let insn = self.insn_idx;
        let pos = self
            .vtree
            .get(self.cur_path)
            .map_or(0, |p| p.base + p.insns);
        let frame = self.cur.curframe() as u32;
        self.cur.note(PathEvent {
            insn,
            what,
            slot,
            reg,
            id,
            role,
            also,
            pos,
            frame,
            dynptr: None,
        });
    }

    /// Notes the dynptr type of the event just recorded.
    pub(crate) fn note_dynptr_kind(&mut self, kind: crate::dynptr::DynptrKind) {
        if let Some(e) = self.cur.events.last_mut() {
            e.dynptr = Some(kind);
        }
    }

    /// `push_stack`: remember the other side of a branch.
    pub fn push_branch(
        &mut self,
        state: VerifierState,
        insn_idx: usize,
        prev_insn_idx: usize,
    ) -> VResult<()> {
        if self.pending.len() > 8192 {
            return Err(VErr::new(
                RejectKind::TooComplex,
                format!(
                    "The sequence of {} jumps is too complex.",
                    self.pending.len()
                ),
            ));
        }
        if let Some(p) = self.cur_parent {
            if let Some(c) = self.ckpts.get_mut(p) {
                c.branches += 1;
            }
        }
        let path = self.vtree_fork(&state, insn_idx, prev_insn_idx);
        self.pending.push(Pending {
            state,
            insn_idx,
            prev_insn_idx,
            parent: self.cur_parent,
            log_pos: self.log.buf.len(),
            path,
        });
        Ok(())
    }

    /// End of a path (`process_bpf_exit`): account branches and pop the
    /// next path. Returns false when nothing is left.
    fn pop_path(&mut self) -> bool {
        self.update_branch_counts(self.cur_parent);
        let Some(p) = self.pending.pop() else {
            return false;
        };
        if self.log.level == 1 {
            self.log.truncate(p.log_pos);
        }
        self.cur = p.state;
        self.insn_idx = p.insn_idx;
        self.prev_insn_idx = p.prev_insn_idx;
        self.cur_parent = p.parent;
        self.vtree_resume(p.path);
        // `mark_verifier_state_scratched` at the exit that ended the last
        // path: the next path's first instruction prints its whole state.
        self.scratched_regs = 0x7ff;
        self.scratched_stack = !0;
        true
    }

    fn record_seen(&mut self, idx: usize) {
        // Cheap copies now; snapshots (with their strings) are built once,
        // for the report.
        if self.seen_total >= MAX_SEEN_TOTAL || !self.opts.record_states {
            return;
        }
        if let Some(v) = self.seen.get_mut(idx) {
            if v.len() < MAX_SEEN_PER_INSN {
                // Only what a snapshot shows: the stack up to its deepest
                // written slot (a full copy is 64 slots a frame).
                let frames: Vec<super::state::FuncState> =
                    self.cur.frames.iter().map(|f| f.for_snapshot()).collect();
                if !v.contains(&frames) {
                    v.push(frames);
                    self.seen_total += 1;
                }
            }
        }
    }

    /// The recorded states of instruction `idx` as snapshots.
    pub fn snapshots(&self, idx: usize) -> Vec<StateSnapshot> {
        self.seen
            .get(idx)
            .map(|v| {
                v.iter()
                    .map(|frames| StateSnapshot::of_frames(frames, &self.subprog_names))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `do_check`.
    pub fn do_check(&mut self) -> VResult<()> {
        let mut do_print_state = false;
        loop {
            let idx = self.insn_idx;
            let Some(&insn) = self.insns.get(idx) else {
                return Err(VErr::new(
                    RejectKind::Cfg,
                    format!("invalid insn idx {} insn_cnt {}", idx, self.insns.len()),
                ));
            };
            self.insn_processed += 1;
            if self.insn_processed.is_multiple_of(PROGRESS_EVERY) {
                if let Some(f) = self.progress.as_mut() {
                    f(self.insn_processed);
                }
            }
            if self.insn_processed > self.opts.complexity_limit {
                return Err(VErr::new(
                    RejectKind::TooComplex,
                    format!(
                        "BPF program is too large. Processed {} insn",
                        self.insn_processed
                    ),
                ));
            }
            self.vtree_visit(idx);
            if self.prune_points.get(idx).copied().unwrap_or(false) && self.is_state_visited(idx)? {
                let (by_path, live, precise) = self.last_prune.take().unwrap_or((0, 0x7ff, 0x7ff));
                let reason = self.prune_reason(idx, live, precise);
                self.vtree_end(super::vtree::PathEnd::Pruned {
                    insn: idx,
                    by_path: (by_path != super::vtree::NO_PATH).then_some(by_path),
                    reason,
                });
                if self.log.wants() {
                    if do_print_state {
                        self.log
                            .push(&format!("\nfrom {} to {}: safe\n", self.prev_insn_idx, idx));
                    } else {
                        self.log.push(&format!("{idx}: safe\n"));
                    }
                }
                if !self.pop_path() {
                    return Ok(());
                }
                do_print_state = true;
                continue;
            }
            self.record_seen(idx);
            if let Some(r) = &mut self.recorded {
                r.record(idx, &self.cur);
            }
            if self.log.level >= 2 && do_print_state && self.log.wants() {
                let st = self.state_str(true);
                self.log
                    .push(&format!("\nfrom {} to {}:{}", self.prev_insn_idx, idx, st));
            }
            do_print_state = false;
            if self.log.wants() {
                if self.scratched_regs != 0 || self.scratched_stack != 0 {
                    self.print_insn_state();
                }
                self.verbose_linfo(idx, "; ");
                let mut text = kernel_insn_str(self.prog, idx);
                if insn.is_helper_call()
                    && u32::try_from(insn.imm).is_ok_and(catalog::is_series_helper)
                    && !self.opts.kernel.has_series_helpers()
                {
                    text = format!("({:02x}) call unknown#{}", insn.code, insn.imm);
                }
                self.log.begin_insn(&format!("{idx}: {text}\n"));
            }
            self.prev_insn_idx = idx;
            let mut next = idx + 1;
            match insn.class() {
                BPF_ALU | BPF_ALU64 => self.check_alu_op(insn)?,
                BPF_LDX => self.check_load(insn)?,
                BPF_STX | BPF_ST => self.check_store(insn)?,
                BPF_LD if matches!(insn.mode(), BPF_ABS | BPF_IND) => {
                    self.check_ld_abs(insn)?;
                }
                BPF_LD => {
                    self.check_ld_imm(insn)?;
                    next = idx + 2;
                }
                BPF_JMP | BPF_JMP32 => {
                    self.jmps_processed += 1;
                    match insn.op() {
                        BPF_CALL if insn.class() == BPF_JMP => {
                            next = self.check_call(insn)?;
                        }
                        BPF_JA => {
                            let off = if insn.class() == BPF_JMP32 {
                                insn.imm as i64
                            } else {
                                insn.off as i64
                            };
                            next = (idx as i64 + off + 1).max(0) as usize;
                        }
                        BPF_EXIT if insn.class() == BPF_JMP => {
                            self.check_reference_leak()?;
                            if self.cur.curframe() > 0 {
                                self.insn_idx = self.prepare_func_exit()?;
                                do_print_state = true;
                                continue;
                            }
                            if self.cur.cur().subprogno != 0 {
                                self.check_subprog_return()?;
                            } else {
                                self.check_return_code()?;
                            }
                            self.vtree_end(super::vtree::PathEnd::Exit { insn: idx });
                            if !self.pop_path() {
                                return Ok(());
                            }
                            do_print_state = true;
                            continue;
                        }
                        _ => {
                            next = self.check_cond_jmp_op(insn)?;
                        }
                    }
                }
                _ => {
                    return Err(VErr::new(
                        RejectKind::BadInsn,
                        format!("unknown insn class {}", insn.class()),
                    ));
                }
            }
            self.insn_idx = next;
        }
    }

    /// `check_ld_imm`.
    fn check_ld_imm(&mut self, insn: Insn) -> VResult<()> {
        if insn.size() != BPF_DW {
            return Err(VErr::new(RejectKind::BadInsn, "invalid BPF_LD_IMM insn"));
        }
        let dst = insn.dst_reg as usize;
        self.check_reg_write(dst)?;
        let hi = self
            .insns
            .get(self.insn_idx + 1)
            .copied()
            .unwrap_or_default();
        match insn.src_reg {
            0 => {
                let v = ld_imm64_value(insn, hi);
                self.set_reg(dst, RegState::known(v));
            }
            BPF_PSEUDO_FUNC => {
                let target = self.insn_idx as i64 + insn.imm as i64 + 1;
                let Some(sub) = self.subprog_starts.iter().position(|&s| s as i64 == target) else {
                    return Err(VErr::new(RejectKind::Call, "missing btf func_info"));
                };
                let mut r = RegState::ptr(BpfRegType::PtrToFunc);
                r.subprogno = sub as u32;
                self.set_reg(dst, r);
            }
            BPF_PSEUDO_MAP_FD
            | BPF_PSEUDO_MAP_IDX
            | BPF_PSEUDO_MAP_VALUE
            | BPF_PSEUDO_MAP_IDX_VALUE => {
                let idx = insn.imm;
                let Some(map) = usize::try_from(idx)
                    .ok()
                    .and_then(|i| self.prog.maps.get(i))
                else {
                    return Err(VErr::new(
                        RejectKind::Other,
                        format!("fd {idx} is not pointing to valid bpf_map"),
                    ));
                };
                let is_value = matches!(
                    insn.src_reg,
                    BPF_PSEUDO_MAP_VALUE | BPF_PSEUDO_MAP_IDX_VALUE
                );
                let mut r;
                if is_value {
                    let off = hi.imm as u32;
                    // `resolve_pseudo_ldimm64`: only a map with
                    // `map_direct_value_addr` (an array) has a direct value,
                    // and an array only with one element
                    // (`array_map_direct_value_addr`: -ENOTSUPP otherwise,
                    // logged as a bad offset).
                    if map.map_type != MapType::Array {
                        return Err(VErr::new(
                            RejectKind::MapAccess,
                            "no direct value access support for this map type",
                        ));
                    }
                    if off >= map.value_size || map.max_entries != 1 {
                        return Err(VErr::new(
                            RejectKind::MapAccess,
                            format!(
                                "invalid access to map value pointer, value_size={} off={}",
                                map.value_size, off
                            ),
                        ));
                    }
                    r = RegState::ptr(BpfRegType::PtrToMapValue);
                    r.off = off as i32;
                } else {
                    r = RegState::ptr(BpfRegType::ConstPtrToMap);
                }
                r.map_idx = idx as u32;
                self.set_reg(dst, r);
            }
            BPF_PSEUDO_BTF_ID => {
                return Err(VErr::new(
                    RejectKind::Other,
                    "kernel btf_id is not a valid variable",
                ));
            }
            _ => {
                return Err(VErr::new(
                    RejectKind::BadInsn,
                    "bpf verifier is misconfigured",
                ))
            }
        }
        Ok(())
    }

    /// `check_ld_abs`: the legacy packet loads. Only where the context is
    /// an skb (the kernel's `may_access_skb`: socket filters and tc), R6
    /// holding it, no reference held (the load may end the program);
    /// R1-R5 become unreadable and R0 an unknown scalar.
    fn check_ld_abs(&mut self, insn: Insn) -> VResult<()> {
        if !matches!(self.prog.prog_type, ProgType::Tc | ProgType::Socket) {
            return Err(VErr::new(
                RejectKind::BadInsn,
                "BPF_LD_[ABS|IND] instructions not allowed for this program type",
            ));
        }
        if insn.dst_reg != 0
            || insn.off != 0
            || insn.size() == BPF_DW
            || (insn.mode() == BPF_ABS && insn.src_reg != 0)
        {
            return Err(VErr::new(
                RejectKind::BadInsn,
                "BPF_LD_[ABS|IND] uses reserved fields",
            ));
        }
        self.check_reg_read(6)?;
        if let Err(mut e) = self.check_reference_leak_for("BPF_LD_[ABS|IND]") {
            if !self.opts.kernel.leak_says_would_lead() {
                e.msg
                    .push_str("\nBPF_LD_[ABS|IND] cannot be mixed with socket references");
            }
            return Err(e);
        }
        let r6 = self.cur.regs()[6];
        if r6.typ != BpfRegType::PtrToCtx {
            return Err(VErr::new(
                RejectKind::InvalidMemAccess,
                "at the time of BPF_LD_ABS|IND R6 != pointer to skb",
            ));
        }
        if insn.mode() == BPF_IND {
            self.check_reg_read(insn.src_reg as usize)?;
        }
        self.check_ptr_off_reg(&r6, 6, false)?;
        for r in 1..=5 {
            self.check_reg_write(r)?;
            self.set_reg(r, RegState::not_init());
        }
        self.set_reg(0, RegState::unknown());
        Ok(())
    }

    /// `check_reference_leak` at an exit.
    fn check_reference_leak(&mut self) -> VResult<()> {
        let what = if self.cur.cur().frameno == 0 {
            "BPF_EXIT instruction in main prog"
        } else {
            "BPF_EXIT instruction in callback"
        };
        self.check_reference_leak_for(what)
    }

    /// `check_reference_leak`, naming `what` as today's kernel does
    /// ("... would lead to reference leak") in the upstream wording.
    fn check_reference_leak_for(&mut self, what: &str) -> VResult<()> {
        let f = self.cur.cur();
        if f.frameno > 0 && !f.in_callback_fn {
            return Ok(());
        }
        let mut lines = Vec::new();
        let mut first = 0;
        for r in &f.refs {
            if f.in_callback_fn && r.callback_ref != f.frameno {
                continue;
            }
            if first == 0 {
                first = r.id;
            }
            lines.push(format!(
                "Unreleased reference id={} alloc_insn={}",
                r.id, r.insn_idx
            ));
        }
        if lines.is_empty() {
            Ok(())
        } else {
            if self.opts.kernel.leak_says_would_lead() {
                lines.push(format!("{what} would lead to reference leak"));
            }
            Err(VErr::new(RejectKind::UnreleasedRef, lines.join("\n")).about(None, first))
        }
    }

    /// `check_return_code` at the program's exit.
    fn check_return_code(&mut self) -> VResult<()> {
        self.check_reg_read(0)?;
        let r0 = self.cur.regs()[0];
        let range = match self.prog.prog_type {
            crate::program::ProgType::CgroupSkb => super::tnum::Tnum::range(0, 1),
            _ => return Ok(()),
        };
        if !r0.is_scalar() {
            return Err(VErr::new(
                RejectKind::ReturnValue,
                format!(
                    "At program exit the register R0 is not a known value ({})",
                    r0.type_str()
                ),
            ));
        }
        if !range.contains(r0.var_off) {
            let m = if self.opts.kernel.return_range_as_bounds() {
                invalid_scalar_msg_upstream(&r0, range, "program exit", "R0")
            } else {
                invalid_scalar_msg(&r0, range, "program exit", "R0")
            };
            return Err(VErr::new(RejectKind::ReturnValue, m));
        }
        Ok(())
    }
}

/// `verbose_invalid_scalar` as today's kernel words it: signed bounds and
/// `[min, max]`.
pub fn invalid_scalar_msg_upstream(
    reg: &RegState,
    range: super::tnum::Tnum,
    ctx: &str,
    name: &str,
) -> String {
    let mut s = format!("At {ctx} the register {name} has");
    let mut unknown = true;
    if reg.smin_value > i64::MIN {
        s.push_str(&format!(" smin={}", reg.smin_value));
        unknown = false;
    }
    if reg.smax_value < i64::MAX {
        s.push_str(&format!(" smax={}", reg.smax_value));
        unknown = false;
    }
    if unknown {
        s.push_str(" unknown scalar value");
    }
    s.push_str(&format!(
        " should have been in [{}, {}]",
        range.min() as i32,
        range.max() as i32
    ));
    s
}

/// `verbose_invalid_scalar` (the era's wording, with tnums).
pub fn invalid_scalar_msg(
    reg: &RegState,
    range: super::tnum::Tnum,
    ctx: &str,
    name: &str,
) -> String {
    let val = if reg.var_off.is_unknown() {
        "has unknown scalar value".to_string()
    } else {
        format!("has value {}", reg.var_off)
    };
    format!("At {ctx} the register {name} {val} should have been in {range}")
}

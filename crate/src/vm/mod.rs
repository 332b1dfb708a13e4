//! The interpreter over typed, bounds-checked memory regions.
//!
//! Registers hold plain `u64`s; a pointer is a `u64` that names a region
//! (see [`mem`]). Every memory access is resolved against its region's
//! bounds, liveness and permissions; anything wrong is a [`Fault`] carrying
//! the instruction index, never a panic. Helpers and kfuncs run through the
//! [`crate::catalog`] table; helpers that call back into the program
//! (`bpf_loop`, `bpf_dynptr_iterator`) push callback frames that the
//! interpreter steps through like any other code, so a session can show
//! each iteration.

mod callbacks;
pub mod concrete;
mod dynptr_helpers;
mod fast;
mod fault;
mod helpers;
mod interp;
pub mod js_u64;
mod kfuncs;
pub mod mem;
mod printk;
pub mod snapshot;
#[cfg(test)]
pub(crate) mod test_util;
#[cfg(test)]
mod tests_callbacks;
#[cfg(test)]
mod tests_core;
#[cfg(test)]
mod tests_dynptr;
#[cfg(test)]
mod tests_helpers;

/// The implementations the catalog's `imp` column points at.
pub(crate) mod imp {
    pub(crate) use super::dynptr_helpers::{
        dynptr_advance, dynptr_clone, dynptr_data, dynptr_from_mem, dynptr_from_skb,
        dynptr_from_skb_meta, dynptr_from_xdp, dynptr_get_offset, dynptr_get_size, dynptr_is_null,
        dynptr_is_rdonly, dynptr_iterator, dynptr_read, dynptr_trim, dynptr_write,
        ringbuf_discard_dynptr, ringbuf_reserve_dynptr, ringbuf_submit_dynptr,
    };
    pub(crate) use super::helpers::{
        bpf_loop, get_current_comm, get_current_pid_tgid, get_prandom_u32, get_smp_processor_id,
        ktime_get_ns, map_delete_elem, map_lookup_elem, map_update_elem, probe_read_kernel,
        probe_read_kernel_str, probe_read_user, probe_read_user_str, ringbuf_discard,
        ringbuf_output, ringbuf_query, ringbuf_reserve, ringbuf_submit, skb_pull_data, strncmp,
        trace_printk, xdp_adjust_head, xdp_adjust_tail,
    };
    pub(crate) use super::kfuncs::{
        copy_from_user_dynptr, copy_from_user_str_dynptr, dynptr_adjust,
        dynptr_clone as kfunc_dynptr_clone, dynptr_copy, dynptr_memset, dynptr_size, dynptr_slice,
        dynptr_slice_rdwr, iter_num_destroy, iter_num_new, iter_num_next, probe_read_kernel_dynptr,
        probe_read_kernel_str_dynptr, probe_read_user_dynptr, probe_read_user_str_dynptr,
    };
}

use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use fault::{Access, Fault, FaultKind};
pub use mem::RegionKind;
pub use snapshot::Snapshot;

use crate::isa::{Insn, MAX_BPF_STACK, MAX_CALL_FRAMES};
use crate::program::{ProgType, Program};
use crate::world::{World, WorldConfig};

/// How a VM runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VmOptions {
    /// Instructions executed before the run faults (default 1 000 000, the
    /// verifier's complexity limit).
    pub insn_budget: u64,
    /// Run without the verifier's approval. The VM itself never consults the
    /// verifier; callers that do (session, CLI) record the choice here.
    pub unsafe_mode: bool,
    /// Reads of never-written stack give the bytes there instead of a
    /// fault: what a verifier that allows them
    /// ([`KernelProfile::allow_uninit_stack`], Linux 6.18 for a privileged
    /// loader) leaves to run. The kernel's stack then holds stale bytes;
    /// the VM's holds what was there before (zeros at first).
    ///
    /// [`KernelProfile::allow_uninit_stack`]: crate::verifier::KernelProfile::allow_uninit_stack
    pub allow_uninit_stack: bool,
    /// `bpf_dynptr_data` on an skb or xdp dynptr gives a pointer into the
    /// packet, as the series' helper does
    /// ([`KernelProfile::packet_dynptr_data`]); upstream's returns NULL
    /// there (slices are the kfuncs' business).
    ///
    /// [`KernelProfile::packet_dynptr_data`]: crate::verifier::KernelProfile::packet_dynptr_data
    pub packet_dynptr_data: bool,
}

impl Default for VmOptions {
    fn default() -> Self {
        VmOptions {
            insn_budget: 1_000_000,
            unsafe_mode: false,
            allow_uninit_stack: false,
            packet_dynptr_data: true,
        }
    }
}

/// What one step did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepOutcome {
    /// More to run.
    Running,
    /// The program returned.
    Exited {
        /// Its return value.
        #[serde(with = "js_u64")]
        r0: u64,
    },
    /// The program faulted.
    Faulted(Fault),
}

/// The result of a whole run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunResult {
    /// The return value, when the program exited.
    #[serde(with = "js_u64::option")]
    pub r0: Option<u64>,
    /// The fault, when it faulted.
    pub fault: Option<Fault>,
    /// Instructions executed.
    pub steps: u64,
    /// Lines printed by `bpf_trace_printk`.
    pub output: Vec<String>,
}

/// What a helper returns to the interpreter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelperRet {
    /// A value for r0.
    Value(u64),
    /// Start calling back into the program (`bpf_loop`, `bpf_dynptr_iterator`).
    Callback(callbacks::Driver),
}

/// The signature of a helper or kfunc implementation: the VM and r1..r5.
pub type HelperFn = fn(&mut Vm, &[u64; 5]) -> Result<HelperRet, FaultKind>;

/// What kind of frame a frame is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FrameKind {
    /// The program's entry.
    Main,
    /// A bpf-to-bpf call.
    Call,
    /// A callback a helper runs.
    Callback(callbacks::Driver),
}

/// One call frame.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    /// Unique id (its stack region).
    pub uid: u64,
    /// Its frame pointer (`r10`).
    pub fp: u64,
    /// First instruction of the function it runs.
    pub func_start: usize,
    /// Where execution resumes when it returns (the call insn + 1), or the
    /// helper call insn for callbacks.
    pub return_pc: usize,
    /// The caller's r6..r9 (value, initialised).
    pub saved: [(u64, bool); 4],
    /// Stack bytes; `r10` points at the end.
    pub stack: Vec<u8>,
    /// Which stack bytes were written.
    pub stack_init: Vec<bool>,
    /// Kind.
    pub kind: FrameKind,
}

/// A dynptr the kernel keeps off the program's stack.
#[derive(Debug, Clone)]
pub(crate) struct KernelDynptr {
    pub bytes: [u8; 16],
    pub alive: bool,
}

/// Where a dynptr was made, for the snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DynptrTrack {
    /// Its address (stack or kernel dynptr region).
    pub addr: u64,
    /// The helper that initialised it.
    pub origin: &'static str,
    /// Instruction of that call.
    pub insn: usize,
    /// Address of the dynptr it was cloned from.
    pub cloned_from: Option<u64>,
}

/// A data slice handed out, for the snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SliceTrack {
    pub dynptr: u64,
    pub ptr: u64,
    pub len: u32,
    pub helper: &'static str,
    pub insn: usize,
}

/// The last helper call, for the snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelperCall {
    /// Helper or kfunc name.
    pub name: String,
    /// Instruction of the call.
    pub insn: usize,
    /// r1..r5 at the call (only as many as the prototype takes).
    #[serde(with = "js_u64::vec")]
    pub args: Vec<u64>,
    /// r0 after it, once it returned.
    #[serde(with = "js_u64::option")]
    pub ret: Option<u64>,
}

/// The last helper call as the VM keeps it (no allocation per call); the
/// snapshot turns it into a [`HelperCall`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LastCall {
    name: &'static str,
    insn: usize,
    args: [u64; 5],
    nargs: u8,
    ret: Option<u64>,
}

impl LastCall {
    /// The serialisable form.
    pub(crate) fn to_helper_call(self) -> HelperCall {
        HelperCall {
            name: self.name.to_string(),
            insn: self.insn,
            args: self
                .args
                .iter()
                .take(self.nargs as usize)
                .copied()
                .collect(),
            ret: self.ret,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Status {
    Running,
    Exited(u64),
    Faulted(Fault),
}

/// The interpreter.
#[derive(Debug, Clone)]
pub struct Vm {
    prog: Arc<Program>,
    /// The program decoded once for the fast path (shared by clones).
    code: Arc<[fast::Op]>,
    /// Region bits (`ptr >> 32`) of the `run_raw` block, 0 without one.
    mem_region: u64,
    /// Use the fast path (always, except in tests that compare it with the
    /// general interpreter alone).
    fast: bool,
    regs: [u64; 11],
    init: [bool; 11],
    pc: usize,
    frames: Vec<Frame>,
    world: World,
    regions: mem::Regions,
    steps: u64,
    opts: VmOptions,
    /// Reads that found never-written stack bytes and, with
    /// [`VmOptions::allow_uninit_stack`], went on with them.
    uninit_stack_reads: std::cell::Cell<u64>,
    status: Status,
    next_uid: u64,
    kdynptrs: Vec<KernelDynptr>,
    kdynptr_ptrs: Vec<u64>,
    mem: Vec<u8>,
    dynptrs: Vec<DynptrTrack>,
    slices: Vec<SliceTrack>,
    last_call: Option<LastCall>,
    /// Instruction being executed (for helpers' bookkeeping).
    cur_insn: usize,
}

impl Vm {
    /// A VM about to run `prog` in `world`: r1 holds the context, r10 the
    /// frame pointer, every other register is uninitialised.
    pub fn new(prog: &Program, world: World, opts: VmOptions) -> Result<Vm, Fault> {
        let mut vm = Vm::bare(prog, world, opts);
        let ctx = vm
            .regions
            .ptr(RegionKind::Ctx, 0)
            .map_err(|k| Fault { insn: 0, kind: k })?;
        vm.set_reg(1, ctx);
        Ok(vm)
    }

    fn bare(prog: &Program, world: World, opts: VmOptions) -> Vm {
        let mut vm = Vm {
            prog: Arc::new(prog.clone()),
            code: fast::decode_all(&prog.insns).into(),
            mem_region: 0,
            fast: true,
            regs: [0; 11],
            init: [false; 11],
            pc: 0,
            frames: Vec::new(),
            world,
            regions: mem::Regions::default(),
            steps: 0,
            opts,
            uninit_stack_reads: std::cell::Cell::new(0),
            status: Status::Running,
            next_uid: 0,
            kdynptrs: Vec::new(),
            kdynptr_ptrs: Vec::new(),
            mem: Vec::new(),
            dynptrs: Vec::new(),
            slices: Vec::new(),
            last_call: None,
            cur_insn: 0,
        };
        if prog.insns.is_empty() {
            vm.status = Status::Faulted(Fault {
                insn: 0,
                kind: FaultKind::PcOutOfRange(0),
            });
        }
        // The first frame cannot fail: the depth is 0 and ids are fresh.
        let _ = vm.push_frame(0, 0, FrameKind::Main);
        vm
    }

    /// Builds the world for `prog` from `cfg` and a VM over it.
    pub fn with_config(prog: &Program, cfg: &WorldConfig, opts: VmOptions) -> Result<Vm, Fault> {
        let world = World::new(prog, cfg).map_err(|e| Fault {
            insn: 0,
            kind: FaultKind::BadWorld(e.to_string()),
        })?;
        Vm::new(prog, world, opts)
    }

    /// The next instruction to execute.
    pub fn pc(&self) -> usize {
        self.pc
    }

    /// The simulated kernel.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The simulated kernel, mutable (to set globals before a run).
    pub fn world_mut(&mut self) -> &mut World {
        &mut self.world
    }

    /// The program.
    pub fn program(&self) -> &Program {
        &self.prog
    }

    /// Instructions executed so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// The options.
    pub fn options(&self) -> VmOptions {
        self.opts
    }

    /// How many reads took never-written stack bytes (allowed by
    /// [`VmOptions::allow_uninit_stack`]): the kernel's stack would have
    /// held other, stale, bytes there, so such a run's results are the
    /// playground's guess.
    pub fn uninit_stack_reads(&self) -> u64 {
        self.uninit_stack_reads.get()
    }

    /// Current frame depth (1 for the entry function).
    pub fn depth(&self) -> usize {
        self.frames.len()
    }

    /// A unique id of the current frame (frames are never reused).
    pub fn frame_uid(&self) -> u64 {
        self.frames.last().map_or(u64::MAX, |f| f.uid)
    }

    /// True while the frame with this id is on the call stack.
    pub fn has_frame(&self, uid: u64) -> bool {
        self.frames.iter().any(|f| f.uid == uid)
    }

    /// The outcome so far, as a step would report it.
    pub fn outcome(&self) -> StepOutcome {
        match &self.status {
            Status::Running => StepOutcome::Running,
            Status::Exited(r0) => StepOutcome::Exited { r0: *r0 },
            Status::Faulted(f) => StepOutcome::Faulted(f.clone()),
        }
    }

    /// Turns the fast path off, so that tests can compare it with the
    /// general interpreter alone.
    #[cfg(test)]
    pub(crate) fn set_fast_path(&mut self, on: bool) {
        self.fast = on;
    }

    /// Executes one instruction (or reports the final outcome again).
    pub fn step(&mut self) -> StepOutcome {
        if self.advance() {
            StepOutcome::Running
        } else {
            self.outcome()
        }
    }

    /// Executes one instruction; true while the program is still running.
    #[inline(always)]
    fn advance(&mut self) -> bool {
        if !matches!(self.status, Status::Running) {
            return false;
        }
        let insn = self.pc;
        if self.steps >= self.opts.insn_budget {
            self.status = Status::Faulted(Fault {
                insn,
                kind: FaultKind::BudgetExhausted(self.opts.insn_budget),
            });
            return false;
        }
        self.cur_insn = insn;
        self.steps += 1;
        let op = if self.fast {
            self.code.get(insn).copied().unwrap_or(fast::Op::Slow)
        } else {
            fast::Op::Slow
        };
        if !self.fast_step(op) {
            if let Err(kind) = self.exec() {
                self.status = Status::Faulted(Fault { insn, kind });
            }
        }
        matches!(self.status, Status::Running)
    }

    /// Runs to the end (exit, fault, or budget).
    pub fn run(&mut self) -> RunResult {
        self.run_to(u64::MAX, |_| false);
        let (r0, fault) = match &self.status {
            Status::Exited(r0) => (Some(*r0), None),
            Status::Faulted(f) => (None, Some(f.clone())),
            Status::Running => (None, None),
        };
        RunResult {
            r0,
            fault,
            steps: self.steps,
            output: self.world.trace.clone(),
        }
    }

    /// Runs until `until` instructions have executed in all, the next
    /// instruction is one for which `stop_at` holds (checked after every
    /// instruction, so at least one runs), or the program ends. True when
    /// it stopped at such an instruction. The same hot loop as [`Vm::run`]:
    /// a session's Continue and Run go at the speed of a plain run, and end
    /// in exactly the state that as many [`Vm::step`]s would reach.
    pub fn run_to(&mut self, until: u64, stop_at: impl Fn(usize) -> bool) -> bool {
        let code = Arc::clone(&self.code);
        let limit = self.opts.insn_budget.min(until);
        while matches!(self.status, Status::Running) && self.steps < until {
            let (mut pc, mut steps) = (self.pc, self.steps);
            let mut hit = false;
            while self.fast && steps < limit {
                let Some(&op) = code.get(pc) else { break };
                let Some(next) = self.fast_exec(op, pc) else {
                    break;
                };
                pc = next;
                steps += 1;
                if stop_at(pc) {
                    hit = true;
                    break;
                }
            }
            self.pc = pc;
            self.steps = steps;
            if hit {
                return true;
            }
            if steps >= until {
                break;
            }
            // An instruction the fast path declines, or the budget's fault.
            if self.advance() && stop_at(self.pc) {
                return true;
            }
        }
        false
    }

    // ---- registers ----------------------------------------------------

    pub(crate) fn reg(&self, r: u8) -> Result<u64, FaultKind> {
        let i = r as usize;
        match (self.regs.get(i), self.init.get(i)) {
            (Some(v), Some(true)) => Ok(*v),
            (Some(_), Some(false)) => Err(FaultKind::UninitRegister(r)),
            _ => Err(FaultKind::BadRegister(r)),
        }
    }

    pub(crate) fn set_reg(&mut self, r: u8, v: u64) {
        if let (Some(slot), Some(i)) =
            (self.regs.get_mut(r as usize), self.init.get_mut(r as usize))
        {
            *slot = v;
            *i = true;
        }
    }

    fn clobber_caller_saved(&mut self) {
        for r in 1..=5 {
            self.clobber(r);
        }
    }

    /// Marks register `r` unwritten (a call or ld_abs scratched it).
    pub(crate) fn clobber(&mut self, r: usize) {
        if let (Some(v), Some(i)) = (self.regs.get_mut(r), self.init.get_mut(r)) {
            *v = 0;
            *i = false;
        }
    }

    // ---- frames -------------------------------------------------------

    fn push_frame(
        &mut self,
        func_start: usize,
        return_pc: usize,
        kind: FrameKind,
    ) -> Result<(), FaultKind> {
        if self.frames.len() >= MAX_CALL_FRAMES {
            return Err(FaultKind::CallDepth);
        }
        let saved = [6, 7, 8, 9].map(|r| (self.regs[r], self.init[r]));
        let uid = self.next_uid;
        self.next_uid += 1;
        let fp = self
            .regions
            .ptr(RegionKind::Stack { frame: uid }, MAX_BPF_STACK as i64)?;
        self.frames.push(Frame {
            uid,
            fp,
            func_start,
            return_pc,
            saved,
            stack: vec![0; MAX_BPF_STACK],
            stack_init: vec![false; MAX_BPF_STACK],
            kind,
        });
        self.set_reg(10, fp);
        for r in 6..=9 {
            self.init[r] = false;
            self.regs[r] = 0;
        }
        Ok(())
    }

    /// Pops the top frame, restoring the caller's r6..r9 and r10.
    fn pop_frame(&mut self) -> Option<Frame> {
        let f = self.frames.pop()?;
        for (i, (v, ok)) in f.saved.iter().enumerate() {
            self.regs[6 + i] = *v;
            self.init[6 + i] = *ok;
        }
        if let Some(fp) = self.frames.last().map(|t| t.fp) {
            self.set_reg(10, fp);
        }
        Some(f)
    }

    /// `exit`: return from the current frame.
    fn do_exit(&mut self) -> Result<(), FaultKind> {
        let Some(top) = self.frames.last() else {
            return Err(FaultKind::PcOutOfRange(self.pc));
        };
        // A subprogram hands r0 back as it is, written or not (the kernel's
        // `prepare_func_exit`: "return to the caller whatever r0 had in the
        // callee"); only the program's and a callback's return are read.
        let kind = top.kind.clone();
        let r0 = match kind {
            FrameKind::Call => 0,
            _ => self.reg(0)?,
        };
        match kind {
            FrameKind::Main => {
                self.status = Status::Exited(r0);
                Ok(())
            }
            FrameKind::Call => {
                let f = self.pop_frame().ok_or(FaultKind::PcOutOfRange(self.pc))?;
                self.clobber_caller_saved();
                self.pc = f.return_pc;
                Ok(())
            }
            FrameKind::Callback(driver) => self.callback_returned(driver, r0),
        }
    }

    /// A bpf-to-bpf call to instruction `target`.
    fn call_local(&mut self, target: usize) -> Result<(), FaultKind> {
        if target >= self.prog.insns.len() {
            return Err(FaultKind::PcOutOfRange(target));
        }
        let ret = self.pc + 1;
        self.push_frame(target, ret, FrameKind::Call)?;
        self.pc = target;
        Ok(())
    }

    /// A helper or kfunc call through the catalog.
    fn call_func(&mut self, def: &'static crate::catalog::FuncDef) -> Result<(), FaultKind> {
        if !def.availability.allows(self.world.prog_type) {
            return Err(FaultKind::NotAvailable {
                name: def.name.to_string(),
                prog_type: self.world.prog_type.name().to_string(),
            });
        }
        let mut args = [0u64; 5];
        for (i, a) in args.iter_mut().enumerate() {
            *a = if i < def.proto.args.len() {
                self.reg(i as u8 + 1)?
            } else {
                // Past the prototype (bpf_trace_printk's variadic values):
                // whatever the register holds, as the kernel passes it.
                self.regs[i + 1]
            };
        }
        self.last_call = Some(LastCall {
            name: def.name,
            insn: self.pc,
            args,
            nargs: def.proto.args.len() as u8,
            ret: None,
        });
        let ret = (def.imp)(self, &args)?;
        // The verifier counts a helper's output buffer (ARG_PTR_TO_UNINIT_MEM)
        // as written after the call, even when the helper failed and left it
        // alone (the kernel's memory then holds stale bytes): so does the VM.
        for (i, a) in def.proto.args.iter().enumerate() {
            if a.base == crate::catalog::ArgBase::PtrToMem
                && a.has(crate::catalog::flags::MEM_UNINIT)
            {
                if let Some(&len) = args.get(i + 1) {
                    self.mark_stack_written(args[i], len as usize);
                }
            }
        }
        match ret {
            HelperRet::Value(v) => {
                self.helper_returned(v);
                self.pc += 1;
                Ok(())
            }
            HelperRet::Callback(driver) => self.start_callback(driver),
        }
    }

    /// A rough size in bytes of what a clone of this VM copies (full region
    /// chunks are shared and not counted); sessions budget checkpoints by it.
    pub fn approx_bytes(&self) -> usize {
        use crate::world::MapStore;
        let w = &self.world;
        let maps: usize = w
            .maps
            .iter()
            .map(|m| match &m.store {
                MapStore::Array { values } => values.len(),
                MapStore::Hash { slots } => {
                    slots.len() * (m.def.key_size as usize + m.def.value_size as usize + 48)
                }
                MapStore::Ringbuf(rb) => rb.data.len() + rb.records.len() * 48,
            })
            .sum();
        let trace: usize = w.trace.iter().map(|l| l.len() + 24).sum();
        1024 + self.frames.len() * 1100
            + w.packet.buf.len()
            + w.packet.frags_len()
            + w.ctx.len()
            + maps
            + trace
            + 1024 * 24
            + (self.dynptrs.len() + self.slices.len()) * 64
            + self.kdynptrs.len() * 32
    }

    fn helper_returned(&mut self, v: u64) {
        self.clobber_caller_saved();
        self.set_reg(0, v);
        if let Some(c) = self.last_call.as_mut() {
            c.ret = Some(v);
        }
    }
}

/// Runs `insns` conformance-suite style: r1 points at `mem`, r2 holds its
/// length, r10 is the frame pointer; returns r0. `mem` gets the program's
/// writes.
pub fn run_raw(insns: &[Insn], mem: &mut [u8]) -> Result<u64, Fault> {
    let res = run_raw_with(
        insns,
        mem,
        VmOptions {
            unsafe_mode: true,
            ..VmOptions::default()
        },
    );
    match (res.r0, res.fault) {
        (_, Some(f)) => Err(f),
        (Some(r0), None) => Ok(r0),
        (None, None) => Err(Fault {
            insn: 0,
            kind: FaultKind::BudgetExhausted(VmOptions::default().insn_budget),
        }),
    }
}

/// [`run_raw`] with options (the instruction budget), returning the whole
/// [`RunResult`]: r0 or the fault, and the instructions executed.
pub fn run_raw_with(insns: &[Insn], mem: &mut [u8], opts: VmOptions) -> RunResult {
    let prog = Program::from_insns("raw", ProgType::Syscall, insns.to_vec());
    let failed = |insn: usize, kind: FaultKind| RunResult {
        r0: None,
        fault: Some(Fault { insn, kind }),
        steps: 0,
        output: Vec::new(),
    };
    let world = match World::new(&prog, &WorldConfig::default()) {
        Ok(w) => w,
        Err(e) => return failed(0, FaultKind::BadWorld(e.to_string())),
    };
    let mut vm = Vm::bare(&prog, world, opts);
    vm.mem = mem.to_vec();
    let p = match vm.regions.ptr(RegionKind::Mem, 0) {
        Ok(p) => p,
        Err(k) => return failed(0, k),
    };
    vm.mem_region = p >> 32;
    vm.set_reg(1, p);
    vm.set_reg(2, mem.len() as u64);
    let mut res = vm.run();
    mem.copy_from_slice(&vm.mem);
    if res.r0.is_none() && res.fault.is_none() {
        res.fault = Some(Fault {
            insn: vm.pc,
            kind: FaultKind::BudgetExhausted(vm.opts.insn_budget),
        });
    }
    res
}

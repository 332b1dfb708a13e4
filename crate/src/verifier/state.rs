//! Function frames (`struct bpf_func_state`), acquired references and the
//! whole verifier state of one path (`struct bpf_verifier_state`).

use serde::{Deserialize, Serialize};

use super::reg_state::{BpfRegType, RegState};
use super::stack::{StackSlot, STACK_SLOTS};
use super::tnum::Tnum;
use crate::isa::MAX_BPF_REG;

/// An acquired reference (`struct bpf_reference_state`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RefState {
    /// Reference id.
    pub id: u32,
    /// Instruction that acquired it.
    pub insn_idx: usize,
    /// Frame number of the callback that acquired it (0: not in a callback).
    pub callback_ref: u32,
}

/// One function frame.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FuncState {
    /// r0..r10.
    pub regs: Vec<RegState>,
    /// 64 slots; slot `spi` covers `fp-8*(spi+1) .. fp-8*spi`.
    pub stack: Vec<StackSlot>,
    /// Depth in the call chain (0: the program).
    pub frameno: u32,
    /// Instruction index of the call that created this frame.
    pub callsite: usize,
    /// Subprogram index.
    pub subprogno: usize,
    /// True in a callback frame (`bpf_loop`, `bpf_dynptr_iterator`).
    pub in_callback_fn: bool,
    /// Allowed R0 at the callback's exit.
    pub callback_ret_range: Tnum,
    /// References this frame holds (the kernel of the era keeps them per frame).
    pub refs: Vec<RefState>,
    /// Callback frames: the callers' stacks at the call, to join with what
    /// the callback left (it may run any number of times, also zero).
    pub pre_call_stacks: Vec<Vec<StackSlot>>,
    /// Callbacks of the call being iterated that this frame has walked
    /// (`bpf_func_state.callback_depth`): `bpf_loop` stops pushing its
    /// callback at its loop count.
    #[serde(default)]
    pub callback_depth: u32,
}

impl FuncState {
    /// `init_func_state`: R10 the frame pointer, the rest uninitialised.
    pub fn new(frameno: u32, callsite: usize, subprogno: usize) -> Self {
        let mut regs = vec![RegState::not_init(); MAX_BPF_REG];
        let mut fp = RegState::ptr(BpfRegType::PtrToStack);
        fp.frameno = frameno;
        regs[10] = fp;
        FuncState {
            regs,
            stack: vec![StackSlot::default(); STACK_SLOTS],
            frameno,
            callsite,
            subprogno,
            in_callback_fn: false,
            callback_ret_range: Tnum::range(0, 1),
            refs: Vec::new(),
            pre_call_stacks: Vec::new(),
            callback_depth: 0,
        }
    }
}

impl FuncState {
    /// A copy with what a snapshot shows: the stack cut after its deepest
    /// slot that is not invalid, no saved pre-call stacks.
    pub fn for_snapshot(&self) -> FuncState {
        let used = self
            .stack
            .iter()
            .rposition(|s| !s.is_invalid())
            .map_or(0, |i| i + 1);
        FuncState {
            regs: self.regs.clone(),
            stack: self.stack[..used].to_vec(),
            frameno: self.frameno,
            callsite: self.callsite,
            subprogno: self.subprogno,
            in_callback_fn: self.in_callback_fn,
            callback_ret_range: self.callback_ret_range,
            refs: self.refs.clone(),
            pre_call_stacks: Vec::new(),
            callback_depth: 0,
        }
    }
}

/// Something that happened on the current path that an explanation may
/// point back to (a dynptr created, released, a slice invalidated...).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PathEvent {
    /// Instruction index.
    pub insn: usize,
    /// What happened, in plain English.
    pub what: String,
    /// Stack slot (frame, fp offset) it concerns, when any.
    pub slot: Option<(u32, i32)>,
    /// Register it concerns, when any.
    pub reg: Option<u8>,
    /// Reference or dynptr id it concerns, when any.
    pub id: u32,
    /// What it is, for the provenance chain of a rejection
    /// ([`super::provenance`]); `None` for events only the explanation
    /// text uses.
    pub role: Option<super::provenance::Role>,
    /// Other stack slots it concerns: a clone's original, the clones a
    /// release invalidated with the released dynptr.
    pub also: Vec<(u32, i32)>,
    /// Its position along the path: instructions processed from the walk's
    /// root to this one, counting the ancestors' up to their forks (0 past
    /// the exploration tree's cap).
    pub pos: u64,
    /// The innermost frame when it happened.
    pub frame: u32,
    /// The type of the dynptr it concerns (created, cloned, sliced).
    pub dynptr: Option<crate::dynptr::DynptrKind>,
}

/// The state of one path: its frames, innermost last.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VerifierState {
    /// Frames, `frames[0]` the program.
    pub frames: Vec<FuncState>,
    /// Recent notable events on this path (for explanations; not compared).
    pub events: Vec<PathEvent>,
    /// Callback walks pushed on this path (`callback_unroll_depth`): two
    /// iterations of a callback are never an infinite loop.
    #[serde(default)]
    pub callback_unroll_depth: u32,
}

/// Most events a path remembers.
const MAX_EVENTS: usize = 48;

impl VerifierState {
    /// The state at the program's first instruction: R1 the context.
    pub fn initial() -> Self {
        let mut f = FuncState::new(0, usize::MAX, 0);
        f.regs[1] = RegState::ptr(BpfRegType::PtrToCtx);
        VerifierState {
            frames: vec![f],
            events: Vec::new(),
            callback_unroll_depth: 0,
        }
    }

    /// Index of the innermost frame.
    pub fn curframe(&self) -> usize {
        self.frames.len().saturating_sub(1)
    }

    /// The innermost frame.
    pub fn cur(&self) -> &FuncState {
        &self.frames[self.curframe()]
    }

    /// The innermost frame, mutable.
    pub fn cur_mut(&mut self) -> &mut FuncState {
        let i = self.curframe();
        &mut self.frames[i]
    }

    /// Registers of the innermost frame.
    pub fn regs(&self) -> &[RegState] {
        &self.cur().regs
    }

    /// Registers of the innermost frame, mutable.
    pub fn regs_mut(&mut self) -> &mut Vec<RegState> {
        &mut self.cur_mut().regs
    }

    /// Records an event for explanations. When the list is full, the
    /// oldest event that a later one repeats (the same instruction and role:
    /// a loop's slices) goes first, so that what started the story (the
    /// dynptr's creation) stays.
    pub fn note(&mut self, ev: PathEvent) {
        if self.events.len() >= MAX_EVENTS {
            let repeated = (0..self.events.len()).find(|&i| {
                let e = &self.events[i];
                self.events[i + 1..]
                    .iter()
                    .chain(std::iter::once(&ev))
                    .any(|l| l.insn == e.insn && l.role == e.role)
            });
            self.events.remove(repeated.unwrap_or(0));
        }
        self.events.push(ev);
    }

    /// Applies `f` to every register and spilled register of every frame
    /// (`bpf_for_each_reg_in_vstate`).
    pub fn for_each_reg(&mut self, mut f: impl FnMut(&mut RegState)) {
        for fr in &mut self.frames {
            for r in &mut fr.regs {
                f(r);
            }
            for s in &mut fr.stack {
                if s.is_spilled_reg() {
                    f(&mut s.spilled_ptr);
                }
            }
        }
    }
}

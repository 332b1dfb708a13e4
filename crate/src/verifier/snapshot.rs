//! Serialisable views of abstract states, one list per instruction, for the
//! UI to show and step through: registers as the kernel prints them, stack
//! slots (with dynptr slots spelled out), references.

use serde::{Deserialize, Serialize};

use super::reg_state::{BpfRegType, RegState};
use super::stack::{SlotType, StackSlot};
use super::state::{FuncState, VerifierState};
use crate::dynptr::DynptrKind;
use crate::program::Program;

/// One register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegSnapshot {
    /// Register number.
    pub regno: u8,
    /// Type as the kernel names it (`scalar`, `fp`, `ringbuf_mem_or_null`, `dynptr_ptr`).
    pub typ: String,
    /// The value as the kernel's log prints it (`fp-16`, `scalar(umax=255,...)`).
    pub text: String,
    /// The full abstract state.
    pub state: RegState,
    /// The C variable whose value the register holds here (DWARF), when
    /// the program came from an object built with `-g`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub var: Option<String>,
    /// For a stack pointer at a known offset (`fp-16`): the C variable it
    /// points into (`ptr`), from DWARF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points_to: Option<String>,
}

/// What a stack slot holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SlotKind {
    /// Some data (`STACK_MISC`, possibly mixed with zeros).
    Misc,
    /// Known zeros.
    Zero,
    /// A spilled register.
    Spill,
    /// Part of a dynptr.
    Dynptr,
    /// Part of an open-coded iterator.
    Iter,
    /// Some bytes written, some never.
    Partial,
}

/// The dynptr part of a `STACK_DYNPTR` slot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DynptrSlotSnapshot {
    /// Its type.
    pub kind: DynptrKind,
    /// Reference id (ring buffer dynptrs and their clones), 0 otherwise.
    pub ref_obj_id: u32,
    /// The dynptr's own id (data slices carry it).
    pub id: u32,
    /// True for the first (higher) of the two slots.
    pub first_slot: bool,
    /// The C variable of the dynptr (`ptr`, `clone`), when DWARF names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub var: Option<String>,
}

/// One 8-byte stack slot that is not entirely invalid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlotSnapshot {
    /// Frame-pointer offset of the slot's lowest byte (`-8`, `-16`, ...).
    pub off: i32,
    /// Byte types as the log prints them (`mmmm????`, `dddddddd`).
    pub types: String,
    /// Summary.
    pub kind: SlotKind,
    /// The spilled register as the log prints it.
    pub spilled: Option<String>,
    /// The dynptr, for dynptr slots.
    pub dynptr: Option<DynptrSlotSnapshot>,
    /// The C variables in the slot, as [`crate::program::Program::slot_var`]
    /// labels them (`read_data[64]`, `ptr`), when DWARF names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub var: Option<String>,
}

/// An acquired reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefSnapshot {
    /// Reference id.
    pub id: u32,
    /// Instruction that acquired it.
    pub insn: usize,
}

/// One frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameSnapshot {
    /// Depth (0: the program).
    pub frameno: u32,
    /// Function name.
    pub func: String,
    /// The call instruction that created it (None for the program).
    pub callsite: Option<usize>,
    /// True in a callback.
    pub in_callback: bool,
    /// Initialised registers.
    pub regs: Vec<RegSnapshot>,
    /// Written stack slots.
    pub stack: Vec<SlotSnapshot>,
    /// References held.
    pub refs: Vec<RefSnapshot>,
}

/// One abstract state seen at an instruction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateSnapshot {
    /// Frames, the program first.
    pub frames: Vec<FrameSnapshot>,
}

fn slot_snapshot(i: usize, s: &StackSlot) -> SlotSnapshot {
    let off = -((i as i32 + 1) * 8);
    let types: String = s.slot_type.iter().map(|t| t.log_char()).collect();
    let kind = if s.is_spilled_reg() {
        SlotKind::Spill
    } else if s.is_dynptr() {
        SlotKind::Dynptr
    } else if s.is_iter() {
        SlotKind::Iter
    } else if s.slot_type.contains(&SlotType::Invalid) {
        SlotKind::Partial
    } else if s.slot_type.iter().all(|t| *t == SlotType::Zero) {
        SlotKind::Zero
    } else {
        SlotKind::Misc
    };
    let dynptr = (kind == SlotKind::Dynptr)
        .then_some(s.spilled_ptr.dynptr_kind)
        .flatten()
        .map(|k| DynptrSlotSnapshot {
            kind: k,
            ref_obj_id: s.spilled_ptr.ref_obj_id,
            id: s.spilled_ptr.dynptr_id,
            first_slot: s.spilled_ptr.dynptr_first_slot,
            var: None,
        });
    SlotSnapshot {
        off,
        types,
        kind,
        spilled: (kind == SlotKind::Spill).then(|| s.spilled_ptr.log_str(None)),
        dynptr,
        var: None,
    }
}

impl StateSnapshot {
    /// Names registers, slots and dynptrs by the C variables DWARF places
    /// there (nothing for a program without [`Program::vars`]). `insn` is
    /// the instruction the state is at: the innermost frame executes it,
    /// each caller its call instruction (the callee frame's `callsite`).
    pub fn name_vars(&mut self, prog: &Program, insn: usize) {
        if prog.vars.is_empty() {
            return;
        }
        let n = self.frames.len();
        let pcs: Vec<usize> = (0..n)
            .map(|k| {
                if k + 1 == n {
                    insn
                } else {
                    self.frames
                        .get(k + 1)
                        .and_then(|f| f.callsite)
                        .unwrap_or(insn)
                }
            })
            .collect();
        for (f, &pc) in self.frames.iter_mut().zip(&pcs) {
            for r in &mut f.regs {
                r.var = prog.reg_var(pc, r.regno).map(|v| v.name.clone());
                let st = &r.state;
                if st.typ == BpfRegType::PtrToStack && st.var_off.is_const() {
                    let off = (st.var_off.value as i64).wrapping_add(i64::from(st.off));
                    r.points_to = pcs
                        .get(st.frameno as usize)
                        .and_then(|&at| prog.stack_var(at, off))
                        .map(|v| v.name.clone());
                }
            }
            for s in &mut f.stack {
                let off = i64::from(s.off);
                s.var = prog.slot_var(pc, off);
                if let Some(d) = &mut s.dynptr {
                    // A dynptr's name is the variable at its first byte:
                    // the first slot (the higher index, the lower address)
                    // starts it.
                    let start = if d.first_slot { off } else { off - 8 };
                    d.var = prog
                        .stack_var(pc, start)
                        .or_else(|| prog.stack_var(pc, off))
                        .map(|v| v.name.clone());
                }
            }
        }
    }

    /// A snapshot of `st`.
    pub fn of(st: &VerifierState, names: &[String]) -> Self {
        Self::of_frames(&st.frames, names)
    }

    /// A snapshot of a state's frames (the program's first).
    pub fn of_frames(frames: &[FuncState], names: &[String]) -> Self {
        let frames = frames
            .iter()
            .map(|f| FrameSnapshot {
                frameno: f.frameno,
                func: names.get(f.subprogno).cloned().unwrap_or_default(),
                callsite: (f.callsite != usize::MAX).then_some(f.callsite),
                in_callback: f.in_callback_fn,
                regs: f
                    .regs
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.typ != BpfRegType::NotInit)
                    .map(|(i, r)| {
                        let mut state = *r;
                        state.live_written = false;
                        RegSnapshot {
                            regno: i as u8,
                            typ: r.type_str(),
                            text: r.log_str(None),
                            state,
                            var: None,
                            points_to: None,
                        }
                    })
                    .collect(),
                stack: f
                    .stack
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| !s.is_invalid())
                    .map(|(i, s)| slot_snapshot(i, s))
                    .collect(),
                refs: f
                    .refs
                    .iter()
                    .map(|r| RefSnapshot {
                        id: r.id,
                        insn: r.insn_idx,
                    })
                    .collect(),
            })
            .collect();
        StateSnapshot { frames }
    }
}

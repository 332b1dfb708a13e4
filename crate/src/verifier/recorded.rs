//! The abstract states the verifier held at each instruction, kept raw
//! (registers and stack slots, not text) so that a concrete run can be
//! checked against them (`crate::check`).
//!
//! A walk for checking prunes only when the explored state covers the
//! current one on every register and slot ([`VerifierOptions::exact_states`]
//! turns liveness and precision off in `states_equal`): then a concrete
//! run that follows a pruned path stays inside the states of the path that
//! covered it, and every concrete state of a sound verifier lies inside
//! one recorded state at its instruction.
//!
//! At most [`MAX_STATES_PER_INSN`] distinct states are kept per
//! instruction; later ones are joined into one summary state there (the
//! union of their ranges), which only makes the check less sharp, never
//! wrong.
//!
//! [`VerifierOptions::exact_states`]: super::VerifierOptions::exact_states

use super::reg_state::{BpfRegType, RegState};
use super::stack::{SlotType, StackSlot, BPF_REG_SIZE};
use super::state::VerifierState;
use super::tnum::Tnum;

/// Distinct states kept per instruction before joining.
pub const MAX_STATES_PER_INSN: usize = 16;

/// One abstract state at an instruction: the current frame's registers and
/// the stack slots that say something about their bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbsState {
    /// Frame depth (0: the program's entry function).
    pub frameno: u32,
    /// r0-r10.
    pub regs: Vec<RegState>,
    /// Stack slots of the current frame with a spill or known-zero bytes,
    /// by slot index (`spi`: slot `spi` holds bytes `fp-8*(spi+1)` ..).
    pub slots: Vec<(usize, StackSlot)>,
    /// The verifier stopped on this state with an error here.
    pub refused: Option<String>,
    /// A join of several states (the instruction had more than
    /// [`MAX_STATES_PER_INSN`]).
    pub joined: bool,
}

impl AbsState {
    fn of(st: &VerifierState) -> AbsState {
        let f = st.cur();
        AbsState {
            frameno: f.frameno,
            regs: f.regs.clone(),
            slots: f
                .stack
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    s.slot_type
                        .iter()
                        .any(|t| matches!(t, SlotType::Spill | SlotType::Zero))
                })
                .map(|(i, s)| (i, *s))
                .collect(),
            refused: None,
            joined: false,
        }
    }

    /// The union of `self` and `other`: ranges joined register by register;
    /// a register of different kinds in the two is not compared (NOT_INIT).
    fn join(&mut self, other: &AbsState) {
        for (a, b) in self.regs.iter_mut().zip(other.regs.iter()) {
            *a = join_reg(a, b);
        }
        let mut slots = Vec::new();
        for (spi, a) in &self.slots {
            if let Some((_, b)) = other.slots.iter().find(|(j, _)| j == spi) {
                if a.slot_type == b.slot_type {
                    let mut s = *a;
                    s.spilled_ptr = join_reg(&a.spilled_ptr, &b.spilled_ptr);
                    slots.push((*spi, s));
                } else {
                    // Keep only the bytes known zero in both.
                    let mut s = StackSlot::default();
                    for i in 0..BPF_REG_SIZE {
                        if a.slot_type[i] == SlotType::Zero && b.slot_type[i] == SlotType::Zero {
                            s.slot_type[i] = SlotType::Zero;
                        }
                    }
                    if !s.is_invalid() {
                        slots.push((*spi, s));
                    }
                }
            }
        }
        self.slots = slots;
        self.joined = true;
    }
}

/// `tnum` union: the bits known and equal in both stay known.
fn tnum_union(a: Tnum, b: Tnum) -> Tnum {
    let mu = a.mask | b.mask | (a.value ^ b.value);
    Tnum {
        value: a.value & b.value & !mu,
        mask: mu,
    }
}

fn join_reg(a: &RegState, b: &RegState) -> RegState {
    if a == b {
        return *a;
    }
    let same_kind = a.typ == b.typ
        && a.map_idx == b.map_idx
        && a.frameno == b.frameno
        && a.dynptr_kind == b.dynptr_kind
        && a.rdonly == b.rdonly
        && (a.typ == BpfRegType::Scalar || a.off == b.off);
    if !same_kind {
        return RegState::not_init();
    }
    let mut r = *a;
    r.maybe_null = a.maybe_null || b.maybe_null;
    r.var_off = tnum_union(a.var_off, b.var_off);
    r.smin_value = a.smin_value.min(b.smin_value);
    r.smax_value = a.smax_value.max(b.smax_value);
    r.umin_value = a.umin_value.min(b.umin_value);
    r.umax_value = a.umax_value.max(b.umax_value);
    r.s32_min_value = a.s32_min_value.min(b.s32_min_value);
    r.s32_max_value = a.s32_max_value.max(b.s32_max_value);
    r.u32_min_value = a.u32_min_value.min(b.u32_min_value);
    r.u32_max_value = a.u32_max_value.max(b.u32_max_value);
    r.range = a.range.min(b.range);
    r.mem_size = a.mem_size.min(b.mem_size);
    r
}

/// The states of every instruction of one walk.
#[derive(Debug, Clone, Default)]
pub struct RecordedStates {
    /// Per instruction, the distinct states (a joined one last, if any).
    pub at: Vec<Vec<AbsState>>,
    /// Where the walk stopped with an error, and its message.
    pub error: Option<(usize, String)>,
    /// True when pruning compared every register and slot (see the module
    /// documentation); false for a walk that had to fall back to the
    /// kernel's pruning, whose dead registers and imprecise scalars are
    /// not guaranteed.
    pub exact: bool,
    /// Registers live at each instruction (the kernel pruning's view).
    pub live: Vec<u16>,
    /// Registers whose scalar value matters at each instruction.
    pub precise: Vec<u16>,
}

impl RecordedStates {
    pub(crate) fn new(n: usize) -> RecordedStates {
        RecordedStates {
            at: vec![Vec::new(); n],
            error: None,
            exact: true,
            live: Vec::new(),
            precise: Vec::new(),
        }
    }

    /// Records the state about to execute instruction `idx`.
    pub(crate) fn record(&mut self, idx: usize, st: &VerifierState) {
        let Some(v) = self.at.get_mut(idx) else {
            return;
        };
        let s = AbsState::of(st);
        if v.iter().any(|o| !o.joined && *o == s) {
            return;
        }
        if v.len() < MAX_STATES_PER_INSN {
            v.push(s);
        } else if let Some(j) = v.iter_mut().find(|o| o.joined) {
            j.join(&s);
        } else {
            let mut j = s;
            j.joined = true;
            v.push(j);
        }
    }

    /// The walk stopped at `idx` on `st` with `message`.
    pub(crate) fn refuse(&mut self, idx: usize, st: &VerifierState, message: &str) {
        self.error = Some((idx, message.to_string()));
        let Some(v) = self.at.get_mut(idx) else {
            return;
        };
        let s = AbsState::of(st);
        // The state the instruction was entered with (recorded before the
        // check that failed) is the one refused.
        match v.iter_mut().rev().find(|o| !o.joined && o.regs == s.regs) {
            Some(o) => o.refused = Some(message.to_string()),
            None => {
                let mut s = s;
                s.refused = Some(message.to_string());
                v.push(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_widens_ranges_and_forgets_mixed_kinds() {
        let a = RegState::known(3);
        let b = RegState::known(10);
        let j = join_reg(&a, &b);
        assert_eq!((j.umin_value, j.umax_value), (3, 10));
        assert!(j.var_off.contains(Tnum::konst(3)) && j.var_off.contains(Tnum::konst(10)));
        let p = RegState::ptr(BpfRegType::PtrToCtx);
        assert_eq!(join_reg(&a, &p).typ, BpfRegType::NotInit);
    }

    #[test]
    fn more_states_than_the_cap_are_joined() {
        let mut rec = RecordedStates::new(1);
        let mut st = VerifierState::initial();
        for v in 0..(MAX_STATES_PER_INSN as u64 + 5) {
            st.regs_mut()[2] = RegState::known(v);
            rec.record(0, &st);
        }
        assert_eq!(rec.at[0].len(), MAX_STATES_PER_INSN + 1);
        let j = rec.at[0].last().unwrap();
        assert!(j.joined);
        assert_eq!(j.regs[2].umin_value, MAX_STATES_PER_INSN as u64);
        assert_eq!(j.regs[2].umax_value, MAX_STATES_PER_INSN as u64 + 4);
    }
}

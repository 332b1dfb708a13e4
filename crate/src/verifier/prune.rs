//! State pruning (`is_state_visited`, `states_equal`): at prune points the
//! current state is compared with the states already explored there; when
//! an old, fully verified state is at least as general, this path is safe
//! and stops. A state equal to one of its own ancestors at a loop head is
//! an infinite loop. Every scalar is compared as precise (this verifier
//! does not track precision), which prunes less than the kernel but never
//! wrongly.

use super::env::{Env, VErr, VResult};
use super::explain::RejectKind;
use super::reg_state::{BpfRegType, RegState};
use super::stack::{SlotType, StackSlot, BPF_REG_SIZE};
use super::state::{FuncState, VerifierState};

/// A checkpoint on some path; `branches` counts paths still being explored
/// below it (`bpf_verifier_state.branches`).
#[derive(Debug, Clone)]
pub(crate) struct Checkpoint {
    pub branches: u32,
    pub parent: Option<usize>,
    /// The instruction it was saved at.
    pub insn: usize,
    /// The exploration tree's path that saved it.
    pub path: usize,
}

/// A state explored at an instruction.
#[derive(Debug, Clone)]
pub(crate) struct Explored {
    pub state: VerifierState,
    pub ckpt: usize,
    pub hit: u32,
    pub miss: u32,
}

/// Old-to-current id mapping (`struct bpf_id_pair` map).
#[derive(Default)]
struct IdMap {
    ids: Vec<(u32, u32)>,
    dynptr_ids: Vec<(u32, u32)>,
}

fn check_ids(map: &mut Vec<(u32, u32)>, old: u32, cur: u32) -> bool {
    if old == 0 || cur == 0 {
        return old == cur;
    }
    for &(o, c) in map.iter() {
        if o == old {
            return c == cur;
        }
        if c == cur {
            return false;
        }
    }
    map.push((old, cur));
    true
}

fn range_within(old: &RegState, cur: &RegState) -> bool {
    old.umin_value <= cur.umin_value
        && old.umax_value >= cur.umax_value
        && old.smin_value <= cur.smin_value
        && old.smax_value >= cur.smax_value
        && old.u32_min_value <= cur.u32_min_value
        && old.u32_max_value >= cur.u32_max_value
        && old.s32_min_value <= cur.s32_min_value
        && old.s32_max_value >= cur.s32_max_value
}

fn same_shape(old: &RegState, cur: &RegState) -> bool {
    old.typ == cur.typ
        && old.maybe_null == cur.maybe_null
        && old.rdonly == cur.rdonly
        && old.ringbuf == cur.ringbuf
        && old.off == cur.off
        && old.mem_size == cur.mem_size
        && old.map_idx == cur.map_idx
        && old.frameno == cur.frameno
        && old.subprogno == cur.subprogno
        && old.dynptr_kind == cur.dynptr_kind
        && old.dynptr_first_slot == cur.dynptr_first_slot
        && old.pkt_slice == cur.pkt_slice
}

fn regs_exact(old: &RegState, cur: &RegState, m: &mut IdMap) -> bool {
    same_shape(old, cur)
        && old.var_off == cur.var_off
        && old.range == cur.range
        && range_within(old, cur)
        && range_within(cur, old)
        && check_ids(&mut m.ids, old.id, cur.id)
        && check_ids(&mut m.ids, old.ref_obj_id, cur.ref_obj_id)
        && check_ids(&mut m.dynptr_ids, old.dynptr_id, cur.dynptr_id)
}

/// `regsafe`: is `cur` covered by the explored `old`? An imprecise
/// scalar matches any scalar.
fn regsafe(old: &RegState, cur: &RegState, precise: bool, m: &mut IdMap) -> bool {
    if old.typ == BpfRegType::NotInit {
        return true;
    }
    if cur.typ == BpfRegType::NotInit {
        return false;
    }
    match old.typ {
        BpfRegType::Scalar => {
            if cur.typ != BpfRegType::Scalar {
                return false;
            }
            if regs_exact(old, cur, m) || !precise {
                return true;
            }
            range_within(old, cur)
                && old.var_off.contains(cur.var_off)
                && (old.id == 0 || check_ids(&mut m.ids, old.id, cur.id))
        }
        BpfRegType::PtrToMapValue | BpfRegType::PtrToMapKey | BpfRegType::PtrToMem => {
            same_shape(old, cur)
                && range_within(old, cur)
                && old.var_off.contains(cur.var_off)
                && check_ids(&mut m.ids, old.id, cur.id)
                && check_ids(&mut m.ids, old.ref_obj_id, cur.ref_obj_id)
                && check_ids(&mut m.dynptr_ids, old.dynptr_id, cur.dynptr_id)
        }
        BpfRegType::PtrToPacket | BpfRegType::PtrToPacketMeta => {
            cur.typ == old.typ
                && old.range <= cur.range
                && old.off == cur.off
                && check_ids(&mut m.ids, old.id, cur.id)
                && range_within(old, cur)
                && old.var_off.contains(cur.var_off)
        }
        _ => regs_exact(old, cur, m),
    }
}

fn stacksafe(old: &FuncState, cur: &FuncState, m: &mut IdMap) -> bool {
    for (o, c) in old.stack.iter().zip(cur.stack.iter()) {
        if !slotsafe(o, c, m) {
            return false;
        }
    }
    true
}

fn slotsafe(o: &StackSlot, c: &StackSlot, m: &mut IdMap) -> bool {
    for i in 0..BPF_REG_SIZE {
        let (ot, ct) = (o.slot_type[i], c.slot_type[i]);
        if ot == SlotType::Invalid {
            continue;
        }
        if ot == SlotType::Misc && ct == SlotType::Zero {
            continue;
        }
        if ot != ct {
            return false;
        }
    }
    match o.slot_type[BPF_REG_SIZE - 1] {
        SlotType::Spill => regsafe(&o.spilled_ptr, &c.spilled_ptr, true, m),
        SlotType::Dynptr => {
            let (a, b) = (&o.spilled_ptr, &c.spilled_ptr);
            a.dynptr_kind == b.dynptr_kind
                && a.dynptr_first_slot == b.dynptr_first_slot
                && check_ids(&mut m.ids, a.ref_obj_id, b.ref_obj_id)
                && check_ids(&mut m.dynptr_ids, a.dynptr_id, b.dynptr_id)
        }
        // The depth (`range`) is not compared: it would stop convergence.
        SlotType::Iter => {
            o.spilled_ptr.iter_drained == c.spilled_ptr.iter_drained
                && check_ids(
                    &mut m.ids,
                    o.spilled_ptr.ref_obj_id,
                    c.spilled_ptr.ref_obj_id,
                )
        }
        _ => true,
    }
}

fn func_states_equal(
    old: &FuncState,
    cur: &FuncState,
    live: u16,
    precise: u16,
    m: &mut IdMap,
) -> bool {
    if old.callsite != cur.callsite || old.in_callback_fn != cur.in_callback_fn {
        return false;
    }
    // A state with fewer `bpf_loop` iterations still to push covers less.
    if old.callback_depth > cur.callback_depth {
        return false;
    }
    if old.pre_call_stacks != cur.pre_call_stacks {
        return false;
    }
    for (i, (o, c)) in old.regs.iter().zip(cur.regs.iter()).enumerate() {
        if live & (1 << i) == 0 {
            continue;
        }
        if !regsafe(o, c, precise & (1 << i) != 0, m) {
            return false;
        }
    }
    if !stacksafe(old, cur, m) {
        return false;
    }
    old.refs.len() == cur.refs.len()
        && old
            .refs
            .iter()
            .zip(cur.refs.iter())
            .all(|(a, b)| check_ids(&mut m.ids, a.id, b.id))
}

/// `states_equal`; `live` gives the live registers at an instruction, so
/// that dead registers are ignored (the kernel's read marks).
pub(crate) fn states_equal(
    old: &VerifierState,
    cur: &VerifierState,
    live: &dyn Fn(usize) -> (u16, u16),
    idx: usize,
) -> bool {
    if old.frames.len() != cur.frames.len() {
        return false;
    }
    let mut m = IdMap::default();
    let n = old.frames.len();
    for k in 0..n {
        // Caller frames resume after their call: r0-r5 are rewritten there.
        let at = if k + 1 == n {
            idx
        } else {
            cur.frames[k + 1].callsite + 1
        };
        let (mut mask, precise) = live(at);
        if k + 1 < n {
            mask &= !0x3f;
        }
        if !func_states_equal(
            &old.frames[k],
            &cur.frames[k],
            mask | (1 << 10),
            precise,
            &mut m,
        ) {
            return false;
        }
    }
    true
}

/// `iter_active_depths_differ`: iterators (their `range` counts
/// iterations) at different depths are different loop iterations.
fn iter_depths_differ(old: &VerifierState, cur: &VerifierState) -> bool {
    old.frames.iter().zip(cur.frames.iter()).any(|(o, c)| {
        o.stack.iter().zip(c.stack.iter()).any(|(a, b)| {
            a.slot_type[0] == SlotType::Iter
                && b.slot_type[0] == SlotType::Iter
                && a.spilled_ptr.range != b.spilled_ptr.range
        })
    })
}

/// `states_maybe_looping`: the innermost frames' registers are identical.
fn states_maybe_looping(old: &VerifierState, cur: &VerifierState) -> bool {
    if old.frames.len() != cur.frames.len()
        || old.callback_unroll_depth != cur.callback_unroll_depth
    {
        return false;
    }
    let (o, c) = (old.cur(), cur.cur());
    o.regs.iter().zip(c.regs.iter()).all(|(a, b)| {
        if a.typ != b.typ || a.var_off != b.var_off {
            return false;
        }
        let mut a = *a;
        a.live_written = b.live_written;
        a == *b
    })
}

impl Env<'_> {
    /// `find_prev_entry`: the state saved at `idx` by the previous
    /// iteration of the loop being walked (the nearest checkpoint above the
    /// one just saved for this state), if it is still in the list.
    pub(crate) fn prev_iter_entry(&self, idx: usize) -> Option<VerifierState> {
        let mut p = self
            .cur_parent
            .and_then(|c| self.ckpts.get(c))
            .and_then(|c| c.parent);
        while let Some(i) = p {
            let c = self.ckpts.get(i)?;
            if c.insn == idx && c.branches > 0 {
                let ex = self.explored.get(idx)?.iter().find(|e| e.ckpt == i)?;
                let same_callsites = ex.state.frames.len() == self.cur.frames.len()
                    && ex
                        .state
                        .frames
                        .iter()
                        .zip(self.cur.frames.iter())
                        .all(|(a, b)| a.callsite == b.callsite);
                return same_callsites.then(|| ex.state.clone());
            }
            p = c.parent;
        }
        None
    }

    /// `widen_imprecise_scalars`: registers holding scalars in both `old`
    /// and `cur` that differ and whose exact value does not matter from
    /// `idx` on become unknown. Widening only makes a state more general,
    /// so it is always sound; it is what lets a loop's sum converge.
    /// Spilled scalars are left alone: without the kernel's backtracked
    /// precision marks this verifier cannot tell a spilled loop index from
    /// a spilled sum.
    pub(crate) fn widen_imprecise_scalars(
        &self,
        old: &VerifierState,
        cur: &mut VerifierState,
        idx: usize,
    ) {
        let n = cur.frames.len().min(old.frames.len());
        for k in 0..n {
            let at = if k + 1 == n {
                idx
            } else {
                cur.frames[k + 1].callsite + 1
            };
            let keep = self.iter_precise_regs.get(at).copied().unwrap_or(0x7ff);
            for (i, (o, c)) in old.frames[k]
                .regs
                .iter()
                .zip(cur.frames[k].regs.iter_mut())
                .enumerate()
            {
                if keep & (1 << i) != 0
                    || o.typ != BpfRegType::Scalar
                    || c.typ != BpfRegType::Scalar
                {
                    continue;
                }
                let mut m = IdMap::default();
                if !regs_exact(o, c, &mut m) {
                    let written = c.live_written;
                    *c = RegState::unknown();
                    c.live_written = written;
                }
            }
        }
    }

    /// `update_branch_counts`: a path below `st` has finished.
    pub(crate) fn update_branch_counts(&mut self, mut st: Option<usize>) {
        while let Some(i) = st {
            let Some(c) = self.ckpts.get_mut(i) else {
                break;
            };
            c.branches = c.branches.saturating_sub(1);
            if c.branches > 0 {
                break;
            }
            st = c.parent;
        }
    }

    /// `is_state_visited`: true when this path can be pruned here.
    pub(crate) fn is_state_visited(&mut self, idx: usize) -> VResult<bool> {
        let iter_next = self.is_iter_next_insn(idx);
        let iter_active = iter_next && self.iter_arg_active();
        // A call whose callback is walked as a loop is a loop head too.
        let cb_call = self.iterates_callbacks() && self.is_callback_call_insn(idx);
        let mut add_new_state = iter_next || cb_call;
        if self.jmps_processed - self.prev_jmps_processed >= 2
            && self.insn_processed - self.prev_insn_processed >= 8
        {
            add_new_state = true;
        }
        let mut list = std::mem::take(&mut self.explored[idx]);
        let lr = std::mem::take(&mut self.live_regs);
        let pr = std::mem::take(&mut self.precise_regs);
        // A walk for checking runs (`exact_states`) compares every
        // register as live and precise: see `recorded.rs`.
        let exact = self.opts.exact_states;
        let live_at = |i: usize| {
            if exact {
                return (0x7ff, 0x7ff);
            }
            (
                lr.get(i).copied().unwrap_or(0x7ff),
                pr.get(i).copied().unwrap_or(0x7ff),
            )
        };
        // At an iterator's `next`, a state of the loop still being walked
        // covers the current one only if every live scalar's range does
        // (the kernel's RANGE_WITHIN): precision is not settled inside
        // the loop yet, but imprecise scalars were widened.
        let range_within_at = |i: usize| {
            if exact {
                return (0x7ff, 0x7ff);
            }
            (lr.get(i).copied().unwrap_or(0x7ff), 0x7ff)
        };
        let mut pruned = false;
        let mut err = None;
        let mut states_cnt = 0u64;
        // Newest first, as the kernel's list (new states go at its head).
        let mut i = list.len();
        while i > 0 {
            i -= 1;
            states_cnt += 1;
            let ckpt_live = self.ckpts.get(list[i].ckpt).is_some_and(|c| c.branches > 0);
            let ex = &mut list[i];
            if ckpt_live {
                if iter_next {
                    if iter_active && states_equal(&ex.state, &self.cur, &range_within_at, idx) {
                        ex.hit += 1;
                        pruned = true;
                        let (live, _) = range_within_at(idx);
                        let by = self.ckpts.get(ex.ckpt).map_or(0, |c| c.path);
                        self.last_prune = Some((by, live, 0x7ff));
                        break;
                    }
                } else if cb_call {
                    if states_equal(&ex.state, &self.cur, &range_within_at, idx) {
                        ex.hit += 1;
                        pruned = true;
                        let (live, _) = range_within_at(idx);
                        let by = self.ckpts.get(ex.ckpt).map_or(0, |c| c.path);
                        self.last_prune = Some((by, live, 0x7ff));
                        break;
                    }
                } else if states_maybe_looping(&ex.state, &self.cur)
                    && !iter_depths_differ(&ex.state, &self.cur)
                    && states_equal(&ex.state, &self.cur, &live_at, idx)
                {
                    err = Some(VErr::new(
                        RejectKind::InfiniteLoop,
                        format!("infinite loop detected at insn {idx}"),
                    ));
                    break;
                }
                if !iter_next
                    && !cb_call
                    && self.jmps_processed - self.prev_jmps_processed < 20
                    && self.insn_processed - self.prev_insn_processed < 100
                {
                    add_new_state = false;
                }
            } else if states_equal(&ex.state, &self.cur, &live_at, idx) {
                ex.hit += 1;
                pruned = true;
                let (live, precise) = live_at(idx);
                let by = self.ckpts.get(ex.ckpt).map_or(0, |c| c.path);
                self.last_prune = Some((by, live, precise));
                break;
            }
            // A miss. Only counted when a new state will be added, so that
            // a loop's iterations do not evict its early states too soon.
            if add_new_state {
                ex.miss += 1;
            }
            // Evict states that keep missing, also those of paths still
            // being explored (their checkpoints stay in `ckpts`): a long
            // loop would otherwise compare every iteration with every
            // state it saved, quadratic in the iterations. Iterator loop
            // heads keep theirs longer, for convergence.
            let n = if (iter_next || cb_call) && ckpt_live {
                64
            } else {
                3
            };
            if ex.miss > ex.hit * n + n {
                list.remove(i);
                self.cur_states = self.cur_states.saturating_sub(1);
            }
        }
        if !pruned {
            self.max_states_per_insn = self.max_states_per_insn.max(states_cnt);
        }
        self.explored[idx] = list;
        self.live_regs = lr;
        self.precise_regs = pr;
        if let Some(e) = err {
            return Err(e);
        }
        if pruned {
            return Ok(true);
        }
        if !add_new_state {
            return Ok(false);
        }
        self.total_states += 1;
        self.cur_states += 1;
        self.peak_states = self.peak_states.max(self.cur_states);
        let id = self.ckpts.len();
        self.ckpts.push(Checkpoint {
            branches: 1,
            parent: self.cur_parent,
            insn: idx,
            path: self.cur_path,
        });
        self.cur_parent = Some(id);
        self.explored[idx].push(Explored {
            state: self.cur.clone(),
            ckpt: id,
            hit: 0,
            miss: 0,
        });
        self.cur.for_each_reg(|r| r.live_written = false);
        for f in &mut self.cur.frames {
            for s in &mut f.stack {
                s.spilled_ptr.live_written = false;
            }
        }
        self.prev_jmps_processed = self.jmps_processed;
        self.prev_insn_processed = self.insn_processed;
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_scalar_covers_narrower() {
        let mut old = VerifierState::initial();
        let mut cur = VerifierState::initial();
        old.regs_mut()[2] = RegState::unknown();
        cur.regs_mut()[2] = RegState::known(7);
        let all = |_: usize| (0x7ffu16, 0x7ffu16);
        assert!(states_equal(&old, &cur, &all, 0));
        assert!(!states_equal(&cur, &old, &all, 0));
    }
}

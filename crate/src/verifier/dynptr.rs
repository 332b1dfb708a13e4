//! Dynptrs on the stack: the two `STACK_DYNPTR` slots a constructor marks,
//! the reference a ring buffer dynptr holds (shared by its clones), and the
//! invalidation rules of the specification: releasing one instance
//! invalidates every instance with the same reference id and all their
//! slices; helpers that change packet data invalidate skb/xdp slices.

use super::env::{Env, VErr, VResult};
use super::explain::RejectKind;
use super::messages;
use super::provenance::Role;
use super::reg_state::{BpfRegType, RegState};
use super::stack::{get_spi, is_spi_bounds_valid, SlotType, BPF_DYNPTR_NR_SLOTS, BPF_REG_SIZE};
use super::state::RefState;
use crate::dynptr::DynptrKind;

/// The dynptr type an argument type's flags ask for.
pub fn arg_to_dynptr_kind(flags: u32) -> Option<DynptrKind> {
    use crate::catalog::flags::*;
    if flags & DYNPTR_TYPE_LOCAL != 0 {
        Some(DynptrKind::Local)
    } else if flags & DYNPTR_TYPE_RINGBUF != 0 {
        Some(DynptrKind::Ringbuf)
    } else if flags & DYNPTR_TYPE_SKB != 0 {
        Some(DynptrKind::Skb)
    } else if flags & DYNPTR_TYPE_XDP != 0 {
        Some(DynptrKind::Xdp)
    } else if flags & DYNPTR_TYPE_SKB_META != 0 {
        Some(DynptrKind::SkbMeta)
    } else {
        None
    }
}

/// What the verifier knows of an initialised dynptr argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DynptrInfo {
    /// Its type.
    pub kind: DynptrKind,
    /// The reference it holds (ring buffer), 0 otherwise.
    pub ref_obj_id: u32,
    /// Its own id (slices remember it).
    pub dynptr_id: u32,
    /// The id of the dynptr it was cloned from (its own when not a clone).
    pub parent_id: u32,
    /// Where it is: frame and fp offset of its first byte; `None` for the
    /// callback's `dynptr_ptr`.
    pub at: Option<(u32, i32)>,
}

impl Env<'_> {
    /// Slot index of the dynptr an argument register points at.
    pub(crate) fn dynptr_spi(reg: &RegState) -> i64 {
        get_spi(reg.off as i64 + reg.var_off.value as i64)
    }

    /// `is_dynptr_reg_valid_uninit`.
    pub(crate) fn is_dynptr_reg_valid_uninit(&self, reg: &RegState) -> bool {
        let spi = Self::dynptr_spi(reg);
        if !is_spi_bounds_valid(spi, BPF_DYNPTR_NR_SLOTS) {
            // The era's kernel lets the write check catch it; today's
            // refuses a dynptr that does not fit as not uninitialized.
            return !self.opts.kernel.unfit_dynptr_not_uninit();
        }
        let Some(f) = self.cur.frames.get(reg.frameno as usize) else {
            return true;
        };
        let (a, b) = (&f.stack[spi as usize], &f.stack[spi as usize - 1]);
        if self.opts.kernel.reinit_unreferenced_dynptr() {
            // Today's kernel lets a constructor overwrite an unreferenced
            // dynptr (destroying it); a referenced one is refused later.
            return true;
        }
        !(a.is_dynptr() || b.is_dynptr())
    }

    /// `is_dynptr_reg_valid_init`.
    pub(crate) fn is_dynptr_reg_valid_init(&self, reg: &RegState) -> bool {
        if reg.typ == BpfRegType::PtrToDynptr {
            return true;
        }
        let spi = Self::dynptr_spi(reg);
        if !is_spi_bounds_valid(spi, BPF_DYNPTR_NR_SLOTS) {
            return false;
        }
        let Some(f) = self.cur.frames.get(reg.frameno as usize) else {
            return false;
        };
        let (a, b) = (&f.stack[spi as usize], &f.stack[spi as usize - 1]);
        a.spilled_ptr.dynptr_first_slot
            && a.slot_type.iter().all(|t| *t == SlotType::Dynptr)
            && b.slot_type.iter().all(|t| *t == SlotType::Dynptr)
    }

    /// The initialised dynptr at `reg` (call after the validity check).
    pub(crate) fn dynptr_info(&self, reg: &RegState) -> Option<DynptrInfo> {
        if reg.typ == BpfRegType::PtrToDynptr {
            return reg.dynptr_kind.map(|kind| DynptrInfo {
                kind,
                ref_obj_id: reg.ref_obj_id,
                dynptr_id: reg.dynptr_id,
                parent_id: reg.dynptr_id,
                at: None,
            });
        }
        let spi = Self::dynptr_spi(reg);
        if !is_spi_bounds_valid(spi, BPF_DYNPTR_NR_SLOTS) {
            return None;
        }
        let f = self.cur.frames.get(reg.frameno as usize)?;
        let s = &f.stack[spi as usize].spilled_ptr;
        s.dynptr_kind.map(|kind| DynptrInfo {
            kind,
            ref_obj_id: s.ref_obj_id,
            dynptr_id: s.dynptr_id,
            parent_id: if s.dynptr_parent_id != 0 {
                s.dynptr_parent_id
            } else {
                s.dynptr_id
            },
            at: Some((reg.frameno, -((spi as i32 + 1) * BPF_REG_SIZE as i32))),
        })
    }

    /// `acquire_reference_state`.
    pub(crate) fn acquire_reference_state(&mut self) -> u32 {
        self.id_gen += 1;
        let id = self.id_gen;
        let insn_idx = self.insn_idx;
        let f = self.cur.cur_mut();
        let callback_ref = if f.in_callback_fn { f.frameno } else { 0 };
        f.refs.push(RefState {
            id,
            insn_idx,
            callback_ref,
        });
        id
    }

    /// `release_reference`: drop the reference from this frame and turn
    /// every pointer that depends on it into an unknown scalar.
    pub(crate) fn release_reference(&mut self, ref_obj_id: u32) -> bool {
        let f = self.cur.cur_mut();
        let before = f.refs.len();
        f.refs.retain(|r| r.id != ref_obj_id);
        if f.refs.len() == before {
            return false;
        }
        self.cur.for_each_reg(|r| {
            if r.ref_obj_id == ref_obj_id {
                let live = r.live_written;
                *r = RegState::unknown();
                r.live_written = live;
            }
        });
        true
    }

    /// Invalidate slices that came from dynptr `dynptr_id`.
    pub(crate) fn invalidate_slices_of_dynptr(&mut self, dynptr_id: u32) {
        if dynptr_id == 0 {
            return;
        }
        self.cur.for_each_reg(|r| {
            if r.typ == BpfRegType::PtrToMem && r.dynptr_id == dynptr_id {
                let live = r.live_written;
                *r = RegState::unknown();
                r.live_written = live;
            }
        });
    }

    /// Notes that `fname` took a `size`-byte data slice (r0) of the
    /// dynptr `d`.
    pub(crate) fn note_slice(&mut self, fname: &str, d: &DynptrInfo, size: u32) {
        let at = d.at.map_or("the callback's dynptr".to_string(), |(_, o)| {
            format!("the dynptr at fp{o}")
        });
        self.note_role(
            Some(Role::Slice),
            format!(
                "{fname} took a {size}-byte data slice of {at} into r0 (NULL when out of range)"
            ),
            d.at,
            Vec::new(),
            Some(0),
            d.ref_obj_id,
        );
        self.note_dynptr_kind(d.kind);
    }

    /// `clear_all_pkt_pointers`: after a helper that may change packet
    /// data, packet pointers and skb/xdp slices are unknown scalars.
    pub(crate) fn clear_all_pkt_pointers(&mut self) {
        let mut n = 0;
        self.cur.for_each_reg(|r| {
            if r.typ.is_pkt_pointer() || r.typ == BpfRegType::PtrToPacketEnd || r.pkt_slice {
                let live = r.live_written;
                *r = RegState::unknown();
                r.live_written = live;
                n += 1;
            }
        });
        if n > 0 {
            self.note_role(
                Some(Role::Invalidated),
                format!("{n} packet pointer(s) and skb/xdp/skb_meta dynptr slice(s) were invalidated because the call may change packet data"),
                None,
                Vec::new(),
                None,
                0,
            );
        }
    }

    /// `mark_stack_slots_dynptr`: the constructor at this call builds a
    /// dynptr of `kind` at `reg`; a clone shares `clone_of`'s type and reference.
    pub(crate) fn mark_stack_slots_dynptr(
        &mut self,
        reg: &RegState,
        kind: DynptrKind,
        clone_of: Option<DynptrInfo>,
        fname: &str,
    ) -> VResult<()> {
        let spi = Self::dynptr_spi(reg);
        if !is_spi_bounds_valid(spi, BPF_DYNPTR_NR_SLOTS) {
            return Err(VErr::new(
                RejectKind::StackAccess,
                "invalid dynptr stack slot".to_string(),
            ));
        }
        let frame = reg.frameno as usize;
        let spi = spi as usize;
        // Today's kernel: building over an unreferenced dynptr destroys it.
        if self.opts.kernel.reinit_unreferenced_dynptr() {
            for s in [spi, spi - 1] {
                if self.cur.frames[frame].stack[s].slot_type[0] == SlotType::Dynptr {
                    let first = if self.cur.frames[frame].stack[s]
                        .spilled_ptr
                        .dynptr_first_slot
                    {
                        s
                    } else {
                        s + 1
                    };
                    let head = self.cur.frames[frame]
                        .stack
                        .get(first)
                        .map(|x| x.spilled_ptr);
                    if let Some(h) = head {
                        if h.dynptr_kind.is_some_and(|k| k.is_refcounted()) {
                            return Err(VErr::new(
                                RejectKind::DynptrOverwrite,
                                messages::CANNOT_OVERWRITE_REFERENCED_DYNPTR,
                            ));
                        }
                        self.invalidate_slices_of_dynptr(h.dynptr_id);
                        if first < self.cur.frames[frame].stack.len() && first >= 1 {
                            self.cur.frames[frame].stack[first].invalidate();
                            self.cur.frames[frame].stack[first - 1].invalidate();
                        }
                    }
                }
            }
        }
        let (kind, mut ref_obj_id) = match clone_of {
            Some(p) => (p.kind, p.ref_obj_id),
            None => (kind, 0),
        };
        // Today's kernel gives every dynptr an id of its own from the same
        // counter as references (before the reference's); the era's kernel
        // did not, so there the dynptr's id comes from a counter of ours.
        let dynptr_id = if self.opts.kernel.dynptr_ids_from_id_gen() {
            self.id_gen += 1;
            self.id_gen
        } else {
            self.dynptr_id_gen += 1;
            self.dynptr_id_gen | 0x8000_0000
        };
        if kind.is_refcounted() && ref_obj_id == 0 {
            ref_obj_id = self.acquire_reference_state();
        }
        for (s, first) in [(spi, true), (spi - 1, false)] {
            let slot = &mut self.cur.frames[frame].stack[s];
            slot.slot_type = [SlotType::Dynptr; BPF_REG_SIZE];
            let mut r = RegState::not_init();
            r.dynptr_kind = Some(kind);
            r.dynptr_first_slot = first;
            r.ref_obj_id = ref_obj_id;
            r.dynptr_id = dynptr_id;
            r.dynptr_parent_id = clone_of.map_or(dynptr_id, |p| p.parent_id);
            r.live_written = true;
            slot.spilled_ptr = r;
            if frame == self.cur.curframe() {
                self.scratched_stack |= 1u64 << (s & 63);
            }
        }
        let off = -((spi as i32 + 1) * BPF_REG_SIZE as i32);
        let what = match clone_of {
            Some(p) => format!(
                "{} made the dynptr at fp{} a clone of the {} dynptr at {}{}",
                fname,
                off,
                kind.name(),
                p.at.map_or("the callback's dynptr_ptr".to_string(), |(_, o)| format!(
                    "fp{o}"
                )),
                if ref_obj_id != 0 {
                    format!(" sharing reference id={ref_obj_id}")
                } else {
                    String::new()
                }
            ),
            None => format!(
                "{} initialized a {} dynptr at fp{}{}",
                fname,
                kind.name(),
                off,
                if ref_obj_id != 0 {
                    format!(" holding reference id={ref_obj_id}")
                } else {
                    String::new()
                }
            ),
        };
        let (role, also) = match clone_of {
            Some(p) => (Role::Cloned, p.at.into_iter().collect()),
            None => (Role::Created, Vec::new()),
        };
        self.note_role(
            Some(role),
            what,
            Some((frame as u32, off)),
            also,
            None,
            ref_obj_id,
        );
        self.note_dynptr_kind(kind);
        Ok(())
    }

    /// `unmark_stack_slots_dynptr`: a release helper ends the dynptr at
    /// `reg`, every clone sharing its reference, and all their slices.
    pub(crate) fn unmark_stack_slots_dynptr(&mut self, reg: &RegState, fname: &str) -> VResult<()> {
        let Some(info) = self.dynptr_info(reg) else {
            return Err(VErr::new(
                RejectKind::UnacquiredRef,
                "arg 1 is an unacquired reference".to_string(),
            ));
        };
        if info.kind.is_refcounted() && info.ref_obj_id != 0 {
            let id = info.ref_obj_id;
            self.release_reference(id);
            let mut killed = Vec::new();
            for (fi, f) in self.cur.frames.iter_mut().enumerate() {
                for (i, s) in f.stack.iter_mut().enumerate() {
                    if s.slot_type[0] == SlotType::Dynptr && s.spilled_ptr.ref_obj_id == id {
                        if s.spilled_ptr.dynptr_first_slot {
                            killed.push((fi, -((i as i32 + 1) * BPF_REG_SIZE as i32)));
                        }
                        s.invalidate();
                    }
                }
            }
            let at = info
                .at
                .map_or("the callback's dynptr".to_string(), |(_, o)| {
                    format!("the dynptr at fp{o}")
                });
            let others: Vec<String> = killed
                .iter()
                .filter(|(f, o)| Some((*f as u32, *o)) != info.at)
                .map(|(_, o)| format!("fp{o}"))
                .collect();
            let mut what = format!("{fname} released {at} (reference id={id})");
            if others.is_empty() {
                what.push_str(" and every data slice taken from it");
            } else {
                what.push_str(&format!(
                    ", which also invalidated its clone(s) at {} and every data slice taken from them",
                    others.join(", ")
                ));
            }
            let also = killed
                .iter()
                .filter(|(f, o)| Some((*f as u32, *o)) != info.at)
                .map(|(f, o)| (*f as u32, *o))
                .collect();
            self.note_role(Some(Role::Released), what, info.at, also, None, id);
        } else if let Some((frame, off)) = info.at {
            let spi = get_spi(off as i64) as usize;
            if let Some(f) = self.cur.frames.get_mut(frame as usize) {
                f.stack[spi].invalidate();
                f.stack[spi - 1].invalidate();
            }
            self.invalidate_slices_of_dynptr(info.dynptr_id);
        }
        Ok(())
    }
}

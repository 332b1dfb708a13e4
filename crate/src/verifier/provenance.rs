//! The provenance chain of a rejection: the instructions on the failing
//! path that led to it, in walk order, each with its role, ending at the
//! rejected instruction. Where the dynptr was created, cloned, released
//! or destroyed; where the slice was taken and where packet data changed
//! under it; the instruction that made a register unbounded and where it
//! was added to a pointer; the branch a leaking path took.
//!
//! Two sources, both of the failing path only:
//! - the events the walk notes as it goes ([`PathEvent`], copied into
//!   every path a branch pushes, so the failing state holds its own
//!   history): the dynptr and reference events, each with the stack slots
//!   and reference ids it concerns. The chain keeps those of the family of
//!   the dynptr or reference the rejection is about (clones included);
//! - the failing path's instructions, rebuilt from the exploration tree
//!   (the path's runs after its ancestors' runs up to each fork), walked
//!   backwards from the rejected instruction to find where the register
//!   it names got its value: through moves, spills to the stack and back,
//!   calls into subprograms, up to the load, helper result or arithmetic
//!   that made it. The verifier's recorded states at those instructions
//!   tell a spilled register from plain stack bytes and which operand of
//!   `rX op= rY` was unbounded (without recorded states the walk follows
//!   the destination).
//!
//! [`Report::provenance`](super::Report::provenance) carries the chain;
//! `verify --json` prints it as `provenance`; the explanation refers to
//! its steps by number (①, ②, ...), and the page marks them in the editor.

use serde::{Deserialize, Serialize};

use super::env::Env;
use super::explain::RejectKind;
use super::reg_state::{BpfRegType, RegState};
use super::stack::{get_spi, STACK_SLOTS};
use super::state::{FuncState, PathEvent};
use super::vtree::{VPath, NO_PATH};
use crate::catalog::{self, ArgBase};
use crate::isa::*;
use crate::program::Program;

/// What a step of the chain is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A dynptr (or an open-coded iterator) was built.
    Created,
    /// A dynptr was cloned.
    Cloned,
    /// A reference was released (a ring buffer dynptr submitted or
    /// discarded, with every clone and slice of it; a record; an iterator).
    Released,
    /// Packet data may have changed: packet pointers and skb/xdp slices died.
    Invalidated,
    /// A store destroyed a dynptr.
    Overwritten,
    /// A ring buffer record was reserved (a reference acquired).
    Acquired,
    /// A data slice of a dynptr was taken.
    Slice,
    /// A register got the pointer the rejected instruction uses.
    Pointer,
    /// A register got the value the rejected instruction uses.
    Value,
    /// A register became unbounded.
    Unbounded,
    /// An unbounded scalar was added to a pointer.
    Offset,
    /// A call scratched the register (r1-r5 hold nothing after a call).
    Scratched,
    /// A helper called its callback.
    Callback,
    /// The failing path took a branch.
    Branch,
    /// The context register at the program's entry.
    Ctx,
    /// The rejected instruction.
    Rejected,
}

impl Role {
    /// The role as `verify --json` spells it (`created`, `slice`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Role::Created => "created",
            Role::Cloned => "cloned",
            Role::Released => "released",
            Role::Invalidated => "invalidated",
            Role::Overwritten => "overwritten",
            Role::Acquired => "acquired",
            Role::Slice => "slice",
            Role::Pointer => "pointer",
            Role::Value => "value",
            Role::Unbounded => "unbounded",
            Role::Offset => "offset",
            Role::Scratched => "scratched",
            Role::Callback => "callback",
            Role::Branch => "branch",
            Role::Ctx => "ctx",
            Role::Rejected => "rejected",
        }
    }
}

/// One step of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvStep {
    /// The instruction.
    pub insn: usize,
    /// What happened there.
    pub role: Role,
    /// What happened, in plain English, naming dynptrs and registers by
    /// their C variables when DWARF gives them.
    pub text: String,
    /// The path of the exploration tree ([`Report::paths`](super::Report::paths),
    /// walk order) the step happened on, when known.
    #[serde(default)]
    pub path: Option<usize>,
    /// Which visit of `insn` on that path it was (0: its first), to find
    /// its line in the log.
    #[serde(default)]
    pub visit: usize,
}

/// Most steps a chain keeps (the first creation and the last ones).
const MAX_STEPS: usize = 10;
/// Instructions of the failing path walked back at most.
const MAX_WALK: usize = 200_000;
/// `BPF_MAX_VAR_SIZ`: a scalar above it (or below 0) is what the checks
/// call unbounded.
const MAX_VAR: u64 = 1 << 29;

/// The circled number of step `n` (1-based) as the explanation and the
/// page's markers print it: ① .. ⑳, then `(21)`.
pub fn marker(n: usize) -> String {
    match n {
        1..=20 => char::from_u32(0x2460 + n as u32 - 1)
            .map(String::from)
            .unwrap_or_default(),
        _ => format!("({n})"),
    }
}

/// One processed instruction of the failing path.
#[derive(Debug, Clone, Copy)]
struct Visit {
    /// Position from the walk's root (as [`PathEvent::pos`]).
    pos: u64,
    insn: usize,
    /// Path id (before the walk-order renumbering).
    path: usize,
}

/// A step before ordering.
#[derive(Debug, Clone)]
struct Cand {
    pos: u64,
    insn: usize,
    path: Option<usize>,
    role: Role,
    text: String,
}

/// What a register walk looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Where the value came from (a pointer's origin, a constant).
    Origin,
    /// Where the scalar became unbounded (or got its range).
    Bounds,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Track {
    Reg(u8),
    /// A stack slot of the tracked frame (fp offset), between a load and
    /// the spill that filled it.
    Slot(i64),
}

/// The failing path's instructions: the path and its ancestors' runs up
/// to each fork, in walk order.
fn expand(paths: &[VPath], fail: usize, insns: &[Insn]) -> Vec<Visit> {
    let mut chain = Vec::new();
    let mut p = Some(fail);
    while let Some(i) = p {
        if i >= paths.len() || chain.len() > paths.len() {
            break;
        }
        chain.push(i);
        p = paths[i].parent;
    }
    chain.reverse();
    let next_of = |i: usize| {
        i + insns
            .get(i)
            .map_or(1, |x| if x.is_ld_imm64() { 2 } else { 1 })
    };
    let mut out = Vec::new();
    for (k, &id) in chain.iter().enumerate() {
        let path = &paths[id];
        let limit = match chain.get(k + 1) {
            Some(&c) => paths[c].base.saturating_sub(path.base),
            None => path.insns,
        };
        let mut n = 0u64;
        'runs: for r in &path.runs {
            let mut i = r[0];
            loop {
                if n >= limit {
                    break 'runs;
                }
                n += 1;
                out.push(Visit {
                    pos: path.base + n,
                    insn: i,
                    path: id,
                });
                if i >= r[1] {
                    break;
                }
                i = next_of(i);
            }
        }
        // Only the end is walked back: keep memory bounded on long walks.
        if out.len() > 2 * MAX_WALK {
            out.drain(..out.len() - MAX_WALK);
        }
    }
    if out.len() > MAX_WALK {
        out.drain(..out.len() - MAX_WALK);
    }
    out
}

/// A scalar the checks would take as bounded (a pointer counts as bounded:
/// it is not where a scalar's unboundedness comes from).
fn bounded(r: &RegState) -> bool {
    !r.is_scalar() || (r.smin_value >= 0 && r.umax_value < MAX_VAR)
}

/// What a pointer of type `t` points to, for a sentence.
fn memory_name(t: BpfRegType) -> &'static str {
    match t {
        BpfRegType::PtrToMapValue => "the map value",
        BpfRegType::PtrToCtx => "the context",
        BpfRegType::PtrToPacket | BpfRegType::PtrToPacketMeta => "the packet",
        BpfRegType::PtrToMem => "memory (a slice or a record)",
        BpfRegType::PtrToMapKey => "the map key",
        _ => "memory",
    }
}

/// The first register a message names (`R6 invalid mem access`,
/// `At callback return the register R0 ...`, `... stack R2`).
fn named_reg(message: &str) -> Option<u8> {
    let b = message.as_bytes();
    (0..b.len()).find_map(|i| {
        let boundary = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if b[i] != b'R' || !boundary {
            return None;
        }
        let digits: String = message[i + 1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let after = message[i + 1 + digits.len()..].chars().next();
        if digits.is_empty() || after.is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        digits.parse::<u8>().ok().filter(|r| *r <= 10)
    })
}

struct Chain<'a> {
    prog: &'a Program,
    insns: &'a [Insn],
    seen: &'a [Vec<Vec<FuncState>>],
    events: &'a [PathEvent],
    seq: Vec<Visit>,
    out: Vec<Cand>,
    /// The slice event a register walk ended at.
    origin: Option<&'a PathEvent>,
}

impl<'a> Chain<'a> {
    /// The recorded states' innermost frames at `insn`.
    fn frames_at(&self, insn: usize) -> Vec<&'a FuncState> {
        self.seen
            .get(insn)
            .map(|v| v.iter().filter_map(|f| f.last()).collect())
            .unwrap_or_default()
    }

    /// Register `r` in every recorded state at `insn`.
    fn regs_at(&self, insn: usize, r: u8) -> Vec<RegState> {
        self.frames_at(insn)
            .iter()
            .filter_map(|f| f.regs.get(r as usize).copied())
            .collect()
    }

    /// `Some(all bounded)` of register `r` at `insn`, `None` without states.
    fn all_bounded(&self, insn: usize, r: u8) -> Option<bool> {
        let v = self.regs_at(insn, r);
        (!v.is_empty()).then(|| v.iter().all(bounded))
    }

    /// Register `r` after visit `j` (the states at the next visit).
    fn after(&self, j: usize, r: u8) -> Vec<RegState> {
        self.seq
            .get(j + 1)
            .map(|v| self.regs_at(v.insn, r))
            .unwrap_or_default()
    }

    fn text_of(&self, insn: usize) -> String {
        crate::asm::format_insn(self.prog, insn)
    }

    /// The helper, kfunc or subprogram a call instruction calls.
    fn callee(&self, insn: usize) -> String {
        let Some(i) = self.insns.get(insn) else {
            return "the call".into();
        };
        let f = if i.is_helper_call() {
            u32::try_from(i.imm).ok().and_then(catalog::helper)
        } else if i.is_kfunc_call() {
            u32::try_from(i.imm).ok().and_then(catalog::kfunc)
        } else {
            None
        };
        if let Some(f) = f {
            return f.name.to_string();
        }
        if i.is_pseudo_call() {
            let target = (insn as i64 + i64::from(i.imm) + 1).max(0) as usize;
            if let Some(f) = self.prog.funcs.iter().find(|f| f.start == target) {
                return f.name.clone();
            }
            return format!("the function at insn {target}");
        }
        if i.is_call() {
            return format!("helper #{}", i.imm);
        }
        self.text_of(insn)
    }

    /// `r3`, or `r3 (len)` when DWARF names the variable it holds.
    fn reg_name(&self, insn: usize, r: u8) -> String {
        match self.prog.reg_var(insn, r) {
            Some(v) => format!("r{r} ({})", v.name),
            None => format!("r{r}"),
        }
    }

    /// The register an instruction writes, named by the variable it holds
    /// from the next instruction on (DWARF places a variable in a register
    /// once it is written).
    fn def_name(&self, insn: usize, r: u8) -> String {
        let next = insn
            + self
                .insns
                .get(insn)
                .map_or(1, |i| if i.is_ld_imm64() { 2 } else { 1 });
        match self.prog.reg_var(next, r).or(self.prog.reg_var(insn, r)) {
            Some(v) => format!("r{r} ({})", v.name),
            None => format!("r{r}"),
        }
    }

    /// `fp-16`, or `rec (fp-16)` when DWARF names the variable there (in
    /// the frame executing `insn`).
    fn slot_name(&self, insn: usize, frame: u32, slot: (u32, i32)) -> String {
        let (sf, off) = slot;
        let name = (sf == frame)
            .then(|| self.prog.stack_var(insn, i64::from(off)))
            .flatten()
            .map(|v| v.name.clone());
        let base = if sf == frame || frame == 0 {
            format!("fp{off}")
        } else {
            format!("fp{off} of frame#{sf}")
        };
        match name {
            Some(n) => format!("{n} ({base})"),
            None => base,
        }
    }

    fn push(&mut self, j: usize, role: Role, text: String) {
        if let Some(v) = self.seq.get(j) {
            self.out.push(Cand {
                pos: v.pos,
                insn: v.insn,
                path: Some(v.path),
                role,
                text,
            });
        }
    }

    /// The event noted at visit `j` with one of `roles`.
    fn event_at(&self, j: usize, roles: &[Role]) -> Option<&'a PathEvent> {
        let v = self.seq.get(j)?;
        self.events.iter().rev().find(|e| {
            e.pos == v.pos && e.insn == v.insn && e.role.is_some_and(|r| roles.contains(&r))
        })
    }

    /// The step where a load or call gave the tracked register its value.
    fn origin_step(&mut self, j: usize, r: u8, mode: Mode, ptr: bool, why: String, via: &[String]) {
        let insn = self.seq[j].insn;
        let why = if via.len() > 1 {
            let path: Vec<&str> = via.iter().rev().map(String::as_str).collect();
            format!("{why}; the value then goes {}", path.join(" → "))
        } else {
            why
        };
        let reg = self.def_name(insn, r);
        let text = self.text_of(insn);
        if mode == Mode::Bounds && !ptr {
            let after = self.after(j, r);
            let grows = after.is_empty() || !after.iter().all(bounded);
            if grows {
                self.push(
                    j,
                    Role::Unbounded,
                    format!("{reg} became unbounded here ({text}): {why}"),
                );
            } else {
                let range = after.first().map(|a| a.log_str(None)).unwrap_or_default();
                self.push(
                    j,
                    Role::Value,
                    format!("{reg} gets its range here ({text}): {range}"),
                );
            }
        } else if ptr {
            let after = self.after(j, r);
            if !after.is_empty() && after.iter().all(RegState::is_scalar) {
                self.push(
                    j,
                    Role::Value,
                    format!("{reg} gets a number here, not a pointer ({text}): {why}"),
                );
            } else {
                let typ = after
                    .first()
                    .map(|a| format!(", a {}", a.type_str()))
                    .unwrap_or_default();
                self.push(
                    j,
                    Role::Pointer,
                    format!("{reg} gets its pointer here ({text}){typ}"),
                );
            }
        } else {
            self.push(
                j,
                Role::Value,
                format!("{reg} gets its value here ({text}): {why}"),
            );
        }
    }

    /// Walks the failing path back from visit `from` (exclusive) to where
    /// register `reg` got its value; `ptr` when it holds a pointer at the use.
    fn trace(&mut self, from: usize, reg: u8, mode: Mode, ptr: bool, budget: &mut u32) {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        let mut track = Track::Reg(reg);
        // The registers and slots the value went through, last first.
        let mut via = vec![format!("r{reg}")];
        let mut depth: i64 = 0;
        // The stack load whose slot is being followed to its spill.
        let mut load: Option<(usize, u8)> = None;
        let mut j = from.min(self.seq.len());
        while j > 0 {
            j -= 1;
            let v = self.seq[j];
            let Some(&ins) = self.insns.get(v.insn) else {
                return;
            };
            let next = self.seq.get(j + 1).map(|n| n.insn);
            if ins.is_exit() {
                // A subprogram returned here: its r0 is the caller's (a
                // callback's is not: the helper's result is).
                let to_pseudo = next
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|c| self.insns.get(c))
                    .is_some_and(|c| c.is_pseudo_call());
                if !(depth == 0 && track == Track::Reg(0) && to_pseudo) {
                    depth += 1;
                }
                continue;
            }
            let entered = ins.is_call() && next.is_some_and(|n| n != v.insn + 1);
            if entered {
                if depth > 0 {
                    depth -= 1;
                    if depth > 0 {
                        continue;
                    }
                } else {
                    // The walk was inside the callee: on to the caller.
                    match track {
                        Track::Reg(1..=5) if ins.is_pseudo_call() => continue,
                        Track::Reg(r) if !ins.is_pseudo_call() => {
                            let name = self.callee(v.insn);
                            let what = self
                                .regs_at(next.unwrap_or(v.insn), r)
                                .first()
                                .map(|s| format!(" ({})", s.type_str()))
                                .unwrap_or_default();
                            self.push(
                                j,
                                Role::Callback,
                                format!(
                                    "{name} calls its callback here and sets r{r}{what} for it"
                                ),
                            );
                            return;
                        }
                        _ => return,
                    }
                }
            } else if depth > 0 {
                continue;
            }
            match ins.class() {
                BPF_ALU | BPF_ALU64 => {
                    let Track::Reg(r) = track else { continue };
                    if ins.dst_reg != r {
                        continue;
                    }
                    let x = ins.src_bit() == BPF_X;
                    match ins.op() {
                        BPF_MOV if x => {
                            if ins.src_reg == 10 {
                                return;
                            }
                            track = Track::Reg(ins.src_reg);
                            via.push(format!("r{}", ins.src_reg));
                            continue;
                        }
                        BPF_MOV => {
                            if mode == Mode::Origin {
                                let reg = self.def_name(v.insn, r);
                                let text = self.text_of(v.insn);
                                self.push(
                                    j,
                                    Role::Value,
                                    format!("{reg} gets its value here ({text})"),
                                );
                            }
                            return;
                        }
                        BPF_NEG | BPF_END => continue,
                        op => {
                            if ptr {
                                if x && matches!(op, BPF_ADD | BPF_SUB) {
                                    let src_ptr = {
                                        let s = self.regs_at(v.insn, ins.src_reg);
                                        !s.is_empty() && s.iter().all(RegState::is_pointer)
                                    };
                                    if src_ptr {
                                        track = Track::Reg(ins.src_reg);
                                        via.push(format!("r{}", ins.src_reg));
                                        continue;
                                    }
                                    if mode == Mode::Bounds {
                                        let src = self.reg_name(v.insn, ins.src_reg);
                                        let dst = self.reg_name(v.insn, r);
                                        let text = self.text_of(v.insn);
                                        self.push(
                                            j,
                                            Role::Offset,
                                            format!(
                                                "{src} is added to the pointer {dst} here ({text})"
                                            ),
                                        );
                                        self.trace(j, ins.src_reg, Mode::Bounds, false, budget);
                                    }
                                }
                                continue;
                            }
                            let reg = self.def_name(v.insn, r);
                            let text = self.text_of(v.insn);
                            if mode == Mode::Origin {
                                self.push(
                                    j,
                                    Role::Value,
                                    format!("{reg} gets its value here ({text})"),
                                );
                                return;
                            }
                            let dst_b = self.all_bounded(v.insn, r);
                            let src_b = if x {
                                self.all_bounded(v.insn, ins.src_reg)
                            } else {
                                Some(true)
                            };
                            match (dst_b, src_b) {
                                (Some(true), Some(true)) => {
                                    let after = self.after(j, r);
                                    if !after.is_empty() && !after.iter().all(bounded) {
                                        self.push(
                                            j,
                                            Role::Unbounded,
                                            format!("{reg} became unbounded here ({text}): the result can exceed the bounds its operands had"),
                                        );
                                    } else {
                                        let range = after
                                            .first()
                                            .map(|a| a.log_str(None))
                                            .unwrap_or_default();
                                        self.push(
                                            j,
                                            Role::Value,
                                            format!("{reg} gets its range here ({text}): {range}"),
                                        );
                                    }
                                    return;
                                }
                                (Some(true), Some(false)) if x => {
                                    track = Track::Reg(ins.src_reg);
                                    via.push(format!("r{}", ins.src_reg));
                                }
                                _ => {}
                            }
                            continue;
                        }
                    }
                }
                BPF_LDX => {
                    let Track::Reg(r) = track else { continue };
                    if ins.dst_reg != r {
                        continue;
                    }
                    let size = size_bytes(ins.size());
                    let src_state = self.regs_at(v.insn, ins.src_reg);
                    let stack_off = if ins.src_reg == 10 {
                        Some(i64::from(ins.off))
                    } else {
                        src_state
                            .first()
                            .filter(|s| {
                                s.typ == BpfRegType::PtrToStack
                                    && s.var_off.is_const()
                                    && src_state.iter().all(|o| o == *s)
                            })
                            .map(|s| {
                                (s.var_off.value as i64)
                                    .wrapping_add(i64::from(s.off))
                                    .wrapping_add(i64::from(ins.off))
                            })
                    };
                    if let Some(off) = stack_off {
                        let spi = get_spi(off);
                        let slots: Vec<bool> = self
                            .frames_at(v.insn)
                            .iter()
                            .filter_map(|f| {
                                usize::try_from(spi)
                                    .ok()
                                    .filter(|s| *s < STACK_SLOTS)
                                    .map(|s| f.stack.get(s).is_some_and(|x| x.is_spilled_reg()))
                            })
                            .collect();
                        let spilled = (!slots.is_empty()).then(|| slots.iter().all(|b| *b));
                        if size == 8 && spilled != Some(false) {
                            track = Track::Slot(off);
                            via.push(format!("fp{off}"));
                            load = Some((j, r));
                            continue;
                        }
                        self.origin_step(
                            j,
                            r,
                            mode,
                            ptr,
                            format!("fp{off} holds plain bytes there, not a spilled register, so the load can give any value"), &via);
                        return;
                    }
                    let from = src_state
                        .first()
                        .map(|s| memory_name(s.typ))
                        .unwrap_or("memory");
                    self.origin_step(
                        j,
                        r,
                        mode,
                        ptr,
                        format!("a value loaded from {from} can be anything the memory holds"),
                        &via,
                    );
                    return;
                }
                BPF_STX | BPF_ST => {
                    if let Track::Slot(off) = track {
                        if ins.dst_reg == 10 && ins.mode() == BPF_MEM {
                            let soff = i64::from(ins.off);
                            let size = size_bytes(ins.size()) as i64;
                            if soff < off + 8 && off < soff + size {
                                if ins.class() == BPF_STX && soff == off && size == 8 {
                                    track = Track::Reg(ins.src_reg);
                                    via.push(format!("r{}", ins.src_reg));
                                    load = None;
                                    continue;
                                }
                                if let Some((lj, lr)) = load {
                                    if ins.class() == BPF_STX {
                                        self.origin_step(
                                            lj,
                                            lr,
                                            mode,
                                            ptr,
                                            format!("fp{off} was partly written at insn {}, so the load gives any value", v.insn), &via[..via.len() - 1]);
                                    }
                                }
                                return;
                            }
                        }
                    }
                    if ins.class() == BPF_STX
                        && ins.mode() == BPF_ATOMIC
                        && ins.imm & BPF_FETCH != 0
                        && track == Track::Reg(ins.src_reg)
                    {
                        let r = ins.src_reg;
                        self.origin_step(
                            j,
                            r,
                            mode,
                            ptr,
                            "an atomic fetch gives the memory's old value".into(),
                            &via,
                        );
                        return;
                    }
                }
                BPF_LD => {
                    let Track::Reg(r) = track else { continue };
                    if ins.is_ld_imm64() {
                        if ins.dst_reg == r && (mode == Mode::Origin || ptr) {
                            let reg = self.def_name(v.insn, r);
                            let text = self.text_of(v.insn);
                            let role = if ins.src_reg == 0 {
                                Role::Value
                            } else {
                                Role::Pointer
                            };
                            self.push(j, role, format!("{reg} gets its value here ({text})"));
                        }
                        if ins.dst_reg == r {
                            return;
                        }
                        continue;
                    }
                    if matches!(ins.mode(), BPF_ABS | BPF_IND) {
                        if r == 0 {
                            self.origin_step(
                                j,
                                0,
                                mode,
                                ptr,
                                "a legacy packet load gives any value".into(),
                                &via,
                            );
                            return;
                        }
                        if (1..=5).contains(&r) {
                            let reg = self.reg_name(v.insn, r);
                            self.push(j, Role::Scratched, format!("the legacy packet load here scratches r1-r5: {reg} holds nothing after it"));
                            return;
                        }
                    }
                }
                BPF_JMP | BPF_JMP32 if ins.is_call() => {
                    let Track::Reg(r) = track else { continue };
                    let name = self.callee(v.insn);
                    if r == 0 {
                        if let Some(e) = self.event_at(j, &[Role::Slice, Role::Acquired]) {
                            self.origin = Some(e);
                            return;
                        }
                        let why = format!("{name} may return any value");
                        self.origin_step(j, 0, mode, ptr, why, &via);
                        return;
                    }
                    if (1..=5).contains(&r) {
                        let reg = self.reg_name(v.insn, r);
                        self.push(
                            j,
                            Role::Scratched,
                            format!(
                                "the call to {name} scratches r1-r5: {reg} holds nothing after it"
                            ),
                        );
                        return;
                    }
                }
                _ => {}
            }
        }
        if let Some((lj, lr)) = load {
            if let Track::Slot(off) = track {
                self.origin_step(
                    lj,
                    lr,
                    mode,
                    ptr,
                    format!("fp{off} holds no spilled register on this path, so the load gives any value"), &via[..via.len() - 1]);
            }
            return;
        }
        // The walk's first instruction: the entry's registers.
        if depth == 0 && track == Track::Reg(1) && self.seq.first().is_some_and(|v| v.insn == 0) {
            let t = self.prog.prog_type;
            let ctx = t
                .ctx_struct()
                .map(|s| format!(" (struct {s} *)"))
                .unwrap_or_default();
            self.push(
                0,
                Role::Ctx,
                format!(
                    "r1 holds the context of this {} program{ctx} from its entry",
                    t.name()
                ),
            );
        }
    }
}

/// Inputs of [`chain`] that the verifier's environment holds.
pub(crate) struct Inputs<'a> {
    pub kind: RejectKind,
    pub message: &'a str,
    pub insn: usize,
    pub focus: (Option<(u32, i32)>, u32),
}

/// The chain of a rejection on the walk of `env` (path ids before the
/// walk-order renumbering).
pub(crate) fn chain(env: &Env<'_>, inp: &Inputs<'_>) -> Vec<ProvStep> {
    use RejectKind::*;
    if matches!(inp.kind, TooComplex | Cfg | BadInsn | InfiniteLoop) {
        return Vec::new();
    }
    let fail = env.cur_path;
    let seq = if fail == NO_PATH {
        Vec::new()
    } else {
        expand(&env.vtree, fail, env.insns)
    };
    let rej_j = seq.iter().rposition(|v| v.insn == inp.insn);
    let rej_pos = rej_j.map_or(0, |j| seq[j].pos);
    let mut c = Chain {
        prog: env.prog,
        insns: env.insns,
        seen: &env.seen,
        events: &env.cur.events,
        seq,
        out: Vec::new(),
        origin: None,
    };
    let ins = env.insns.get(inp.insn).copied();
    let first_line = inp.message.lines().next().unwrap_or(inp.message);
    let call_name = ins.filter(|i| i.is_call()).map(|_| c.callee(inp.insn));
    let frame = env.cur.curframe() as u32;

    // The register the rejection is about, and whether it holds a pointer.
    let bounds_kind = matches!(
        inp.kind,
        SizeArg | MapAccess | MemAccess | PacketAccess | StackAccess | PointerArithmetic
    ) || [
        "unbounded",
        "min value is negative",
        "max value is outside",
        "outside of the packet",
    ]
    .iter()
    .any(|w| first_line.contains(w));
    let reg = match inp.kind {
        UninitDynptrArg | UnacquiredRef | DynptrNotUninit | DynptrTypeMismatch
        | DynptrAlreadyInit | DynptrOffset | UnreleasedRef | UnknownFunc | Call | Other => None,
        PointerArithmetic => named_reg(first_line).or(ins.map(|i| i.src_reg)),
        // A memory access whose message names no register: its base.
        MemAccess | MapAccess | PacketAccess | InvalidMemAccess | RdonlyWrite => {
            named_reg(first_line).or(ins.and_then(|i| match i.class() {
                BPF_LDX => Some(i.src_reg),
                BPF_ST | BPF_STX => Some(i.dst_reg),
                _ => None,
            }))
        }
        _ => named_reg(first_line),
    };
    let mut budget = 4;
    if let (Some(r), Some(j)) = (reg, rej_j) {
        let states = c.regs_at(inp.insn, r);
        let ptr = if states.is_empty() {
            !matches!(
                inp.kind,
                SizeArg | CallbackReturn | ReturnValue | RegNotInit
            ) && !first_line.contains("'scalar'")
        } else {
            states.iter().any(RegState::is_pointer)
        };
        let mode = if bounds_kind {
            Mode::Bounds
        } else {
            Mode::Origin
        };
        // A scalar that was a slice before it died: where the slice was taken.
        let ptr = ptr || first_line.contains("'scalar'");
        c.trace(j, r, mode, ptr, &mut budget);
    }
    // A function the catalog has but this program type is not offered (a
    // helper the profile's kernel lacks is another matter).
    let called = ins.filter(|i| i.is_call()).and_then(|i| {
        if i.is_kfunc_call() {
            catalog::kfunc(i.imm as u32)
        } else if i.is_helper_call() {
            catalog::helper(i.imm as u32)
        } else {
            None
        }
    });
    let missing_in_kernel = called.is_some_and(|f| {
        matches!(f.kind, catalog::FuncKind::Helper { id } if catalog::is_series_helper(id))
            && !env.opts.kernel.has_series_helpers()
    });
    let not_offered = called.is_some_and(|f| !f.availability.allows(env.prog.prog_type));
    if inp.kind == UnknownFunc && not_offered && !missing_in_kernel {
        let takes_ctx = called.is_some_and(|f| {
            f.proto
                .args
                .first()
                .is_some_and(|a| a.base == ArgBase::PtrToCtx)
        });
        if let (true, Some(j)) = (takes_ctx, rej_j) {
            c.trace(j, 1, Mode::Origin, true, &mut budget);
        }
    }

    // The family of the dynptr or reference the rejection is about.
    let mut slots: Vec<(u32, i32)> = Vec::new();
    let mut ids: Vec<u32> = Vec::new();
    if let Some(s) = inp.focus.0 {
        slots.push(s);
    }
    if inp.focus.1 != 0 {
        ids.push(inp.focus.1);
    }
    // A rejection about stack bytes: the dynptrs built over them.
    let about_stack = matches!(
        inp.kind,
        StackRead
            | StackAccess
            | DynptrOverwrite
            | DynptrOffset
            | DynptrNotUninit
            | Misaligned
            | UninitDynptrArg
    );
    if about_stack {
        // A dynptr argument: the 16 bytes at it (a dynptr it lies inside).
        let regions = match inp.focus.0 {
            Some((_, off)) => vec![(i64::from(off), i64::from(off) + 16)],
            None => stack_regions(&c, inp.insn, ins, first_line),
        };
        for e in c.events {
            let (Some(Role::Created | Role::Cloned), Some((f, off))) = (e.role, e.slot) else {
                continue;
            };
            let off = i64::from(off);
            let over = regions.iter().any(|&(lo, hi)| lo < off + 16 && off < hi);
            if f == frame && over && !slots.contains(&(f, off as i32)) {
                slots.push((f, off as i32));
            }
        }
    }
    let origin = c.origin;
    let mut slice_pos = None;
    let mut packet_slice = false;
    if let Some(e) = origin {
        if let Some(s) = e.slot {
            slots.push(s);
        }
        if e.id != 0 {
            ids.push(e.id);
        }
        slice_pos = Some(e.pos);
        packet_slice = e.dynptr.is_some_and(|k| k.is_packet());
    }
    let in_callback = frame > 0;
    let mut kept: Vec<&PathEvent> = Vec::new();
    let mut callback_kept = false;
    for e in c.events.iter().rev() {
        if rej_pos > 0 && e.pos > rej_pos {
            continue;
        }
        let Some(role) = e.role else { continue };
        let on_slot =
            e.slot.is_some_and(|x| slots.contains(&x)) || e.also.iter().any(|x| slots.contains(x));
        let on_id = e.id != 0 && ids.contains(&e.id);
        match role {
            Role::Created if on_slot || on_id => {
                kept.push(e);
                slots.retain(|s| Some(*s) != e.slot);
                ids.retain(|i| *i != e.id || e.id == 0);
            }
            Role::Cloned if on_slot || on_id => {
                kept.push(e);
                if e.slot.is_some_and(|x| slots.contains(&x)) {
                    slots.retain(|s| Some(*s) != e.slot);
                    for a in &e.also {
                        if !slots.contains(a) {
                            slots.push(*a);
                        }
                    }
                }
            }
            Role::Released | Role::Overwritten if on_slot || on_id => kept.push(e),
            Role::Acquired if on_id => {
                kept.push(e);
                ids.retain(|i| *i != e.id);
            }
            Role::Invalidated if packet_slice && slice_pos.is_some_and(|p| e.pos > p) => {
                kept.push(e);
            }
            Role::Callback if in_callback && !callback_kept => {
                kept.push(e);
                callback_kept = true;
            }
            _ => {}
        }
    }
    if let Some(o) = origin {
        kept.push(o);
    }
    let slots_made: Vec<(u32, i32)> = kept
        .iter()
        .filter(|e| matches!(e.role, Some(Role::Created | Role::Cloned)))
        .filter_map(|e| e.slot)
        .collect();
    for e in kept {
        let text = event_text(&c, e);
        let (path, _) = visit_of(&c.seq, e.pos);
        c.out.push(Cand {
            pos: e.pos,
            insn: e.insn,
            path,
            role: e.role.unwrap_or(Role::Value),
            text,
        });
    }

    // A leak: the branches the failing path took after the reference was made.
    if inp.kind == UnreleasedRef {
        let made = c
            .out
            .iter()
            .filter(|s| matches!(s.role, Role::Created | Role::Acquired))
            .map(|s| s.pos)
            .min()
            .unwrap_or(0);
        let mut p = Some(fail);
        let mut forks = Vec::new();
        while let Some(i) = p.filter(|i| *i < env.vtree.len()) {
            let path = &env.vtree[i];
            if let (Some(f), Some(parent)) = (&path.fork, path.parent) {
                if path.base > made {
                    forks.push((
                        path.base,
                        f.insn,
                        parent,
                        f.direction.clone(),
                        f.this_side.clone(),
                    ));
                }
            }
            p = path.parent;
            if forks.len() >= 2 {
                break;
            }
        }
        for (pos, insn, parent, dir, side) in forks {
            let cond: Vec<String> = side
                .iter()
                .map(|s| format!("{}={}", s.reg, s.state))
                .collect();
            let how = match dir.as_str() {
                "taken" => "jumps",
                "fallthrough" => "falls through",
                _ => "iterates",
            };
            let text = c.text_of(insn);
            let mut t = format!("this path {how} at the branch here ({text})");
            if !cond.is_empty() {
                t.push_str(&format!(", with {}", cond.join(", ")));
            }
            c.out.push(Cand {
                pos,
                insn,
                path: Some(parent),
                role: Role::Branch,
                text: t,
            });
        }
    }

    // The rejected instruction.
    let focus_name = inp
        .focus
        .0
        .map(|s| c.slot_name(inp.insn, frame, s))
        .unwrap_or_else(|| "the callback's dynptr".into());
    let func = call_name
        .clone()
        .unwrap_or_else(|| "this instruction".into());
    let reg_name = reg.map(|r| c.reg_name(inp.insn, r));
    let had_family = c
        .out
        .iter()
        .any(|s| matches!(s.role, Role::Created | Role::Cloned));
    // The dynptrs built where the focus slot lies, when not at it.
    let around: Vec<String> = match inp.focus.0 {
        Some(f)
            if !c.events.iter().any(|e| {
                matches!(e.role, Some(Role::Created | Role::Cloned)) && e.slot == Some(f)
            }) =>
        {
            slots_made
                .iter()
                .filter(|s| **s != f)
                .map(|s| c.slot_name(inp.insn, frame, *s))
                .collect()
        }
        _ => Vec::new(),
    };
    let rejected = match inp.kind {
        UninitDynptrArg if !around.is_empty() => format!(
            "{func} is given {focus_name}, which is not the start of a dynptr: it lies inside {}: {first_line}",
            around.join(", ")
        ),
        UninitDynptrArg if had_family => format!("{func} is given {focus_name}, which holds no initialized dynptr any more: {first_line}"),
        StackRead if had_family => format!(
            "this reads stack bytes that hold a dynptr, which only dynptr helpers may touch: {first_line}"
        ),
        UninitDynptrArg => format!("{func} is given {focus_name}, where no dynptr was ever built on this path: {first_line}"),
        UnacquiredRef => format!("{func} is given {focus_name}, which holds no reference to release: {first_line}"),
        DynptrNotUninit => format!("{func} would build a dynptr over {focus_name}, which still holds one: {first_line}"),
        DynptrAlreadyInit => format!("{func} is given the callback's dynptr to build a new dynptr in: {first_line}"),
        DynptrTypeMismatch => format!("{func} does not take this type of dynptr: {first_line}"),
        DynptrOverwrite => format!("this store would destroy {focus_name}, a dynptr holding a reference: {first_line}"),
        UnreleasedRef => format!("exit with reference id={} still held: it was never released on this path", inp.focus.1),
        UnknownFunc if missing_in_kernel => format!(
            "{func} is a helper of the series only: the {} profile's kernel has no such helper: {first_line}",
            env.opts.kernel.name()
        ),
        UnknownFunc if not_offered => format!(
            "{func} is not offered to {} programs: {first_line}",
            env.prog.prog_type.name()
        ),
        UnknownFunc => format!("{func} is not available here: {first_line}"),
        _ => match (&reg_name, inp.kind) {
            (Some(r), InvalidMemAccess) if first_line.contains("'scalar'") => {
                format!("{r} is used as a pointer here, but it is a plain number now: {first_line}")
            }
            (Some(r), InvalidMemAccess) if first_line.contains("_or_null'") => {
                format!("{r} is dereferenced here without a NULL check: {first_line}")
            }
            (Some(r), RdonlyWrite) => format!("a store through {r}, which points to read-only memory: {first_line}"),
            (Some(r), CallbackReturn | ReturnValue) => format!("{r} is returned here: {first_line}"),
            (Some(r), _) if call_name.is_some() => {
                format!("{r} is passed to {func} here: {first_line}")
            }
            (Some(r), _) => format!("{r} is used here: {first_line}"),
            (None, _) => format!("refused here: {first_line}"),
        },
    };
    let (rpath, _) = rej_j.map_or((None, 0), |j| (Some(c.seq[j].path), j));
    c.out.push(Cand {
        pos: if rej_pos > 0 { rej_pos } else { u64::MAX },
        insn: inp.insn,
        path: rpath,
        role: Role::Rejected,
        text: rejected,
    });

    // In walk order; one step per (position, role); the first creation and
    // the last steps when there are too many.
    let mut steps = std::mem::take(&mut c.out);
    steps.sort_by_key(|s| (s.pos, s.role == Role::Rejected));
    steps.dedup_by(|b, a| a.pos == b.pos && a.insn == b.insn && a.role == b.role);
    if steps.len() > MAX_STEPS {
        let cut = steps.len() - MAX_STEPS + 1;
        steps.drain(1..1 + cut);
    }
    steps
        .into_iter()
        .map(|s| {
            let visit = c
                .seq
                .iter()
                .filter(|v| Some(v.path) == s.path && v.insn == s.insn && v.pos <= s.pos)
                .count()
                .saturating_sub(1);
            ProvStep {
                insn: s.insn,
                role: s.role,
                text: s.text,
                path: s.path,
                visit,
            }
        })
        .collect()
}

/// The stack bytes `[lo, hi)` (fp offsets, the innermost frame) a
/// rejection is about: the region its message names (`off -32+0 size
/// 16`, `off=-8 size=16`), else what the instruction touches (a load or
/// store through r10; a call's stack pointer arguments, 16 bytes each).
fn stack_regions(c: &Chain<'_>, insn: usize, ins: Option<Insn>, msg: &str) -> Vec<(i64, i64)> {
    let num = |s: &str| -> Option<(i64, usize)> {
        let b = s.as_bytes();
        let mut k = usize::from(b.first() == Some(&b'-') || b.first() == Some(&b'+'));
        while b.get(k).is_some_and(u8::is_ascii_digit) {
            k += 1;
        }
        s[..k].parse().ok().map(|v| (v, k))
    };
    let from_msg = |key: &str, size_key: &str| -> Option<(i64, i64)> {
        let at = msg.find(key)? + key.len();
        let (mut off, k) = num(&msg[at..])?;
        let mut rest = &msg[at + k..];
        if rest.starts_with('+') || rest.starts_with('-') {
            if let Some((v, k2)) = num(rest) {
                off += v;
                rest = &rest[k2..];
            }
        }
        let size_at = rest.find(size_key)? + size_key.len();
        let (size, _) = num(&rest[size_at..])?;
        Some((off, off + size.max(1)))
    };
    if let Some(r) = from_msg("off ", "size ").or_else(|| from_msg("off=", "size=")) {
        return vec![r];
    }
    let Some(i) = ins else {
        return Vec::new();
    };
    let size = size_bytes(i.size()) as i64;
    match i.class() {
        BPF_LDX if i.src_reg == 10 => vec![(i64::from(i.off), i64::from(i.off) + size)],
        BPF_ST | BPF_STX if i.dst_reg == 10 => vec![(i64::from(i.off), i64::from(i.off) + size)],
        BPF_JMP if i.is_call() => (1..=5u8)
            .filter_map(|r| {
                let s = c.regs_at(insn, r);
                let first = *s.first()?;
                (first.typ == BpfRegType::PtrToStack
                    && first.var_off.is_const()
                    && s.iter().all(|o| *o == first))
                .then(|| {
                    let o = (first.var_off.value as i64).wrapping_add(i64::from(first.off));
                    (o, o + 16)
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The path a position falls on, and its visit index.
fn visit_of(seq: &[Visit], pos: u64) -> (Option<usize>, usize) {
    match seq.binary_search_by_key(&pos, |v| v.pos) {
        Ok(j) => (Some(seq[j].path), j),
        Err(_) => (None, 0),
    }
}

/// A dynptr or reference event as a step of the chain.
fn event_text(c: &Chain<'_>, e: &PathEvent) -> String {
    let func = c.callee(e.insn);
    let slot = |s: (u32, i32)| c.slot_name(e.insn, e.frame, s);
    let kind = e
        .dynptr
        .map(|k| format!("{} ", k.name()))
        .unwrap_or_default();
    let holding = if e.id != 0 {
        format!(", holding reference id={}", e.id)
    } else {
        String::new()
    };
    match e.role {
        Some(Role::Created) if e.what.contains("iterator") => {
            format!("the iterator {} is created by {func}{holding}", e.slot.map(slot).unwrap_or_default())
        }
        Some(Role::Created) => format!(
            "the {kind}dynptr {} is created by {func}{holding}",
            e.slot.map(slot).unwrap_or_default()
        ),
        Some(Role::Cloned) => {
            let from = e
                .also
                .first()
                .map(|s| slot(*s))
                .unwrap_or_else(|| "the callback's dynptr".into());
            let sharing = if e.id != 0 {
                format!(", sharing reference id={}", e.id)
            } else {
                String::new()
            };
            format!(
                "{from} is cloned into {} by {func}{sharing}",
                e.slot.map(slot).unwrap_or_default()
            )
        }
        Some(Role::Released) if e.what.contains("iterator") => {
            format!("the iterator {} is destroyed by {func}", e.slot.map(slot).unwrap_or_default())
        }
        Some(Role::Released) if e.what.contains("record") => {
            format!("the ring buffer record (reference id={}) is released by {func}", e.id)
        }
        Some(Role::Released) => {
            let what = e
                .slot
                .map(slot)
                .unwrap_or_else(|| "the callback's dynptr".into());
            let also: Vec<String> = e.also.iter().map(|s| slot(*s)).collect();
            let inside = if e.frame > 0 { " (inside a callback)" } else { "" };
            if also.is_empty() {
                format!("{what} is released by {func}{inside}: it and every slice of it are invalid from here")
            } else {
                format!(
                    "{what} is released by {func}{inside}, and with it {}: they and every slice of them are invalid from here",
                    also.join(", ")
                )
            }
        }
        Some(Role::Overwritten) => format!(
            "this store writes into the stack slots of the dynptr {}: it is no dynptr any more",
            e.slot.map(slot).unwrap_or_default()
        ),
        Some(Role::Invalidated) => format!(
            "{func} may change packet data: every packet pointer and every skb/xdp slice is invalid from here"
        ),
        Some(Role::Acquired) => format!(
            "a ring buffer record is reserved by {func} (reference id={}), its pointer in r0",
            e.id
        ),
        Some(Role::Slice) => {
            let of = e
                .slot
                .map(|s| format!("the {kind}dynptr {}", slot(s)))
                .unwrap_or_else(|| "the callback's dynptr".into());
            let ro = if matches!(e.dynptr, Some(k) if k.is_packet()) && !super::mem::may_access_pkt(c.prog.prog_type, super::mem::Access::Write) {
                " (read-only: this program type may not write packets)"
            } else {
                ""
            };
            format!("{func} takes a slice of {of} into r0{ro}; it is NULL when the bytes are not there")
        }
        Some(Role::Callback) => format!("{func} calls its callback here, with the state at this call"),
        _ => e.what.clone(),
    }
}

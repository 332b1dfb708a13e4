//! The verifier's exploration as a tree of paths.
//!
//! A path is what the kernel's `do_check` walks between popping a state off
//! its stack and the end of that state: it starts at the program's (or a
//! global function's) first instruction, or at a fork, where a conditional
//! jump (or an iterator's `next`) pushed the branch it did not take; it
//! ends at `exit`, pruned by an equivalent state explored before, at the
//! complexity limit, or at the error that rejects the program. The walk
//! order is the path index order, the order of the log.
//!
//! [`Report::paths`](super::Report::paths) carries the tree; `verify
//! --json` prints it as `paths`, the page draws it.

use serde::{Deserialize, Serialize};

use super::env::Env;
use super::state::VerifierState;
use crate::isa::*;

/// Most instruction runs kept per path (a looping path at the complexity
/// limit has a million instructions; its count stays exact).
const MAX_RUNS: usize = 4096;

/// Most paths recorded: a walk that forks more (a long loop at the
/// complexity limit) goes on, its later paths counted in the last recorded
/// one they belong to.
pub const MAX_PATHS: usize = 65_536;

/// A path id that is not recorded (past [`MAX_PATHS`]).
pub(crate) const NO_PATH: usize = usize::MAX;

/// A fork's condition registers as the walk saw them, formatted for the
/// report only at the end (a fork costs a copy, not a string).
#[derive(Debug, Clone, Default)]
pub(crate) struct RawSides {
    /// (register, its state, its frame) on the forked path's side.
    pub this_side: Vec<(u8, super::reg_state::RegState, u32)>,
    /// The same on the parent's side.
    pub other_side: Vec<(u8, super::reg_state::RegState, u32)>,
}

/// One path of the walk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VPath {
    /// Its index: the order in which the verifier walked the paths.
    pub index: usize,
    /// The path it forked from (`None` for a walk's first path).
    pub parent: Option<usize>,
    /// Where it forked, when it did.
    pub fork: Option<Fork>,
    /// Its first instruction.
    pub start: usize,
    /// Instructions processed on it (as `processed N insns` counts them).
    pub insns: u64,
    /// The instructions walked, as runs `[first, last]` of consecutive
    /// slots, in walk order (at most 4096 runs; `insns` stays exact).
    pub runs: Vec<[usize; 2]>,
    /// How it ended.
    pub end: PathEnd,
    /// Instructions processed on its ancestors before it began (each up to
    /// its fork): its `k`-th instruction is the `base + k`-th of the walk
    /// from the root (the provenance chain places events with it).
    #[serde(default)]
    pub base: u64,
}

/// A fork: the branch instruction and what each side knew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fork {
    /// The branch instruction (a conditional jump, an iterator's `next`).
    pub insn: usize,
    /// `taken` (the jump's target), `fallthrough`, or `iterate` (an
    /// iterator's next element).
    pub direction: String,
    /// The condition's registers on this path's side, as the log prints
    /// them (`r1` = `scalar(umin=5)`).
    pub this_side: Vec<CondReg>,
    /// The same registers on the side the parent path went on.
    pub other_side: Vec<CondReg>,
}

/// A register of a branch condition and its abstract state there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CondReg {
    /// `r1`.
    pub reg: String,
    /// Its state in the log's format.
    pub state: String,
}

/// How a path ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PathEnd {
    /// It reached `exit` in the walk's first frame.
    Exit {
        /// The `exit` instruction.
        insn: usize,
    },
    /// An equivalent state explored before covers it.
    Pruned {
        /// The instruction where the states met.
        insn: usize,
        /// The path whose walk saved the covering state (`None` past the
        /// recording cap, [`MAX_PATHS`]).
        by_path: Option<usize>,
        /// Why they are equivalent: what was compared, what was not live.
        reason: String,
    },
    /// The walk hit the complexity limit on it.
    Limit {
        /// The instruction it stopped at.
        insn: usize,
    },
    /// The error that rejects the program.
    Error {
        /// The instruction the error is reported at.
        insn: usize,
        /// The kernel's message.
        message: String,
    },
    /// Never finished: the walk stopped on another path first.
    Unfinished,
}

impl VPath {
    pub(crate) fn new(
        index: usize,
        parent: Option<usize>,
        fork: Option<Fork>,
        start: usize,
    ) -> Self {
        VPath {
            index,
            parent,
            fork,
            start,
            insns: 0,
            runs: Vec::new(),
            end: PathEnd::Unfinished,
            base: 0,
        }
    }

    /// Notes that `idx` was processed on this path; `next_of(i)` is the
    /// slot after instruction `i` (`ld_imm64` takes two).
    pub(crate) fn visit(&mut self, idx: usize, next_of: impl Fn(usize) -> usize) {
        self.insns += 1;
        if let Some(last) = self.runs.last_mut() {
            if next_of(last[1]) == idx {
                last[1] = idx;
                return;
            }
        }
        if self.runs.len() < MAX_RUNS {
            self.runs.push([idx, idx]);
        }
    }
}

/// The tree in walk order: `order` lists path ids as the walk took them up
/// (a fork's path is created when pushed, walked when popped: the stack is
/// last in, first out). Paths never walked come last; ids are remapped
/// (the second result maps an old id to its new one).
pub(crate) fn in_walk_order(paths: Vec<VPath>, order: &[usize]) -> (Vec<VPath>, Vec<usize>) {
    let n = paths.len();
    let mut seq: Vec<usize> = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    for i in order.iter().copied().chain(0..n).filter(|&i| i < n) {
        if !std::mem::replace(&mut seen[i], true) {
            seq.push(i);
        }
    }
    let mut new_id = vec![0; n];
    for (new, &old) in seq.iter().enumerate() {
        new_id[old] = new;
    }
    let mut slots: Vec<Option<VPath>> = paths.into_iter().map(Some).collect();
    let out = seq
        .iter()
        .filter_map(|&old| slots[old].take())
        .map(|mut p| {
            p.index = new_id[p.index];
            p.parent = p.parent.and_then(|x| new_id.get(x).copied());
            if let PathEnd::Pruned { by_path, .. } = &mut p.end {
                // A state saved past the cap has no recorded path.
                *by_path = by_path.and_then(|b| new_id.get(b).copied());
            }
            p
        })
        .collect();
    (out, new_id)
}

/// Register names of a conditional jump's operands (`r1`, and `r2` for a
/// register source).
fn cond_operands(insn: Insn) -> Vec<u8> {
    let class = insn.class();
    if !matches!(class, BPF_JMP | BPF_JMP32) || matches!(insn.op(), BPF_CALL | BPF_EXIT | BPF_JA) {
        return Vec::new();
    }
    if insn.src_bit() == BPF_X {
        vec![insn.dst_reg, insn.src_reg]
    } else {
        vec![insn.dst_reg]
    }
}

impl Env<'_> {
    /// The condition registers of the branch at `idx` in `state`.
    fn raw_cond_regs(
        &self,
        idx: usize,
        state: &VerifierState,
    ) -> Vec<(u8, super::reg_state::RegState, u32)> {
        let Some(&insn) = self.insns.get(idx) else {
            return Vec::new();
        };
        let frame = state.cur();
        cond_operands(insn)
            .into_iter()
            .filter_map(|r| Some((r, *frame.regs.get(r as usize)?, frame.frameno)))
            .collect()
    }

    /// The forks' condition registers in the log's format, for the report.
    pub(crate) fn format_forks(&mut self) {
        let raw = std::mem::take(&mut self.vtree_sides);
        let text = |v: &[(u8, super::reg_state::RegState, u32)]| -> Vec<CondReg> {
            v.iter()
                .map(|(r, st, fr)| CondReg {
                    reg: format!("r{r}"),
                    state: self.reg_log_text(st, *fr),
                })
                .collect()
        };
        let formatted: Vec<(Vec<CondReg>, Vec<CondReg>)> = raw
            .iter()
            .map(|s| (text(&s.this_side), text(&s.other_side)))
            .collect();
        for (p, (this_side, other_side)) in self.vtree.iter_mut().zip(formatted) {
            if let Some(f) = p.fork.as_mut() {
                f.this_side = this_side;
                f.other_side = other_side;
            }
        }
    }

    /// Starts a walk's first path (the program's, or a global function's).
    pub(crate) fn vtree_root(&mut self, start: usize) {
        if self.vtree.len() >= MAX_PATHS {
            self.cur_path = NO_PATH;
            return;
        }
        let index = self.vtree.len();
        self.vtree.push(VPath::new(index, None, None, start));
        self.vtree_sides.push(RawSides::default());
        self.cur_path = index;
        self.vtree_order.push(index);
    }

    /// A path forked at `fork_insn` towards `start`, walked later from
    /// `state`; returns its index.
    pub(crate) fn vtree_fork(
        &mut self,
        state: &VerifierState,
        start: usize,
        fork_insn: usize,
    ) -> usize {
        let direction = match self.insns.get(fork_insn) {
            Some(i) if i.is_call() => "iterate",
            _ if start == fork_insn + 1 => "fallthrough",
            _ => "taken",
        };
        if self.vtree.len() >= MAX_PATHS || self.cur_path == NO_PATH {
            return NO_PATH;
        }
        let fork = Fork {
            insn: fork_insn,
            direction: direction.to_string(),
            this_side: Vec::new(),
            other_side: Vec::new(),
        };
        let sides = RawSides {
            this_side: self.raw_cond_regs(fork_insn, state),
            other_side: self.raw_cond_regs(fork_insn, &self.cur),
        };
        let index = self.vtree.len();
        let mut path = VPath::new(index, Some(self.cur_path), Some(fork), start);
        path.base = self
            .vtree
            .get(self.cur_path)
            .map_or(0, |p| p.base + p.insns);
        self.vtree.push(path);
        self.vtree_sides.push(sides);
        index
    }

    /// The walk takes up path `id` (popped off the stack).
    pub(crate) fn vtree_resume(&mut self, id: usize) {
        self.cur_path = id;
        if id != NO_PATH {
            self.vtree_order.push(id);
        }
    }

    /// Ends the current path.
    pub(crate) fn vtree_end(&mut self, end: PathEnd) {
        if let Some(p) = self.vtree.get_mut(self.cur_path) {
            if p.end == PathEnd::Unfinished {
                p.end = end;
            }
        }
    }

    /// Notes instruction `idx` on the current path.
    pub(crate) fn vtree_visit(&mut self, idx: usize) {
        let insns = self.insns;
        let next_of = |i: usize| {
            i + insns
                .get(i)
                .map_or(1, |x| if x.is_ld_imm64() { 2 } else { 1 })
        };
        if let Some(p) = self.vtree.get_mut(self.cur_path) {
            p.visit(idx, next_of);
        }
    }

    /// Why the state at `idx` was found equivalent to one saved there:
    /// which registers were compared and which were not live.
    pub(crate) fn prune_reason(&self, idx: usize, live: u16, precise: u16) -> String {
        let list = |mask: u16, want: bool| -> Vec<String> {
            (0..10)
                .filter(|r| (mask >> r) & 1 == u16::from(want))
                .map(|r| format!("r{r}"))
                .collect()
        };
        let compared = list(live, true);
        let dead = list(live, false);
        let exact: Vec<String> = (0..10)
            .filter(|r| (live >> r) & 1 == 1 && (precise >> r) & 1 == 1)
            .map(|r| format!("r{r}"))
            .collect();
        let mut s = format!("equivalent to a state saved at insn {idx}: ");
        if compared.is_empty() {
            s.push_str("no register live");
        } else {
            s.push_str(&format!("{} compared", compared.join(", ")));
            if !exact.is_empty() {
                s.push_str(&format!(
                    " ({} precise: ranges must be within)",
                    exact.join(", ")
                ));
            }
        }
        if !dead.is_empty() {
            s.push_str(&format!("; {} not live", dead.join(", ")));
        }
        s.push_str("; stack slots compared where live");
        s
    }
}

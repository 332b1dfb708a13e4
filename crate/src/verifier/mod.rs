//! Abstract interpretation as the kernel's verifier does it, for programs
//! that use dynptrs: the verdict, the kernel's message, its log (levels 1
//! and 2), per-instruction abstract states, statistics, and a plain-English
//! explanation of every rejection.
//!
//! The reference is `kernel/bpf/verifier.c` of v6.1/v6.2 with the series'
//! changes (see `docs/verifier.md`); [`KernelProfile::Linux6_18`] switches the
//! few texts (and the dynptr-overwrite rule) to today's kernel.
//!
//! ```
//! use dynptr_play::isa::*;
//! use dynptr_play::program::{Program, ProgType};
//! use dynptr_play::verifier::{verify, Verdict, VerifierOptions};
//!
//! let prog = Program::from_insns("p", ProgType::Syscall, vec![
//!     Insn::new(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
//! ]);
//! let report = verify(&prog, &VerifierOptions::default());
//! assert_eq!(report.verdict, Verdict::Rejected);
//! assert_eq!(report.message.as_deref(), Some("R0 !read_ok"));
//! ```

mod alu;
mod branch;
mod branch_refine;
mod callbacks;
mod cfg;
mod dynptr;
mod env;
pub mod explain;
mod global_func;
mod helpers;
mod kfuncs;
pub mod log;
pub mod log_upstream;
mod mem;
pub mod messages;
mod precise;
pub mod profile;
pub mod provenance;
mod prune;
pub mod recorded;
pub mod reg_state;
pub mod snapshot;
pub mod stack;
pub mod state;
pub mod tnum;
pub mod vtree;

use serde::{Deserialize, Serialize};

pub use explain::RejectKind;
pub use profile::{KernelProfile, ProfileDifference, DIFFERENCES};
pub use provenance::{ProvStep, Role};
pub use recorded::RecordedStates;
pub use reg_state::{BpfRegType, RegState};
pub use snapshot::StateSnapshot;
pub use stack::{SlotType, StackSlot};
pub use tnum::Tnum;

use crate::program::Program;

/// `BPF_COMPLEXITY_LIMIT_INSNS`.
pub const BPF_COMPLEXITY_LIMIT_INSNS: u64 = 1_000_000;

/// How to verify.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifierOptions {
    /// 0: no log; 1: the log of the path being explored (the failing one);
    /// 2: every instruction with its full state.
    pub log_level: u32,
    /// Instructions processed before giving up ("BPF program is too large").
    pub complexity_limit: u64,
    /// Message kernel: the series' era (default) or today's upstream.
    pub kernel: KernelProfile,
    /// Record the abstract states of every instruction for
    /// [`Report::states`] (the page's per-instruction states, `verify
    /// --json`). On by default; a caller that only wants the verdict (the
    /// command line without `--json`, a Run's safety check) turns it off and
    /// verifies about twice as fast.
    #[serde(default = "yes")]
    pub record_states: bool,
    /// `BPF_F_STRICT_ALIGNMENT`: check the alignment of every load and
    /// store (`check_ptr_alignment` with `strict`), packet data counting as
    /// 2 bytes past an aligned address (NET_IP_ALIGN). Off by default, as on
    /// x86 without the flag, where only stack accesses and atomics are
    /// checked.
    #[serde(default)]
    pub strict_alignment: bool,
    /// Prune only where an explored state covers the current one on every
    /// register and stack slot, dead or imprecise ones included: the walk
    /// `crate::check` compares a concrete run with (see
    /// [`recorded`]). Off by default: the kernel's pruning ignores them.
    #[serde(default)]
    pub exact_states: bool,
}

fn yes() -> bool {
    true
}

impl Default for VerifierOptions {
    fn default() -> Self {
        VerifierOptions {
            log_level: 0,
            complexity_limit: BPF_COMPLEXITY_LIMIT_INSNS,
            kernel: KernelProfile::Series,
            record_states: true,
            strict_alignment: false,
            exact_states: false,
        }
    }
}

/// Accepted or rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// The kernel would load the program.
    Accepted,
    /// The kernel would refuse it.
    Rejected,
}

/// The abstract states seen at one instruction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InsnStates {
    /// Instruction index.
    pub insn: usize,
    /// Distinct states seen there (at most a handful).
    pub states: Vec<StateSnapshot>,
}

/// The kernel's closing statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Stats {
    /// Instructions processed, over all paths.
    pub insns_processed: u64,
    /// States saved for pruning.
    pub total_states: u64,
    /// Most states alive at once.
    pub peak_states: u64,
    /// Most states saved at one instruction.
    pub max_states_per_insn: u64,
    /// Longest read-mark walk (always 0: this verifier has no liveness marks).
    pub mark_read: u64,
}

impl Stats {
    /// The kernel's line: `processed N insns (limit 1000000) ...`.
    pub fn kernel_line(&self, limit: u64) -> String {
        format!(
            "processed {} insns (limit {}) max_states_per_insn {} total_states {} peak_states {} mark_read {}",
            self.insns_processed, limit, self.max_states_per_insn, self.total_states, self.peak_states, self.mark_read
        )
    }
}

/// What the verifier says about a program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Accepted or rejected.
    pub verdict: Verdict,
    /// The kernel's error message (possibly two lines), on rejection.
    pub message: Option<String>,
    /// The instruction the error is reported at.
    pub insn: Option<usize>,
    /// Its source line, when known.
    pub line: Option<u32>,
    /// The rule that was broken.
    pub kind: Option<RejectKind>,
    /// The log in the kernel's format (empty at level 0).
    pub log: String,
    /// Why, in plain English, with the chain of events that led to it.
    pub explanation: Option<String>,
    /// Abstract states per instruction.
    pub states: Vec<InsnStates>,
    /// Statistics.
    pub stats: Stats,
    /// The exploration tree: every path walked, in walk order.
    #[serde(default)]
    pub paths: Vec<vtree::VPath>,
    /// The provenance chain of a rejection: the instructions of the failing
    /// path that led to it (where the dynptr was created, cloned, released;
    /// where the slice was taken; where a register became unbounded), in
    /// walk order, ending at the rejected instruction. The explanation
    /// numbers them ①, ②, ...; empty when accepted.
    #[serde(default)]
    pub provenance: Vec<ProvStep>,
}

impl Report {
    /// True when accepted.
    pub fn accepted(&self) -> bool {
        self.verdict == Verdict::Accepted
    }
}

/// Verify `prog`.
pub fn verify(prog: &Program, opts: &VerifierOptions) -> Report {
    verify_env(prog, opts, None, None).0
}

/// Verify `prog`, telling `progress` the instructions processed so far
/// every 16,384 of them (the page's worker shows a long walk's progress).
pub fn verify_with_progress(
    prog: &Program,
    opts: &VerifierOptions,
    progress: &mut dyn FnMut(u64),
) -> Report {
    verify_env(prog, opts, None, Some(progress)).0
}

/// Verify `prog` and keep the raw abstract state of every instruction, for
/// checking runs against them (`crate::check`).
pub fn verify_recording(prog: &Program, opts: &VerifierOptions) -> (Report, RecordedStates) {
    let (r, rec) = verify_env(
        prog,
        opts,
        Some(RecordedStates::new(prog.insns.len())),
        None,
    );
    let mut rec = rec.unwrap_or_default();
    rec.exact = opts.exact_states;
    (r, rec)
}

fn verify_env<'a>(
    prog: &'a Program,
    opts: &'a VerifierOptions,
    recorded: Option<RecordedStates>,
    progress: Option<&'a mut dyn FnMut(u64)>,
) -> (Report, Option<RecordedStates>) {
    let mut env = env::Env::new(prog, opts);
    env.recorded = recorded;
    env.progress = progress;
    let result = env.check_cfg().and_then(|_| {
        env.subprog_names = env
            .subprog_starts
            .iter()
            .enumerate()
            .map(|(i, &s)| {
                prog.funcs
                    .iter()
                    .find(|f| f.start == s)
                    .map(|f| f.name.clone())
                    .or_else(|| {
                        prog.labels
                            .iter()
                            .find(|(at, _)| *at == s)
                            .map(|(_, n)| n.clone())
                    })
                    .unwrap_or_else(|| {
                        if i == 0 {
                            prog.name.clone()
                        } else {
                            format!("func#{i}")
                        }
                    })
            })
            .collect();
        env.do_check_all()
    });
    let stats = Stats {
        insns_processed: env.insn_processed,
        total_states: env.total_states,
        peak_states: env.peak_states,
        max_states_per_insn: env.max_states_per_insn,
        mark_read: 0,
    };
    env.format_forks();
    let (verdict, message, insn, kind, explanation, provenance) = match result {
        // (Today's kernel keeps only the statistics of a successful level-1
        // walk: `do_check_all` rewinds the log after each.)
        Ok(()) => (Verdict::Accepted, None, None, None, None, Vec::new()),
        Err(e) => {
            env.log.push_final(&format!("{}\n", e.msg));
            let insn = e.at.unwrap_or(env.insn_idx);
            env.vtree_end(if e.kind == RejectKind::TooComplex {
                vtree::PathEnd::Limit { insn }
            } else {
                vtree::PathEnd::Error {
                    insn,
                    message: e.msg.clone(),
                }
            });
            if let Some(r) = &mut env.recorded {
                r.refuse(insn, &env.cur, &e.msg);
            }
            let steps = provenance::chain(
                &env,
                &provenance::Inputs {
                    kind: e.kind,
                    message: &e.msg,
                    insn,
                    focus: e.focus,
                },
            );
            let expl = explain::explain(e.kind, &e.msg, insn, e.focus, &env.cur.events, &steps);
            (
                Verdict::Rejected,
                Some(e.msg),
                Some(insn),
                Some(e.kind),
                Some(expl),
                steps,
            )
        }
    };
    env.log
        .push_final(&format!("{}\n", stats.kernel_line(opts.complexity_limit)));
    let states: Vec<InsnStates> = (0..env.seen.len())
        .filter(|&i| env.seen.get(i).is_some_and(|v| !v.is_empty()))
        .map(|i| {
            let mut states = env.snapshots(i);
            for st in &mut states {
                st.name_vars(prog, i);
            }
            InsnStates { insn: i, states }
        })
        .collect();
    let (paths, new_id) = vtree::in_walk_order(std::mem::take(&mut env.vtree), &env.vtree_order);
    let provenance = provenance
        .into_iter()
        .map(|mut s| {
            s.path = s.path.and_then(|p| new_id.get(p).copied());
            s
        })
        .collect();
    let report = Report {
        verdict,
        message,
        insn,
        line: insn.and_then(|i| prog.line_of(i)).map(|l| l.line),
        kind,
        log: env.log.buf,
        explanation,
        states,
        stats,
        paths,
        provenance,
    };
    let mut recorded = env.recorded.take();
    if let Some(r) = &mut recorded {
        r.live = std::mem::take(&mut env.live_regs);
        r.precise = std::mem::take(&mut env.precise_regs);
    }
    (report, recorded)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_loops;
#[cfg(test)]
mod tests_provenance;

//! Concrete inside abstract: a run checked, step by step, against what the
//! verifier believed at each instruction.
//!
//! The verifier walks the program once more for this, recording the raw
//! abstract state of every instruction and pruning only where an explored
//! state covers the current one on every register and slot (see
//! [`crate::verifier::recorded`]). Then, before every instruction the VM
//! executes, the concrete registers and the running frame's stack must lie
//! inside one of the states recorded there: every scalar within its bounds
//! and known bits, every pointer into the right kind of memory at an offset
//! the verifier allowed, a packet pointer's proven range inside the packet,
//! a slice's size readable, spilled values and known-zero stack bytes as
//! recorded. A step outside every state is an *escape*: in an accepted
//! program it is a soundness bug of this verifier (or of the kernel it
//! follows); in the unsafe run of a rejected program it is where the run
//! left what the verifier could vouch for, at or before the fault.

pub mod contain;

use serde::Serialize;

use crate::program::Program;
use crate::verifier::recorded::{AbsState, RecordedStates};
use crate::verifier::{self, Report, VerifierOptions};
use crate::vm::{Fault, StepOutcome, Vm, VmOptions};
use crate::world::WorldConfig;
use contain::{reg_inside_at, slot_inside, slot_name, spilled_ptr_inside, Broken};

/// Escapes kept in a [`CheckReport`] (the first is what matters; later
/// ones mostly follow from it).
pub const MAX_ESCAPES: usize = 100;

/// One step outside every state the verifier had at its instruction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateEscape {
    /// Instructions executed before this one.
    pub step: u64,
    /// The instruction about to execute.
    pub insn: usize,
    /// The register (`r3`) or stack slot (`fp-8`) outside, when one is.
    pub what: Option<String>,
    /// Its concrete value, as the VM shows it (`300`, `pkt+14`).
    pub value: Option<String>,
    /// What the verifier assumed of it (`r3 <= 64`).
    pub assumed: Option<String>,
    /// The sentence: "the verifier assumed r3 <= 64 at insn 12; this run
    /// has r3 = 300".
    pub message: String,
    /// The verifier's states it was compared with, as the log prints the
    /// register or slot in each.
    pub compared_with: Vec<String>,
}

/// The result of checking one run.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// Steps whose state was compared.
    pub checked_steps: u64,
    /// The first escapes, in run order (at most [`MAX_ESCAPES`]).
    pub state_escapes: Vec<StateEscape>,
    /// Steps outside, in all.
    pub escapes_total: u64,
    /// True when the verifier's walk compared every register and slot
    /// when pruning; false when that walk ended differently from the
    /// kernel's (see [`Checker::new`]) and dead registers and imprecise
    /// scalars were not compared.
    pub exact: bool,
    /// r0 at the exit, if the run exited.
    pub r0: Option<u64>,
    /// The run's fault, if any.
    pub fault: Option<Fault>,
}

/// One register beside what the verifier knew of it at an instruction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegCheck {
    /// Register number.
    pub reg: u8,
    /// The verifier's values of it there, one per distinct state, as its
    /// log prints them.
    pub ranges: Vec<String>,
    /// Whether this run's value lies inside one of them.
    pub inside: bool,
}

/// The verifier's recorded states of one program, ready to check runs.
#[derive(Debug, Clone)]
pub struct Checker {
    rec: RecordedStates,
}

impl Checker {
    /// Verifies `prog` twice: as the kernel does (for the verdict, returned)
    /// and with exact pruning (for the states): see [`Checker::for_report`].
    pub fn new(prog: &Program, opts: &VerifierOptions) -> (Checker, Report) {
        let base = VerifierOptions {
            exact_states: false,
            record_states: false,
            ..opts.clone()
        };
        let report = verifier::verify(prog, &base);
        (Checker::for_report(prog, opts, &report), report)
    }

    /// The states of `prog` for checking runs, given the kernel walk's
    /// `report`: those of a walk with exact pruning where it ends as the
    /// kernel walk did; where it ends differently (it may run into the
    /// complexity limit, for example), those of the kernel walk, comparing
    /// only the registers the kernel's pruning keeps: live ones, and of
    /// scalars the precise ones.
    pub fn for_report(prog: &Program, opts: &VerifierOptions, report: &Report) -> Checker {
        let exact = VerifierOptions {
            exact_states: true,
            record_states: false,
            log_level: 0,
            ..opts.clone()
        };
        let (er, rec) = verifier::verify_recording(prog, &exact);
        if er.verdict == report.verdict && er.insn == report.insn && er.message == report.message {
            return Checker { rec };
        }
        let kernel = VerifierOptions {
            exact_states: false,
            ..exact
        };
        let (_, rec) = verifier::verify_recording(prog, &kernel);
        Checker { rec }
    }

    /// True when the states came from the exact walk.
    pub fn exact(&self) -> bool {
        self.rec.exact
    }

    /// The states recorded at `insn` for the VM's current frame.
    fn states_at(&self, insn: usize, depth: usize) -> Vec<&AbsState> {
        let all = self.rec.at.get(insn).map(Vec::as_slice).unwrap_or(&[]);
        let frame = depth.saturating_sub(1) as u32;
        let same: Vec<&AbsState> = all.iter().filter(|s| s.frameno == frame).collect();
        if same.is_empty() {
            all.iter().collect()
        } else {
            same
        }
    }

    /// Registers compared at `insn` (all, or in a fallback walk the live
    /// ones whose value the kernel's pruning keeps).
    fn compared(&self, insn: usize, r: usize, a: &crate::verifier::RegState) -> bool {
        if self.rec.exact {
            return true;
        }
        let live = self.rec.live.get(insn).copied().unwrap_or(0x7ff);
        let precise = self.rec.precise.get(insn).copied().unwrap_or(0x7ff);
        live & (1 << r) != 0 && (a.is_pointer() || precise & (1 << r) != 0)
    }

    /// The first register or slot of `vm`'s state outside `st`.
    fn outside(
        &self,
        st: &AbsState,
        vm: &Vm,
        insn: usize,
    ) -> Option<(String, Option<u64>, Broken)> {
        let base = vm.depth().saturating_sub(1) as i64 - i64::from(st.frameno);
        for (r, a) in st.regs.iter().enumerate() {
            if !self.compared(insn, r, a) {
                continue;
            }
            let v = vm.reg_value(r);
            if let Err(b) = reg_inside_at(a, v, vm, &format!("r{r}"), base) {
                return Some((format!("r{r}"), v, b));
            }
        }
        let stack = vm.frame_stack()?;
        for (spi, s) in &st.slots {
            let res = slot_inside(s, *spi, stack)
                .and_then(|_| spilled_ptr_inside(s, *spi, stack, vm, base));
            if let Err(b) = res {
                return Some((slot_name(*spi), slot_value(stack, *spi), b));
            }
        }
        None
    }

    /// Checks the state `vm` is about to execute its next instruction in.
    pub fn check(&self, vm: &Vm) -> Option<StateEscape> {
        let insn = vm.pc();
        let states = self.states_at(insn, vm.depth());
        let escape = |what: Option<String>,
                      value: Option<String>,
                      assumed: Option<String>,
                      message: String,
                      with: Vec<String>| {
            Some(StateEscape {
                step: vm.steps(),
                insn,
                what,
                value,
                assumed,
                message,
                compared_with: with,
            })
        };
        if states.is_empty() {
            let why = match &self.rec.error {
                Some((at, m)) => format!(" (its walk stopped at insn {at}: {m})"),
                None => String::new(),
            };
            return escape(
                None,
                None,
                None,
                format!("the verifier never reached insn {insn}{why}; this run executes it"),
                Vec::new(),
            );
        }
        let mut best: Option<(&AbsState, String, Option<u64>, Broken)> = None;
        let mut refused: Option<&AbsState> = None;
        for st in &states {
            match self.outside(st, vm, insn) {
                None if st.refused.is_none() => return None,
                None => refused = Some(st),
                Some((what, v, b)) => {
                    if best.is_none() {
                        best = Some((st, what, v, b));
                    }
                }
            }
        }
        if let Some(st) = refused {
            let m = st.refused.clone().unwrap_or_default();
            return escape(
                None,
                None,
                None,
                format!(
                    "the verifier refused this state at insn {insn} ({m}); this run executes it"
                ),
                Vec::new(),
            );
        }
        let (_, what, v, b) = best?;
        let value = v.map(|v| vm.describe_value(v));
        let with = states.iter().map(|s| describe_in(s, &what)).collect();
        let message = format!(
            "the verifier assumed {} at insn {insn}; this run has {what} = {}",
            b.assumed,
            value.as_deref().unwrap_or("?")
        );
        escape(Some(what), value, Some(b.assumed), message, with)
    }

    /// Every register beside the verifier's values of it at the VM's next
    /// instruction (registers the verifier knew nothing of left out).
    pub fn registers(&self, vm: &Vm) -> Vec<RegCheck> {
        let insn = vm.pc();
        let states = self.states_at(insn, vm.depth());
        let mut out = Vec::new();
        for r in 0..11usize {
            let mut ranges: Vec<String> = Vec::new();
            let mut inside = false;
            for st in &states {
                let a = &st.regs[r];
                if a.typ == crate::verifier::BpfRegType::NotInit || !self.compared(insn, r, a) {
                    continue;
                }
                let text = a.log_str(None);
                if !ranges.contains(&text) {
                    ranges.push(text);
                }
                let base = vm.depth().saturating_sub(1) as i64 - i64::from(st.frameno);
                inside |= reg_inside_at(a, vm.reg_value(r), vm, "", base).is_ok();
            }
            if !ranges.is_empty() {
                out.push(RegCheck {
                    reg: r as u8,
                    ranges,
                    inside,
                });
            }
        }
        out
    }
}

/// How far [`Checker::first_escape`] looked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scan {
    /// The first escape, if one was found.
    pub escape: Option<StateEscape>,
    /// Steps checked.
    pub checked_steps: u64,
    /// True when the run ended within the steps looked at (or escaped):
    /// without an escape, the whole run stayed inside.
    pub complete: bool,
}

impl Checker {
    /// Runs a copy of `vm` for at most `max_steps`, checking every step,
    /// and stops at the first escape.
    pub fn first_escape(&self, vm: &Vm, max_steps: u64) -> Scan {
        let mut vm = vm.clone();
        let mut checked_steps = 0;
        while vm.outcome() == StepOutcome::Running {
            if checked_steps >= max_steps {
                return Scan {
                    escape: None,
                    checked_steps,
                    complete: false,
                };
            }
            if let Some(e) = self.check(&vm) {
                return Scan {
                    escape: Some(e),
                    checked_steps,
                    complete: true,
                };
            }
            checked_steps += 1;
            vm.step();
        }
        Scan {
            escape: None,
            checked_steps,
            complete: true,
        }
    }
}

fn slot_value(stack: (&[u8], &[bool]), spi: usize) -> Option<u64> {
    let lo = stack.0.len().checked_sub((spi + 1) * 8)?;
    let b: [u8; 8] = stack.0.get(lo..lo + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(b))
}

/// How state `st` prints the register or slot `what`.
fn describe_in(st: &AbsState, what: &str) -> String {
    if let Some(r) = what.strip_prefix('r').and_then(|n| n.parse::<usize>().ok()) {
        return format!(
            "{what}={}",
            st.regs.get(r).map(|a| a.log_str(None)).unwrap_or_default()
        );
    }
    let slot = st
        .slots
        .iter()
        .find(|(spi, _)| slot_name(*spi) == what)
        .map(|(_, s)| {
            if s.is_spilled_reg() {
                s.spilled_ptr.log_str(None)
            } else {
                s.slot_type.iter().rev().map(|t| t.log_char()).collect()
            }
        })
        .unwrap_or_else(|| "?".into());
    format!("{what}={slot}")
}

/// Runs `prog` over `cfg` and checks every step against the verifier's
/// states. The run goes on whatever the verdict (an unsafe run of a
/// rejected program is where escapes are expected).
pub fn check_run(
    prog: &Program,
    vopts: &VerifierOptions,
    cfg: &WorldConfig,
    vm_opts: VmOptions,
) -> Result<(CheckReport, Report), Fault> {
    let (checker, report) = Checker::new(prog, vopts);
    let mut vm = Vm::with_config(prog, cfg, vm_opts)?;
    let mut out = CheckReport {
        checked_steps: 0,
        state_escapes: Vec::new(),
        escapes_total: 0,
        exact: checker.exact(),
        r0: None,
        fault: None,
    };
    loop {
        if vm.outcome() != StepOutcome::Running {
            break;
        }
        if let Some(e) = checker.check(&vm) {
            out.escapes_total += 1;
            if out.state_escapes.len() < MAX_ESCAPES {
                out.state_escapes.push(e);
            }
        }
        out.checked_steps += 1;
        vm.step();
    }
    match vm.outcome() {
        StepOutcome::Exited { r0 } => out.r0 = Some(r0),
        StepOutcome::Faulted(f) => out.fault = Some(f),
        StepOutcome::Running => {}
    }
    Ok((out, report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asm::assemble;

    fn vm_of(text: &str) -> Vm {
        let p = assemble(text).expect("assembles");
        Vm::with_config(&p, &WorldConfig::default(), VmOptions::default()).expect("a VM")
    }

    #[test]
    fn an_escape_names_the_register_the_bound_and_the_value() {
        // The states of one program, the run of another that differs in a
        // constant: the step after it is outside.
        let believed = assemble(".program a syscall\n    r3 = 64\n    r0 = 0\n    exit\n").unwrap();
        let (checker, report) = Checker::new(&believed, &VerifierOptions::default());
        assert!(report.accepted() && checker.exact());
        let mut vm = vm_of(".program a syscall\n    r3 = 300\n    r0 = 0\n    exit\n");
        assert_eq!(checker.check(&vm), None);
        vm.step();
        let e = checker.check(&vm).expect("r3 = 300 is outside r3 = 64");
        assert_eq!(e.insn, 1);
        assert_eq!(e.what.as_deref(), Some("r3"));
        assert_eq!(e.value.as_deref(), Some("300"));
        assert_eq!(
            e.message,
            "the verifier assumed r3 <= 64 at insn 1; this run has r3 = 300"
        );
        assert_eq!(e.compared_with, vec!["r3=64".to_string()]);
        let regs = checker.registers(&vm);
        let r3 = regs.iter().find(|c| c.reg == 3).expect("r3 is known");
        assert!(!r3.inside);
        assert!(regs.iter().find(|c| c.reg == 10).is_some_and(|c| c.inside));
    }

    #[test]
    fn an_unsafe_run_past_the_refused_state_escapes_there() {
        let text = ".program p xdp\n    r2 = *(u32 *)(r1 + 0)\n    r0 = *(u8 *)(r2 + 0)\n    r0 = 2\n    exit\n";
        let p = assemble(text).unwrap();
        let opts = VerifierOptions::default();
        let cfg = WorldConfig {
            packet: vec![1, 2, 3],
            ..WorldConfig::default()
        };
        let vm_opts = VmOptions {
            unsafe_mode: true,
            ..VmOptions::default()
        };
        let (c, report) = check_run(&p, &opts, &cfg, vm_opts).expect("runs");
        assert!(!report.accepted());
        let e = c.state_escapes.first().expect("an escape");
        assert_eq!(e.insn, 1, "{e:?}");
        assert!(
            e.message
                .starts_with("the verifier refused this state at insn 1"),
            "{}",
            e.message
        );
    }

    #[test]
    fn the_first_escape_scan_stops_there_or_at_the_end() {
        let p = assemble(".program a syscall\n    r0 = 0\n    exit\n").unwrap();
        let (checker, _) = Checker::new(&p, &VerifierOptions::default());
        let vm = Vm::with_config(&p, &WorldConfig::default(), VmOptions::default()).unwrap();
        let scan = checker.first_escape(&vm, 100);
        assert_eq!(
            (scan.escape, scan.checked_steps, scan.complete),
            (None, 2, true)
        );
        let scan = checker.first_escape(&vm, 1);
        assert!(!scan.complete);
    }
}

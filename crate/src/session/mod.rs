//! A debugging session: step, step back, run to a breakpoint.
//!
//! Stepping back restores the exact earlier state by replaying from a
//! checkpoint: the VM is deterministic (the world is seeded, the clock
//! counts instructions), so a clone of the VM taken every `interval` steps
//! plus at most `interval - 1` replayed steps gives any earlier state. The
//! interval doubles whenever more than [`MAX_CHECKPOINTS`] checkpoints
//! pile up, so memory stays bounded on long runs while a step back costs a
//! replay of at most `interval` instructions (measurements in `docs/vm.md`).

use serde::{Deserialize, Serialize};

use crate::program::Program;
use crate::vm::snapshot::RunState;
use crate::vm::{Fault, Snapshot, StepOutcome, Vm, VmOptions};
use crate::world::WorldConfig;

/// Checkpoints kept before the interval doubles.
pub const MAX_CHECKPOINTS: usize = 256;
/// The first checkpoint interval, in steps.
pub const FIRST_INTERVAL: u64 = 32;
/// Bytes the checkpoints may take (by [`Vm::approx_bytes`]) before the
/// interval doubles.
pub const CHECKPOINT_BUDGET: usize = 64 << 20;

/// Where a session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionState {
    /// More to run.
    Running,
    /// The program returned.
    Exited,
    /// The program faulted.
    Faulted,
}

/// A session over one program and world.
#[derive(Debug, Clone)]
pub struct Session {
    prog: Program,
    cfg: WorldConfig,
    opts: VmOptions,
    globals: Vec<(String, u64)>,
    vm: Vm,
    /// VM clones by step count, ascending; the first is step 0.
    checkpoints: Vec<Vm>,
    interval: u64,
    current: Snapshot,
}

/// What a serialised session holds: enough to rebuild it by replay.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SessionRepr {
    program: Program,
    config: WorldConfig,
    options: VmOptions,
    #[serde(default)]
    globals: Vec<(String, u64)>,
    steps: u64,
}

impl Session {
    /// Starts a session at the program's first instruction.
    pub fn new(prog: Program, cfg: WorldConfig, opts: VmOptions) -> Result<Session, Fault> {
        Session::with_globals(prog, cfg, opts, &[])
    }

    /// Like [`Session::new`], with global variables set before the first step.
    pub fn with_globals(
        prog: Program,
        cfg: WorldConfig,
        opts: VmOptions,
        globals: &[(String, u64)],
    ) -> Result<Session, Fault> {
        let mut vm = Vm::with_config(&prog, &cfg, opts)?;
        for (name, v) in globals {
            let p = prog.clone();
            vm.world_mut().set_global(&p, name, *v).map_err(|e| Fault {
                insn: 0,
                kind: crate::vm::FaultKind::BadWorld(e.to_string()),
            })?;
        }
        let current = vm.snapshot();
        Ok(Session {
            prog,
            cfg,
            opts,
            globals: globals.to_vec(),
            checkpoints: vec![vm.clone()],
            vm,
            interval: FIRST_INTERVAL,
            current,
        })
    }

    /// The current picture.
    pub fn snapshot(&self) -> &Snapshot {
        &self.current
    }

    /// The VM at the current step.
    pub fn vm(&self) -> &Vm {
        &self.vm
    }

    /// The program.
    pub fn program(&self) -> &Program {
        &self.prog
    }

    /// Steps that can be undone (instructions executed so far).
    pub fn history_len(&self) -> u64 {
        self.vm.steps()
    }

    /// Running, exited or faulted.
    pub fn state(&self) -> SessionState {
        match self.vm.outcome() {
            StepOutcome::Running => SessionState::Running,
            StepOutcome::Exited { .. } => SessionState::Exited,
            StepOutcome::Faulted(_) => SessionState::Faulted,
        }
    }

    fn advance(&mut self) -> StepOutcome {
        let before = self.vm.steps();
        let out = self.vm.step();
        if self.vm.steps() != before {
            self.checkpoint_if_due();
        }
        out
    }

    /// Runs toward `target` steps in bulk ([`Vm::run_to`]), stopping at
    /// every checkpoint boundary to take the checkpoint [`Session::advance`]
    /// would take there, and at the first instruction of `breakpoints`
    /// (after at least one step). True when a breakpoint stopped it.
    fn run_until(&mut self, target: u64, breakpoints: &[usize]) -> bool {
        // The breakpoints as a bitmap, built only when there are any (a
        // step back's replay has none).
        let stop = (!breakpoints.is_empty()).then(|| {
            let mut stop = vec![false; self.prog.insns.len() + 1];
            for &b in breakpoints {
                if let Some(s) = stop.get_mut(b) {
                    *s = true;
                }
            }
            stop
        });
        while self.vm.outcome() == StepOutcome::Running && self.vm.steps() < target {
            let before = self.vm.steps();
            let boundary = (before / self.interval + 1).saturating_mul(self.interval);
            let until = target.min(boundary);
            let hit = match &stop {
                Some(stop) => self
                    .vm
                    .run_to(until, |pc| stop.get(pc).copied().unwrap_or(false)),
                None => self.vm.run_to(until, |_| false),
            };
            if self.vm.steps() != before {
                self.checkpoint_if_due();
            }
            if hit {
                return true;
            }
            if self.vm.steps() == before {
                break;
            }
        }
        false
    }

    /// Takes a checkpoint when the step count is on the interval and none
    /// was taken there; doubles the interval when they pile up.
    fn checkpoint_if_due(&mut self) {
        let after = self.vm.steps();
        if after.checked_rem(self.interval) == Some(0)
            && self.checkpoints.last().is_none_or(|c| c.steps() < after)
        {
            self.checkpoints.push(self.vm.clone());
            let bytes: usize = self.checkpoints.iter().map(Vm::approx_bytes).sum();
            if self.checkpoints.len() > MAX_CHECKPOINTS || bytes > CHECKPOINT_BUDGET {
                self.interval *= 2;
                let iv = self.interval;
                self.checkpoints
                    .retain(|c| c.steps().checked_rem(iv) == Some(0));
            }
        }
    }

    /// Executes one instruction.
    pub fn step(&mut self) -> &Snapshot {
        self.advance();
        self.current = self.vm.snapshot();
        &self.current
    }

    /// Runs until the next instruction is one of `breakpoints` (after at
    /// least one step), or the program ends.
    pub fn continue_to(&mut self, breakpoints: &[usize]) -> &Snapshot {
        self.run_until(u64::MAX, breakpoints);
        self.current = self.vm.snapshot();
        &self.current
    }

    /// Steps over a call: when the next instruction calls a subprogram or a
    /// helper that runs callbacks, runs until execution is back in this
    /// frame after it; otherwise one step.
    pub fn step_over(&mut self) -> &Snapshot {
        let depth = self.vm.depth();
        let pc = self.vm.pc();
        let is_call = self.prog.insns.get(pc).is_some_and(|i| i.is_call());
        if self.advance() == StepOutcome::Running && is_call {
            while self.vm.depth() > depth && self.advance() == StepOutcome::Running {}
        }
        self.current = self.vm.snapshot();
        &self.current
    }

    /// The C line (file and line number) instruction `pc` belongs to, by
    /// the program's line info; `None` without line info, or for code that
    /// clang attributes to no line (line 0).
    fn c_line_of(&self, pc: usize) -> Option<(&str, u32)> {
        self.prog
            .line_info_at(pc)
            .filter(|l| l.line != 0)
            .map(|l| (l.file.as_str(), l.line))
    }

    /// Steps one C line, as a debugger's `next`: runs until the instruction
    /// about to execute belongs to another C line of the same frame (or to
    /// the caller, once this frame returned), or comes back to the start of
    /// the same line by a jump (one iteration of a loop written on one
    /// line). bpf-to-bpf calls, and helpers and kfuncs that run callbacks,
    /// run through: their frames never stop it. Without line info (an
    /// assembled program) it is [`Session::step_over`].
    pub fn step_line(&mut self) -> &Snapshot {
        if self.prog.line_info.is_empty() {
            return self.step_over();
        }
        let depth = self.vm.depth();
        let start = self
            .c_line_of(self.vm.pc())
            .map(|(f, l)| (f.to_string(), l));
        loop {
            let from = self.vm.pc();
            if self.advance() != StepOutcome::Running {
                break;
            }
            let d = self.vm.depth();
            if d > depth {
                continue;
            }
            if d < depth {
                break;
            }
            let pc = self.vm.pc();
            let Some((file, line)) = self.c_line_of(pc) else {
                continue;
            };
            let same = start.as_ref().is_some_and(|(f, l)| f == file && *l == line);
            if !same || (pc <= from && self.prog.line_info_starts(pc).is_some()) {
                break;
            }
        }
        self.current = self.vm.snapshot();
        &self.current
    }

    /// Runs until the current frame has returned (for a callback: until
    /// this iteration returned, which may start the next one), or, in the
    /// entry frame, to the end.
    pub fn step_out(&mut self) -> &Snapshot {
        let frame = self.vm.frame_uid();
        while self.advance() == StepOutcome::Running && self.vm.has_frame(frame) {}
        self.current = self.vm.snapshot();
        &self.current
    }

    /// Goes back one step, to exactly the state before the last one.
    pub fn step_back(&mut self) -> &Snapshot {
        let target = self.vm.steps().saturating_sub(1);
        self.goto(target)
    }

    /// Moves to the state after `target` steps (forward or back).
    pub fn goto(&mut self, target: u64) -> &Snapshot {
        if target < self.vm.steps() {
            let idx = self
                .checkpoints
                .iter()
                .rposition(|c| c.steps() <= target)
                .unwrap_or(0);
            if let Some(cp) = self.checkpoints.get(idx) {
                self.vm = cp.clone();
            }
            self.checkpoints.truncate(idx + 1);
        }
        self.run_until(target, &[]);
        self.current = self.vm.snapshot();
        &self.current
    }

    /// Back to the first instruction.
    pub fn reset(&mut self) -> &Snapshot {
        self.goto(0)
    }

    /// True when the program exited or faulted.
    pub fn finished(&self) -> bool {
        !matches!(self.current.state, RunState::Running)
    }
}

impl Serialize for Session {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        SessionRepr {
            program: self.prog.clone(),
            config: self.cfg.clone(),
            options: self.opts,
            globals: self.globals.clone(),
            steps: self.vm.steps(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Session {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Session, D::Error> {
        let r = SessionRepr::deserialize(d)?;
        let mut s = Session::with_globals(r.program, r.config, r.options, &r.globals)
            .map_err(serde::de::Error::custom)?;
        s.goto(r.steps);
        Ok(s)
    }
}

// proptest is a native-only dev-dependency: not in the wasm32 test build.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::isa::*;
    use crate::prog_insns;
    use crate::program::ProgType;
    use crate::vm::test_util::*;
    use proptest::prelude::*;

    /// A loop that touches the stack, a helper and the ring buffer.
    fn busy_prog() -> Program {
        prog(
            ProgType::Syscall,
            prog_insns![
                mov(6, 0),
                // loop: rb reserve 8, write, submit; prandom; stack
                ld_map(1, 0),
                mov(2, 8),
                mov(3, 0),
                call(131),
                jmp(BPF_JEQ, 0, 0, 4),
                stx(BPF_DW, 0, 6, 0),
                movr(1, 0),
                mov(2, 0),
                call(132),
                call(7),
                stx(BPF_DW, 10, 0, -8),
                alu(BPF_ADD, 6, 1),
                jmp(BPF_JLT, 6, 20, -14),
                ldx(BPF_DW, 0, 10, -8),
                exit(),
            ],
            vec![ringbuf_map(4096)],
        )
    }

    /// Callbacks of both kinds: a dynptr iterator, then bpf_loop.
    fn callback_prog() -> Program {
        let insns = prog_insns![
            st(BPF_DW, 10, -40, 0),
            st(BPF_DW, 10, -24, 0x0102_0304),
            st(BPF_DW, 10, -32, 0x0506_0708),
            movr(1, 10),
            alu(BPF_ADD, 1, -32),
            mov(2, 16),
            mov(3, 0),
            movr(4, 10),
            alu(BPF_ADD, 4, -16),
            call(197),
            movr(1, 10),
            alu(BPF_ADD, 1, -16),
            ld_func(2, 14),
            movr(3, 10),
            alu(BPF_ADD, 3, -40),
            mov(4, 0),
            call(221),
            mov(1, 5),
            ld_func(2, 13),
            movr(3, 10),
            alu(BPF_ADD, 3, -40),
            mov(4, 0),
            call(181),
            ldx(BPF_DW, 0, 10, -40),
            exit(),
            // 27: iterator callback: ctx += 1, advance 2
            movr(6, 2),
            ldx(BPF_DW, 3, 6, 0),
            alu(BPF_ADD, 3, 1),
            stx(BPF_DW, 6, 3, 0),
            mov(0, 2),
            exit(),
            // 33: loop callback: ctx += i
            ldx(BPF_DW, 3, 2, 0),
            alur(BPF_ADD, 3, 1),
            stx(BPF_DW, 2, 3, 0),
            mov(0, 0),
            exit(),
        ];
        with_func(
            with_func(prog(ProgType::Syscall, insns, vec![]), "iter_cb", 27),
            "loop_cb",
            33,
        )
    }

    #[test]
    fn callback_prog_result() {
        let mut s = Session::new(
            callback_prog(),
            WorldConfig::default(),
            VmOptions::default(),
        )
        .unwrap();
        s.continue_to(&[]);
        // 9 iterator calls (the last on the empty view), then 0+1+2+3+4.
        assert_eq!(s.snapshot().state, RunState::Exited { r0: 19 });
    }

    #[test]
    fn runs_to_the_end_and_back() {
        let mut s =
            Session::new(busy_prog(), WorldConfig::default(), VmOptions::default()).unwrap();
        let start = s.snapshot().clone();
        s.continue_to(&[]);
        assert_eq!(s.state(), SessionState::Exited);
        let n = s.history_len();
        assert!(n > 200);
        let end = s.snapshot().clone();
        s.step_back();
        assert_eq!(s.history_len(), n - 1);
        s.step();
        assert_eq!(s.snapshot(), &end);
        s.reset();
        assert_eq!(s.snapshot(), &start);
    }

    #[test]
    fn breakpoints_stop_before_the_instruction() {
        let mut s =
            Session::new(busy_prog(), WorldConfig::default(), VmOptions::default()).unwrap();
        s.continue_to(&[11]);
        assert_eq!(s.snapshot().pc, 11);
        assert_eq!(
            s.snapshot().last_call.as_ref().map(|c| c.name.as_str()),
            Some("bpf_ringbuf_submit")
        );
        s.continue_to(&[11]);
        assert_eq!(s.snapshot().pc, 11);
        assert_eq!(
            s.snapshot().maps[0]
                .ringbuf
                .as_ref()
                .map(|r| r.records.len()),
            Some(2)
        );
    }

    #[test]
    fn breakpoints_inside_callbacks() {
        // bpf_loop(3, cb, NULL, 0); cb: r0 = 0; exit
        let mut insns = prog_insns![
            mov(1, 3),
            ld_func(2, 5),
            mov(3, 0),
            mov(4, 0),
            call(181),
            exit()
        ];
        insns.extend(prog_insns![mov(0, 0), exit()]);
        let p = with_func(prog(ProgType::Syscall, insns, vec![]), "cb", 7);
        let mut s = Session::new(p, WorldConfig::default(), VmOptions::default()).unwrap();
        let mut iterations = Vec::new();
        loop {
            s.continue_to(&[7]);
            if s.state() != SessionState::Running {
                break;
            }
            let f = &s.snapshot().frames[1];
            iterations.push(f.callback.as_ref().map(|c| c.iteration));
        }
        assert_eq!(iterations, vec![Some(0), Some(1), Some(2)]);
        assert_eq!(s.state(), SessionState::Exited);
        assert_eq!(s.snapshot().last_call.as_ref().and_then(|c| c.ret), Some(3));
        s.step_back();
        assert_eq!(s.snapshot().pc, 6);
        assert_eq!(s.snapshot().regs[0].value, 3);
        // Step over the helper call: one step in the caller's view.
        s.reset();
        for _ in 0..4 {
            s.step_over();
        }
        assert_eq!(s.snapshot().pc, 5);
        s.step_over();
        assert_eq!((s.snapshot().pc, s.snapshot().frames.len()), (6, 1));
        // Step out of the second iteration's callback.
        s.reset();
        s.continue_to(&[7]);
        s.continue_to(&[7]);
        s.step_out();
        assert_eq!(
            s.snapshot().frames[1]
                .callback
                .as_ref()
                .map(|c| c.iteration),
            Some(2)
        );
    }

    /// Gives `p` line info: `(first insn, line)` records of `prog.c`.
    fn with_lines(mut p: Program, lines: &[(usize, u32)]) -> Program {
        p.line_info = lines
            .iter()
            .map(|&(insn, line)| crate::program::LineInfo {
                insn,
                file: "prog.c".into(),
                line,
                col: 1,
                text: format!("line {line}"),
            })
            .collect();
        p
    }

    /// The C line the session is at.
    fn line_now(s: &Session) -> Option<u32> {
        s.c_line_of(s.snapshot().pc).map(|(_, l)| l)
    }

    #[test]
    fn step_line_runs_over_a_helper_and_its_callbacks() {
        // 10: r6 = prandom(); 11: bpf_loop(3, cb, NULL, 0); 12: return r0;
        // 20: the callback.
        let mut insns = prog_insns![
            call(7),
            movr(6, 0),
            mov(1, 3),
            ld_func(2, 5),
            mov(3, 0),
            mov(4, 0),
            call(181),
            exit()
        ];
        insns.extend(prog_insns![mov(0, 0), exit()]);
        let p = with_func(prog(ProgType::Syscall, insns, vec![]), "cb", 9);
        let p = with_lines(p, &[(0, 10), (2, 11), (8, 12), (9, 20)]);
        let mut s = Session::new(p, WorldConfig::default(), VmOptions::default()).unwrap();
        assert_eq!(line_now(&s), Some(10));
        // Over the plain helper call and the rest of line 10.
        s.step_line();
        assert_eq!((s.snapshot().pc, line_now(&s)), (2, Some(11)));
        // Over bpf_loop: three callback iterations run through.
        s.step_line();
        assert_eq!((s.snapshot().pc, line_now(&s)), (8, Some(12)));
        assert_eq!(s.snapshot().frames.len(), 1);
        assert_eq!(s.snapshot().regs[0].value, 3);
        s.step_line();
        assert_eq!(s.state(), SessionState::Exited);
    }

    #[test]
    fn step_line_runs_over_a_bpf_to_bpf_call() {
        // 1: r1 = 5; 2: r0 = twice(r1); 3: r0 += 1; return;
        // 7: twice: return r1 * 2 (two lines of its own).
        let insns = prog_insns![
            mov(1, 5),
            call_rel(2),
            alu(BPF_ADD, 0, 1),
            exit(),
            movr(0, 1),
            alu(BPF_MUL, 0, 2),
            exit()
        ];
        let p = with_func(prog(ProgType::Syscall, insns, vec![]), "twice", 4);
        let p = with_lines(p, &[(0, 1), (1, 2), (2, 3), (4, 7), (5, 8)]);
        let mut s = Session::new(p, WorldConfig::default(), VmOptions::default()).unwrap();
        s.step_line();
        assert_eq!((s.snapshot().pc, line_now(&s)), (1, Some(2)));
        s.step_line();
        assert_eq!((s.snapshot().pc, line_now(&s)), (2, Some(3)));
        assert_eq!(s.snapshot().frames.len(), 1);
        assert_eq!(s.snapshot().regs[0].value, 10);
        // Inside the callee, a step line stops at its next line, and the
        // one after its last returns to the caller.
        s.reset();
        s.step();
        s.step();
        assert_eq!((s.snapshot().pc, line_now(&s)), (4, Some(7)));
        s.step_line();
        assert_eq!((s.snapshot().pc, line_now(&s)), (5, Some(8)));
        s.step_line();
        assert_eq!((s.snapshot().pc, s.snapshot().frames.len()), (2, 1));
        // Step back undoes a step line one instruction at a time.
        s.step_back();
        assert_eq!(s.snapshot().pc, 6);
    }

    #[test]
    fn step_line_stops_at_each_iteration_of_a_one_line_loop() {
        // 1: r1 = 0; 2: while (r1 < 3) r1++; (one line, a backward jump)
        // 3: return r1;
        let insns = prog_insns![
            mov(1, 0),
            alu(BPF_ADD, 1, 1),
            jmp(BPF_JLT, 1, 3, -2),
            movr(0, 1),
            exit()
        ];
        let p = with_lines(
            prog(ProgType::Syscall, insns, vec![]),
            &[(0, 1), (1, 2), (3, 3)],
        );
        let mut s = Session::new(p, WorldConfig::default(), VmOptions::default()).unwrap();
        s.step_line();
        let mut at = Vec::new();
        while line_now(&s) == Some(2) {
            s.step_line();
            at.push(s.snapshot().pc);
        }
        assert_eq!(at, vec![1, 1, 3]);
        // Without line info, a step line is a step over.
        let mut plain = Session::new(
            prog(ProgType::Syscall, prog_insns![mov(0, 1), exit()], vec![]),
            WorldConfig::default(),
            VmOptions::default(),
        )
        .unwrap();
        plain.step_line();
        assert_eq!(plain.snapshot().pc, 1);
    }

    #[test]
    fn serialises_by_replay() {
        let mut s =
            Session::new(busy_prog(), WorldConfig::default(), VmOptions::default()).unwrap();
        for _ in 0..77 {
            s.step();
        }
        let json = serde_json::to_string(&s).unwrap();
        let back: Session = serde_json::from_str(&json).unwrap();
        assert_eq!(back.snapshot(), s.snapshot());
    }

    /// The checkpoints' step counts, to compare two sessions' histories.
    fn checkpoint_steps(s: &Session) -> Vec<u64> {
        s.checkpoints.iter().map(Vm::steps).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]
        /// Continue and goto run in bulk (`Vm::run_to`); they must end in
        /// the state, and with the checkpoints, of stepping one by one.
        #[test]
        fn bulk_runs_equal_single_steps(
            bp in proptest::collection::vec(0usize..40, 0..3),
            target in 0u64..3000,
            budget in 50u64..5000,
            which in 0usize..2,
        ) {
            let prog = if which == 0 { busy_prog() } else { callback_prog() };
            let opts = VmOptions { insn_budget: budget, ..VmOptions::default() };
            let mut bulk = Session::new(prog.clone(), WorldConfig::default(), opts).unwrap();
            let mut single = Session::new(prog, WorldConfig::default(), opts).unwrap();
            for _ in 0..3 {
                bulk.continue_to(&bp);
                loop {
                    single.step();
                    if single.finished() || bp.contains(&single.snapshot().pc) {
                        break;
                    }
                }
                prop_assert_eq!(bulk.snapshot(), single.snapshot());
                prop_assert_eq!(checkpoint_steps(&bulk), checkpoint_steps(&single));
            }
            bulk.reset();
            single.reset();
            bulk.goto(target);
            while single.history_len() < target && !single.finished() {
                single.step();
            }
            prop_assert_eq!(bulk.snapshot(), single.snapshot());
            prop_assert_eq!(checkpoint_steps(&bulk), checkpoint_steps(&single));
        }

        #[test]
        fn step_n_then_back_n_is_the_start(n in 0u64..400, k in 0u64..400, which in 0usize..2) {
            let prog = if which == 0 { busy_prog() } else { callback_prog() };
            let mut s = Session::new(prog, WorldConfig::default(), VmOptions::default()).unwrap();
            let start = s.snapshot().clone();
            for _ in 0..n { s.step(); }
            let mid = s.snapshot().clone();
            let steps = s.history_len();
            for _ in 0..k.min(steps) { s.step_back(); }
            prop_assert_eq!(s.history_len(), steps - k.min(steps));
            s.goto(steps);
            prop_assert_eq!(s.snapshot(), &mid);
            for _ in 0..steps { s.step_back(); }
            prop_assert_eq!(s.snapshot(), &start);
        }
    }
}

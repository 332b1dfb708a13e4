//! The page's link to the engine: assembling, verifying and stepping, and
//! the results the panels draw. Everything here calls `dynptr_play`; the
//! page itself never interprets BPF.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::BTreeSet;
use std::rc::Rc;

use dynptr_play::asm;
use dynptr_play::catalog::{self, FuncDef};
use dynptr_play::check::{Checker, RegCheck, Scan};
use dynptr_play::elf;
use dynptr_play::program::{ProgType, Program};
use dynptr_play::session::Session;
use dynptr_play::verifier::{self, KernelProfile, Report, StateSnapshot, VerifierOptions};
use dynptr_play::vm::snapshot::RunState;
use dynptr_play::vm::{Snapshot, VmOptions};
use dynptr_play::world::WorldConfig;

use crate::csource::CSource;
use crate::present::{self, CallHistory, Extents};
use crate::state::{Action, Notice};
use crate::view::{ExecView, InsnView};
use crate::worker::{Job, Source};

thread_local! {
    static GENERATION: Cell<u64> = const { Cell::new(0) };
}

fn next_generation() -> u64 {
    GENERATION.with(|g| {
        g.set(g.get() + 1);
        g.get()
    })
}

/// Instructions a Run executes between two looks at the clock.
pub const RUN_CHUNK: u64 = 100_000;
/// Milliseconds a Run works before the page redraws the progress: a
/// 1,000,000-instruction program finishes in one slice, a longer one (a
/// bigger budget, slow helpers) shows its progress five times a second and
/// Stop stays responsive.
pub const RUN_SLICE_MS: f64 = 200.0;

/// A loop of loads, stores, ALU and jumps: the instructions of the VM's
/// hot loop.
const WARM_UP_PROGRAM: &str = ".program warm_up syscall\n.data n 8 = 0\n    r2 = n ll\nloop:\n    r1 = *(u64 *)(r2 + 0)\n    r1 += 1\n    *(u64 *)(r2 + 0) = r1\n    if r1 < 60000 goto loop\n    r0 = 0\n    exit\n";

/// Runs the VM's hot loop for a few milliseconds while the page is idle
/// after loading, so that the browser's optimising compiler has compiled
/// it (V8 first runs wasm as baseline code, about three times slower, and
/// optimises a function only after it has run for a while) before the
/// first Run: measured in the end-to-end tests' `run_1m_instructions_ms`.
pub fn warm_up() {
    if let Ok(p) = asm::assemble(WARM_UP_PROGRAM) {
        if let Ok(mut s) = Session::new(p, WorldConfig::default(), VmOptions::default()) {
            s.continue_to(&[]);
        }
    }
}

/// Milliseconds since some fixed point, for the Run's time slices.
fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::time::{SystemTime, UNIX_EPOCH};
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1e3)
    }
}

/// An error in the program text, where the editor underlines it.
#[derive(Debug, Clone, PartialEq)]
pub struct SrcError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
    /// What was expected.
    pub message: String,
}

/// The programs of a loaded clang object, each disassembled.
#[derive(Clone)]
pub struct ElfObject {
    /// (name, type, disassembly) of each program.
    pub programs: Vec<(String, ProgType, String)>,
    /// The programs as loaded: what Verify and Run use while the editor
    /// holds their disassembly unchanged (their line info, BTF and debug
    /// info do not survive a round trip through the text).
    pub loaded: Vec<Rc<Program>>,
    /// The C source of each program, when it has line info.
    pub c: Vec<Option<Rc<CSource>>>,
    /// The object file itself (the verifier's worker loads it again).
    pub bytes: Rc<[u8]>,
    /// The one in the editor.
    pub selected: usize,
}

/// Where Continue stops.
#[derive(Clone, Copy)]
pub struct Breakpoints<'a> {
    /// Lines of the program text.
    pub asm: &'a BTreeSet<u32>,
    /// C lines of the C view: (file index, line).
    pub c: &'a BTreeSet<(usize, u32)>,
}

/// A running session and what the page remembers about it.
pub struct Live {
    session: Session,
    extents: Extents,
    calls: CallHistory,
    /// The verifier's states, to check each step against (none for a walk
    /// too long to repeat on the page).
    checker: Option<Checker>,
    /// The first escape of the run, as far as it was looked for.
    scan: Option<Rc<Scan>>,
}

/// Instructions the verifier may have processed for the page to walk the
/// program again for checking steps (a longer walk is left to `dynptr-play
/// run --check-states`).
pub const CHECK_WALK_LIMIT: u64 = 200_000;
/// Steps of the run the page checks, when a session starts, for the first
/// escape.
pub const CHECK_SCAN_STEPS: u64 = 100_000;

/// What the engine knows about the current program.
pub struct Engine {
    generation: u64,
    /// The log line (a step of the verifier's walk) the user is looking at.
    inspect: Option<usize>,
    /// The text or packet changed since the last Verify.
    pub stale: bool,
    /// The assembler's complaint, if any.
    pub asm_error: Option<SrcError>,
    /// The assembled program.
    program: Option<Rc<Program>>,
    /// The verifier's report on it.
    report: Option<Rc<Report>>,
    /// The report's log, split once into lines linked to instructions.
    log: Rc<Vec<(Option<usize>, String)>>,
    /// The object file the text came from.
    elf: Option<Rc<ElfObject>>,
    /// The editor holds the selected program's disassembly as loaded, so
    /// the program of the object (with its C source) is the one that runs.
    linked: bool,
    /// The execution session (mutated in place by steps; each step makes a
    /// new `Engine` generation that shares it).
    live: Option<Rc<RefCell<Live>>>,
    /// The snapshot before the last action, to mark changed registers.
    prev: Option<Rc<Snapshot>>,
    /// The current picture.
    exec: Option<Rc<ExecView>>,
    /// Where the session is (copied out of the session for cheap reads).
    pc: Option<usize>,
    steps: u64,
    end: Option<String>,
    /// A Run in progress: the page keeps calling `run_chunk`.
    pub running: bool,
    /// The bytecode panel's rows, made once per verified program and
    /// shared by every generation that steps it.
    insn_views: Rc<OnceCell<Rc<Vec<InsnView>>>>,
    /// The log line where each path of the exploration tree begins (made
    /// once per verified program; empty when the log does not align).
    path_starts: Rc<OnceCell<Rc<Vec<usize>>>>,
    /// The path of the exploration tree last clicked (its last line may
    /// lie in another path's log: a pruned path shows the state that
    /// covered it).
    picked_path: Option<usize>,
    /// Each register beside the verifier's values of it at the current step.
    state_ranges: Rc<Vec<RegCheck>>,
    /// The provenance marker last clicked (1-based).
    picked_marker: Option<usize>,
    /// The editor's line of each instruction (made once per verified
    /// program: a clang object's disassembly has its own lines).
    editor_lines: Rc<OnceCell<Rc<Vec<Option<u32>>>>>,
    /// The Verify running in the worker.
    verifying: Option<Rc<Job>>,
    /// The last Verify was cancelled after this many instructions.
    cancelled: Option<u64>,
}

/// One numbered marker of a rejection's provenance chain
/// ([`Report::provenance`]), as the editor, the C view and the
/// explanation draw it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProvMarker {
    /// Its number (1-based), as the explanation's ①, ②, ...
    pub n: usize,
    /// The instruction.
    pub insn: usize,
    /// The role (`created`, `released`, `slice`, `unbounded`, `rejected`, ...).
    pub role: &'static str,
    /// What happened there.
    pub text: String,
}

impl ProvMarker {
    /// The marker's tooltip: `③ insn 16 (released): ...`.
    pub fn title(&self) -> String {
        format!(
            "{} insn {} ({}): {} — click to see the verifier's state here",
            verifier::provenance::marker(self.n),
            self.insn,
            self.role,
            self.text
        )
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine {
            generation: next_generation(),
            inspect: None,
            stale: false,
            asm_error: None,
            program: None,
            report: None,
            log: Rc::new(Vec::new()),
            elf: None,
            linked: false,
            live: None,
            prev: None,
            exec: None,
            pc: None,
            steps: 0,
            end: None,
            running: false,
            insn_views: Rc::new(OnceCell::new()),
            path_starts: Rc::new(OnceCell::new()),
            picked_path: None,
            state_ranges: Rc::new(Vec::new()),
            picked_marker: None,
            editor_lines: Rc::new(OnceCell::new()),
            verifying: None,
            cancelled: None,
        }
    }
}

impl PartialEq for Engine {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
    }
}

/// Parses the packet input: hex digits, spaces and newlines ignored.
pub fn parse_packet(hex: &str) -> Result<Option<Vec<u8>>, String> {
    let digits: Vec<u8> = hex.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if !digits.len().is_multiple_of(2) {
        return Err(format!(
            "the packet has an odd number of hex digits ({})",
            digits.len()
        ));
    }
    let val = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    digits
        .chunks(2)
        .enumerate()
        .map(|(i, p)| match (val(p[0]), val(p[1])) {
            (Some(h), Some(l)) => Ok(h << 4 | l),
            _ => Err(format!(
                "packet byte {i} is not hex: {:?}",
                String::from_utf8_lossy(p)
            )),
        })
        .collect::<Result<Vec<u8>, String>>()
        .map(Some)
}

fn end_text(s: &Snapshot) -> Option<String> {
    match &s.state {
        RunState::Running => None,
        RunState::Exited { r0 } => Some(format!("exited, r0 = {}", *r0 as i64)),
        RunState::Faulted { fault } => {
            Some(format!("fault at insn {}: {}", fault.insn, fault.kind))
        }
    }
}

impl Engine {
    /// The same results, marked as out of date with the text.
    pub fn edited(&self) -> Engine {
        Engine {
            stale: true,
            elf: self.elf.clone(),
            linked: self.linked,
            ..Engine::default()
        }
    }

    /// The same results, out of date with a new text typed in the editor:
    /// still the object's program only if the text is its disassembly.
    pub fn text_edited(&self, src: &str) -> Engine {
        let linked = self.elf.as_ref().is_some_and(|o| {
            o.programs
                .get(o.selected)
                .is_some_and(|(_, _, text)| text == src)
        });
        Engine {
            linked,
            ..self.edited()
        }
    }

    /// A new generation sharing everything with `self`.
    fn next(&self) -> Engine {
        Engine {
            generation: next_generation(),
            inspect: self.inspect,
            stale: self.stale,
            asm_error: self.asm_error.clone(),
            program: self.program.clone(),
            report: self.report.clone(),
            log: self.log.clone(),
            elf: self.elf.clone(),
            linked: self.linked,
            live: self.live.clone(),
            prev: self.prev.clone(),
            exec: self.exec.clone(),
            pc: self.pc,
            steps: self.steps,
            end: self.end.clone(),
            running: false,
            insn_views: self.insn_views.clone(),
            path_starts: self.path_starts.clone(),
            picked_path: self.picked_path,
            state_ranges: self.state_ranges.clone(),
            picked_marker: self.picked_marker,
            editor_lines: self.editor_lines.clone(),
            verifying: self.verifying.clone(),
            cancelled: self.cancelled,
        }
    }

    /// Assembles `src` as a program of type `prog_type` (the selector wins
    /// over the `.program` directive).
    pub(crate) fn assemble(src: &str, prog_type: ProgType) -> Result<Program, SrcError> {
        let mut p = asm::assemble(src).map_err(|e| SrcError {
            line: u32::try_from(e.line).unwrap_or(u32::MAX),
            col: u32::try_from(e.col).unwrap_or(u32::MAX),
            message: e.message,
        })?;
        p.prog_type = prog_type;
        Ok(p)
    }

    /// The program to verify (assembled from `src`, or the loaded
    /// object's while the editor holds its disassembly) and the options
    /// the page verifies with; an assembler error is kept for the editor.
    fn prepare(
        &mut self,
        src: &str,
        prog_type: ProgType,
        kernel: KernelProfile,
    ) -> Result<(Program, VerifierOptions, Source), Notice> {
        let linked = self
            .linked
            .then(|| {
                let o = self.elf.as_ref()?;
                let p = o.loaded.get(o.selected)?;
                Some(((**p).clone(), Source::Object(o.bytes.clone(), o.selected)))
            })
            .flatten();
        let assembled = match linked {
            Some((mut p, source)) => {
                p.prog_type = prog_type;
                Ok((p, source))
            }
            None => Self::assemble(src, prog_type).map(|p| (p, Source::Text(src.to_string()))),
        };
        let (p, source) = assembled.map_err(|e| {
            let n = Notice {
                text: format!("line {}, column {}: {}", e.line, e.col, e.message),
                error: true,
            };
            self.asm_error = Some(e);
            n
        })?;
        let opts = VerifierOptions {
            log_level: 2,
            kernel,
            ..VerifierOptions::default()
        };
        Ok((p, opts, source))
    }

    /// Assembles and verifies here; the notice says what happened.
    fn verify_src(
        &mut self,
        src: &str,
        prog_type: ProgType,
        kernel: KernelProfile,
    ) -> Result<Notice, Notice> {
        let (p, opts, _) = self.prepare(src, prog_type, kernel)?;
        let mut report = verifier::verify(&p, &opts);
        trim_log(&mut report);
        let lines = log_lines(&report.log);
        Ok(self.install(Rc::new(p), report, lines))
    }

    /// Keeps the verifier's report on `p` (its log already cut to
    /// [`MAX_LOG`]; `lines` is [`log_lines`] of it); the notice says the
    /// verdict.
    fn install(&mut self, p: Rc<Program>, report: Report, lines: LogLines) -> Notice {
        let n = match &report.message {
            None => Notice {
                text: format!(
                    "Accepted: {}",
                    report
                        .stats
                        .kernel_line(verifier::BPF_COMPLEXITY_LIMIT_INSNS)
                ),
                error: false,
            },
            Some(m) => Notice {
                text: format!(
                    "Rejected at insn {}: {m}",
                    report.insn.map_or_else(|| "?".into(), |i| i.to_string())
                ),
                error: true,
            },
        };
        self.program = Some(p);
        self.insn_views = Rc::new(OnceCell::new());
        self.path_starts = Rc::new(OnceCell::new());
        self.log = Rc::new(lines);
        // Start at the rejected instruction's last log line, or the walk's
        // first step.
        self.inspect = match report.insn {
            Some(t) => self.log.iter().rposition(|(i, _)| *i == Some(t)),
            None => self.log.iter().position(|(i, _)| i.is_some()),
        };
        self.report = Some(Rc::new(report));
        self.stale = false;
        n
    }

    /// Starts a Verify in the worker: the program is assembled here (an
    /// assembler error shows at once, as with [`Engine::apply`]'s Verify),
    /// the verifier runs there; [`Engine::verify_done`] takes its report.
    pub fn start_verify(
        &self,
        src: &str,
        prog_type: ProgType,
        kernel: KernelProfile,
    ) -> (Engine, Notice) {
        let mut fresh = Engine {
            elf: self.elf.clone(),
            linked: self.linked,
            ..Engine::default()
        };
        match fresh.prepare(src, prog_type, kernel) {
            Err(n) => (fresh, n),
            Ok((p, opts, source)) => {
                fresh.verifying = Some(Rc::new(Job {
                    id: next_generation(),
                    program: Rc::new(p),
                    opts,
                    source,
                }));
                let n = Notice {
                    text: "Verifying…".into(),
                    error: false,
                };
                (fresh, n)
            }
        }
    }

    /// The Verify running in the worker.
    pub fn verify_job(&self) -> Option<Rc<Job>> {
        self.verifying.clone()
    }

    /// The worker's report on job `id` (`lines`: [`log_lines`] of its
    /// log); `None` (nothing changes) for another job: a Verify started
    /// after it, an edit, a Cancel.
    pub fn verify_done(
        &self,
        id: u64,
        report: Report,
        lines: LogLines,
    ) -> Option<(Engine, Notice)> {
        let job = self.verifying.as_ref().filter(|j| j.id == id)?;
        let mut fresh = Engine {
            elf: self.elf.clone(),
            linked: self.linked,
            ..Engine::default()
        };
        let n = fresh.install(job.program.clone(), report, lines);
        Some((fresh, n))
    }

    /// Stops the running Verify (the worker had processed `processed`
    /// instructions): nothing verified, and says so.
    pub fn cancel_verify(&self, processed: u64) -> Option<(Engine, Notice)> {
        self.verifying.as_ref()?;
        let fresh = Engine {
            elf: self.elf.clone(),
            linked: self.linked,
            cancelled: Some(processed),
            ..Engine::default()
        };
        let n = Notice {
            text: if processed > 0 {
                format!(
                    "Verify cancelled after {} instructions.",
                    present::thousands(processed)
                )
            } else {
                "Verify cancelled.".into()
            },
            error: false,
        };
        Some((fresh, n))
    }

    /// The worker failed on the running Verify: nothing verified.
    pub fn verify_failed(&self) -> Engine {
        Engine {
            elf: self.elf.clone(),
            linked: self.linked,
            ..Engine::default()
        }
    }

    /// The Verify was cancelled after this many instructions (until the
    /// next Verify or edit).
    pub fn cancelled(&self) -> Option<u64> {
        self.cancelled
    }

    /// True when Step, Run or Continue must verify first (no session yet,
    /// and no report on the text as it is).
    pub fn needs_verify(&self) -> bool {
        self.live.is_none()
            && self.verifying.is_none()
            && (self.program.is_none() || self.report.is_none() || self.stale)
    }

    /// Records the session's current snapshot as what the panels show.
    fn refresh(&mut self, prev: Option<Rc<Snapshot>>, observed_step: bool) {
        let Some(live) = self.live.clone() else {
            return;
        };
        let mut l = live.borrow_mut();
        let Live {
            session,
            extents,
            calls,
            checker,
            ..
        } = &mut *l;
        self.state_ranges = Rc::new(
            checker
                .as_ref()
                .map(|c| c.registers(session.vm()))
                .unwrap_or_default(),
        );
        let cur = session.snapshot();
        if let Some(p) = &prev {
            if cur.steps < p.steps {
                calls.rewind(cur.steps);
            } else if observed_step || cur.steps > p.steps {
                calls.observe(p, cur);
            }
        }
        let view = present::exec_view(session.program(), cur, prev.as_deref(), extents, calls);
        self.pc = Some(cur.pc);
        self.steps = cur.steps;
        self.end = end_text(cur);
        self.exec = Some(Rc::new(view));
        self.prev = prev;
    }

    /// Starts a session over the assembled program, unless one runs.
    fn ensure_session(
        &mut self,
        src: &str,
        prog_type: ProgType,
        packet_hex: &str,
        kernel: KernelProfile,
    ) -> Result<(), Notice> {
        if self.live.is_some() {
            return Ok(());
        }
        if self.program.is_none() || self.report.is_none() || self.stale {
            self.verify_src(src, prog_type, kernel)?;
        }
        let Some(p) = self.program.as_deref().cloned() else {
            return Err(Notice {
                text: "nothing to run".into(),
                error: true,
            });
        };
        let accepted = self.report.as_ref().is_some_and(|r| r.accepted());
        let mut cfg = WorldConfig::default();
        match parse_packet(packet_hex) {
            Ok(Some(bytes)) => cfg.packet = bytes,
            Ok(None) => {}
            Err(e) => {
                return Err(Notice {
                    text: e,
                    error: true,
                })
            }
        }
        // A rejected program runs in unsafe mode: the VM shows the fault the
        // verifier prevented.
        let opts = VmOptions {
            unsafe_mode: !accepted,
            allow_uninit_stack: kernel.allow_uninit_stack(),
            packet_dynptr_data: kernel.packet_dynptr_data(),
            ..VmOptions::default()
        };
        let session = Session::new(p, cfg, opts).map_err(|f| Notice {
            text: format!("cannot start: {f}"),
            error: true,
        })?;
        // The verifier walks the program again, pruning only on full
        // containment, so that every step can be checked against its states.
        let checker = self
            .report
            .as_ref()
            .filter(|r| r.stats.insns_processed <= CHECK_WALK_LIMIT)
            .map(|r| {
                let vopts = VerifierOptions {
                    kernel,
                    ..VerifierOptions::default()
                };
                Checker::for_report(session.program(), &vopts, r)
            });
        let scan = checker
            .as_ref()
            .map(|c| Rc::new(c.first_escape(session.vm(), CHECK_SCAN_STEPS)));
        self.live = Some(Rc::new(RefCell::new(Live {
            session,
            extents: Extents::new(),
            calls: CallHistory::default(),
            checker,
            scan,
        })));
        self.refresh(None, false);
        Ok(())
    }

    fn breakpoint_insns(&self, lines: &BTreeSet<u32>) -> Vec<usize> {
        let Some(p) = &self.program else {
            return Vec::new();
        };
        let mut out: Vec<usize> = Vec::new();
        for l in lines {
            // The first instruction on the line (an ld_imm64's second slot shares it).
            if let Some(i) = p
                .lines
                .iter()
                .position(|loc| loc.is_some_and(|loc| loc.line == *l))
            {
                out.push(i);
            }
        }
        out
    }

    /// The first instruction of each C line with a breakpoint.
    fn c_breakpoint_insns(&self, lines: &BTreeSet<(usize, u32)>) -> Vec<usize> {
        let Some(c) = self.c_source() else {
            return Vec::new();
        };
        lines
            .iter()
            .filter_map(|&(f, l)| c.lines.get(c.find(f, l)?)?.first_insn())
            .collect()
    }

    fn current(&self) -> Option<Rc<Snapshot>> {
        self.live
            .as_ref()
            .map(|l| Rc::new(l.borrow().session.snapshot().clone()))
    }

    /// Runs a toolbar action; returns the new engine state and a message.
    pub fn apply(
        &self,
        action: &Action,
        src: &str,
        prog_type: ProgType,
        packet_hex: &str,
        breakpoints: Breakpoints<'_>,
        kernel: KernelProfile,
    ) -> (Engine, Option<Notice>) {
        let mut next = self.next();
        match action {
            Action::InspectLine(i) => {
                next.inspect = Some(*i);
                next.picked_path = None;
                next.picked_marker = None;
                (next, None)
            }
            Action::InspectPath(p) => {
                if let Some(line) = self.line_of_path(*p) {
                    next.inspect = Some(line);
                    next.picked_path = Some(*p);
                    next.picked_marker = None;
                }
                (next, None)
            }
            Action::InspectProvenance(n) => {
                let step = self
                    .report
                    .as_ref()
                    .and_then(|r| r.provenance.get(n.wrapping_sub(1)));
                if let Some(step) = step {
                    if let Some(line) = self.line_of_step(step) {
                        next.inspect = Some(line);
                    }
                    next.picked_path = step.path.or(self.inspected_path());
                    next.picked_marker = Some(*n);
                }
                (next, None)
            }
            Action::Verify => {
                let mut fresh = Engine {
                    elf: self.elf.clone(),
                    linked: self.linked,
                    ..Engine::default()
                };
                let n = match fresh.verify_src(src, prog_type, kernel) {
                    Ok(n) | Err(n) => n,
                };
                (fresh, Some(n))
            }
            Action::Reset => {
                if let Some(l) = &next.live {
                    let prev = next.current();
                    l.borrow_mut().session.reset();
                    next.refresh(prev, false);
                }
                (next, None)
            }
            Action::Step | Action::StepLine | Action::StepBack | Action::Continue | Action::Run => {
                let had_session = next.live.is_some();
                if let Err(n) = next.ensure_session(src, prog_type, packet_hex, kernel) {
                    return (next, Some(n));
                }
                let unsafe_note = (!had_session && next.rejected()).then(|| Notice {
                    text: "The verifier rejects this program: it runs in unsafe mode, to show what the kernel prevents.".into(),
                    error: false,
                });
                let Some(live) = next.live.clone() else {
                    return (next, None);
                };
                let prev = next.current();
                let finished = live.borrow().session.finished();
                let mut notice = None;
                match action {
                    Action::Step if finished => {
                        notice = Some(Notice {
                            text: "The program has ended: Step back or Reset.".into(),
                            error: false,
                        });
                    }
                    Action::Step => {
                        live.borrow_mut().session.step();
                    }
                    Action::StepLine if finished => {
                        notice = Some(Notice {
                            text: "The program has ended: Step back or Reset.".into(),
                            error: false,
                        });
                    }
                    Action::StepLine => {
                        live.borrow_mut().session.step_line();
                    }
                    Action::StepBack => {
                        live.borrow_mut().session.step_back();
                    }
                    Action::Continue => {
                        let mut bps = next.breakpoint_insns(breakpoints.asm);
                        bps.extend(next.c_breakpoint_insns(breakpoints.c));
                        live.borrow_mut().session.continue_to(&bps);
                    }
                    _ => {
                        // Run: in chunks, so that the page can draw progress and Stop.
                        next.running = !finished;
                    }
                }
                next.refresh(prev, matches!(action, Action::Step | Action::StepLine));
                (next, notice.or(unsafe_note))
            }
            _ => (next, None),
        }
    }

    /// One chunk of a Run; stops when the program ends.
    pub fn run_chunk(&self) -> Engine {
        let mut next = self.next();
        let Some(live) = next.live.clone() else {
            return next;
        };
        let prev = next.current();
        {
            let mut l = live.borrow_mut();
            let start = now_ms();
            loop {
                let target = l.session.history_len() + RUN_CHUNK;
                l.session.goto(target);
                if l.session.finished() || now_ms() - start >= RUN_SLICE_MS {
                    break;
                }
            }
            next.running = !l.session.finished();
        }
        next.refresh(prev, false);
        next
    }

    /// Stops a Run.
    pub fn stop(&self) -> Engine {
        self.next()
    }

    /// Loads a clang object: the disassembly of its first program, its type, and the engine state.
    pub fn load_elf(bytes: &[u8]) -> Result<(String, ProgType, Engine), String> {
        let progs = elf::load(bytes).map_err(|e| e.to_string())?;
        let c = progs.iter().map(|p| CSource::of(p).map(Rc::new)).collect();
        let loaded = progs.iter().cloned().map(Rc::new).collect();
        let programs: Vec<(String, ProgType, String)> = progs
            .iter()
            .map(|p| {
                // The editing form: jumps to labels by name, so the text
                // reads (and edits) like hand-written assembly.
                let style = asm::DisasmOptions {
                    style: asm::DisasmStyle::Labels,
                };
                (p.name.clone(), p.prog_type, asm::disassemble_with(p, style))
            })
            .collect();
        let (_, t, text) = programs
            .first()
            .cloned()
            .ok_or_else(|| "the object holds no program".to_string())?;
        let engine = Engine {
            elf: Some(Rc::new(ElfObject {
                programs,
                loaded,
                c,
                bytes: Rc::from(bytes),
                selected: 0,
            })),
            linked: true,
            ..Engine::default()
        };
        Ok((text, t, engine))
    }

    /// Picks another program of the loaded object.
    pub fn select_prog(&self, i: usize) -> Option<(String, ProgType, Engine)> {
        let obj = self.elf.as_ref()?;
        let (_, t, text) = obj.programs.get(i)?.clone();
        let mut o = (**obj).clone();
        o.selected = i;
        Some((
            text,
            t,
            Engine {
                elf: Some(Rc::new(o)),
                linked: true,
                ..Engine::default()
            },
        ))
    }

    /// The programs of a loaded object: (name, selected).
    pub fn elf_programs(&self) -> Vec<(String, bool)> {
        self.elf
            .as_ref()
            .map(|o| {
                o.programs
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.0.clone(), i == o.selected))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The C source of the program in the editor: a clang object's program
    /// with line info, while the editor holds its disassembly unchanged.
    pub fn c_source(&self) -> Option<Rc<CSource>> {
        if !self.linked {
            return None;
        }
        let o = self.elf.as_ref()?;
        o.c.get(o.selected)?.clone()
    }

    /// Which loaded object the engine's programs come from (the same for
    /// each of its programs), to tell a newly opened object.
    pub fn object_key(&self) -> Option<usize> {
        let o = self.elf.as_ref()?;
        o.loaded.first().map(|p| Rc::as_ptr(p) as usize)
    }

    /// The instruction about to execute, while the program runs.
    pub fn current_insn(&self) -> Option<usize> {
        if self.end.is_some() {
            return None;
        }
        self.pc
    }

    /// The instruction the verifier rejected, with its message.
    pub fn rejected_insn(&self) -> Option<(usize, String)> {
        let r = self.report.as_ref()?;
        Some((r.insn?, r.message.clone()?))
    }

    /// The instruction where the run faulted, with the fault.
    pub fn fault_insn(&self) -> Option<(usize, String)> {
        let live = self.live.as_ref()?;
        let l = live.borrow();
        let RunState::Faulted { fault } = &l.session.snapshot().state else {
            return None;
        };
        Some((fault.insn, format!("fault: {}", fault.kind)))
    }

    /// The session's step count goes to `n` (forward or back): the compare
    /// view's Back undoes a Step line of both sides at once.
    pub fn goto_steps(&self, n: u64) -> Engine {
        let mut next = self.next();
        if let Some(live) = next.live.clone() {
            let prev = next.current();
            live.borrow_mut().session.goto(n);
            next.refresh(prev, false);
        }
        next
    }

    /// The kernel's closing statistics line and the verifier's message.
    pub fn report_summary(&self) -> Option<(bool, Option<String>, u64)> {
        let r = self.report.as_ref()?;
        Some((r.accepted(), r.message.clone(), r.stats.insns_processed))
    }

    /// The program that was verified (for the compare view's listings).
    pub fn program(&self) -> Option<Rc<Program>> {
        self.program.clone()
    }

    /// True when the last Verify rejected the program (or it did not assemble).
    pub fn rejected(&self) -> bool {
        self.asm_error.is_some() || self.report.as_ref().is_some_and(|r| !r.accepted())
    }

    /// The line of the instruction the verifier rejected, with its message.
    pub fn rejection(&self) -> Option<(u32, String)> {
        let r = self.report.as_ref()?;
        Some((r.line?, r.message.clone()?))
    }

    /// The line where the run faulted, with the fault (unsafe mode shows
    /// what the verifier prevented).
    pub fn fault_line(&self) -> Option<(u32, String)> {
        let live = self.live.as_ref()?;
        let l = live.borrow();
        let RunState::Faulted { fault } = &l.session.snapshot().state else {
            return None;
        };
        let line = self.program.as_ref()?.line_of(fault.insn)?.line;
        Some((line, format!("fault: {}", fault.kind)))
    }

    /// The source line of the instruction about to execute.
    pub fn current_line(&self) -> Option<u32> {
        let p = self.program.as_ref()?;
        if self.end.is_some() {
            return None;
        }
        p.line_of(self.pc?).map(|l| l.line)
    }

    /// What the execution panels show at the current step.
    pub fn exec(&self) -> Option<Rc<ExecView>> {
        self.exec.clone()
    }

    /// True once Step/Run/Continue started a session.
    pub fn has_session(&self) -> bool {
        self.live.is_some()
    }

    /// The index of the instruction about to execute.
    pub fn pc(&self) -> Option<usize> {
        self.pc
    }

    /// Steps executed so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// How the run ended (`exited, r0 = 2`, `fault at insn 7: ...`).
    pub fn exit_text(&self) -> Option<String> {
        self.end.clone()
    }

    /// `accepted` or `rejected: <message>`.
    pub fn verdict_text(&self) -> Option<String> {
        if let Some(e) = &self.asm_error {
            return Some(format!(
                "does not assemble: line {}, column {}: {}",
                e.line, e.col, e.message
            ));
        }
        let r = self.report.as_ref()?;
        Some(match &r.message {
            None => "accepted".to_string(),
            Some(m) => format!("rejected: {}", m.trim_end().replace('\n', " ")),
        })
    }

    /// The verifier log, each line with the instruction it speaks of.
    pub fn log_lines(&self) -> Rc<Vec<(Option<usize>, String)>> {
        self.log.clone()
    }

    /// The kernel's closing statistics line.
    pub fn stats_line(&self) -> Option<String> {
        self.report
            .as_ref()
            .map(|r| r.stats.kernel_line(verifier::BPF_COMPLEXITY_LIMIT_INSNS))
    }

    /// The assembled program's instructions, for the bytecode panel.
    pub fn bytecode(&self) -> Option<Rc<Vec<InsnView>>> {
        let p = self.program.as_ref()?;
        Some(
            self.insn_views
                .get_or_init(|| Rc::new(Self::insn_views(p)))
                .clone(),
        )
    }

    fn insn_views(p: &Program) -> Vec<InsnView> {
        // One disassembly of the whole program (formatting instruction by
        // instruction plans the program again each time).
        let texts = asm::format_insns(p);
        p.insns
            .iter()
            .enumerate()
            .map(|(idx, i)| {
                let call = i.is_call().then(|| match i.src_reg {
                    0 => format!("helper #{}", i.imm),
                    1 => format!("bpf-to-bpf call, {:+} slots", i.imm),
                    2 => format!("kfunc · src_reg 2 · BTF id {}", i.imm),
                    s => format!("src_reg {s}"),
                });
                crate::view::InsnView {
                    idx,
                    bytes: i
                        .to_bytes()
                        .iter()
                        .map(|b| format!("{b:02x}"))
                        .collect::<Vec<_>>()
                        .join(" "),
                    fields: (i.code, i.dst_reg, i.src_reg, i.off, i.imm),
                    text: texts.get(idx).cloned().unwrap_or_default(),
                    call,
                }
            })
            .collect()
    }

    /// The instruction whose abstract state is shown.
    pub fn inspected(&self) -> Option<usize> {
        self.log.get(self.inspect?)?.0
    }

    /// The log line being looked at.
    pub fn inspected_line(&self) -> Option<usize> {
        self.inspect
    }

    /// The walk steps (log lines naming an instruction) before and after
    /// the one looked at, and its position: (prev, next, k, of).
    pub fn walk_nav(&self) -> (Option<usize>, Option<usize>, usize, usize) {
        let steps: Vec<usize> = self
            .log
            .iter()
            .enumerate()
            .filter(|(_, (i, _))| i.is_some())
            .map(|(n, _)| n)
            .collect();
        let Some(cur) = self.inspect else {
            return (None, steps.first().copied(), 0, steps.len());
        };
        let k = steps.partition_point(|n| *n < cur);
        let prev = k.checked_sub(1).and_then(|j| steps.get(j)).copied();
        let next = steps
            .get(if steps.get(k) == Some(&cur) { k + 1 } else { k })
            .copied();
        (prev, next, k + 1, steps.len())
    }

    /// The explanation of a rejection, one line per part: the rule, each
    /// numbered step of the provenance chain (starting with ①, ②, ...),
    /// what they add up to, and the fix.
    pub fn explanation(&self) -> Vec<String> {
        self.report
            .as_ref()
            .and_then(|r| r.explanation.as_deref())
            .map(verifier::explain::display_lines)
            .unwrap_or_default()
    }

    /// Each register beside what the verifier knew of it at the current
    /// step (empty before a run, or when the walk was too long to repeat).
    pub fn state_ranges(&self) -> Rc<Vec<RegCheck>> {
        self.state_ranges.clone()
    }

    /// The run's first escape from the verifier's states, as far as the
    /// page looked; `None` before a run or without the states.
    pub fn state_scan(&self) -> Option<Rc<Scan>> {
        self.live.as_ref().and_then(|l| l.borrow().scan.clone())
    }

    /// The verifier's report (its exploration tree in `paths`) and the log
    /// line where each path begins (empty when the log does not align).
    pub fn vtree(&self) -> Option<(Rc<Report>, Rc<Vec<usize>>)> {
        let r = self.report.clone()?;
        Some((r, self.path_starts()))
    }

    /// The log line where each path begins: the walk's first line, then
    /// each `from X to Y:` line (one per path popped off the stack, in the
    /// walk order the path indexes follow). Empty when the log does not
    /// line up with the tree (several roots, a cut log).
    fn path_starts(&self) -> Rc<Vec<usize>> {
        self.path_starts
            .get_or_init(|| {
                let Some(r) = &self.report else {
                    return Rc::new(Vec::new());
                };
                let roots = r.paths.iter().filter(|p| p.parent.is_none()).count();
                let mut starts = vec![0];
                starts.extend(
                    self.log
                        .iter()
                        .enumerate()
                        .filter(|(_, (_, l))| l.starts_with("from "))
                        .map(|(n, _)| n),
                );
                if roots != 1 || starts.len() < r.paths.len() {
                    starts.clear();
                }
                Rc::new(starts)
            })
            .clone()
    }

    /// The path of the exploration tree whose log the inspected line is in.
    pub fn inspected_path(&self) -> Option<usize> {
        if self.picked_path.is_some() {
            return self.picked_path;
        }
        let line = self.inspect?;
        let starts = self.path_starts();
        let n = self.report.as_ref()?.paths.len();
        let k = starts.partition_point(|s| *s <= line).checked_sub(1)?;
        (k < n).then_some(k)
    }

    /// The log line of a path's last instruction: in the path's own part
    /// of the log, else the last line of that instruction before it (a
    /// pruned path shows the state that covered it), else any.
    fn line_of_path(&self, p: usize) -> Option<usize> {
        let path = self.report.as_ref()?.paths.get(p)?;
        let insn = Some(vpath_last_insn(path));
        let starts = self.path_starts();
        let end = starts.get(p + 1).copied().unwrap_or(self.log.len());
        if let Some(&start) = starts.get(p) {
            if let Some(k) = self.log[start..end].iter().rposition(|(i, _)| *i == insn) {
                return Some(start + k);
            }
            if let Some(k) = self.log[..end].iter().rposition(|(i, _)| *i == insn) {
                return Some(k);
            }
        }
        self.log.iter().rposition(|(i, _)| *i == insn)
    }

    /// The numbered markers of the rejection's provenance chain.
    pub fn provenance(&self) -> Vec<ProvMarker> {
        self.report
            .as_ref()
            .map(|r| {
                r.provenance
                    .iter()
                    .enumerate()
                    .map(|(i, s)| ProvMarker {
                        n: i + 1,
                        insn: s.insn,
                        role: s.role.name(),
                        text: s.text.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The provenance marker last clicked, while its state is shown.
    pub fn picked_marker(&self) -> Option<usize> {
        self.picked_marker
    }

    /// The line of the editor's text that holds instruction `insn`: the
    /// program's own line for assembly; for a clang object's disassembly,
    /// its line in that text (the program's lines are C lines).
    pub fn editor_line_of(&self, insn: usize) -> Option<u32> {
        let p = self.program.as_ref()?;
        if !self.linked {
            return p.line_of(insn).map(|l| l.line);
        }
        let lines = self.editor_lines.get_or_init(|| {
            let text = self
                .elf
                .as_ref()
                .and_then(|o| o.programs.get(o.selected))
                .map(|(_, _, t)| t.as_str())
                .unwrap_or_default();
            Rc::new(
                asm::assemble(text)
                    .map(|a| a.lines.iter().map(|l| l.map(|l| l.line)).collect())
                    .unwrap_or_default(),
            )
        });
        lines.get(insn).copied().flatten()
    }

    /// The editor's line of an unsafe run's fault, else of the rejected
    /// instruction, with the message ([`Engine::editor_line_of`]: a clang
    /// object's disassembly has its own lines).
    pub fn editor_rejection(&self) -> Option<(u32, String)> {
        let (insn, msg) = self.fault_insn().or_else(|| self.rejected_insn())?;
        Some((self.editor_line_of(insn)?, msg))
    }

    /// The editor's line of the instruction about to execute.
    pub fn editor_current_line(&self) -> Option<u32> {
        if self.end.is_some() {
            return None;
        }
        self.editor_line_of(self.pc?)
    }

    /// The log line of a provenance step: its instruction's line in the
    /// part of the log of the path it happened on (its `visit`-th there),
    /// else the last line of that instruction before the rejection.
    fn line_of_step(&self, step: &verifier::ProvStep) -> Option<usize> {
        let insn = Some(step.insn);
        let starts = self.path_starts();
        if let Some(p) = step.path {
            if let Some(&start) = starts.get(p) {
                let end = starts.get(p + 1).copied().unwrap_or(self.log.len());
                let here: Vec<usize> = (start..end)
                    .filter(|&n| {
                        self.log[n].0 == insn
                            && self.log[n]
                                .1
                                .split_once(": ")
                                .is_some_and(|(_, t)| t.starts_with('('))
                    })
                    .collect();
                if let Some(&n) = here.get(step.visit).or(here.last()) {
                    return Some(n);
                }
                if let Some(k) = self.log[start..end].iter().rposition(|(i, _)| *i == insn) {
                    return Some(start + k);
                }
            }
        }
        self.log.iter().rposition(|(i, _)| *i == insn)
    }

    /// The abstract states at the inspected instruction, as lines.
    pub fn inspected_state(&self) -> Option<(usize, Vec<String>)> {
        let r = self.report.as_ref()?;
        let insn = self.inspected()?;
        let text = self
            .program
            .as_ref()
            .map(|p| asm::format_insn(p, insn))
            .unwrap_or_default();
        let mut lines = vec![format!("{insn}: {text}")];
        match r.states.iter().find(|s| s.insn == insn) {
            None => lines.push("the verifier never reached this instruction".into()),
            Some(st) => {
                for (i, s) in st.states.iter().enumerate() {
                    if st.states.len() > 1 {
                        lines.push(format!("— path state {} of {}", i + 1, st.states.len()));
                    }
                    lines.extend(state_lines(s));
                }
            }
        }
        Some((insn, lines))
    }
}

/// A path's last instruction: where it ended, or the last it walked.
pub fn vpath_last_insn(p: &verifier::vtree::VPath) -> usize {
    use verifier::vtree::PathEnd;
    match &p.end {
        PathEnd::Exit { insn }
        | PathEnd::Pruned { insn, .. }
        | PathEnd::Limit { insn }
        | PathEnd::Error { insn, .. } => *insn,
        PathEnd::Unfinished => p.runs.last().map_or(p.start, |r| r[1]),
    }
}

/// Bytes of verifier log the page keeps (head and tail).
const MAX_LOG: usize = 400_000;

/// Cuts a long log to its head and its end, [`MAX_LOG`] bytes in all: a
/// long loop logs every instruction of every iteration (the worker cuts it
/// before sending the report to the page).
pub fn trim_log(report: &mut Report) {
    if report.log.len() > MAX_LOG {
        let head_end = report.log[..MAX_LOG / 2].rfind('\n').unwrap_or(0);
        let tail_start = report.log.len() - MAX_LOG / 2;
        let tail_start = report.log[tail_start..]
            .find('\n')
            .map_or(tail_start, |i| tail_start + i + 1);
        let cut = tail_start - head_end;
        report.log = format!(
            "{}\n... {cut} bytes of log not shown ...\n{}",
            &report.log[..head_end],
            &report.log[tail_start..]
        );
    }
}

/// The verifier log, each line with the instruction it speaks of.
pub type LogLines = Vec<(Option<usize>, String)>;

/// Splits a log into lines, each with the instruction it speaks of.
pub fn log_lines(log: &str) -> LogLines {
    log.lines().map(|l| (log_insn(l), l.to_string())).collect()
}

/// The instruction a kernel log line speaks of: `12: (85) call ...` or
/// `12: R0=...` (state lines at level 2).
fn log_insn(line: &str) -> Option<usize> {
    let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || !line[digits.len()..].starts_with(':') {
        return None;
    }
    digits.parse().ok()
}

/// An abstract state as the verifier panel lists it.
fn state_lines(s: &StateSnapshot) -> Vec<String> {
    let mut out = Vec::new();
    for f in &s.frames {
        let head = match f.callsite {
            Some(c) => format!(
                "frame#{} {} (called at insn {c}{})",
                f.frameno,
                f.func,
                if f.in_callback { ", callback" } else { "" }
            ),
            None => format!("frame#{} {}", f.frameno, f.func),
        };
        out.push(head);
        let regs: Vec<String> = f
            .regs
            .iter()
            .map(|r| {
                // The C names DWARF gives: the variable the register holds,
                // or the one a stack pointer points into.
                let name = match (&r.var, &r.points_to) {
                    (Some(v), _) => format!(" ({v})"),
                    (None, Some(p)) => format!(" (&{p})"),
                    (None, None) => String::new(),
                };
                format!("R{}={}{name}", r.regno, r.text)
            })
            .collect();
        if !regs.is_empty() {
            out.push(format!("  {}", regs.join(" ")));
        }
        for slot in &f.stack {
            let what = match (&slot.dynptr, &slot.spilled) {
                (Some(d), _) => format!(
                    "dynptr_{}{}{}",
                    d.kind.name(),
                    if d.ref_obj_id != 0 {
                        format!(" ref_obj_id={}", d.ref_obj_id)
                    } else {
                        String::new()
                    },
                    if d.first_slot { " (first slot)" } else { "" }
                ),
                (None, Some(sp)) => format!("spilled {sp}"),
                (None, None) => format!("{:?}", slot.kind).to_lowercase(),
            };
            let name = slot
                .var
                .as_ref()
                .or(slot.dynptr.as_ref().and_then(|d| d.var.as_ref()))
                .map(|v| format!(" ({v})"))
                .unwrap_or_default();
            out.push(format!("  fp{}{name}: {} {}", slot.off, slot.types, what));
        }
        if !f.refs.is_empty() {
            let refs: Vec<String> = f
                .refs
                .iter()
                .map(|r| format!("id={} (insn {})", r.id, r.insn))
                .collect();
            out.push(format!("  refs: {}", refs.join(", ")));
        }
    }
    out
}

/// The catalog entry a word of the editor names: a helper or kfunc name,
/// or a helper number after `call`.
pub fn doc_for(word: &str, after_call: bool) -> Option<&'static FuncDef> {
    if after_call {
        if let Ok(n) = word.parse::<u32>() {
            return catalog::helper(n);
        }
    }
    catalog::by_name(word)
}

/// True when `word` names a helper or kfunc.
pub fn is_func(word: &str) -> bool {
    word.starts_with("bpf_") && catalog::by_name(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::{log_insn, parse_packet, Engine};
    use crate::state::Action;
    use dynptr_play::program::ProgType;
    use dynptr_play::verifier::KernelProfile;

    /// Forks at insns 2 and 6; path 1 is pruned at insn 10 by path 0's
    /// state; path 2 fails at insn 15.
    const FORKS: &str = "\
    call bpf_get_prandom_u32
    r6 = r0
    if r6 == 7 goto bad
    r1 = 1
    r2 = 2
    r3 = 3
    if r6 > 10 goto join
    r1 = 4
    r2 = 5
    r3 = 6
join:
    r0 = 0
    r0 += r1
    r0 += r2
    r0 += r3
    exit
bad:
    r0 = *(u64 *)(r4 + 0)
    exit
";

    fn act(e: &Engine, a: Action) -> Engine {
        let bps = super::Breakpoints {
            asm: &Default::default(),
            c: &Default::default(),
        };
        e.apply(
            &a,
            FORKS,
            ProgType::Syscall,
            "",
            bps,
            KernelProfile::default(),
        )
        .0
    }

    #[test]
    fn tree_paths_map_to_their_log_lines() {
        let e = act(&Engine::default(), Action::Verify);
        let (r, starts) = e.vtree().expect("verified");
        assert_eq!(r.paths.len(), 3);
        assert_eq!(starts.len(), 3, "one log part per path");
        // The page opens at the rejection, on the failing path.
        assert_eq!(e.inspected(), Some(15));
        assert_eq!(e.inspected_path(), Some(2));
        let e = act(&e, Action::InspectPath(0));
        assert_eq!((e.inspected(), e.inspected_path()), (Some(14), Some(0)));
        // The pruned path shows the state that covered it, and stays picked.
        let e = act(&e, Action::InspectPath(1));
        assert_eq!((e.inspected(), e.inspected_path()), (Some(10), Some(1)));
        // A log line picks the path whose part of the log it is in.
        let line = e.inspected_line().unwrap();
        let e = act(&e, Action::InspectLine(line));
        assert_eq!(e.inspected_path(), Some(0));
    }

    /// A reservation (insn 6) leaked on the branch's taken side (insn 7):
    /// path 0 submits and exits, path 1 returns at insn 15 with it held.
    const LEAK: &str = "\
.program leak syscall
.map rb ringbuf max_entries=4096
    r1 = rb ll
    r2 = 8
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_ringbuf_reserve_dynptr
    if r0 != 0 goto fail
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = 0
    exit
fail:
    r0 = 1
    exit
";

    fn act_on(e: &Engine, src: &str, a: Action) -> Engine {
        let bps = super::Breakpoints {
            asm: &Default::default(),
            c: &Default::default(),
        };
        e.apply(
            &a,
            src,
            ProgType::Syscall,
            "",
            bps,
            KernelProfile::default(),
        )
        .0
    }

    #[test]
    fn provenance_markers_show_their_state_log_line_and_path() {
        let e = act_on(&Engine::default(), LEAK, Action::Verify);
        let m: Vec<(usize, usize, &str)> = e
            .provenance()
            .iter()
            .map(|m| (m.n, m.insn, m.role))
            .collect();
        assert_eq!(
            m,
            [(1, 6, "created"), (2, 7, "branch"), (3, 15, "rejected")]
        );
        // Each marker sits on its instruction's line of the text.
        let line = |needle: &str| {
            LEAK.lines()
                .position(|l| l.contains(needle))
                .map(|i| i as u32 + 1)
        };
        assert_eq!(e.editor_line_of(6), line("call bpf_ringbuf_reserve_dynptr"));
        assert_eq!(e.editor_line_of(7), line("if r0 != 0 goto fail"));
        // The rejected `exit` is the text's last line.
        assert_eq!(
            e.editor_rejection().map(|r| r.0),
            Some(LEAK.lines().count() as u32)
        );
        let (_, starts) = e.vtree().expect("verified");
        assert_eq!(starts.len(), 2, "one log part per path");
        // The creation happened on path 0: its log line there.
        let e = act_on(&e, LEAK, Action::InspectProvenance(1));
        assert_eq!(e.inspected(), Some(6));
        assert_eq!(e.inspected_path(), Some(0));
        assert_eq!(e.picked_marker(), Some(1));
        let l = e.inspected_line().expect("a log line");
        assert!(l < starts[1], "in path 0's part of the log");
        assert!(e.log_lines()[l]
            .1
            .starts_with("6: (85) call bpf_ringbuf_reserve_dynptr"));
        let (insn, state) = e.inspected_state().expect("a state");
        assert_eq!(insn, 6);
        assert!(state.iter().any(|s| s.contains("R4=fp-16")), "{state:?}");
        // The rejection on path 1.
        let e = act_on(&e, LEAK, Action::InspectProvenance(3));
        assert_eq!((e.inspected(), e.inspected_path()), (Some(15), Some(1)));
        assert!(e.inspected_line().expect("a log line") >= starts[1]);
        // A log line unpicks the marker; a marker that does not exist is ignored.
        let e = act_on(&e, LEAK, Action::InspectLine(0));
        assert_eq!(e.picked_marker(), None);
        let f = act_on(&e, LEAK, Action::InspectProvenance(9));
        assert_eq!(
            (f.picked_marker(), f.inspected_line()),
            (None, e.inspected_line())
        );
        // The explanation lists the same numbers.
        let ex = e.explanation();
        assert!(ex.iter().any(|l| l.starts_with("① insn 6: ")), "{ex:?}");
        assert!(ex.iter().any(|l| l.starts_with("③ insn 15: ")), "{ex:?}");
    }

    /// The worker's way (assembled here, verified there, the report sent
    /// back in parts) shows the page what verifying here shows.
    #[test]
    fn a_verify_in_the_worker_shows_what_one_here_shows() {
        let here = act(&Engine::default(), Action::Verify);
        let (started, _) =
            Engine::default().start_verify(FORKS, ProgType::Syscall, KernelProfile::default());
        let job = started.verify_job().expect("a job");
        assert_eq!(started.verdict_text(), None, "no verdict while it runs");
        assert!(!started.needs_verify(), "Step waits for it, not another");
        let mut parts = Vec::new();
        let mut report = dynptr_play::verifier::verify(&job.program, &job.opts);
        super::trim_log(&mut report);
        crate::worker::split::<String>(report, |k, v| {
            parts.push((k.to_string(), v));
            Ok(())
        })
        .expect("splits");
        let mut a = crate::worker::Assembly::default();
        let verified = parts
            .iter()
            .find_map(|(k, v)| a.add(k, v).expect("parses"))
            .expect("done");
        let (there, notice) = started
            .verify_done(job.id, verified.report, verified.lines)
            .expect("the running job's report");
        assert!(notice.error && notice.text.starts_with("Rejected at insn 15"));
        assert_eq!(there.verdict_text(), here.verdict_text());
        assert_eq!(there.log_lines(), here.log_lines());
        assert_eq!(there.inspected(), here.inspected());
        assert_eq!(there.inspected_path(), Some(2));
        assert_eq!(
            there.vtree().map(|(r, _)| r.paths.clone()),
            here.vtree().map(|(r, _)| r.paths.clone())
        );
        // An edit drops the job (the page then stops the worker).
        assert!(started.text_edited("r0 = 0\nexit\n").verify_job().is_none());
    }

    #[test]
    fn log_lines_link_to_instructions() {
        assert_eq!(log_insn("12: (85) call bpf_dynptr_read#201"), Some(12));
        assert_eq!(log_insn("0: R1=ctx() R10=fp0"), Some(0));
        assert_eq!(log_insn("processed 12 insns"), None);
        assert_eq!(log_insn("from 4 to 7: R0=0"), None);
    }

    #[test]
    fn packets_parse_as_hex_with_spaces() {
        assert_eq!(parse_packet(" 00ff\n1a "), Ok(Some(vec![0, 0xff, 0x1a])));
        assert_eq!(parse_packet("  "), Ok(None));
        assert!(parse_packet("abc").is_err());
        assert!(parse_packet("zz").is_err());
    }
}

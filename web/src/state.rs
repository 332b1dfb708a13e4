//! The page's state, in one place: a reducer that every component reads
//! and dispatches actions to. Engine work (assembling, verifying, stepping)
//! happens in `engine`; this module decides what the page shows.

use std::collections::BTreeSet;
use std::rc::Rc;

use dynptr_play::program::ProgType;
use dynptr_play::verifier::KernelProfile;
use yew::prelude::*;

use crate::compare::{Compare, CompareAction};
use crate::engine::{Breakpoints, Engine};
use crate::examples;
use crate::share::Shared;
use crate::storage::{self, Draft};
use crate::worker::{self, Verified};

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on light background.
    Light,
    /// Light text on dark background.
    Dark,
}

impl Theme {
    /// The `data-theme` value.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// The tabs of the lower panel area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Verdict, kernel log, explanation, abstract state.
    Verifier,
    /// The stack frames as 8-byte slots.
    Stack,
    /// The packet in hex and ASCII.
    Packet,
    /// The ring buffer.
    Ringbuf,
    /// bpf-to-bpf frames and callbacks.
    Calls,
    /// Maps, globals and `bpf_trace_printk` output.
    Maps,
    /// The encoded instructions.
    Bytecode,
}

impl Tab {
    /// Every tab in display order.
    pub const ALL: [Tab; 7] = [
        Tab::Verifier,
        Tab::Stack,
        Tab::Packet,
        Tab::Ringbuf,
        Tab::Calls,
        Tab::Maps,
        Tab::Bytecode,
    ];

    /// The label on the tab.
    pub fn label(self) -> &'static str {
        match self {
            Tab::Verifier => "Verifier",
            Tab::Stack => "Stack",
            Tab::Packet => "Packet",
            Tab::Ringbuf => "Ring buffer",
            Tab::Calls => "Call stack",
            Tab::Maps => "Maps & output",
            Tab::Bytecode => "Bytecode",
        }
    }

    /// The short id used in URLs (`?embed&panel=ringbuf`) and the index.
    pub fn id(self) -> &'static str {
        match self {
            Tab::Verifier => "verifier",
            Tab::Stack => "stack",
            Tab::Packet => "packet",
            Tab::Ringbuf => "ringbuf",
            Tab::Calls => "calls",
            Tab::Maps => "maps",
            Tab::Bytecode => "bytecode",
        }
    }

    /// From an id.
    pub fn from_id(id: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.id() == id)
    }
}

/// A message for the user, shown in the status bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// True for problems.
    pub error: bool,
}

/// Everything the page shows.
#[derive(Clone, PartialEq)]
pub struct State {
    /// The program text in the editor.
    pub src: String,
    /// The program type (from `.program` or the selector).
    pub prog_type: ProgType,
    /// The kernel profile the verifier imitates (the selector beside the
    /// program type; kept in drafts and share links).
    pub kernel: KernelProfile,
    /// The input packet as hex (empty: the default packet).
    pub packet_hex: String,
    /// The example the text came from.
    pub example: Option<String>,
    /// True once the user changed the text since it was loaded.
    pub dirty: bool,
    /// Breakpoints, as source lines.
    pub breakpoints: BTreeSet<u32>,
    /// Breakpoints on C lines of the C view: (file index, line).
    pub c_breakpoints: BTreeSet<(usize, u32)>,
    /// The C view's toggle: show the plain disassembly instead.
    pub show_asm: bool,
    /// The compare view of a paired lesson, when open.
    pub compare: Option<Rc<Compare>>,
    /// Theme.
    pub theme: Theme,
    /// The selected lower tab.
    pub tab: Tab,
    /// The keyboard help overlay is open.
    pub help_open: bool,
    /// The last message.
    pub notice: Option<Notice>,
    /// A program that an example or a link replaced, kept until restored or dismissed.
    pub stash: Option<Draft>,
    /// False when the browser refused to save the draft.
    pub saved: bool,
    /// Assembled program, verifier report and execution session.
    pub engine: Rc<Engine>,
    /// Step controls pressed while the verifier works, in order.
    pub queued: Vec<Queued>,
}

/// What can happen to the page.
pub enum Action {
    /// The user typed in the editor.
    Edit(String),
    /// The program type selector changed.
    SetProgType(ProgType),
    /// The kernel profile selector changed.
    SetKernel(KernelProfile),
    /// An example was chosen.
    LoadExample(String),
    /// A share link was opened.
    LoadShared(Shared),
    /// A text file was opened.
    OpenText(String, String),
    /// An object file was opened.
    OpenElf(String, Vec<u8>),
    /// The program of a multi-program object was chosen.
    SelectProg(usize),
    /// Put the stashed program back.
    RestoreStash,
    /// Forget the stashed program.
    DismissStash,
    /// A gutter click.
    ToggleBreakpoint(u32),
    /// A click in the C view's gutter: (file index, line).
    ToggleCBreakpoint(usize, u32),
    /// The C view / disassembly toggle (true: disassembly).
    ShowAsm(bool),
    /// Open the compare view of the current example and its pair.
    OpenCompare,
    /// Close the compare view.
    CloseCompare,
    /// A step control of the compare view, applied to both sides.
    CompareStep(CompareAction),
    /// Theme toggle.
    SetTheme(Theme),
    /// Tab click.
    SetTab(Tab),
    /// Help overlay.
    ToggleHelp,
    /// Esc: close the help overlay, if open; else cancel a running Verify.
    CloseHelp,
    /// The packet input changed.
    SetPacket(String),
    /// Show a message.
    Notify(String, bool),
    /// Toolbar: verify.
    Verify,
    /// Toolbar: run to the end (Stop while a run is in progress).
    Run,
    /// The next chunk of a run in progress.
    RunChunk,
    /// Stop a run in progress.
    Stop,
    /// Go to a step of the run (the first escape's "Go to step").
    GotoStep(u64),
    /// Toolbar: one instruction.
    Step,
    /// Toolbar: to the next C line, over calls.
    StepLine,
    /// Toolbar: undo one instruction.
    StepBack,
    /// Toolbar: run to a breakpoint or the end.
    Continue,
    /// Toolbar: back to the first instruction.
    Reset,
    /// Show the verifier's walk at a line of its log (and the abstract
    /// state at that line's instruction).
    InspectLine(usize),
    /// Show the last instruction of a path of the verifier's exploration
    /// tree (its log line, and the abstract state there).
    InspectPath(usize),
    /// A click on a numbered marker of the rejection's provenance chain
    /// (1-based): the Verifier tab shows the abstract state at its
    /// instruction, its log line and its path.
    InspectProvenance(usize),
    /// Toolbar: stop the Verify running in the worker.
    CancelVerify,
    /// The worker's report on a Verify: (job, report).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    VerifyDone(u64, Box<Verified>),
    /// A Verify the worker did not finish: (job, why, verify it here
    /// instead: the worker could not start).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    VerifyFailed(u64, String, bool),
}

/// A step control pressed while the verifier works: it runs once the
/// verdict is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queued {
    /// Run.
    Run,
    /// Step.
    Step,
    /// Step line.
    StepLine,
    /// Step back.
    StepBack,
    /// Continue.
    Continue,
    /// Reset.
    Reset,
}

impl Queued {
    fn of(a: &Action) -> Option<Queued> {
        Some(match a {
            Action::Run => Queued::Run,
            Action::Step => Queued::Step,
            Action::StepLine => Queued::StepLine,
            Action::StepBack => Queued::StepBack,
            Action::Continue => Queued::Continue,
            Action::Reset => Queued::Reset,
            _ => return None,
        })
    }

    fn action(self) -> Action {
        match self {
            Queued::Run => Action::Run,
            Queued::Step => Action::Step,
            Queued::StepLine => Action::StepLine,
            Queued::StepBack => Action::StepBack,
            Queued::Continue => Action::Continue,
            Queued::Reset => Action::Reset,
        }
    }

    /// Its name on the toolbar.
    pub fn label(self) -> &'static str {
        match self {
            Queued::Run => "Run",
            Queued::Step => "Step",
            Queued::StepLine => "Step line",
            Queued::StepBack => "Step back",
            Queued::Continue => "Continue",
            Queued::Reset => "Reset",
        }
    }
}

impl State {
    /// An empty page, touching no storage: the compare view opens each
    /// of its lessons in one, as the page opens an example.
    pub(crate) fn blank() -> State {
        State {
            src: String::new(),
            prog_type: ProgType::Syscall,
            kernel: KernelProfile::default(),
            packet_hex: String::new(),
            example: None,
            dirty: false,
            breakpoints: BTreeSet::new(),
            c_breakpoints: BTreeSet::new(),
            show_asm: false,
            compare: None,
            theme: Theme::Light,
            tab: Tab::Verifier,
            help_open: false,
            notice: None,
            stash: None,
            saved: true,
            engine: Rc::new(Engine::default()),
            queued: Vec::new(),
        }
    }

    /// Opens a gallery example as the page does (the compare view opens
    /// each of its two lessons this way, in a [`State::blank`]).
    pub(crate) fn open_example(&mut self, file: &str) {
        self.load_example(file);
    }

    /// The initial state: a share link wins over the autosaved draft, which
    /// wins over the first example.
    pub fn initial(shared: Option<Shared>) -> State {
        let theme = match storage::load_theme().as_deref() {
            Some("dark") => Theme::Dark,
            Some("light") => Theme::Light,
            _ => {
                let dark = web_sys::window()
                    .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                    .is_some_and(|m| m.matches());
                if dark {
                    Theme::Dark
                } else {
                    Theme::Light
                }
            }
        };
        let mut s = State {
            theme,
            stash: storage::load_stash(),
            ..State::blank()
        };
        let draft = storage::load_draft();
        if let Some(sh) = shared {
            if let Some(d) = draft.filter(|d| d.src != sh.src && !d.src.trim().is_empty()) {
                s.keep(d);
            }
            s.apply_shared(sh);
        } else if let Some(d) = draft {
            s.src = d.src;
            s.prog_type = prog_type_by_name(&d.prog_type).unwrap_or_default();
            s.kernel = KernelProfile::from_name(&d.kernel).unwrap_or_default();
            s.packet_hex = d.packet;
            s.example = d.example;
            s.breakpoints = d.breakpoints.into_iter().collect();
            s.dirty = true;
        } else if let Some(first) = examples::gallery().first() {
            s.load_example(&first.file.clone());
        }
        s
    }

    /// The draft as saved in local storage.
    pub fn draft(&self) -> Draft {
        Draft {
            src: self.src.clone(),
            prog_type: self.prog_type.name().to_string(),
            kernel: self.kernel.name().to_string(),
            packet: self.packet_hex.clone(),
            example: self.example.clone(),
            breakpoints: self.breakpoints.iter().copied().collect(),
        }
    }

    /// What a share link carries.
    pub fn shared(&self) -> Shared {
        Shared {
            src: self.src.clone(),
            prog_type: self.prog_type.name().to_string(),
            kernel: self.kernel.name().to_string(),
            packet: self.packet_hex.clone(),
            breakpoints: self.breakpoints.iter().copied().collect(),
        }
    }

    /// Keeps a program that is about to be replaced.
    fn keep(&mut self, d: Draft) {
        storage::save_stash(&d);
        self.stash = Some(d);
    }

    /// Before replacing the text: keep it if the user wrote it.
    fn keep_current(&mut self) {
        if self.dirty && !self.src.trim().is_empty() {
            let d = self.draft();
            self.keep(d);
        }
    }

    fn apply_shared(&mut self, sh: Shared) {
        self.src = sh.src;
        self.prog_type = prog_type_by_name(&sh.prog_type).unwrap_or_default();
        self.kernel = KernelProfile::from_name(&sh.kernel).unwrap_or_default();
        self.packet_hex = sh.packet;
        self.breakpoints = sh.breakpoints.into_iter().collect();
        self.example = None;
        self.dirty = true;
        self.engine = Rc::new(Engine::default());
    }

    fn load_example(&mut self, file: &str) {
        let info = examples::gallery().into_iter().find(|e| e.file == file);
        if let Some(bytes) = examples::object(file) {
            // A C lesson: its clang object opens as a dropped `.o` does.
            match Engine::load_elf(bytes) {
                Ok(loaded) => self.show_elf(loaded),
                Err(e) => {
                    self.notice = Some(Notice {
                        text: format!("{file}: {e}"),
                        error: true,
                    });
                    return;
                }
            }
            let wanted = info.as_ref().and_then(|e| e.program.as_deref());
            if let Some(i) = wanted.and_then(|name| {
                self.engine
                    .elf_programs()
                    .iter()
                    .position(|(n, _)| n == name)
            }) {
                if let Some(loaded) = self.engine.select_prog(i) {
                    self.show_elf(loaded);
                }
            }
        } else {
            let Some(text) = examples::text(file) else {
                self.notice = Some(Notice {
                    text: format!("no example {file}"),
                    error: true,
                });
                return;
            };
            self.src = text.to_string();
            if let Some(t) = examples::declared_prog_type(text).and_then(prog_type_by_name) {
                self.prog_type = t;
            }
            self.engine = Rc::new(Engine::default());
        }
        if let Some(tab) = info
            .as_ref()
            .and_then(|e| e.panel.as_deref())
            .and_then(Tab::from_id)
        {
            self.tab = tab;
        }
        // The index's verdict is the one of the example's profile (the
        // default one unless it names another).
        self.kernel = info
            .as_ref()
            .and_then(|e| e.kernel.as_deref())
            .and_then(KernelProfile::from_name)
            .unwrap_or_default();
        self.example = Some(file.to_string());
        self.breakpoints.clear();
        self.c_breakpoints.clear();
        self.show_asm = false;
        self.compare = None;
        self.dirty = false;
        self.notice = info.map(|e| Notice {
            text: match e.kernel.as_deref() {
                Some(k) => format!("Example: {} (kernel profile {k})", e.title),
                None => format!("Example: {}", e.title),
            },
            error: false,
        });
    }

    /// Shows a loaded clang object (`Engine::load_elf`): its first program,
    /// disassembled, in the editor. Shared by a dropped or opened `.o` file
    /// and a C lesson.
    fn show_elf(&mut self, (text, prog_type, engine): (String, ProgType, Engine)) {
        self.src = text;
        self.prog_type = prog_type;
        self.engine = Rc::new(engine);
    }

    /// A toolbar action or a click in the verifier panel, applied to the
    /// engine here (a Verify on this thread: where there is no worker).
    fn apply_engine(&mut self, action: &Action) {
        let (engine, notice) = self.engine.apply(
            action,
            &self.src,
            self.prog_type,
            &self.packet_hex,
            Breakpoints {
                asm: &self.breakpoints,
                c: &self.c_breakpoints,
            },
            self.kernel,
        );
        self.engine = Rc::new(engine);
        if let Some(n) = notice {
            self.notice = Some(n);
        }
        if matches!(action, Action::Verify) && self.engine.rejected() {
            self.tab = Tab::Verifier;
        }
    }

    /// Starts a Verify in the worker (posted at once: the worker verifies
    /// while the page draws "verifying…"); the notice says so, or why the
    /// text does not assemble.
    fn start_verify(&mut self) -> Notice {
        let (engine, notice) = self
            .engine
            .start_verify(&self.src, self.prog_type, self.kernel);
        self.engine = Rc::new(engine);
        if let Some(job) = self.engine.verify_job() {
            worker::start(&job);
        }
        notice
    }

    /// Stops the running Verify (the page terminates its worker) and the
    /// controls waiting for it, and says so.
    fn cancel_verify(&mut self) {
        let processed = self
            .engine
            .verify_job()
            .map_or(0, |j| worker::progress_of(j.id));
        if let Some((engine, mut notice)) = self.engine.cancel_verify(processed) {
            if !self.queued.is_empty() {
                notice.text = format!("{} ({} not run.)", notice.text, queued_text(&self.queued));
            }
            self.engine = Rc::new(engine);
            self.notice = Some(notice);
        }
    }

    /// The worker's verdict is in: show it, then run the controls pressed
    /// meanwhile.
    fn finish_verify(&mut self, engine: Engine, notice: Notice) {
        self.engine = Rc::new(engine);
        self.notice = Some(notice);
        let queued = std::mem::take(&mut self.queued);
        if queued.is_empty() && self.engine.rejected() {
            self.tab = Tab::Verifier;
        }
        for q in queued {
            self.apply_engine(&q.action());
        }
    }
}

/// `src` with the type of its `.program NAME TYPE` directive replaced by
/// `name`; `None` when there is no such directive or it already says so.
pub fn with_prog_type(src: &str, name: &str) -> Option<String> {
    let mut out = String::with_capacity(src.len() + 8);
    let mut changed = false;
    for (i, line) in src.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        let words: Vec<&str> = trimmed.split_whitespace().collect();
        if !changed
            && words.first() == Some(&".program")
            && words.len() >= 3
            && !words[2].starts_with(';')
        {
            changed = words[2] != name;
            // Byte position of the third word inside `line`.
            let lead = line.len() - trimmed.len();
            let after_dir = lead + ".program".len();
            let name_start = after_dir + line[after_dir..].find(words[1]).unwrap_or(0);
            let name_end = name_start + words[1].len();
            let ty_start = name_end + line[name_end..].find(words[2]).unwrap_or(0);
            let ty_end = ty_start + words[2].len();
            out.push_str(&line[..ty_start]);
            out.push_str(name);
            out.push_str(&line[ty_end..]);
            continue;
        }
        out.push_str(line);
    }
    changed.then_some(out)
}

/// "Step", "Run, then Step": the controls waiting for the verdict.
fn queued_text(q: &[Queued]) -> String {
    q.iter()
        .map(|q| q.label())
        .collect::<Vec<_>>()
        .join(", then ")
}

/// A program type by its short name.
pub fn prog_type_by_name(name: &str) -> Option<ProgType> {
    ProgType::ALL.into_iter().find(|t| t.name() == name)
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Edit(src) => {
                if src == s.src {
                    return self;
                }
                s.engine = Rc::new(s.engine.text_edited(&src));
                s.src = src;
                s.dirty = true;
            }
            Action::SetProgType(t) => {
                s.prog_type = t;
                // Keep the text's `.program` directive in step with the selector,
                // so that the text alone (a copy, a share link) says the same.
                if let Some(src) = with_prog_type(&s.src, t.name()) {
                    s.src = src;
                }
                s.engine = Rc::new(s.engine.edited());
            }
            Action::LoadExample(file) => {
                s.keep_current();
                s.load_example(&file);
            }
            Action::LoadShared(sh) => {
                if sh.src != s.src {
                    s.keep_current();
                }
                s.apply_shared(sh);
            }
            Action::OpenText(name, text) => {
                s.keep_current();
                s.src = text;
                if let Some(t) = examples::declared_prog_type(&s.src).and_then(prog_type_by_name) {
                    s.prog_type = t;
                }
                s.example = None;
                s.dirty = true;
                s.engine = Rc::new(Engine::default());
                s.notice = Some(Notice {
                    text: format!("Opened {name}"),
                    error: false,
                });
            }
            Action::OpenElf(name, bytes) => match Engine::load_elf(&bytes) {
                Ok(loaded) => {
                    s.keep_current();
                    s.show_elf(loaded);
                    s.example = None;
                    s.dirty = true;
                    s.notice = Some(Notice {
                        text: format!(
                            "Opened {name} ({})",
                            if s.engine.c_source().is_some() {
                                "its C source, from the line info"
                            } else {
                                "disassembled"
                            }
                        ),
                        error: false,
                    });
                }
                Err(e) => {
                    s.notice = Some(Notice {
                        text: format!("{name}: {e}"),
                        error: true,
                    })
                }
            },
            Action::SelectProg(i) => {
                if let Some((text, prog_type, engine)) = s.engine.select_prog(i) {
                    s.src = text;
                    s.prog_type = prog_type;
                    s.engine = Rc::new(engine);
                }
            }
            Action::RestoreStash => {
                if let Some(d) = s.stash.take() {
                    let current = s.draft();
                    // An example as it was loaded (a C lesson's disassembly
                    // too) is not worth keeping.
                    let unedited_example = !s.dirty && current.example.is_some();
                    s.src = d.src;
                    s.prog_type = prog_type_by_name(&d.prog_type).unwrap_or_default();
                    // Loading an example sets its profile: the stashed
                    // program gets its own back.
                    s.kernel = KernelProfile::from_name(&d.kernel).unwrap_or_default();
                    s.packet_hex = d.packet;
                    s.example = d.example;
                    s.breakpoints = d.breakpoints.into_iter().collect();
                    s.dirty = true;
                    s.engine = Rc::new(Engine::default());
                    // Swapping keeps both: the text just replaced becomes the stash.
                    if current.src.trim().is_empty()
                        || unedited_example
                        || Some(&current.src)
                            == examples::text(current.example.as_deref().unwrap_or(""))
                                .map(str::to_string)
                                .as_ref()
                    {
                        storage::clear_stash();
                    } else {
                        s.keep(current);
                    }
                }
            }
            Action::DismissStash => {
                s.stash = None;
                storage::clear_stash();
            }
            Action::ToggleBreakpoint(line) => {
                if !s.breakpoints.remove(&line) {
                    s.breakpoints.insert(line);
                }
            }
            Action::ToggleCBreakpoint(file, line) => {
                if !s.c_breakpoints.remove(&(file, line)) {
                    s.c_breakpoints.insert((file, line));
                }
            }
            Action::ShowAsm(on) => s.show_asm = on,
            Action::OpenCompare => match Compare::open(s.example.as_deref().unwrap_or_default()) {
                Ok(c) => {
                    s.notice = Some(Notice {
                        text: format!(
                            "Comparing {} with {}: one Step drives both.",
                            c.sides[0].file, c.sides[1].file
                        ),
                        error: false,
                    });
                    s.compare = Some(Rc::new(c));
                }
                Err(e) => {
                    s.notice = Some(Notice {
                        text: e,
                        error: true,
                    })
                }
            },
            Action::CloseCompare => s.compare = None,
            Action::CompareStep(a) => {
                if let Some(c) = &s.compare {
                    s.compare = Some(Rc::new(c.apply(a)));
                }
            }
            Action::SetTheme(t) => {
                s.theme = t;
                storage::save_theme(t.name());
            }
            Action::SetTab(t) => s.tab = t,
            Action::ToggleHelp => s.help_open = !s.help_open,
            Action::CloseHelp => {
                if s.help_open {
                    s.help_open = false;
                } else if s.engine.verify_job().is_some() {
                    s.cancel_verify();
                } else {
                    return self;
                }
            }
            Action::SetPacket(hex) => {
                s.packet_hex = hex;
                s.engine = Rc::new(s.engine.edited());
            }
            Action::SetKernel(k) => {
                if k == s.kernel {
                    return self;
                }
                s.kernel = k;
                s.engine = Rc::new(s.engine.edited());
                s.notice = Some(Notice {
                    text: format!("Kernel profile: {} (Verify to see its verdict).", k.name()),
                    error: false,
                });
            }
            Action::Notify(text, error) => s.notice = Some(Notice { text, error }),
            Action::RunChunk => {
                if !s.engine.running {
                    return self;
                }
                s.engine = Rc::new(s.engine.run_chunk());
                if !s.engine.running {
                    s.notice = s.engine.exit_text().map(|t| Notice {
                        text: format!("Run finished: {t}"),
                        error: false,
                    });
                }
            }
            Action::GotoStep(n) => {
                s.engine = Rc::new(s.engine.goto_steps(n));
            }
            Action::Stop => {
                s.engine = Rc::new(s.engine.stop());
                s.notice = Some(Notice {
                    text: format!("Stopped after {} steps.", s.engine.steps()),
                    error: false,
                });
            }
            Action::Run if s.engine.running => {
                s.engine = Rc::new(s.engine.stop());
                s.notice = Some(Notice {
                    text: format!("Stopped after {} steps.", s.engine.steps()),
                    error: false,
                });
            }
            Action::Verify if worker::available() => {
                if s.engine.verify_job().is_some() {
                    // The text is the one being verified (an edit cancels).
                    return self;
                }
                s.queued.clear();
                let notice = s.start_verify();
                s.notice = Some(notice);
                if s.engine.rejected() {
                    s.tab = Tab::Verifier;
                }
            }
            Action::Run
            | Action::Step
            | Action::StepLine
            | Action::StepBack
            | Action::Continue
            | Action::Reset
                if s.engine.verify_job().is_some()
                    || (worker::available()
                        && s.engine.needs_verify()
                        && !matches!(action, Action::Reset)) =>
            {
                // Verify in the worker first; the control runs when the
                // verdict is in (Cancel or an edit drops it).
                let mut failed = None;
                if s.engine.verify_job().is_none() {
                    failed = Some(s.start_verify());
                }
                if s.engine.verify_job().is_some() {
                    if let Some(q) = Queued::of(&action) {
                        s.queued.push(q);
                    }
                    s.notice = Some(Notice {
                        text: format!(
                            "Verifying first: {} when the verdict is in.",
                            queued_text(&s.queued)
                        ),
                        error: false,
                    });
                } else {
                    // It does not assemble: nothing to run.
                    s.notice = failed;
                }
            }
            Action::Verify
            | Action::Run
            | Action::Step
            | Action::StepLine
            | Action::StepBack
            | Action::Continue
            | Action::Reset
            | Action::InspectLine(_)
            | Action::InspectPath(_) => s.apply_engine(&action),
            Action::InspectProvenance(_) => {
                s.apply_engine(&action);
                s.tab = Tab::Verifier;
            }
            Action::CancelVerify => s.cancel_verify(),
            Action::VerifyDone(id, done) => {
                let Verified { report, lines } = *done;
                let Some((engine, notice)) = s.engine.verify_done(id, report, lines) else {
                    return self;
                };
                s.finish_verify(engine, notice);
            }
            Action::VerifyFailed(id, why, fallback) => {
                let Some(job) = s.engine.verify_job().filter(|j| j.id == id) else {
                    return self;
                };
                if fallback {
                    // No worker: verify here, as the page did before it had one.
                    let Verified { report, lines } = job.run_here();
                    if let Some((engine, notice)) = s.engine.verify_done(id, report, lines) {
                        s.finish_verify(engine, notice);
                    }
                } else {
                    s.engine = Rc::new(s.engine.verify_failed());
                    s.notice = Some(Notice {
                        text: format!("The verifier failed: {why}"),
                        error: true,
                    });
                }
            }
        }
        // Controls wait only for a Verify that runs.
        if s.engine.verify_job().is_none() {
            s.queued.clear();
        }
        // Breakpoints on C lines belong to one C source: another program
        // starts without them; another object opens in its C view.
        if let Some(c) = s.engine.c_source() {
            if !self
                .engine
                .c_source()
                .is_some_and(|old| Rc::ptr_eq(&old, &c))
            {
                s.c_breakpoints.clear();
            }
            if s.engine.object_key() != self.engine.object_key() {
                s.show_asm = false;
            }
        }
        if s.src != self.src
            || s.prog_type != self.prog_type
            || s.kernel != self.kernel
            || s.packet_hex != self.packet_hex
            || s.breakpoints != self.breakpoints
        {
            s.saved = storage::save_draft(&s.draft());
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use yew::Reducible;

    use super::{with_prog_type, Action, Queued, State};
    use crate::worker::Verified;

    const SEVEN: &str = ".program t syscall\n    r0 = 7\n    exit\n";

    /// A page whose Verify of [`SEVEN`] runs in the worker.
    fn verifying() -> (Rc<State>, Rc<crate::worker::Job>) {
        let mut s = State::blank();
        s.src = SEVEN.into();
        let (e, n) = s.engine.start_verify(&s.src, s.prog_type, s.kernel);
        assert_eq!(n.text, "Verifying…");
        s.engine = Rc::new(e);
        let job = s.engine.verify_job().expect("a job for the worker");
        (Rc::new(s), job)
    }

    fn report(job: &crate::worker::Job) -> Box<Verified> {
        Box::new(job.run_here())
    }

    #[test]
    fn controls_pressed_while_verifying_run_once_the_verdict_is_in() {
        let (s, job) = verifying();
        let mut s = (*s).clone();
        s.queued = vec![Queued::Step, Queued::Step];
        let s = Rc::new(s);
        // Another job's report (an abandoned one) changes nothing.
        let same = Rc::clone(&s).reduce(Action::VerifyDone(job.id + 1, report(&job)));
        assert!(Rc::ptr_eq(&same, &s));
        let s = s.reduce(Action::VerifyDone(job.id, report(&job)));
        assert_eq!(s.engine.verdict_text().as_deref(), Some("accepted"));
        assert!(s.engine.verify_job().is_none());
        assert_eq!(s.engine.steps(), 2, "both Steps ran");
        assert!(s.queued.is_empty());
        // A report that comes late is ignored.
        let late = Rc::clone(&s).reduce(Action::VerifyDone(job.id, report(&job)));
        assert!(Rc::ptr_eq(&late, &s));
    }

    #[test]
    fn cancel_stops_waiting_and_says_so() {
        let (s, job) = verifying();
        let mut s = (*s).clone();
        s.queued = vec![Queued::Run];
        let s = Rc::new(s).reduce(Action::CancelVerify);
        assert!(s.engine.verify_job().is_none());
        assert_eq!(s.engine.cancelled(), Some(0));
        assert_eq!(s.engine.verdict_text(), None, "nothing verified");
        let notice = s.notice.as_ref().map(|n| n.text.as_str()).unwrap_or("");
        assert!(
            notice.starts_with("Verify cancelled") && notice.contains("Run not run"),
            "{notice}"
        );
        assert!(s.queued.is_empty());
        // The worker's report, if it still comes, is not shown.
        let late = Rc::clone(&s).reduce(Action::VerifyDone(job.id, report(&job)));
        assert!(Rc::ptr_eq(&late, &s));
    }

    #[test]
    fn escape_cancels_a_verify_once_the_help_is_closed() {
        let (s, _) = verifying();
        let mut s = (*s).clone();
        s.help_open = true;
        let s = Rc::new(s).reduce(Action::CloseHelp);
        assert!(!s.help_open);
        assert!(
            s.engine.verify_job().is_some(),
            "the first Esc closes the help"
        );
        let s = s.reduce(Action::CloseHelp);
        assert!(s.engine.verify_job().is_none(), "the second cancels");
        assert_eq!(s.engine.cancelled(), Some(0));
    }

    #[test]
    fn without_a_worker_the_page_verifies_itself() {
        let (s, job) = verifying();
        let s = s.reduce(Action::VerifyFailed(job.id, "no worker".into(), true));
        assert_eq!(s.engine.verdict_text().as_deref(), Some("accepted"));
        let (s, job) = verifying();
        let s = s.reduce(Action::VerifyFailed(job.id, "unreachable".into(), false));
        assert!(s.engine.verify_job().is_none());
        assert_eq!(s.engine.verdict_text(), None);
        let n = s.notice.clone().expect("a notice");
        assert!(
            n.error && n.text == "The verifier failed: unreachable",
            "{n:?}"
        );
    }

    #[test]
    fn a_program_that_does_not_assemble_starts_no_job() {
        let mut s = State::blank();
        s.src = "r0 = = 1\nexit\n".into();
        let (e, n) = s.engine.start_verify(&s.src, s.prog_type, s.kernel);
        assert!(e.verify_job().is_none());
        assert!(n.error && n.text.starts_with("line 1, column"), "{n:?}");
        assert!(e
            .verdict_text()
            .is_some_and(|v| v.starts_with("does not assemble")));
    }

    #[test]
    fn rewrites_only_the_type_of_the_program_directive() {
        let src = "; x\n  .program  foo   syscall ; the type\nr0 = 0\nexit";
        assert_eq!(
            with_prog_type(src, "xdp").as_deref(),
            Some("; x\n  .program  foo   xdp ; the type\nr0 = 0\nexit")
        );
        assert_eq!(with_prog_type(src, "syscall"), None);
        assert_eq!(with_prog_type("r0 = 0\nexit", "xdp"), None);
    }
}

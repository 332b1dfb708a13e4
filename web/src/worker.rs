//! Verify off the page's thread: the verifier runs in a Web Worker, so that
//! a long walk (a loop at the 1,000,000-instruction complexity limit) never
//! blocks the page; the page shows its progress and can cancel it.
//!
//! The worker is `static/verify-worker.js`, a module worker that imports
//! the page's own wasm-bindgen glue and instantiates the page's wasm module
//! (the compiled `WebAssembly.Module` is posted to it, so nothing is
//! fetched or compiled twice), then calls [`worker_verify`] for each
//! request. This module is both ends:
//!
//! - the page's side: [`start`] posts a job (the program and the verifier's
//!   options, as JSON), the worker's messages become actions
//!   ([`Action::VerifyDone`], [`Action::VerifyFailed`]) dispatched to
//!   the page's reducer, except progress, which goes to the meters that
//!   show it ([`watch`]: a progress message redraws them only), and
//!   [`abandon`] terminates the worker while it works on a job nobody
//!   wants any more (Cancel, a new Verify, an edit), to be spawned again
//!   for the next one;
//! - the worker's side: [`worker_verify`] verifies, cuts the log to what
//!   the page keeps, and posts the report in parts: the exploration tree
//!   and the abstract states in chunks, each one message, so that the page
//!   parses each in its own short task (a 65,536-path report is ~20 MB of
//!   JSON: parsing it at once takes the page's thread for far more than
//!   50 ms), then the rest.
//!
//! Where there is no worker (a browser without module workers, a page whose
//! Content-Security-Policy forbids it, the native unit tests), the page
//! verifies on its own thread as before: [`available`] says which.

use std::rc::Rc;

use dynptr_play::program::{ProgType, Program};
use dynptr_play::verifier::vtree::VPath;
use dynptr_play::verifier::{self, InsnStates, Report, VerifierOptions};
use yew::Callback;

use crate::engine::LogLines;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[cfg(doc)]
use crate::state::Action;

/// Where the program to verify comes from: the worker builds it again (a
/// few milliseconds), which spares the page the code to send a whole
/// `Program` (~100 KB of wasm).
pub enum Source {
    /// Assembly text.
    Text(String),
    /// A program (by index) of a clang object.
    Object(Rc<[u8]>, usize),
}

/// What the worker is asked to verify (JSON; an object's bytes travel
/// beside it).
#[derive(Serialize, Deserialize)]
pub struct Request {
    /// The assembly text, unless the program is an object's.
    pub text: Option<String>,
    /// The object's program, when it is one.
    pub index: usize,
    /// The program type (the page's selector).
    pub prog_type: ProgType,
    /// The verifier's options (log level 2, the kernel profile).
    pub opts: VerifierOptions,
}

impl Request {
    /// The program, as the page built it.
    fn program(&self, elf: Option<&[u8]>) -> Result<Program, String> {
        let mut p = match (elf, &self.text) {
            (Some(bytes), _) => dynptr_play::elf::load(bytes)
                .map_err(|e| e.to_string())?
                .into_iter()
                .nth(self.index)
                .ok_or("the object has no such program")?,
            (None, Some(text)) => crate::engine::Engine::assemble(text, self.prog_type)
                .map_err(|e| format!("line {}, column {}: {}", e.line, e.col, e.message))?,
            (None, None) => return Err("nothing to verify".into()),
        };
        p.prog_type = self.prog_type;
        Ok(p)
    }
}

/// Paths of the exploration tree per message (~70 KB of JSON: a few
/// milliseconds of the page's time to parse).
const PATHS_PER_PART: usize = 256;
/// Instructions' abstract states per message.
const STATES_PER_PART: usize = 64;
/// Bytes of log up to which a report (with few paths and states) is sent
/// in one message.
const SMALL_LOG: usize = 64 * 1024;

thread_local! {
    /// Where the worker's panic hook posts the panic.
    static PANIC_POST: std::cell::RefCell<Option<js_sys::Function>> = const { std::cell::RefCell::new(None) };
}

/// The worker's entry point: verifies the [`Request`] in `request` (JSON),
/// calls `progress(n)` with the instructions processed so far while the
/// walk goes on, then `post(kind, payload)` with the report in the parts
/// [`split`] makes.
#[wasm_bindgen]
pub fn worker_verify(
    request: &str,
    elf: Option<Vec<u8>>,
    progress: &js_sys::Function,
    post: &js_sys::Function,
) -> Result<(), JsValue> {
    // A panic (a bug) traps the instance: say what it was before it does.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            PANIC_POST.with(|p| {
                if let Some(post) = p.borrow().as_ref() {
                    let _ = post.call2(
                        &JsValue::NULL,
                        &JsValue::from_str("panic"),
                        &JsValue::from_str(&info.to_string()),
                    );
                }
            });
        }));
    });
    PANIC_POST.with(|p| *p.borrow_mut() = Some(post.clone()));
    let req: Request = serde_json::from_str(request)
        .map_err(|e| JsValue::from_str(&format!("bad verify request: {e}")))?;
    let program = req
        .program(elf.as_deref())
        .map_err(|e| JsValue::from_str(&e))?;
    let mut report = verifier::verify_with_progress(&program, &req.opts, &mut |n| {
        let _ = progress.call1(&JsValue::NULL, &JsValue::from_f64(n as f64));
    });
    crate::engine::trim_log(&mut report);
    split(report, |kind, payload| {
        post.call2(
            &JsValue::NULL,
            &JsValue::from_str(kind),
            &JsValue::from_str(&payload),
        )
        .map(|_| ())
    })
}

/// Cuts a report into the messages the worker posts, in order: `paths`
/// (a JSON array of `VPath`) and `states` (of `InsnStates`), each as many
/// times as needed, `log` (the log itself, cut to what the page keeps) and
/// last `done` (the [`Report`] without its paths, states and log). The page
/// handles each message in a task of its own ([`Assembly`]). A small
/// report is one message, `report` (the whole [`Report`]).
pub fn split<E: From<String>>(
    mut report: Report,
    mut send: impl FnMut(&str, String) -> Result<(), E>,
) -> Result<(), E> {
    let json = |r: Result<String, serde_json::Error>| -> Result<String, E> {
        r.map_err(|e| E::from(e.to_string()))
    };
    if report.paths.len() <= PATHS_PER_PART
        && report.states.len() <= STATES_PER_PART
        && report.log.len() <= SMALL_LOG
    {
        // A small report (most are) in one message: one hop, one task.
        return send("report", json(serde_json::to_string(&report))?);
    }
    let paths = std::mem::take(&mut report.paths);
    for part in paths.chunks(PATHS_PER_PART) {
        send("paths", json(serde_json::to_string(part))?)?;
    }
    let states = std::mem::take(&mut report.states);
    for part in states.chunks(STATES_PER_PART) {
        send("states", json(serde_json::to_string(part))?)?;
    }
    send("log", std::mem::take(&mut report.log))?;
    send("done", json(serde_json::to_string(&report))?)
}

/// The page's side of [`split`]: a report put together again, one message
/// at a time.
#[derive(Default)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub struct Assembly {
    paths: Vec<VPath>,
    states: Vec<InsnStates>,
    log: Option<(String, LogLines)>,
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
impl Assembly {
    /// Takes one message; the report once `done` is in.
    pub fn add(&mut self, kind: &str, payload: &str) -> Result<Option<Verified>, String> {
        let bad = |e: serde_json::Error| format!("the worker's report ({kind}): {e}");
        match kind {
            "paths" => {
                let mut v: Vec<VPath> = serde_json::from_str(payload).map_err(bad)?;
                self.paths.append(&mut v);
            }
            "states" => {
                let mut v: Vec<InsnStates> = serde_json::from_str(payload).map_err(bad)?;
                self.states.append(&mut v);
            }
            "log" => {
                // Split here, in this message's task, not in the last one's.
                let lines = crate::engine::log_lines(payload);
                self.log = Some((payload.to_string(), lines));
            }
            "report" => {
                let report: Report = serde_json::from_str(payload).map_err(bad)?;
                let lines = crate::engine::log_lines(&report.log);
                *self = Assembly::default();
                return Ok(Some(Verified { report, lines }));
            }
            "done" => {
                let mut report: Report = serde_json::from_str(payload).map_err(bad)?;
                let parts = std::mem::take(self);
                report.paths = parts.paths;
                report.states = parts.states;
                let (log, lines) = parts.log.unwrap_or_default();
                report.log = log;
                return Ok(Some(Verified { report, lines }));
            }
            other => return Err(format!("the worker's report: unknown part {other:?}")),
        }
        Ok(None)
    }
}

/// A report as the page keeps it: the log split into lines once.
pub struct Verified {
    /// The verifier's report.
    pub report: Report,
    /// [`crate::engine::log_lines`] of its log.
    pub lines: LogLines,
}

/// A verify to run in the worker.
pub struct Job {
    /// Tells its messages from those of an abandoned one.
    pub id: u64,
    /// The program.
    pub program: Rc<Program>,
    /// How to verify it.
    pub opts: VerifierOptions,
    /// What the worker builds it from.
    pub source: Source,
}

impl Job {
    /// Verifies on the page's own thread (where there is no worker).
    pub fn run_here(&self) -> Verified {
        let mut report = verifier::verify(&self.program, &self.opts);
        crate::engine::trim_log(&mut report);
        let lines = crate::engine::log_lines(&report.log);
        Verified { report, lines }
    }
}

/// The page's side: the worker and the job it works on.
#[cfg(target_arch = "wasm32")]
mod client {
    use std::cell::{Cell, RefCell};

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};
    use yew::UseReducerDispatcher;

    use yew::Callback;

    use std::rc::Rc;

    use super::Assembly;
    use crate::state::{Action, State};

    /// The handlers of every worker's events: made once and kept, so that
    /// one can terminate its worker (Cancel, a panic) while it runs.
    struct Handlers {
        message: Closure<dyn FnMut(MessageEvent)>,
        error: Closure<dyn FnMut(web_sys::Event)>,
    }

    impl Handlers {
        fn new() -> Handlers {
            Handlers {
                message: Closure::new(on_message),
                error: Closure::new(|e: web_sys::Event| {
                    let msg = e
                        .dyn_ref::<web_sys::ErrorEvent>()
                        .map(|e| e.message())
                        .filter(|m| !m.is_empty())
                        .unwrap_or_else(|| "its script did not load".into());
                    broken(format!("the verifier's worker failed: {msg}"));
                }),
            }
        }
    }

    /// Told (job, instructions processed) on each progress message.
    type Watcher = Callback<(u64, u64)>;

    thread_local! {
        static DISPATCH: RefCell<Option<UseReducerDispatcher<State>>> = const { RefCell::new(None) };
        static HANDLERS: Handlers = Handlers::new();
        static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
        /// The job the worker works on.
        static BUSY: Cell<Option<u64>> = const { Cell::new(None) };
        /// The parts of the report received so far.
        static PARTS: RefCell<Assembly> = RefCell::new(Assembly::default());
        /// Set when the worker could not be started: verify on the page.
        static BROKEN: Cell<bool> = const { Cell::new(false) };
        /// The last progress: (job, instructions processed).
        static PROGRESS: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
        /// The meters showing it (drawing only themselves, not the page).
        static WATCHERS: RefCell<Vec<(u64, Watcher)>> = const { RefCell::new(Vec::new()) };
        static NEXT_WATCHER: Cell<u64> = const { Cell::new(0) };
    }

    pub fn watch(cb: Callback<(u64, u64)>) -> u64 {
        let k = NEXT_WATCHER.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        WATCHERS.with(|w| w.borrow_mut().push((k, cb)));
        k
    }

    pub fn unwatch(k: u64) {
        WATCHERS.with(|w| w.borrow_mut().retain(|(j, _)| *j != k));
    }

    pub fn progress_of(id: u64) -> u64 {
        match PROGRESS.with(Cell::get) {
            (job, n) if job == id => n,
            _ => 0,
        }
    }

    pub fn set_dispatch(d: UseReducerDispatcher<State>) {
        DISPATCH.with(|s| *s.borrow_mut() = Some(d));
    }

    fn dispatch(a: Action) {
        let d = DISPATCH.with(|s| s.borrow().clone());
        if let Some(d) = d {
            d.dispatch(a);
        }
    }

    /// The URL of the page's wasm-bindgen glue (boot.js's `data-js`).
    fn glue_url() -> Option<String> {
        let doc = web_sys::window()?.document()?;
        let js = doc
            .query_selector("script[data-js]")
            .ok()??
            .get_attribute("data-js")?;
        let base = doc.base_uri().ok()??;
        Some(web_sys::Url::new_with_base(&js, &base).ok()?.href())
    }

    pub fn available() -> bool {
        !BROKEN.with(Cell::get)
            && js_sys::Reflect::has(&js_sys::global(), &JsValue::from_str("Worker"))
                .unwrap_or(false)
            && glue_url().is_some()
    }

    fn field(data: &JsValue, name: &str) -> JsValue {
        js_sys::Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    }

    /// The worker could not start or died: its job is verified on the
    /// page, and so are the next ones.
    fn broken(why: String) {
        BROKEN.with(|b| b.set(true));
        stop();
        if let Some(id) = BUSY.with(|b| b.take()) {
            fallback(id, why);
        }
    }

    fn on_message(e: MessageEvent) {
        let data = e.data();
        let kind = field(&data, "kind").as_string().unwrap_or_default();
        let id = field(&data, "id").as_f64().map(|x| x as u64);
        let busy = BUSY.with(Cell::get);
        if kind == "init-error" {
            broken(field(&data, "message").as_string().unwrap_or_default());
            return;
        }
        if id.is_none() || id != busy {
            return;
        }
        let id = id.unwrap_or_default();
        match kind.as_str() {
            "progress" => {
                let n = field(&data, "n").as_f64().unwrap_or(0.0) as u64;
                PROGRESS.with(|p| p.set((id, n)));
                let watchers: Vec<Callback<(u64, u64)>> =
                    WATCHERS.with(|w| w.borrow().iter().map(|(_, c)| c.clone()).collect());
                for w in watchers {
                    w.emit((id, n));
                }
            }
            "paths" | "states" | "log" | "done" | "report" => {
                let payload = field(&data, "payload").as_string().unwrap_or_default();
                let added = PARTS.with(|p| p.borrow_mut().add(&kind, &payload));
                match added {
                    Ok(None) => {}
                    Ok(Some(verified)) => {
                        BUSY.with(|b| b.set(None));
                        dispatch(Action::VerifyDone(id, Box::new(verified)));
                    }
                    Err(e) => fail(id, e),
                }
            }
            "panic" | "error" => {
                // A panic leaves the worker's instance unusable: start afresh.
                let msg = match field(&data, "payload").as_string() {
                    Some(p) => format!("it panicked: {p}"),
                    None => field(&data, "message").as_string().unwrap_or_default(),
                };
                stop();
                fail(id, msg);
            }
            _ => {}
        }
    }

    fn fail(id: u64, why: String) {
        BUSY.with(|b| b.set(None));
        PARTS.with(|p| *p.borrow_mut() = Assembly::default());
        dispatch(Action::VerifyFailed(id, why, false));
    }

    /// Starts the worker unless it runs.
    fn spawn() -> Result<(), String> {
        if WORKER.with(|w| w.borrow().is_some()) {
            return Ok(());
        }
        let glue = glue_url().ok_or("the page's script is not known")?;
        let url = web_sys::Url::new_with_base("verify-worker.js", &glue)
            .map_err(|e| format!("{e:?}"))?
            .href();
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        opts.set_name("verifier");
        let worker = Worker::new_with_options(&url, &opts)
            .map_err(|e| format!("cannot start the verifier's worker: {e:?}"))?;
        HANDLERS.with(|h| {
            worker.set_onmessage(Some(h.message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(h.error.as_ref().unchecked_ref()));
        });
        let init = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&init, &JsValue::from_str(k), v);
        set("kind", &JsValue::from_str("init")).map_err(|e| format!("{e:?}"))?;
        set("js", &JsValue::from_str(&glue)).map_err(|e| format!("{e:?}"))?;
        set("module", &wasm_bindgen::module()).map_err(|e| format!("{e:?}"))?;
        worker
            .post_message(&init)
            .map_err(|e| format!("cannot start the verifier's worker: {e:?}"))?;
        WORKER.with(|w| *w.borrow_mut() = Some(worker));
        Ok(())
    }

    /// Terminates the worker.
    fn stop() {
        if let Some(w) = WORKER.with(|w| w.borrow_mut().take()) {
            w.set_onmessage(None);
            w.set_onerror(None);
            w.terminate();
        }
        PARTS.with(|p| *p.borrow_mut() = Assembly::default());
    }

    pub fn prewarm() {
        if available() {
            let _ = spawn();
        }
    }

    pub fn start(id: u64, request: String, elf: Option<Rc<[u8]>>) {
        if let Some(old) = BUSY.with(Cell::get) {
            abandon(old);
        }
        let posted = spawn().and_then(|_| {
            let msg = js_sys::Object::new();
            let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&msg, &JsValue::from_str(k), v);
            let _ = set("kind", &JsValue::from_str("verify"));
            let _ = set("id", &JsValue::from_f64(id as f64));
            let _ = set("request", &JsValue::from_str(&request));
            if let Some(bytes) = &elf {
                let _ = set("elf", &js_sys::Uint8Array::from(&bytes[..]));
            }
            WORKER.with(|w| match &*w.borrow() {
                Some(w) => w
                    .post_message(&msg)
                    .map_err(|e| format!("cannot post to the verifier's worker: {e:?}")),
                None => Err("the verifier's worker is gone".into()),
            })
        });
        match posted {
            Ok(()) => {
                PARTS.with(|p| *p.borrow_mut() = Assembly::default());
                BUSY.with(|b| b.set(Some(id)));
            }
            Err(why) => {
                BROKEN.with(|b| b.set(true));
                stop();
                fallback(id, why);
            }
        }
    }

    /// Verify job `id` on the page: in a task of its own (this may be
    /// called while the reducer runs, which cannot take another action).
    pub fn fallback(id: u64, why: String) {
        gloo_timers::callback::Timeout::new(0, move || {
            dispatch(Action::VerifyFailed(id, why, true))
        })
        .forget();
    }

    pub fn abandon(id: u64) {
        if BUSY.with(Cell::get) == Some(id) {
            BUSY.with(|b| b.set(None));
            stop();
            // A fresh worker for the next job, ready before it comes.
            let _ = spawn();
        }
    }
}

/// Off the browser (the native unit tests): no worker, verify here.
#[cfg(not(target_arch = "wasm32"))]
mod client {
    use crate::state::State;

    pub fn set_dispatch(_: yew::UseReducerDispatcher<State>) {}
    pub fn watch(_: yew::Callback<(u64, u64)>) -> u64 {
        0
    }
    pub fn unwatch(_: u64) {}
    pub fn progress_of(_: u64) -> u64 {
        0
    }
    pub fn available() -> bool {
        false
    }
    pub fn prewarm() {}
    pub fn start(_: u64, _: String, _: Option<std::rc::Rc<[u8]>>) {}
    pub fn fallback(_: u64, _: String) {}
    pub fn abandon(_: u64) {}
}

/// Where the worker's messages go: the page's reducer.
pub fn set_dispatch(d: yew::UseReducerDispatcher<crate::state::State>) {
    client::set_dispatch(d);
}

/// True when verifies go to the worker: the page runs in a browser with
/// module workers and the worker has not failed to start.
pub fn available() -> bool {
    client::available()
}

/// Calls `cb(job, instructions processed)` on each progress message of the
/// worker, until [`unwatch`]: the meters of a running Verify redraw only
/// themselves, not the page.
pub fn watch(cb: Callback<(u64, u64)>) -> u64 {
    client::watch(cb)
}

/// Stops calling a [`watch`]er.
pub fn unwatch(k: u64) {
    client::unwatch(k);
}

/// The instructions processed by job `id`, as last reported.
pub fn progress_of(id: u64) -> u64 {
    client::progress_of(id)
}

/// Starts the worker (after the page has loaded), so that the first
/// Verify does not wait for it.
pub fn prewarm() {
    client::prewarm();
}

/// Posts `job` to the worker (abandoning the one it works on). When the
/// worker cannot take it, [`Action::VerifyFailed`] with `fallback` set
/// tells the page (in a task of its own: this is called by the reducer)
/// to verify it itself.
pub fn start(job: &Job) {
    let (text, index, elf) = match &job.source {
        Source::Text(t) => (Some(t.clone()), 0, None),
        Source::Object(bytes, i) => (None, *i, Some(bytes.clone())),
    };
    let req = serde_json::to_string(&Request {
        text,
        index,
        prog_type: job.program.prog_type,
        opts: job.opts.clone(),
    });
    match req {
        Ok(req) => client::start(job.id, req, elf),
        Err(e) => client::fallback(
            job.id,
            format!("cannot send the program to the worker: {e}"),
        ),
    }
}

/// Stops the worker if it still works on job `id` (cancelled, or replaced
/// by a newer one); a finished job is left alone.
pub fn abandon(id: u64) {
    client::abandon(id);
}

#[cfg(test)]
mod tests {
    use super::{split, Assembly, Verified};
    use dynptr_play::asm;
    use dynptr_play::verifier::{self, VerifierOptions};

    /// A loop whose every turn forks a path that exits at once: hundreds
    /// of paths, so the tree takes several messages.
    const FORKING: &str = ".program f syscall\n    r6 = 0\nloop:\n    call bpf_get_prandom_u32\n    if r0 > 5 goto cont\n    r0 = 0\n    exit\ncont:\n    r6 += 1\n    if r6 < 600 goto loop\n    r0 = 0\n    exit\n";

    #[test]
    fn a_report_split_into_messages_is_put_together_again() {
        let p = asm::assemble(FORKING).expect("assembles");
        let opts = VerifierOptions {
            log_level: 2,
            ..VerifierOptions::default()
        };
        let mut report = verifier::verify(&p, &opts);
        crate::engine::trim_log(&mut report);
        assert!(report.paths.len() > 600, "{} paths", report.paths.len());
        let mut messages: Vec<(String, String)> = Vec::new();
        split::<String>(report.clone(), |k, v| {
            messages.push((k.to_string(), v));
            Ok(())
        })
        .expect("splits");
        let kinds: Vec<&str> = messages.iter().map(|(k, _)| k.as_str()).collect();
        assert!(
            kinds.iter().filter(|k| **k == "paths").count() >= 3,
            "{kinds:?}"
        );
        assert_eq!(kinds[kinds.len() - 2..], ["log", "done"]);
        // No message is big (the page parses each in a task of its own).
        let biggest = messages
            .iter()
            .filter(|(k, _)| k != "log")
            .map(|(_, v)| v.len())
            .max();
        assert!(biggest.unwrap_or(0) < 200_000, "{biggest:?}");
        let mut a = Assembly::default();
        let mut done = None;
        for (k, v) in &messages {
            assert!(done.is_none(), "nothing after done");
            done = a.add(k, v).expect("each part parses");
        }
        let Verified {
            report: back,
            lines,
        } = done.expect("the last part finishes it");
        assert_eq!(back, report);
        assert_eq!(lines, crate::engine::log_lines(&report.log));
    }

    #[test]
    fn a_small_report_is_one_message() {
        let p = asm::assemble(".program s syscall\n    r0 = 0\n    exit\n").expect("assembles");
        let report = verifier::verify(&p, &VerifierOptions::default());
        let mut messages = Vec::new();
        split::<String>(report.clone(), |k, v| {
            messages.push((k.to_string(), v));
            Ok(())
        })
        .expect("splits");
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0].0, "report");
        let back = Assembly::default()
            .add("report", &messages[0].1)
            .expect("parses")
            .expect("complete");
        assert_eq!(back.report, report);
    }

    /// The worker builds the very program the page built: from the text,
    /// or from the object's bytes.
    #[test]
    fn the_worker_builds_the_program_the_page_verifies() {
        use super::{Request, Source};
        use crate::engine::Engine;
        use dynptr_play::program::ProgType;
        use dynptr_play::verifier::KernelProfile;

        let request = |job: &super::Job| {
            let (text, index, elf) = match &job.source {
                Source::Text(t) => (Some(t.clone()), 0, None),
                Source::Object(b, i) => (None, *i, Some(b.clone())),
            };
            let r = Request {
                text,
                index,
                prog_type: job.program.prog_type,
                opts: job.opts.clone(),
            };
            let json = serde_json::to_string(&r).expect("serializes");
            let back: Request = serde_json::from_str(&json).expect("parses");
            back.program(elf.as_deref()).expect("builds")
        };
        let (e, _) =
            Engine::default().start_verify(FORKING, ProgType::Xdp, KernelProfile::Linux6_18);
        let job = e.verify_job().expect("a job");
        assert_eq!(request(&job), *job.program);
        assert_eq!(job.program.prog_type, ProgType::Xdp);
        let (name, bytes) = crate::examples::OBJECTS.first().expect("a C lesson");
        let (text, t, loaded) = Engine::load_elf(bytes).expect("loads");
        let (e, _) = loaded.start_verify(&text, t, KernelProfile::default());
        let job = e.verify_job().expect("a job");
        assert!(
            matches!(job.source, Source::Object(..)),
            "{name}: the object's own program"
        );
        assert_eq!(request(&job), *job.program, "{name}");
    }

    #[test]
    fn a_bad_part_is_an_error_not_a_panic() {
        let mut a = Assembly::default();
        assert!(a.add("paths", "[{").is_err());
        assert!(a.add("done", "nope").is_err());
        assert!(a.add("what", "").is_err());
    }
}

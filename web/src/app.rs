//! The page: header, toolbar, editor and panels, or in embed mode
//! (`?embed&panel=dynptrs`) the editor, one panel and the step controls.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::{
    bytecode::Bytecode, callstack::CallStack, compare::CompareView, dynptrs::Dynptrs,
    editor::Editor, editor_area::EditorArea, header::Header, help::Help, maps::Maps,
    packet::Packet, registers::Registers, ringbuf::Ringbuf, stack::Stack, statusbar::StatusBar,
    toolbar::Toolbar, verifier::VerifierPanel,
};
use crate::share;
use crate::state::{Action, State, Tab};

/// What every component reads and dispatches to.
pub type AppCtx = UseReducerHandle<State>;

/// How the page was asked to look.
#[derive(Clone, PartialEq)]
pub struct Mode {
    /// `?embed`: compact view for an iframe.
    pub embed: bool,
    /// `?panel=...`: the one panel the embed shows (default: dynptrs).
    pub panel: String,
}

fn mode_from_url() -> Mode {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
    let embed = params.as_ref().is_some_and(|p| p.has("embed"));
    let panel = params
        .and_then(|p| p.get("panel"))
        .unwrap_or_else(|| "dynptrs".to_string());
    Mode { embed, panel }
}

fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The keyboard shortcuts, shared by the handler and the help overlay.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+Enter", "Verify"),
    ("Ctrl+Shift+Enter", "Run to the end"),
    ("F10", "Step"),
    ("Ctrl+F10", "Step line: to the next C line, over calls"),
    ("Shift+F10", "Step back"),
    ("F8", "Continue to a breakpoint or the end"),
    ("Ctrl+Shift+R", "Reset the session"),
    ("F1", "This help"),
    ("Esc", "Close this help, or cancel a Verify"),
];

fn shortcut(e: &KeyboardEvent) -> Option<Action> {
    let ctrl = e.ctrl_key() || e.meta_key();
    Some(match (e.key().as_str(), ctrl, e.shift_key()) {
        ("Enter", true, false) => Action::Verify,
        ("Enter", true, true) => Action::Run,
        ("F10", true, false) => Action::StepLine,
        ("F10", _, false) => Action::Step,
        ("F10", _, true) => Action::StepBack,
        ("F8", _, _) => Action::Continue,
        ("R" | "r", true, true) => Action::Reset,
        ("F1", _, _) => Action::ToggleHelp,
        _ => return None,
    })
}

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State::initial(share::decode(&hash())));
    let mode = use_memo((), |_| mode_from_url());

    // The theme lives on <html>, so that the page background follows it too.
    {
        let theme = state.theme;
        use_effect_with(theme, move |t| {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = el.set_attribute("data-theme", t.name());
            }
        });
    }
    // The verifier's worker reports to the reducer (which posts each Verify
    // to it); a Verify that is no longer wanted (Cancel, an edit, another
    // program) stops it.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| crate::worker::set_dispatch(dispatcher));
        let id = state.engine.verify_job().map(|j| j.id);
        use_effect_with(id, move |id| {
            let id = *id;
            move || {
                if let Some(id) = id {
                    crate::worker::abandon(id);
                }
            }
        });
    }
    // A Run proceeds in chunks: after each chunk is drawn, the next one is
    // scheduled, so the page stays responsive and Stop works.
    {
        let state = state.clone();
        let running = state.engine.running;
        let generation = state.engine.clone();
        use_effect_with((running, generation), move |(running, _)| {
            let timer = running.then(|| {
                let state = state.clone();
                gloo_timers::callback::Timeout::new(0, move || state.dispatch(Action::RunChunk))
            });
            move || drop(timer)
        });
    }
    // Remove the boot message once the app draws.
    use_effect_with((), |_| {
        if let Some(b) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("boot"))
        {
            b.remove();
        }
        if let Some(d) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = d.set_attribute("data-ready", "true");
        }
        // Once the page has drawn and settled: compile the VM's hot loop.
        gloo_timers::callback::Timeout::new(400, crate::engine::warm_up).forget();
        // And start the verifier's worker, so that the first Verify does not wait for it.
        gloo_timers::callback::Timeout::new(200, crate::worker::prewarm).forget();
    });
    // Keyboard shortcuts, and a share link pasted into the address bar.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let win = web_sys::window();
            let s1 = state.clone();
            let keys = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
                if e.key() == "Escape" {
                    // The handle's own state is the first render's: let the reducer decide.
                    s1.dispatch(Action::CloseHelp);
                    return;
                }
                if let Some(a) = shortcut(&e) {
                    e.prevent_default();
                    s1.dispatch(a);
                }
            });
            let s2 = state.clone();
            let hashchange = Closure::<dyn Fn(Event)>::new(move |_: Event| {
                if let Some(sh) = share::decode(&hash()) {
                    s2.dispatch(Action::LoadShared(sh));
                }
            });
            if let Some(w) = &win {
                let _ =
                    w.add_event_listener_with_callback("keydown", keys.as_ref().unchecked_ref());
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    hashchange.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = win {
                    let _ = w.remove_event_listener_with_callback(
                        "keydown",
                        keys.as_ref().unchecked_ref(),
                    );
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        hashchange.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    let panel_for = |id: &str| -> Html {
        match Tab::from_id(id) {
            Some(Tab::Verifier) => html! { <VerifierPanel /> },
            Some(Tab::Stack) => html! { <Stack /> },
            Some(Tab::Packet) => html! { <Packet /> },
            Some(Tab::Ringbuf) => html! { <Ringbuf /> },
            Some(Tab::Calls) => html! { <CallStack /> },
            Some(Tab::Maps) => html! { <Maps /> },
            Some(Tab::Bytecode) => html! { <Bytecode /> },
            None if id == "registers" => html! { <Registers /> },
            None => html! { <Dynptrs /> },
        }
    };

    let body = if mode.embed {
        html! {
            <div class="app embed">
                <Toolbar compact=true />
                <div class="embed-main">
                    <Editor />
                    <div class="embed-panel">{ panel_for(&mode.panel) }</div>
                </div>
                <StatusBar />
            </div>
        }
    } else {
        let tabs = Tab::ALL.iter().map(|&t| {
            let onclick = {
                let state = state.clone();
                Callback::from(move |_: MouseEvent| state.dispatch(Action::SetTab(t)))
            };
            html! {
                <button role="tab" class={classes!("tab", (state.tab == t).then_some("on"))} aria-selected={(state.tab == t).to_string()} data-tab={t.id()} {onclick}>{ t.label() }</button>
            }
        });
        // Every panel stays in the page (hidden when its tab is not chosen),
        // so that switching tabs never re-lays out and tests can read any panel.
        let tab_panels = Tab::ALL.iter().map(|&t| {
            html! { <div class="tab-panel" hidden={state.tab != t} data-panel={t.id()}>{ panel_for(t.id()) }</div> }
        });
        // A `.o` or assembly file dropped anywhere on the page opens like Open....
        let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
        let ondrop = {
            let state = state.clone();
            Callback::from(move |e: DragEvent| {
                e.prevent_default();
                if let Some(f) = e
                    .data_transfer()
                    .and_then(|d| d.files())
                    .and_then(|l| l.get(0))
                {
                    crate::components::header::read_file(f, state.clone());
                }
            })
        };
        // The compare view takes the place of the toolbar, editor and
        // panels until it is closed (the page's own session is kept in the
        // state), so that every `c-line` and `dynptr` in the page is one of
        // the comparison's.
        let comparing = state.compare.is_some();
        html! {
            <div class={classes!("app", comparing.then_some("comparing"))} {ondragover} {ondrop}>
                <Header />
                if comparing {
                    <CompareView />
                } else {
                    <Toolbar compact=false />
                }
                if !comparing {
                    <main class="main">
                        <EditorArea />
                        <div class="panels">
                            <div class="top-panels">
                                <Registers />
                                <Dynptrs />
                            </div>
                            <div class="tabs" role="tablist">{ for tabs }</div>
                            <div class="tab-body">{ for tab_panels }</div>
                        </div>
                    </main>
                }
                <StatusBar />
                if state.help_open { <Help /> }
            </div>
        }
    };
    html! { <ContextProvider<AppCtx> context={state.clone()}>{ body }</ContextProvider<AppCtx>> }
}

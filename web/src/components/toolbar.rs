//! The step controls: Verify (with its progress and Cancel while the
//! verifier works), Run, Step, Step back, Continue, Reset, and where
//! execution stands.

use yew::prelude::*;

use super::progress::VerifyMeter;
use crate::app::AppCtx;
use crate::state::Action;

/// Toolbar properties.
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Embed mode: smaller, without labels of keys.
    pub compact: bool,
}

/// The toolbar.
#[function_component(Toolbar)]
pub fn toolbar(p: &Props) -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let st = &*ctx;
    let e = &st.engine;
    let btn = |id: &'static str,
               label: &'static str,
               key: &'static str,
               action: fn() -> Action,
               enabled: bool,
               primary: bool| {
        let ctx = ctx.clone();
        let onclick = Callback::from(move |_: MouseEvent| ctx.dispatch(action()));
        html! {
            <button class={classes!("button", primary.then_some("primary"))} data-testid={id} {onclick} disabled={!enabled} title={format!("{label} ({key})")}>
                { label }
                if !p.compact { <kbd>{ key }</kbd> }
            </button>
        }
    };
    let has_session = e.has_session();
    // A Verify in the worker: the busy Verify button with its progress, and
    // Cancel (the status bar names the controls waiting for the verdict).
    let verifying = e.verify_job().map(|j| {
        let cancel = {
            let ctx = ctx.clone();
            Callback::from(move |_: MouseEvent| ctx.dispatch(Action::CancelVerify))
        };
        html! {
            <>
                <VerifyMeter job={j.id} limit={j.opts.complexity_limit} />
                <button class="button cancel" data-testid="verify-cancel" onclick={cancel} title="Stop the verifier (Esc)">{ "Cancel" }</button>
            </>
        }
    });
    let pc = e.pc().map_or_else(|| "–".to_string(), |pc| pc.to_string());
    html! {
        <div class={classes!("toolbar", p.compact.then_some("compact"))} role="toolbar" aria-label="Verify and step">
            if let Some(v) = verifying {
                { v }
            } else {
                { btn("verify", "Verify", "Ctrl+Enter", || Action::Verify, true, true) }
            }
            <span class="sep"></span>
            if e.running {
                { btn("run", "Stop", "Ctrl+Shift+Enter", || Action::Stop, true, true) }
            } else {
                { btn("run", "Run", "Ctrl+Shift+Enter", || Action::Run, true, false) }
            }
            { btn("step", "Step", "F10", || Action::Step, true, false) }
            { btn("step-line", "Step line", "Ctrl+F10", || Action::StepLine, true, false) }
            { btn("step-back", "Step back", "Shift+F10", || Action::StepBack, has_session && e.steps() > 0, false) }
            { btn("continue", "Continue", "F8", || Action::Continue, true, false) }
            { btn("reset", "Reset", "Ctrl+Shift+R", || Action::Reset, has_session, false) }
            <span class="sep"></span>
            <span class="where">
                <span class="lbl">{ "pc" }</span><b data-testid="pc">{ pc }</b>
                <span class="lbl">{ "steps" }</span><b data-testid="steps">{ e.steps() }</b>
                if let Some(end) = e.exit_text() { <span class="exit" data-testid="exit">{ end }</span> }
            </span>
        </div>
    }
}

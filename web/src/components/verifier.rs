//! The verifier panel: verdict, the kernel-format log with each line linked
//! to its instruction, the explanation of a rejection, and the abstract
//! state at the instruction the user clicks.

use yew::prelude::*;

use crate::app::AppCtx;
use crate::state::Action;

/// The verifier panel.
#[function_component(VerifierPanel)]
pub fn verifier_panel() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let e = &ctx.engine;
    let verdict = e.verdict_text();
    let cls = match verdict.as_deref() {
        Some(v) if v.starts_with("accepted") => "ok",
        Some(_) => "bad",
        None => "none",
    };
    let log = e.log_lines().into_iter().map(|(insn, text)| {
        let onclick = insn.map(|i| {
            let ctx = ctx.clone();
            Callback::from(move |_: MouseEvent| ctx.dispatch(Action::InspectInsn(i)))
        });
        let selected = insn.is_some() && insn == e.inspected();
        html! { <div class={classes!("logline", insn.is_some().then_some("link"), selected.then_some("sel"))} onclick={onclick}>{ text }{ "\n" }</div> }
    });
    let explanation = e.explanation();
    let state = e.inspected_state();
    html! {
        <section class="panel verifier" data-panel-id="verifier" aria-label="Verifier">
            <div class={classes!("verdict", cls)} data-testid="verdict">{ verdict.unwrap_or_else(|| "not verified yet (Ctrl+Enter)".to_string()) }</div>
            if !explanation.is_empty() {
                <ol class="explain" data-testid="explanation">{ for explanation.iter().map(|l| html! { <li>{ l }</li> }) }</ol>
            }
            if let Some((insn, lines)) = state {
                <div class="vstate" data-testid="verifier-state">
                    <div class="vstate-head">{ format!("Abstract state before insn {insn}") }</div>
                    { for lines.iter().map(|l| html! { <div class="vline">{ l }</div> }) }
                </div>
            }
            <pre class="log" data-testid="verifier-log">{ for log }</pre>
        </section>
    }
}

//! The call stack: bpf-to-bpf frames and helper callbacks, and for
//! `bpf_dynptr_iterator` and `bpf_loop` each iteration with its return value.

use yew::prelude::*;

use crate::app::AppCtx;

/// The call stack panel.
#[function_component(CallStack)]
pub fn call_stack() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let exec = ctx.engine.exec();
    let Some(x) = exec.as_ref() else {
        return html! { <section class="panel calls" data-panel-id="calls"><p class="empty">{ "Step or Run to see calls and callback iterations." }</p></section> };
    };
    let rows = x.calls.iter().map(|c| {
        let item = html! {
            <>
                <span class="fn">{ &c.name }</span>
                <span class={classes!("badge", format!("ck-{}", c.kind))}>{ &c.kind }</span>
                if let Some(v) = &c.via { <span class="via">{ format!("via {v}") }</span> }
                if let Some(i) = c.iteration { <span class="it">{ format!("iteration {i}") }</span> }
                if let Some(r) = c.ret { <span class="ret">{ format!("returned {r}") }</span> }
                if !c.note.is_empty() { <span class="note">{ &c.note }</span> }
            </>
        };
        if c.kind == "callback" {
            html! {
                <li class={classes!("call", (!c.live).then_some("done"))} data-testid="callback-frame"
                    data-iteration={c.iteration.map(|i| i.to_string()).unwrap_or_default()}
                    data-ret={c.ret.map(|r| r.to_string()).unwrap_or_default()}>{ item }</li>
            }
        } else {
            html! { <li class={classes!("call", (!c.live).then_some("done"))}>{ item }</li> }
        }
    });
    html! {
        <section class="panel calls" data-panel-id="calls" aria-label="Call stack">
            <ol class="callstack">{ for rows }</ol>
        </section>
    }
}

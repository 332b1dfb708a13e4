//! The stack: each frame's 512 bytes as 8-byte slots; dynptr slots grouped
//! and labelled.

use yew::prelude::*;

use crate::app::AppCtx;

/// The stack panel.
#[function_component(Stack)]
pub fn stack() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let exec = ctx.engine.exec();
    let Some(x) = exec.as_ref() else {
        return html! { <section class="panel stack" data-panel-id="stack"><p class="empty">{ "Step or Run to see the stack frames." }</p></section> };
    };
    let frames = x.frames.iter().enumerate().rev().map(|(i, f)| {
        let rows = f.slots.iter().map(|s| {
            html! {
                <tr class={classes!("slot", format!("sk-{}", s.kind))} data-testid="stack-slot" data-off={s.off.to_string()} data-slot={format!("fp{}", s.off)} data-kind={s.kind.clone()} data-var={s.var.clone()}>
                    <td class="off">{ format!("fp{}", s.off) }</td>
                    <td class="var" title="the C variable stored here (DWARF)">{ &s.var }</td>
                    <td class="bytes">{ for s.bytes.iter().map(|b| html! { <span class={classes!((b == "??").then_some("un"))}>{ b }</span> }) }</td>
                    <td class="lbl">{ &s.label }</td>
                </tr>
            }
        });
        html! {
            <div class="frame">
                <div class="frame-head">{ format!("frame #{i} · {}", f.name) }</div>
                if f.slots.is_empty() { <p class="empty">{ "untouched" }</p> } else {
                    <table class="slots">{ for rows }</table>
                }
            </div>
        }
    });
    html! {
        <section class="panel stack" data-panel-id="stack" aria-label="Stack">{ for frames }</section>
    }
}

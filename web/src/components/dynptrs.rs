//! Every dynptr on the stack, drawn as a window over the buffer it views:
//! offset, size, read-only bit, kind and reference id; clones share a
//! colour; data slices sit inside the window; invalidated ones are greyed
//! and struck out from the step that invalidated them.

use yew::prelude::*;

use crate::app::AppCtx;
use crate::view::DynptrView;

/// How many family colours the stylesheet defines (`fam-0` ..).
const FAMILY_COLOURS: u32 = 6;

fn pct(x: u32, of: u32) -> f64 {
    if of == 0 {
        0.0
    } else {
        (f64::from(x) * 100.0 / f64::from(of)).clamp(0.0, 100.0)
    }
}

/// One dynptr as a window over its buffer (also drawn by the compare view).
pub fn dynptr_card(d: &DynptrView) -> Html {
    let len = d.region_len.max(d.offset.saturating_add(d.size)).max(1);
    let fam = format!("fam-{}", d.family % FAMILY_COLOURS);
    let window = format!(
        "left: {:.3}%; width: {:.3}%",
        pct(d.offset, len),
        pct(d.size, len).max(0.4)
    );
    let slices = d.slices.iter().map(|s| {
        let style = format!("left: {:.3}%; width: {:.3}%", pct(s.start, len), pct(s.len, len).max(0.4));
        html! {
            <div class={classes!("slice", (!s.valid).then_some("gone"))} {style}
                title={format!("slice {} [{}, {}){}", s.holder, s.start, s.start + s.len, if s.valid { "" } else { " — invalidated" })}
                data-testid="dynptr-slice" data-valid={s.valid.to_string()} data-var={s.var.clone()}>
                <span>{ if s.var.is_empty() { s.holder.clone() } else { format!("{} ({})", s.var, s.holder) } }</span>
            </div>
        }
    });
    html! {
        <div class={classes!("dynptr", fam, format!("st-{}", d.state))}
            data-testid="dynptr"
            data-slot={d.slot.clone()}
            data-kind={d.kind.clone()}
            data-offset={d.offset.to_string()}
            data-size={d.size.to_string()}
            data-ref-id={d.ref_id.to_string()}
            data-rdonly={d.rdonly.to_string()}
            data-state={d.state.clone()}
            data-family={d.family.to_string()}
            data-var={d.var.clone()}>
            <div class="dp-head">
                if d.var.is_empty() {
                    <span class="dp-slot">{ &d.slot }</span>
                } else {
                    <span class="dp-slot" title="the C variable (DWARF) and its stack slot">{ &d.var }<span class="dp-at">{ format!(" ({})", d.slot) }</span></span>
                }
                <span class={classes!("badge", format!("kind-{}", d.kind))}>{ &d.kind }</span>
                if d.rdonly { <span class="badge ro">{ "rdonly" }</span> }
                if d.ref_id != 0 { <span class="badge ref" title="reference id (ref_obj_id)">{ format!("ref {}", d.ref_id) }</span> }
                if d.state != "valid" { <span class="badge state">{ &d.state }</span> }
                <span class="dp-nums">{ format!("off {} · size {}", d.offset, d.size) }</span>
            </div>
            <div class="dp-bar" title={format!("{} ({} bytes)", d.region, len)}>
                <div class="dp-window" style={window}></div>
                { for slices }
            </div>
            <div class="dp-scale"><span>{ "0" }</span><span class="dp-region">{ &d.region }</span><span>{ len }</span></div>
        </div>
    }
}

/// The dynptrs panel.
#[function_component(Dynptrs)]
pub fn dynptrs() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let exec = ctx.engine.exec();
    let body = match exec.as_ref() {
        Some(x) if !x.dynptrs.is_empty() => {
            html! { <div class="dp-list">{ for x.dynptrs.iter().map(dynptr_card) }</div> }
        }
        Some(_) => html! { <p class="empty">{ "No dynptr on the stack at this step." }</p> },
        None => {
            html! { <p class="empty">{ "Step or Run to see every dynptr as a window over its buffer." }</p> }
        }
    };
    html! {
        <section class="panel dynptrs" data-panel-id="dynptrs" aria-label="Dynptrs">
            <h3>{ "Dynptrs" }</h3>
            { body }
        </section>
    }
}

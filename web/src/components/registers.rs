//! Registers r0-r10: values, what they point to, the ones the last step
//! changed, and beside each what the verifier knew of it at this
//! instruction (`state-range`), marked where this run's value lies
//! outside; above them, the run's first escape from the verifier's states.

use yew::prelude::*;

use crate::app::AppCtx;
use crate::engine::CHECK_SCAN_STEPS;
use crate::state::Action;

/// The registers panel.
#[function_component(Registers)]
pub fn registers() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let exec = ctx.engine.exec();
    let ranges = ctx.engine.state_ranges();
    let scan = ctx.engine.state_scan();
    let regs = (0..=10).map(|i| {
        let name = format!("r{i}");
        let r = exec.as_ref().and_then(|x| x.regs.get(i));
        let (text, kind, changed) = r.map_or(("–".to_string(), "none".to_string(), false), |r| (r.text.clone(), r.kind.clone(), r.changed));
        let var = r.map(|r| r.var.clone()).unwrap_or_default();
        let title = if var.is_empty() { kind.clone() } else { format!("{kind} · holds the C variable {var}") };
        html! {
            <div class={classes!("reg", changed.then_some("changed"), format!("k-{kind}"))} {title} data-var={var.clone()}>
                <span class="rn">{ &name }</span>
                <span class="rv" data-testid={format!("reg-{name}")}>{ text }</span>
                if !var.is_empty() { <span class="rvar">{ var }</span> }
                { state_range(ranges.iter().find(|c| usize::from(c.reg) == i)) }
            </div>
        }
    });
    let escape = scan.as_ref().map(|sc| match &sc.escape {
        Some(e) => {
            let step = e.step;
            let c = ctx.clone();
            let go = Callback::from(move |_: MouseEvent| c.dispatch(Action::GotoStep(step)));
            let with = e.compared_with.join("\n");
            html! {
                <div class="escape" data-testid="escape" role="alert" title={with}>
                    <strong>{ format!("Escape at step {} (insn {}): ", e.step, e.insn) }</strong>
                    { &e.message }
                    <button class="link" onclick={go}>{ "Go to step" }</button>
                </div>
            }
        }
        None if sc.complete => html! {
            <div class="escape-none">{ format!("All {} steps inside the verifier's states.", sc.checked_steps) }</div>
        },
        None => html! {
            <div class="escape-none">{ format!("The first {CHECK_SCAN_STEPS} steps are inside the verifier's states (dynptr-play run --check-states checks the whole run).") }</div>
        },
    });
    html! {
        <section class="panel registers" data-panel-id="registers" aria-label="Registers">
            <h3>{ "Registers" }</h3>
            { for escape }
            <div class="reg-grid">{ for regs }</div>
        </section>
    }
}

/// What the verifier knew of a register here, one value per state that
/// reached the instruction; red when this run's value lies outside all.
fn state_range(c: Option<&dynptr_play::check::RegCheck>) -> Html {
    let Some(c) = c else {
        return html! {};
    };
    let text = c.ranges.join(" | ");
    let title = if c.inside {
        format!("The verifier knew: {text}")
    } else {
        format!("Outside what the verifier knew here: {text}")
    };
    html! {
        <span class={classes!("state-range", (!c.inside).then_some("outside"))}
            data-testid="state-range" data-reg={format!("r{}", c.reg)}
            data-inside={c.inside.to_string()} {title}>{ text }</span>
    }
}

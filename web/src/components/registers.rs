//! Registers r0-r10: values, what they point to, the ones the last step changed.

use yew::prelude::*;

use crate::app::AppCtx;

/// The registers panel.
#[function_component(Registers)]
pub fn registers() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let exec = ctx.engine.exec();
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
            </div>
        }
    });
    html! {
        <section class="panel registers" data-panel-id="registers" aria-label="Registers">
            <h3>{ "Registers" }</h3>
            <div class="reg-grid">{ for regs }</div>
        </section>
    }
}

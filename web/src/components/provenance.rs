//! The numbered markers of a rejection's provenance chain: where the
//! dynptr was created, cloned, released, where the slice was taken, where
//! a register became unbounded, ending at the rejected instruction. The
//! editor's gutter, the C view and the explanation draw the same badge;
//! a click shows the verifier's state at its instruction.

use yew::prelude::*;

use crate::engine::ProvMarker;

/// The colour family of a role (see `.prov-*` in `style.css`).
pub fn role_class(role: &str) -> &'static str {
    match role {
        "created" | "cloned" | "acquired" | "ctx" => "prov-make",
        "released" | "invalidated" | "overwritten" | "scratched" => "prov-kill",
        "unbounded" | "offset" => "prov-bound",
        "rejected" => "prov-rej",
        _ => "prov-info",
    }
}

/// One marker: a numbered badge. `testid` gives it the page's testing
/// contract (`provenance-marker`, `data-n`, `data-insn`); a click emits
/// its number (and goes no further: a gutter click would set a breakpoint).
pub fn badge(
    m: &ProvMarker,
    selected: bool,
    on_pick: Option<&Callback<usize>>,
    testid: Option<&'static str>,
) -> Html {
    let onclick = on_pick.map(|cb| {
        let (cb, n) = (cb.clone(), m.n);
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            e.prevent_default();
            cb.emit(n);
        })
    });
    html! {
        <span
            class={classes!("prov-badge", role_class(m.role), selected.then_some("sel"))}
            data-testid={testid}
            data-n={m.n.to_string()}
            data-insn={m.insn.to_string()}
            data-role={m.role}
            title={m.title()}
            role={on_pick.is_some().then_some("button")}
            {onclick}
        >{ m.n }</span>
    }
}

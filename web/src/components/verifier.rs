//! The verifier panel: verdict, the kernel-format log with each line linked
//! to its instruction, the explanation of a rejection, and the abstract
//! state at the instruction the user clicks.

use std::rc::Rc;

use yew::prelude::*;

use super::provenance;
use super::vtree::VTree;
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
    let on_pick = {
        let ctx = ctx.clone();
        use_callback((), move |i: usize, _| ctx.dispatch(Action::InspectLine(i)))
    };
    let on_path = {
        let ctx = ctx.clone();
        use_callback((), move |p: usize, _| ctx.dispatch(Action::InspectPath(p)))
    };
    let on_marker = {
        let ctx = ctx.clone();
        use_callback((), move |n: usize, _| {
            ctx.dispatch(Action::InspectProvenance(n))
        })
    };
    let tree = e.vtree().map(|(r, _)| r);
    let current_path = e.inspected_path();
    let explanation = e.explanation();
    let markers = e.provenance();
    let picked = e.picked_marker();
    // A line of the explanation: a numbered step of the provenance chain
    // (its badge, clickable like the editor's) or plain text.
    let explain_line = |l: &String| -> Html {
        let step = l.chars().next().and_then(|c| {
            let n = (c as u32).checked_sub(0x2460)? as usize + 1;
            markers.iter().find(|m| m.n == n)
        });
        match step {
            Some(m) => {
                let rest = l
                    .char_indices()
                    .nth(1)
                    .map_or("", |(i, _)| &l[i..])
                    .trim_start();
                let onclick = {
                    let (cb, n) = (on_marker.clone(), m.n);
                    Callback::from(move |_: MouseEvent| cb.emit(n))
                };
                html! {
                    <li class={classes!("prov-step", (picked == Some(m.n)).then_some("sel"))} data-testid="provenance-step"
                        data-n={m.n.to_string()} data-insn={m.insn.to_string()} data-role={m.role} {onclick}
                        title="Click to see the verifier's state at this instruction">
                        { provenance::badge(m, picked == Some(m.n), None, None) }
                        <span class="prov-text">{ rest }</span>
                    </li>
                }
            }
            None if l == "On this path:" => html! { <li class="prov-head">{ l }</li> },
            None if l.starts_with("In short: ") => html! { <li class="prov-short">{ l }</li> },
            None => html! { <li>{ l }</li> },
        }
    };
    let picked_step = picked.and_then(|n| markers.iter().find(|m| m.n == n));
    // A click on a marker (in the editor, far from this panel) brings the
    // state it shows into view.
    let vstate = use_node_ref();
    {
        let vstate = vstate.clone();
        use_effect_with((picked, e.inspected_line()), move |(picked, _)| {
            if picked.is_some() {
                if let Some(el) = vstate.cast::<web_sys::Element>() {
                    el.scroll_into_view();
                }
            }
        });
    }
    let state = e.inspected_state();
    let (prev_line, next_line, k, of) = e.walk_nav();
    let go = |line: Option<usize>| -> Option<Callback<MouseEvent>> {
        let line = line?;
        let ctx = ctx.clone();
        Some(Callback::from(move |_: MouseEvent| {
            ctx.dispatch(Action::InspectLine(line))
        }))
    };
    let (prev, next) = (go(prev_line), go(next_line));
    html! {
        <section class="panel verifier" data-panel-id="verifier" aria-label="Verifier">
            <div class={classes!("verdict", cls)} data-testid="verdict">{ verdict.unwrap_or_else(|| "not verified yet (Ctrl+Enter)".to_string()) }</div>
            if !explanation.is_empty() {
                <ol class="explain" data-testid="explanation">{ for explanation.iter().map(explain_line) }</ol>
            }
            if let Some(stats) = e.stats_line() { <div class="vstats">{ stats }</div> }
            if let Some(report) = tree { <VTree {report} current={current_path} on_pick={on_path} /> }
            if let Some((insn, lines)) = state {
                <div class="vstate" data-testid="verifier-state" ref={vstate}>
                    <div class="vstate-head">
                        <span>{ format!("Verifier walk, step {k} of {of}: abstract state at insn {insn}") }</span>
                        <button class="button small ghost" disabled={prev.is_none()} onclick={prev.unwrap_or_default()} title="Previous step of the verifier's walk" data-testid="walk-prev">{ "◀" }</button>
                        <button class="button small ghost" disabled={next.is_none()} onclick={next.unwrap_or_default()} title="Next step of the verifier's walk" data-testid="walk-next">{ "▶" }</button>
                    </div>
                    if let Some(m) = picked_step.filter(|m| m.insn == insn) {
                        <div class="vstate-prov" data-testid="provenance-state" data-n={m.n.to_string()}>
                            { provenance::badge(m, true, None, None) }
                            <span>{ format!("{} — {}", m.role, m.text) }</span>
                        </div>
                    }
                    { for lines.iter().map(|l| html! { <div class="vline">{ l }</div> }) }
                </div>
            }
            <LogView lines={e.log_lines()} selected={e.inspected_line()} {on_pick} />
        </section>
    }
}

/// Log properties: the lines are shared, so a step (which leaves the
/// report alone) does not redraw thousands of log lines.
#[derive(Properties)]
pub struct LogProps {
    /// The log, each line with its instruction.
    pub lines: Rc<Vec<(Option<usize>, String)>>,
    /// The line looked at.
    pub selected: Option<usize>,
    /// A click on a line that names an instruction (its line index).
    pub on_pick: Callback<usize>,
}

impl PartialEq for LogProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.lines, &o.lines)
            && self.selected == o.selected
            && self.on_pick == o.on_pick
    }
}

/// The kernel-format log.
#[function_component(LogView)]
pub fn log_view(p: &LogProps) -> Html {
    let pre = use_node_ref();
    // Bring the selected step of the walk into view.
    {
        let pre = pre.clone();
        use_effect_with(p.selected, move |_| {
            if let Some(el) = pre
                .cast::<web_sys::Element>()
                .and_then(|e| e.query_selector(".logline.sel").ok().flatten())
            {
                el.scroll_into_view_with_bool(false);
            }
        });
    }
    let rows = p.lines.iter().enumerate().map(|(n, (insn, text))| {
        let onclick = insn.map(|_| {
            let pick = p.on_pick.clone();
            Callback::from(move |_: MouseEvent| pick.emit(n))
        });
        let selected = Some(n) == p.selected;
        html! { <div class={classes!("logline", insn.is_some().then_some("link"), selected.then_some("sel"))} onclick={onclick}>{ text }{ "\n" }</div> }
    });
    html! { <pre class="log" ref={pre} data-testid="verifier-log">{ for rows }</pre> }
}

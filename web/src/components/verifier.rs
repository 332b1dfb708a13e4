//! The verifier panel: verdict, the kernel-format log with each line linked
//! to its instruction, the explanation of a rejection, and the abstract
//! state at the instruction the user clicks.

use std::fmt::Write as _;
use std::rc::Rc;

use wasm_bindgen::JsCast;

use dynptr_play::verifier::Report;
use yew::prelude::*;

use super::progress::VerifyMeter;
use super::provenance;
use super::vtree::VTree;
use crate::app::AppCtx;
use crate::present;
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
    let cancelled = e.cancelled().map(|n| match n {
        0 => "verify cancelled: not verified (Ctrl+Enter to verify)".to_string(),
        n => format!(
            "verify cancelled after {} instructions: not verified (Ctrl+Enter to verify)",
            present::thousands(n)
        ),
    });
    let verdict = verdict
        .or(cancelled)
        .unwrap_or_else(|| "not verified yet (Ctrl+Enter)".to_string());
    // While the worker verifies, its progress takes the verdict's place.
    let verdict = match e.verify_job() {
        Some(j) => html! { <VerifyMeter job={j.id} limit={j.opts.complexity_limit} panel=true /> },
        None => {
            html! { <div class={classes!("verdict", cls)} data-testid="verdict">{ verdict }</div> }
        }
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
            { verdict }
            if !explanation.is_empty() {
                <ol class="explain" data-testid="explanation">{ for explanation.iter().map(explain_line) }</ol>
            }
            if let Some(stats) = e.stats_line() { <div class="vstats">{ stats }</div> }
            if let Some(report) = tree { <LazyTree {report} current={current_path} on_pick={on_path} /> }
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

/// Paths from which the exploration tree is drawn in the task after the
/// report's (65,536 paths take the page ~10 ms to lay out as a tree).
const BIG_TREE: usize = 16_384;

/// Tree properties (the report is shared: compared by pointer).
#[derive(Properties)]
struct LazyTreeProps {
    report: Rc<Report>,
    current: Option<usize>,
    on_pick: Callback<usize>,
}

impl PartialEq for LazyTreeProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.report, &o.report)
            && self.current == o.current
            && self.on_pick == o.on_pick
    }
}

/// The exploration tree; a big one a task after the report, so that the
/// verdict is drawn in a short task of its own.
#[function_component(LazyTree)]
fn lazy_tree(p: &LazyTreeProps) -> Html {
    let key = Rc::as_ptr(&p.report) as usize;
    let ready = use_state(|| 0usize);
    let show = p.report.paths.len() < BIG_TREE || *ready == key;
    {
        let ready = ready.clone();
        use_effect_with((key, show), move |&(key, show)| {
            let next =
                (!show).then(|| gloo_timers::callback::Timeout::new(0, move || ready.set(key)));
            move || drop(next)
        });
    }
    if show {
        html! { <VTree report={p.report.clone()} current={p.current} on_pick={p.on_pick.clone()} /> }
    } else {
        html! {
            <div class="vtree" data-testid="vtree">
                <div class="vtree-head"><span>{ "Exploration tree" }</span><span class="vtree-sum">{ format!("{} paths…", present::thousands(p.report.paths.len() as u64)) }</span></div>
            </div>
        }
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

/// Log lines per chunk: each chunk is one component, drawn in a task of
/// its own.
const CHUNK: usize = 200;

/// The kernel-format log.
#[function_component(LogView)]
pub fn log_view(p: &LogProps) -> Html {
    let pre = use_node_ref();
    let key = Rc::as_ptr(&p.lines) as usize;
    let chunks = p.lines.len().div_ceil(CHUNK);
    let sel_chunk = p.selected.map(|s| s / CHUNK);
    // A short log is drawn at once; a long one (a long loop's is ~8,000
    // lines) one chunk per task, starting in the task after the report's,
    // so that no task of the page takes long: first the last chunk (the
    // verdict and the statistics) with the selected line's, then from the
    // first.
    let order: Vec<usize> = chunks
        .checked_sub(1)
        .into_iter()
        .chain(0..chunks.saturating_sub(1))
        .collect();
    let drawn = use_state(|| (0usize, 0usize));
    let count = if drawn.0 == key {
        drawn.1
    } else if chunks <= 2 {
        chunks
    } else {
        0
    };
    {
        let drawn = drawn.clone();
        use_effect_with((key, count, chunks), move |&(key, count, chunks)| {
            let next = (count < chunks).then(|| {
                gloo_timers::callback::Timeout::new(0, move || drawn.set((key, count + 1)))
            });
            move || drop(next)
        });
    }
    let mut filled = vec![false; chunks];
    for &c in order.iter().take(count) {
        filled[c] = true;
    }
    if let Some(c) = sel_chunk.filter(|&c| count > 0 && c < chunks) {
        filled[c] = true;
    }
    // Bring the selected step of the walk into view (once it is drawn).
    {
        let pre = pre.clone();
        let sel_drawn = sel_chunk.is_some_and(|c| filled.get(c).copied().unwrap_or(false));
        use_effect_with((p.selected, key, sel_drawn), move |_| {
            if let Some(el) = pre
                .cast::<web_sys::Element>()
                .and_then(|e| e.query_selector(".logline.sel").ok().flatten())
            {
                el.scroll_into_view_with_bool(false);
            }
        });
    }
    // One listener for every line: a click on a line that names an
    // instruction picks it (its `data-n`).
    let onclick = {
        let pick = p.on_pick.clone();
        Callback::from(move |e: MouseEvent| {
            let line = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest(".logline.link").ok().flatten());
            if let Some(n) = line
                .and_then(|l| l.get_attribute("data-n"))
                .and_then(|n| n.parse().ok())
            {
                pick.emit(n);
            }
        })
    };
    let parts = (0..chunks).map(|c| {
        let start = c * CHUNK;
        let end = (start + CHUNK).min(p.lines.len());
        html! {
            <LogChunk
                lines={p.lines.clone()}
                {start}
                {end}
                filled={filled[c]}
                selected={p.selected.filter(|s| (start..end).contains(s))}
            />
        }
    });
    html! { <pre class="log" ref={pre} data-testid="verifier-log" {onclick}>{ for parts }</pre> }
}

/// A chunk of the log: lines `start..end`.
#[derive(Properties)]
struct ChunkProps {
    lines: Rc<Vec<(Option<usize>, String)>>,
    start: usize,
    end: usize,
    /// False until its turn to be drawn: an empty block of about its height.
    filled: bool,
    /// The line looked at, when it is in this chunk.
    selected: Option<usize>,
}

impl PartialEq for ChunkProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.lines, &o.lines)
            && (self.start, self.end, self.filled, self.selected)
                == (o.start, o.end, o.filled, o.selected)
    }
}

/// A chunk of log lines, drawn as one piece of HTML (the browser parses
/// it much faster than the page creates its elements one by one).
#[function_component(LogChunk)]
fn log_chunk(p: &ChunkProps) -> Html {
    // 18 px a line (the log's line height): the height of a chunk not yet
    // drawn, and of one out of view until the browser has laid it out.
    let px = (p.end - p.start) * 18;
    if !p.filled {
        return html! { <div class="logchunk" style={format!("height: {px}px")}></div> };
    }
    let lines = &p.lines[p.start..p.end];
    let mut h = String::with_capacity(lines.iter().map(|(_, t)| t.len() + 48).sum::<usize>() + 96);
    let _ = write!(
        h,
        r#"<div class="logchunk" style="contain-intrinsic-block-size: auto {px}px">"#
    );
    for (k, (insn, text)) in lines.iter().enumerate() {
        let n = p.start + k;
        h.push_str(r#"<div class="logline"#);
        if insn.is_some() {
            h.push_str(" link");
        }
        if Some(n) == p.selected {
            h.push_str(" sel");
        }
        let _ = write!(h, r#"" data-n="{n}">"#);
        for c in text.chars() {
            match c {
                '&' => h.push_str("&amp;"),
                '<' => h.push_str("&lt;"),
                '>' => h.push_str("&gt;"),
                c => h.push(c),
            }
        }
        h.push_str("\n</div>");
    }
    h.push_str("</div>");
    Html::from_html_unchecked(h.into())
}

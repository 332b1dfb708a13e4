//! The verifier's exploration tree: each path nested under the path it
//! forked from, in walk order, with its fork (branch, direction, the
//! condition's registers on its side), its instructions and how it ended.
//! Collapsed paths draw nothing below them, and at most [`MAX_DRAWN`] rows
//! are drawn (the rest is counted in "N more paths" lines), so a walk of
//! 65,536 paths stays quick.

use std::collections::HashSet;
use std::rc::Rc;

use dynptr_play::verifier::vtree::{PathEnd, VPath};
use dynptr_play::verifier::Report;
use yew::prelude::*;

use crate::engine::vpath_last_insn;

/// Most path rows drawn at once.
const MAX_DRAWN: usize = 300;

/// Deepest nesting indented: deeper paths line up under their parent and
/// name it, so a long chain of forks stays inside the panel.
const MAX_INDENT: usize = 12;

/// Tree properties: the report is shared, so a step redraws nothing.
#[derive(Properties)]
pub struct VTreeProps {
    /// The verifier's report (its `paths`).
    pub report: Rc<Report>,
    /// The path whose log line is inspected.
    pub current: Option<usize>,
    /// A click on a path (its index).
    pub on_pick: Callback<usize>,
}

impl PartialEq for VTreeProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.report, &o.report)
            && self.current == o.current
            && self.on_pick == o.on_pick
    }
}

/// What every row needs while drawing.
struct Walk<'a> {
    paths: &'a [VPath],
    children: Vec<Vec<usize>>,
    /// Paths in each subtree, itself included.
    sizes: Vec<usize>,
    open: HashSet<usize>,
    failing: HashSet<usize>,
    current: Option<usize>,
    on_pick: &'a Callback<usize>,
    on_toggle: &'a Callback<usize>,
    drawn: usize,
}

/// The exploration tree.
#[function_component(VTree)]
pub fn vtree(p: &VTreeProps) -> Html {
    // Paths the user opened or closed against the default, for this report.
    let toggled = use_state(|| (0usize, HashSet::<usize>::new()));
    let key = Rc::as_ptr(&p.report) as usize;
    let on_toggle = {
        let toggled = toggled.clone();
        Callback::from(move |i: usize| {
            let mut set = if toggled.0 == key {
                toggled.1.clone()
            } else {
                HashSet::new()
            };
            if !set.remove(&i) {
                set.insert(i);
            }
            toggled.set((key, set));
        })
    };
    let paths = &p.report.paths;
    if paths.is_empty() {
        return html! {};
    }
    let mut children = vec![Vec::new(); paths.len()];
    let mut roots = Vec::new();
    for v in paths {
        match v.parent.filter(|&q| q < paths.len()) {
            Some(q) => children[q].push(v.index),
            None => roots.push(v.index),
        }
    }
    let mut sizes = vec![1usize; paths.len()];
    for v in paths.iter().rev() {
        if let Some(q) = v.parent.filter(|&q| q < v.index) {
            sizes[q] += sizes[v.index];
        }
    }
    // Open by default: the failing path and its ancestors, the inspected
    // path's ancestors, and the roots.
    let ancestors = |i: usize| {
        let mut out = vec![i];
        let mut at = i;
        while let Some(q) = paths.get(at).and_then(|v| v.parent) {
            if out.len() > paths.len() {
                break;
            }
            out.push(q);
            at = q;
        }
        out
    };
    let failing: HashSet<usize> = paths
        .iter()
        .filter(|v| matches!(v.end, PathEnd::Error { .. } | PathEnd::Limit { .. }))
        .flat_map(|v| ancestors(v.index))
        .collect();
    let mut open: HashSet<usize> = failing
        .iter()
        .copied()
        .chain(roots.iter().copied())
        .collect();
    if let Some(c) = p.current {
        open.extend(ancestors(c).into_iter().skip(1));
    }
    if toggled.0 == key {
        for i in &toggled.1 {
            if !open.remove(i) {
                open.insert(*i);
            }
        }
    }
    let mut w = Walk {
        paths,
        children,
        sizes,
        open,
        failing,
        current: p.current,
        on_pick: &p.on_pick,
        on_toggle: &on_toggle,
        drawn: 0,
    };
    let body = rows(&mut w, &roots, 0);
    let ends = |f: fn(&PathEnd) -> bool| paths.iter().filter(|v| f(&v.end)).count();
    let summary = format!(
        "{} path{} · {} exit · {} pruned{}",
        paths.len(),
        if paths.len() == 1 { "" } else { "s" },
        ends(|e| matches!(e, PathEnd::Exit { .. })),
        ends(|e| matches!(e, PathEnd::Pruned { .. })),
        match ends(|e| matches!(e, PathEnd::Error { .. } | PathEnd::Limit { .. })) {
            0 => String::new(),
            n => format!(" · {n} failing"),
        }
    );
    html! {
        <div class="vtree" data-testid="vtree">
            <div class="vtree-head"><span>{ "Exploration tree" }</span><span class="vtree-sum">{ summary }</span></div>
            <ul class="vt-list vt-top">{ body }</ul>
        </div>
    }
}

/// The rows of `ids` (siblings) and, under each open one, its children.
fn rows(w: &mut Walk<'_>, ids: &[usize], depth: usize) -> Html {
    let mut out = Vec::new();
    for (k, &i) in ids.iter().enumerate() {
        if w.drawn >= MAX_DRAWN {
            let more: usize = ids[k..].iter().map(|&j| w.sizes[j]).sum();
            out.push(html! {
                <li class="vt-more" key={format!("more-{i}")}>{ format!("{more} more path{}", if more == 1 { "" } else { "s" }) }</li>
            });
            break;
        }
        w.drawn += 1;
        out.push(node(w, i, depth));
    }
    html! { for out }
}

/// One path: its row, its end, and its children when open.
fn node(w: &mut Walk<'_>, i: usize, depth: usize) -> Html {
    let v = &w.paths[i];
    let kids = w.children[i].clone();
    let open = w.open.contains(&i);
    let (kind, insn) = match &v.fork {
        Some(f) => ("fork", f.insn),
        None => ("path", v.start),
    };
    let toggle = if kids.is_empty() {
        html! { <span class="vt-toggle none"></span> }
    } else {
        let on_toggle = w.on_toggle.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            on_toggle.emit(i);
        });
        let title = if open { "Collapse" } else { "Expand" };
        html! { <button class="vt-toggle" {onclick} {title} aria-expanded={open.to_string()}>{ if open { "▾" } else { "▸" } }</button> }
    };
    let fork = match &v.fork {
        Some(f) => {
            let cond = f
                .this_side
                .iter()
                .map(|c| format!("{}={}", c.reg, c.state))
                .collect::<Vec<_>>()
                .join(" ");
            html! {
                <>
                    <span class={classes!("vt-dir", f.direction.clone())}>{ format!("{} at insn {}", f.direction, f.insn) }</span>
                    if !cond.is_empty() { <span class="vt-cond" title="The condition's registers on this side">{ cond }</span> }
                </>
            }
        }
        None => html! { <span class="vt-dir root">{ format!("start at insn {}", v.start) }</span> },
    };
    let last = vpath_last_insn(v);
    let first = v.runs.first().map_or(v.start, |r| r[0]);
    let range = if first == last {
        format!(
            "{} insn{} · {first}",
            v.insns,
            if v.insns == 1 { "" } else { "s" }
        )
    } else {
        format!("{} insns · {first}…{last}", v.insns)
    };
    let end = match &v.end {
        PathEnd::Exit { insn } => html! {
            <span class="vt-end exit" data-testid="vtree-node" data-kind="exit" data-insn={insn.to_string()} data-path={i.to_string()}>{ format!("exit at insn {insn}") }</span>
        },
        PathEnd::Pruned {
            insn,
            by_path,
            reason,
        } => {
            let by =
                by_path.map_or_else(|| "an earlier state".to_string(), |b| format!("path #{b}"));
            html! {
                <span class="vt-end pruned" data-testid="vtree-node" data-kind="pruned" data-insn={insn.to_string()} data-path={i.to_string()} title={reason.clone()}>
                    <b>{ format!("pruned by {by} at insn {insn}") }</b>
                    <span class="vt-reason">{ reason.clone() }</span>
                </span>
            }
        }
        PathEnd::Limit { insn } => html! {
            <span class="vt-end limit" data-testid="vtree-node" data-kind="limit" data-insn={insn.to_string()} data-path={i.to_string()}>{ format!("complexity limit at insn {insn}") }</span>
        },
        PathEnd::Error { insn, message } => html! {
            <span class="vt-end error" data-testid="vtree-node" data-kind="error" data-insn={insn.to_string()} data-path={i.to_string()}>
                <b>{ format!("error at insn {insn}") }</b><span class="vt-reason">{ message.clone() }</span>
            </span>
        },
        PathEnd::Unfinished => html! { <span class="vt-end unfinished">{ "unfinished" }</span> },
    };
    let onclick = {
        let pick = w.on_pick.clone();
        Callback::from(move |_: MouseEvent| pick.emit(i))
    };
    let hidden = if !kids.is_empty() && !open {
        let n = w.sizes[i] - 1;
        html! { <span class="vt-count">{ format!("+{n}") }</span> }
    } else {
        html! {}
    };
    let cls = classes!(
        "vt-row",
        (w.current == Some(i)).then_some("sel"),
        w.failing.contains(&i).then_some("failing"),
    );
    let below = if open && !kids.is_empty() {
        let inner = rows(w, &kids, depth + 1);
        let flat = (depth + 1 >= MAX_INDENT).then_some("flat");
        html! { <ul class={classes!("vt-list", flat)}>{ inner }</ul> }
    } else {
        html! {}
    };
    html! {
        <li class="vt-item" key={i}>
            <div class={cls} data-testid="vtree-node" data-kind={kind} data-insn={insn.to_string()} data-path={i.to_string()} {onclick}
                title={format!("Show the abstract state at insn {last}, where path #{i} ends")}>
                <div class="vt-head">
                    { toggle }
                    <span class="vt-id">{ format!("#{i}") }</span>
                    if depth >= MAX_INDENT {
                        if let Some(q) = v.parent { <span class="vt-from">{ format!("from #{q}") }</span> }
                    }
                    { fork }
                    <span class="vt-range">{ range }</span>
                    { hidden }
                </div>
                { end }
            </div>
            { below }
        </li>
    }
}

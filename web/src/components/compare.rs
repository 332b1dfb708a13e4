//! The compare view: a lesson written with the series' helpers and with
//! upstream's kfuncs, in two columns, each verified under its own kernel
//! profile and stepped together; what differs (how each call is encoded,
//! the verdict, the verifier's message and work, the result) is marked.

use std::collections::BTreeSet;
use std::rc::Rc;

use dynptr_play::catalog::{self, FuncKind};
use dynptr_play::isa::{BPF_PSEUDO_CALL, BPF_PSEUDO_KFUNC_CALL};
use dynptr_play::program::Program;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::AppCtx;
use crate::compare::{CompareAction, Side};
use crate::components::cview::{CListing, SharedC};
use crate::components::dynptrs::dynptr_card;
use crate::highlight;
use crate::state::Action;

/// One call instruction and how it is encoded.
#[derive(Clone, PartialEq)]
struct Call {
    idx: usize,
    name: String,
    /// `helper`, `kfunc`, `bpf-to-bpf`.
    kind: &'static str,
    encoding: String,
}

fn calls(p: &Program) -> Vec<Call> {
    p.insns
        .iter()
        .enumerate()
        .filter(|(_, i)| i.is_call())
        .map(|(idx, i)| match i.src_reg {
            BPF_PSEUDO_KFUNC_CALL => Call {
                idx,
                name: catalog::all()
                    .iter()
                    .find(
                        |f| matches!(f.kind, FuncKind::Kfunc { btf_id } if btf_id as i32 == i.imm),
                    )
                    .map_or_else(|| format!("kfunc {}", i.imm), |f| f.name.to_string()),
                kind: "kfunc",
                encoding: format!("src_reg 2 · imm {} (BTF id)", i.imm),
            },
            BPF_PSEUDO_CALL => {
                let target = (idx as i64 + 1 + i64::from(i.imm)).max(0) as usize;
                Call {
                    idx,
                    name: p
                        .funcs
                        .iter()
                        .find(|f| f.start == target)
                        .map_or_else(|| format!("insn {target}"), |f| f.name.clone()),
                    kind: "bpf-to-bpf",
                    encoding: format!("src_reg 1 · imm {:+} (insns)", i.imm),
                }
            }
            _ => Call {
                idx,
                name: u32::try_from(i.imm)
                    .ok()
                    .and_then(catalog::helper)
                    .map_or_else(|| format!("helper {}", i.imm), |f| f.name.to_string()),
                kind: "helper",
                encoding: format!("src_reg 0 · imm {} (helper #)", i.imm),
            },
        })
        .collect()
}

/// The program text with line numbers, the current and rejected lines,
/// and call lines marked by kind (for an assembly lesson).
fn asm_listing(side: &Side, call_lines: &[(u32, &'static str)]) -> Html {
    let cur = side
        .engine
        .current_line()
        .filter(|_| side.engine.has_session());
    let rej = side.engine.fault_line().or_else(|| side.engine.rejection());
    let rows = side.src.split('\n').enumerate().map(|(i, text)| {
        let n = i as u32 + 1;
        let toks = highlight::line(text, &crate::engine::is_func);
        let kind = call_lines.iter().find(|(l, _)| *l == n).map(|(_, k)| format!("call-{}", k.replace("bpf-to-bpf", "sub")));
        let r = rej.as_ref().filter(|r| r.0 == n);
        html! {
            <div class={classes!("cmp-ln", (cur == Some(n)).then_some("cur"), r.is_some().then_some("rej"), kind)}
                data-line={n.to_string()} data-current={(cur == Some(n)).then_some("true")}>
                <span class="n">{ n }</span>
                <code>{ for toks.iter().map(|t| html! { <span class={crate::components::editor::token_class(t.kind)}>{ &text[t.start..t.end] }</span> }) }</code>
                if let Some(r) = r { <span class="inline-msg">{ &r.1 }</span> }
            </div>
        }
    });
    html! { <div class="cmp-asm">{ for rows }</div> }
}

/// The compare view.
#[function_component(CompareView)]
pub fn compare_view() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    // Each assembly listing keeps its current (or rejected) line in view.
    use_effect(|| {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(boxes) = doc.query_selector_all(".cmp-asm") else {
            return;
        };
        for i in 0..boxes.length() {
            let Some(b) = boxes
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            else {
                continue;
            };
            let Some(el) = b.query_selector(".cmp-ln.cur, .cmp-ln.rej").ok().flatten() else {
                continue;
            };
            let (br, r) = (b.get_bounding_client_rect(), el.get_bounding_client_rect());
            if r.top() < br.top() || r.bottom() > br.bottom() {
                let y = f64::from(b.scroll_top()) + r.top() - br.top() - br.height() / 3.0;
                b.set_scroll_top(y.max(0.0) as i32);
            }
        }
    });
    let Some(cmp) = ctx.compare.clone() else {
        return html! {};
    };
    let btn = |id: &'static str,
               label: &'static str,
               a: CompareAction,
               enabled: bool,
               title: &'static str| {
        let ctx = ctx.clone();
        let onclick = Callback::from(move |_: MouseEvent| ctx.dispatch(Action::CompareStep(a)));
        html! { <button class="button" data-testid={id} {onclick} disabled={!enabled} {title}>{ label }</button> }
    };
    let close = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.dispatch(Action::CloseCompare))
    };
    let [a, b] = &cmp.sides;
    let verdicts = [a.engine.verdict_text(), b.engine.verdict_text()];
    let summaries = [a.engine.report_summary(), b.engine.report_summary()];
    let exits = [a.engine.exit_text(), b.engine.exit_text()];
    let all_calls: Vec<Vec<Call>> = cmp
        .sides
        .iter()
        .map(|s| s.engine.program().map(|p| calls(&p)).unwrap_or_default())
        .collect();
    let verdict_differs = verdicts[0] != verdicts[1];
    let work_differs = a.engine.stats_line() != b.engine.stats_line();
    let exit_differs = exits[0].is_some() && exits[1].is_some() && exits[0] != exits[1];

    let column = |k: usize| -> Html {
        let side = &cmp.sides[k];
        let other = 1 - k;
        let e = &side.engine;
        let my_calls = &all_calls[k];
        let their: BTreeSet<(&str, &str)> = all_calls[other]
            .iter()
            .map(|c| (c.name.as_str(), c.kind))
            .collect();
        let their_names: BTreeSet<&str> =
            all_calls[other].iter().map(|c| c.name.as_str()).collect();
        let program = e.program();
        let call_lines: Vec<(u32, &'static str)> = program
            .as_ref()
            .map(|p| {
                my_calls
                    .iter()
                    .filter_map(|c| Some((p.lines.get(c.idx).copied().flatten()?.line, c.kind)))
                    .collect()
            })
            .unwrap_or_default();
        let code = match e.c_source() {
            Some(c) => html! {
                <CListing src={SharedC(Rc::clone(&c))} cur_insn={e.current_insn().filter(|_| e.has_session())}
                    rejected={e.rejected_insn()} fault={e.fault_insn()} breakpoints={BTreeSet::new()}
                    on_breakpoint={None::<Callback<(usize, u32)>>} show_insns={true} />
            },
            None => asm_listing(side, &call_lines),
        };
        let ok = summaries[k].as_ref().is_some_and(|s| s.0);
        let helpers = my_calls.iter().filter(|c| c.kind == "helper").count();
        let kfuncs = my_calls.iter().filter(|c| c.kind == "kfunc").count();
        let call_rows = my_calls.iter().map(|c| {
            // The same function called the other way is an encoding
            // difference; a function the other side never calls, another.
            let why = if their.contains(&(c.name.as_str(), c.kind)) {
                None
            } else if their_names.contains(c.name.as_str()) {
                Some(("≠ encoding", "the same function, called the other way on the other side"))
            } else {
                Some(("only here", "the other side never calls it"))
            };
            html! {
                <tr class={classes!("cmp-call", format!("ck-{}", c.kind.replace("bpf-to-bpf", "sub")), why.is_some().then_some("diff"), (e.current_insn() == Some(c.idx) && e.has_session()).then_some("cur"))}
                    data-testid="compare-call" data-kind={c.kind} data-name={c.name.clone()} data-differs={why.is_some().to_string()} title={why.map_or("called the same way on both sides", |w| w.1)}>
                    <td class="num">{ c.idx }</td>
                    <td class="fn">{ &c.name }<span class="enc-sub">{ &c.encoding }</span></td>
                    <td><span class={classes!("badge", format!("ck-{}", c.kind.replace("bpf-to-bpf", "sub")))}>{ c.kind }</span></td>
                    <td class="enc">{ &c.encoding }</td>
                    <td class="why">{ why.map(|w| w.0).unwrap_or_default() }</td>
                </tr>
            }
        });
        let exec = e.exec();
        let dps = exec.as_ref().map(|x| x.dynptrs.clone()).unwrap_or_default();
        let pc = e
            .pc()
            .filter(|_| e.has_session())
            .map_or_else(|| "–".to_string(), |p| p.to_string());
        let verdict = verdicts[k].clone().unwrap_or_else(|| "not verified".into());
        let stats = e.stats_line().unwrap_or_default();
        html! {
            <div class="cmp-side" data-testid="compare-side" data-file={side.file.clone()} data-kernel={side.kernel.name()}>
                <div class="cmp-head">
                    <code class="cmp-file">{ &side.file }</code>
                    <span class="badge" title="the kernel profile this side is verified under">{ format!("kernel {}", side.kernel.name()) }</span>
                    <span class="cmp-title">{ &side.title }</span>
                </div>
                <div class={classes!("verdict", if ok { "ok" } else { "bad" }, verdict_differs.then_some("diff"))}
                    data-testid="compare-verdict" data-differs={verdict_differs.to_string()}>
                    if verdict_differs { <span class="diff-mark" title="the verdicts differ">{ "≠" }</span> }
                    { verdict }
                </div>
                <div class={classes!("vstats", work_differs.then_some("diff"))} data-testid="compare-stats" data-differs={work_differs.to_string()}>
                    if work_differs { <span class="diff-mark" title="the verifier's work differs">{ "≠" }</span> }
                    { stats }
                </div>
                <div class="cmp-code">{ code }</div>
                <div class="cmp-box">
                    <div class="cmp-box-head">
                        <b>{ "Calls" }</b>
                        <span class={classes!("cmp-count", (helpers > 0).then_some("ck-helper"))}>{ format!("{helpers} helper") }</span>
                        <span class={classes!("cmp-count", (kfuncs > 0).then_some("ck-kfunc"))}>{ format!("{kfuncs} kfunc") }</span>
                    </div>
                    <table class="cmp-calls">{ for call_rows }</table>
                </div>
                <div class="cmp-box cmp-now">
                    <div class="cmp-box-head">
                        <b>{ "Now" }</b>
                        <span class="lbl">{ "pc" }</span><b class="mono" data-testid="compare-pc">{ pc }</b>
                        <span class="lbl">{ "steps" }</span><b class="mono">{ e.steps() }</b>
                        if let Some(x) = &exits[k] {
                            <span class={classes!("cmp-exit", exit_differs.then_some("diff"))} data-testid="compare-exit" data-differs={exit_differs.to_string()}>
                                if exit_differs { <span class="diff-mark" title="the results differ">{ "≠" }</span> }
                                { x }
                            </span>
                        }
                    </div>
                    if dps.is_empty() {
                        <p class="empty">{ if e.has_session() { "No dynptr on the stack at this step." } else { "Step to see each side's dynptrs." } }</p>
                    } else {
                        <div class="dp-list">{ for dps.iter().map(dynptr_card) }</div>
                    }
                </div>
            </div>
        }
    };
    let started = cmp.started();
    let ended = cmp.sides.iter().all(|s| s.engine.exit_text().is_some());
    html! {
        <section class="compare" data-testid="compare" aria-label="Compare">
            <div class="toolbar cmp-bar" role="toolbar" aria-label="Step both">
                <span class="cmp-label">{ "Side by side" }</span>
                { btn("compare-step", "Step", CompareAction::Step, !ended, "One instruction on both sides") }
                { btn("compare-step-line", "Step line", CompareAction::StepLine, !ended, "One source line on both sides, over calls") }
                { btn("compare-step-back", "Back", CompareAction::Back, cmp.can_go_back(), "Undo the last step of both sides") }
                { btn("compare-run", "Run", CompareAction::Run, !ended, "Both to the end") }
                { btn("compare-reset", "Reset", CompareAction::Reset, started, "Both back to the first instruction") }
                <span class="sep"></span>
                <span class="cmp-legend"><span class="badge ck-helper">{ "helper" }</span>{ " stable UAPI number " }<span class="badge ck-kfunc">{ "kfunc" }</span>{ " BTF id, may change " }<span class="diff-mark">{ "≠" }</span>{ " differs" }</span>
                <span class="spacer"></span>
                <button class="button ghost" data-testid="compare-close" onclick={close}>{ "Close" }</button>
            </div>
            <div class="cmp-cols">{ column(0) }{ column(1) }</div>
        </section>
    }
}

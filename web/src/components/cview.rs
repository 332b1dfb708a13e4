//! The C view of a clang object: the C source rebuilt from the object's
//! line info, each line followed by the instructions it compiled to, the
//! lines without code folded; the current line and instruction while
//! stepping, the rejected line with the verifier's message, breakpoints
//! in the gutter, and the catalog's documentation on hovering a helper or
//! kfunc name. Drawn in sections that redraw only when something in them
//! changes, so that stepping through an object of thousands of
//! instructions stays fast.

use std::collections::BTreeSet;
use std::rc::Rc;

use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::components::editor::doc_tip;
use crate::components::provenance;
use crate::csource::{CRow, CSource, CTok, CallKind};
use crate::engine::{self, ProvMarker};

/// Rows per section (a section redraws as a whole).
const SECTION_ROWS: usize = 48;

/// A shared C source, compared by identity (it never changes once built).
#[derive(Clone)]
pub struct SharedC(pub Rc<CSource>);

impl PartialEq for SharedC {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What the listing shows.
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The source.
    pub src: SharedC,
    /// The instruction about to execute.
    pub cur_insn: Option<usize>,
    /// The instruction the verifier rejected, with its message.
    pub rejected: Option<(usize, String)>,
    /// The instruction where an (unsafe) run faulted, with the fault.
    pub fault: Option<(usize, String)>,
    /// Breakpoints: (file index, line).
    pub breakpoints: BTreeSet<(usize, u32)>,
    /// A gutter click on (file index, line); none: no breakpoints.
    pub on_breakpoint: Option<Callback<(usize, u32)>>,
    /// Show each line's instructions under it.
    pub show_insns: bool,
    /// The numbered markers of a rejection's provenance chain.
    #[prop_or_default]
    pub markers: Vec<ProvMarker>,
    /// The marker last clicked.
    #[prop_or_default]
    pub picked_marker: Option<usize>,
    /// A click on a marker (its number); none: markers are not clickable.
    #[prop_or_default]
    pub on_marker: Option<Callback<usize>>,
}

fn class_of(k: CTok) -> &'static str {
    match k {
        CTok::Plain => "t-p",
        CTok::Comment => "t-c",
        CTok::Preproc => "t-d",
        CTok::Keyword => "t-k",
        CTok::Type => "t-t",
        CTok::Number | CTok::Str => "t-n",
        CTok::Func => "t-f",
        CTok::Ident => "t-i",
    }
}

/// The marks of one section: only what falls inside it, so that an
/// unchanged section compares equal and is not redrawn.
#[derive(Properties, PartialEq)]
struct SectionProps {
    src: SharedC,
    /// Rows `[start, end)` of `src.rows`.
    start: usize,
    end: usize,
    /// (line index, instruction) of the current instruction, if here.
    cur: Option<(usize, usize)>,
    /// (line index, instruction, message) of the rejection, if here.
    rej: Option<(usize, usize, String)>,
    /// (line index, instruction, message) of the fault, if here.
    fault: Option<(usize, usize, String)>,
    /// Lines with a breakpoint, if here.
    bps: Vec<usize>,
    on_breakpoint: Option<Callback<(usize, u32)>>,
    show_insns: bool,
    /// Provenance markers here: (line index, marker).
    marks: Vec<(usize, ProvMarker)>,
    picked_marker: Option<usize>,
    on_marker: Option<Callback<usize>>,
}

#[function_component(CSection)]
fn c_section(p: &SectionProps) -> Html {
    let c = &p.src.0;
    let rows = c.rows[p.start..p.end].iter().map(|row| match row {
        CRow::File(f) => html! { <div class="c-file">{ c.file_name(*f) }</div> },
        CRow::Fold(n) => html! {
            <div class="c-fold" title="lines without code (the object's line info holds only lines that have code)">
                { format!("⋯ {n} line{}", if *n == 1 { "" } else { "s" }) }
            </div>
        },
        CRow::Line(li) => {
            let li = *li;
            let l = &c.lines[li];
            let cur = p.cur.filter(|c| c.0 == li).map(|c| c.1);
            let rej = p.rej.as_ref().filter(|r| r.0 == li);
            let fault = p.fault.as_ref().filter(|r| r.0 == li);
            let bp = p.bps.contains(&li);
            let marks: Vec<&ProvMarker> = p.marks.iter().filter(|(x, _)| *x == li).map(|(_, m)| m).collect();
            let picked = p.picked_marker;
            let toks = crate::csource::c_tokens(&l.text, &engine::is_func);
            let spans = toks.iter().map(|&(k, a, b)| {
                let text = &l.text[a..b];
                if k == CTok::Func {
                    html! { <span class="t-f" data-fn={text.to_string()}>{ text }</span> }
                } else {
                    html! { <span class={class_of(k)}>{ text }</span> }
                }
            });
            // The provenance markers of the line, in the gutter left of its number.
            let badges = (!marks.is_empty()).then(|| html! {
                <span class="prov-marks">
                    { for marks.iter().map(|m| provenance::badge(m, picked == Some(m.n), p.on_marker.as_ref(), Some("provenance-marker"))) }
                </span>
            });
            let gutter = match &p.on_breakpoint {
                Some(cb) => {
                    let (cb, key) = (cb.clone(), (l.file, l.line));
                    let onclick = Callback::from(move |_: MouseEvent| cb.emit(key));
                    html! {
                        <span class={classes!("c-gl", bp.then_some("bp"))} {onclick}
                            title={ if bp { "Remove breakpoint" } else { "Set breakpoint (stops at the line's first instruction)" } }>
                            { badges.unwrap_or_default() }{ l.line }
                        </span>
                    }
                }
                None => html! { <span class="c-gl">{ badges.unwrap_or_default() }{ l.line }</span> },
            };
            let insns = p.show_insns.then(|| {
                let list = l.insns.iter().zip(&l.gap_before).map(|(i, gap)| {
                    let kind = i.call.map(|k| match k {
                        CallKind::Helper => "k-helper",
                        CallKind::Kfunc => "k-kfunc",
                        CallKind::Subprog => "k-sub",
                    });
                    let is_cur = cur == Some(i.idx);
                    let is_rej = rej.is_some_and(|r| r.1 == i.idx) || fault.is_some_and(|r| r.1 == i.idx);
                    // Which instruction of the line each marker is (no testid:
                    // the marker of the contract is the line's).
                    let tags = marks.iter().filter(|m| m.insn == i.idx).map(|m| {
                        provenance::badge(m, picked == Some(m.n), p.on_marker.as_ref(), None)
                    });
                    html! {
                        <div class={classes!("c-insn", is_cur.then_some("cur"), is_rej.then_some("rej"), gap.then_some("gap"), kind)} data-insn={i.idx.to_string()}>
                            <span class="c-idx">{ i.idx }</span>
                            <span class="c-asm">{ &i.text }</span>
                            <span class="c-prov-tags">{ for tags }</span>
                        </div>
                    }
                });
                html! { <div class="c-insns">{ for list }</div> }
            });
            let msgs = [rej.map(|r| ("c-msg", r.2.clone())), fault.map(|f| ("c-msg fault", f.2.clone()))];
            html! {
                <>
                    <div class={classes!("c-row", cur.is_some().then_some("cur"), (rej.is_some() || fault.is_some()).then_some("rej"))}>
                        { gutter }
                        <code class="c-text" data-testid="c-line" data-line={l.line.to_string()} data-file={c.file_name(l.file).to_string()}
                            data-current={cur.is_some().then_some("true")}
                            data-rejected={rej.is_some().then_some("true")}>{ for spans }</code>
                    </div>
                    { for msgs.into_iter().flatten().map(|(cls, m)| html! { <div class={cls}><span class="c-msg-icon">{ "✖" }</span>{ m }</div> }) }
                    { insns.unwrap_or_default() }
                </>
            }
        }
    });
    html! { <div class="c-sec">{ for rows }</div> }
}

#[derive(Clone, PartialEq)]
struct Hover {
    x: i32,
    y: i32,
    name: String,
    kfunc: bool,
}

/// The C listing.
#[function_component(CListing)]
pub fn c_listing(p: &Props) -> Html {
    let c = &p.src.0;
    let scroller = use_node_ref();
    let hover = use_state(|| None::<Hover>);
    let locate = |insn: Option<usize>| insn.and_then(|i| Some((c.line_of(i)?, i)));
    let cur = locate(p.cur_insn);
    let rej = p
        .rejected
        .as_ref()
        .and_then(|(i, m)| Some((c.line_of(*i)?, *i, m.clone())));
    let fault = p
        .fault
        .as_ref()
        .and_then(|(i, m)| Some((c.line_of(*i)?, *i, m.clone())));
    let bp_lines: Vec<usize> = p
        .breakpoints
        .iter()
        .filter_map(|&(f, l)| c.find(f, l))
        .collect();
    // Which row shows each line, to hand each section only its own marks.
    let row_of = |li: usize| {
        c.rows
            .iter()
            .position(|r| *r == CRow::Line(li))
            .unwrap_or(0)
    };
    let cur_row = cur.map(|(li, _)| row_of(li));
    let rej_row = rej.as_ref().map(|r| row_of(r.0));
    let fault_row = fault.as_ref().map(|r| row_of(r.0));
    let bp_rows: Vec<(usize, usize)> = bp_lines.iter().map(|&li| (row_of(li), li)).collect();
    // (row, line index, marker) of each provenance marker with a C line.
    let mark_rows: Vec<(usize, usize, ProvMarker)> = p
        .markers
        .iter()
        .filter_map(|m| {
            let li = c.line_of(m.insn)?;
            Some((row_of(li), li, m.clone()))
        })
        .collect();
    let sections = (0..c.rows.len()).step_by(SECTION_ROWS).map(|start| {
        let end = (start + SECTION_ROWS).min(c.rows.len());
        let inside = |r: Option<usize>| r.is_some_and(|r| (start..end).contains(&r));
        html! {
            <CSection
                key={start}
                src={p.src.clone()}
                {start}
                {end}
                cur={inside(cur_row).then_some(cur).flatten()}
                rej={inside(rej_row).then(|| rej.clone()).flatten()}
                fault={inside(fault_row).then(|| fault.clone()).flatten()}
                bps={bp_rows.iter().filter(|(r, _)| (start..end).contains(r)).map(|(_, li)| *li).collect::<Vec<_>>()}
                on_breakpoint={p.on_breakpoint.clone()}
                show_insns={p.show_insns}
                marks={mark_rows.iter().filter(|(r, _, _)| (start..end).contains(r)).map(|(_, li, m)| (*li, m.clone())).collect::<Vec<_>>()}
                picked_marker={p.picked_marker.filter(|n| mark_rows.iter().any(|(r, _, m)| m.n == *n && (start..end).contains(r)))}
                on_marker={p.on_marker.clone()}
            />
        }
    });
    // Keep the line that matters in view: the current instruction while
    // stepping, else the rejected one.
    {
        let scroller = scroller.clone();
        let target = p.cur_insn.or(p.rejected.as_ref().map(|r| r.0));
        use_effect_with((target, p.show_insns), move |_| {
            let Some(box_) = scroller.cast::<HtmlElement>() else {
                return;
            };
            let el: Option<Element> = box_
                .query_selector(".c-insn.cur, .c-insn.rej")
                .ok()
                .flatten()
                .or_else(|| {
                    box_.query_selector("[data-current=true], .c-row.rej")
                        .ok()
                        .flatten()
                });
            if let Some(el) = el {
                let b = box_.get_bounding_client_rect();
                let r = el.get_bounding_client_rect();
                if r.top() < b.top() + 4.0 || r.bottom() > b.bottom() - 4.0 {
                    let y = f64::from(box_.scroll_top()) + r.top() - b.top() - b.height() / 3.0;
                    box_.set_scroll_top(y.max(0.0) as i32);
                }
            }
        });
    }
    let onmousemove = {
        let hover = hover.clone();
        Callback::from(move |e: MouseEvent| {
            let name = e
                .target_dyn_into::<Element>()
                .and_then(|t| t.get_attribute("data-fn"));
            let next = name.and_then(|n| {
                let f = engine::doc_for(&n, false)?;
                Some(Hover {
                    x: e.client_x(),
                    y: e.client_y(),
                    name: f.name.to_string(),
                    kfunc: f.is_kfunc(),
                })
            });
            let same = match (&*hover, &next) {
                (Some(h), Some(n)) => h.name == n.name,
                (None, None) => true,
                _ => false,
            };
            if !same {
                hover.set(next);
            }
        })
    };
    let onmouseleave = {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.set(None))
    };
    let tip = hover
        .as_ref()
        .and_then(|h| doc_tip(&h.name, h.kfunc, h.x, h.y));
    // A wider gutter when provenance markers are drawn in it.
    let most = mark_rows
        .iter()
        .map(|(_, li, _)| mark_rows.iter().filter(|(_, l, _)| l == li).count())
        .max()
        .unwrap_or(0);
    let gutter_style = (most > 0).then(|| format!("--gw: {}px", 52 + 19 * most));
    html! {
        <div class="c-source" data-testid="c-source" ref={scroller} style={gutter_style} {onmousemove} {onmouseleave}>
            { for sections }
            { tip.unwrap_or_default() }
        </div>
    }
}

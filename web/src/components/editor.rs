//! The program editor: a plain `textarea` (so typing, pasting, undo and
//! Playwright's `fill` work as everywhere) over a highlighted copy of the
//! text, with a gutter of line numbers and breakpoints, the assembler's
//! error underlined at its line and column, the verifier's rejected
//! instruction marked with its message, the current instruction while
//! stepping, and hover documentation for every helper and kfunc.

use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::AppCtx;
use crate::components::provenance;
use crate::engine;
use crate::highlight::{self, Kind};
use crate::state::Action;

/// Line height of the editor in CSS pixels; `style.css` uses the same.
const LINE_PX: f64 = 20.0;
/// Padding of the text area in CSS pixels; `style.css` uses the same.
const PAD_PX: f64 = 8.0;

#[derive(Clone, PartialEq)]
struct Hover {
    x: i32,
    y: i32,
    name: &'static str,
    kfunc: bool,
}

/// The CSS class of a token kind of the assembly highlighter.
pub fn token_class(k: Kind) -> &'static str {
    match k {
        Kind::Plain => "t-p",
        Kind::Comment => "t-c",
        Kind::Directive => "t-d",
        Kind::Label => "t-l",
        Kind::Register => "t-r",
        Kind::Number => "t-n",
        Kind::Keyword => "t-k",
        Kind::Func => "t-f",
        Kind::Type => "t-t",
        Kind::Ident => "t-i",
    }
}

/// Column (1-based, in characters) to a byte offset of `line`.
fn byte_of_col(line: &str, col: u32) -> usize {
    line.char_indices()
        .nth(col.saturating_sub(1) as usize)
        .map_or(line.len(), |(i, _)| i)
}

/// The documentation of a helper or kfunc from the catalog (prototype,
/// kind, origin, description, return values), as a tooltip at a mouse
/// position: the editor's and the C view's hover.
pub fn doc_tip(name: &str, kfunc: bool, x: i32, y: i32) -> Option<Html> {
    let f = dynptr_play::catalog::all()
        .iter()
        .find(|f| f.name == name && f.is_kfunc() == kfunc)?;
    let kind = match f.kind {
        dynptr_play::catalog::FuncKind::Helper { id } => format!("helper #{id} · stable UAPI"),
        dynptr_play::catalog::FuncKind::Kfunc { btf_id } => {
            format!("kfunc · BTF id {btf_id} · may change")
        }
    };
    Some(html! {
        <div class="doc-tip" role="tooltip" style={format!("left: {}px; top: {}px", x + 14, y + 18)}>
            <div class="doc-sig">{ f.doc.signature }</div>
            <div class="doc-kind">{ kind }{ " · since " }{ f.origin }</div>
            <div class="doc-desc">{ f.doc.description }</div>
            <div class="doc-ret"><b>{ "Returns: " }</b>{ f.doc.returns }</div>
        </div>
    })
}

/// The editor.
#[function_component(Editor)]
pub fn editor() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let st = &*ctx;
    let ta = use_node_ref();
    let layer = use_node_ref();
    let gutter = use_node_ref();
    let measure = use_node_ref();
    let hover = use_state(|| None::<Hover>);

    let oninput = {
        let ctx = ctx.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                ctx.dispatch(Action::Edit(t.value()));
            }
        })
    };
    let sync_scroll = {
        let (ta, layer, gutter) = (ta.clone(), layer.clone(), gutter.clone());
        move || {
            if let Some(t) = ta.cast::<HtmlElement>() {
                if let Some(l) = layer.cast::<HtmlElement>() {
                    l.set_scroll_top(t.scroll_top());
                    l.set_scroll_left(t.scroll_left());
                }
                if let Some(g) = gutter.cast::<HtmlElement>() {
                    g.set_scroll_top(t.scroll_top());
                }
            }
        }
    };
    let onscroll = {
        let sync = sync_scroll.clone();
        Callback::from(move |_: Event| sync())
    };
    // After every render the layer must sit where the text area scrolled to.
    {
        let sync = sync_scroll.clone();
        use_effect(sync);
    }
    // Keep the line that matters in view: the rejected instruction after
    // Verify, the current one while stepping, the assembler's error.
    {
        let target = st
            .engine
            .asm_error
            .as_ref()
            .map(|e| e.line)
            .or_else(|| st.engine.editor_current_line())
            .or_else(|| st.engine.editor_rejection().map(|r| r.0));
        let (ta, sync) = (ta.clone(), sync_scroll.clone());
        use_effect_with(target, move |target| {
            if let (Some(line), Some(t)) = (*target, ta.cast::<HtmlElement>()) {
                let y = f64::from(line.saturating_sub(1)) * LINE_PX + PAD_PX;
                let top = f64::from(t.scroll_top());
                let h = f64::from(t.client_height());
                if y < top || y + LINE_PX * 2.0 > top + h {
                    t.set_scroll_top((y - h / 3.0).max(0.0) as i32);
                    sync();
                }
            }
        });
    }
    let onkeydown = {
        let ctx = ctx.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Tab" && !e.ctrl_key() && !e.alt_key() && !e.meta_key() && !e.shift_key()
            {
                if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                    e.prevent_default();
                    let v = t.value();
                    let start = t.selection_start().ok().flatten().unwrap_or(0) as usize;
                    let end = t.selection_end().ok().flatten().unwrap_or(0) as usize;
                    // selection offsets count UTF-16 units.
                    let units: Vec<u16> = v.encode_utf16().collect();
                    let (a, b) = (
                        start.min(units.len()),
                        end.min(units.len()).max(start.min(units.len())),
                    );
                    let mut out: Vec<u16> = units[..a].to_vec();
                    out.extend("    ".encode_utf16());
                    out.extend_from_slice(&units[b..]);
                    let nv = String::from_utf16_lossy(&out);
                    t.set_value(&nv);
                    let caret = (a + 4) as u32;
                    let _ = t.set_selection_range(caret, caret);
                    ctx.dispatch(Action::Edit(nv));
                }
            }
        })
    };
    let onmousemove = {
        let (hover, measure, src) = (hover.clone(), measure.clone(), st.src.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(t) = e.target_dyn_into::<HtmlElement>() else {
                return;
            };
            let char_w = measure
                .cast::<HtmlElement>()
                .map(|m| m.get_bounding_client_rect().width() / 10.0)
                .filter(|w| *w > 0.0)
                .unwrap_or(8.0);
            let y = f64::from(e.offset_y()) + f64::from(t.scroll_top()) - PAD_PX;
            let x = f64::from(e.offset_x()) + f64::from(t.scroll_left()) - PAD_PX;
            let found = (y >= 0.0 && x >= 0.0)
                .then(|| {
                    let line_no = (y / LINE_PX) as usize;
                    let line = src.split('\n').nth(line_no)?;
                    let col = (x / char_w) as u32 + 1;
                    let at = byte_of_col(line, col);
                    let (a, b) = highlight::word_at(line, at)?;
                    let before = line[..a].trim_end();
                    if before.ends_with("kfunc") {
                        return dynptr_play::catalog::kfunc_by_name(&line[a..b]);
                    }
                    engine::doc_for(&line[a..b], before.ends_with("call"))
                })
                .flatten();
            let next = found.map(|f| Hover {
                x: e.client_x(),
                y: e.client_y(),
                name: f.name,
                kfunc: f.is_kfunc(),
            });
            let same_word = match (&*hover, &next) {
                (Some(h), Some(n)) => h.name == n.name && h.kfunc == n.kfunc,
                (None, None) => true,
                _ => false,
            };
            if !same_word {
                hover.set(next);
            }
        })
    };
    let onmouseleave = {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.set(None))
    };

    let asm_error = st.engine.asm_error.clone();
    // A fault of an unsafe run is marked like a rejection, at its own line.
    let rejected = st.engine.editor_rejection();
    let current = st.engine.editor_current_line();
    let lines: Vec<&str> = st.src.split('\n').collect();
    // The numbered steps of a rejection's provenance chain, by line.
    let markers = st.engine.provenance();
    let picked = st.engine.picked_marker();
    let mut marks_at: std::collections::BTreeMap<u32, Vec<&engine::ProvMarker>> =
        std::collections::BTreeMap::new();
    for m in &markers {
        if let Some(l) = st.engine.editor_line_of(m.insn) {
            marks_at.entry(l).or_default().push(m);
        }
    }
    let on_marker = {
        let ctx = ctx.clone();
        Callback::from(move |n: usize| ctx.dispatch(Action::InspectProvenance(n)))
    };
    // A wider gutter for the markers: the breakpoint dot, the badges, the number.
    let most = marks_at.values().map(Vec::len).max().unwrap_or(0);
    let gutter_style =
        (most > 0).then(|| format!("grid-template-columns: {}px minmax(0, 1fr)", 52 + 19 * most));

    let gutter_html = lines.iter().enumerate().map(|(i, _)| {
        let n = i as u32 + 1;
        let bp = st.breakpoints.contains(&n);
        let marks = marks_at.get(&n).map(|ms| {
            html! {
                <span class="prov-marks">
                    { for ms.iter().map(|m| provenance::badge(m, picked == Some(m.n), Some(&on_marker), Some("provenance-marker"))) }
                </span>
            }
        });
        let onclick = {
            let ctx = ctx.clone();
            Callback::from(move |_: MouseEvent| ctx.dispatch(Action::ToggleBreakpoint(n)))
        };
        let cls = classes!(
            "gl",
            bp.then_some("bp"),
            (current == Some(n)).then_some("cur"),
            (asm_error.as_ref().map(|e| e.line) == Some(n) || rejected.as_ref().map(|r| r.0) == Some(n)).then_some("err"),
        );
        html! { <div class={cls} {onclick} title={ if bp { "Remove breakpoint" } else { "Set breakpoint" } } data-line={n.to_string()}>{ marks.unwrap_or_default() }{ n }</div> }
    });

    let line_html = lines.iter().enumerate().map(|(i, text)| {
        let n = i as u32 + 1;
        let toks = highlight::line(text, &engine::is_func);
        let spans = toks.iter().map(|t| html! { <span class={token_class(t.kind)}>{ &text[t.start..t.end] }</span> });
        let err_here = asm_error.as_ref().filter(|e| e.line == n);
        let squiggle = err_here.map(|e| {
            let at = byte_of_col(text, e.col);
            let end = highlight::word_at(text, at).map_or(at + 1, |(_, b)| b.max(at + 1));
            let start_ch = text[..at.min(text.len())].chars().count();
            let width = text.get(at..end.min(text.len())).map_or(1, |w| w.chars().count().max(1));
            html! { <span class="squiggle" style={format!("left: {start_ch}ch; width: {width}ch")}></span> }
        });
        let msg = err_here
            .map(|e| e.message.clone())
            .or_else(|| rejected.as_ref().filter(|r| r.0 == n).map(|r| r.1.clone()));
        let cls = classes!(
            "ln",
            (current == Some(n)).then_some("cur"),
            err_here.is_some().then_some("err"),
            (rejected.as_ref().map(|r| r.0) == Some(n)).then_some("rej"),
            st.breakpoints.contains(&n).then_some("bp"),
        );
        html! {
            <div class={cls}>
                { for spans }
                { "\u{200b}" }
                { squiggle.unwrap_or_default() }
                if let Some(m) = msg { <span class="inline-msg">{ m }</span> }
            </div>
        }
    });

    let tooltip = hover
        .as_ref()
        .and_then(|h| doc_tip(h.name, h.kfunc, h.x, h.y));

    let err_bar = asm_error.as_ref().map(|e| {
        html! { <div class="asm-error" data-testid="asm-error">{ format!("line {}, column {}: {}", e.line, e.col, e.message) }</div> }
    });

    html! {
        <section class="editor-pane" aria-label="Program">
            <div class={classes!("editor", (!marks_at.is_empty()).then_some("has-prov"))} style={gutter_style}>
                <div class="gutter" ref={gutter}>{ for gutter_html }<div class="gl pad"></div></div>
                <div class="code">
                    <div class="layer" ref={layer} aria-hidden="true">{ for line_html }<div class="ln pad"></div></div>
                    <textarea
                        ref={ta}
                        data-testid="editor"
                        class="input"
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        wrap="off"
                        aria-label="BPF assembly"
                        value={st.src.clone()}
                        {oninput}
                        {onscroll}
                        {onkeydown}
                        {onmousemove}
                        {onmouseleave}
                    />
                    <span class="measure" ref={measure} aria-hidden="true">{ "0000000000" }</span>
                </div>
            </div>
            { err_bar.unwrap_or_default() }
            { tooltip.unwrap_or_default() }
        </section>
    }
}

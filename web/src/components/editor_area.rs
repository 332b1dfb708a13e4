//! The editor area: for a clang object with line info, its C view (with a
//! toggle to the plain disassembly in the editor); for assembly, the
//! editor. A bar above says what is shown and, for a lesson written both
//! ways (helpers and kfuncs), opens the compare view.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::AppCtx;
use crate::components::cview::{CListing, SharedC};
use crate::components::editor::Editor;
use crate::examples;
use crate::state::Action;

/// The editor area.
#[function_component(EditorArea)]
pub fn editor_area() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let st = &*ctx;
    let show_insns = use_state(|| true);
    // One callback for the life of the page: a new one would make every
    // section of the C view differ and redraw at each step.
    let on_breakpoint = {
        let ctx = ctx.clone();
        use_callback((), move |(f, l): (usize, u32), _| {
            ctx.dispatch(Action::ToggleCBreakpoint(f, l))
        })
    };
    let c = st.engine.c_source();
    let on_marker = {
        let ctx = ctx.clone();
        use_callback((), move |n: usize, _| {
            ctx.dispatch(Action::InspectProvenance(n))
        })
    };
    let pair = st.example.as_deref().and_then(|f| {
        examples::gallery()
            .into_iter()
            .find(|e| e.file == f)
            .and_then(|e| e.pair)
            .filter(|p| examples::gallery().iter().any(|e| e.file == *p))
    });
    if c.is_none() && pair.is_none() {
        return html! { <div class="editor-area"><Editor /></div> };
    }
    let toggle = c.as_ref().map(|c| {
        let files = c.files.len();
        let to_c = {
            let ctx = ctx.clone();
            Callback::from(move |_: MouseEvent| ctx.dispatch(Action::ShowAsm(false)))
        };
        let to_asm = {
            let ctx = ctx.clone();
            Callback::from(move |_: MouseEvent| ctx.dispatch(Action::ShowAsm(true)))
        };
        let flip = {
            let show_insns = show_insns.clone();
            Callback::from(move |_: MouseEvent| show_insns.set(!*show_insns))
        };
        html! {
            <>
                <div class="seg" role="group" aria-label="View">
                    <button class={classes!("seg-b", (!st.show_asm).then_some("on"))} data-testid="view-c" onclick={to_c}
                        title="The C source from the object's line info">{ "C source" }</button>
                    <button class={classes!("seg-b", st.show_asm.then_some("on"))} data-testid="view-asm" onclick={to_asm}
                        title="The plain disassembly, editable">{ "Disassembly" }</button>
                </div>
                if !st.show_asm {
                    <label class="check" title="Show each C line's instructions under it">
                        <input type="checkbox" checked={*show_insns} onclick={flip} data-testid="c-insns-toggle" />
                        { "instructions" }
                    </label>
                    <span class="vb-file" title={c.files.join(", ")}>
                        { c.file_name(0).to_string() }
                        if files > 1 { { format!(" +{}", files - 1) } }
                    </span>
                }
            </>
        }
    });
    let compare = pair.map(|p| {
        let ctx = ctx.clone();
        let onclick = Callback::from(move |_: MouseEvent| ctx.dispatch(Action::OpenCompare));
        html! {
            <button class="button small vb-compare" data-testid="open-compare" {onclick}
                title="Open this lesson and its pair side by side, each verified under its own kernel profile and stepped together">
                { "⇄ Compare with " }<code>{ p }</code>
            </button>
        }
    });
    let body = match &c {
        Some(c) if !st.show_asm => {
            let e = &st.engine;
            html! {
                <section class="editor-pane c-pane" aria-label="C source">
                    <CListing
                        src={SharedC(Rc::clone(c))}
                        cur_insn={e.current_insn().filter(|_| e.has_session())}
                        rejected={e.rejected_insn()}
                        fault={e.fault_insn()}
                        breakpoints={st.c_breakpoints.clone()}
                        on_breakpoint={Some(on_breakpoint)}
                        show_insns={*show_insns}
                        markers={e.provenance()}
                        picked_marker={e.picked_marker()}
                        on_marker={Some(on_marker)}
                    />
                </section>
            }
        }
        _ => html! { <Editor /> },
    };
    html! {
        <div class="editor-area">
            <div class="view-bar">
                { toggle.unwrap_or_default() }
                <span class="spacer"></span>
                { compare.unwrap_or_default() }
            </div>
            { body }
        </div>
    }
}

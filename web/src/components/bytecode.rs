//! The bytecode: every instruction slot with its 8 bytes, its fields and
//! its text; calls say whether they are a helper (a stable number) or a
//! kfunc (`src_reg = BPF_PSEUDO_KFUNC_CALL` and a BTF id), which is how
//! the same program written both ways differs on the wire.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::AppCtx;
use crate::view::InsnView;

/// Rows per section: a step redraws only the sections whose current row
/// changed, so that objects of thousands of instructions step fast.
const SECTION_ROWS: usize = 64;

#[derive(Properties)]
struct SectionProps {
    insns: Rc<Vec<InsnView>>,
    start: usize,
    end: usize,
    /// The current instruction, when it is in this section.
    pc: Option<usize>,
}

impl PartialEq for SectionProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.insns, &o.insns)
            && (self.start, self.end, self.pc) == (o.start, o.end, o.pc)
    }
}

#[function_component(Section)]
fn section(p: &SectionProps) -> Html {
    let rows = p.insns[p.start..p.end].iter().map(|i| {
        let (code, dst, src, off, imm) = i.fields;
        html! {
            <tr class={classes!((Some(i.idx) == p.pc).then_some("cur"), i.call.as_ref().map(|c| if c.starts_with("kfunc") { "kf" } else { "hc" }))} data-testid="insn">
                <td class="num">{ i.idx }</td>
                <td class="hexs">{ &i.bytes }</td>
                <td class="fields">{ format!("{code:#04x} {dst} {src} {off} {imm}") }</td>
                <td class="txt">{ &i.text }
                    if let Some(c) = &i.call {
                        <span class="callkind" title={if c.starts_with("kfunc") { "BPF_PSEUDO_KFUNC_CALL: the loader resolved the name to a BTF id; kfuncs may change between kernels" } else { "a helper number: stable UAPI, never removed" }}>{ c }</span>
                    }
                </td>
            </tr>
        }
    });
    html! { <tbody>{ for rows }</tbody> }
}

/// The bytecode panel.
#[function_component(Bytecode)]
pub fn bytecode() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let pc = ctx.engine.pc();
    let Some(insns) = ctx.engine.bytecode() else {
        return html! { <section class="panel bytecode" data-panel-id="bytecode"><p class="empty">{ "Verify (Ctrl+Enter) to see the encoded instructions." }</p></section> };
    };
    let helpers = insns
        .iter()
        .filter(|i| i.call.as_deref().is_some_and(|c| c.starts_with("helper")))
        .count();
    let kfuncs = insns
        .iter()
        .filter(|i| i.call.as_deref().is_some_and(|c| c.starts_with("kfunc")))
        .count();
    let sections = (0..insns.len()).step_by(SECTION_ROWS).map(|start| {
        let end = (start + SECTION_ROWS).min(insns.len());
        let pc = pc.filter(|p| (start..end).contains(p));
        html! { <Section key={start} insns={insns.clone()} {start} {end} {pc} /> }
    });
    html! {
        <section class="panel bytecode" data-panel-id="bytecode" aria-label="Bytecode">
            <div class="bc-head">{ format!("{} slots · {helpers} helper call(s) · {kfuncs} kfunc call(s)", insns.len()) }</div>
            <table class="insns">
                <thead><tr><th>{ "#" }</th><th>{ "bytes" }</th><th>{ "code dst src off imm" }</th><th>{ "instruction" }</th></tr></thead>
                { for sections }
            </table>
        </section>
    }
}

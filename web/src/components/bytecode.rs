//! The bytecode: every instruction slot with its 8 bytes, its fields and
//! its text; calls say whether they are a helper (a stable number) or a
//! kfunc (`src_reg = BPF_PSEUDO_KFUNC_CALL` and a BTF id), which is how
//! the same program written both ways differs on the wire.

use yew::prelude::*;

use crate::app::AppCtx;

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
    let rows = insns.iter().map(|i| {
        let (code, dst, src, off, imm) = i.fields;
        html! {
            <tr class={classes!((Some(i.idx) == pc).then_some("cur"), i.call.as_ref().map(|c| if c.starts_with("kfunc") { "kf" } else { "hc" }))} data-testid="insn">
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
    html! {
        <section class="panel bytecode" data-panel-id="bytecode" aria-label="Bytecode">
            <div class="bc-head">{ format!("{} slots · {helpers} helper call(s) · {kfuncs} kfunc call(s)", insns.len()) }</div>
            <table class="insns">
                <tr><th>{ "#" }</th><th>{ "bytes" }</th><th>{ "code dst src off imm" }</th><th>{ "instruction" }</th></tr>
                { for rows }
            </table>
        </section>
    }
}

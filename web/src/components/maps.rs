//! Maps, globals, and the `bpf_trace_printk` output. Values print as C by
//! their BTF type when the object has one (`struct sample { pid = 42, ... }`);
//! the bytes are in each value's tooltip.

use yew::prelude::*;

use crate::app::AppCtx;

/// The maps panel.
#[function_component(Maps)]
pub fn maps() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let exec = ctx.engine.exec();
    let Some(x) = exec.as_ref() else {
        return html! { <section class="panel maps" data-panel-id="maps"><p class="empty">{ "Step or Run to see maps, globals and trace output." }</p></section> };
    };
    html! {
        <section class="panel maps" data-panel-id="maps" aria-label="Maps and output">
            { for x.maps.iter().map(|m| html! {
                <div class="map" data-testid="map" data-name={m.name.clone()}>
                    <div class="map-head"><b>{ &m.name }</b><span class="badge">{ &m.kind }</span></div>
                    if m.entries.is_empty() { <p class="empty">{ "empty" }</p> } else {
                        <table class="entries">
                            { for m.entries.iter().map(|e| html! {
                                <tr data-testid="map-entry">
                                    <td class="k">{ &e.key }</td>
                                    <td class="v" title={format!("bytes: {}", e.hex)}>{ &e.value }</td>
                                </tr>
                            }) }
                        </table>
                    }
                </div>
            }) }
            <h4>{ "bpf_trace_printk" }</h4>
            <pre class="trace" data-testid="trace">{ if x.trace.is_empty() { "(nothing printed)".to_string() } else { x.trace.join("\n") } }</pre>
        </section>
    }
}

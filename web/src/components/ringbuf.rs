//! The ring buffer: the data area as a ring with producer and consumer
//! positions, each record with its header and state, and what the consumer
//! reads.

use yew::prelude::*;

use crate::app::AppCtx;
use crate::view::RingbufView;

/// Length of a record header (`BPF_RINGBUF_HDR_SZ`).
const HDR: u32 = 8;

fn ring(rb: &RingbufView) -> Html {
    let size = rb.size.max(1);
    let pct = |x: u64| (x % u64::from(size)) as f64 * 100.0 / f64::from(size);
    let recs = rb.records.iter().map(|r| {
        let total = (r.len + HDR + 7) / 8 * 8;
        let left = f64::from(r.pos % size) * 100.0 / f64::from(size);
        let width = (f64::from(total) * 100.0 / f64::from(size)).max(0.6);
        let style = format!("left: {left:.3}%; width: {width:.3}%");
        html! {
            <div class={classes!("rec", format!("rs-{}", r.state))} {style}
                title={format!("header @{}: {}{} len {}", r.pos, if r.state == "busy" { "BUSY " } else { "" }, if r.state == "discarded" { "DISCARD " } else { "" }, r.len)}></div>
        }
    });
    let rows = rb.records.iter().map(|r| {
        let hex: String = r.data.iter().take(32).map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" ");
        html! {
            <tr data-testid="ringbuf-record" data-state={r.state.clone()} data-len={r.len.to_string()} data-pos={r.pos.to_string()}>
                <td class="num">{ r.pos }</td>
                <td><span class={classes!("badge", format!("rs-{}", r.state))}>{ &r.state }</span></td>
                <td class="num">{ r.len }</td>
                <td class="hexs">{ hex }{ if r.data.len() > 32 { " …" } else { "" } }</td>
            </tr>
        }
    });
    let visible: Vec<_> = rb.records.iter().filter(|r| r.state == "submitted").collect();
    html! {
        <div class="rb">
            <div class="rb-head">
                <b>{ &rb.name }</b>
                <span>{ format!("data area {} bytes", rb.size) }</span>
                <span class="pos">{ format!("producer {}", rb.producer) }</span>
                <span class="pos">{ format!("consumer {}", rb.consumer) }</span>
            </div>
            <div class="rb-ring" aria-hidden="true">
                { for recs }
                <div class="mark prod" style={format!("left: {:.3}%", pct(rb.producer))} title="producer"></div>
                <div class="mark cons" style={format!("left: {:.3}%", pct(rb.consumer))} title="consumer"></div>
            </div>
            if rb.records.is_empty() { <p class="empty">{ "No record reserved yet." }</p> } else {
                <table class="records">
                    <tr><th>{ "hdr @" }</th><th>{ "state" }</th><th>{ "len" }</th><th>{ "payload" }</th></tr>
                    { for rows }
                </table>
            }
            <div class="consumer" data-testid="ringbuf-consumer">
                { format!("The consumer sees {} submitted record(s)", visible.len()) }
                { for visible.iter().map(|r| html! { <code>{ format!("{} bytes", r.len) }</code> }) }
            </div>
        </div>
    }
}

/// The ring buffer panel.
#[function_component(Ringbuf)]
pub fn ringbuf() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let exec = ctx.engine.exec();
    let body = match exec.as_ref() {
        Some(x) if !x.ringbufs.is_empty() => html! { <>{ for x.ringbufs.iter().map(ring) }</> },
        Some(_) => html! { <p class="empty">{ "This program declares no ring buffer." }</p> },
        None => html! { <p class="empty">{ "Step or Run to see the ring buffer's records." }</p> },
    };
    html! { <section class="panel ringbuf" data-panel-id="ringbuf" aria-label="Ring buffer">{ body }</section> }
}

//! The ring buffer: the data area as a ring with producer and consumer
//! positions, each record with its header and state, and what the consumer
//! reads.

use yew::prelude::*;

use crate::app::AppCtx;
use crate::view::RingbufView;

/// Length of a record header (`BPF_RINGBUF_HDR_SZ`).
const HDR: u32 = 8;

fn ring(rb: &RingbufView) -> Html {
    // Records are drawn in producer-position space (which never wraps),
    // zoomed to the part of the ring in use, so a 16-byte record in a
    // 4096-byte ring is still visible; the scale says what is shown.
    let base = rb
        .records
        .first()
        .map_or(rb.consumer, |r| r.prod_pos)
        .min(rb.consumer);
    let used = rb.producer.saturating_sub(base);
    let span = used
        .div_ceil(64)
        .saturating_mul(64)
        .max(128)
        .min(u64::from(rb.size.max(1)).max(used));
    let pct = |x: u64| (x.saturating_sub(base) as f64 * 100.0 / span as f64).clamp(0.0, 100.0);
    let recs = rb.records.iter().map(|r| {
        let total = u64::from((r.len + HDR).div_ceil(8) * 8);
        let style = format!("left: {:.3}%; width: {:.3}%", pct(r.prod_pos), (total as f64 * 100.0 / span as f64).max(0.8));
        let hdr_w = (f64::from(HDR) * 100.0 / total as f64).min(50.0);
        html! {
            <div class={classes!("rec", format!("rs-{}", r.state))} {style}
                title={format!("header @{}: {}{}len {}", r.pos, if r.state == "busy" { "BUSY " } else { "" }, if r.state == "discarded" { "DISCARD " } else { "" }, r.len)}>
                <span class="hdr" style={format!("width: {hdr_w:.2}%")}></span>
                <span class="rec-label">{ format!("{} B", r.len) }</span>
            </div>
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
    let visible: Vec<_> = rb
        .records
        .iter()
        .filter(|r| r.state == "submitted")
        .collect();
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
                <div class="mark prod" style={format!("left: {:.3}%", pct(rb.producer))} title="producer"><span>{ "P" }</span></div>
                <div class="mark cons" style={format!("left: {:.3}%", pct(rb.consumer))} title="consumer"><span>{ "C" }</span></div>
            </div>
            <div class="rb-scale"><span>{ base }</span><span>{ format!("producer positions {base}..{} of a {}-byte ring (8-byte header + data, 8-aligned)", base + span, rb.size) }</span><span>{ base + span }</span></div>
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

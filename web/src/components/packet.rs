//! The packet: hex and ASCII with headroom, data, data_end and fragments
//! marked; an editable input (hex, or a template).

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::app::AppCtx;
use crate::state::Action;

/// Templates of input packets: (label, hex).
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "Ethernet / IPv4 / UDP, payload \"hello dynptr\"",
        "ffffffffffff 020000000001 0800 4500002800010000401100000a0000010a000002 303900350014 0000 68656c6c6f2064796e707472",
    ),
    (
        "Ethernet / IPv4 / TCP, payload \"GET /\"",
        "ffffffffffff 020000000001 0800 4500002d00010000400600000a0000010a000002 d431005000000001000000005002ffff00000000 474554202f",
    ),
    ("64 bytes 00..3f", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"),
];

fn ascii(b: u8) -> char {
    if (0x20..0x7f).contains(&b) {
        b as char
    } else {
        '·'
    }
}

/// The packet panel.
#[function_component(Packet)]
pub fn packet() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let st = &*ctx;
    let oninput = {
        let ctx = ctx.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                ctx.dispatch(Action::SetPacket(t.value()));
            }
        })
    };
    let templates = TEMPLATES.iter().map(|(label, hex)| {
        let ctx = ctx.clone();
        let hex = hex.to_string();
        let onclick =
            Callback::from(move |_: MouseEvent| ctx.dispatch(Action::SetPacket(hex.clone())));
        html! { <button class="button small ghost" {onclick}>{ *label }</button> }
    });
    let exec = st.engine.exec();
    let dump = exec.as_ref().and_then(|x| x.packet.as_ref()).map(|p| {
        // Show the end of the headroom only: enough to see the data marker
        // move when bpf_xdp_adjust_head grows the packet.
        let first_row = p.data.saturating_sub(32) / 16;
        let hidden = first_row * 16;
        let rows = p.bytes.chunks(16).enumerate().skip(first_row).map(|(r, chunk)| {
            let base = r * 16;
            let cell = |i: usize, b: u8| {
                let at = base + i;
                let cls = classes!(
                    if at < p.data { "head" } else if at < p.data_end { "data" } else { "tail" },
                    (at == p.data).then_some("m-data"),
                    (at == p.data_end).then_some("m-end"),
                    (Some(at) == p.meta).then_some("m-meta"),
                );
                html! { <span class={cls}>{ format!("{b:02x}") }</span> }
            };
            html! {
                <div class="hexrow">
                    <span class="addr">{ format!("{base:04x}") }</span>
                    <span class="hex">{ for chunk.iter().enumerate().map(|(i, b)| cell(i, *b)) }</span>
                    <span class="asc">{ chunk.iter().map(|b| ascii(*b)).collect::<String>() }</span>
                </div>
            }
        });
        html! {
            <div class="pkt" data-testid="packet" data-data={p.data.to_string()} data-data-end={p.data_end.to_string()} data-len={p.bytes.len().to_string()}>
                <div class="legend">
                    <span class="head">{ format!("headroom {}", p.data) }</span>
                    <span class="data">{ format!("data [{}, {})", p.data, p.data_end) }</span>
                    <span class="tail">{ format!("tailroom {}", p.bytes.len().saturating_sub(p.data_end)) }</span>
                    if !p.frags.is_empty() { <span class="frag">{ format!("{} fragment(s)", p.frags.len()) }</span> }
                </div>
                if hidden > 0 { <div class="hexrow more">{ format!("… {hidden} more bytes of headroom") }</div> }
                { for rows }
                { for p.frags.iter().map(|(label, bytes)| html! {
                    <div class="fragrow"><span class="addr">{ label.clone() }</span><span class="hex">{ bytes.iter().map(|b| format!("{b:02x} ")).collect::<String>() }</span></div>
                }) }
            </div>
        }
    });
    html! {
        <section class="panel packet" data-panel-id="packet" aria-label="Packet">
            <div class="pkt-input">
                <label for="packet-hex">{ "Input packet (hex; empty for the default)" }</label>
                <textarea id="packet-hex" data-testid="packet-input" spellcheck="false" rows="3" value={st.packet_hex.clone()} {oninput} />
                <div class="templates">{ for templates }</div>
            </div>
            { dump.unwrap_or_else(|| html! { <p class="empty">{ if st.prog_type.has_packet() { "Step or Run to see the packet with its markers." } else { "This program type has no packet (choose xdp, tc, cgroup_skb or socket)." } }</p> }) }
        </section>
    }
}

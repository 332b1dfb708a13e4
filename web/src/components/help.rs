//! The help overlay: keyboard shortcuts and what the panels show.

use yew::prelude::*;

use crate::app::{AppCtx, SHORTCUTS};
use crate::state::Action;

/// The help overlay.
#[function_component(Help)]
pub fn help() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let close = Callback::from(move |_: MouseEvent| ctx.dispatch(Action::ToggleHelp));
    html! {
        <div class="overlay" data-testid="help-overlay" onclick={close.clone()}>
            <div class="dialog" role="dialog" aria-label="Help" onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <h2>{ "Keyboard shortcuts" }</h2>
                <table class="keys">
                    { for SHORTCUTS.iter().map(|(k, what)| html! { <tr><td><kbd>{ *k }</kbd></td><td>{ *what }</td></tr> }) }
                </table>
                <h2>{ "Tips" }</h2>
                <ul>
                    <li>{ "Click a line number to set a breakpoint; Continue stops there." }</li>
                    <li>{ "Hover a helper or kfunc name (or the number after call) for its prototype and error codes." }</li>
                    <li>{ "Click a line of the verifier log to see the abstract state at that instruction." }</li>
                    <li>{ "Share copies a link with the program, its type and the packet; your work is also saved in this browser." }</li>
                    <li>{ "Embed a panel in a page with ?embed&panel=dynptrs (or ringbuf, packet, verifier, stack, calls, maps, registers)." }</li>
                </ul>
                <button class="button" onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}

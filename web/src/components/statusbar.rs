//! The status bar: the last message, whether the draft is saved, and the
//! verdict in short.

use yew::prelude::*;

use crate::app::AppCtx;

/// The status bar.
#[function_component(StatusBar)]
pub fn status_bar() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let st = &*ctx;
    let notice = st.notice.as_ref().map(|n| {
        html! { <span class={classes!("notice", n.error.then_some("error"))} data-testid="notice">{ n.text.clone() }</span> }
    });
    html! {
        <footer class="statusbar">
            { notice.unwrap_or_default() }
            <span class="spacer"></span>
            if st.engine.stale { <span class="stale" title="The text changed since the last Verify">{ "edited since last verify" }</span> }
            <span class={classes!("saved", (!st.saved).then_some("error"))} data-testid="saved">
                { if st.saved { "saved in this browser" } else { "NOT saved: this browser refuses local storage" } }
            </span>
        </footer>
    }
}

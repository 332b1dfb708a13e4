//! The Dynptr Playground page: write, verify, run and step through BPF
//! programs that use dynptrs, all in the browser.
//!
//! State lives in one reducer (`state`); `engine` is the only module that
//! calls the engine; each panel is one component in `components/`; the
//! verifier runs in a Web Worker (`worker`) so that the page never waits.

mod app;
mod compare;
mod components;
mod csource;
mod engine;
mod examples;
mod highlight;
mod present;
mod share;
mod state;
mod storage;
mod view;
mod worker;

fn main() {
    // The same module runs in the verifier's worker (`worker`), which has
    // no window and draws nothing.
    if web_sys::window().is_none() {
        return;
    }
    yew::Renderer::<app::App>::new().render();
}

//! The Dynptr Playground page: write, verify, run and step through BPF
//! programs that use dynptrs, all in the browser.
//!
//! State lives in one reducer (`state`); `engine` is the only module that
//! calls the engine; each panel is one component in `components/`.

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

fn main() {
    yew::Renderer::<app::App>::new().render();
}

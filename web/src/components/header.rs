//! The header: the examples gallery, the program type, opening a file,
//! sharing a link, the theme and the help.

use std::collections::BTreeMap;

use dynptr_play::program::ProgType;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{FileReader, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::AppCtx;
use crate::examples;
use crate::share;
use crate::state::{prog_type_by_name, Action, Theme};
use dynptr_play::verifier::KernelProfile;

/// The program types the selector offers (the five, plus `tp`).
const SELECTABLE: [ProgType; 7] = ProgType::ALL;

/// Reads a file the user opened or dropped: an ELF object or assembly text.
pub(crate) fn read_file(file: web_sys::File, ctx: AppCtx) {
    let name = file.name();
    let Ok(reader) = FileReader::new() else {
        return;
    };
    let r2 = reader.clone();
    let onload = Closure::once(move |_: Event| {
        let Ok(result) = r2.result() else { return };
        let bytes = js_sys::Uint8Array::new(&result).to_vec();
        if bytes.starts_with(b"\x7fELF") {
            ctx.dispatch(Action::OpenElf(name, bytes));
        } else {
            match String::from_utf8(bytes) {
                Ok(text) => ctx.dispatch(Action::OpenText(name, text)),
                Err(_) => ctx.dispatch(Action::Notify(
                    format!("{name} is neither text nor an ELF object"),
                    true,
                )),
            }
        }
    });
    reader.set_onload(Some(onload.as_ref().unchecked_ref()));
    // The reader calls back once; the closure lives until then.
    onload.forget();
    let _ = reader.read_as_array_buffer(&file);
}

/// The header bar.
#[function_component(Header)]
pub fn header() -> Html {
    let ctx = use_context::<AppCtx>().expect("the app provides its state");
    let st = &*ctx;

    let on_example = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                let v = s.value();
                if !v.is_empty() {
                    ctx.dispatch(Action::LoadExample(v));
                }
            }
        })
    };
    let on_type = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            if let Some(t) = e
                .target_dyn_into::<HtmlSelectElement>()
                .and_then(|s| prog_type_by_name(&s.value()))
            {
                ctx.dispatch(Action::SetProgType(t));
            }
        })
    };
    let on_kernel = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            if let Some(k) = e
                .target_dyn_into::<HtmlSelectElement>()
                .and_then(|s| KernelProfile::from_name(&s.value()))
            {
                ctx.dispatch(Action::SetKernel(k));
            }
        })
    };
    let on_file = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                if let Some(f) = input.files().and_then(|l| l.get(0)) {
                    read_file(f, ctx.clone());
                }
                // Opening the same file again must fire `change` again.
                input.set_value("");
            }
        })
    };
    let on_share = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            let frag = share::encode(&ctx.shared());
            let Some(w) = web_sys::window() else { return };
            let loc = w.location();
            let base = format!(
                "{}{}{}",
                loc.origin().unwrap_or_default(),
                loc.pathname().unwrap_or_default(),
                loc.search().unwrap_or_default()
            );
            let url = format!("{base}#{frag}");
            if let Ok(h) = w.history() {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
            let _ = w.navigator().clipboard().write_text(&url);
            ctx.dispatch(Action::Notify(
                format!(
                    "Link copied ({} characters): it reproduces this program, type and packet.",
                    url.len()
                ),
                false,
            ));
        })
    };
    let on_theme = {
        let ctx = ctx.clone();
        let next = if st.theme == Theme::Dark {
            Theme::Light
        } else {
            Theme::Dark
        };
        Callback::from(move |_: MouseEvent| ctx.dispatch(Action::SetTheme(next)))
    };
    let on_help = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.dispatch(Action::ToggleHelp))
    };

    let mut groups: BTreeMap<usize, (String, Vec<examples::Example>)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for e in examples::gallery() {
        let gi = match order.iter().position(|g| *g == e.group) {
            Some(i) => i,
            None => {
                order.push(e.group.clone());
                order.len() - 1
            }
        };
        groups
            .entry(gi)
            .or_insert_with(|| (e.group.clone(), Vec::new()))
            .1
            .push(e);
    }
    let current = st.example.clone().unwrap_or_default();
    let options = groups.into_values().map(|(g, list)| {
        html! {
            <optgroup label={g}>
                { for list.into_iter().map(|e| html! {
                    <option value={e.file.clone()} selected={e.file == current}>{ e.title }</option>
                }) }
            </optgroup>
        }
    });
    let stash = st.stash.as_ref().map(|d| {
        let restore = {
            let ctx = ctx.clone();
            Callback::from(move |_: MouseEvent| ctx.dispatch(Action::RestoreStash))
        };
        let dismiss = {
            let ctx = ctx.clone();
            Callback::from(move |_: MouseEvent| ctx.dispatch(Action::DismissStash))
        };
        let lines = d.src.lines().count();
        html! {
            <div class="stash" data-testid="stash">
                <span class="stash-text" title={format!("Your previous program ({lines} lines) was kept.")}>{ "Your program was kept." }</span>
                <button class="link" data-testid="restore" onclick={restore} title="Put your previous program back in the editor">{ "Restore it" }</button>
                <button class="link quiet" onclick={dismiss}>{ "Forget it" }</button>
            </div>
        }
    });
    let progs = st.engine.elf_programs();

    html! {
        <header class="header">
            <div class="brand">
                <img src="icon.svg" alt="" width="22" height="22" />
                <span class="title">{ "Dynptr Playground" }</span>
            </div>
            <label class="field grow">
                <span>{ "Example" }</span>
                <select data-testid="example-select" onchange={on_example}>
                    <option value="" selected={current.is_empty()}>{ if st.dirty { "(your program)" } else { "Choose…" } }</option>
                    { for options }
                </select>
            </label>
            <label class="field">
                <span>{ "Type" }</span>
                <select data-testid="prog-type" onchange={on_type}>
                    { for SELECTABLE.iter().map(|t| html! {
                        <option value={t.name()} selected={*t == st.prog_type} title={t.kernel_name()}>{ t.name() }</option>
                    }) }
                </select>
            </label>
            <label class="field">
                <span>{ "Kernel" }</span>
                <select data-testid="kernel" onchange={on_kernel}
                    title="The kernel whose verifier is imitated: the series' era (v6.1/v6.2) or Linux 6.18">
                    { for KernelProfile::ALL.iter().map(|k| html! {
                        <option value={k.name()} selected={*k == st.kernel}>{ k.name() }</option>
                    }) }
                </select>
            </label>
            if progs.len() > 1 {
                <label class="field grow prog">
                    <span>{ "Program" }</span>
                    <select data-testid="prog-select" onchange={
                        let ctx = ctx.clone();
                        Callback::from(move |e: Event| {
                            if let Some(i) = e.target_dyn_into::<HtmlSelectElement>().and_then(|s| s.value().parse::<usize>().ok()) {
                                ctx.dispatch(Action::SelectProg(i));
                            }
                        })
                    }>
                        { for progs.iter().enumerate().map(|(i, (name, sel))| html! {
                            <option value={i.to_string()} selected={*sel}>{ name.clone() }</option>
                        }) }
                    </select>
                </label>
            }
            <label class="button ghost file" title="Open a .s file or a clang-built .o object">
                { "Open…" }
                <input type="file" data-testid="open-file" accept=".s,.asm,.o,.txt" onchange={on_file} />
            </label>
            { stash.unwrap_or_default() }
            <div class="spacer"></div>
            <button class="button ghost" data-testid="share" onclick={on_share} title="Copy a link that reproduces this session">{ "Share" }</button>
            <button class="button ghost icon" data-testid="theme" onclick={on_theme} title="Switch theme" aria-label="Switch theme">
                { if st.theme == Theme::Dark { "☀" } else { "☾" } }
            </button>
            <button class="button ghost icon" data-testid="help" onclick={on_help} title="Keyboard shortcuts (F1)" aria-label="Help">{ "?" }</button>
        </header>
    }
}

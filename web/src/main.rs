//! The Dynptr Playground page.
use yew::prelude::*;

#[function_component(App)]
fn app() -> Html {
    html! { <main class="app"><h1>{ "Dynptr Playground" }</h1></main> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}

//! The smallest page the app's stack can make: one input and a figure computed from it, so
//! the benchmark can set the app's bytes and start-up time beside Leptos's own floor.
use leptos::prelude::*;

#[component]
fn Bare() -> impl IntoView {
    let (text, set_text) = signal(String::from("3990.84"));
    let doubled = move || {
        text.with(|t| {
            t.trim()
                .parse::<f64>()
                .map_or("—".to_string(), |v| format!("{:.2}", v * 2.0))
        })
    };
    view! {
        <input id="amount" prop:value=text on:input=move |ev| set_text.set(event_target_value(&ev))/>
        <output id="total">{doubled}</output>
    }
}

fn main() {
    leptos::mount::mount_to_body(Bare);
}

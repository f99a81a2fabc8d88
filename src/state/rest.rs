//! The rest of the program's code, in a split build.
//!
//! The served build's wasm comes in two parts (scripts/split.mjs): the code a first visit runs
//! to show the sample's editor and take typing in it, and the rest, which index.html fetches
//! once the first part is in and instantiates while the first screen is built
//! (`window.selfevalRest`, scripts/rest.js). What needs the rest (the editor's deferred blocks, the draft list,
//! the summary) waits for it here; anything else calling into it early still works, as the
//! loader then fetches it synchronously.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether the rest of the code is in: at once where the build is not split (the single
/// file, the wasm-bindgen tests).
#[derive(Clone, Copy)]
pub struct Rest {
    loaded: RwSignal<bool>,
}

impl Rest {
    /// Watch for the rest to arrive.
    pub fn watch() -> Self {
        let loaded = RwSignal::new(false);
        match arrived() {
            None => loaded.set(true),
            Some(arrived) => leptos::task::spawn_local(async move {
                // a failed fetch settles it too (index.html logs it): the code then loads on
                // first use
                let _ = wasm_bindgen_futures::JsFuture::from(arrived).await;
                loaded.set(true);
            }),
        }
        Rest { loaded }
    }

    /// Tracked.
    pub fn loaded(self) -> bool {
        self.loaded.get()
    }
}

/// `window.selfevalRest.arrived`: a promise settled once the rest is instantiated; `None`
/// where nothing is split.
fn arrived() -> Option<js_sys::Promise> {
    let rest = js_sys::Reflect::get(&window(), &"selfevalRest".into()).ok()?;
    js_sys::Reflect::get(&rest, &"arrived".into())
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

/// "正在载入…" while the rest of the code is on its way: shown only if that takes a moment
/// (`.loading-note` appears after 300 ms), so a fast line never flashes it.
#[component]
pub fn RestPending() -> impl IntoView {
    let rest = expect_context::<Rest>();
    view! {
        <Show when=move || !rest.loaded()>
            <p class="loading-note" role="status">"正在载入其余部分…"</p>
        </Show>
    }
}

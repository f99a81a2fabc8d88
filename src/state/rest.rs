//! The rest of the program's code, in a split build.
//!
//! The served build's wasm comes in two parts (scripts/split.mjs): the code a first visit runs
//! to show the sample's editor and take typing in it, and the rest, which index.html fetches
//! once the first part is in and instantiates while the first screen is built
//! (`window.selfevalRest`, scripts/rest.js). What needs the rest (the editor's deferred blocks,
//! the draft list, the summary) waits for it here; anything else calling into it early still
//! works, as the loader then fetches it synchronously.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether the rest of the code is in: at once where the build is not split (the single
/// file, the wasm-bindgen tests).
#[derive(Clone, Copy)]
pub struct Rest {
    loaded: RwSignal<bool>,
    /// Why the rest could not be loaded, until a retry.
    failed: RwSignal<Option<String>>,
}

impl Rest {
    /// Watch for the rest to arrive.
    pub fn watch() -> Self {
        let rest = Rest {
            loaded: RwSignal::new(false),
            failed: RwSignal::new(None),
        };
        rest.load();
        rest
    }

    /// Ask the loader for the rest (again, after a failure).
    pub fn load(self) {
        let Some(arrival) = arrival() else {
            self.loaded.set(true);
            return;
        };
        self.failed.set(None);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(arrival).await {
                Ok(_) => self.loaded.set(true),
                Err(e) => self.failed.set(Some(
                    e.dyn_ref::<js_sys::Error>()
                        .map(|e| String::from(e.message()))
                        .or_else(|| e.as_string())
                        .unwrap_or_default(),
                )),
            }
        });
    }

    /// Tracked.
    pub fn loaded(self) -> bool {
        self.loaded.get()
    }
}

/// `window.selfevalRest.load()`: a promise of the rest's arrival, rejected if it could not be
/// loaded; `None` where nothing is split.
fn arrival() -> Option<js_sys::Promise> {
    let rest = js_sys::Reflect::get(&window(), &"selfevalRest".into()).ok()?;
    let load = js_sys::Reflect::get(&rest, &"load".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    load.call0(&rest).ok()?.dyn_into::<js_sys::Promise>().ok()
}

/// While the rest of the code is on its way, "正在载入…", shown only if that takes a moment
/// (`.loading-note` appears after 300 ms, so a fast line never flashes it); if it could not be
/// loaded, why, and a retry.
#[component]
pub fn RestPending() -> impl IntoView {
    let rest = expect_context::<Rest>();
    move || {
        match (rest.loaded(), rest.failed.get()) {
        (true, _) => None,
        (false, None) => Some(
            view! { <p class="loading-note" role="status">"正在载入其余部分…"</p> }.into_any(),
        ),
        (false, Some(why)) => Some(
            view! {
                <div class="banner error" id="rest-failed" role="alert">
                    <p>{format!(
                        "无法载入程序的其余部分（{why}），本页下方的各部分、草稿列表和汇总暂不可用。已填写的内容照常保存在本机浏览器。请检查网络或服务器后重试。"
                    )}</p>
                    <button type="button" on:click=move |_| rest.load()>"重试"</button>
                </div>
            }
            .into_any(),
        ),
    }
    }
}

//! The app: contexts, the route switch, and the page-level listeners.

use leptos::prelude::*;
use selfeval_core::sample;

use crate::pages::{BatchPage, DraftPage, Home, LEAVE_PAGE};
use crate::state::{open_new, Batch, Drafts, Imports, Library, Nav, Route, Unsaved};
use crate::web::clock::new_id;
use crate::web::focus::focus_start;
use crate::web::prefs;
use crate::web::storage::{request_persist, Backend};

/// Whether this page runs a newer build than the one this browser ran last (the service
/// worker picks a new build up on the next load): then it says so, once.
fn updated() -> bool {
    let Some(build) = js_sys::Reflect::get(&window(), &"SELFEVAL_BUILD".into())
        .ok()
        .and_then(|v| v.as_string())
    else {
        return false;
    };
    let before = prefs::LAST_BUILD.get();
    if before.as_deref() != Some(build.as_str()) {
        prefs::LAST_BUILD.set(&build);
    }
    before.is_some_and(|b| b != build)
}

#[component]
pub fn App() -> impl IntoView {
    let backend = Backend::local();
    provide_context(backend);
    let library = Library::load(backend);
    provide_context(library);
    let nav = Nav::new();
    provide_context(nav);
    let drafts = Drafts::new(library, backend);
    provide_context(drafts);
    provide_context(crate::web::exporter::Exporter::default());
    let reader = crate::web::exporter::Reader::default();
    provide_context(reader);
    provide_context(Imports::new(drafts, nav, reader));
    provide_context(Batch::default());
    let unsaved = Unsaved::default();
    provide_context(unsaved);
    // drafts parked in this page are lost with it: let the browser ask before closing
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if unsaved.any() {
            ev.prevent_default();
            ev.set_return_value(LEAVE_PAGE);
        }
    });
    on_cleanup(move || unload.remove());

    leptos::task::spawn_local(async move {
        drafts.persisted.set(request_persist().await);
    });

    // a first visit opens straight into the sample draft
    // (not where storage is refused: the sample would be given again on every visit)
    let first_visit = nav.route.get_untracked() == Route::Home
        && drafts.list.with_untracked(Vec::is_empty)
        && prefs::available()
        && prefs::WELCOMED.get().is_none();
    if first_visit {
        prefs::WELCOMED.set(&1);
        open_new(selfeval_core::edit::lifecycle::fresh(&sample(), &new_id()));
    }
    let new_version = RwSignal::new(updated());

    // the editor is rebuilt only when the open draft changes, not when the part in view does
    /// Which page: the list, a draft (rebuilt only when the draft changes, not the part in
    /// view), or the summary.
    #[derive(Clone, PartialEq)]
    enum Page {
        Home,
        Draft(String),
        Batch,
    }
    let page = Memo::new(move |_| match nav.route.get() {
        Route::Draft { id, .. } => Page::Draft(id),
        Route::Home => Page::Home,
        Route::Batch => Page::Batch,
    });

    // a new screen (the list, a draft, the summary; after an import too) takes the focus to its
    // heading, so a keyboard or screen reader user starts there and not on a vanished button
    Effect::new(move |before: Option<Page>| {
        let now = page.get();
        if before.is_some_and(|b| b != now) {
            request_animation_frame(|| {
                if let Ok(Some(h)) = document().query_selector("main h1") {
                    focus_start(&h);
                }
            });
        }
        now
    });

    view! {
        // past the header to the page's own content, by keyboard (a hash link would change the
        // route)
        <button type="button" class="skip-link" on:click=|_| {
            if let Some(main) = document().query_selector("main").ok().flatten() {
                focus_start(&main);
            }
        }>"跳到正文"</button>
        <header class="app-header">
            <a class="brand" href="#/">"绩效自评"</a>
            <span class="tagline">"部门整体支出绩效自评报告 · 离线起草，数据只保存在本机浏览器"</span>
        </header>
        <Show when=move || new_version.get()>
            <div class="banner info update-notice" id="updated" role="status">
                <span>"已更新到新版本。草稿不受影响。"</span>
                <button type="button" on:click=move |_| new_version.set(false)>"知道了"</button>
            </div>
        </Show>
        {move || match page.get() {
            Page::Home => view! { <Home/> }.into_any(),
            Page::Draft(id) => view! { <DraftPage id=id.clone()/> }.into_any(),
            Page::Batch => view! { <BatchPage/> }.into_any(),
        }}
    }
}

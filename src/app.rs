//! The app: contexts, the route switch, and the page-level listeners.

use leptos::prelude::*;
use selfeval_core::sample;
use selfeval_core::store::Loaded;

use crate::components::home::{open_new, Unsaved};
use crate::components::{Editor, Home};
use crate::state::{Drafts, Library, Nav, Route, Session};
use crate::storage::{local_store, new_id, request_persist};

/// Set once the first visit has been given the sample draft.
const WELCOMED_KEY: &str = "selfeval.v1.welcomed";

#[component]
pub fn App() -> impl IntoView {
    let library = Library::builtin();
    provide_context(library);
    let nav = Nav::new();
    provide_context(nav);
    let drafts = Drafts::new(library);
    provide_context(drafts);
    let unsaved = Unsaved(RwSignal::new(None));
    provide_context(unsaved);

    leptos::task::spawn_local(async move {
        drafts.persisted.set(request_persist().await);
    });

    // a first visit opens straight into the sample draft
    let mut store = local_store();
    let first_visit = nav.route.get_untracked() == Route::Home
        && drafts.list.with_untracked(Vec::is_empty)
        && matches!(store.kv_get(WELCOMED_KEY), Ok(None));
    if first_visit {
        let _ = store.kv_set(WELCOMED_KEY, "1");
        let mut r = sample();
        r.id = new_id();
        open_new(r);
    }

    // the editor is rebuilt only when the open draft changes, not when the part in view does
    let open_id = Memo::new(move |_| match nav.route.get() {
        Route::Draft { id, .. } => Some(id),
        Route::Home => None,
    });

    view! {
        <header class="app-header">
            <a class="brand" href="#/">"绩效自评"</a>
            <span class="tagline">"部门整体支出绩效自评报告 · 离线起草，数据只保存在本机浏览器"</span>
        </header>
        {move || match open_id.get() {
            None => view! { <Home/> }.into_any(),
            Some(id) => view! { <DraftPage id=id/> }.into_any(),
        }}
    }
}

/// Open a draft: from storage, or from memory when it could not be stored.
#[component]
fn DraftPage(id: String) -> impl IntoView {
    let library = expect_context::<Library>();
    let unsaved = expect_context::<Unsaved>();
    let in_memory = unsaved
        .0
        .try_update(|u| u.take_if(|r| r.id == id))
        .flatten();
    let loaded = match in_memory {
        Some(report) => Ok(Loaded {
            report,
            revision: 0,
            saved_at: String::new(),
            read_only: None,
        }),
        None => local_store().load(&id),
    };
    match loaded {
        Ok(loaded) => {
            let session = Session::new(loaded, library);
            provide_context(session);
            if session.unsaved_from_start() {
                // never stored: try at once, so the failure banner shows straight away
                session.save_now();
            }
            listen_while_editing(session);
            view! { <Editor/> }.into_any()
        }
        Err(e) => view! {
            <main class="page">
                <div class="banner error" role="alert"><p>{e.to_string()}</p></div>
                <p><a href="#/">"返回草稿列表"</a></p>
            </main>
        }
        .into_any(),
    }
}

/// Keyboard undo/redo, and saving when the page is hidden or closed.
fn listen_while_editing(session: Session) {
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let key = ev.key().to_lowercase();
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        if key == "z" && !ev.shift_key() {
            ev.prevent_default();
            session.undo();
        } else if (key == "z" && ev.shift_key()) || key == "y" {
            ev.prevent_default();
            session.redo();
        }
    });
    let hide = window_event_listener_untyped("pagehide", move |_| session.flush());
    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        if document().hidden() {
            session.flush();
        }
    });
    // leaving with edits that could not be stored: let the browser ask first
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        session.flush();
        if session.unsaved() {
            ev.prevent_default();
        }
    });
    on_cleanup(move || {
        session.flush();
        keys.remove();
        hide.remove();
        visibility.remove();
        unload.remove();
    });
}

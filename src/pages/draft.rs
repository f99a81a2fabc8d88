//! The page of one open draft: where it is opened from (this page's unsaved drafts first,
//! then storage), its session, and what happens around the editor: the leave guard, parking
//! what storage lacks when the editor closes, keyboard undo, saving on hide and close.

use leptos::prelude::*;
use selfeval_core::edit::Edit;
use selfeval_core::store::Loaded;

use super::Editor;
use crate::state::{Batch, Imports, Library, Nav, Parked, Session, Unsaved, VIEW_NEWER};
use crate::web::crash;
use crate::web::storage::Backend;

/// What the browser's "leave this page?" prompt carries (older Chromium cores show it only
/// when `returnValue` is set; newer ones show their own text).
pub const LEAVE_PAGE: &str = "有草稿的修改尚未保存到浏览器，离开或刷新页面会丢失这些修改。";

/// Open a draft: from the unsaved drafts of this page first (they are newer than storage),
/// else from storage.
#[component]
pub fn DraftPage(id: String) -> impl IntoView {
    let library = expect_context::<Library>();
    let unsaved = expect_context::<Unsaved>();
    let nav = expect_context::<Nav>();
    let backend = expect_context::<Backend>();
    let parked = unsaved.take(&id);
    let resumed = parked.is_some();
    // a file of the summary opens read-only: it is not stored here
    let viewed = expect_context::<Batch>().viewed(&id).map(|e| Loaded {
        // under the summary's id, so the editor's links stay on this view
        report: selfeval_core::Report {
            id: id.clone(),
            ..e.report
        },
        stamp: Default::default(),
        saved_at: String::new(),
        read_only: Some(format!(
            "汇总中的文件“{}”，只读查看；如需编辑，请在汇总页导入",
            e.file
        )),
    });
    let newer = (id == VIEW_NEWER)
        .then(|| expect_context::<Imports>().viewing.get_untracked())
        .flatten()
        .map(|(file, report, why)| Loaded {
            report,
            stamp: Default::default(),
            saved_at: String::new(),
            read_only: Some(format!("文件“{file}”：{why}")),
        });
    let viewed = viewed.or(newer);
    let loaded = match (viewed, parked) {
        (Some(v), _) => Ok(v),
        (None, parked) => match parked {
            Some(p) => Ok(Loaded {
                report: p.report,
                stamp: p.base,
                saved_at: String::new(),
                read_only: None,
            }),
            None => backend.store().load(&id),
        },
    };
    match loaded {
        Ok(loaded) => {
            let session = Session::new(loaded, library, backend);
            provide_context(session);
            if resumed || session.unsaved_from_start() {
                // storage lacks this version: try at once, so a failure shows straight away
                session.resume();
            }
            // a file that replaces or was merged into this draft: one undo step
            if let Some((report, note)) = expect_context::<Imports>().take_pending(&id) {
                session.edit(Edit::Replace(Box::new(report)));
                // refused (已定稿): the bar says why, and no notice claims it came in
                if session.edit_error.get_untracked().is_none() {
                    session.notice.set(Some(note));
                }
            }
            nav.set_guard(move || {
                session.flush();
                session.unsaved().then(|| {
                    format!(
                        "“{}”的修改还没有保存到浏览器（{}）。\n\n\
                         离开后它会暂存在草稿列表中（标为“未保存”），可以再打开或下载；\
                         但关闭或刷新页面后就会丢失。建议先下载草稿文件。\n\n确定离开编辑页？",
                        session.report.with_untracked(|r| r.display_name()),
                        session.unsaved_reason()
                    )
                })
            });
            on_cleanup(move || {
                nav.clear_guard();
                // nothing this session holds is dropped: what storage lacks stays in the page
                session.flush();
                if session.unsaved() {
                    if let Some(report) = session.report.try_get_untracked() {
                        unsaved.park(Parked {
                            report,
                            base: session.base(),
                            reason: session.unsaved_reason(),
                        });
                    }
                } else {
                    crash::forget(&session.id.get_value());
                }
            });
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

/// Keyboard undo/redo, Ctrl+S (the draft file, not the browser's "save page"), and saving when
/// the page is hidden or closed.
fn listen_while_editing(session: Session) {
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let key = ev.key().to_ascii_lowercase();
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        if key == "z" && !ev.shift_key() {
            ev.prevent_default();
            session.undo();
        } else if (key == "z" && ev.shift_key()) || key == "y" {
            ev.prevent_default();
            session.redo();
        } else if key == "s" {
            ev.prevent_default();
            crate::components::exports::export_json(session);
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
            ev.set_return_value(LEAVE_PAGE);
        }
    });
    on_cleanup(move || {
        keys.remove();
        hide.remove();
        visibility.remove();
        unload.remove();
    });
}

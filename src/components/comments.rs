//! Reviewers' comments on the open draft: the list beside the form, each pointing at its
//! field; adding one (about the field last focused) and the review status live in the toolbar.

use leptos::prelude::*;
use selfeval_core::edit::Edit;
use selfeval_core::model::field::Field;
use selfeval_core::model::review::Status;

use super::findings::focus_field;
use crate::state::{Nav, Session};
use crate::web::clock::now_stamp;
use crate::web::focus::focus_first;
use crate::web::prefs;

/// The user's name for comments and status changes: asked once, then remembered.
pub fn author() -> Option<String> {
    if let Some(name) = prefs::AUTHOR.get().filter(|n| !n.trim().is_empty()) {
        return Some(name);
    }
    let name = window()
        .prompt_with_message("请输入您的姓名（用于批注和定稿记录，只需输入一次）：")
        .ok()
        .flatten()?;
    let name = name.trim().to_string();
    if name.is_empty() {
        return None;
    }
    prefs::AUTHOR.set(&name); // remembered if storage allows; asked again if not
    Some(name)
}

/// The comment being written: about which field, shown in the app's own dialog (not the
/// browser's prompt(), which blocks the page, cannot be styled and drops the text on a slip).
#[derive(Clone, Copy)]
pub struct CommentDraft(pub RwSignal<Option<String>>);

/// Start a comment about the field last focused (or the part in view).
pub fn add_comment(session: Session, part: String) {
    let on = session.focused.get_untracked().unwrap_or(part);
    expect_context::<CommentDraft>().0.set(Some(on));
    request_animation_frame(|| focus_first("#comment-dialog input, #comment-dialog textarea"));
}

/// 添加批注: the comment's text, and the user's name the first time; Esc or 取消 closes it,
/// and the focus goes back to the button that opened it.
#[component]
pub fn CommentDialog() -> impl IntoView {
    let session = expect_context::<Session>();
    let draft = expect_context::<CommentDraft>().0;
    view! {
        {move || draft.get().map(|on| {
            let known = prefs::AUTHOR.get().filter(|n| !n.trim().is_empty());
            let ask_name = known.is_none();
            let name = RwSignal::new(known.unwrap_or_default());
            let text = RwSignal::new(String::new());
            let error = RwSignal::new(None::<&'static str>);
            let close = move || {
                draft.set(None);
                request_animation_frame(|| focus_first("#add-comment"));
            };
            let where_ = where_of(session, &on);
            let on = StoredValue::new(on);
            let save = move || {
                let by = name.get_untracked().trim().to_string();
                let body = text.get_untracked().trim().to_string();
                if by.is_empty() {
                    error.set(Some("请填写您的姓名"));
                    return;
                }
                if body.is_empty() {
                    error.set(Some("批注内容为空"));
                    return;
                }
                if ask_name {
                    prefs::AUTHOR.set(&by); // remembered if storage allows; asked again if not
                }
                session.edit(Edit::Comment { on: on.get_value(), text: body, author: by, at: now_stamp() });
                close();
            };
            view! {
                <div class="modal-backdrop">
                    <div class="modal" role="dialog" aria-modal="true" aria-labelledby="comment-h" id="comment-dialog"
                        on:keydown=move |ev| {
                            if ev.key() == "Escape" { ev.prevent_default(); close(); }
                            // Ctrl+Enter adds it, as in chat and mail
                            if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) { ev.prevent_default(); save(); }
                        }>
                        <h2 id="comment-h">"添加批注"</h2>
                        <p class="hint">{format!("关于“{where_}”")}</p>
                        {ask_name.then(|| view! {
                            <label class="field"><span class="field-label">"您的姓名（用于批注和定稿记录，只需填写一次）"</span>
                                <input type="text" id="comment-author"
                                    on:input=move |ev| name.set(event_target_value(&ev))/></label>
                        })}
                        <label class="field"><span class="field-label">"批注内容"</span>
                            <textarea id="comment-text" rows="4"
                                on:input=move |ev| text.set(event_target_value(&ev))></textarea></label>
                        {move || error.get().map(|e| view! { <p class="parse-error" role="alert">{e}</p> })}
                        <div class="banner-actions">
                            <button type="button" class="primary" id="comment-save" on:click=move |_| save()>"添加批注"</button>
                            <button type="button" id="comment-cancel" on:click=move |_| close()>"取消"</button>
                        </div>
                    </div>
                </div>
            }
        })}
    }
}

/// Set the review status, asking first where it locks or unlocks the draft.
pub fn set_status(session: Session, status: Status) {
    let question = match status {
        Status::Final => {
            Some("定稿后草稿将只读，需要修改时须有人“重新打开编辑”（会记录姓名和时间）。确定定稿？")
        }
        _ if session.is_final() => {
            Some("重新打开已定稿的草稿进行编辑？此操作会记录您的姓名和时间。")
        }
        _ => None,
    };
    if let Some(q) = question {
        if !window().confirm_with_message(q).unwrap_or(false) {
            return;
        }
    }
    let Some(by) = author() else { return };
    session.edit(Edit::SetStatus {
        status,
        by,
        at: now_stamp(),
    });
}

/// A path as a user reads it: "绩效指标 · 听取和审议专项工作报告 · 偏差原因".
fn where_of(session: Session, on: &str) -> String {
    match on.parse::<Field>() {
        Ok(f) => session.report.with_untracked(|r| f.describe(r)),
        Err(_) => on.to_string(),
    }
}

#[component]
pub fn CommentsList() -> impl IntoView {
    let session = expect_context::<Session>();
    let nav = expect_context::<Nav>();
    let layout = use_context::<crate::state::Layout>();
    let comments = Memo::new(move |_| session.report.with(|r| r.comments.clone()));
    let open = move || comments.with(|c| c.iter().filter(|c| !c.resolved).count());
    move || {
        let list = comments.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|c| {
                    let (id, on) = (c.id.clone(), c.on.clone());
                    let resolved = c.resolved;
                    view! {
                        <li class="comment" class:resolved=resolved data-on=c.on.clone()>
                            <p class="comment-text">{c.text.clone()}</p>
                            <p class="hint">{format!("{} · {} · ", c.author, c.at)}
                                <button type="button" class="link" on:click=move |_| {
                                    if let Ok(f) = on.parse::<Field>() { focus_field(nav, session, layout, &f); }
                                }>{where_of(session, &c.on)}</button>
                            </p>
                            <label class="flag">
                                <input type="checkbox" class="resolve" prop:checked=resolved on:change=move |ev| {
                                    session.edit(Edit::Resolve { id: id.clone(), resolved: event_target_checked(&ev) });
                                }/>
                                <span>"已解决"</span>
                            </label>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="panel comments" id="comments" aria-label="批注">
                    <h2>{move || format!("批注（{} 条未解决）", open())}</h2>
                    <ul>{items}</ul>
                </section>
            }
        })
    }
}

//! Reviewers' comments on the open draft: the list beside the form, each pointing at its
//! field; adding one (about the field last focused) and the review status live in the toolbar.

use leptos::prelude::*;
use selfeval_core::edit::Edit;
use selfeval_core::model::field::Field;
use selfeval_core::model::review::Status;

use super::findings::focus_field;
use crate::state::{Nav, Session};
use crate::web::clock::now_stamp;
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

/// A comment about the field last focused (or the part in view).
pub fn add_comment(session: Session, part: String) {
    let Some(by) = author() else { return };
    let on = session.focused.get_untracked().unwrap_or(part);
    let Some(text) = window()
        .prompt_with_message(&format!("批注（关于“{}”）：", where_of(session, &on)))
        .ok()
        .flatten()
    else {
        return;
    };
    session.edit(Edit::Comment {
        on,
        text,
        author: by,
        at: now_stamp(),
    });
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
                                    if let Ok(f) = on.parse::<Field>() { focus_field(nav, session, &f); }
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

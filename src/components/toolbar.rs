use leptos::prelude::*;

use selfeval_core::model::review::Status;

use super::comments::{add_comment, set_status};
use super::exports::ExportMenu;
use crate::state::{Nav, Route, SaveState, Session};

/// The editor's bar: back to the list, the draft's name, save state, undo/redo, export.
#[component]
pub fn Toolbar() -> impl IntoView {
    let session = expect_context::<Session>();
    let nav = expect_context::<Nav>();
    let state_class = move || match session.save_state.get() {
        SaveState::Saved(_) => "save-status ok",
        SaveState::Pending => "save-status pending",
        _ => "save-status bad",
    };
    view! {
        <div class="toolbar">
            <a class="back" href="#/">"‹ 草稿列表"</a>
            <span class="draft-name" id="draft-name">{move || session.report.with(|r| r.display_name())}</span>
            <span id="save-status" class=state_class role="status">
                {move || session.save_state.with(SaveState::label)}
            </span>
            <span class="spacer"></span>
            {move || session.notice.get().map(|n| view! { <span class="edit-note" id="edit-note" role="status">{n}</span> })}
            {move || session.edit_error.get().map(|e| view! { <span class="edit-error" role="alert">{e}</span> })}
            <select id="status" class="review-status" title="审核状态" disabled=move || session.read_only()
                on:change=move |ev| {
                    let picked = Status::from_key(&event_target_value(&ev));
                    if let Some(s) = picked { set_status(session, s); }
                    // show what the draft says (the user may have cancelled)
                    let el: web_sys::HtmlSelectElement = wasm_bindgen::JsCast::unchecked_into(ev.target().unwrap());
                    el.set_value(session.report.with_untracked(|r| r.status.key()));
                }>
                {Status::ALL.map(|s| view! {
                    <option value=s.key() selected=move || session.report.with(|r| r.status == s)>{s.label()}</option>
                }).collect_view()}
            </select>
            <button type="button" id="add-comment" title="对刚才所在的字段添加批注"
                disabled=move || session.read_only() || session.is_final()
                on:click=move |_| {
                    let part = match nav.route.get_untracked() {
                        Route::Draft { part: Some(p), .. } => p.slug().to_string(),
                        _ => "info".into(),
                    };
                    add_comment(session, part);
                }>"＋ 批注"</button>
            <button type="button" id="undo" title="撤销（Ctrl+Z）" disabled=move || !session.can_undo.get()
                on:click=move |_| session.undo()>"↶ 撤销"</button>
            <button type="button" id="redo" title="重做（Ctrl+Shift+Z）" disabled=move || !session.can_redo.get()
                on:click=move |_| session.redo()>"↷ 重做"</button>
            <ExportMenu/>
        </div>
    }
}

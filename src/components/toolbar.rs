use leptos::prelude::*;

use super::exports::ExportMenu;
use crate::state::{SaveState, Session};

/// The editor's bar: back to the list, the draft's name, save state, undo/redo, export.
#[component]
pub fn Toolbar() -> impl IntoView {
    let session = expect_context::<Session>();
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
            <button type="button" id="undo" title="撤销（Ctrl+Z）" disabled=move || !session.can_undo.get()
                on:click=move |_| session.undo()>"↶ 撤销"</button>
            <button type="button" id="redo" title="重做（Ctrl+Shift+Z）" disabled=move || !session.can_redo.get()
                on:click=move |_| session.redo()>"↷ 重做"</button>
            <ExportMenu/>
        </div>
    }
}

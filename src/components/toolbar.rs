use leptos::prelude::*;

use super::exports::ExportMenu;
use crate::state::{SaveState, Session};

/// The save state as a short label.
pub fn save_label(state: &SaveState) -> String {
    match state {
        SaveState::Saved(Some(t)) => format!("已保存 {t}"),
        SaveState::Saved(None) => "已保存".into(),
        SaveState::Pending => "保存中…".into(),
        SaveState::Failed(_) => "保存失败".into(),
        SaveState::Conflict => "已停止自动保存".into(),
        SaveState::ReadOnly(_) => "只读".into(),
    }
}

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
                {move || save_label(&session.save_state.get())}
            </span>
            <span class="spacer"></span>
            {move || session.edit_error.get().map(|e| view! { <span class="edit-error" role="alert">{e}</span> })}
            <button type="button" id="undo" title="撤销（Ctrl+Z）" disabled=move || !session.can_undo.get()
                on:click=move |_| session.undo()>"↶ 撤销"</button>
            <button type="button" id="redo" title="重做（Ctrl+Shift+Z）" disabled=move || !session.can_redo.get()
                on:click=move |_| session.redo()>"↷ 重做"</button>
            <ExportMenu/>
        </div>
    }
}

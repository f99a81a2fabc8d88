use leptos::prelude::*;

use selfeval_core::model::review::Status;

use super::comments::{add_comment, set_status};
use super::exports::ExportMenu;
use super::fields::Deliberate;
use crate::state::{Layout, Nav, Route, SaveState, Session};

/// The editor's bar: back to the list, the draft's name, save state, undo/redo, export.
#[component]
pub fn Toolbar() -> impl IntoView {
    let session = expect_context::<Session>();
    let nav = expect_context::<Nav>();
    let layout = expect_context::<Layout>();
    let state_class = move || match session.save_state.get() {
        SaveState::Saved(_) => "save-status ok",
        SaveState::Pending => "save-status pending",
        _ => "save-status bad",
    };
    // the status is taken once chosen (Enter, leaving the select, or a pick from its list),
    // not on each arrow key: 定稿 asks and locks
    let pick = Deliberate::default();
    let status = NodeRef::<leptos::html::Select>::new();
    let take = move || {
        let Some(el) = status.get_untracked() else {
            return;
        };
        let now = session.report.with_untracked(|r| r.status);
        match Status::from_key(&el.value()) {
            Some(s) if s != now => set_status(session, s),
            _ => {}
        }
        // show what the draft says (the user may have cancelled)
        el.set_value(session.report.with_untracked(|r| r.status.key()));
    };
    view! {
        <div class="toolbar">
            <a class="back" href="#/">"‹ 草稿列表"</a>
            <h1 class="draft-name" id="draft-name">{move || session.report.with(|r| r.display_name())}</h1>
            <span id="save-status" class=state_class role="status">
                {move || session.save_state.with(SaveState::label)}
            </span>
            <span class="spacer"></span>
            {move || session.notice.get().map(|n| view! { <span class="edit-note" id="edit-note" role="status">{n}</span> })}
            {move || session.edit_error.get().map(|e| view! { <span class="edit-error" role="alert">{e}</span> })}
            <select id="status" class="review-status" title="审核状态" disabled=move || session.read_only()
                node_ref=status
                on:keydown=move |ev| pick.keydown(&ev, take) on:change=move |_| pick.change(take)
                on:blur=move |_| pick.blur(take) on:mousedown=move |_| pick.pointer()>
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
            <button type="button" id="wide" title="收起右侧的计算结果与预览，让宽表格占满页面宽度"
                aria-pressed=move || layout.wide().to_string()
                on:click=move |_| layout.set_wide(!layout.wide())>"宽屏"</button>
            <button type="button" id="undo" title="撤销（Ctrl+Z）" disabled=move || !session.can_undo.get()
                on:click=move |_| session.undo()>"↶ 撤销"</button>
            <button type="button" id="redo" title="重做（Ctrl+Shift+Z）" disabled=move || !session.can_redo.get()
                on:click=move |_| session.redo()>"↷ 重做"</button>
            <ExportMenu/>
        </div>
    }
}

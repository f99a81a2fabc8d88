use leptos::prelude::*;

use super::exports::export_json;
use crate::state::{Drafts, Nav, Route, SaveState, Session};
use crate::web::clock::new_id;

/// What went wrong with saving, and what the user can do about it, right where they work.
#[component]
pub fn SaveBanner() -> impl IntoView {
    let session = expect_context::<Session>();
    let drafts = expect_context::<Drafts>();
    let nav = expect_context::<Nav>();
    let message = RwSignal::new(None::<String>);
    let take_stored = move |_| {
        if let Err(e) = session.take_stored() {
            message.set(Some(e));
        }
    };
    let save_copy = move |_| {
        let copy = session.as_copy(&new_id());
        match drafts.create(&copy) {
            Ok(id) => {
                session.kept_elsewhere();
                nav.go(Route::Draft { id, part: None });
            }
            Err(e) => message.set(Some(e)),
        }
    };
    move || {
        let extra = message
            .get()
            .map(|m| view! { <p class="banner-note">{m}</p> });
        match session.save_state.get() {
            SaveState::Failed(why) => Some(view! {
                <div class="banner error" id="save-failed" role="alert">
                    <p>
                        <b>"保存失败："</b>{why}
                        "。您的修改仍保留在本页中，可以继续编辑；建议立即下载草稿文件备份。"
                    </p>
                    <div class="banner-actions">
                        <button type="button" id="banner-download" on:click=move |_| export_json(session)>"下载草稿 (.json)"</button>
                        <button type="button" on:click=move |_| session.save_now()>"重试保存"</button>
                    </div>
                    {extra}
                </div>
            }.into_any()),
            SaveState::Conflict => Some(view! {
                <div class="banner warn" id="conflict" role="alert">
                    <p>
                        <b>"这份草稿已在另一个窗口中修改并保存。"</b>
                        "为避免互相覆盖，本窗口已停止自动保存。请选择："
                    </p>
                    <div class="banner-actions">
                        <button type="button" id="take-stored" on:click=take_stored>"载入另一窗口保存的版本（本窗口的修改可撤销找回）"</button>
                        <button type="button" id="save-copy" on:click=save_copy>"将本窗口的版本另存为新草稿"</button>
                        <button type="button" on:click=move |_| export_json(session)>"下载本窗口的版本 (.json)"</button>
                    </div>
                    {extra}
                </div>
            }.into_any()),
            SaveState::ReadOnly(why) => Some(view! {
                <div class="banner warn" id="read-only" role="alert">
                    <p><b>"只读："</b>{why}</p>
                    <div class="banner-actions">
                        <button type="button" on:click=move |_| export_json(session)>"下载草稿 (.json)"</button>
                    </div>
                </div>
            }.into_any()),
            _ if session.is_final() => {
                let log = session.report.with(|r| {
                    r.status_log
                        .iter()
                        .rev()
                        .find(|c| c.status == selfeval_core::model::review::Status::Final)
                        .map(|c| format!("（{} 于 {}）", c.by, c.at))
                        .unwrap_or_default()
                });
                Some(view! {
                    <div class="banner info" id="final" role="status">
                        <p><b>"已定稿"</b>{log}"：草稿只读。"</p>
                        <div class="banner-actions">
                            <button type="button" id="reopen" on:click=move |_| {
                                super::comments::set_status(session, selfeval_core::model::review::Status::Drafting)
                            }>"重新打开编辑"</button>
                        </div>
                    </div>
                }.into_any())
            }
            _ => None,
        }
    }
}

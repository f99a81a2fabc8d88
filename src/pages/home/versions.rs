//! 版本历史: the earlier versions of one draft, each with its time, kind, score and size; a
//! preview of any of them, and restoring one (undoable: the current version is kept first).

use leptos::prelude::*;
use selfeval_core::evaluate;
use selfeval_core::export::html;

use super::ShowVersions;
use crate::state::{Drafts, Library, Version};

#[component]
pub fn VersionsPanel() -> impl IntoView {
    let show = expect_context::<ShowVersions>();
    let drafts = expect_context::<Drafts>();
    // re-read whenever the list changes (a restore, another tab)
    let versions = Memo::new(move |_| {
        let id = show.0.get()?;
        drafts.list.track();
        Some((id.clone(), drafts.versions(&id)))
    });
    move || {
        versions.get().map(|(id, result)| {
            let name = drafts.list.with_untracked(|l| {
                l.iter()
                    .find(|x| x.id == id)
                    .and_then(|x| x.meta.as_ref().map(|m| m.name.clone()))
                    .unwrap_or_else(|| id.clone())
            });
            let body = match result {
                Err(e) => view! { <p class="banner error">{e}</p> }.into_any(),
                Ok(list) if list.is_empty() => {
                    view! { <p class="empty">"还没有以前的版本。"</p> }.into_any()
                }
                Ok(list) => {
                    let rows = list
                        .into_iter()
                        .map(|v| view! { <VersionRow id=id.clone() version=v/> })
                        .collect_view();
                    view! {
                        <table class="grid versions-table">
                            <thead><tr><th>"保存时间"</th><th>"版本"</th><th>"总分 / 等级"</th><th>"大小"</th><th></th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }
                    .into_any()
                }
            };
            view! {
                <section class="panel versions" id="versions" aria-label="版本历史">
                    <div class="panel-head">
                        <h2>{format!("版本历史：{name}")}</h2>
                        <button type="button" id="versions-close" on:click=move |_| show.0.set(None)>"关闭"</button>
                    </div>
                    <p class="hint">
                        "每次在新的编辑会话中保存、或跨日保存时，会自动保留之前的版本：最近 5 个，另加最近 14 天每天一个；"
                        "全部草稿的版本历史合计不超过约 1.5 M 字符（本地存储配额的约 30%），空间不足时先舍弃最早的版本。"
                    </p>
                    {body}
                </section>
            }
        })
    }
}

#[component]
fn VersionRow(id: String, version: Version) -> impl IntoView {
    let drafts = expect_context::<Drafts>();
    let library = expect_context::<Library>();
    let previewing = RwSignal::new(false);
    let g = &version.generation;
    let size = selfeval_core::base::number::fmt_stored(g.size());
    let readable = version.report.is_some();
    let when = g.saved_at.clone();
    let preview = version.report.clone().map(|r| {
        let pack = library.for_draft(&r.pack_id);
        html::html(&r, &evaluate(&r, &pack))
    });
    let index = version.index;
    view! {
        <tr class="version" data-index=index.to_string()>
            <td>{g.saved_at.clone()}</td>
            <td>{g.kind.label()}</td>
            <td class="num">
                {if readable { version.total.clone() } else { "无法读取".into() }}" "
                <b class="grade-tag">{version.grade.clone()}</b>
            </td>
            <td class="num">{size}</td>
            <td><div class="actions">
                <button type="button" class="preview-version" disabled=!readable
                    on:click=move |_| previewing.update(|p| *p = !*p)>
                    {move || if previewing.get() { "收起预览" } else { "预览" }}
                </button>
                <button type="button" class="restore-version" disabled=!readable on:click=move |_| {
                    let q = format!("恢复为 {when} 保存的版本？当前版本会先保留在版本历史中，可随时撤销。");
                    if window().confirm_with_message(&q).unwrap_or(false) {
                        if let Err(e) = drafts.restore(&id, index, &when) {
                            drafts.error.set(Some(e));
                        }
                    }
                }>"恢复此版本"</button>
            </div></td>
        </tr>
        {move || (previewing.get()).then(|| view! {
            <tr class="version-preview-row">
                <td colspan="5">
                    <iframe class="version-preview" title="版本预览" sandbox="" srcdoc=preview.clone().unwrap_or_default()></iframe>
                </td>
            </tr>
        })}
    }
}

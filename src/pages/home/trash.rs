//! 回收站: deleted drafts, kept in local storage until the user empties the bin or 30 days pass.

use leptos::prelude::*;
use selfeval_core::base::number::fmt_stored;
use selfeval_core::store::trash::TRASH_DAYS;

use crate::state::Drafts;

#[component]
pub fn TrashPanel() -> impl IntoView {
    let drafts = expect_context::<Drafts>();
    let report = move |r: Result<(), String>| {
        if let Err(e) = r {
            drafts.error.set(Some(e));
        }
    };
    move || {
        let items = drafts.trash.get();
        (!items.is_empty()).then(|| {
            let total = fmt_stored(items.iter().map(|i| i.size).sum::<usize>());
            let rows = items
                .into_iter()
                .map(|item| {
                    let (undo_id, purge_id) = (item.id.clone(), item.id.clone());
                    let name = item.name.clone();
                    view! {
                        <tr data-id=item.id.clone()>
                            <td>{item.name.clone()}</td>
                            <td>{item.deleted_at.clone()}</td>
                            <td class="num">{fmt_stored(item.size)}</td>
                            <td><div class="actions">
                                <button type="button" class="undelete" on:click=move |_| report(drafts.undelete(&undo_id))>"恢复"</button>
                                <button type="button" class="danger purge" on:click=move |_| {
                                    let q = format!("彻底删除“{name}”及其版本历史？此操作无法撤销。");
                                    if window().confirm_with_message(&q).unwrap_or(false) {
                                        report(drafts.purge(&purge_id));
                                    }
                                }>"彻底删除"</button>
                            </div></td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="panel trash" id="trash" aria-label="回收站">
                    <div class="panel-head">
                        <h2>"回收站"</h2>
                        <button type="button" class="danger" id="empty-trash" on:click=move |_| {
                            let q = "清空回收站？其中的草稿及其版本历史将被彻底删除，无法撤销。";
                            if window().confirm_with_message(q).unwrap_or(false) {
                                report(drafts.empty_trash());
                            }
                        }>"清空回收站"</button>
                    </div>
                    <p class="hint">{format!(
                        "删除的草稿在这里保留 {TRASH_DAYS} 天，随时可以恢复；共占用约 {total}。需要腾出存储空间时，可以彻底删除。"
                    )}</p>
                    <table class="grid trash-table">
                        <thead><tr><th>"名称"</th><th>"删除时间"</th><th>"大小"</th><th></th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            }
        })
    }
}

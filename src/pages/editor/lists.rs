use leptos::prelude::*;
use selfeval_core::edit::Edit;
use selfeval_core::model::field::{Field, GoalField, Part, TaskField};
use selfeval_core::model::List;

use super::EditorPart;
use crate::components::fields::{TextArea, TextInput};
use crate::components::keyed;
use crate::state::Session;

/// Up, down and remove for one row.
#[component]
pub fn RowTools(list: List, #[prop(into)] id: String) -> impl IntoView {
    let session = expect_context::<Session>();
    let (a, b, c) = (id.clone(), id.clone(), id);
    view! {
        <span class="row-tools">
            <button type="button" title="上移" aria-label="上移"
                on:click=move |_| { session.edit(Edit::Move { list, id: a.clone(), by: -1 }); }>"↑"</button>
            <button type="button" title="下移" aria-label="下移"
                on:click=move |_| { session.edit(Edit::Move { list, id: b.clone(), by: 1 }); }>"↓"</button>
            <button type="button" class="danger" title="删除（可撤销）" aria-label="删除"
                on:click=move |_| { session.edit(Edit::Remove { list, id: c.clone() }); }>"删除"</button>
        </span>
    }
}

/// The ids of a list's rows, for keyed rendering. A memo: typing in a row does not make the
/// list re-diff its (possibly hundreds of) keys.
pub fn ids(session: Session, list: List) -> impl Fn() -> Vec<String> + Copy {
    let ids = Memo::new(move |_| {
        session.report.with(|r| {
            r.ids(list)
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
    });
    move || ids.get()
}

/// The rows of `list`, keyed by id (typing in a row redraws only that row), each drawn by
/// `row`, with an "add a row" button below.
#[component]
pub fn RowList<F, V>(list: List, add: &'static str, row: F) -> impl IntoView
where
    F: Fn(String) -> V + Send + Sync + Clone + 'static,
    V: IntoView + 'static,
{
    let session = expect_context::<Session>();
    view! {
        {keyed(ids(session, list), |id| id.clone(), row)}
        <button type="button" class="add"
            on:click=move |_| { session.edit(Edit::Add { list, after: None }); }>{add}</button>
    }
}

#[component]
pub fn TasksPart() -> impl IntoView {
    view! {
        <EditorPart part=Part::Tasks title="部门年度重点工作任务">
            <RowList list=List::Tasks add="＋ 添加任务" row=|id: String| view! {
                <div class="row-card">
                    <div class="row-head">
                        <TextInput field=Field::task(&id, TaskField::Title) class="grow"/>
                        <RowTools list=List::Tasks id=id.clone()/>
                    </div>
                    <TextArea field=Field::task(&id, TaskField::Detail)/>
                </div>
            }/>
        </EditorPart>
    }
}

#[component]
pub fn GoalsPart() -> impl IntoView {
    let session = expect_context::<Session>();
    let limit = Signal::derive(move || session.pack.with(|p| p.limits.reason));
    view! {
        <EditorPart part=Part::Goals title="部门整体支出绩效目标">
            <RowList list=List::Goals add="＋ 添加目标" row=move |id: String| view! {
                <div class="row-card">
                    <div class="row-head"><span class="row-title">"目标"</span><RowTools list=List::Goals id=id.clone()/></div>
                    <TextArea field=Field::goal(&id, GoalField::Initial)/>
                    <TextArea field=Field::goal(&id, GoalField::Adjusted) placeholder="未调整可不填"/>
                    <TextArea field=Field::goal(&id, GoalField::Actual)/>
                    <TextArea field=Field::goal(&id, GoalField::Reason) limit=limit/>
                </div>
            }/>
        </EditorPart>
    }
}

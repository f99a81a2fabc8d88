use leptos::prelude::*;
use selfeval_core::edit::Edit;
use selfeval_core::model::field::{Field, SectionField};
use selfeval_core::model::List;
use selfeval_core::model::PLACEHOLDERS;

use super::lists::RowList;
use super::EditorPart;
use super::RowTools;
use crate::components::fields::{Choice, TextArea, TextInput};
use crate::state::Session;

fn levels() -> Vec<(String, String)> {
    [
        ("1", "一级 一、"),
        ("2", "二级 （一）"),
        ("3", "三级 1."),
        ("4", "四级 （1）"),
    ]
    .iter()
    .map(|(v, l)| (v.to_string(), l.to_string()))
    .collect()
}

#[component]
fn SectionView(#[prop(into)] id: String) -> impl IntoView {
    let session = expect_context::<Session>();
    let sid = id.clone();
    let number = move || {
        session.numbers.with(|n| {
            n.iter()
                .find(|(id, _)| *id == sid)
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
        })
    };
    let lid = id.clone();
    let limit = Signal::derive(move || {
        session
            .report
            .with(|r| r.section(&lid).and_then(|s| s.limit))
    });
    let p = |f: SectionField| Field::section(&id, f);
    let add_after = id.clone();
    view! {
        <div class="row-card section" id=format!("part-{id}")>
            <div class="row-head">
                <span class="number">{number}</span>
                <TextInput field=p(SectionField::Title) class="grow"/>
                <Choice field=p(SectionField::Level) options=levels()/>
                <RowTools list=List::Sections id=id.clone()/>
            </div>
            <TextArea field=p(SectionField::Text) label=format!("{}（每行一段；**文字** 为加粗引领句）", SectionField::Text.label()) limit=limit rows=3/>
            <button type="button" class="add small"
                on:click=move |_| { session.edit(Edit::Add { list: List::Sections, after: Some(add_after.clone()) }); }>
                "＋ 在此后插入章节"
            </button>
        </div>
    }
}

/// The narrative outline: every section, numbered from its level.
#[component]
pub fn SectionsPart() -> impl IntoView {
    let tokens = PLACEHOLDERS
        .iter()
        .map(|(t, what)| view! { <li><code>{*t}</code>" "{*what}</li> })
        .collect_view();
    view! {
        <EditorPart anchor="sections" title="报告正文">
            <details class="hint">
                <summary>"在正文中引用计算结果"</summary>
                <p>"正文中写入下列占位符，预览和导出时自动换成计算值，数字不必重复录入："</p>
                <ul>{tokens}</ul>
            </details>
            <RowList list=List::Sections add="＋ 添加章节"
                row=|id: String| view! { <SectionView id=id/> }/>
        </EditorPart>
    }
}

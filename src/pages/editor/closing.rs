use leptos::prelude::*;
use selfeval_core::model::char_count;
use selfeval_core::model::field::{Field, Part, ProblemField, SignoffField};
use selfeval_core::model::List;

use super::lists::RowList;
use super::EditorPart;
use super::RowTools;
use crate::components::fields::{TextArea, TextInput};
use crate::state::Session;

/// 评价结论, 存在问题 and 改进措施.
#[component]
pub fn ClosingPart() -> impl IntoView {
    let session = expect_context::<Session>();
    let conclusion = Signal::derive(move || session.pack.with(|p| p.limits.conclusion));
    let totals = move || {
        session.report.with(|r| {
            session.pack.with(|p| {
                let part = |what: &str, n: usize, max: Option<usize>| match max {
                    Some(m) => format!("{what}合计 {n} / {m} 字"),
                    None => format!("{what}合计 {n} 字"),
                };
                format!(
                    "{}；{}",
                    part(
                        "存在问题",
                        char_count(&r.problems_text()),
                        p.limits.problems
                    ),
                    part(
                        "改进措施",
                        char_count(&r.measures_text()),
                        p.limits.measures
                    )
                )
            })
        })
    };
    view! {
        <EditorPart part=Part::Closing title="评价结论、存在问题和改进措施">
            <TextArea field=Field::Conclusion limit=conclusion rows=3/>
            <p class="total-line">{totals}</p>
            <RowList list=List::Problems add="＋ 添加问题与措施" row=|id: String| view! {
                <div class="row-card">
                    <div class="row-head"><span class="row-title">"问题与措施"</span><RowTools list=List::Problems id=id.clone()/></div>
                    <TextArea field=Field::problem(&id, ProblemField::Problem)/>
                    <TextArea field=Field::problem(&id, ProblemField::Measure)/>
                </div>
            }/>
        </EditorPart>
    }
}

/// 签署: who signs and when.
#[component]
pub fn SignoffPart() -> impl IntoView {
    view! {
        <EditorPart part=Part::Signoff title="签署">
            <div class="grid-2">
                <TextInput field=SignoffField::Head/>
                <TextInput field=SignoffField::FinanceHead/>
                <TextInput field=SignoffField::Preparer/>
                <TextInput field=SignoffField::Date placeholder="如 2022年3月31日"/>
            </div>
        </EditorPart>
    }
}

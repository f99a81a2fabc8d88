use leptos::prelude::*;
use selfeval_core::edit::List;
use selfeval_core::evaluate::RowEval;
use selfeval_core::field::{BudgetField, Field, Group, Part};
use selfeval_core::model::BudgetKind;
use selfeval_core::number::fmt_percent;
use selfeval_core::summary::{self, NOT_YET};

use super::lists::RowList;
use super::EditorPart;
use super::RowTools;
use crate::components::fields::{Choice, FigureInput, TextArea, TextInput};
use crate::state::Session;

fn kinds(uses: bool) -> Vec<(String, String)> {
    let kinds = if uses {
        BudgetKind::USES
    } else {
        BudgetKind::SOURCES
    };
    kinds
        .iter()
        .map(|k| (k.key().to_string(), k.label().to_string()))
        .collect()
}

/// 预算执行情况: rows by funding source, and the optional breakdown by use.
#[component]
pub fn BudgetPart() -> impl IntoView {
    let session = expect_context::<Session>();
    let total = move || session.evaluation.with(summary::budget_line);
    view! {
        <EditorPart part=Part::Budget title="预算执行情况">
            <p class="hint">"金额以万元为单位；可填写 4051.83、4,051.83、４０５１．８３ 或 4051.83万元。全年预算数留空表示未调整，按年初预算数计。"</p>
            <h3>"按资金来源"</h3>
            <RowList list=List::Sources add="＋ 添加资金来源"
                row=|id: String| view! { <BudgetRowView group=Group::Sources id=id/> }/>
            <p class="total-line" id="budget-total">{total}</p>
            <h3>"按支出用途（基本支出 = 人员经费 + 公用经费）"</h3>
            <RowList list=List::Uses add="＋ 添加支出用途"
                row=|id: String| view! { <BudgetRowView group=Group::Uses id=id/> }/>
        </EditorPart>
    }
}

/// One budget row: name, kind, 年初 / 全年 / 执行, its computed rate, its reason.
#[component]
fn BudgetRowView(group: Group, #[prop(into)] id: String) -> impl IntoView {
    let session = expect_context::<Session>();
    let list = match group {
        Group::Sources => List::Sources,
        Group::Uses => List::Uses,
    };
    let p = |f: BudgetField| Field::budget(group, &id, f);
    // this row's computed figures, found once per evaluation
    let rid = id.clone();
    let figures = Memo::new(move |_| {
        session
            .evaluation
            .with(|e| e.budget.rows(group).iter().find(|r| r.id == rid).cloned())
    });
    let shown = move |f: fn(&RowEval) -> Option<rust_decimal::Decimal>| {
        move || {
            figures
                .with(|r| r.as_ref().and_then(f))
                .map_or(NOT_YET.to_string(), fmt_percent)
        }
    };
    let rate = shown(|r| r.rate);
    // this year's execution against last year's
    let change = shown(RowEval::change);
    // the threshold is the pack's, not a constant here
    let reason_label = session.pack.with_untracked(|p| {
        format!(
            "原因（执行率低于 {}% 时必填）",
            p.reason_below_rate.normalize()
        )
    });
    let limit = Signal::derive(move || session.pack.with(|p| p.limits.reason));
    view! {
        <div class="row-card budget-row">
            <div class="row-head">
                <TextInput field=p(BudgetField::Name) label="名称" class="grow"/>
                <Choice field=p(BudgetField::Kind) label="类别" options=kinds(group == Group::Uses)/>
                <RowTools list=list id=id.clone()/>
            </div>
            <div class="grid-4">
                <FigureInput field=p(BudgetField::Initial) label="年初预算数" unit="万元"/>
                <FigureInput field=p(BudgetField::Adjusted) label="全年预算数" unit="万元"/>
                <FigureInput field=p(BudgetField::Executed) label="全年执行数" unit="万元"/>
                <div class="field computed">
                    <span class="field-label">"执行率"</span>
                    <output data-rate=id.clone()>{rate}</output>
                </div>
            </div>
            <div class="grid-4">
                <FigureInput field=p(BudgetField::Carryover) label="上年结转" unit="万元"/>
                <FigureInput field=p(BudgetField::LastYear) label="上年执行数" unit="万元"/>
                <div class="field computed">
                    <span class="field-label">"同比增减"</span>
                    <output>{change}</output>
                </div>
            </div>
            <TextArea field=p(BudgetField::Reason) label=reason_label limit=limit rows=1/>
        </div>
    }
}

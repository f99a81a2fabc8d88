use leptos::prelude::*;
use selfeval_core::base::number::fmt_percent;
use selfeval_core::base::NOT_YET;
use selfeval_core::file::table::BUDGET_COLUMNS;
use selfeval_core::model::field::{BudgetField, Field, Group, Part, SpendingField};
use selfeval_core::model::BudgetKind;
use selfeval_core::model::List;
use selfeval_core::report::summary;
use selfeval_core::scoring::RowEval;

use super::grid::{Computed, Grid};
use super::lists::RowList;
use super::EditorPart;
use super::RowTools;
use crate::components::fields::{Choice, ComputedFigure, FigureInput, TextArea, TextInput};
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
    // the cards show 上年结转 and 上年执行数 too; the grid, the columns of the form
    let as_grid = RwSignal::new(false);
    view! {
        <EditorPart part=Part::Budget title="预算执行情况">
            <p class="hint">"金额以万元为单位；可填写 4051.83、4,051.83、４０５１．８３ 或 4051.83万元。全年预算数留空表示未调整，按年初预算数计。"</p>
            <div class="view-switch" role="group" aria-label="显示方式">
                <button type="button" id="budget-grid" aria-pressed=move || as_grid.get().to_string()
                    on:click=move |_| as_grid.set(true)>"表格"</button>
                <button type="button" id="budget-cards" aria-pressed=move || (!as_grid.get()).to_string()
                    on:click=move |_| as_grid.set(false)>"卡片"</button>
            </div>
            <h3>"按资金来源"</h3>
            {move || rows(as_grid.get(), List::Sources, Group::Sources, "＋ 添加资金来源")}
            <p class="total-line" id="budget-total">{total}</p>
            <h3>"按支出用途（基本支出 = 人员经费 + 公用经费）"</h3>
            {move || rows(as_grid.get(), List::Uses, Group::Uses, "＋ 添加支出用途")}
            <SpendingView/>
        </EditorPart>
    }
}

/// One breakdown of the budget, as a grid or as cards.
fn rows(grid: bool, list: List, group: Group, add: &'static str) -> AnyView {
    if grid {
        view! {
            <Grid list=list columns=&BUDGET_COLUMNS add=add
                computed=Computed { label: "执行率", cell: rate_cell }/>
        }
        .into_any()
    } else {
        view! {
            <RowList list=list add=add row=move |id: String| view! { <BudgetRowView group=group id=id/> }/>
        }
        .into_any()
    }
}

/// A budget row's execution rate in the grid.
fn rate_cell(session: Session, id: &str) -> Signal<String> {
    let id = id.to_string();
    Memo::new(move |_| {
        session.evaluation.with(|e| {
            e.budget
                .sources
                .iter()
                .chain(&e.budget.uses)
                .find(|r| r.id == id)
                .and_then(|r| r.rate)
                .map_or(NOT_YET.to_string(), fmt_percent)
        })
    })
    .into()
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
    let rate_id = id.clone();
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
                <TextInput field=p(BudgetField::Name) class="grow"/>
                <Choice field=p(BudgetField::Kind) options=kinds(group == Group::Uses)/>
                <RowTools list=list id=id.clone()/>
            </div>
            <div class="grid-4">
                <FigureInput field=p(BudgetField::Initial) unit="万元"/>
                <FigureInput field=p(BudgetField::Adjusted) unit="万元"/>
                <FigureInput field=p(BudgetField::Executed) unit="万元"/>
                <ComputedFigure label="执行率"><output data-rate=rate_id>{rate}</output></ComputedFigure>
            </div>
            <div class="grid-4">
                <FigureInput field=p(BudgetField::Carryover) unit="万元"/>
                <FigureInput field=p(BudgetField::LastYear) unit="万元"/>
                <ComputedFigure label="同比增减"><output>{change}</output></ComputedFigure>
            </div>
            <TextArea field=p(BudgetField::Reason) label=reason_label limit=limit rows=1/>
        </div>
    }
}

/// 三公经费, 政府采购, 结转结余 and the quarterly payments: optional amounts the common
/// indicators are computed from, each rate shown as it is computed.
#[component]
fn SpendingView() -> impl IntoView {
    let session = expect_context::<Session>();
    let rate =
        move |f: fn(&selfeval_core::scoring::Evaluation) -> Option<rust_decimal::Decimal>| {
            move || {
                session
                    .evaluation
                    .with(|e| f(e).map_or(NOT_YET.to_string(), fmt_percent))
            }
        };
    // one quarter's 支付进度 beside its 序时进度 from the pack
    let quarter = move |n: usize| {
        move || {
            session.evaluation.with(|e| {
                e.progress.get(n).map_or(NOT_YET.to_string(), |q| {
                    let shown = q.progress.map_or(NOT_YET.to_string(), fmt_percent);
                    format!("{shown}（序时 {}%）", q.due.normalize())
                })
            })
        }
    };
    view! {
        <h3>"其他财务数据（选填，用于计算相关共性指标）"</h3>
        <div class="grid-4">
            <FigureInput field=SpendingField::ThreePublicBudget unit="万元"/>
            <FigureInput field=SpendingField::ThreePublicActual unit="万元"/>
            <ComputedFigure label="“三公”经费控制率"><output id="three-public-rate">{rate(|e| e.three_public_control)}</output></ComputedFigure>
        </div>
        <div class="grid-4">
            <FigureInput field=SpendingField::ProcurementPlan unit="万元"/>
            <FigureInput field=SpendingField::ProcurementActual unit="万元"/>
            <ComputedFigure label="政府采购执行率"><output id="procurement-rate">{rate(|e| e.procurement_rate)}</output></ComputedFigure>
        </div>
        <div class="grid-4">
            <FigureInput field=SpendingField::Balance unit="万元"/>
            <ComputedFigure label="结转结余率"><output id="balance-rate">{rate(|e| e.balance_rate)}</output></ComputedFigure>
        </div>
        <p class="hint">"季度末累计支出：与指标体系的序时进度比较，低于序时进度时提示；第四季度即全年执行数。"</p>
        <div class="grid-4">
            <FigureInput field=SpendingField::PaidQ1 unit="万元"/>
            <FigureInput field=SpendingField::PaidQ2 unit="万元"/>
            <FigureInput field=SpendingField::PaidQ3 unit="万元"/>
            <ComputedFigure label="支付进度率"><output id="payment-progress">{rate(|e| e.payment_progress)}</output></ComputedFigure>
        </div>
        <div class="grid-4 quarters">
            {(0..3).map(|n| view! {
                <ComputedFigure label={["一季度支付进度", "二季度支付进度", "三季度支付进度"][n]}><output data-quarter=n + 1>{quarter(n)}</output></ComputedFigure>
            }).collect_view()}
        </div>
    }
}

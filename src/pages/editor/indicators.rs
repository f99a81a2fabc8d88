use leptos::prelude::*;
use selfeval_core::base::number::{fmt2, fmt_percent, fmt_plain};
use selfeval_core::base::NOT_YET;
use selfeval_core::file::table::INDICATOR_COLUMNS;
use selfeval_core::model::field::{Field, IndicatorField, Part};
use selfeval_core::model::rule::{Nature, Rule};
use selfeval_core::model::Indicator;
use selfeval_core::model::List;
use selfeval_core::report::summary;
use selfeval_core::scoring::Status;

use super::grid::{Computed, Grid};
use super::lists::RowList;
use super::rule_editor::RuleEditor;
use super::EditorPart;
use super::RowTools;
use crate::components::fields::{Choice, ComputedFigure, FigureInput, Flag, TextArea, TextInput};
use crate::state::{IndicatorRows, Layout, RowSignals, Session};

/// A field of one indicator row, read from the row's memo (cheap with hundreds of rows).
fn of(row: Signal<Indicator>, get: fn(&Indicator) -> String) -> Signal<String> {
    Signal::derive(move || row.with(get))
}

fn natures() -> Vec<(String, String)> {
    [Nature::Ge, Nature::Le, Nature::Eq, Nature::Qualitative]
        .iter()
        .map(|n| (n.symbol().to_string(), n.symbol().to_string()))
        .collect()
}

/// Where a completion value can come from: typed, or computed from the draft.
fn links() -> Vec<(String, String)> {
    std::iter::once((String::new(), "手工填写".to_string()))
        .chain(
            selfeval_core::model::Link::ALL
                .iter()
                .map(|l| (l.key().to_string(), l.label().to_string())),
        )
        .collect()
}

#[component]
fn IndicatorRow(#[prop(into)] id: String) -> impl IntoView {
    let session = expect_context::<Session>();
    // this row's own signals: an edit elsewhere does not reach it (see state::settled)
    let RowSignals {
        row,
        eval,
        linked: computed,
    } = expect_context::<IndicatorRows>().of(&id);
    let row: Signal<Indicator> = row.into();
    let p = |f: IndicatorField| Field::indicator(&id, f);
    let linked = move || row.with(|r| r.link.is_some());
    let score = move || {
        eval.with(|e| match e {
            Some(e) if e.status == Status::NotApplicable => "不适用".to_string(),
            Some(e) => format!(
                "{} / {}",
                e.score.map_or("—".into(), fmt2),
                fmt_plain(e.weight.round_dp(2))
            ),
            None => "—".into(),
        })
    };
    let explanation = move || {
        eval.with(|e| {
            e.as_ref()
                .map(|e| e.explanation.clone())
                .unwrap_or_default()
        })
    };
    let pending = move || eval.with(|e| e.as_ref().is_some_and(|e| e.status == Status::Pending));
    let limit = Signal::derive(move || session.pack.with(|p| p.limits.reason));
    // a linked row's completion value: the figure its link computes from the draft
    let rate = move || computed.get().map_or(NOT_YET.into(), fmt_percent);
    let source = move || row.with(|r| r.link.map(|l| l.label()).unwrap_or_default());
    let actual_path = p(IndicatorField::Actual);
    let actual_field = move || {
        if linked() {
            view! {
                <ComputedFigure label="完成值（自动）"><output title=source>{rate}</output></ComputedFigure>
            }
            .into_any()
        } else if row.with(|r| {
            matches!(
                r.rule,
                Rule::Grade { .. } | Rule::Checklist { .. } | Rule::Manual
            )
        }) {
            // qualitative values are chosen in the rule editor below
            ().into_any()
        } else {
            view! {
                <FigureInput field=actual_path.clone() value=of(row, |r| r.actual.0.clone())/>
            }
            .into_any()
        }
    };
    view! {
        <div class="row-card indicator" class:na=move || row.with(|r| r.not_applicable) data-id=id.clone()>
            <div class="row-head">
                <TextInput field=p(IndicatorField::Level1) value=of(row, |r| r.level1.clone())/>
                <TextInput field=p(IndicatorField::Level2) value=of(row, |r| r.level2.clone())/>
                <TextInput field=p(IndicatorField::Level3) class="grow" value=of(row, |r| IndicatorField::Level3.get(r))
                    placeholder=row.with_untracked(|r| r.hint().unwrap_or_default().to_string())/>
                <RowTools list=List::Indicators id=id.clone()/>
            </div>
            <div class="grid-6">
                <Choice field=p(IndicatorField::Nature) options=natures() value=of(row, |r| r.nature.symbol().to_string())/>
                <TextInput field=p(IndicatorField::Unit) value=of(row, |r| r.unit.clone())/>
                <FigureInput field=p(IndicatorField::Target) value=of(row, |r| r.target.0.clone())/>
                <FigureInput field=p(IndicatorField::TargetAdjusted) value=of(row, |r| r.target_adjusted.0.clone())/>
                {actual_field}
                <FigureInput field=p(IndicatorField::Weight) value=of(row, |r| r.weight.0.clone())/>
            </div>
            <div class="score-line" class:pending=pending>
                <span class="score" data-score=id.clone()>{score}</span>
                <span class="explain">{explanation}</span>
            </div>
            <RuleEditor id=id.clone() row=row/>
            <div class="flags">
                <Choice field=p(IndicatorField::Link) options=links() value=of(row, |r| r.link.map_or("", |l| l.key()).to_string())/>
                <Flag field=p(IndicatorField::Core) value=of(row, |r| r.core.to_string())/>
                <Flag field=p(IndicatorField::NotApplicable) label=format!("{}（剔除后其余指标按比例折算）", IndicatorField::NotApplicable.label()) value=of(row, |r| r.not_applicable.to_string())/>
            </div>
            <TextArea field=p(IndicatorField::Reason) limit=limit rows=1 value=of(row, |r| r.reason.clone())/>
        </div>
    }
}

/// An indicator's 得分 in the grid, from its row's own evaluation.
fn score_cell(_: Session, id: &str) -> Signal<String> {
    let eval = expect_context::<IndicatorRows>().of(id).eval;
    Signal::derive(move || {
        eval.with(|e| match e {
            Some(e) if e.status == Status::NotApplicable => "不适用".to_string(),
            Some(e) => e.score.map_or("—".into(), fmt2),
            None => "—".into(),
        })
    })
}

/// 绩效指标: the whole table, as a grid or row by row as cards.
#[component]
pub fn IndicatorsPart() -> impl IntoView {
    let session = expect_context::<Session>();
    provide_context(IndicatorRows::new(session.report, session.evaluation));
    let layout = expect_context::<Layout>();
    let as_grid = layout.indicators_grid;
    let choose = move |grid: bool| layout.show_grid(grid);
    let detail: fn(String) -> AnyView = |id| view! { <IndicatorRow id=id/> }.into_any();
    view! {
        <EditorPart part=Part::Indicators title="绩效指标">
            <p class="total-line">{move || session.evaluation.with(summary::indicators_line)}</p>
            <div class="view-switch" role="group" aria-label="显示方式">
                <button type="button" id="indicators-grid" aria-pressed=move || as_grid.get().to_string()
                    on:click=move |_| choose(true)>"表格"</button>
                <button type="button" id="indicators-cards" aria-pressed=move || (!as_grid.get()).to_string()
                    on:click=move |_| choose(false)>"卡片"</button>
            </div>
            <LibraryPicker/>
            {move || if as_grid.get() {
                view! {
                    <Grid list=List::Indicators columns=&INDICATOR_COLUMNS add="＋ 添加指标"
                        computed=Computed { label: "得分", cell: score_cell } detail=detail/>
                }.into_any()
            } else {
                view! {
                    <RowList list=List::Indicators add="＋ 添加指标"
                        row=|id: String| view! { <IndicatorRow id=id/> }/>
                }.into_any()
            }}
        </EditorPart>
    }
}

/// 从指标库添加: a searchable list of the pack's standard indicators; a chosen one arrives with
/// its rule and explanation (one undo step).
#[component]
fn LibraryPicker() -> impl IntoView {
    let session = expect_context::<Session>();
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let found = move || {
        let q = query.get();
        session.pack.with(|p| p.search_library(q.trim()))
    };
    let results = move || {
        found()
            .into_iter()
            .take(12)
            .map(|t| {
                let name = t.level3.clone();
                let meta = format!("{} · {} · {}", t.level1, t.level2, t.nature.symbol());
                let explain = if t.explanation.is_empty() {
                    t.criterion.clone()
                } else {
                    t.explanation.clone()
                };
                let add = move |_| {
                    let last = session
                        .report
                        .with_untracked(|r| r.indicators.last().map(|i| i.id.clone()));
                    let (edit, _) = session.report.with_untracked(|r| {
                        selfeval_core::edit::lifecycle::add_from_library(r, &t, last)
                    });
                    session.edit(edit);
                    open.set(false);
                    query.set(String::new());
                };
                view! {
                    <li>
                        <button type="button" class="library-add" on:click=add>"添加"</button>
                        <b>{name}</b>" "<span class="hint">{meta}</span>
                        <div class="hint">{explain}</div>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <details class="library" prop:open=move || open.get()
            on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary id="library-open">"＋ 从指标库添加"</summary>
            <input type="search" id="library-search" placeholder="搜索指标名称，如 三公、采购、资产"
                prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            <ul class="library-results" id="library-results">{results}</ul>
        </details>
    }
}

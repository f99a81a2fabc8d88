//! The 自评表 built once, with typed cells: the report's appendix (.docx, .html, the preview),
//! the .csv and the .xlsx all render this one model, so they cannot disagree on a figure, a
//! row or the sign-off.

use rust_decimal::Decimal;

use crate::base::number::{fmt2, fmt_percent, fmt_plain};
use crate::model::field::{
    BudgetField, Field, IndicatorField, ProblemField, SignoffField, UnitField,
};
use crate::model::rule::{ChecklistMode, Rule};
use crate::model::Report;
use crate::scoring::{Evaluation, Status};

/// One cell: a figure keeps its value and how it is shown, so a spreadsheet gets a number.
/// (Serialisable so a table can be handed to the exporter module as JSON.)
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Cell {
    Text(String),
    /// An amount or a score, two decimals.
    Amount(Decimal),
    /// A rate in percent ("98.49%").
    Percent(Decimal),
    /// A weight or a count, as few decimals as it has.
    Plain(Decimal),
    Empty,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    fn amount(v: Option<Decimal>) -> Cell {
        v.map_or(Cell::Empty, Cell::Amount)
    }

    /// An amount, rate, weight or score: printed on one line, never wrapped.
    pub fn is_figure(&self) -> bool {
        matches!(self, Cell::Amount(_) | Cell::Percent(_) | Cell::Plain(_))
    }

    /// The cell as every document shows it.
    pub fn shown(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Amount(v) => fmt2(*v),
            Cell::Percent(v) => fmt_percent(*v),
            Cell::Plain(v) => fmt_plain(*v),
            Cell::Empty => String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A 合计 row (set in bold, kept apart from the data rows).
    pub total: bool,
}

impl Row {
    fn data(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            total: false,
        }
    }

    /// The cells as shown.
    pub fn shown(&self) -> Vec<String> {
        self.cells.iter().map(Cell::shown).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Table {
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    /// Relative column widths (they add up to 1000).
    pub widths: Vec<u32>,
}

/// The whole 自评表.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sheet {
    /// "2021年度部门整体支出绩效自评表".
    pub title: String,
    /// The appendix heading of the report: unit, year, 部门整体支出绩效自评表.
    pub appendix: String,
    /// Header fields in pairs: 单位名称, 主管部门, 联系人, 联系电话, 自评总分, 评价等级.
    pub fields: Vec<[(String, Cell); 2]>,
    pub tables: Vec<Table>,
    /// What a reader of the scores must know: the total capped (and why), assumed weights.
    pub notes: Vec<String>,
    /// 评价结论, 存在问题, 改进措施.
    pub closing: Vec<(String, String)>,
    /// Who signs and when.
    pub signoff: Vec<(String, String)>,
}

impl Sheet {
    /// As JSON, for the exporter module (see `crates/office`).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a sheet always serialises")
    }
}

pub fn sheet(report: &Report, eval: &Evaluation) -> Sheet {
    let year = |suffix: &str| {
        if report.unit.year > 0 {
            format!("{}{suffix}", report.unit.year)
        } else {
            String::new()
        }
    };
    let u = &report.unit;
    let pair = |a: &str, b: Cell, c: &str, d: Cell| [(a.to_string(), b), (c.to_string(), d)];
    let o = &report.signoff;
    Sheet {
        title: format!("{}部门整体支出绩效自评表", year("年度")),
        appendix: format!("{}{}部门整体支出绩效自评表", u.name, year("年")),
        fields: vec![
            pair(
                UnitField::Name.label(),
                Cell::text(&u.name),
                UnitField::Supervisor.label(),
                Cell::text(&u.supervisor),
            ),
            pair(
                UnitField::Contact.label(),
                Cell::text(&u.contact),
                UnitField::Phone.label(),
                Cell::text(&u.phone),
            ),
            pair("自评总分", total_cell(eval), "评价等级", grade_cell(eval)),
        ],
        tables: std::iter::once(budget_table(report, eval))
            .chain(uses_table(report, eval))
            .chain(std::iter::once(indicator_table(report, eval)))
            .collect(),
        notes: eval
            .adjustments
            .iter()
            .filter(|a| a.contains("封顶"))
            .cloned()
            // (the pack's assumed weights are the clerk's to check on screen, not the reader's)
            .collect(),
        closing: vec![
            (Field::CONCLUSION.into(), report.conclusion.clone()),
            (ProblemField::Problem.label().into(), report.problems_text()),
            (ProblemField::Measure.label().into(), report.measures_text()),
        ],
        signoff: vec![
            (SignoffField::Head.label().into(), o.head.clone()),
            (
                SignoffField::FinanceHead.label().into(),
                o.finance_head.clone(),
            ),
            (SignoffField::Preparer.label().into(), o.preparer.clone()),
            (SignoffField::Date.label().into(), o.date.clone()),
        ],
    }
}

/// The total as printed: no score for a draft with unscored rows.
fn total_cell(eval: &Evaluation) -> Cell {
    if eval.complete {
        Cell::Amount(eval.total)
    } else {
        Cell::text("未完成")
    }
}

/// The grade as printed: 未完成 and how many rows are missing, until every row is scored.
fn grade_cell(eval: &Evaluation) -> Cell {
    if eval.complete {
        Cell::text(&eval.grade)
    } else {
        Cell::text(format!("未完成（尚有 {} 项指标未评分）", eval.unscored))
    }
}

/// 预算执行情况: the total, then the rows by source; the total row carries the execution-rate
/// indicator's weight and score (the 10 of "10 + 90"). 上年结转 and 上年执行数 (with the change
/// on last year) appear when the draft holds them.
pub fn budget_table(report: &Report, eval: &Evaluation) -> Table {
    let b = &eval.budget;
    let linked = report
        .indicators
        .iter()
        .zip(&eval.indicators)
        .find(|(i, e)| {
            i.link == Some(crate::model::Link::ExecutionRate) && e.status != Status::NotApplicable
        });
    let (weight, score) = linked.map_or((Cell::Empty, Cell::Empty), |(_, e)| {
        (Cell::Plain(e.weight.round_dp(2)), Cell::amount(e.score))
    });
    let mut t = flow_table(
        "预算执行情况（万元）",
        "资金来源",
        &report.budget.sources,
        &b.sources,
        &b.total,
    );
    // the execution-rate indicator's weight and score beside the total
    t.header
        .splice(5..5, ["权重".to_string(), "得分".to_string()]);
    t.widths.splice(5..5, [60, 85]);
    for (n, row) in t.rows.iter_mut().enumerate() {
        let cells = if n == 0 {
            [weight.clone(), score.clone()]
        } else {
            [Cell::Empty, Cell::Empty]
        };
        row.cells.splice(5..5, cells);
    }
    fit_widths(&mut t.widths);
    t
}

/// 预算执行情况（按支出用途）: 人员经费, 公用经费, 项目支出, when the draft holds them.
pub fn uses_table(report: &Report, eval: &Evaluation) -> Option<Table> {
    let b = &eval.budget;
    (b.uses_total.rows_filled > 0).then(|| {
        let mut t = flow_table(
            "预算执行情况（按支出用途，万元）",
            "支出用途",
            &report.budget.uses,
            &b.uses,
            &b.uses_total,
        );
        fit_widths(&mut t.widths);
        t
    })
}

/// Column widths scaled to add up to 1000.
fn fit_widths(widths: &mut [u32]) {
    let sum: u32 = widths.iter().sum();
    if sum == 0 {
        return;
    }
    for w in widths.iter_mut() {
        *w = *w * 1000 / sum;
    }
    let rest = 1000 - widths.iter().sum::<u32>();
    if let Some(last) = widths.last_mut() {
        *last += rest;
    }
}

/// The rows of one breakdown of the budget with its total first: 年初, 全年, 执行, 执行率,
/// (上年结转), (上年执行数 and the change), 原因.
fn flow_table(
    caption: &str,
    first: &str,
    rows: &[crate::model::BudgetRow],
    evals: &[crate::scoring::RowEval],
    total: &crate::scoring::Totals,
) -> Table {
    let rate = |r: Option<Decimal>| r.map_or(Cell::Empty, Cell::Percent);
    let carry = evals.iter().any(|e| e.carryover.is_some());
    let last = evals.iter().any(|e| e.last_year.is_some());
    let sum = |f: fn(&crate::scoring::RowEval) -> Option<Decimal>| -> Option<Decimal> {
        evals.iter().filter_map(f).reduce(|a, b| a + b)
    };
    let change = |now: Option<Decimal>, before: Option<Decimal>| {
        now.zip(before)
            .and_then(|(n, b)| crate::base::number::change(n, b))
            .map_or(Cell::Empty, Cell::Percent)
    };
    use BudgetField as B;
    let mut header = vec![
        first,
        B::Initial.label(),
        B::Adjusted.label(),
        B::Executed.label(),
        "执行率",
    ];
    let mut widths = vec![150, 110, 110, 110, 105];
    let extra =
        |cells: &mut Vec<Cell>, c: Option<Decimal>, l: Option<Decimal>, now: Option<Decimal>| {
            if carry {
                cells.push(Cell::amount(c));
            }
            if last {
                cells.push(Cell::amount(l));
                cells.push(change(now, l));
            }
        };
    if carry {
        header.push(B::Carryover.label());
        widths.push(95);
    }
    if last {
        header.extend([B::LastYear.label(), "同比增减"]);
        widths.extend([105, 85]);
    }
    header.push(B::Reason.label());
    widths.push(270);
    let given = |v: Decimal| (total.rows_filled > 0).then_some(v);
    let mut head = vec![
        Cell::text("合计"),
        Cell::amount(
            evals
                .iter()
                .any(|e| e.initial.is_some())
                .then_some(total.initial),
        ),
        Cell::amount(given(total.budget)),
        Cell::amount(given(total.executed)),
        rate(total.rate),
    ];
    extra(
        &mut head,
        sum(|e| e.carryover),
        sum(|e| e.last_year),
        given(total.executed),
    );
    head.push(Cell::Empty);
    let mut out = vec![Row {
        cells: head,
        total: true,
    }];
    for (row, e) in rows.iter().zip(evals) {
        let mut cells = vec![
            Cell::text(&row.name),
            Cell::amount(e.initial),
            Cell::amount(e.budget),
            Cell::amount(e.executed),
            rate(e.rate),
        ];
        extra(&mut cells, e.carryover, e.last_year, e.executed);
        cells.push(Cell::text(&row.reason));
        out.push(Row::data(cells));
    }
    Table {
        caption: caption.into(),
        header: header.into_iter().map(String::from).collect(),
        rows: out,
        widths,
    }
}

/// The 自评表's 核心指标 column, named as the bureaus' forms name it.
const CORE_HEADER: &str = "是否核心指标";

/// 绩效指标: one row per indicator, then the total and the grade. 得分系数 (the score's share
/// of the weight) as the Chongqing-style forms print it; 是否核心指标 where the draft marks any.
pub fn indicator_table(report: &Report, eval: &Evaluation) -> Table {
    let core = report.indicators.iter().any(|i| i.core);
    use IndicatorField as I;
    let mut header = vec![
        I::Level1.label(),
        I::Level2.label(),
        I::Level3.label(),
        I::Nature.label(),
        I::Unit.label(),
        I::Target.label(),
        I::TargetAdjusted.label(),
        I::Actual.label(),
        "得分系数",
        I::Weight.label(),
        "得分",
    ];
    let mut widths = vec![80, 80, 140, 40, 40, 70, 70, 80, 60, 50, 70];
    if core {
        header.push(CORE_HEADER);
        widths.push(50);
    }
    header.push(I::Reason.label());
    widths.push(170);
    let (weight_col, score_col, last) = (9, 10, header.len() - 1);
    let mut rows: Vec<Row> = report
        .indicators
        .iter()
        .zip(&eval.indicators)
        .map(|(i, e)| {
            let actual = match (&i.link, &i.rule) {
                (Some(l), _) => eval.linked(*l).map_or(Cell::Empty, Cell::Percent),
                // a ticked checklist reads as "符合 4/5 项" (or "违规 1/5 项")
                (None, Rule::Checklist { items, mode, .. }) if !items.is_empty() => {
                    let n = items.iter().filter(|x| i.checked.contains(x)).count();
                    let verb = match mode {
                        ChecklistMode::Add => "符合",
                        ChecklistMode::Deduct => "违规",
                    };
                    Cell::text(format!("{verb} {n}/{} 项", items.len()))
                }
                _ => Cell::text(i.actual.text()),
            };
            let na = e.status == Status::NotApplicable;
            let coefficient = e
                .score
                .zip(Some(e.weight).filter(|w| !w.is_zero()))
                .and_then(|(s, w)| crate::base::number::percent(s, w))
                .map_or(Cell::Empty, |p| {
                    Cell::Percent(crate::base::number::round_dp(p, 2))
                });
            let mut cells = vec![
                Cell::text(&i.level1),
                Cell::text(&i.level2),
                Cell::text(i.name()),
                Cell::text(i.nature.symbol()),
                Cell::text(&i.unit),
                Cell::text(i.target.text()),
                Cell::text(i.target_adjusted.text()),
                actual,
                coefficient,
                if na {
                    Cell::text("不适用")
                } else {
                    Cell::Plain(e.weight.round_dp(2))
                },
                Cell::amount(e.score),
            ];
            if core {
                cells.push(Cell::text(if i.core { "是" } else { "否" }));
            }
            cells.push(Cell::text(&i.reason));
            Row::data(cells)
        })
        .collect();
    let blank = vec![Cell::Empty; header.len()];
    let mut total = blank.clone();
    total[0] = Cell::text("合计");
    total[weight_col] = Cell::Plain(eval.weight_total);
    let capped = eval.total != eval.raw_total;
    // when a cap applies, the 得分 column adds up to the sum before it, and a row says so
    total[score_col] = if capped {
        Cell::Amount(eval.raw_total)
    } else {
        total_cell(eval)
    };
    total[last] = match grade_cell(eval) {
        Cell::Text(g) => Cell::text(format!("等级：{g}")),
        other => other,
    };
    rows.push(Row {
        cells: total,
        total: true,
    });
    if capped && eval.complete {
        let mut cap = blank;
        cap[0] = Cell::text("封顶后总分");
        cap[score_col] = Cell::Amount(eval.total);
        cap[last] = Cell::text(format!("等级：{}", eval.grade));
        rows.push(Row {
            cells: cap,
            total: true,
        });
    }
    fit_widths(&mut widths);
    Table {
        caption: "绩效指标完成情况".into(),
        header: header.into_iter().map(String::from).collect(),
        rows,
        widths,
    }
}

impl Table {
    /// As JSON, for the exporter module (see `crates/office`).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a table always serialises")
    }

    /// The index of the column headed `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, sample, Pack};

    #[test]
    fn the_sheet_of_the_sample() {
        let r = sample();
        let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
        let s = sheet(&r, &evaluate(&r, &pack));
        assert_eq!(s.title, "2021年度部门整体支出绩效自评表");
        for t in &s.tables {
            assert_eq!(t.widths.iter().sum::<u32>(), 1000);
            assert_eq!(t.widths.len(), t.header.len());
            assert!(t.rows.iter().all(|r| r.cells.len() == t.header.len()));
        }
        let budget = &s.tables[0].rows;
        assert!(budget[0].total && !budget[1].total);
        assert_eq!(
            budget[0].shown()[..7],
            ["合计", "", "4051.83", "3990.84", "98.49%", "15", "14.77"].map(String::from)
        );
        assert_eq!(budget[0].cells[3], Cell::Amount("3990.84".parse().unwrap()));
        let t = &s.tables[1];
        let last = t.rows.last().unwrap();
        assert!(last.total);
        let col = |name: &str| t.column(name).unwrap();
        assert_eq!(
            last.cells[col("得分")],
            Cell::Amount("99.77".parse().unwrap())
        );
        assert_eq!(last.shown()[col("偏差原因")], "等级：优");
        // 得分系数: the score's share of the weight; 是否核心指标 as the sample marks them
        let first = &t.rows[0].shown();
        assert_eq!(first[col("得分系数")], "100.00%");
        assert_eq!(first[col("是否核心指标")], "否");
        let rate_row = r.indicators.iter().position(|i| i.link.is_some()).unwrap();
        let shown = t.rows[rate_row].shown();
        assert_eq!(shown[col("完成值")], "98.49%");
        assert_eq!(shown[col("得分系数")], "98.47%"); // 14.77 / 15
        assert_eq!(shown[col("是否核心指标")], "是");
        assert_eq!(s.fields[2][0].1.shown(), "99.77");
        assert_eq!(s.signoff.len(), 4);
    }

    #[test]
    fn unscored_rows_print_no_grade_and_a_cap_shows_in_the_table() {
        let mut r = sample();
        r.indicators[0].actual = "".into();
        let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
        let e = evaluate(&r, &pack);
        let s = sheet(&r, &e);
        assert_eq!(s.fields[2][0].1.shown(), "未完成");
        assert_eq!(s.fields[2][1].1.shown(), "未完成（尚有 1 项指标未评分）");
        let last = s.tables[1].rows.last().unwrap();
        let reason = s.tables[1].column("偏差原因").unwrap();
        assert_eq!(last.shown()[reason], "等级：未完成（尚有 1 项指标未评分）");
        // a capped total: the column adds up to the sum before the cap, a row gives the cap
        let capped = Pack::builtin_by_id("self-eval-10-90-capped").unwrap();
        let mut r = crate::edit::lifecycle::blank("c", &capped, 2025);
        r.budget.sources[0].adjusted = "100".into();
        r.budget.sources[0].executed = "75".into();
        for i in r.indicators.iter_mut().skip(1) {
            i.actual = match i.rule {
                Rule::Grade { .. } => "优".into(),
                _ => i.target.clone(),
            };
            if i.actual.is_blank() {
                i.actual = "100".into();
                i.target = "100".into();
            }
        }
        let e = evaluate(&r, &capped);
        assert!(e.complete, "{:?}", e.indicators);
        let t = &sheet(&r, &e).tables[1];
        let rows = &t.rows;
        let (sum, cap) = (&rows[rows.len() - 2], &rows[rows.len() - 1]);
        let score = t.column("得分").unwrap();
        assert_eq!(sum.cells[score], Cell::Amount(e.raw_total));
        assert_eq!(cap.shown()[0], "封顶后总分");
        assert_eq!(cap.cells[score], Cell::Amount("89".parse().unwrap()));
        assert!(sheet(&r, &e).notes.iter().any(|n| n.contains("封顶")));
    }

    #[test]
    fn assumed_weights_are_noted_on_screen_until_confirmed_and_never_printed() {
        let mut r = sample();
        let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
        let on_screen = |r: &crate::Report| evaluate(r, &pack).weights_note;
        assert!(on_screen(&r).is_some_and(|n| n.contains("权重为假设值")));
        let printed = sheet(&r, &evaluate(&r, &pack)).notes;
        assert!(!printed.iter().any(|n| n.contains("权重")), "{printed:?}");
        r.apply(&crate::edit::Edit::ConfirmWeights).unwrap();
        assert!(on_screen(&r).is_none());
        // editing a weight by hand counts as confirming it
        let mut r = sample();
        let id = r.indicators[0].id.clone();
        r.set(
            &crate::model::field::Field::indicator(
                &id,
                crate::model::field::IndicatorField::Weight,
            ),
            "8",
        )
        .unwrap();
        assert!(on_screen(&r).is_none());
    }

    #[test]
    fn both_breakdowns_and_last_year_reach_the_report() {
        let mut r = crate::file::sample::sample_with_uses();
        let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
        r.budget.sources[0].last_year = "3800".into();
        r.budget.sources[0].carryover = "12.5".into();
        let s = sheet(&r, &evaluate(&r, &pack));
        assert_eq!(s.tables.len(), 3);
        let budget = &s.tables[0];
        assert!(budget.header.contains(&"上年结转".to_string()));
        assert!(budget.header.contains(&"上年执行数".to_string()));
        assert_eq!(budget.widths.iter().sum::<u32>(), 1000);
        let change = budget.header.iter().position(|h| h == "同比增减").unwrap();
        assert_eq!(budget.rows[0].shown()[change], "5.02%"); // 3990.84 vs 3800
        let uses = &s.tables[1];
        assert_eq!(uses.caption, "预算执行情况（按支出用途，万元）");
        assert_eq!(uses.rows[0].shown()[3], "3990.84");
        assert_eq!(uses.rows[3].shown()[0], "项目支出");
    }
}

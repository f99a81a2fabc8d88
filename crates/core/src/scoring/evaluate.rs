//! `evaluate(&Report, &Pack) -> Evaluation`: every computed figure, from the raw inputs.
//!
//! Rounding (documented in `docs/model.md`):
//! - execution rates are computed exactly, then rounded half-up to two decimals of a percent;
//!   the rounded rate is what is shown *and* what is scored, so "执行率 98.49% × 权重 15"
//!   can be redone by hand from the table;
//! - each indicator's score is computed exactly (penalty and rescaling included), then rounded
//!   half-up to two decimals; the total is the sum of those rounded scores, so the table always
//!   adds up to the total it shows;
//! - caps apply to that total.

use rust_decimal::Decimal;

use crate::base::number::{fmt2, fmt_plain, in_range, percent, round_dp, ParseError, TOO_LARGE};
use crate::model::field::{BudgetField, Field, Group, IndicatorField};
use crate::model::pack::{Pack, RateBase};
use crate::model::rule::{Inputs, Nature, Outcome, Rule};
use crate::model::{Budget, BudgetRow, Indicator, Link, Report};

/// Everything the app shows that is not typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub budget: BudgetEval,
    /// Total execution rate (%), rounded to two decimals; `None` until the budget is filled.
    pub execution_rate: Option<Decimal>,
    /// 在职人员控制率 (%), rounded, from 编制数 and 实有人数.
    pub staff_control: Option<Decimal>,
    /// 预算调整率 (%), rounded, from the 年初 and 全年 budget totals.
    pub adjustment_rate: Option<Decimal>,
    /// 结转结余率, “三公”经费控制率, 政府采购执行率 (%), rounded, from their amounts.
    pub balance_rate: Option<Decimal>,
    pub three_public_control: Option<Decimal>,
    pub procurement_rate: Option<Decimal>,
    /// Each quarter's payments against the pack's 序时进度 (Q1 to Q3).
    pub progress: Vec<Quarter>,
    /// The 其他财务数据 amounts that were given and read, parsed once for the checks.
    pub spending: Vec<(crate::model::field::SpendingField, Decimal)>,
    /// 支付进度率 (%), rounded: the filled quarters' 实际 ÷ 序时进度, each capped at 100%,
    /// averaged.
    pub payment_progress: Option<Decimal>,
    pub indicators: Vec<IndicatorEval>,
    /// Per 一级指标, in table order.
    pub level1: Vec<Subtotal>,
    /// Per 一级 + 二级指标, in table order.
    pub level2: Vec<Subtotal>,
    /// Sum of the indicators' weights in force (after 不适用 rescaling).
    pub weight_total: Decimal,
    /// Sum of the rounded indicator scores, before caps.
    pub raw_total: Decimal,
    /// The total after caps.
    pub total: Decimal,
    pub grade: String,
    /// Caps, penalties and rescaling applied, each with its reason, in Chinese.
    pub adjustments: Vec<String>,
    /// Every typed figure that did not parse, with the path of its field.
    pub errors: Vec<FieldError>,
    /// True when every applicable indicator has a score.
    pub complete: bool,
    /// Applicable indicators without a score yet.
    pub unscored: usize,
    /// Set while the weights in force are the pack author's assumption, not yet confirmed or
    /// edited by the user: every score shown carries it.
    pub weights_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub path: Field,
    pub error: ParseError,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct BudgetEval {
    pub sources: Vec<RowEval>,
    pub uses: Vec<RowEval>,
    /// Sum of the source rows: the department's whole budget.
    pub total: Totals,
    /// Sum of the use rows.
    pub uses_total: Totals,
    /// 基本支出 = 人员经费 + 公用经费.
    pub basic: Totals,
}

impl BudgetEval {
    /// The rows of one breakdown.
    pub fn rows(&self, group: Group) -> &[RowEval] {
        match group {
            Group::Sources => &self.sources,
            Group::Uses => &self.uses,
        }
    }
}

impl RowEval {
    /// This year's execution against 上年执行数 (%), exact; `None` without both.
    pub fn change(&self) -> Option<Decimal> {
        let (now, before) = self.executed.zip(self.last_year)?;
        crate::base::number::change(now, before)
    }
}

/// One quarter's payments against 序时进度.
#[derive(Debug, Clone, PartialEq)]
pub struct Quarter {
    /// 1 to 3.
    pub quarter: u8,
    /// 累计支出 by the quarter's end (万元).
    pub paid: Option<Decimal>,
    /// 实际支付进度 (%) of the year's budget, rounded; `None` until paid and budget are known.
    pub progress: Option<Decimal>,
    /// 序时进度 (%) from the pack.
    pub due: Decimal,
}

impl Quarter {
    /// Paid below the schedule.
    pub fn behind(&self) -> bool {
        self.progress.is_some_and(|p| p < self.due)
    }
}

/// One budget row's figures, parsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowEval {
    pub id: String,
    pub initial: Option<Decimal>,
    pub adjusted: Option<Decimal>,
    /// The budget in force: 调整预算 if given, else 年初预算.
    pub budget: Option<Decimal>,
    pub executed: Option<Decimal>,
    /// Execution rate (%), rounded to two decimals.
    pub rate: Option<Decimal>,
    /// 上年结转.
    pub carryover: Option<Decimal>,
    /// 上年执行数.
    pub last_year: Option<Decimal>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Totals {
    pub initial: Decimal,
    pub budget: Decimal,
    pub executed: Decimal,
    /// Execution rate (%), rounded; `None` when there is no budget.
    pub rate: Option<Decimal>,
    /// Number of rows with a budget or an execution figure.
    pub rows_filled: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorEval {
    pub id: String,
    /// The weight in force: as typed, times the 不适用 rescaling factor.
    pub weight: Decimal,
    /// Rounded to two decimals; `None` when not applicable or not yet scorable.
    pub score: Option<Decimal>,
    pub status: Status,
    /// One line in Chinese: how the score came about, or what is missing.
    pub explanation: String,
    /// For a row an import scored by hand with the file's 得分: what its earlier rule gives.
    pub ruled: Option<Decimal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Scored,
    NotApplicable,
    /// Something is missing or invalid; the explanation says what.
    Pending,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Subtotal {
    pub level1: String,
    /// Empty for a 一级 subtotal.
    pub level2: String,
    pub weight: Decimal,
    pub score: Decimal,
}

/// The execution rate of `executed` against `budget`, rounded to two decimals.
fn rate(executed: Option<Decimal>, budget: Option<Decimal>) -> Option<Decimal> {
    percent(executed?, budget?).map(|r| round_dp(r, 2))
}

fn row_eval(
    row: &BudgetRow,
    group: Group,
    base: RateBase,
    errors: &mut Vec<FieldError>,
) -> RowEval {
    let mut get = |field: BudgetField, label: &str, text: &crate::base::number::Figure| {
        text.value_in("万元", &format!("{} · {label}", row.name))
            .unwrap_or_else(|error| {
                errors.push(FieldError {
                    path: Field::budget(group, &row.id, field),
                    error,
                });
                None
            })
    };
    let initial = get(BudgetField::Initial, "年初预算数", &row.initial);
    let adjusted = get(BudgetField::Adjusted, "全年预算数", &row.adjusted);
    let executed = get(BudgetField::Executed, "执行数", &row.executed);
    let carryover = get(BudgetField::Carryover, "上年结转", &row.carryover);
    let last_year = get(BudgetField::LastYear, "上年执行数", &row.last_year);
    // the pack says which budget the execution rate is measured against
    let budget = match base {
        RateBase::Adjusted => adjusted.or(initial),
        RateBase::Initial => initial.or(adjusted),
    };
    RowEval {
        id: row.id.clone(),
        initial,
        adjusted,
        budget,
        executed,
        rate: rate(executed, budget),
        carryover,
        last_year,
    }
}

/// The sum of `rows`: 年初, budget in force, execution, the rate of the sums.
pub fn totals<'a>(rows: impl Iterator<Item = &'a RowEval>) -> Totals {
    let mut t = Totals::default();
    let mut any_budget = false;
    for r in rows {
        if r.budget.is_some() || r.executed.is_some() {
            t.rows_filled += 1;
        }
        any_budget |= r.budget.is_some();
        t.initial += r.initial.unwrap_or_default();
        t.budget += r.budget.unwrap_or_default();
        t.executed += r.executed.unwrap_or_default();
    }
    t.rate = if any_budget {
        rate(Some(t.executed), Some(t.budget))
    } else {
        None
    };
    t
}

fn budget_eval(budget: &Budget, base: RateBase, errors: &mut Vec<FieldError>) -> BudgetEval {
    let sources: Vec<RowEval> = budget
        .sources
        .iter()
        .map(|r| row_eval(r, Group::Sources, base, errors))
        .collect();
    let uses: Vec<RowEval> = budget
        .uses
        .iter()
        .map(|r| row_eval(r, Group::Uses, base, errors))
        .collect();
    let basic = totals(
        budget
            .uses
            .iter()
            .zip(&uses)
            .filter(|(row, _)| row.kind.is_basic())
            .map(|(_, e)| e),
    );
    BudgetEval {
        total: totals(sources.iter()),
        uses_total: totals(uses.iter()),
        basic,
        sources,
        uses,
    }
}

/// The exact rates computed from [`crate::model::Spending`].
struct SpendingRates {
    amounts: Vec<(crate::model::field::SpendingField, Decimal)>,
    balance: Option<Decimal>,
    three_public: Option<Decimal>,
    procurement: Option<Decimal>,
    quarters: Vec<Quarter>,
    progress_rate: Option<Decimal>,
}

fn spending_rates(
    s: &crate::model::Spending,
    total: &Totals,
    pack: &Pack,
    errors: &mut Vec<FieldError>,
) -> SpendingRates {
    use crate::model::field::SpendingField as F;
    let mut amounts = Vec::new();
    let mut get = |field: F| {
        let label = field.label();
        let text = field.get(s);
        let v = crate::base::number::Figure::new(text)
            .value_in("万元", label)
            .unwrap_or_else(|error| {
                errors.push(FieldError {
                    path: Field::Spending(field),
                    error,
                });
                None
            });
        if let Some(v) = v {
            amounts.push((field, v));
        }
        v
    };
    let budget = (total.rows_filled > 0 && !total.budget.is_zero()).then_some(total.budget);
    let ratio = |a: Option<Decimal>, b: Option<Decimal>| percent(a?, b?);
    let balance = ratio(get(F::Balance), budget);
    let three_public = ratio(get(F::ThreePublicActual), get(F::ThreePublicBudget));
    let procurement = ratio(get(F::ProcurementActual), get(F::ProcurementPlan));
    let quarters: Vec<Quarter> = F::PAID
        .into_iter()
        .zip(pack.schedule)
        .zip(1u8..)
        .map(|((field, due), quarter)| {
            let paid = get(field);
            Quarter {
                quarter,
                paid,
                progress: ratio(paid, budget).map(|p| round_dp(p, 2)),
                due,
            }
        })
        .collect();
    // each filled quarter: 实际支付进度 ÷ 序时进度, full marks at or above it
    let shares: Vec<Decimal> = quarters
        .iter()
        .filter_map(|q| {
            let exact = ratio(q.paid, budget)?;
            percent(exact, q.due).map(|r| r.min(Decimal::ONE_HUNDRED))
        })
        .collect();
    let progress_rate = (!shares.is_empty())
        .then(|| shares.iter().sum::<Decimal>() / Decimal::from(shares.len() as u64));
    SpendingRates {
        amounts,
        balance,
        three_public,
        procurement,
        quarters,
        progress_rate,
    }
}

/// Parse one of an indicator's figures, recording a failure under its path.
fn figure(
    ind: &Indicator,
    field: IndicatorField,
    label: &str,
    text: &crate::base::number::Figure,
    errors: &mut Vec<FieldError>,
) -> Result<Option<Decimal>, String> {
    // targets and completion values are written as tables write them: "26次", "≥95%"
    let read = match field {
        IndicatorField::Target | IndicatorField::TargetAdjusted | IndicatorField::Actual => {
            crate::base::number::parse_measure("", text.text())
        }
        _ => text.value(""),
    };
    read.map_err(|mut error| {
        // named only when it is needed: this runs for every figure of every row on each keystroke
        let name = if ind.level3.is_empty() {
            "指标"
        } else {
            &ind.level3
        };
        error.field = format!("{name} · {label}");
        let msg = error.to_string();
        errors.push(FieldError {
            path: Field::indicator(&ind.id, field),
            error,
        });
        msg
    })
}

/// The qualitative word a target or result is written as, if it is one of the pack's.
fn word<'a>(pack: &'a Pack, text: &str) -> Option<&'a crate::model::rule::GradeStep> {
    // as tables write it: "好。", "（较好）", a full-width space
    let t = text.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '。' | '．'
                    | '.'
                    | '，'
                    | ','
                    | '；'
                    | ';'
                    | '（'
                    | '）'
                    | '('
                    | ')'
                    | '“'
                    | '”'
                    | '"'
                    | '\''
                    | '【'
                    | '】'
            )
    });
    pack.qualitative.iter().find(|s| s.label == t)
}

/// The target in force, as typed: the adjusted one if given.
fn target_text(ind: &Indicator) -> &str {
    if ind.target_adjusted.is_blank() {
        ind.target.text()
    } else {
        ind.target_adjusted.text()
    }
}

/// A row whose target or result is a word (好, 较好, 达标…): the result's share of the weight,
/// full marks when it reaches the target's word. `None` for a numeric row.
fn qualitative(
    ind: &Indicator,
    pack: &Pack,
    weight: Decimal,
) -> Option<Result<(Decimal, String), String>> {
    if ind.link.is_some() || !ind.rule.needs_number() {
        return None;
    }
    let target = word(pack, target_text(ind));
    let actual = word(pack, ind.actual.text());
    if target.is_none() && actual.is_none() {
        return None;
    }
    let words = || {
        pack.qualitative
            .iter()
            .map(|s| s.label.as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    let Some(a) = actual else {
        return Some(Err(if ind.actual.is_blank() {
            format!("请填写完成情况（{}）", words())
        } else {
            format!(
                "完成情况“{}”不在定性等级中（可选：{}）",
                ind.actual.text().trim(),
                words()
            )
        }));
    };
    let wt = fmt_plain(weight);
    let share = match weight
        .checked_mul(a.coefficient)
        .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
    {
        Some(s) => s,
        None => return Some(Err(TOO_LARGE.to_string())),
    };
    let pct = fmt_plain(a.coefficient);
    Some(Ok(match target {
        Some(t) if a.coefficient < t.coefficient => (
            share,
            format!(
                "完成情况“{}”（{pct}%）未达到目标“{}”：权重 {wt} × {pct}% = {}",
                a.label,
                t.label,
                fmt2(share)
            ),
        ),
        Some(t) => (
            weight,
            format!(
                "完成情况“{}”达到目标“{}”，得满分 {}",
                a.label,
                t.label,
                fmt2(weight)
            ),
        ),
        None => (
            share,
            format!(
                "完成情况“{}”（{pct}%） × 权重 {wt} = {}",
                a.label,
                fmt2(share)
            ),
        ),
    }))
}

/// Whether a row's result falls short of its target (as typed: numbers by the row's 性质,
/// words by the pack's ladder); with the two as shown. A shortfall needs its 偏差原因 whatever
/// the score — a full score for a missed target is what reviewers reject.
pub fn short_of_target(ind: &Indicator, pack: &Pack) -> Option<(String, String)> {
    if ind.link.is_some() || !ind.rule.needs_number() || ind.actual.is_blank() {
        return None;
    }
    let (t_text, a_text) = (target_text(ind), ind.actual.text());
    let shown = || Some((a_text.trim().to_string(), t_text.trim().to_string()));
    if let (Some(t), Some(a)) = (word(pack, t_text), word(pack, a_text)) {
        return (a.coefficient < t.coefficient).then(shown).flatten();
    }
    let t = crate::base::number::parse_measure("", t_text).ok()??;
    let a = crate::base::number::parse_measure("", a_text).ok()??;
    let short = match ind.nature {
        Nature::Ge => a < t,
        Nature::Le => a > t,
        Nature::Eq => a != t,
        Nature::Qualitative => false,
    };
    short.then(shown).flatten()
}

/// Score one indicator before rescaling: (exact score, explanation) or what is missing.
fn score_indicator(
    ind: &Indicator,
    pack: &Pack,
    linked: &dyn Fn(Link) -> Option<Decimal>,
    errors: &mut Vec<FieldError>,
) -> Result<(Decimal, String), String> {
    let weight = figure(ind, IndicatorField::Weight, "权重", &ind.weight, errors)?
        .ok_or_else(|| "请填写权重".to_string())?;
    // a checklist of items met with nothing ticked is not filled in yet, not a zero: unless
    // the reason says that indeed none was met
    if let Rule::Checklist {
        items,
        mode: crate::model::rule::ChecklistMode::Add,
        ..
    } = &ind.rule
    {
        if !items.is_empty() && ind.checked.is_empty() && ind.reason.trim().is_empty() {
            return Err("未填：请勾选符合的项；如确无符合项，请在偏差原因中说明".into());
        }
    }
    // a target or result written as a word (好, 达标…) scores through the pack's ladder
    if let Some(scored) = qualitative(ind, pack, weight) {
        return scored;
    }
    // a hand score stands on its own: a target written as a word (高) does not stop it
    let hand = ind.rule == Rule::Manual;
    let target_initial = if hand {
        None
    } else {
        figure(
            ind,
            IndicatorField::Target,
            "年初指标值",
            &ind.target,
            errors,
        )?
    };
    let target_adjusted = if hand {
        None
    } else {
        figure(
            ind,
            IndicatorField::TargetAdjusted,
            "调整指标值",
            &ind.target_adjusted,
            errors,
        )?
    };
    let manual = if ind.rule == Rule::Manual {
        figure(
            ind,
            IndicatorField::ManualScore,
            "得分",
            &ind.manual_score,
            errors,
        )?
    } else {
        None
    };
    let (actual, actual_label) = match ind.link {
        Some(l) => (Some(linked(l).ok_or(l.missing())?), l.name()),
        None if ind.rule.needs_number()
            || matches!(ind.rule, Rule::Checklist { ref items, .. } if items.is_empty()) =>
        {
            (
                figure(ind, IndicatorField::Actual, "完成值", &ind.actual, errors)?,
                "完成值",
            )
        }
        None => (None, "完成值"),
    };
    let target = target_adjusted.or(target_initial);
    let inputs = Inputs {
        nature: ind.nature,
        unit: &ind.unit,
        weight,
        target,
        actual,
        actual_text: ind.actual.text(),
        actual_label,
        checked: &ind.checked,
        manual,
    };
    let (mut score, mut explanation) = match ind.rule.score(&inputs) {
        Outcome::Scored { score, explanation } => (score, explanation),
        Outcome::Pending(why) => return Err(why),
    };
    // 指标偏离: a target set far below what was achieved
    if let (Some(dev), Some(a), Some(t), Nature::Ge, None) =
        (&pack.deviation, actual, target, ind.nature, ind.link)
    {
        let limit = (Decimal::ONE_HUNDRED.checked_add(dev.over_percent))
            .and_then(|p| t.checked_mul(p))
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .ok_or_else(|| TOO_LARGE.to_string())?;
        if t > Decimal::ZERO && a >= limit && dev.penalty > Decimal::ZERO {
            let before = score;
            score = (score - dev.penalty).max(Decimal::ZERO);
            explanation.push_str(&format!(
                "；完成值超出目标值 {}% 以上，属指标偏离，扣 {} 分：{} − {} = {}",
                fmt_plain(dev.over_percent),
                fmt_plain(dev.penalty),
                fmt2(before),
                fmt_plain(dev.penalty),
                fmt2(score)
            ));
        }
    }
    Ok((score, explanation))
}

/// The finding for an indicator whose figures are too large to compute with.
fn too_large(ind: &Indicator) -> FieldError {
    FieldError {
        path: Field::indicator(&ind.id, IndicatorField::Weight),
        error: ParseError {
            field: format!("{} · 权重", ind.level3),
            text: ind.weight.text().to_string(),
            reason: TOO_LARGE.into(),
        },
    }
}

/// The rows an earlier evaluation of a draft scored, kept to be reused while a row, the figure
/// it links to and the pack are all as they were. A keystroke in one row, or in the budget,
/// then scores only the rows it touches: scoring is most of an evaluation (numbers read from
/// their text, explanations written), and a table may have hundreds of rows.
#[derive(Debug, Default)]
pub struct Scored {
    pack: Option<Pack>,
    /// In the table's order: a row is reused where it still stands at its place.
    rows: Vec<ScoredRow>,
}

#[derive(Debug)]
struct ScoredRow {
    ind: Indicator,
    linked: Option<Decimal>,
    result: Result<(Decimal, String), String>,
    errors: Vec<FieldError>,
}

impl Scored {
    /// [`score_indicator`] for `ind`, the `n`th row, or its result from last time when
    /// `earlier` had the same row there (rows added, deleted or moved are scored again).
    fn score(
        &mut self,
        earlier: &mut [Option<ScoredRow>],
        n: usize,
        ind: &Indicator,
        pack: &Pack,
        linked: &dyn Fn(Link) -> Option<Decimal>,
        errors: &mut Vec<FieldError>,
    ) -> Result<(Decimal, String), String> {
        let link_value = ind.link.and_then(linked);
        let row = match earlier.get_mut(n).and_then(Option::take) {
            Some(row) if row.linked == link_value && row.ind == *ind => row,
            _ => {
                let mut own = Vec::new();
                let result = score_indicator(ind, pack, linked, &mut own);
                ScoredRow {
                    ind: ind.clone(),
                    linked: link_value,
                    result,
                    errors: own,
                }
            }
        };
        errors.extend(row.errors.iter().cloned());
        let result = row.result.clone();
        self.rows.push(row);
        result
    }
}

/// Compute every figure of `report` under `pack`. Pure; never fails: what cannot be computed
/// is reported in `errors` and in each indicator's status.
pub fn evaluate(report: &Report, pack: &Pack) -> Evaluation {
    evaluate_kept(report, pack, None)
}

/// [`evaluate`], reusing the rows `kept` holds from the last evaluation of the same draft
/// and keeping this one's for the next. The result is the same as `evaluate`'s.
pub fn evaluate_with(report: &Report, pack: &Pack, kept: &mut Scored) -> Evaluation {
    evaluate_kept(report, pack, Some(kept))
}

/// Rows are kept only where asked: a one-off evaluation (a 汇总 file, the list's metadata)
/// copies no rows.
fn evaluate_kept(report: &Report, pack: &Pack, mut kept: Option<&mut Scored>) -> Evaluation {
    let mut earlier: Vec<Option<ScoredRow>> = match kept.as_deref_mut() {
        Some(kept) => {
            if kept.pack.as_ref() != Some(pack) {
                kept.rows.clear();
                kept.pack = Some(pack.clone());
            }
            std::mem::take(&mut kept.rows)
                .into_iter()
                .map(Some)
                .collect()
        }
        None => Vec::new(),
    };
    let mut errors = Vec::new();
    let budget = budget_eval(&report.budget, pack.rate_base, &mut errors);
    let execution_rate = budget.total.rate;
    let rate_first = pack.rounding == crate::model::pack::Rounding::RateFirst;
    // the pack's convention: a rate rounded before it is scored, or kept exact
    let scored_rate = |r: Option<Decimal>| {
        if rate_first {
            r.map(|r| round_dp(r, 2))
        } else {
            r
        }
    };
    let staff = |f: &crate::base::number::Figure| f.value_in("人", "").ok().flatten();
    let staff_exact = staff(&report.unit.staff_actual)
        .zip(staff(&report.unit.staff_authorized))
        .and_then(|(a, b)| percent(a, b));
    let t = &budget.total;
    let adjustment_exact = (t.rows_filled > 0 && !t.initial.is_zero())
        .then(|| percent((t.budget - t.initial).abs(), t.initial))
        .flatten();
    let execution_exact = t.rate.and_then(|_| percent(t.executed, t.budget));
    let spent = spending_rates(&report.budget.spending, t, pack, &mut errors);
    let staff_control = staff_exact.map(|r| round_dp(r, 2));
    let adjustment_rate = adjustment_exact.map(|r| round_dp(r, 2));
    let linked = |l: Link| match l {
        Link::ExecutionRate => scored_rate(execution_exact),
        Link::StaffControl => scored_rate(staff_exact),
        Link::BudgetAdjustment => scored_rate(adjustment_exact),
        Link::BalanceRate => scored_rate(spent.balance),
        Link::ThreePublicControl => scored_rate(spent.three_public),
        Link::ProcurementRate => scored_rate(spent.procurement),
        Link::PaymentProgress => scored_rate(spent.progress_rate),
    };
    let mut adjustments = Vec::new();

    // 不适用: drop those indicators and rescale the rest so they still add up to the pack total
    let weights: Vec<Decimal> = report
        .indicators
        .iter()
        .map(|i| i.weight.value("").ok().flatten().unwrap_or_default())
        .collect();
    let na_weight: Decimal = report
        .indicators
        .iter()
        .zip(&weights)
        .filter(|(i, _)| i.not_applicable)
        .map(|(_, w)| *w)
        .sum();
    let applicable: Decimal = weights.iter().sum::<Decimal>() - na_weight;
    let factor = if na_weight > Decimal::ZERO && applicable > Decimal::ZERO {
        adjustments.push(format!(
            "不适用指标权重合计 {} 分已剔除，其余指标得分按 {} ÷ {} 折算",
            fmt_plain(na_weight),
            fmt_plain(pack.total),
            fmt_plain(applicable)
        ));
        pack.total.checked_div(applicable)
    } else {
        None
    };

    let mut exact_scores: Vec<Decimal> = Vec::new();
    let mut indicators = Vec::with_capacity(report.indicators.len());
    for (n, (ind, w)) in report.indicators.iter().zip(&weights).enumerate() {
        if ind.not_applicable {
            indicators.push(IndicatorEval {
                id: ind.id.clone(),
                weight: Decimal::ZERO,
                score: None,
                status: Status::NotApplicable,
                explanation: "不适用，不计分".into(),
                ruled: None,
            });
            continue;
        }
        // rescaling may multiply by a large factor (a tiny applicable weight): checked, and a
        // result beyond the parser's range is "too large" rather than a panic further on
        let scale = |x: Decimal| match factor {
            Some(f) => x.checked_mul(f).filter(|v| in_range(*v)),
            None => Some(x),
        };
        let Some(weight) = scale(*w) else {
            errors.push(too_large(ind));
            indicators.push(IndicatorEval {
                id: ind.id.clone(),
                weight: Decimal::ZERO,
                score: None,
                status: Status::Pending,
                explanation: TOO_LARGE.into(),
                ruled: None,
            });
            continue;
        };
        let scored = match kept.as_deref_mut() {
            Some(kept) => kept.score(&mut earlier, n, ind, pack, &linked, &mut errors),
            None => score_indicator(ind, pack, &linked, &mut errors),
        }
        .and_then(|(exact, mut explanation)| {
            let scaled = scale(exact).ok_or_else(|| TOO_LARGE.to_string())?;
            if factor.is_some() {
                explanation.push_str(&format!("；折算后 {}", fmt2(scaled)));
            }
            Ok((scaled, explanation))
        });
        if matches!(&scored, Err(why) if why == TOO_LARGE) {
            errors.push(too_large(ind));
        }
        if let Ok((exact, _)) = &scored {
            exact_scores.push(*exact);
        }
        // the file's score kept by hand: what the rule it replaced would give, to compare
        let ruled = match (&ind.rule, &ind.imported_rule) {
            (Rule::Manual, Some(rule)) => {
                let by_rule = Indicator {
                    rule: rule.clone(),
                    ..ind.clone()
                };
                score_indicator(&by_rule, pack, &linked, &mut Vec::new())
                    .ok()
                    .and_then(|(x, _)| scale(x))
                    .map(|x| round_dp(x, 2))
            }
            _ => None,
        };
        let eval = match scored {
            Ok((exact, explanation)) => IndicatorEval {
                id: ind.id.clone(),
                weight,
                score: Some(round_dp(exact, 2)),
                status: Status::Scored,
                explanation,
                ruled,
            },
            Err(why) => IndicatorEval {
                id: ind.id.clone(),
                weight,
                score: None,
                status: Status::Pending,
                explanation: why,
                ruled,
            },
        };
        indicators.push(eval);
    }

    let mut level1: Vec<Subtotal> = Vec::new();
    let mut level2: Vec<Subtotal> = Vec::new();
    for (ind, e) in report.indicators.iter().zip(&indicators) {
        let score = e.score.unwrap_or_default();
        for (list, l2) in [(&mut level1, ""), (&mut level2, ind.level2.as_str())] {
            match list
                .iter_mut()
                .find(|s| s.level1 == ind.level1 && s.level2 == l2)
            {
                Some(s) => {
                    s.weight += e.weight;
                    s.score += score;
                }
                None => list.push(Subtotal {
                    level1: ind.level1.clone(),
                    level2: l2.to_string(),
                    weight: e.weight,
                    score,
                }),
            }
        }
    }

    let raw_total: Decimal = if rate_first {
        indicators.iter().filter_map(|e| e.score).sum()
    } else {
        round_dp(exact_scores.iter().sum(), 2)
    };
    let weight_total = round_dp(indicators.iter().map(|e| e.weight).sum(), 2);
    let mut total = raw_total;
    if let Some(r) = execution_rate {
        let cap = pack
            .caps
            .iter()
            .filter(|c| r < c.rate_below)
            .min_by_key(|c| c.max_total);
        if let Some(c) = cap {
            if total > c.max_total {
                adjustments.push(format!(
                    "预算执行率 {}% 低于 {}%，总分封顶 {} 分（封顶前 {} 分）",
                    fmt2(r),
                    fmt_plain(c.rate_below),
                    fmt_plain(c.max_total),
                    fmt2(total)
                ));
                total = c.max_total;
            }
        }
    }
    let total = round_dp(total, 2);
    let unscored = indicators
        .iter()
        .filter(|e| e.status == Status::Pending)
        .count();
    let complete = unscored == 0;
    let weights_note = (!report.weights_confirmed
        && pack.id == report.pack_id
        && pack.indicators.iter().any(|t| t.weight_assumed))
    .then(|| {
        format!(
            "本评价指标体系（{}）的权重为假设值，请按本地当年文件核对",
            pack.name
        )
    });
    Evaluation {
        grade: pack.grade(total).to_string(),
        budget,
        execution_rate,
        staff_control,
        adjustment_rate,
        balance_rate: spent.balance.map(|r| round_dp(r, 2)),
        three_public_control: spent.three_public.map(|r| round_dp(r, 2)),
        procurement_rate: spent.procurement.map(|r| round_dp(r, 2)),
        payment_progress: spent.progress_rate.map(|r| round_dp(r, 2)),
        progress: spent.quarters,
        spending: spent.amounts,
        indicators,
        level1,
        level2,
        weight_total,
        raw_total: round_dp(raw_total, 2),
        total,
        adjustments,
        errors,
        complete,
        unscored,
        weights_note,
    }
}

impl Evaluation {
    /// The figure a link computes.
    pub fn linked(&self, link: Link) -> Option<Decimal> {
        match link {
            Link::ExecutionRate => self.execution_rate,
            Link::StaffControl => self.staff_control,
            Link::BudgetAdjustment => self.adjustment_rate,
            Link::BalanceRate => self.balance_rate,
            Link::ThreePublicControl => self.three_public_control,
            Link::ProcurementRate => self.procurement_rate,
            Link::PaymentProgress => self.payment_progress,
        }
    }

    /// A 其他财务数据 amount as read, when it was given.
    pub fn amount(&self, field: crate::model::field::SpendingField) -> Option<Decimal> {
        self.spending
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| *v)
    }

    pub fn indicator(&self, id: &str) -> Option<&IndicatorEval> {
        self.indicators.iter().find(|e| e.id == id)
    }
}

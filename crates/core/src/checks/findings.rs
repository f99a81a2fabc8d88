//! `check(&Report, &Pack, &Evaluation) -> Vec<Finding>`: what is wrong or missing in a draft.
//!
//! Findings come in document order (unit, budget, indicators, narrative, closing), each with the
//! path of the field it is about (see [`crate::model::field::Field`]) and a message in Chinese.

use rust_decimal::Decimal;

use crate::base::number::{fmt2, fmt_plain, percent, round_dp, TOO_LARGE};
use crate::checks::narrative::{figure_refs, grade_refs, Quantity, Scope};
use crate::model::field::{
    BudgetField, Field, GoalField, Group, IndicatorField, Part, ProblemField, SectionField,
    UnitField,
};
use crate::model::pack::Pack;
use crate::model::{char_count, BudgetRow, Home, Link, Report, PLACEHOLDERS};
use crate::scoring::{Evaluation, RowEval, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Wrong: figures that disagree, inputs that cannot be read, rules the form breaks.
    Error,
    /// Missing or doubtful: something the form asks for that is not there yet.
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提示",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// The field concerned; the editor jumps to it.
    pub path: Field,
    pub message: String,
}

/// Collects findings; keeps the call sites short.
struct Findings(Vec<Finding>);

impl Findings {
    fn error(&mut self, path: Field, message: String) {
        self.0.push(Finding {
            severity: Severity::Error,
            path,
            message,
        });
    }

    fn warn(&mut self, path: Field, message: String) {
        self.0.push(Finding {
            severity: Severity::Warning,
            path,
            message,
        });
    }

    /// A text over `limit` characters. (`what` is formatted only then: this runs for every
    /// row on each keystroke.)
    fn limit(
        &mut self,
        path: Field,
        what: impl std::fmt::Display,
        text: &str,
        limit: Option<usize>,
    ) {
        if let Some(limit) = limit {
            let n = char_count(text);
            if n > limit {
                self.error(path, format!("{what}共 {n} 字，超过 {limit} 字的限制"));
            }
        }
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Check a draft against its pack and its evaluation (from [`crate::evaluate`]).
pub fn check(report: &Report, pack: &Pack, eval: &Evaluation) -> Vec<Finding> {
    let mut f = Findings(Vec::new());

    if blank(&report.unit.name) {
        f.warn(Field::Unit(UnitField::Name), "请填写单位名称".into());
    }
    if report.unit.year == 0 {
        f.warn(Field::Unit(UnitField::Year), "请填写年度".into());
    }

    // every figure that could not be read, where it was typed
    let (budget_errors, other_errors): (Vec<_>, Vec<_>) = eval
        .errors
        .iter()
        .partition(|e| e.path.part() == Part::Budget);
    for e in &budget_errors {
        f.error(e.path.clone(), e.error.to_string());
    }

    check_budget(&mut f, report, pack, eval);

    for e in &other_errors {
        let message = if e.error.reason == TOO_LARGE {
            format!(
                "“{}”数值过大，无法计算得分：请核对权重、指标值、完成值和评分参数",
                e.error.field
            )
        } else {
            e.error.to_string()
        };
        f.error(e.path.clone(), message);
    }
    check_indicators(&mut f, report, pack, eval);

    for g in &report.goals {
        let name = "绩效目标未完成原因";
        f.limit(
            Field::goal(&g.id, GoalField::Reason),
            name,
            &g.reason,
            pack.limits.reason,
        );
    }

    check_narrative(&mut f, report, eval);
    check_placeholders(&mut f, report);

    f.limit(
        Field::Conclusion,
        "评价结论",
        &report.conclusion,
        pack.limits.conclusion,
    );
    // (a 评价结论 written in its own outline section is there already)
    if pack.limits.conclusion.is_some()
        && blank(&report.conclusion)
        && !written_in_outline(report, Home::Conclusion)
    {
        f.warn(Field::Conclusion, "请填写评价结论".into());
    }
    let first_problem = report
        .problems
        .first()
        .map_or(Field::Part(Part::Closing), |p| {
            Field::problem(&p.id, ProblemField::Problem)
        });
    let first_measure = report
        .problems
        .first()
        .map_or(Field::Part(Part::Closing), |p| {
            Field::problem(&p.id, ProblemField::Measure)
        });
    f.limit(
        first_problem,
        "存在问题",
        &report.problems_text(),
        pack.limits.problems,
    );
    f.limit(
        first_measure,
        "改进措施",
        &report.measures_text(),
        pack.limits.measures,
    );
    f.0
}

/// Whether a section that is the home of `home` has text of its own.
fn written_in_outline(report: &Report, home: Home) -> bool {
    report
        .sections
        .iter()
        .any(|s| s.home() == Some(home) && !blank(&s.text))
}

/// Where `{{` first stands in `text`: found by its first byte, which is quicker than a
/// substring search over a whole narrative on every keystroke.
fn open_braces(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(j) = b[from..].iter().position(|&c| c == b'{') {
        let at = from + j;
        if b.get(at + 1) == Some(&b'{') {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// A `{{…}}` no figure fills would print as it is: every text that prints is looked at.
fn check_placeholders(f: &mut Findings, report: &Report) {
    let known = PLACEHOLDERS.map(|(t, _)| t).join("、");
    let mut look = |field: Field, what: &str, text: &str| {
        let mut rest = text;
        while let Some(i) = open_braces(rest) {
            let after = &rest[i..];
            let token = after.find("}}").map_or(after, |j| &after[..j + 2]);
            if !PLACEHOLDERS.iter().any(|(t, _)| *t == token) {
                f.warn(
                    field.clone(),
                    format!("{what}中的“{token}”不是可用的占位符，会原样打印（可用：{known}）"),
                );
            }
            rest = &after[2..];
        }
    };
    for s in &report.sections {
        look(
            Field::section(&s.id, SectionField::Text),
            &format!("“{}”", s.title),
            &s.text,
        );
    }
    look(Field::Conclusion, Field::CONCLUSION, &report.conclusion);
    for p in &report.problems {
        look(
            Field::problem(&p.id, ProblemField::Problem),
            ProblemField::Problem.label(),
            &p.problem,
        );
        look(
            Field::problem(&p.id, ProblemField::Measure),
            ProblemField::Measure.label(),
            &p.measure,
        );
    }
}

fn check_budget(f: &mut Findings, report: &Report, pack: &Pack, eval: &Evaluation) {
    let b = &eval.budget;
    if b.total.rows_filled == 0 {
        f.warn(
            report
                .budget
                .sources
                .first()
                .map_or(Field::Part(Part::Budget), |r| {
                    Field::budget(Group::Sources, &r.id, BudgetField::Adjusted)
                }),
            "请填写预算数和执行数".into(),
        );
    }
    let rows = [
        (Group::Sources, &report.budget.sources, &b.sources),
        (Group::Uses, &report.budget.uses, &b.uses),
    ];
    for (group, rows, evals) in rows {
        for (row, e) in rows.iter().zip(evals.iter()) {
            check_budget_row(f, pack, group, row, e);
        }
    }
    // the breakdown by use, once complete, must add up to the budget by source
    let uses = &b.uses_total;
    if uses.rows_filled == report.budget.uses.len() && uses.rows_filled > 0 {
        for (what, by_use, by_source) in [
            ("全年预算数", uses.budget, b.total.budget),
            ("执行数", uses.executed, b.total.executed),
        ] {
            if by_use != by_source {
                f.warn(
                    Field::Part(Part::Budget),
                    format!(
                        "按支出用途合计的{what} {} 万元与按资金来源合计的 {} 万元不一致",
                        fmt2(by_use),
                        fmt2(by_source)
                    ),
                );
            }
        }
    }
    check_spending(f, eval);
}

/// 三公经费, 政府采购 and the quarterly payments.
fn check_spending(f: &mut Findings, eval: &Evaluation) {
    use crate::model::field::SpendingField as S;
    for field in [
        S::ThreePublicBudget,
        S::ThreePublicActual,
        S::ProcurementPlan,
        S::ProcurementActual,
        S::Balance,
    ] {
        if let Some(v) = eval
            .amount(field)
            .filter(|v| v.is_sign_negative() && !v.is_zero())
        {
            let label = field.label();
            f.error(
                Field::Spending(field),
                format!("{label}为负数（{} 万元），请核对", fmt2(v)),
            );
        }
    }
    if let Some(r) = eval
        .three_public_control
        .filter(|r| *r > Decimal::ONE_HUNDRED)
    {
        f.warn(
            Field::Spending(S::ThreePublicActual),
            format!(
                "“三公”经费实际支出超过预算，控制率 {}%，请说明原因",
                fmt2(r)
            ),
        );
    }
    // cumulative payments never go down, and each quarter is held to the pack's 序时进度
    let mut before: Option<(Decimal, &str)> = None;
    for (q, field) in eval.progress.iter().zip(S::PAID) {
        let name = ["一季度末", "二季度末", "三季度末"][usize::from(q.quarter - 1)];
        if let (Some(paid), Some((earlier, when))) = (q.paid, before) {
            if paid < earlier {
                f.error(
                    Field::Spending(field),
                    format!(
                        "{name}累计支出 {} 万元少于{when}的 {} 万元：累计数不应减少",
                        fmt2(paid),
                        fmt2(earlier)
                    ),
                );
            }
        }
        if let Some(p) = q.progress.filter(|_| q.behind()) {
            f.warn(
                Field::Spending(field),
                format!(
                    "{name}支付进度 {}%，低于序时进度 {}%",
                    fmt2(p),
                    fmt_plain(q.due)
                ),
            );
        }
        if let Some(paid) = q.paid {
            before = Some((paid, name));
        }
    }
}

fn check_budget_row(f: &mut Findings, pack: &Pack, group: Group, row: &BudgetRow, e: &RowEval) {
    let p = |field: BudgetField| Field::budget(group, &row.id, field);
    for (field, label, v) in [
        (BudgetField::Initial, "年初预算数", e.initial),
        (BudgetField::Adjusted, "全年预算数", e.adjusted),
        (BudgetField::Executed, "执行数", e.executed),
    ] {
        if let Some(v) = v.filter(|v| v.is_sign_negative() && !v.is_zero()) {
            f.error(
                p(field),
                format!("{}的{label}为负数（{} 万元），请核对", row.name, fmt2(v)),
            );
        }
    }
    if let (Some(budget), Some(executed)) = (e.budget, e.executed) {
        // spending last year's carried-over funds may take execution above the year's budget
        let with_carryover = e.carryover.map(|c| budget + c);
        match with_carryover {
            _ if executed <= budget => {}
            Some(limit) if executed <= limit => {}
            Some(limit) => f.error(
                p(BudgetField::Executed),
                format!(
                    "{}的执行数 {} 万元超过预算数与上年结转之和 {} 万元",
                    row.name,
                    fmt2(executed),
                    fmt2(limit)
                ),
            ),
            None => f.warn(
                p(BudgetField::Carryover),
                format!(
                    "{}的执行数 {} 万元超过预算数 {} 万元：如含上年结转资金，请填写上年结转",
                    row.name,
                    fmt2(executed),
                    fmt2(budget)
                ),
            ),
        }
    }
    // a budget adjusted from its 年初 figure asks for the reason (预算调整率)
    if let (Some(initial), Some(adjusted)) = (e.initial, e.adjusted) {
        if initial != adjusted && blank(&row.reason) {
            f.warn(
                p(BudgetField::Reason),
                format!(
                    "{}的全年预算数 {} 万元与年初预算数 {} 万元不同，请说明预算调整的原因",
                    row.name,
                    fmt2(adjusted),
                    fmt2(initial)
                ),
            );
        }
    }
    if let Some(rate) = e.rate {
        if rate < pack.reason_below_rate && blank(&row.reason) {
            f.error(
                p(BudgetField::Reason),
                format!(
                    "{}的执行率 {}% 低于 {}%，请说明原因",
                    row.name,
                    fmt2(rate),
                    fmt_plain(pack.reason_below_rate)
                ),
            );
        }
    }
    f.limit(
        p(BudgetField::Reason),
        format_args!("{}的原因说明", row.name),
        &row.reason,
        pack.limits.reason,
    );
}

fn check_indicators(f: &mut Findings, report: &Report, pack: &Pack, eval: &Evaluation) {
    let typed: Decimal = report
        .indicators
        .iter()
        .filter_map(|i| i.weight.value("").ok().flatten())
        .sum();
    if !report.indicators.is_empty() && typed != pack.total {
        f.error(
            Field::Part(Part::Indicators),
            format!(
                "指标权重合计为 {}，应为 {}",
                fmt_plain(typed),
                fmt_plain(pack.total)
            ),
        );
    }
    // no two findings read the same: a name shared by several rows gets its row number
    let mut names: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(report.indicators.len());
    for i in &report.indicators {
        *names.entry(i.level3.trim()).or_insert(0) += 1;
    }
    for (n, (ind, e)) in report.indicators.iter().zip(&eval.indicators).enumerate() {
        let p = |field: IndicatorField| Field::indicator(&ind.id, field);
        if let Some(hint) = ind.hint() {
            f.warn(
                p(IndicatorField::Level3),
                format!(
                    "绩效指标第 {} 行尚未命名：{hint}（报告中不打印提示文字）",
                    n + 1
                ),
            );
        }
        let shared = names.get(ind.level3.trim()).copied().unwrap_or(0) > 1;
        let name = &match (blank(&ind.level3), shared) {
            (true, _) => format!("第 {} 行（未命名指标）", n + 1),
            (false, true) => format!("{}（第 {} 行）", ind.level3, n + 1),
            (false, false) => ind.level3.clone(),
        };
        match e.status {
            Status::NotApplicable => continue,
            Status::Pending => {
                // parse errors are already reported where they were typed
                if !eval
                    .errors
                    .iter()
                    .any(|x| matches!(&x.path, Field::Indicator { id, .. } if *id == ind.id))
                {
                    let field = if ind.weight.is_blank() {
                        IndicatorField::Weight
                    } else {
                        IndicatorField::Actual
                    };
                    let message = format!("{name}：{}", e.explanation);
                    // a row whose value is filled and that still scores nothing is wrong, not
                    // unfinished: its total would silently lack the row
                    if !ind.actual.is_blank() && !ind.weight.is_blank() {
                        f.error(p(field), message);
                    } else {
                        f.warn(p(field), message);
                    }
                }
            }
            Status::Scored => {}
        }
        let Some(score) = e.score else { continue };
        // an import kept the file's 得分 by hand where its rule gives another: both are shown
        if let Some(ruled) = e.ruled.filter(|r| *r != score) {
            f.warn(
                p(IndicatorField::ManualScore),
                format!(
                    "{name}的得分 {} 是导入文件中的得分（手填），按原评分规则计算为 {}：请核对；确认按规则计分的，把评分规则改回即可",
                    fmt2(score),
                    fmt2(ruled)
                ),
            );
        }
        if score > round_dp(e.weight, 2) {
            f.error(
                p(IndicatorField::ManualScore),
                format!(
                    "{name}的得分 {} 超过其权重 {}",
                    fmt2(score),
                    fmt_plain(e.weight)
                ),
            );
        }
        // the execution-rate indicator follows the budget rule (a reason under 90%); any
        // other indicator below full marks needs its 偏差原因
        let needs_reason = match ind.link {
            Some(Link::ExecutionRate) => eval
                .execution_rate
                .is_some_and(|r| r < pack.reason_below_rate),
            _ => score < round_dp(e.weight, 2),
        };
        // a linked row's completion value is computed; one typed that disagrees is flagged
        if let Some(l) = ind.link.filter(|_| !ind.actual.is_blank()) {
            let typed = crate::base::number::parse_measure("", ind.actual.text())
                .ok()
                .flatten();
            if let (Some(t), Some(c)) = (typed, eval.linked(l)) {
                if round_dp(t, 2) != c {
                    f.warn(
                        p(IndicatorField::Actual),
                        format!(
                            "{name}的完成值按草稿中的数据计算为 {}%，与填写的“{}”不一致",
                            fmt2(c),
                            ind.actual.text().trim()
                        ),
                    );
                }
            }
        }
        let short = crate::scoring::short_of_target(ind, pack);
        if !needs_reason && blank(&ind.reason) {
            if let Some((a, t)) = &short {
                f.error(
                    p(IndicatorField::Reason),
                    format!("{name}完成值“{a}”未达到目标值“{t}”，即使得满分也须填写偏差原因"),
                );
            }
        }
        if needs_reason && blank(&ind.reason) {
            f.error(
                p(IndicatorField::Reason),
                format!(
                    "{name}得分 {}，低于满分 {}，请填写偏差原因",
                    fmt2(score),
                    fmt_plain(e.weight)
                ),
            );
        }
        f.limit(
            p(IndicatorField::Reason),
            format_args!("{name}的偏差原因"),
            &ind.reason,
            pack.limits.reason,
        );
    }
}

/// Required sections left empty, limits, and quoted figures that disagree with the computed ones.
fn check_narrative(f: &mut Findings, report: &Report, eval: &Evaluation) {
    let t = &eval.budget.total;
    let initial_given = report.budget.sources.iter().any(|r| !r.initial.is_blank());
    // each use's own totals (a row of the budget by use)
    let use_totals: Vec<(crate::model::BudgetKind, crate::scoring::Totals)> = report
        .budget
        .uses
        .iter()
        .zip(&eval.budget.uses)
        .map(|(row, e)| (row.kind, crate::scoring::totals(std::iter::once(e))))
        .collect();
    // 三公经费 and 政府采购 as the draft holds them (both amounts given)
    use crate::model::field::SpendingField as S;
    let own = |budget: S, actual: S| {
        let (b, a) = (eval.amount(budget)?, eval.amount(actual)?);
        Some(crate::scoring::Totals {
            initial: Decimal::ZERO,
            budget: b,
            executed: a,
            rate: percent(a, b),
            rows_filled: 1,
        })
    };
    let three_public = own(S::ThreePublicBudget, S::ThreePublicActual);
    let procurement = own(S::ProcurementPlan, S::ProcurementActual);
    for s in &report.sections {
        let title = if blank(&s.title) {
            "未命名章节"
        } else {
            &s.title
        };
        // a blank section that prints its part of the form is filled once that part is
        if s.required && blank(&s.text) && !s.home().is_some_and(|h| report.has(h)) {
            f.warn(
                Field::section(&s.id, SectionField::Text),
                format!("“{title}”尚未填写"),
            );
        }
        f.limit(
            Field::section(&s.id, SectionField::Text),
            format_args!("“{title}”"),
            &s.text,
            s.limit,
        );
        for r in figure_refs(&s.text) {
            // the figures the sentence is about: the whole unit's, or one use's when the draft
            // holds it; anything else (a fund, 三公经费, 政府采购…) is not checked against totals
            let totals = match r.scope {
                Scope::Whole => Some(t),
                Scope::Basic => Some(&eval.budget.basic),
                Scope::Use(kind) => use_totals.iter().find(|(k, _)| *k == kind).map(|(_, t)| t),
                Scope::ThreePublic => three_public.as_ref(),
                Scope::Procurement => procurement.as_ref(),
                Scope::Other => None,
            };
            let Some(totals) = totals.filter(|t| t.rows_filled > 0) else {
                continue;
            };
            let whole = r.scope == Scope::Whole;
            let (computed, unit) = match r.quantity {
                Quantity::Budget => (Some(totals.budget), " 万元"),
                // a 年初 left blank is not 0.00; 三公经费 and 政府采购 hold none
                Quantity::Initial => (
                    (initial_given
                        && matches!(r.scope, Scope::Whole | Scope::Use(_) | Scope::Basic))
                    .then_some(totals.initial),
                    " 万元",
                ),
                Quantity::Executed => (Some(totals.executed), " 万元"),
                Quantity::Rate => (percent(totals.executed, totals.budget), "%"),
                Quantity::Score => (whole.then_some(eval.total).filter(|_| eval.complete), " 分"),
            };
            let Some(computed) = computed else {
                continue;
            };
            if round_dp(computed, r.decimals) != round_dp(r.value, r.decimals) {
                f.error(
                    Field::section(&s.id, SectionField::Text),
                    format!(
                        "“{title}”中写的“{}”与计算得出的{} {}{unit} 不一致",
                        r.phrase,
                        r.scope.name_of(r.quantity),
                        fmt2(computed)
                    ),
                );
            }
        }
        if eval.complete {
            for (grade, phrase) in grade_refs(&s.text) {
                if grade != eval.grade {
                    f.error(
                        Field::section(&s.id, SectionField::Text),
                        format!(
                            "“{title}”中写的“{phrase}”与计算得出的等级“{}”不一致",
                            eval.grade
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::open_braces;

    #[test]
    fn a_placeholder_is_found_past_single_braces_and_wide_characters() {
        assert_eq!(open_braces("执行率{a}{{总分}}"), Some("执行率{a}".len()));
        assert_eq!(open_braces("{{x}}"), Some(0));
        assert_eq!(open_braces("{ {x} }{"), None);
        assert_eq!(open_braces(""), None);
    }
}

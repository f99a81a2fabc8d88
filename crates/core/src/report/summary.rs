//! The figures a page shows about a draft, formatted once (the Crux "view model" idea): the
//! shell prints these strings and computes nothing itself.

use crate::base::number::{fmt2, fmt_percent, fmt_plain};
use crate::base::NOT_YET;
use crate::checks::{Finding, Severity};
use crate::model::pack::Pack;
use crate::model::Report;
use crate::scoring::Evaluation;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub title: String,
    pub pack_name: String,
    /// 全年预算数, 万元, two decimals.
    pub budget: String,
    /// 执行数, 万元, two decimals.
    pub executed: String,
    /// 执行率 with its % sign.
    pub rate: String,
    /// 自评总分, two decimals.
    pub total: String,
    /// 优 / 良 / 中 / 差, or [`NOT_YET`] while indicators are unscored.
    pub grade: String,
    /// Indicators scored out of those applicable.
    pub scored: usize,
    pub applicable: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn new(report: &Report, pack: &Pack, eval: &Evaluation, findings: &[Finding]) -> Self {
        let t = &eval.budget.total;
        let filled = t.rows_filled > 0;
        let money = |v| if filled { fmt2(v) } else { NOT_YET.to_string() };
        let applicable = eval
            .indicators
            .iter()
            .filter(|i| i.status != crate::scoring::Status::NotApplicable)
            .count();
        let scored = eval.indicators.iter().filter(|i| i.score.is_some()).count();
        let count = |s| findings.iter().filter(|f| f.severity == s).count();
        Summary {
            title: report.title(),
            pack_name: pack.name.clone(),
            budget: money(t.budget),
            executed: money(t.executed),
            rate: eval.execution_rate.map_or(NOT_YET.to_string(), fmt_percent),
            total: fmt2(eval.total),
            grade: if eval.complete {
                eval.grade.clone()
            } else {
                NOT_YET.to_string()
            },
            scored,
            applicable,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
        }
    }
}

/// The budget part's total line.
pub fn budget_line(e: &Evaluation) -> String {
    let t = &e.budget.total;
    if t.rows_filled == 0 {
        return "尚未填写".to_string();
    }
    format!(
        "合计：全年预算数 {} 万元，执行数 {} 万元，执行率 {}",
        fmt2(t.budget),
        fmt2(t.executed),
        t.rate.map_or(NOT_YET.into(), fmt_percent)
    )
}

/// The indicator part's total line.
pub fn indicators_line(e: &Evaluation) -> String {
    format!(
        "共 {} 项指标，权重合计 {}，得分合计 {}",
        e.indicators.len(),
        fmt_plain(e.weight_total),
        fmt2(e.raw_total)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, evaluate, sample};

    #[test]
    fn sample_summary() {
        let r = sample();
        let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
        let e = evaluate(&r, &pack);
        let s = Summary::new(&r, &pack, &e, &check(&r, &pack, &e));
        assert_eq!(
            (s.budget.as_str(), s.executed.as_str(), s.rate.as_str()),
            ("4051.83", "3990.84", "98.49%")
        );
        assert_eq!((s.total.as_str(), s.grade.as_str()), ("99.77", "优"));
        assert_eq!((s.scored, s.applicable, s.errors), (12, 12, 0));
    }

    #[test]
    fn an_empty_draft_shows_dashes_not_zeros() {
        let pack = Pack::builtin_by_id("self-eval-10-90").unwrap();
        let r = Report {
            indicators: pack.indicator_rows(),
            ..Report::default()
        };
        let e = evaluate(&r, &pack);
        let s = Summary::new(&r, &pack, &e, &check(&r, &pack, &e));
        assert_eq!(
            (s.budget.as_str(), s.rate.as_str(), s.grade.as_str()),
            ("—", "—", "—")
        );
        assert_eq!(s.scored, 0);
        assert!(s.warnings > 0);
    }
}

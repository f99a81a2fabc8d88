//! Making drafts: blank from a pack, carried forward to the next year, duplicated.

use crate::base::number::Figure;
use crate::model::pack::Pack;
use crate::model::{BudgetKind, BudgetRow, Goal, Report};

fn row(id: &str, kind: BudgetKind) -> BudgetRow {
    BudgetRow {
        id: id.to_string(),
        name: kind.label().to_string(),
        kind,
        ..BudgetRow::default()
    }
}

/// The budget rows every form has: four funding sources, three uses.
pub fn standard_budget() -> crate::model::Budget {
    crate::model::Budget {
        sources: vec![
            row("src-1", BudgetKind::Fiscal),
            row("src-2", BudgetKind::SpecialAccount),
            row("src-3", BudgetKind::Unit),
            row("src-4", BudgetKind::Other),
        ],
        uses: vec![
            row("use-1", BudgetKind::Personnel),
            row("use-2", BudgetKind::Public),
            row("use-3", BudgetKind::Project),
        ],
        spending: Default::default(),
    }
}

/// `report` as a new draft of its own (the sample, say): a new id and origin, no merge base.
pub fn fresh(report: &Report, id: &str) -> Report {
    let mut r = report.clone();
    r.id = id.to_string();
    r.origin = id.to_string();
    r.base = None;
    r
}

/// A new, empty draft under `pack`: its indicator table and outline, the standard budget rows.
pub fn blank(id: &str, pack: &Pack, year: u16) -> Report {
    let mut r = Report {
        id: id.to_string(),
        origin: id.to_string(),
        pack_id: pack.id.clone(),
        pack_version: pack.version.clone(),
        budget: standard_budget(),
        indicators: pack.indicator_rows(),
        sections: pack.outline_sections(),
        goals: vec![Goal {
            id: "goal-1".into(),
            ..Goal::default()
        }],
        ..Report::default()
    };
    r.unit.year = year;
    r
}

/// Next year's draft from this one: unit information, the outline and every text, the goals
/// and the indicator structure (with its targets) stay; the year's figures — budget and
/// execution, completion values, adjusted targets and values, hand scores, ticks, reasons —
/// are cleared; the year goes up by one.
pub fn carry_forward(report: &Report, new_id: &str) -> Report {
    let mut r = report.clone();
    r.id = new_id.to_string();
    // next year's report is another document
    r.origin = new_id.to_string();
    r.base = None;
    if r.unit.year > 0 {
        // an imported file may hold any year; 65535 stays 65535 rather than overflowing
        r.unit.year = r.unit.year.saturating_add(1);
    }
    r.name = String::new();
    for row in r.budget.sources.iter_mut().chain(r.budget.uses.iter_mut()) {
        // this year's execution is next year's 上年执行数
        row.last_year = std::mem::take(&mut row.executed);
        row.carryover = Figure::default();
        row.initial = Figure::default();
        row.adjusted = Figure::default();
        row.executed = Figure::default();
        row.reason.clear();
    }
    // 三公经费, 政府采购, 结转结余 and quarterly payments are this year's figures
    r.budget.spending = Default::default();
    for g in &mut r.goals {
        g.adjusted.clear();
        g.actual.clear();
        g.reason.clear();
    }
    for i in &mut r.indicators {
        i.target_adjusted = Figure::default();
        i.actual = Figure::default();
        i.manual_score = Figure::default();
        i.checked.clear();
        i.not_applicable = false;
        i.reason.clear();
    }
    r.signoff.date.clear();
    r
}

/// A copy under a new id, named as a copy.
pub fn duplicate(report: &Report, new_id: &str) -> Report {
    let mut r = report.clone();
    r.id = new_id.to_string();
    r.origin = new_id.to_string();
    r.base = None;
    r.name = format!("{}（副本）", report.display_name());
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::field::Field;
    use crate::{check, evaluate, sample, Severity};

    #[test]
    fn a_blank_draft_has_the_pack_table_outline_and_budget_rows() {
        let pack = Pack::builtin_by_id("self-eval-10-90").unwrap();
        let r = blank("d1", &pack, 2025);
        assert_eq!(r.unit.year, 2025);
        assert_eq!(r.indicators.len(), pack.indicators.len());
        assert_eq!(r.sections.len(), pack.outline.len());
        let names: Vec<&str> = r.budget.sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["财政拨款", "财政专户管理资金", "单位资金", "其他资金"]
        );
        let e = evaluate(&r, &pack);
        assert!(!e.complete);
        assert!(check(&r, &pack, &e)
            .iter()
            .all(|f| f.severity == Severity::Warning));
    }

    #[test]
    fn carry_forward_keeps_structure_and_text_clears_the_year() {
        let s = sample();
        let next = carry_forward(&s, "d2");
        assert_eq!(next.id, "d2");
        assert_eq!(next.unit.year, 2022);
        assert_eq!(next.unit.name, s.unit.name);
        assert_eq!(next.sections, s.sections);
        assert_eq!(next.tasks, s.tasks);
        assert_eq!(next.problems, s.problems);
        assert_eq!(next.budget.sources[0].name, "财政拨款");
        assert!(next.budget.sources[0].adjusted.is_blank());
        assert!(next.budget.sources[0].executed.is_blank());
        assert_eq!(next.indicators.len(), s.indicators.len());
        for (a, b) in next.indicators.iter().zip(&s.indicators) {
            assert_eq!(
                (&a.level3, &a.weight, &a.rule, &a.target),
                (&b.level3, &b.weight, &b.rule, &b.target)
            );
            assert!(a.actual.is_blank() && a.checked.is_empty() && a.reason.is_empty());
        }
        assert_eq!(
            next.title(),
            "广州市黄埔区人民代表大会常务委员会办公室2022年部门整体支出绩效自评报告"
        );
        // last year's narrative figures are flagged once this year's budget is entered
        let pack = Pack::builtin_by_id(&next.pack_id).unwrap();
        let mut filled = next.clone();
        filled.budget.sources[0].adjusted = "4200".into();
        filled.budget.sources[0].executed = "4100".into();
        let stale = check(&filled, &pack, &evaluate(&filled, &pack))
            .into_iter()
            .filter(|f| matches!(f.path, Field::Section { .. }) && f.severity == Severity::Error)
            .count();
        assert_eq!(stale, 3);
    }

    #[test]
    fn duplicate_is_named_as_a_copy() {
        let d = duplicate(&sample(), "d3");
        assert_eq!(d.id, "d3");
        assert_eq!(d.name, "示例：黄埔区人大常委会办公室 2021（副本）");
        assert_eq!(d.indicators, sample().indicators);
    }
}

/// The edit that adds a row made from a library entry after `after` (or at the end): its
/// name, 性质, 单位, rule, link and explanation come with it; its weight is left for the user
/// to give (the table's weights must add up to the pack's total). With the new row's id.
pub fn add_from_library(
    report: &Report,
    template: &crate::model::pack::IndicatorTemplate,
    after: Option<String>,
) -> (crate::edit::Edit, String) {
    use crate::edit::Edit;
    use crate::model::field::{Field, IndicatorField};
    use crate::model::List;
    // the id `Add` gives the row (ids are the list's prefix and the next number)
    let id = report.next_id(List::Indicators);
    let row = crate::model::Indicator {
        weight: Figure::default(),
        ..template.row(&id)
    };
    let mut edits = vec![Edit::Add {
        list: List::Indicators,
        after,
    }];
    edits.extend(IndicatorField::ALL.iter().map(|&f| Edit::Set {
        field: Field::indicator(&id, f),
        value: f.get(&row),
    }));
    edits.push(Edit::SetRule {
        id: id.clone(),
        rule: row.rule.clone(),
    });
    (Edit::Many(edits), id)
}

#[cfg(test)]
mod library_tests {
    use super::*;

    #[test]
    fn the_library_offers_the_common_indicators_once_each() {
        let p = Pack::builtin_by_id("huangpu-2021").unwrap();
        let lib = p.library();
        for name in [
            "预算执行率",
            "预算调整率",
            "结转结余率",
            "“三公经费”控制率",
            "政府采购执行率",
            "在职人员控制率",
            "资产管理规范性",
            "绩效管理制度健全性",
        ] {
            assert_eq!(lib.iter().filter(|t| t.level3 == name).count(), 1, "{name}");
        }
        assert!(
            lib.iter().all(|t| !t.level3.starts_with('（')),
            "no placeholders"
        );
        let found = p.search_library("采购");
        assert!(found.iter().any(|t| t.level3 == "政府采购执行率"));
        // a chosen entry arrives with its rule, link and explanation, its weight left blank
        let t = found.iter().find(|t| t.level3 == "政府采购执行率").unwrap();
        let r = crate::sample();
        let (edit, id) = add_from_library(&r, t, Some(r.indicators[2].id.clone()));
        let mut next = r.clone();
        assert_eq!(next.apply(&edit).unwrap().as_deref(), Some(id.as_str()));
        let expected = crate::model::Indicator {
            weight: Figure::default(),
            ..t.row(&id)
        };
        assert_eq!(next.indicators[3], expected, "the whole row, through edits");
        assert_eq!(next.indicators.len(), r.indicators.len() + 1);
        let row = next.indicator(&id).unwrap();
        assert_eq!(next.indicators[3].id, id);
        assert_eq!(row.link, Some(crate::model::Link::ProcurementRate));
        assert!(row.criterion.starts_with("指标解释：实际政府采购金额"));
        assert!(row.weight.is_blank());
    }
}

//! Figures the draft already holds are computed, not typed: 结转结余率, “三公”经费控制率,
//! 政府采购执行率 and 支付进度率 from their amounts, with the quarterly payments held to the
//! pack's 序时进度, and the narrative's 三公经费 / 政府采购 figures checked against their own
//! amounts rather than the totals.

use selfeval_core::model::field::{Field, SpendingField};
use selfeval_core::model::rule::{Direction, Nature, Rule};
use selfeval_core::model::{Indicator, Link};
use selfeval_core::{check, evaluate, sample, Pack, Report, Severity};

/// The sample (全年预算 4051.83 万元, 执行 3990.84 万元) with the spending amounts set.
fn draft(set: &[(SpendingField, &str)]) -> Report {
    let mut r = sample();
    for (f, v) in set {
        r.set(&Field::Spending(*f), v).unwrap();
    }
    r
}

fn pack(r: &Report) -> Pack {
    Pack::builtin_by_id(&r.pack_id).unwrap()
}

/// Findings (severity, message) about the spending fields.
fn findings(r: &Report) -> Vec<(Severity, String)> {
    let p = pack(r);
    check(r, &p, &evaluate(r, &p))
        .into_iter()
        .filter(|f| matches!(f.path, Field::Spending(_)))
        .map(|f| (f.severity, f.message))
        .collect()
}

fn linked_row(link: Link, rule: Rule, nature: Nature, target: &str) -> Indicator {
    Indicator {
        id: "ind-x".into(),
        level1: "过程".into(),
        level2: "预算执行".into(),
        level3: link.name().into(),
        nature,
        unit: "%".into(),
        target: target.into(),
        weight: "5".into(),
        rule,
        link: Some(link),
        ..Indicator::default()
    }
}

#[test]
fn rates_from_their_amounts() {
    use SpendingField::*;
    let r = draft(&[
        (ThreePublicBudget, "12.00"),
        (ThreePublicActual, "10.56"),
        (ProcurementPlan, "320"),
        (ProcurementActual, "232.77万元"),
        (Balance, "60.99"),
    ]);
    let e = evaluate(&r, &pack(&r));
    assert_eq!(e.three_public_control.unwrap().to_string(), "88.00");
    assert_eq!(e.procurement_rate.unwrap().to_string(), "72.74"); // 232.77 / 320
    assert_eq!(e.balance_rate.unwrap().to_string(), "1.51"); // 60.99 / 4051.83
    assert_eq!(e.linked(Link::ProcurementRate), e.procurement_rate);
    // nothing given, nothing computed
    let e = evaluate(&sample(), &pack(&r));
    assert_eq!(e.three_public_control, None);
    assert_eq!(e.payment_progress, None);
}

#[test]
fn a_linked_indicator_scores_the_computed_figure() {
    use SpendingField::*;
    let mut r = draft(&[(ThreePublicBudget, "12"), (ThreePublicActual, "12.6")]);
    // Yueyang: “三公经费”控制率 ≤100% 得满分, 每超一个百分点扣 1 分
    let rule = Rule::Deduct {
        limit: 100.into(),
        per_unit: 1.into(),
        direction: Direction::Over,
        whole_units: false,
    };
    r.indicators[0] = linked_row(Link::ThreePublicControl, rule, Nature::Le, "100");
    let p = pack(&r);
    let e = evaluate(&r, &p);
    let ind = e.indicator("ind-x").unwrap();
    assert_eq!(
        ind.score.unwrap().to_string(),
        "0.00",
        "{}",
        ind.explanation
    ); // 105% → 5 over
    assert!(
        ind.explanation.contains("“三公”经费控制率"),
        "{}",
        ind.explanation
    );
    // the overspend is a finding of its own
    assert!(findings(&r)
        .iter()
        .any(|(_, m)| m.contains("控制率 105.00%")));
    // a typed completion value that disagrees with the computed one is flagged
    r.indicators[0].actual = "100%".into();
    let all = check(&r, &p, &evaluate(&r, &p));
    assert!(
        all.iter()
            .any(|f| f.message.contains("计算为 105.00%") && f.message.contains("“100%”")),
        "{all:?}"
    );
    // without the amounts the row says what to fill in
    let mut blank = sample();
    blank.indicators[0] = r.indicators[0].clone();
    let e = evaluate(&blank, &p);
    assert!(e
        .indicator("ind-x")
        .unwrap()
        .explanation
        .contains("请在预算执行情况中填写三公经费预算数和实际支出"));
}

#[test]
fn quarterly_payments_against_the_schedule() {
    use SpendingField::*;
    // 4051.83 in the year: 20% by March, 50% by June, 80% by September
    let r = draft(&[(PaidQ1, "810.37"), (PaidQ2, "2025.92"), (PaidQ3, "3241.46")]);
    let p = pack(&r);
    let e = evaluate(&r, &p);
    let shown: Vec<String> = e
        .progress
        .iter()
        .map(|q| q.progress.unwrap().to_string())
        .collect();
    assert_eq!(shown, ["20.00", "50.00", "80.00"]);
    // Q1 20/25 = 80%, Q2 and Q3 on or ahead of schedule count 100%: (80 + 100 + 100) / 3
    assert_eq!(e.payment_progress.unwrap().to_string(), "93.33");
    let f = findings(&r);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, Severity::Warning);
    assert_eq!(f[0].1, "一季度末支付进度 20.00%，低于序时进度 25%");
    // the schedule is the pack's: Sichuan-like 25 / 40 / 60 leaves nothing behind at 20%?
    let mut strict = p.clone();
    strict.schedule = [10, 40, 60].map(rust_decimal::Decimal::from);
    let e = evaluate(&r, &strict);
    assert!(e.progress.iter().all(|q| !q.behind()));
    assert_eq!(e.payment_progress.unwrap().to_string(), "100.00");
    // cumulative figures never go down
    let r = draft(&[(PaidQ1, "900"), (PaidQ2, "800")]);
    assert!(findings(&r)
        .iter()
        .any(|(s, m)| *s == Severity::Error && m.contains("累计数不应减少")));
}

#[test]
fn a_bad_schedule_is_refused() {
    let mut p = Pack::builtin_by_id("national-2013").unwrap();
    p.schedule = [50, 25, 75].map(rust_decimal::Decimal::from);
    assert!(p.validate().unwrap_err().to_string().contains("序时进度"));
}

#[test]
fn amounts_that_do_not_parse_are_findings_where_typed() {
    let r = draft(&[(SpendingField::ProcurementPlan, "三百万")]);
    let f = findings(&r);
    assert!(
        f.iter()
            .any(|(s, m)| *s == Severity::Error && m.contains("政府采购预算金额")),
        "{f:?}"
    );
}

#[test]
fn the_narrative_holds_三公经费_and_政府采购_to_their_own_amounts() {
    use SpendingField::*;
    let errors = |r: &Report, text: &str| -> Vec<String> {
        let mut r = r.clone();
        r.sections[3].text = text.into();
        let p = pack(&r);
        check(&r, &p, &evaluate(&r, &p))
            .into_iter()
            .filter(|f| f.severity == Severity::Error && matches!(f.path, Field::Section { .. }))
            .map(|f| f.message)
            .collect()
    };
    let held = draft(&[
        (ThreePublicBudget, "12"),
        (ThreePublicActual, "10.56"),
        (ProcurementPlan, "320"),
        (ProcurementActual, "232.77"),
    ]);
    let right = "“三公”经费实际支出 10.56 万元，政府采购执行率 72.74%。";
    assert!(
        errors(&held, right).is_empty(),
        "{:?}",
        errors(&held, right)
    );
    let wrong = "三公经费实际支出 11.00 万元，政府采购执行率 80%。";
    let e = errors(&held, wrong);
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e[0].contains("10.56 万元"), "{e:?}");
    assert!(e[1].contains("72.74%"), "{e:?}");
    // a draft without those amounts checks neither, and neither is held to the totals
    assert!(errors(&sample(), wrong).is_empty());
}

#[test]
fn carry_forward_clears_the_years_spending() {
    let r = draft(&[(SpendingField::Balance, "60.99")]);
    let next = selfeval_core::edit::lifecycle::carry_forward(&r, "next");
    assert!(next.budget.spending.is_blank());
}

//! Cells as real 自评表 write them: counts with their unit word, comparators before the figure,
//! percentages, and words for 定性 rows; and a missed target always needs its 偏差原因.

use selfeval_core::model::rule::{Band, Nature, Rule};
use selfeval_core::model::Indicator;
use selfeval_core::scoring::Status;
use selfeval_core::{check, evaluate, sample, Pack, Report};

fn pack() -> Pack {
    Pack::builtin_by_id("huangpu-2021").unwrap()
}

/// The sample with its first indicator replaced by `row` (weight 8).
fn with_row(row: Indicator) -> Report {
    let mut r = sample();
    let id = r.indicators[0].id.clone();
    r.indicators[0] = Indicator {
        id,
        level1: "产出".into(),
        level2: "数量".into(),
        level3: "测试指标".into(),
        weight: "8".into(),
        ..row
    };
    r
}

fn row(nature: Nature, target: &str, actual: &str) -> Indicator {
    Indicator {
        nature,
        target: target.into(),
        actual: actual.into(),
        rule: Rule::Ratio,
        ..Indicator::default()
    }
}

/// (score, explanation, reason findings) of the first indicator.
fn scored(r: &Report) -> (Option<String>, String, Vec<String>) {
    let p = pack();
    let e = evaluate(r, &p);
    let ind = &e.indicators[0];
    let findings = check(r, &p, &e)
        .into_iter()
        .filter(|f| f.path.to_string() == format!("indicators.{}.reason", r.indicators[0].id))
        .map(|f| f.message)
        .collect();
    (
        ind.score.map(|s| s.to_string()),
        ind.explanation.clone(),
        findings,
    )
}

#[test]
fn counts_with_their_unit_word() {
    let (s, _, reasons) = scored(&with_row(row(Nature::Ge, "26次", "26次")));
    assert_eq!(s.as_deref(), Some("8.00"));
    assert!(reasons.is_empty());
    let (s, _, reasons) = scored(&with_row(row(Nature::Ge, "2200篇", "2000篇")));
    assert_eq!(s.as_deref(), Some("7.27")); // 2000 ÷ 2200 × 8
    assert_eq!(reasons.len(), 1, "{reasons:?}");
}

#[test]
fn comparators_and_percentages() {
    let (s, _, reasons) = scored(&with_row(row(Nature::Ge, "≥95%", "96%")));
    assert_eq!(s.as_deref(), Some("8.00"));
    assert!(reasons.is_empty());
    let (s, _, reasons) = scored(&with_row(row(Nature::Le, "≤5%", "6%")));
    assert_eq!(s.as_deref(), Some("6.67")); // 5 ÷ 6 × 8
    assert_eq!(reasons.len(), 1);
    let (s, ..) = scored(&with_row(row(Nature::Eq, "100%", "=100%")));
    assert_eq!(s.as_deref(), Some("8.00"));
}

#[test]
fn qualitative_rows_score_through_the_ladder() {
    let (s, why, reasons) = scored(&with_row(row(Nature::Qualitative, "好", "较好")));
    assert_eq!(s.as_deref(), Some("6.40")); // 较好 = 80% × 8
    assert!(why.contains("较好") && why.contains("80%"), "{why}");
    assert_eq!(reasons.len(), 1);
    let (s, _, reasons) = scored(&with_row(row(Nature::Qualitative, "达标", "达标")));
    assert_eq!(s.as_deref(), Some("8.00"));
    assert!(reasons.is_empty());
    let (s, ..) = scored(&with_row(row(Nature::Qualitative, "按期完成", "基本完成")));
    assert_eq!(s.as_deref(), Some("6.40"));
    let (s, ..) = scored(&with_row(row(Nature::Qualitative, "高", "高")));
    assert_eq!(s.as_deref(), Some("8.00"));
    // a word the ladder does not know is asked about, never scored as zero
    let r = with_row(row(Nature::Qualitative, "好", "还行"));
    let e = evaluate(&r, &pack());
    assert_eq!(e.indicators[0].status, Status::Pending);
    assert!(e.indicators[0].explanation.contains("不在定性等级中"));
}

#[test]
fn a_missed_target_needs_its_reason_even_with_full_marks() {
    // 分档: 92 against a target of 95 still lands in the top band
    let bands = Rule::Bands {
        bands: vec![
            Band {
                gte: Some(90.into()),
                points: 8.into(),
                ..Band::default()
            },
            Band {
                points: 0.into(),
                ..Band::default()
            },
        ],
    };
    let r = with_row(Indicator {
        rule: bands,
        ..row(Nature::Ge, "95%", "92%")
    });
    let (s, _, reasons) = scored(&r);
    assert_eq!(s.as_deref(), Some("8.00"));
    assert_eq!(
        reasons,
        ["测试指标完成值“92%”未达到目标值“95%”，即使得满分也须填写偏差原因"]
    );
    let mut r = r;
    r.indicators[0].reason = "第四季度两项任务顺延。".into();
    assert!(scored(&r).2.is_empty());
}

#[test]
fn the_ladder_belongs_to_the_pack() {
    let mut p = pack();
    p.qualitative.retain(|s| s.label != "较好");
    p.qualitative.push(selfeval_core::model::rule::GradeStep {
        label: "较好".into(),
        coefficient: 90.into(),
    });
    let r = with_row(row(Nature::Qualitative, "好", "较好"));
    assert_eq!(
        evaluate(&r, &p).indicators[0].score.unwrap().to_string(),
        "7.20"
    );
}

#[test]
fn figures_the_draft_holds_are_computed_not_typed() {
    let pack = Pack::builtin_by_id("national-2013").unwrap();
    let mut r = selfeval_core::edit::lifecycle::blank("n", &pack, 2025);
    r.unit.staff_authorized = "50".into();
    r.unit.staff_actual = "52".into();
    r.budget.sources[0].initial = "1000".into();
    r.budget.sources[0].adjusted = "1150".into();
    r.budget.sources[0].executed = "1100".into();
    let e = evaluate(&r, &pack);
    assert_eq!(
        e.staff_control.map(|v| v.to_string()).as_deref(),
        Some("104.00")
    );
    assert_eq!(
        e.adjustment_rate.map(|v| v.to_string()).as_deref(),
        Some("15.00")
    );
    let names: Vec<String> = r.indicators.iter().map(|i| i.level3.clone()).collect();
    let row = |name: &str| names.iter().position(|n| n == name).unwrap();
    // 在职人员控制率 104% against ≤100%, 0.5 off per point: 4 − 2 = … of its weight
    let staff = &e.indicators[row("在职人员控制率")];
    assert_eq!(staff.status, Status::Scored, "{}", staff.explanation);
    assert!(staff.explanation.contains("104"), "{}", staff.explanation);
    // 预算调整率 15% falls in the (10%, 20%] band
    let adj = &e.indicators[row("预算调整率")];
    assert_eq!(
        adj.score.map(|s| s.to_string()).as_deref(),
        Some("1.00"),
        "{}",
        adj.explanation
    );
    // a typed value that disagrees with the computed one is flagged
    let i = row("在职人员控制率");
    r.indicators[i].actual = "98%".into();
    let f = check(&r, &pack, &evaluate(&r, &pack));
    assert!(f
        .iter()
        .any(|f| f.message.contains("计算为 104.00%") && f.message.contains("98%")));
    // without the figures, the row says what to fill in
    let blank = selfeval_core::edit::lifecycle::blank("b", &pack, 2025);
    let e = evaluate(&blank, &pack);
    assert!(e.indicators[row("在职人员控制率")]
        .explanation
        .contains("编制数和实有人数"));
}

#[test]
fn rounding_is_the_packs_stated_convention_both_ways() {
    use selfeval_core::model::pack::Rounding;
    // 98.4951% of the budget: 98.50% × 15 = 14.775 → 14.78 when the rate is rounded first;
    // 98.4951% × 15 = 14.774 → 14.77 when only the score is
    let mut r = sample();
    r.budget.sources[0].adjusted = "100".into();
    r.budget.sources[0].executed = "98.4951".into();
    let mut p = pack();
    assert_eq!(
        p.rounding,
        Rounding::RateFirst,
        "the default, as a person with a calculator"
    );
    let row = r.indicators.iter().position(|i| i.link.is_some()).unwrap();
    let first = evaluate(&r, &p);
    assert_eq!(first.indicators[row].score.unwrap().to_string(), "14.78");
    p.rounding = Rounding::ScoreOnly;
    let only = evaluate(&r, &p);
    assert_eq!(only.indicators[row].score.unwrap().to_string(), "14.77");
    // either way the rate shown is the same, rounded for display
    assert_eq!(first.execution_rate, only.execution_rate);
}

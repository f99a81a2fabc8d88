//! Evaluation and checks on small drafts built for each behaviour.

use selfeval_core::base::number::fmt2;
use selfeval_core::model::rule::{Nature, Rule};
use selfeval_core::model::{BudgetKind, BudgetRow, Indicator, Link, Problem, Section};
use selfeval_core::scoring::Status;
use selfeval_core::{check, evaluate, Finding, Pack, Report, Severity};

/// The 10+90 pack with one province's integrated-system rules (caps, deviation penalty).
fn pack_capped() -> Pack {
    Pack::builtin_by_id("self-eval-10-90-capped").unwrap()
}

fn pack_1090() -> Pack {
    Pack::builtin_by_id("self-eval-10-90").unwrap()
}

/// A 10 + 90 draft: execution rate (linked, weight 10) and six indicators, all met.
fn draft(budget: &str, executed: &str) -> Report {
    let pack = pack_1090();
    let mut r = Report {
        pack_id: pack.id.clone(),
        indicators: pack.indicator_rows(),
        ..Report::default()
    };
    r.unit.name = "某区政协办公室".into();
    r.unit.year = 2021;
    r.budget.sources.push(BudgetRow {
        id: "src-1".into(),
        name: "财政拨款".into(),
        kind: BudgetKind::Fiscal,
        adjusted: budget.into(),
        executed: executed.into(),
        ..BudgetRow::default()
    });
    for ind in r.indicators.iter_mut().filter(|i| i.link.is_none()) {
        match ind.nature {
            Nature::Qualitative => ind.actual = "优".into(),
            _ => {
                if ind.target.is_blank() {
                    ind.target = "10".into();
                }
                ind.actual = ind.target.clone();
            }
        }
    }
    r
}

fn messages(findings: &[Finding], severity: Severity) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.severity == severity)
        .map(|f| format!("{} | {}", f.path, f.message))
        .collect()
}

fn findings(r: &Report) -> Vec<Finding> {
    let pack = pack_1090();
    check(r, &pack, &evaluate(r, &pack))
}

#[test]
fn chongqing_total_76_percent_execution() {
    // 重庆: 执行率 76%, 权重 10, 得分 7.6; every other indicator at 100% → 97.6 …
    let r = draft("100", "76");
    let e = evaluate(&r, &pack_1090());
    assert_eq!(
        e.indicators[0].explanation,
        "执行率 76.00% × 权重 10 = 7.60"
    );
    assert_eq!(fmt2(e.raw_total), "97.60");
    // the generic framework invents no cap: 97.60 优, as 重庆's table has it
    assert_eq!(fmt2(e.total), "97.60");
    assert_eq!(e.grade, "优");
    assert!(e.adjustments.is_empty());
    // … the pack with the province's system rules caps it: 70–80% → at most 89
    let e = evaluate(&r, &pack_capped());
    assert_eq!(fmt2(e.total), "89.00");
    assert_eq!(e.grade, "良");
    assert_eq!(
        e.adjustments,
        ["预算执行率 76.00% 低于 80%，总分封顶 89 分（封顶前 97.60 分）"]
    );
}

#[test]
fn caps_take_the_strictest_band() {
    let pack = pack_capped();
    for (executed, total) in [
        ("80", "98.00"),
        ("79.99", "89.00"),
        ("65", "79.00"),
        ("55", "69.00"),
        ("49", "59.00"),
    ] {
        let e = evaluate(&draft("100", executed), &pack);
        assert_eq!(fmt2(e.total), total, "execution {executed}%");
    }
    // a pack without caps leaves the total alone
    let national = Pack::builtin_by_id("national-2013").unwrap();
    let mut r = draft("100", "55");
    r.indicators = national.indicator_rows();
    let e = evaluate(&r, &national);
    assert!(e.adjustments.is_empty());
}

#[test]
fn not_applicable_indicators_are_dropped_and_the_rest_rescaled() {
    let mut r = draft("100", "100");
    // drop the 可持续影响 indicator (weight 10): the other 90 points count as 100
    let sustain = r
        .indicators
        .iter()
        .position(|i| i.level2 == "可持续影响指标")
        .unwrap();
    r.indicators[sustain].not_applicable = true;
    // and let one indicator fall short: 数量 8 of 10 → 20 × 0.8 = 16 → × 100/90 = 17.78
    r.indicators[1].actual = "8".into();
    let e = evaluate(&r, &pack_1090());
    assert_eq!(e.indicators[sustain].status, Status::NotApplicable);
    assert_eq!(e.indicators[sustain].score, None);
    assert_eq!(fmt2(e.indicators[1].score.unwrap()), "17.78");
    assert!(
        e.indicators[1].explanation.ends_with("；折算后 17.78"),
        "{}",
        e.indicators[1].explanation
    );
    assert_eq!(fmt2(e.weight_total), "100.00");
    // 11.11 (execution) + 17.78 + 16.67 + 16.67 + 22.22 + 11.11 (satisfaction) = 95.56
    assert_eq!(fmt2(e.total), "95.56");
    assert_eq!(
        e.adjustments,
        ["不适用指标权重合计 10 分已剔除，其余指标得分按 100 ÷ 90 折算"]
    );
    // the weights typed still add up to 100, so no weight finding
    assert!(!messages(&findings(&r), Severity::Error)
        .iter()
        .any(|m| m.contains("权重合计")));
}

#[test]
fn overshooting_the_target_by_30_percent_is_a_deviation() {
    let mut r = draft("100", "100");
    r.indicators[1].actual = "13".into(); // target 10: exactly +30%
    assert_eq!(
        fmt2(evaluate(&r, &pack_1090()).indicators[1].score.unwrap()),
        "20.00",
        "no deviation penalty in the generic framework"
    );
    let e = evaluate(&r, &pack_capped());
    assert_eq!(fmt2(e.indicators[1].score.unwrap()), "18.00");
    assert!(e.indicators[1]
        .explanation
        .contains("属指标偏离，扣 2 分：20.00 − 2 = 18.00"));
    r.indicators[1].actual = "12.9".into();
    assert_eq!(
        fmt2(evaluate(&r, &pack_1090()).indicators[1].score.unwrap()),
        "20.00"
    );
    // the deviation needs its reason like any shortfall
    r.indicators[1].actual = "15".into();
    let capped = pack_capped();
    let found = check(&r, &capped, &evaluate(&r, &capped));
    assert!(messages(&found, Severity::Error).contains(
        &"indicators.ind-2.reason | （请填写数量指标）得分 18.00，低于满分 20，请填写偏差原因"
            .to_string()
    ));
}

#[test]
fn a_complete_draft_is_clean() {
    let r = draft("100", "95");
    let f = findings(&r);
    assert!(messages(&f, Severity::Error).is_empty(), "{f:#?}");
}

#[test]
fn weights_must_sum_to_the_pack_total() {
    let mut r = draft("100", "100");
    r.indicators[1].weight = "25".into();
    let errors = messages(&findings(&r), Severity::Error);
    assert!(
        errors.contains(&"indicators | 指标权重合计为 105，应为 100".to_string()),
        "{errors:?}"
    );
}

#[test]
fn a_hand_score_above_its_weight_is_an_error() {
    let mut r = draft("100", "100");
    r.indicators[6].rule = Rule::Manual;
    r.indicators[6].manual_score = "12".into();
    let errors = messages(&findings(&r), Severity::Error);
    assert!(
        errors.contains(
            &"indicators.ind-7.manual_score | 服务对象满意度的得分 12.00 超过其权重 10".to_string()
        ),
        "{errors:?}"
    );
}

#[test]
fn reasons_are_required_below_full_marks_and_under_90_percent() {
    let mut r = draft("100", "85");
    r.indicators[6].actual = "80".into(); // satisfaction 80 of 90
    let errors = messages(&findings(&r), Severity::Error);
    assert_eq!(
        errors,
        [
            "budget.sources.src-1.reason | 财政拨款的执行率 85.00% 低于 90%，请说明原因",
            "indicators.ind-1.reason | 预算执行率得分 8.50，低于满分 10，请填写偏差原因",
            "indicators.ind-7.reason | 服务对象满意度得分 8.89，低于满分 10，请填写偏差原因",
        ]
    );
    r.budget.sources[0].reason = "部分项目因政策调整暂缓实施。".into();
    r.indicators[0].reason = "同上。".into();
    r.indicators[6].reason = "调查样本偏少。".into();
    assert!(messages(&findings(&r), Severity::Error).is_empty());
    // 90% and above needs no reason for the execution rate, though its score is below 10
    let r = draft("100", "90");
    assert!(messages(&findings(&r), Severity::Error).is_empty());
}

#[test]
fn text_limits() {
    let mut r = draft("100", "100");
    r.indicators[6].actual = "80".into();
    r.indicators[6].reason = "字".repeat(101);
    r.conclusion = "论".repeat(201);
    r.problems.push(Problem {
        id: "prob-1".into(),
        problem: "问".repeat(150),
        measure: "措".repeat(200),
    });
    r.problems.push(Problem {
        id: "prob-2".into(),
        problem: "题".repeat(51),
        measure: String::new(),
    });
    r.sections.push(Section {
        id: "sec-9".into(),
        level: 1,
        title: "存在问题".into(),
        text: "x\n".repeat(201),
        limit: Some(200),
        ..Section::default()
    });
    let errors = messages(&findings(&r), Severity::Error);
    assert_eq!(
        errors,
        [
            "indicators.ind-7.reason | 服务对象满意度的偏差原因共 101 字，超过 100 字的限制",
            "sections.sec-9.text | “存在问题”共 201 字，超过 200 字的限制",
            "conclusion | 评价结论共 201 字，超过 200 字的限制",
            "problems.prob-1.problem | 存在问题共 201 字，超过 200 字的限制",
        ]
    );
}

#[test]
fn required_sections_and_missing_values_are_warnings() {
    let pack = pack_1090();
    let mut r = draft("", "");
    r.sections = pack.outline_sections();
    r.indicators[1].actual = "".into();
    let warnings = messages(&findings(&r), Severity::Warning);
    assert!(
        warnings.contains(&"budget.sources.src-1.adjusted | 请填写预算数和执行数".to_string()),
        "{warnings:?}"
    );
    assert!(warnings.contains(
        &"indicators.ind-1.actual | 预算执行率：预算执行率尚无法计算：请先填写预算数和执行数"
            .to_string()
    ));
    assert!(warnings
        .contains(&"indicators.ind-2.actual | （请填写数量指标）：请填写完成值".to_string()));
    assert!(
        warnings.contains(&"sections.sec-2.text | “部门职能及机构人员情况”尚未填写".to_string())
    );
    // a heading with sub-sections is not itself required
    assert!(!warnings.iter().any(|w| w.starts_with("sections.sec-1.")));
    assert!(warnings.contains(&"conclusion | 请填写评价结论".to_string()));
    let e = evaluate(&r, &pack);
    assert!(!e.complete);
    assert_eq!(e.execution_rate, None);
}

#[test]
fn execution_above_budget_and_unreadable_figures() {
    let mut r = draft("100", "101");
    r.budget.sources.push(BudgetRow {
        id: "src-2".into(),
        name: "单位资金".into(),
        kind: BudgetKind::Unit,
        initial: "12,34.5".into(),
        executed: "3O".into(),
        ..BudgetRow::default()
    });
    r.indicators[2].actual = "九十".into();
    let f = findings(&r);
    let errors = messages(&f, Severity::Error);
    // above the budget without a carry-over: it asks for the carry-over, it does not accuse
    assert!(
        messages(&f, Severity::Warning).contains(
            &"budget.sources.src-1.carryover | 财政拨款的执行数 101.00 万元超过预算数 100.00 万元：如含上年结转资金，请填写上年结转"
                .to_string()
        ),
        "{errors:?}"
    );
    let mut with_carryover = r.clone();
    with_carryover.budget.sources[0].carryover = "5".into();
    let f2 = findings(&with_carryover);
    assert!(!f2.iter().any(|f| f.message.contains("超过预算数")));
    with_carryover.budget.sources[0].executed = "106".into();
    assert!(messages(&findings(&with_carryover), Severity::Error).contains(
        &"budget.sources.src-1.executed | 财政拨款的执行数 106.00 万元超过预算数与上年结转之和 105.00 万元"
            .to_string()
    ));
    assert!(errors.contains(&"budget.sources.src-2.initial | “单位资金 · 年初预算数”填写的“12,34.5”不是有效数字：千位分隔符位置不对".to_string()));
    assert!(errors.contains(&"budget.sources.src-2.executed | “单位资金 · 执行数”填写的“3O”不是有效数字：含有无法识别的字符“O”".to_string()));
    assert!(errors.contains(&"indicators.ind-3.actual | “（请填写质量指标） · 完成值”填写的“九十”不是有效数字：含有无法识别的字符“九”".to_string()));
    // an unreadable figure is not a zero: the indicator waits, the draft keeps the text
    let e = evaluate(&r, &pack_1090());
    assert_eq!(e.indicators[2].status, Status::Pending);
    assert_eq!(r.indicators[2].actual.text(), "九十");
    // the unreadable row adds nothing to the totals
    assert_eq!(fmt2(e.budget.total.executed), "101.00");
}

#[test]
fn uses_must_add_up_to_sources_once_filled() {
    let mut r = draft("100", "95");
    let row = |id: &str, kind, b: &str, x: &str| BudgetRow {
        id: id.into(),
        name: id.into(),
        kind,
        adjusted: b.into(),
        executed: x.into(),
        ..BudgetRow::default()
    };
    r.budget.uses = vec![
        row("人员经费", BudgetKind::Personnel, "60", "60"),
        row("公用经费", BudgetKind::Public, "20", "18"),
        row("项目支出", BudgetKind::Project, "", ""),
    ];
    // incomplete breakdown: no complaint yet
    assert!(messages(&findings(&r), Severity::Warning)
        .iter()
        .all(|w| !w.contains("按支出用途合计")));
    let e = evaluate(&r, &pack_1090());
    assert_eq!(fmt2(e.budget.basic.executed), "78.00");
    assert_eq!(fmt2(e.budget.basic.rate.unwrap()), "97.50");
    r.budget.uses[2] = row("项目支出", BudgetKind::Project, "20", "15");
    let warnings = messages(&findings(&r), Severity::Warning);
    let warnings: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("按支出用途合计"))
        .collect();
    assert_eq!(
        warnings,
        ["budget | 按支出用途合计的执行数 93.00 万元与按资金来源合计的 95.00 万元不一致"]
    );
}

#[test]
fn linked_execution_rate_reads_the_budget_block() {
    let mut r = draft("4,051.83万元", "３９９０．８４");
    let e = evaluate(&r, &pack_1090());
    assert_eq!(fmt2(e.execution_rate.unwrap()), "98.49");
    assert_eq!(
        e.indicators[0].explanation,
        "执行率 98.49% × 权重 10 = 9.85"
    );
    // the completion value typed on a linked row is ignored: the budget block decides
    r.indicators[0].actual = "50".into();
    assert_eq!(
        evaluate(&r, &pack_1090()).indicators[0].explanation,
        "执行率 98.49% × 权重 10 = 9.85"
    );
    assert_eq!(r.indicators[0].link, Some(Link::ExecutionRate));
    let _unused = Indicator::default();
}

#[test]
fn a_new_blank_draft_has_no_errors_and_no_two_findings_read_the_same() {
    for pack in Pack::builtin() {
        let r = selfeval_core::edit::lifecycle::blank("new", &pack, 2025);
        let e = evaluate(&r, &pack);
        let f = check(&r, &pack, &e);
        let errors = messages(&f, Severity::Error);
        assert!(errors.is_empty(), "{}: {errors:#?}", pack.id);
        let mut texts: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
        let n = texts.len();
        texts.sort();
        texts.dedup();
        assert_eq!(texts.len(), n, "{}: a message repeats", pack.id);
        // unfilled rows count as not yet scored, shown as progress
        let s = selfeval_core::Summary::new(&r, &pack, &e, &f);
        assert!(s.scored < s.applicable, "{}", pack.id);
    }
}

#[test]
fn an_unticked_checklist_is_unfilled_until_its_reason_says_none_was_met() {
    let pack = Pack::builtin_by_id("national-2013").unwrap();
    let mut r = selfeval_core::edit::lifecycle::blank("new", &pack, 2025);
    let i = r
        .indicators
        .iter()
        .position(|i| matches!(&i.rule, selfeval_core::Rule::Checklist { items, .. } if !items.is_empty()))
        .unwrap();
    let e = evaluate(&r, &pack);
    assert_eq!(e.indicators[i].status, Status::Pending);
    assert!(e.indicators[i].explanation.starts_with("未填"));
    r.indicators[i].reason = "各项制度均在修订中，尚未印发。".into();
    let e = evaluate(&r, &pack);
    assert_eq!(
        e.indicators[i].score.map(|s| s.to_string()).as_deref(),
        Some("0.00")
    );
}

#[test]
fn an_adjusted_budget_asks_for_its_reason_and_the_rate_base_is_the_packs() {
    let mut r = draft("100", "95");
    r.budget.sources[0].initial = "120".into();
    let warnings = messages(&findings(&r), Severity::Warning);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("与年初预算数 120.00 万元不同")),
        "{warnings:?}"
    );
    // the rate against the adjusted budget by default, against 年初 where the pack says so
    let mut pack = pack_1090();
    assert_eq!(fmt2(evaluate(&r, &pack).execution_rate.unwrap()), "95.00");
    pack.rate_base = selfeval_core::model::pack::RateBase::Initial;
    assert_eq!(fmt2(evaluate(&r, &pack).execution_rate.unwrap()), "79.17");
}

#[test]
fn carry_forward_keeps_this_years_execution_as_last_years() {
    let r = draft("100", "95");
    let next = selfeval_core::edit::lifecycle::carry_forward(&r, "next");
    assert_eq!(next.budget.sources[0].last_year.text(), "95");
    assert!(next.budget.sources[0].executed.is_blank());
}

#[test]
fn grade_edges_of_every_builtin_pack() {
    let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
    for pack in Pack::builtin() {
        for (total, grade) in [
            ("100", "优"),
            ("90.00", "优"),
            ("89.99", "良"),
            ("80", "良"),
            ("79.99", "中"),
            ("60", "中"),
            ("59.99", "差"),
            ("0", "差"),
        ] {
            assert_eq!(pack.grade(d(total)), grade, "{}: {total}", pack.id);
        }
    }
}

/// The rows kept from one evaluation to the next (what the editor does on each keystroke)
/// give exactly what a fresh evaluation gives, through edits of every kind: the budget a row
/// links to, a row's own figures, 不适用, a bad figure and its fix, rows deleted, an id used
/// again for other content, another pack and back.
#[test]
fn kept_rows_give_what_a_fresh_evaluation_gives() {
    use selfeval_core::scoring::{evaluate_with, Scored};
    let mut kept = Scored::default();
    let mut r = draft("4051.83", "3990.84");
    let mut pack = pack_1090();
    let edits: &[fn(&mut Report, &mut Pack)] = &[
        |_, _| {},
        |r, _| r.budget.sources[0].executed = "3000".into(),
        |r, _| r.budget.sources[0].executed = "3990.84".into(),
        |r, _| r.indicators[2].actual = "98".into(),
        |r, _| r.indicators[2].actual = "九十八".into(),
        |r, _| r.indicators[2].actual = "98".into(),
        |r, _| r.indicators[3].weight = "7".into(),
        |r, _| r.indicators[4].not_applicable = true,
        |r, _| {
            r.indicators.remove(1);
        },
        |r, _| {
            let id = r.indicators[0].id.clone();
            r.indicators[3].id = id;
        },
        |r, p| {
            *p = pack_capped();
            r.pack_id = p.id.clone();
        },
        |r, _| r.budget.sources[0].executed = "1000".into(),
        |r, p| {
            *p = pack_1090();
            r.pack_id = p.id.clone();
        },
        |r, _| r.budget.sources[0].adjusted = "".into(),
    ];
    for (n, edit) in edits.iter().enumerate() {
        edit(&mut r, &mut pack);
        let fresh = evaluate(&r, &pack);
        assert_eq!(evaluate_with(&r, &pack, &mut kept), fresh, "after edit {n}");
        // and again with nothing changed: every row from the kept ones
        assert_eq!(
            evaluate_with(&r, &pack, &mut kept),
            fresh,
            "edit {n}, again"
        );
    }
}

//! The built-in sample (the seed report) under its pack: figures, text, file stability.

use selfeval_core::base::number::fmt2;
use selfeval_core::file::draft::{from_json, to_json};
use selfeval_core::file::sample::SAMPLE_JSON;
use selfeval_core::model::field::Field;
use selfeval_core::scoring::Status;
use selfeval_core::{check, evaluate, sample, Pack, Severity};

/// `UPDATE_SAMPLE=1 cargo test -p selfeval-core` rewrites data/sample.json in the canonical
/// form after a deliberate model change; the test then checks it is byte-stable.
#[test]
fn sample_file_round_trips_byte_for_byte() {
    let report = from_json(SAMPLE_JSON).expect("sample parses");
    let text = to_json(&report);
    if std::env::var_os("UPDATE_SAMPLE").is_some() {
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample.json"),
            &text,
        )
        .unwrap();
        return;
    }
    assert!(
        text == SAMPLE_JSON,
        "data/sample.json is not in canonical form"
    );
    assert_eq!(to_json(&from_json(&text).unwrap()), text);
}

#[test]
fn seed_figures() {
    let r = sample();
    let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
    let e = evaluate(&r, &pack);
    assert_eq!(fmt2(e.budget.total.budget), "4051.83");
    assert_eq!(fmt2(e.budget.total.executed), "3990.84");
    assert_eq!(fmt2(e.execution_rate.unwrap()), "98.49");
    let exec = r
        .indicators
        .iter()
        .find(|i| i.level3 == "预算执行率")
        .unwrap();
    let ev = e.indicator(&exec.id).unwrap();
    assert_eq!(ev.explanation, "执行率 98.49% × 权重 15 = 14.77");
    assert!(e.complete);
    assert_eq!(fmt2(e.total), "99.77");
    assert_eq!(e.grade, "优");
    assert!(e.errors.is_empty());
    // subtotals per 一级 add up to the total
    let l1: Vec<(String, String, String)> = e
        .level1
        .iter()
        .map(|s| (s.level1.clone(), fmt2(s.weight), fmt2(s.score)))
        .collect();
    assert_eq!(
        l1,
        [
            ("履职效能", "50.00", "50.00"),
            ("预算管理", "20.00", "19.77"),
            ("绩效管理", "10.00", "10.00"),
            ("采购管理", "10.00", "10.00"),
            ("资产管理", "10.00", "10.00"),
        ]
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
}

#[test]
fn seed_text_and_outline() {
    let r = sample();
    assert_eq!(
        r.title(),
        "广州市黄埔区人民代表大会常务委员会办公室2021年部门整体支出绩效自评报告"
    );
    let outline: Vec<(u8, &str)> = r
        .sections
        .iter()
        .map(|s| (s.level, s.title.as_str()))
        .collect();
    assert_eq!(
        outline,
        [
            (1, "基本情况"),
            (2, "部门年度重点工作任务"),
            (2, "部门整体支出绩效目标"),
            (2, "部门整体支出情况"),
            (1, "绩效自评情况"),
            (2, "履职效能分析"),
            (3, "坚持党的全面领导，确保人大工作正确政治方向"),
            (
                3,
                "实行正确监督、有效监督、依法监督，不断增强监督刚性和实效"
            ),
            (
                3,
                "坚持抓重点、议大事、谋大局，为我区实现经济社会高质量发展提供坚强保障"
            ),
            (3, "加强代表工作能力建设，努力做到“民有所呼、我有所应”"),
            (2, "绩效管理"),
            (2, "采购管理"),
            (2, "资产管理"),
            (1, "存在的主要问题和下一步改进措施"),
        ]
    );
    let text = |title: &str| {
        r.sections
            .iter()
            .find(|s| s.title == title)
            .unwrap()
            .text
            .clone()
    };
    assert_eq!(
        text("部门整体支出情况"),
        "全年预算数 4051.83 万元，执行数 3990.84 万元，完成预算的 98.49%。"
    );
    assert!(text("部门年度重点工作任务").starts_with("2021 年，区人大常委会在区委的坚强领导下"));
    // sentences split by the PDF's page breaks are whole again
    assert!(text("部门年度重点工作任务").contains("国民经济和社会发展规划、财政预决算事项"));
    assert!(text("加强代表工作能力建设，努力做到“民有所呼、我有所应”")
        .contains("由于政策或条件所限无法解决的占 14.6%。代表对建议办理情况的满意率为 100%。"));
    assert!(text("坚持党的全面领导，确保人大工作正确政治方向").contains(
        "**感悟思想伟力，自觉做“两个确立”的坚决捍卫者和“两个维护”的坚定践行者。**深刻把握"
    ));
    assert!(text("资产管理").ends_with("资产管理人員稳定，没有发生管理人員变化。"));
    assert!(text("存在的主要问题和下一步改进措施")
        .starts_with("2021年部门整体支出方面存在的主要问题是：绩效管理制度建设有待完善。"));
    assert_eq!(r.tasks.len(), 5);
    assert_eq!(r.problems[0].problem, "绩效管理制度建设有待完善。");
}

#[test]
fn the_sample_has_no_error_findings() {
    let r = sample();
    let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
    let findings = check(&r, &pack, &evaluate(&r, &pack));
    let errors: Vec<_> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn narrative_figures_agree_and_a_changed_figure_is_flagged() {
    let r = sample();
    let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
    let narrative_findings = |r: &selfeval_core::Report| -> Vec<String> {
        check(r, &pack, &evaluate(r, &pack))
            .into_iter()
            .filter(|f| matches!(f.path, Field::Section { .. }) && f.severity == Severity::Error)
            .map(|f| f.message)
            .collect()
    };
    assert!(narrative_findings(&r).is_empty());
    let spending = r
        .sections
        .iter()
        .position(|s| s.title == "部门整体支出情况")
        .unwrap();

    // the text changed in a copy: its rate no longer agrees
    let mut copy = r.clone();
    copy.sections[spending].text = copy.sections[spending].text.replace("98.49%", "98.94%");
    assert_eq!(
        narrative_findings(&copy),
        ["“部门整体支出情况”中写的“完成预算的 98.94%”与计算得出的预算执行率 98.49% 不一致"]
    );

    // the figures changed, the text not: both the amount and the rate are flagged
    let mut copy = r.clone();
    copy.budget.sources[0].executed = "3900.00".into();
    let found = narrative_findings(&copy);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("执行数 3990.84 万元") && found[0].contains("3900.00 万元"));
    assert!(found[1].contains("完成预算的 98.49%") && found[1].contains("96.25%"));

    // fewer decimals written is rounding, not disagreement
    let mut copy = r.clone();
    copy.sections[spending].text = "全年预算数 4051.83 万元，执行率约为 98.5%。".into();
    assert!(narrative_findings(&copy).is_empty());
}

#[test]
fn the_sample_evaluates_under_every_pack() {
    let r = sample();
    for pack in Pack::builtin() {
        let e = evaluate(&r, &pack);
        assert_eq!(fmt2(e.execution_rate.unwrap()), "98.49");
        assert_eq!(e.indicators.len(), r.indicators.len());
        assert!(e
            .indicators
            .iter()
            .all(|i| i.status != Status::NotApplicable));
        check(&r, &pack, &e);
    }
}

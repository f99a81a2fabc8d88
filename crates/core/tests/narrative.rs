//! The narrative check must not cry wolf: a corpus of sentences as reports write them. Figures
//! about a part (项目支出, 三公经费, 政府采购, a named fund, last year, a target) are not held to
//! the whole unit's totals; those about a use the draft holds are checked against that use; the
//! wrong overall figures each raise one error.

use selfeval_core::file::sample::sample_with_uses;
use selfeval_core::{check, evaluate, Pack, Severity};

/// The errors about the narrative when section 4's text is `text`.
fn errors(text: &str) -> Vec<String> {
    let mut r = sample_with_uses();
    r.sections[3].text = text.into();
    let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
    check(&r, &pack, &evaluate(&r, &pack))
        .into_iter()
        .filter(|f| f.severity == Severity::Error && f.path.to_string().starts_with("sections."))
        .map(|f| f.message)
        .collect()
}

#[test]
fn sentences_about_parts_or_other_things_raise_nothing() {
    let fine = [
        "全年预算数 4051.83 万元，执行数 3990.84 万元，完成预算的 98.49%。",
        "预算执行率为 98.49%。",
        "全年预算执行率达到98.5%。",
        "全年执行数 3,990.84 万元。",
        "执行数 39908400 元。",
        "项目支出执行数 1520.84 万元。",
        "项目支出全年预算数 1551.83 万元，执行率 98.00%。",
        "人员经费执行数 1990 万元，执行率 99.50%。",
        "公用经费执行数 480 万元。",
        "基本支出执行数 2470 万元。",
        "“三公”经费实际支出 12.5 万元，比上年下降 8%。",
        "三公经费执行率 76.3%。",
        "政府采购执行率 100%。",
        "政府采购预算执行数 356.2 万元。",
        "专项资金执行率为 85.2%。",
        "人大代表履职专项资金执行数 120 万元。",
        "上年执行数 3800.5 万元。",
        "去年预算执行率为 95.1%。",
        "年初预算目标执行率 100%。",
        "结转结余资金执行率 60%。",
        "项目执行率 92.4%。",
        "自评得分 99.77 分，评价等级为“优”。",
        "综合评分 99.77 分。",
        "满分 100 分，自评得分 99.77 分。",
        "本年度共开展专题调研 12 次，执行率考核纳入年度目标。",
        "执行率偏低的原因主要是项目验收延迟。",
        "年初预算未单独编列。",
        "评价等级：优。",
        "部门整体支出绩效自评等级评定为优。",
        "全年预算数4051.83万元。",
    ];
    for s in fine {
        let e = errors(s);
        assert!(e.is_empty(), "{s} → {e:?}");
    }
}

#[test]
fn wrong_overall_figures_each_raise_one_error() {
    let wrong = [
        ("全年预算数 4000 万元。", "全年预算数"),
        ("执行数 3990.00 万元。", "执行数"),
        ("完成预算的 97.49%。", "预算执行率"),
        ("预算执行率 99%。", "预算执行率"),
        ("自评得分 98 分。", "自评得分"),
        ("综合评分 90.5 分。", "自评得分"),
        ("评价等级为“良”。", "等级"),
        ("项目支出执行数 1500 万元。", "项目支出执行数 1520.84 万元"),
        ("人员经费执行率 98%。", "人员经费执行率 99.50%"),
    ];
    for (s, what) in wrong {
        let e = errors(s);
        assert_eq!(e.len(), 1, "{s} → {e:?}");
        assert!(e[0].contains(what), "{s} → {e:?}");
    }
}

#[test]
fn a_blank_initial_budget_is_not_zero() {
    // the sample leaves 年初 blank: a stated 年初 figure has nothing to disagree with
    assert!(errors("年初预算数 3800 万元。").is_empty());
}

#[test]
fn a_word_in_an_earlier_clause_does_not_hide_a_wrong_total() {
    let e = errors("全面完成年度目标，全年预算数 4000 万元。");
    assert_eq!(e.len(), 1, "{e:?}");
}

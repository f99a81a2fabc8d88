//! What the clerk typed in the form is what the report says, once: a blank 自评表 10+90 draft
//! for a made-up unit, filled in the form only (no section text), prints 部门职能, the tasks,
//! the goals, the conclusion, the problems and measures in their outline sections; the
//! findings stop asking for them; 评价结论 and the problems do not print a second time after
//! the 附表; placeholders are filled in every text, and an unknown one is a finding.

use selfeval_core::edit::lifecycle::blank;
use selfeval_core::edit::Edit;
use selfeval_core::export::html;
use selfeval_core::model::field::{Field, GoalField, ProblemField, TaskField, UnitField};
use selfeval_core::model::List;
use selfeval_core::report::document::{document, Block, Run};
use selfeval_core::{check, evaluate, Pack, Report};

fn set(r: &mut Report, field: Field, value: &str) {
    r.apply(&Edit::Set {
        field,
        value: value.into(),
    })
    .unwrap();
}

/// The first row of `list`, added if the draft has none.
fn first_row(r: &mut Report, list: List) -> String {
    match r.ids(list).first() {
        Some(id) => id.to_string(),
        None => r.apply(&Edit::Add { list, after: None }).unwrap().unwrap(),
    }
}

/// A made-up unit's draft, filled in the form as a clerk fills it.
fn filled() -> (Report, Pack) {
    let pack = Pack::builtin_by_id("self-eval-10-90").unwrap();
    let mut r = blank("d1", &pack, 2025);
    set(&mut r, UnitField::Name.into(), "某某市某某局");
    set(
        &mut r,
        UnitField::Functions.into(),
        "负责全市某某工作。\n承办市政府交办的其他事项。",
    );
    set(&mut r, UnitField::StaffAuthorized.into(), "32");
    set(&mut r, UnitField::StaffActual.into(), "30");
    let t = first_row(&mut r, List::Tasks);
    set(&mut r, Field::task(&t, TaskField::Title), "推进某某改革");
    set(
        &mut r,
        Field::task(&t, TaskField::Detail),
        "完成改革任务 12 项。",
    );
    let g = first_row(&mut r, List::Goals);
    set(
        &mut r,
        Field::goal(&g, GoalField::Initial),
        "全年完成某某目标。",
    );
    set(&mut r, Field::goal(&g, GoalField::Actual), "已全部完成。");
    set(
        &mut r,
        Field::Conclusion,
        "{{年度}}年度自评得分 {{自评得分}} 分，等级为“{{等级}}”。",
    );
    let p = first_row(&mut r, List::Problems);
    set(
        &mut r,
        Field::problem(&p, ProblemField::Problem),
        "预算编制不够精细。",
    );
    set(
        &mut r,
        Field::problem(&p, ProblemField::Measure),
        "细化项目测算。",
    );
    (r, pack)
}

/// The paragraphs under each heading, as text.
fn outline(blocks: &[Block]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for b in blocks {
        match b {
            Block::Heading { text, .. } => out.push((text.clone(), Vec::new())),
            Block::Paragraph(runs) => {
                let p: String = runs
                    .iter()
                    .map(|r| match r {
                        Run::Text(t) | Run::Bold(t) => t.as_str(),
                    })
                    .collect();
                if let Some(last) = out.last_mut() {
                    last.1.push(p);
                }
            }
            _ => {}
        }
    }
    out
}

fn under<'a>(o: &'a [(String, Vec<String>)], title: &str) -> &'a [String] {
    &o.iter()
        .find(|(t, _)| t == title)
        .unwrap_or_else(|| panic!("{title}"))
        .1
}

#[test]
fn each_form_part_prints_in_its_outline_section() {
    let (r, pack) = filled();
    let e = evaluate(&r, &pack);
    let o = outline(&document(&r, &e));
    assert_eq!(
        under(&o, "部门职能及机构人员情况"),
        [
            "负责全市某某工作。",
            "承办市政府交办的其他事项。",
            "编制数32人，实有人数30人。"
        ]
    );
    assert_eq!(
        under(&o, "年度重点工作任务"),
        ["推进某某改革。完成改革任务 12 项。"]
    );
    assert_eq!(
        under(&o, "部门整体支出绩效目标"),
        [
            "年初绩效目标：全年完成某某目标。",
            "实际完成情况：已全部完成。"
        ]
    );
    let conclusion = format!(
        "2025年度自评得分 {} 分，等级为“{}”。",
        selfeval_core::base::number::fmt2(e.total),
        e.grade
    );
    assert_eq!(
        under(&o, "评价结论"),
        [conclusion.as_str()],
        "placeholders filled"
    );
    assert_eq!(under(&o, "存在问题"), ["预算编制不够精细。"]);
    assert_eq!(under(&o, "改进措施"), ["细化项目测算。"]);
}

#[test]
fn the_closing_texts_print_once_in_their_place_not_after_the_appendix() {
    let (r, pack) = filled();
    let e = evaluate(&r, &pack);
    let page = html::html(&r, &e);
    let body = page.split("<script").next().unwrap();
    for once in [
        "预算编制不够精细。",
        "细化项目测算。",
        "负责全市某某工作。",
        "推进某某改革",
    ] {
        assert_eq!(body.matches(once).count(), 1, "{once}");
    }
    assert!(!body.contains("{{"), "no placeholder left in the report");
    // a draft whose outline has no home for them still prints them, after the 附表
    let mut bare = r.clone();
    bare.sections.retain(|s| s.home().is_none());
    let blocks = document(&bare, &evaluate(&bare, &pack));
    let after = blocks
        .iter()
        .skip_while(|b| !matches!(b, Block::Appendix(_)))
        .filter_map(|b| match b {
            Block::Paragraph(runs) => Some(format!("{runs:?}")),
            _ => None,
        })
        .collect::<String>();
    assert!(
        after.contains("存在问题") && after.contains("预算编制不够精细。"),
        "{after}"
    );
}

#[test]
fn findings_stop_asking_for_what_the_form_holds() {
    let pack = Pack::builtin_by_id("self-eval-10-90").unwrap();
    let empty = blank("d0", &pack, 2025);
    let asks = |r: &Report| {
        check(r, &pack, &evaluate(r, &pack))
            .into_iter()
            .map(|f| f.message)
            .filter(|m| m.contains("尚未填写") || m.contains("请填写评价结论"))
            .collect::<Vec<_>>()
    };
    let before = asks(&empty);
    assert!(
        before.iter().any(|m| m.contains("年度重点工作任务")),
        "{before:?}"
    );
    let (r, _) = filled();
    let after = asks(&r);
    for part in [
        "年度重点工作任务",
        "部门整体支出绩效目标",
        "部门职能",
        "评价结论",
        "存在问题",
        "改进措施",
    ] {
        assert!(!after.iter().any(|m| m.contains(part)), "{part}: {after:?}");
    }
}

#[test]
fn an_unknown_placeholder_is_a_finding() {
    let (mut r, pack) = filled();
    set(&mut r, Field::Conclusion, "得分 {{总分}} 分。");
    let f = check(&r, &pack, &evaluate(&r, &pack));
    assert!(
        f.iter()
            .any(|f| f.message.contains("“{{总分}}”不是可用的占位符")),
        "{:?}",
        f.iter().map(|f| &f.message).collect::<Vec<_>>()
    );
}

#[test]
fn a_placeholder_indicator_name_is_a_hint_typing_replaces() {
    use selfeval_core::model::field::IndicatorField;
    use selfeval_core::report::sheet::sheet;
    let (mut r, pack) = filled();
    let at = r
        .indicators
        .iter()
        .position(|i| i.hint().is_some())
        .expect("the 10+90 pack leaves rows to be named");
    let row = r.indicators[at].clone();
    let hint = row.hint().unwrap().to_string();
    assert!(hint.starts_with("（请填写"), "{hint}");
    // the input shows it empty (its placeholder is the hint), and the report never prints it
    assert_eq!(IndicatorField::Level3.get(&row), "");
    let e = evaluate(&r, &pack);
    let printed = format!("{:?}", sheet(&r, &e).tables);
    assert!(!printed.contains("请填写"), "no hint printed");
    assert!(!html::html(&r, &e)
        .split("<script")
        .next()
        .unwrap()
        .contains(&hint));
    // one left in a row is a finding, naming the row
    let named = |r: &Report| {
        check(r, &pack, &evaluate(r, &pack))
            .into_iter()
            .any(|f| f.message.contains(&format!("第 {} 行尚未命名", at + 1)))
    };
    assert!(named(&r));
    // typing replaces it
    set(
        &mut r,
        Field::indicator(&row.id, IndicatorField::Level3),
        "办件数量",
    );
    assert_eq!(r.indicators[at].level3, "办件数量");
    assert!(r.indicators[at].hint().is_none());
    assert!(!named(&r));
}

#[test]
fn qualitative_words_as_real_tables_write_them_score_and_one_that_does_not_is_an_error() {
    use selfeval_core::model::field::IndicatorField;
    use selfeval_core::model::rule::Nature;
    use selfeval_core::scoring::Status;
    use selfeval_core::Severity;
    let (mut r, pack) = filled();
    let at = r
        .indicators
        .iter()
        .position(|i| i.link.is_none() && i.rule.needs_number())
        .expect("a row scored from its value");
    let id = r.indicators[at].id.clone();
    set(
        &mut r,
        Field::indicator(&id, IndicatorField::Nature),
        Nature::Qualitative.symbol(),
    );
    set(&mut r, Field::indicator(&id, IndicatorField::Weight), "10");
    set(
        &mut r,
        Field::indicator(&id, IndicatorField::Target),
        "满意",
    );
    for (written, share) in [
        ("较满意", "8.00"),
        ("良好。", "8.00"),
        ("（合格）", "10.00"),
        ("基本满意", "6.00"),
    ] {
        set(
            &mut r,
            Field::indicator(&id, IndicatorField::Actual),
            written,
        );
        let e = evaluate(&r, &pack);
        assert_eq!(e.indicators[at].status, Status::Scored, "{written}");
        assert_eq!(
            e.indicators[at]
                .score
                .map(selfeval_core::base::number::fmt2)
                .as_deref(),
            Some(share),
            "{written}"
        );
    }
    // a word no ladder knows: the row scores nothing, and that is an error, not a reminder
    set(
        &mut r,
        Field::indicator(&id, IndicatorField::Actual),
        "很不错",
    );
    let e = evaluate(&r, &pack);
    assert_eq!(e.indicators[at].status, Status::Pending);
    let f = check(&r, &pack, &e);
    let about = f
        .iter()
        .find(|f| f.path == Field::indicator(&id, IndicatorField::Actual))
        .expect("a finding on the value");
    assert_eq!(about.severity, Severity::Error, "{}", about.message);
    assert!(
        about.message.contains("不在定性等级中"),
        "{}",
        about.message
    );
}

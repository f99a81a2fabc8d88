use super::word::literal_number;
use super::*;
use crate::model::Link;

#[test]
fn numbers_as_reports_type_them() {
    assert_eq!(literal_number("一、基本情况"), Some((1, 1, "基本情况")));
    assert_eq!(literal_number("十二、其他"), Some((1, 12, "其他")));
    assert_eq!(literal_number("（三）部门职能"), Some((2, 3, "部门职能")));
    assert_eq!(literal_number("(二) 绩效目标"), Some((2, 2, "绩效目标")));
    assert_eq!(literal_number("2．产出"), Some((3, 2, "产出")));
    assert_eq!(literal_number("3、效益"), Some((3, 3, "效益")));
    assert_eq!(literal_number("（4）满意度"), Some((4, 4, "满意度")));
    assert_eq!(literal_number("1.5万元用于培训"), None, "a figure");
    assert_eq!(
        literal_number("一是抓好学习"),
        None,
        "a point in a sentence"
    );
    assert_eq!(literal_number("（注：单位万元）"), None);
    assert_eq!(literal_number("2023年度"), None);
}

#[test]
fn a_draft_written_before_links_gets_them_where_it_holds_the_inputs() {
    let text = include_str!("../../../tests/fixtures/schema-1.json");
    let mut r = draft::from_json(text).unwrap();
    let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
    r.indicators[0].level3 = "在职人员控制率".into();
    r.indicators[0].link = None;
    // no 编制数 / 实有人数: 在职人员控制率 stays typed
    r.unit.staff_authorized = "".into();
    let linked = links::adopted(r.clone(), &pack);
    assert_eq!(linked.indicators[0].link, None);
    r.unit.staff_authorized = "32".into();
    r.unit.staff_actual = "30".into();
    let linked = links::adopted(r, &pack);
    assert_eq!(linked.indicators[0].link, Some(Link::StaffControl));
    // a figure links one row at most
    let mut twice = linked.clone();
    twice.indicators[1].level3 = "在职人员控制率".into();
    twice.indicators[1].link = None;
    assert_eq!(links::adopted(twice, &pack).indicators[1].link, None);
}

#[test]
fn names_of_the_figures_the_app_computes() {
    assert_eq!(Link::for_name("预算执行率（%）"), Some(Link::ExecutionRate));
    assert_eq!(Link::for_name("预算完成率"), Some(Link::ExecutionRate));
    assert_eq!(
        Link::for_name("财政供养人员控制率"),
        Some(Link::StaffControl)
    );
    assert_eq!(
        Link::for_name("“三公”经费控制率"),
        Some(Link::ThreePublicControl)
    );
    assert_eq!(Link::for_name("听取和审议专项工作报告"), None);
}

#[test]
fn what_crosses_from_the_office_module_reads_back_through_the_draft_checks() {
    let i = Imported {
        report: crate::sample(),
        found: vec!["单位：某".into()],
        missed: vec!["第 1 个表格：未识别的列“备注”".into()],
        unplaced: vec!["备注".into()],
    };
    let back = Imported::from_json(&i.to_json()).unwrap();
    assert_eq!(back.found, i.found);
    assert_eq!(back.missed, i.missed);
    assert_eq!(back.unplaced, i.unplaced);
    assert_eq!(back.report.indicators, i.report.indicators);
    assert!(Imported::from_json("{")
        .unwrap_err()
        .contains("导入结果有误"));
    assert!(is_office("报告.DOCX", b""));
    assert!(is_office("无扩展名", b"PK\x03\x04"));
    assert!(!is_office("草稿.json", b"{\"format\""));
    assert!(refusal("a.json", b"{").is_none());
}

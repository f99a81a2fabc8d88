//! A draft file refused for a field that does not read names the part, the row and the field as
//! the user knows them, for every field of every part: each field's name comes from its
//! `fields!` row, so a field added there is covered here without a line more.

use selfeval_core::file::draft::{from_json, to_json};
use selfeval_core::file::sample::sample_with_uses;
use selfeval_core::model::field::{
    BudgetField, GoalField, IndicatorField, ProblemField, SectionField, SignoffField,
    SpendingField, TaskField, UnitField,
};

/// The sample's file with `value` at `path` (keys and row indexes under `report`).
fn refused(path: &[&str], value: serde_json::Value) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&to_json(&sample_with_uses())).unwrap();
    let (last, row) = path.split_last().unwrap();
    let mut at = &mut v["report"];
    for step in row {
        at = match step.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[*step],
        };
        // a part the file leaves out when empty (其他财务数据) is put in
        if at.is_null() {
            *at = serde_json::json!({});
        }
    }
    assert!(at.is_object(), "the sample has {row:?}");
    // (a field left out of the file when empty is put in)
    at[*last] = value;
    match from_json(&v.to_string()) {
        Ok(_) => panic!("{path:?} = {{…}} was taken"),
        Err(e) => e.to_string(),
    }
}

/// Every field of one part: a value of no type a field takes (a group of fields) is refused
/// with `place` and the field's name, and nothing of the value's inside as if it were a field.
fn every_field(place: &str, at: &[&str], fields: &[(&str, &str)]) {
    for (key, label) in fields {
        let mut path = at.to_vec();
        path.push(key);
        let e = refused(&path, serde_json::json!({ "x": 1 }));
        let named = format!("{place}「{label}」");
        let said = e.split_once(&named).map(|(_, rest)| rest);
        assert!(
            said.is_some_and(|rest| ["应为", "的取值", "缺少"]
                .iter()
                .any(|w| rest.starts_with(w))),
            "{key}: expected “{named}” and what is wrong with it in “{e}”"
        );
    }
}

macro_rules! fields_of {
    ($t:ty) => {
        <$t>::ALL
            .iter()
            .map(|f| (f.key(), f.label()))
            .collect::<Vec<_>>()
    };
}

#[test]
fn unit_fields_are_named() {
    every_field("基本信息", &["unit"], &fields_of!(UnitField));
}

#[test]
fn signoff_fields_are_named() {
    every_field("签署", &["signoff"], &fields_of!(SignoffField));
}

#[test]
fn task_fields_are_named_with_their_row() {
    every_field(
        "重点工作任务第 1 行",
        &["tasks", "0"],
        &fields_of!(TaskField),
    );
}

#[test]
fn goal_fields_are_named_with_their_row() {
    every_field("绩效目标第 1 行", &["goals", "0"], &fields_of!(GoalField));
}

#[test]
fn budget_fields_are_named_with_their_row_in_either_table() {
    let fields = fields_of!(BudgetField);
    every_field(
        "预算（按资金来源）第 2 行",
        &["budget", "sources", "1"],
        &fields,
    );
    every_field(
        "预算（按支出用途）第 1 行",
        &["budget", "uses", "0"],
        &fields,
    );
}

#[test]
fn spending_fields_are_named() {
    every_field(
        "预算（其他财务数据）",
        &["budget", "spending"],
        &fields_of!(SpendingField),
    );
}

#[test]
fn indicator_fields_are_named_with_their_row() {
    every_field(
        "绩效指标第 3 行",
        &["indicators", "2"],
        &fields_of!(IndicatorField),
    );
    // the two members that are no input field
    every_field(
        "绩效指标第 3 行",
        &["indicators", "2"],
        &[("rule", "评分规则"), ("checked", "已勾选项")],
    );
}

#[test]
fn section_fields_are_named_with_their_section() {
    every_field(
        "报告正文第 2 节",
        &["sections", "1"],
        &fields_of!(SectionField),
    );
}

#[test]
fn problem_fields_are_named_with_their_row() {
    every_field(
        "存在问题和改进措施第 1 行",
        &["problems", "0"],
        &fields_of!(ProblemField),
    );
}

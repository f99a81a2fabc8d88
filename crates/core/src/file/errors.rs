//! What is wrong with a file, in words a user knows: "绩效指标第 3 行「权重」应为文字，而不是
//! 数字 10" instead of serde's "invalid type: integer `10`, expected a string at line 1".

use crate::base::json::Step;
use crate::model::field::{label_of, Group};

/// The Chinese name of a key in a draft file, by the list it is in (or the part of the
/// report). Row fields and parts take their names from `model::field`; what is named here is
/// only what is no such field: the rule's parameters and two indicator members.
pub(crate) fn label(context: &str, key: &str) -> String {
    if let Some(name) = label_of(context, key) {
        return name.to_string();
    }
    let table: &[(&str, &str)] = match context {
        "indicators" => &[("rule", "评分规则"), ("checked", "已勾选项")],
        "rule" => &[
            ("type", "规则类型"),
            ("limit", "限值"),
            ("per_unit", "每单位扣分"),
            ("per_item", "每项分值"),
            ("items", "检查项"),
            ("mode", "计分方式"),
            ("direction", "扣分方向"),
            ("bands", "分档"),
            ("ladder", "等级"),
            ("coefficient", "系数"),
            ("points", "分值"),
            ("label", "等级名称"),
            ("gt", "下限"),
            ("gte", "下限"),
            ("lt", "上限"),
            ("lte", "上限"),
        ],
        _ => return label_of("", key).unwrap_or(key).to_string(),
    };
    table
        .iter()
        .find(|(k, _)| *k == key)
        .map_or_else(|| key.to_string(), |(_, l)| l.to_string())
}

/// Where in the draft: "绩效指标第 3 行「评分规则」「每项分值」".
fn place(path: &[Step]) -> String {
    let mut out = String::new();
    let mut context = String::new();
    // past a row's field, the path is inside its value (an enum written as a group of
    // fields names its "variant"): that is no field of the draft, so it is not named
    let mut in_value = false;
    for seg in path {
        if in_value {
            break;
        }
        match seg {
            Step::Key(key) => {
                let key = key.as_str();
                in_value = !(context.is_empty()
                    || (context == "indicators" && key == "rule")
                    || (context == "budget" && matches!(key, "sources" | "uses" | "spending")))
                    && label_of(&context, key).is_some();
                let shown = match (context.as_str(), key) {
                    ("budget", g @ ("sources" | "uses")) => {
                        format!("（{}）", Group::from_key(g).map_or("", Group::label))
                    }
                    ("budget", "spending") => "（其他财务数据）".to_string(),
                    ("", _) => label("", key),
                    (c, _) => format!("「{}」", label(c, key)),
                };
                out.push_str(&shown);
                context = match (context.as_str(), key) {
                    ("", k) => k.to_string(),
                    ("indicators", "rule") => "rule".into(),
                    ("budget", "sources" | "uses") => "budget".into(),
                    ("budget", "spending") => "spending".into(),
                    (c, _) => c.to_string(),
                };
            }
            Step::Index(index) => {
                let what = if context == "sections" { "节" } else { "行" };
                out.push_str(&format!("第 {} {what}", index + 1));
            }
        }
    }
    if out.is_empty() {
        "草稿".into()
    } else {
        out
    }
}

/// A message naming the field and saying what is wrong with it.
pub fn describe(path: &[Step], e: &crate::base::json::Error) -> String {
    format!("{}{}", place(path), crate::base::json::worded(e))
}

#[cfg(test)]
mod tests {
    use crate::file::draft::{from_json, to_json};
    use crate::sample;

    fn with(edit: impl Fn(&mut serde_json::Value)) -> String {
        let mut v: serde_json::Value = serde_json::from_str(&to_json(&sample())).unwrap();
        edit(&mut v);
        from_json(&v.to_string()).unwrap_err().to_string()
    }

    #[test]
    fn every_kind_of_bad_field_is_named_as_a_user_knows_it() {
        let e = with(|v| v["report"]["indicators"][2]["level3"] = 10.into());
        assert!(
            e.ends_with("绩效指标第 3 行「三级指标」应为文字（写在引号中），而不是数字 10"),
            "{e}"
        );
        let e = with(|v| v["report"]["unit"]["year"] = "二〇二一".into());
        assert!(
            e.ends_with("基本信息「年度」应为整数，而不是文字“二〇二一”"),
            "{e}"
        );
        let e = with(|v| v["report"]["unit"]["year"] = 70000.into());
        assert!(e.ends_with("基本信息「年度」的值数字 70000超出范围"), "{e}");
        let e = with(|v| v["report"]["budget"]["sources"][0]["kind"] = "gold".into());
        assert!(
            e.contains("预算（按资金来源）第 1 行「类别」的取值“gold”无效"),
            "{e}"
        );
        let e = with(|v| {
            let i = v["report"]["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .position(|i| i["rule"]["type"] == "checklist")
                .unwrap();
            v["report"]["indicators"][i]["rule"]["per_item"] = "一分".into();
        });
        // inside a rule, the member is named too (a rule is read as one flat object, so the
        // place is kept; serde's tagged-enum reading lost it at the rule)
        assert!(
            e.contains("第 10 行「评分规则」「每项分值」应为数字，而不是文字“一分”"),
            "{e}"
        );
        let e = with(|v| v["report"]["sections"][1]["required"] = "是".into());
        assert!(
            e.ends_with("报告正文第 2 节「必填」应为true 或 false，而不是文字“是”"),
            "{e}"
        );
        let e = with(|v| v["report"]["indicators"] = serde_json::json!({"a": 1}));
        assert!(e.ends_with("绩效指标应为列表，而不是一组字段"), "{e}");
    }

    #[test]
    fn figures_written_as_numbers_are_read_as_typed() {
        let mut v: serde_json::Value = serde_json::from_str(&to_json(&sample())).unwrap();
        v["report"]["indicators"][0]["weight"] = 8.into();
        v["report"]["budget"]["sources"][0]["executed"] = serde_json::json!(3990.84);
        let r = from_json(&v.to_string()).unwrap();
        assert_eq!(r.indicators[0].weight.text(), "8");
        assert_eq!(r.budget.sources[0].executed.text(), "3990.84");
    }
}

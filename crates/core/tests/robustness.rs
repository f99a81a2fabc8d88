//! Careless and hostile input: huge numbers, pasted control characters, damaged or odd files,
//! arbitrary edits. Nothing here may panic (a panic freezes the page), and every refusal must
//! be a message for the user.

use proptest::prelude::*;
use selfeval_core::base::number::parse_number;
use selfeval_core::edit::lifecycle::carry_forward;
use selfeval_core::edit::Edit;
#[cfg(feature = "docx")]
use selfeval_core::export::docx;
use selfeval_core::export::{csv, html};
use selfeval_core::file::draft::{self, as_imported, from_json, DraftError};
use selfeval_core::model::field::{Field, IndicatorField};
use selfeval_core::{check, evaluate, sample, Pack, Report, Summary};

fn pack_of(r: &Report) -> Pack {
    Pack::builtin_by_id(&r.pack_id).unwrap()
}

/// Evaluate, check, summarise and render: everything a keystroke and an export runs.
fn everything(r: &Report, with_docx: bool) -> Vec<selfeval_core::Finding> {
    let pack = pack_of(r);
    let e = evaluate(r, &pack);
    let f = check(r, &pack, &e);
    let _ = Summary::new(r, &pack, &e, &f);
    let _ = html::html(r, &e);
    let _ = csv::self_evaluation_csv(r, &e);
    if with_docx {
        #[cfg(feature = "docx")]
        let _ = docx::docx(r, &e);
        let _ = selfeval_core::report::chart::budget_chart(r, &e);
        let _ = selfeval_core::report::chart::score_chart(&e);
        #[cfg(feature = "xlsx")]
        let _ = selfeval_core::export::xlsx::self_evaluation_xlsx(r, &e);
    }
    f
}

fn sample_json_with(edit: impl Fn(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&draft::to_json(&sample())).unwrap();
    edit(&mut v);
    v.to_string()
}

#[test]
fn a_thirty_digit_amount_imports_and_is_refused_in_place() {
    let text = sample_json_with(|v| {
        v["report"]["budget"]["sources"][0]["executed"] = "999999999999999999999999999999".into();
    });
    let r = from_json(&text).unwrap();
    let findings = everything(&r, true);
    let f = findings
        .iter()
        .find(|f| f.path.to_string().ends_with(".executed") && f.message.contains("数值过大"))
        .expect("a finding on the field");
    assert!(f.message.contains("999999999999999999999999999999"));
}

#[test]
fn huge_weights_and_tiny_applicable_weights_do_not_overflow() {
    let mut r = sample();
    // 28 digits: parses as a Decimal, but would overflow every product
    r.indicators[0].weight = "9999999999999999999999999999".into();
    everything(&r, true);
    // a tiny applicable weight beside 不适用 rows: the rescaling factor is huge
    let mut r = sample();
    for (i, ind) in r.indicators.iter_mut().enumerate() {
        if i == 0 {
            ind.weight = "0.0000000001".into();
        } else {
            ind.not_applicable = true;
            ind.weight = "999999999999".into();
        }
    }
    let e = evaluate(&r, &pack_of(&r));
    assert!(e.total <= rust_decimal::Decimal::from(1_000_000));
    everything(&r, true);
}

#[test]
fn a_rule_parameter_beyond_range_in_a_file_is_a_finding() {
    let text = sample_json_with(|v| {
        let inds = v["report"]["indicators"].as_array_mut().unwrap();
        let i = inds
            .iter()
            .position(|i| i["rule"]["type"] == "checklist")
            .unwrap();
        inds[i]["rule"]["per_item"] = "99999999999999999999999999".into();
    });
    let r = from_json(&text).unwrap();
    let findings = everything(&r, true);
    assert!(
        findings.iter().any(|f| f.message.contains("数值过大")),
        "{findings:#?}"
    );
}

#[test]
fn carry_forward_of_the_last_year_does_not_overflow() {
    let mut r = sample();
    r.unit.year = u16::MAX;
    assert_eq!(carry_forward(&r, "next").unit.year, u16::MAX);
}

#[test]
fn imported_row_ids_are_made_unique_and_well_formed() {
    let text = sample_json_with(|v| {
        let inds = v["report"]["indicators"].as_array_mut().unwrap();
        let first = inds[0]["id"].clone();
        inds[1]["id"] = first;
        inds[2]["id"] = "有 空格.和点".into();
        v["report"]["id"] = "别人的 编号".into();
    });
    let r = as_imported(from_json(&text).unwrap(), "d-new");
    assert_eq!(r.id, "d-new");
    let ids = r.ids(selfeval_core::model::List::Indicators);
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    assert!(ids.iter().all(|i| selfeval_core::model::well_formed_id(i)));
    // row 2 edits row 2, not row 1
    let mut r2 = r.clone();
    r2.apply(&Edit::Set {
        field: Field::indicator(&r.indicators[1].id, IndicatorField::Reason),
        value: "第二行".into(),
    })
    .unwrap();
    assert_eq!(r2.indicators[1].reason, "第二行");
    assert_ne!(r2.indicators[0].reason, "第二行");
}

#[test]
fn a_schema_of_the_wrong_type_or_missing_is_refused() {
    for schema in [
        serde_json::json!("1"),
        serde_json::json!(1.5),
        serde_json::json!(0),
        serde_json::json!(null),
    ] {
        let text = sample_json_with(|v| v["schema"] = schema.clone());
        let e = from_json(&text).unwrap_err();
        assert!(matches!(e, DraftError::Invalid(_)), "{schema}: {e:?}");
        assert!(e.to_string().contains("格式版本"), "{e}");
    }
    let text = sample_json_with(|v| {
        v.as_object_mut().unwrap().remove("schema");
    });
    assert!(from_json(&text)
        .unwrap_err()
        .to_string()
        .contains("格式版本"));
}

#[test]
fn an_oversize_file_is_refused_before_parsing() {
    let text = format!(
        "{{\"format\":\"selfeval-draft\",\"schema\":1,\"pad\":\"{}\"}}",
        "x".repeat(draft::MAX_FILE_BYTES)
    );
    assert!(from_json(&text)
        .unwrap_err()
        .to_string()
        .contains("文件过大"));
}

#[test]
fn an_absurdly_deep_file_is_an_error_not_a_stack_overflow() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(from_json(&text), Err(DraftError::NotJson(_))));
}

#[test]
fn control_characters_never_reach_an_output() {
    let mut r = sample();
    let pasted = "从PDF复制\u{0}的\u{7}文字\u{1F}\u{FFFE}\r\n第二行\u{0C}";
    r.sections[1].text = pasted.into();
    r.indicators[0].reason = pasted.into();
    r.unit.name = format!("单位\u{2}{}", r.unit.name);
    let e = evaluate(&r, &pack_of(&r));
    let bad = |s: &str| {
        s.chars()
            .any(|c| (c < ' ' && !"\t\n\r".contains(c)) || c == '\u{FFFE}' || c == '\u{FFFF}')
    };
    #[cfg(feature = "docx")]
    {
        let xml = docx::document_xml(&r, &e);
        assert!(!bad(&xml));
        assert!(xml.contains("从PDF复制的文字"));
    }
    assert!(!bad(&html::html(&r, &e)));
    assert!(!bad(&csv::self_evaluation_csv(&r, &e)));
    // on the way in: an edit (a paste) and an imported file are cleaned too
    let mut typed = sample();
    typed
        .apply(&Edit::Set {
            field: Field::Conclusion,
            value: pasted.into(),
        })
        .unwrap();
    assert_eq!(typed.conclusion, "从PDF复制的文字\n第二行\n");
    let imported = from_json(&draft::to_json(&r)).unwrap();
    assert!(!bad(&imported.sections[1].text));
}

#[test]
fn negative_amounts_are_findings() {
    let mut r = sample();
    r.budget.sources[0].executed = "-12.5".into();
    let f = everything(&r, false);
    assert!(f
        .iter()
        .any(|f| f.path.to_string().ends_with(".executed") && f.message.contains("负数")));
}

#[cfg(feature = "xlsx")]
#[test]
fn an_xlsx_cell_over_the_excel_limit_is_a_message() {
    let mut r = sample();
    r.indicators[0].reason = "长".repeat(40_000);
    let e = evaluate(&r, &pack_of(&r));
    let err = selfeval_core::export::xlsx::self_evaluation_xlsx(&r, &e).unwrap_err();
    assert!(err.contains("32,767"), "{err}");
}

/// Every figure field of the sample, by path.
fn figure_paths(r: &Report) -> Vec<String> {
    let mut paths = vec![
        "unit.staff_authorized".to_string(),
        "unit.staff_actual".to_string(),
    ];
    for (group, rows) in [("sources", &r.budget.sources), ("uses", &r.budget.uses)] {
        for row in rows {
            for f in ["initial", "adjusted", "executed"] {
                paths.push(format!("budget.{group}.{}.{f}", row.id));
            }
        }
    }
    for i in &r.indicators {
        for f in [
            "weight",
            "target",
            "target_adjusted",
            "actual",
            "manual_score",
            "not_applicable",
        ] {
            paths.push(format!("indicators.{}.{f}", i.id));
        }
    }
    paths
}

/// Numbers as people type them, and worse.
fn figure_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[-+]?[0-9]{0,30}(\\.[0-9]{0,30})?(%|万元|元)?",
        "[-+]?0\\.0{0,27}[1-9]",
        "[0-9,，．。０-９%％ -]{0,20}",
        "(true|false)",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn the_parser_never_panics_and_stays_in_range(text in figure_text()) {
        if let Ok(Some(v)) = parse_number("字段", &text) {
            prop_assert!(selfeval_core::base::number::in_range(v));
        }
    }

    #[test]
    fn reading_any_text_as_a_draft_never_panics(text in any::<String>()) {
        let _ = from_json(&text);
        let _ = draft::draft_from_html(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn a_damaged_draft_file_never_panics(cut in 0usize..20_000, at in 0usize..20_000, byte in any::<u8>()) {
        let text = draft::to_json(&sample());
        let mut bytes = text.into_bytes();
        let at = at % bytes.len();
        bytes[at] = byte;
        bytes.truncate(cut.max(1).min(bytes.len()));
        let _ = from_json(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_figures_never_panic_anything(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), figure_text()), 1..12),
        render in 0u8..8,
    ) {
        let mut r = sample();
        let paths = figure_paths(&r);
        for (i, value) in &edits {
            let field = i.get(&paths).parse().unwrap();
            let _ = r.apply(&Edit::Set { field, value: value.clone() });
        }
        everything(&r, render == 0);
    }

    #[test]
    fn arbitrary_edits_never_panic(path in "[a-z_.0-9-]{0,40}", value in any::<String>()) {
        let mut r = sample();
        if let Ok(field) = path.parse::<Field>() {
            let _ = r.apply(&Edit::Set { field, value });
        }
        everything(&r, false);
    }
}

//! The draft file format: every schema ever released still opens, exports read back as the
//! same draft, and the checked-in JSON Schema matches the types.

use proptest::prelude::*;
use selfeval_core::edit::Edit;
use selfeval_core::file::draft::{from_json, to_json, DRAFT_SCHEMA};
use selfeval_core::model::field::{Field, IndicatorField, SectionField, UnitField};
use selfeval_core::sample;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

#[test]
fn a_file_of_every_released_schema_still_opens() {
    for schema in 1..=DRAFT_SCHEMA {
        let path = format!("{FIXTURES}/schema-{schema}.json");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{path}: every schema needs a fixture"));
        let r = from_json(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(r.unit.name, "广州市黄埔区人民代表大会常务委员会办公室");
        assert_eq!(r.indicators.len(), sample().indicators.len());
        // migrated forward: the origin is the draft's own id
        assert_eq!(r.origin, r.id, "{path}");
    }
}

#[test]
fn last_years_file_migrates_to_this_years_draft() {
    let old = std::fs::read_to_string(format!("{FIXTURES}/schema-1.json")).unwrap();
    let mut r = from_json(&old).unwrap();
    let now = sample();
    r.pack_version = now.pack_version.clone();
    assert_eq!(r, now);
}

#[test]
fn two_exports_of_one_draft_are_the_same_bytes_in_a_fixed_key_order() {
    let r = sample();
    assert_eq!(to_json(&r), to_json(&r.clone()));
    let text = to_json(&r);
    let keys: Vec<usize> = [
        "\"format\"",
        "\"schema\"",
        "\"app_version\"",
        "\"pack\"",
        "\"report\"",
    ]
    .iter()
    .map(|k| text.find(k).unwrap())
    .collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
    // amounts stay decimal strings
    assert!(text.contains("\"executed\": \"3990.84\""));
}

#[cfg(feature = "schema")]
#[test]
fn the_checked_in_json_schema_matches_the_types() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/format.schema.json");
    let schema = schemars::schema_for!(selfeval_core::file::draft::DraftFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap();
    text.push('\n');
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let stored = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        stored == text,
        "docs/format.schema.json is out of date: run UPDATE_SCHEMA=1 cargo test -p selfeval-core --features schema --test format"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Export → import gives the same draft, whatever the user typed.
    #[test]
    fn export_then_import_is_the_same_draft(
        texts in proptest::collection::vec("\\PC{0,40}", 6),
        figures in proptest::collection::vec("[-0-9.,%万元 ]{0,12}", 3),
        flag in any::<bool>(),
    ) {
        let mut r = sample();
        let i = r.indicators[1].id.clone();
        let s = r.sections[2].id.clone();
        let edits = [
            (Field::Unit(UnitField::Name), texts[0].clone()),
            (Field::Unit(UnitField::Functions), texts[1].clone()),
            (Field::indicator(&i, IndicatorField::Reason), texts[2].clone()),
            (Field::section(&s, SectionField::Text), texts[3].clone()),
            (Field::Conclusion, texts[4].clone()),
            (Field::Name, texts[5].clone()),
            (Field::indicator(&i, IndicatorField::Weight), figures[0].clone()),
            (Field::indicator(&i, IndicatorField::Actual), figures[1].clone()),
            (Field::Unit(UnitField::StaffActual), figures[2].clone()),
            (Field::indicator(&i, IndicatorField::NotApplicable), flag.to_string()),
        ];
        for (field, value) in edits {
            r.apply(&Edit::Set { field, value }).unwrap();
        }
        prop_assert_eq!(from_json(&to_json(&r)).unwrap(), r);
    }
}

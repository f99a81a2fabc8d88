//! The draft file: how a report is written to storage and to a `.json` file, and read back.
//! docs/format.md describes it; docs/format.schema.json is its JSON Schema, generated from
//! these types (a test keeps the two in step).
//!
//! A draft file is `{"format": "selfeval-draft", "schema": 2, "app_version": …, "pack": {"id",
//! "version"}, "report": {…}}`. Reading never trusts the input: anything that is not a draft
//! this build understands is refused with a message in Chinese that names the field as a user
//! knows it; a draft from an older schema is brought forward by a chain of small steps
//! ([`migrate`]); a draft from a newer schema is still read as far as possible so it can be
//! shown read-only, but it is marked so that nobody writes it back.

use serde::Serialize;

use crate::base::json::members::deserialize_members;
use crate::base::text;
use crate::model::normalise_ids;
use crate::model::Report;

pub const DRAFT_FORMAT: &str = "selfeval-draft";
/// The draft schema this build writes and reads. Every schema ever released has a fixture in
/// `crates/core/tests/fixtures/` that must keep opening.
pub const DRAFT_SCHEMA: u32 = 2;
/// This build, written into every file.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The framework pack a draft was scored with.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PackRef {
    pub id: String,
    pub version: String,
}

deserialize_members!(PackRef {
    id: required,
    version: required
});

/// The file as written. Key order is fixed (struct order), so two exports of one draft diff
/// cleanly.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DraftFile {
    /// Always `selfeval-draft`.
    pub format: String,
    /// The schema version; see `DRAFT_SCHEMA`.
    pub schema: u32,
    /// The version of the app that wrote the file.
    pub app_version: String,
    pub pack: PackRef,
    pub report: Report,
}

deserialize_members!(DraftFile {
    format: required,
    schema: required,
    app_version: required,
    pack: required,
    report: required
});

/// Why a draft file could not be opened normally. `Display` is the message for the user.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftError {
    /// Not JSON at all, or cut short.
    NotJson(String),
    /// JSON, but not a selfeval draft.
    NotADraft,
    /// Written by a newer version; `report` is what could be read of it, for a read-only view.
    Newer {
        schema: u64,
        report: Option<Box<Report>>,
    },
    /// A draft, but a field has the wrong shape; the message names it.
    Invalid(String),
}

impl std::fmt::Display for DraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DraftError::NotJson(e) => write!(f, "文件已损坏或不完整，无法读取：{e}"),
            DraftError::NotADraft => f.write_str("这不是本工具的草稿文件"),
            DraftError::Newer { schema, .. } => write!(
                f,
                "此草稿由较新版本生成（格式版本 {schema}，当前版本 {DRAFT_SCHEMA}），只能只读查看，请更新本工具后再编辑"
            ),
            DraftError::Invalid(e) => write!(f, "草稿内容有误，无法读取：{e}"),
        }
    }
}

impl std::error::Error for DraftError {}

/// The draft file text of `report`: pretty JSON, the same bytes for the same draft.
pub fn to_json(report: &Report) -> String {
    let compact = serde_json::to_string(&envelope(report)).expect("a report always serialises");
    let mut text = crate::base::json::pretty(&compact);
    text.push('\n');
    text
}

/// The file `report` is written as.
pub fn envelope(report: &Report) -> DraftFile {
    DraftFile {
        format: DRAFT_FORMAT.into(),
        schema: DRAFT_SCHEMA,
        app_version: APP_VERSION.into(),
        pack: PackRef {
            id: report.pack_id.clone(),
            version: report.pack_version.clone(),
        },
        report: report.clone(),
    }
}

/// Bring a file's `report` from `schema` up to [`DRAFT_SCHEMA`], one small step per schema.
pub fn migrate(report: &mut serde_json::Value, schema: u64) {
    let steps: [fn(&mut serde_json::Map<String, serde_json::Value>); 1] = [
        // 1 → 2: drafts gain an origin (the id they started as) and the pack's version
        |r| {
            if let Some(id) = r.get("id").filter(|v| v.is_string()).cloned() {
                r.entry("origin").or_insert(id);
            }
        },
    ];
    let Some(r) = report.as_object_mut() else {
        return;
    };
    for step in steps.iter().skip(schema.saturating_sub(1) as usize) {
        step(r);
    }
}

/// Read a draft file.
///
/// Text is cleaned of control characters (pasted from PDF or Word, they make Word refuse a
/// .docx), and row ids are made unique and well-formed.
pub fn from_json(text: &str) -> Result<Report, DraftError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(DraftError::Invalid(format!(
            "文件过大（{}），草稿文件通常不到 1 MB",
            crate::base::number::fmt_mb(text.len())
        )));
    }
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        DraftError::NotJson(if e.to_string().contains("recursion limit") {
            "嵌套层级过深".into()
        } else {
            e.to_string()
        })
    })?;
    if value.get("format").and_then(|v| v.as_str()) != Some(DRAFT_FORMAT) {
        return Err(DraftError::NotADraft);
    }
    let schema = match value.get("schema") {
        Some(v) => v
            .as_u64()
            .filter(|s| *s >= 1)
            .ok_or_else(|| DraftError::Invalid(format!("格式版本“{v}”应为正整数")))?,
        None => return Err(DraftError::Invalid("缺少格式版本（schema）".into())),
    };
    if text::json_may_hold_forbidden(text) {
        text::clean_json(&mut value);
    }
    // taken, not copied: the file's value is not used again
    let mut report = value
        .get_mut("report")
        .map(serde_json::Value::take)
        .unwrap_or_default();
    if !report.is_object() {
        return Err(DraftError::Invalid("缺少草稿内容（report）".into()));
    }
    if schema > DRAFT_SCHEMA as u64 {
        let report = crate::base::json::from_value::<Report>(&report)
            .ok()
            .map(Box::new);
        return Err(DraftError::Newer { schema, report });
    }
    migrate(&mut report, schema);
    let mut report: Report = crate::base::json::from_value_at(&report)
        .map_err(|(path, e)| DraftError::Invalid(crate::file::errors::describe(&path, &e)))?;
    normalise_ids(&mut report);
    if let Some(base) = report.base.as_mut() {
        base.base = None;
        normalise_ids(base);
    }
    Ok(report)
}

/// Read a draft file, or an HTML report of this app (it embeds the draft file).
pub fn from_json_or_html(text: &str) -> Result<Report, DraftError> {
    if text.trim_start().starts_with('<') {
        draft_from_html(text)
    } else {
        from_json(text)
    }
}

/// A draft read from a file, made ready to store here: its own new local id (the file's may
/// clash, or hold characters a URL cannot carry), clean row ids, its origin kept (or, for a
/// file without one, the file's own id), and the file's version as the base of later merges.
pub fn as_imported(mut report: Report, new_id: &str) -> Report {
    if report.origin.is_empty() {
        report.origin = if report.id.is_empty() {
            new_id.to_string()
        } else {
            report.id.clone()
        };
    }
    report.id = new_id.to_string();
    normalise_ids(&mut report);
    report.base = Some(Box::new(received(&report)));
    report
}

/// `report` as received: the ancestor of the next merge with its sender (without its own base).
pub fn received(report: &Report) -> Report {
    let mut r = report.clone();
    r.base = None;
    r
}

/// The schema a draft file says it was written in, when it is a draft file's JSON.
pub fn schema_of(text: &str) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Head {
        schema: u64,
    }
    crate::base::json::from_text::<Head>(text)
        .ok()
        .map(|h| h.schema)
}

/// Files larger than this are refused before they are read (a draft is some 50 KB).
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// The id of the script element that carries the draft.
pub const DRAFT_SCRIPT_ID: &str = "selfeval-draft";

/// Read back the draft embedded in an exported HTML report.
pub fn draft_from_html(html: &str) -> Result<Report, DraftError> {
    let open = format!("<script type=\"application/json\" id=\"{DRAFT_SCRIPT_ID}\">");
    let start = html.find(&open).ok_or(DraftError::NotADraft)? + open.len();
    let len = html[start..]
        .find("</script>")
        .ok_or(DraftError::NotADraft)?;
    from_json(&html[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_draft() {
        assert!(matches!(from_json(""), Err(DraftError::NotJson(_))));
        assert!(matches!(
            from_json("{\"format\":\"selfeval-draft\",\"sch"),
            Err(DraftError::NotJson(_))
        ));
        assert_eq!(from_json("[1,2]"), Err(DraftError::NotADraft));
        assert_eq!(
            from_json(r#"{"type":"excalidraw"}"#),
            Err(DraftError::NotADraft)
        );
        let e = from_json(
            r#"{"format":"selfeval-draft","schema":1,"report":{"unit":{"year":"二〇二一"}}}"#,
        )
        .unwrap_err();
        assert!(matches!(e, DraftError::Invalid(_)));
        assert!(e.to_string().starts_with("草稿内容有误"));
    }

    #[test]
    fn a_newer_draft_is_read_for_viewing_only() {
        let text = r#"{"format":"selfeval-draft","schema":7,"report":{"unit":{"name":"某单位","year":2031},"future":true}}"#;
        match from_json(text) {
            Err(DraftError::Newer {
                schema: 7,
                report: Some(r),
            }) => {
                assert_eq!(r.unit.name, "某单位");
            }
            other => panic!("{other:?}"),
        }
        assert!(from_json(text)
            .unwrap_err()
            .to_string()
            .contains("较新版本"));
    }

    #[test]
    fn an_older_draft_without_optional_parts_opens() {
        let r = from_json(
            r#"{"format":"selfeval-draft","schema":1,"report":{"unit":{"name":"某单位"}}}"#,
        )
        .unwrap();
        assert_eq!(r.unit.name, "某单位");
        assert!(r.indicators.is_empty());
    }
}

//! One way in and one way out for JSON.
//!
//! Text is parsed by serde_json into a `Value` (the one instantiation of its parser), and
//! every type is read from a `Value` by this module's own deserializer (`de`), which knows
//! where it is: an error names its place. Every type is written by serde_json's compact
//! serializer; the pretty form is made from the compact text. serde's derives are generic
//! over the (de)serializer, so each other path (serde_json's text deserializer for a type,
//! its `Value` deserializer, its pretty printer, a path-tracking wrapper) would compile all
//! of the draft's derive code again.

mod de;
pub(crate) mod members;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

pub use de::Error;

/// `value` as a `T`.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, Error> {
    from_value_at(value).map_err(|(_, e)| e)
}

/// A `T` from JSON text: parsed, then read as [`from_value`] reads it.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let value: Value = serde_json::from_str(text).map_err(|e| Error(e.to_string()))?;
    from_value(&value)
}

/// `x` as a `Value`, through its text.
pub fn to_value<T: Serialize>(x: &T) -> Value {
    let text = serde_json::to_string(x).expect("the app's types always serialise");
    serde_json::from_str(&text).expect("serde_json reads what it wrote")
}

/// Compact JSON laid out as `serde_json::to_string_pretty` does: two spaces per level, one
/// member per line, `[]` and `{}` when empty.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 5 / 4);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(chars.next().unwrap_or(close));
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

/// serde's "integer `10`" as "数字 10".
fn got(what: &str) -> String {
    let inner = |s: &str| s.trim_matches(['`', '"']).to_string();
    if let Some(v) = what
        .strip_prefix("integer ")
        .or(what.strip_prefix("floating point "))
    {
        format!("数字 {}", inner(v))
    } else if let Some(v) = what.strip_prefix("string ") {
        format!("文字“{}”", inner(v))
    } else if let Some(v) = what.strip_prefix("boolean ") {
        inner(v)
    } else {
        match what {
            "null" | "unit value" => "空值".into(),
            "map" => "一组字段".into(),
            "sequence" => "列表".into(),
            "other" => "其他类型的值".into(),
            w => w.to_string(),
        }
    }
}

fn expected(what: &str) -> &'static str {
    match what {
        "a string" => "文字（写在引号中）",
        "u8" | "u16" | "u32" | "u64" | "usize" => "整数",
        "a boolean" => "true 或 false",
        "a sequence" => "列表",
        w if w.starts_with("struct") || w == "a map" => "一组字段",
        w if w.contains("Decimal") || w.contains("decimal") => "数字（写在引号中，如 \"12.5\"）",
        _ => "其他类型",
    }
}

/// What is wrong with a value, in a user's words, to follow the place it is at: serde's
/// "invalid type: integer `10`, expected a string" as "应为文字（写在引号中），而不是数字 10",
/// "missing field `grades`" as "缺少“grades”". (`file::errors` names a draft's places; a pack's
/// are its members' own names.)
pub fn worded(e: &Error) -> String {
    let inner = e.to_string();
    let msg = inner.split(" at line ").next().unwrap_or(&inner);
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (g, x) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!("应为{}，而不是{}", expected(x), got(g));
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (g, x) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if x.contains("ecimal") {
            return format!("应为数字，而不是{}", got(g));
        }
        return format!("的值{}超出范围", got(g));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (v, options) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let options = options
            .trim_start_matches("one of ")
            .replace('`', "")
            .replace(", ", "、");
        return format!("的取值“{}”无效（可选：{options}）", v.trim_matches('`'));
    }
    if let Some(field) = msg.strip_prefix("missing field ") {
        return format!("缺少“{}”", field.trim_matches('`'));
    }
    if msg.contains("decimal") || msg.contains("Decimal") {
        return "应为数字".into();
    }
    format!("格式不对（{msg}）")
}

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A path as a programmer reads it: `indicators[3].weight` (for messages about files that are
/// not drafts, whose fields have no Chinese names).
pub fn path_text(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Read a `T` from `value`; on failure, the path of what it could not read and the error.
pub fn from_value_at<T: DeserializeOwned>(value: &Value) -> Result<T, (Vec<Step>, Error)> {
    let mut path = Vec::new();
    T::deserialize(de::De {
        value,
        path: &mut path,
    })
    .map_err(|e| (path.into_iter().map(de::Pos::step).collect(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_is_serde_jsons_pretty() {
        let v = serde_json::json!({
            "a": [1, {"b": "x,y:{z}", "c": []}, "q\"uote\\"],
            "d": {},
            "e": {"f": [[], [2]]},
            "g": "中文"
        });
        let compact = serde_json::to_string(&v).unwrap();
        assert_eq!(pretty(&compact), serde_json::to_string_pretty(&v).unwrap());
        // the draft file is byte for byte what the pretty serializer wrote before
        let file = crate::file::draft::envelope(&crate::sample());
        let compact = serde_json::to_string(&file).unwrap();
        assert!(pretty(&compact) == serde_json::to_string_pretty(&file).unwrap());
    }

    #[test]
    fn a_failure_names_the_path_to_its_value() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Row {
            c: String,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Doc {
            a: Vec<Row>,
            d: bool,
        }
        let at = |v: Value| from_value_at::<Doc>(&v).unwrap_err();
        use Step::*;
        let (path, e) = at(serde_json::json!({"a": [{"c": "x"}, {"c": 1}], "d": true}));
        assert_eq!(path, [Key("a".into()), Index(1), Key("c".into())]);
        assert_eq!(e.0, "invalid type: integer `1`, expected a string");
        let (path, e) = at(serde_json::json!({"a": [], "d": "yes"}));
        assert_eq!(path, [Key("d".into())]);
        assert!(e.0.starts_with("invalid type: string \"yes\""), "{e}");
        let (path, e) = at(serde_json::json!({"a": [{}], "d": true}));
        assert_eq!(path, [Key("a".into()), Index(0)]);
        assert_eq!(e.0, "missing field `c`");
        // unknown members are passed over; a good read leaves nothing behind
        let ok: Doc = from_text(r#"{"a":[{"c":"x","z":[1,{"q":2}]}],"d":false,"e":null}"#).unwrap();
        assert_eq!(ok.a[0].c, "x");
    }
}

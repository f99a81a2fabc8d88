//! One way in and one way out for JSON.
//!
//! Every type is read by serde_json's text deserializer and written by its compact serializer.
//! serde's derives are generic over the (de)serializer, so reading a type from a `Value` too,
//! writing it to a `Value` or through the pretty printer, or tracking paths with
//! `serde_path_to_error`, would each compile all of the draft's derive code again: about a
//! fifth of the app's wasm was such copies. Instead, a `Value` goes through its text, the
//! pretty form is made from the compact text, and an error's place is found from its
//! position in the text.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// `value` as a `T`, through its text.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, serde_json::Error> {
    serde_json::from_str(&value.to_string())
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

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Where in `compact` (one line of JSON) byte `offset` is: the keys and indexes of the
/// containers open there, ending with the member whose value was being read. serde_json
/// reports an error just after the value it could not take, so this is that value's path.
pub fn path_at(compact: &str, offset: usize) -> Vec<Step> {
    enum Frame {
        Object(Option<String>),
        Array(usize, bool),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let bytes = compact.as_bytes();
    let end = offset.min(bytes.len());
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'"' => {
                // a string: a key when an object waits for one, else a value
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let key_wanted = matches!(stack.last(), Some(Frame::Object(None)));
                if key_wanted {
                    let raw = compact.get(start..j.min(bytes.len())).unwrap_or_default();
                    let key = serde_json::from_str::<String>(&format!("\"{raw}\""))
                        .unwrap_or_else(|_| raw.to_string());
                    if let Some(Frame::Object(k)) = stack.last_mut() {
                        *k = Some(key);
                    }
                } else if let Some(Frame::Array(_, seen)) = stack.last_mut() {
                    *seen = true;
                }
                i = j + 1;
                continue;
            }
            b'{' | b'[' => {
                if let Some(Frame::Array(_, seen)) = stack.last_mut() {
                    *seen = true;
                }
                stack.push(if bytes[i] == b'{' {
                    Frame::Object(None)
                } else {
                    Frame::Array(0, false)
                });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object(k)) => *k = None,
                Some(Frame::Array(n, seen)) => {
                    *n += 1;
                    *seen = false;
                }
                None => {}
            },
            b' ' | b'\n' | b'\r' | b'\t' | b':' => {}
            _ => {
                if let Some(Frame::Array(_, seen)) = stack.last_mut() {
                    *seen = true;
                }
            }
        }
        i += 1;
    }
    stack
        .into_iter()
        .filter_map(|f| match f {
            Frame::Object(Some(k)) => Some(Step::Key(k)),
            Frame::Array(n, true) => Some(Step::Index(n)),
            _ => None,
        })
        .collect()
}

/// Read a `T` from `value`; on failure, the path of what it could not read and the error.
pub fn from_value_at<T: DeserializeOwned>(
    value: &Value,
) -> Result<T, (Vec<Step>, serde_json::Error)> {
    let text = value.to_string();
    serde_json::from_str(&text).map_err(|e| {
        // one line: the column is the byte just past the value that failed
        let at = if e.line() == 1 {
            e.column()
        } else {
            text.len()
        };
        (path_at(&text, at), e)
    })
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
    fn the_path_of_a_position() {
        let text = r#"{"a":{"b":[1,{"c":"x"}],"d":true},"e":[]}"#;
        let at = |s: &str| path_at(text, text.find(s).unwrap() + s.len());
        use Step::*;
        assert_eq!(
            at(r#""c":"x""#),
            [Key("a".into()), Key("b".into()), Index(1), Key("c".into())]
        );
        assert_eq!(at(r#""d":true"#), [Key("a".into()), Key("d".into())]);
        assert_eq!(at("[1"), [Key("a".into()), Key("b".into()), Index(0)]);
        assert_eq!(
            at(r#""b":[1,{"c":"x"}]"#),
            [Key("a".into()), Key("b".into())]
        );
    }
}

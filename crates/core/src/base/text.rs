//! Text as it may arrive (pasted from PDF or Word, imported from a file) made safe for every
//! output: control characters other than tab and newline, and the non-characters U+FFFE and
//! U+FFFF, are not allowed in XML 1.0, so Word and LibreOffice refuse a .docx holding them.

use std::borrow::Cow;

/// Whether `c` may not appear in a document.
pub fn forbidden(c: char) -> bool {
    (c < ' ' && c != '\t' && c != '\n') || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Whether `s` holds a [`forbidden`] character, by its bytes (every draft string is checked on
/// the way in: decoding each character was a tenth of reading a file). In UTF-8 a byte below
/// 0x20 is always that character, and U+FFFE/U+FFFF are EF BF BE/BF.
fn has_forbidden(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &x)| {
        (x < 0x20 && x != b'\t' && x != b'\n')
            || (x == 0xEF
                && b.get(i + 1) == Some(&0xBF)
                && matches!(b.get(i + 2), Some(0xBE | 0xBF)))
    })
}

/// `s` without forbidden characters: "\r\n" and a lone "\r" become "\n", a form feed or
/// vertical tab a newline too (they mark line and page breaks in PDF text), the rest go.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !has_forbidden(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{0B}' | '\u{0C}' => out.push('\n'),
            c if forbidden(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Clean every string in a JSON value, keys included.
pub fn clean_json(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::String(s) => {
            if let Cow::Owned(c) = clean(s) {
                *s = c;
            }
        }
        Value::Array(a) => a.iter_mut().for_each(clean_json),
        Value::Object(o) => {
            if o.keys().any(|k| has_forbidden(k)) {
                let old = std::mem::take(o);
                for (k, v) in old {
                    o.insert(clean(&k).into_owned(), v);
                }
            }
            o.values_mut().for_each(clean_json);
        }
        _ => {}
    }
}

/// Whether JSON `text` may decode to a string holding a [`forbidden`] character (so
/// [`clean_json`] has something to do): only through an escape (`\b`, `\f`, `\r`, `\u…`; the
/// parser refuses a raw control character in a string) or as U+FFFE/U+FFFF written out. A
/// file this app wrote has none, and the scan is a small part of walking every string.
pub fn json_may_hold_forbidden(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &x)| match x {
        b'\\' => matches!(b.get(i + 1), Some(b'b' | b'f' | b'r' | b'u')),
        0xEF => b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)),
        _ => false,
    })
}

/// A file's bytes as text, as a browser's `Blob.text()` reads them (the WHATWG "UTF-8 decode"):
/// a byte order mark dropped, each invalid sequence one U+FFFD. Reading the bytes and decoding
/// them here skips the browser's UTF-16 copy and its encoding back into the program's memory.
pub fn from_utf8(mut bytes: Vec<u8>) -> String {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// Text for HTML and XML: every markup character becomes an entity.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // not allowed in a document (pasted from PDF or Word)
            c if c != '\r' && forbidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_bytes_read_as_a_browser_reads_them() {
        assert_eq!(
            from_utf8("执行率 98.49%".as_bytes().to_vec()),
            "执行率 98.49%"
        );
        // a byte order mark (Notepad writes one) is not part of the text; only the first goes
        assert_eq!(from_utf8(b"\xEF\xBB\xBF{\"a\":1}".to_vec()), "{\"a\":1}");
        assert_eq!(
            from_utf8(b"\xEF\xBB\xBF\xEF\xBB\xBFx".to_vec()),
            "\u{FEFF}x"
        );
        // invalid sequences (a GBK file) each become one U+FFFD, the rest is kept
        assert_eq!(
            from_utf8(b"a\xD6\xD0b\xE6\x89".to_vec()),
            "a\u{FFFD}\u{FFFD}b\u{FFFD}"
        );
        assert_eq!(from_utf8(Vec::new()), "");
    }

    #[test]
    fn control_characters_from_pdf_and_word_are_removed() {
        assert_eq!(clean("预算\u{0}执行\u{7}率"), "预算执行率");
        assert_eq!(clean("第一行\r\n第二行\r第三行"), "第一行\n第二行\n第三行");
        assert_eq!(clean("页\u{0C}下一页"), "页\n下一页");
        assert_eq!(clean("a\u{FFFE}b\u{FFFF}c\u{1F}"), "abc");
        assert!(matches!(clean("正常\t文本\n"), Cow::Borrowed(_)));
        // the bytes of U+FFFE/U+FFFF begin many CJK punctuation marks: those stay
        assert!(matches!(
            clean("全角，（）～\u{FFFD}\u{FFEE}"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn the_byte_check_agrees_with_the_characters() {
        let mut samples: Vec<String> = (0u32..0x30)
            .chain(0xFF00..0x10000)
            .chain([0x7F, 0x80, 0x2028, 0xFEFF, 0x1F600])
            .filter_map(char::from_u32)
            .map(|c| format!("甲{c}乙"))
            .collect();
        samples.push(String::new());
        for s in &samples {
            assert_eq!(has_forbidden(s), s.chars().any(forbidden), "{s:?}");
        }
    }

    #[test]
    fn json_without_escapes_or_non_characters_needs_no_cleaning() {
        let chars = (0u32..0x30)
            .chain([0x5C, 0x7F, 0x2028, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x1F600])
            .filter_map(char::from_u32);
        for c in chars {
            for v in [
                serde_json::json!({ format!("键{c}"): 1 }),
                serde_json::json!({ "a": [format!("甲{c}乙")] }),
            ] {
                let text = serde_json::to_string(&v).unwrap();
                let mut cleaned = v.clone();
                clean_json(&mut cleaned);
                if cleaned != v {
                    assert!(json_may_hold_forbidden(&text), "{text}");
                }
            }
        }
        // a file as this app writes it: narrative lines, tabs, quotes and backslashes typed
        let typed = serde_json::json!({"t": "第一行\n第二行\t“引号” \\ 路径 \"x\""});
        assert!(!json_may_hold_forbidden(
            &serde_json::to_string(&typed).unwrap()
        ));
    }

    #[test]
    fn every_string_of_a_json_value() {
        let mut v = serde_json::json!({"a\u{1}": ["x\u{2}", {"b": "y\u{FFFF}"}], "n": 1});
        clean_json(&mut v);
        assert_eq!(v, serde_json::json!({"a": ["x", {"b": "y"}], "n": 1}));
    }
}

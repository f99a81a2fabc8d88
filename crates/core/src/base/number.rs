//! Numbers as users type them, and how they are rounded for display.
//!
//! Every figure a user enters is kept as the text they typed ([`Figure`]) and parsed with one
//! parser, [`parse_number`], wherever a value is needed. A text that is not a number is an error
//! that names the field and the text: it is never read as zero, and it is never thrown away.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// A figure as the user typed it (an amount in 万元, a rate, a count, a weight).
///
/// Serialised as a plain JSON string, so a draft keeps exactly what was typed, including a
/// value that does not parse yet: the editor can show it again with its error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Figure(pub String);

/// A figure in a file may also be written as a JSON number (by hand, or by another tool): it
/// is kept as the text of that number, exactly as written.
impl<'de> Deserialize<'de> for Figure {
    /// Text as typed, or a number written as one (as other tools write figures): read with a
    /// visitor, not by buffering the value, so a value of another kind fails where it starts
    /// and the file's message can name the field.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Typed;
        impl serde::de::Visitor<'_> for Typed {
            type Value = Figure;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Figure, E> {
                Ok(Figure(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Figure, E> {
                Ok(Figure(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Figure, E> {
                Ok(Figure(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Figure, E> {
                Ok(Figure(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Figure, E> {
                // as serde_json writes the number back: the shortest text that reads as it
                serde_json::Number::from_f64(v)
                    .map(|n| Figure(n.to_string()))
                    .ok_or_else(|| E::custom("invalid type: other, expected a string"))
            }
        }
        d.deserialize_any(Typed)
    }
}

impl Figure {
    pub fn new(text: impl Into<String>) -> Self {
        Figure(text.into())
    }

    pub fn text(&self) -> &str {
        &self.0
    }

    pub fn is_blank(&self) -> bool {
        is_blank(&self.0)
    }

    /// The value, `None` for a blank field, or an error naming `field`.
    pub fn value(&self, field: &str) -> Result<Option<Decimal>, ParseError> {
        parse_number(field, &self.0)
    }

    /// The value of a figure typed into a field that shows `unit` beside it (see [`parse_in`]).
    pub fn value_in(&self, unit: &str, field: &str) -> Result<Option<Decimal>, ParseError> {
        parse_in(unit, field, &self.0)
    }
}

impl From<&str> for Figure {
    fn from(s: &str) -> Self {
        Figure(s.to_string())
    }
}

/// Why a typed figure could not be read. Its `Display` is the message shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The field's name as the user sees it, e.g. "财政拨款 · 执行数".
    pub field: String,
    /// The text as typed.
    pub text: String,
    /// What is wrong with it, in Chinese.
    pub reason: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "“{}”填写的“{}”不是有效数字：{}",
            self.field, self.text, self.reason
        )
    }
}

impl std::error::Error for ParseError {}

fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Full-width digits and signs (as typed with a Chinese IME in full-width mode) to ASCII.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' | '。' => '.',
        '，' => ',',
        '％' => '%',
        '－' | '−' => '-',
        '＋' => '+',
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The common case, read without the general parser's copies: digits with at most one point
/// inside them ("4051.83", "15"), within the parser's limits. Anything else (blank, signs,
/// units, separators, full-width, too many decimals or digits) is `None` and goes the long way,
/// which reads these texts to the same value.
fn plain_ascii(text: &str) -> Option<Decimal> {
    let b = text.as_bytes();
    let point = b.iter().position(|&c| c == b'.');
    let (int, frac) = match point {
        Some(i) => (&b[..i], &b[i + 1..]),
        None => (b, &b[..0]),
    };
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let int_len = int.iter().skip_while(|&&c| c == b'0').count();
    if int.is_empty()
        || point.is_some() && frac.is_empty()
        || !digits(int)
        || !digits(frac)
        || frac.len() > MAX_DECIMALS as usize
        || int_len > 13
    {
        return None;
    }
    text.parse::<Decimal>().ok().filter(|v| *v <= max_abs())
}

/// A number typed into a field that shows `unit` beside it ("万元", "人"): the unit may be typed
/// after the number too, and for 万元 its short form 万 ("4051.83万"). Elsewhere such a suffix
/// stays an error: "26人" is no amount.
pub fn parse_in(unit: &str, field: &str, text: &str) -> Result<Option<Decimal>, ParseError> {
    if let Some(value) = plain_ascii(text) {
        return Ok(Some(value));
    }
    let normal: String = text.chars().map(half_width).collect();
    let t = normal.trim_end();
    let stripped = match unit {
        "" => None,
        "万元" => t.strip_suffix('万'),
        u => t.strip_suffix(u),
    };
    parse_number(field, stripped.unwrap_or(text)).map_err(|e| ParseError {
        text: text.to_string(),
        ..e
    })
}

/// Parse a number as users write it: `4051.83`, `4,051.83`, `４０５１．８３`, `4051.83万元`,
/// `98.49%`, with spaces around. Blank text is `Ok(None)`.
///
/// The unit suffix is dropped (`98.49%` is 98.49; the field's unit says it is a percentage).
/// Thousands separators must sit every three digits. A figure in 元 is refused rather than
/// silently read as 万元.
pub fn parse_number(field: &str, text: &str) -> Result<Option<Decimal>, ParseError> {
    match plain_ascii(text) {
        Some(value) => Ok(Some(value)),
        None => parse_general(field, text),
    }
}

/// [`parse_number`] for every form, the common one included.
fn parse_general(field: &str, text: &str) -> Result<Option<Decimal>, ParseError> {
    let err = |reason: &str| ParseError {
        field: field.to_string(),
        text: text.to_string(),
        reason: reason.to_string(),
    };
    let normal: String = text.chars().map(half_width).collect();
    let mut s = normal.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if let Some(rest) = s.strip_suffix("万元") {
        s = rest.trim_end();
    } else if let Some(rest) = s.strip_suffix('%') {
        s = rest.trim_end();
    } else if s.ends_with('元') {
        return Err(err("金额请以“万元”为单位填写"));
    }
    let (negative, digits) = match s.chars().next() {
        Some('-') => (true, s[1..].trim_start()),
        Some('+') => (false, s[1..].trim_start()),
        _ => (false, s),
    };
    if digits.is_empty() {
        return Err(err("缺少数字"));
    }
    if let Some(bad) = digits
        .chars()
        .find(|c| !(c.is_ascii_digit() || *c == '.' || *c == ','))
    {
        return Err(err(&format!("含有无法识别的字符“{bad}”")));
    }
    let mut parts = digits.split('.');
    let int_part = parts.next().unwrap_or_default();
    let frac_part = parts.next();
    if parts.next().is_some() {
        return Err(err("小数点多于一个"));
    }
    if frac_part.is_some_and(|f| f.contains(',')) {
        return Err(err("小数部分不能有千位分隔符"));
    }
    if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(err("千位分隔符位置不对"));
        }
    }
    let int_digits: String = int_part.chars().filter(|c| *c != ',').collect();
    if int_digits.is_empty() && frac_part.is_none_or(str::is_empty) {
        return Err(err("缺少数字"));
    }
    if frac_part.is_some_and(|f| f.len() > MAX_DECIMALS as usize) {
        return Err(err(&format!("小数位数过多（最多 {MAX_DECIMALS} 位）")));
    }
    let too_large = || err("数值过大（绝对值不能超过 1 万亿）");
    if int_digits.trim_start_matches('0').len() > 13 {
        return Err(too_large());
    }
    let plain = match frac_part {
        Some(f) if !f.is_empty() => format!(
            "{}.{f}",
            if int_digits.is_empty() {
                "0"
            } else {
                &int_digits
            }
        ),
        _ => int_digits,
    };
    let value: Decimal = plain.parse().map_err(|_| too_large())?;
    if value.abs() > max_abs() {
        return Err(too_large());
    }
    Ok(Some(if negative { -value } else { value }))
}

/// The explanation of a figure that cannot be computed because its inputs are too large.
pub const TOO_LARGE: &str = "数值过大，无法计算";

/// The largest figure the parser takes (一万亿). Bounded inputs keep every computation well
/// inside `Decimal`'s range, whose operators panic on overflow.
pub const MAX_ABS: i64 = 1_000_000_000_000;
/// The most decimals the parser takes.
pub const MAX_DECIMALS: u32 = 10;

pub fn max_abs() -> Decimal {
    Decimal::from(MAX_ABS)
}

/// Whether a figure that did not come through the parser (a rule parameter in a file, a
/// computed score) is within the range the parser allows.
pub fn in_range(value: Decimal) -> bool {
    value.abs() <= max_abs()
}

/// Unit words real 自评表 write after a target or completion value ("26次", "2200篇").
pub const MEASURE_UNITS: [&str; 14] = [
    "万元", "元", "%", "次", "篇", "件", "项", "个", "人", "家", "天", "月", "户", "分",
];

/// An indicator's target or completion value as tables write it: `26次`, `2200篇`, `≥95%`,
/// `≤5%`, `100%`, `＞90` — a leading ≥ ≤ > < = and a unit word after the number are read past
/// (the row's 性质 and 单位 say what they mean; the text stays as typed). Blank is `Ok(None)`;
/// a text that is no number (e.g. "好") is an error, which qualitative rows never reach.
pub fn parse_measure(field: &str, text: &str) -> Result<Option<Decimal>, ParseError> {
    // "15", and "95%" (the number parser drops a percent sign after digits)
    let quick = text.strip_suffix('%').unwrap_or(text);
    if let Some(value) = plain_ascii(quick) {
        return Ok(Some(value));
    }
    let normal: String = text.chars().map(half_width).collect();
    let mut s = normal.trim();
    for op in [">=", "<=", "≥", "≤", "＞", "＜", "＝", ">", "<", "="] {
        if let Some(rest) = s.strip_prefix(op) {
            s = rest.trim_start();
            break;
        }
    }
    for unit in MEASURE_UNITS {
        if let Some(rest) = s.strip_suffix(unit) {
            // "%" and "万元" the number parser reads itself; the others are words
            if unit != "%" && unit != "万元" {
                s = rest.trim_end();
            }
            break;
        }
    }
    parse_number(field, s).map_err(|e| ParseError {
        text: text.to_string(),
        ..e
    })
}

/// Round half away from zero ("四舍五入") to `dp` decimals and keep exactly `dp` decimals.
pub fn round_dp(value: Decimal, dp: u32) -> Decimal {
    let mut r = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r
}

/// The display form used everywhere: two decimals, half-up. `3990.84 / 4051.83 × 100` → "98.49".
pub fn fmt2(value: Decimal) -> String {
    round_dp(value, 2).to_string()
}

/// A rate with its sign: 98.4948 → "98.49%".
pub fn fmt_percent(value: Decimal) -> String {
    format!("{}%", fmt2(value))
}

/// A size as people read it, in whole kilobytes: 2,600 bytes → "3 KB". (Integers only: sizes
/// need no floating point, whose formatting code and tables the app does not carry.)
pub fn fmt_kb(bytes: usize) -> String {
    format!("{} KB", bytes.saturating_add(512) / 1024)
}

/// The size of text kept in local storage, which counts UTF-16 code units (two bytes each).
pub fn fmt_stored(units: usize) -> String {
    fmt_kb(units.saturating_mul(2))
}

/// A size in megabytes to a tenth: 9,437,184 bytes → "9.0 MB".
pub fn fmt_mb(bytes: usize) -> String {
    let tenths = bytes.saturating_mul(10).saturating_add(524_288) / 1_048_576;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// A weight or a count without trailing zeros: 10 → "10", 2.50 → "2.5".
pub fn fmt_plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// The change from `before` to `now` (%), exact; `None` when `before` is zero.
pub fn change(now: Decimal, before: Decimal) -> Option<Decimal> {
    percent(now.checked_sub(before)?, before)
}

/// `part / whole × 100`, exact (not rounded); `None` when `whole` is zero.
pub fn percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    part.checked_div(whole)
        .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unit_a_field_shows_may_be_typed_after_its_figure() {
        let d = |s: &str| Some(s.parse::<Decimal>().unwrap());
        assert_eq!(
            parse_in("万元", "执行数", "4051.83万").unwrap(),
            d("4051.83")
        );
        assert_eq!(
            parse_in("万元", "执行数", "4051.83 万元").unwrap(),
            d("4051.83")
        );
        assert_eq!(parse_in("人", "编制数", "26人").unwrap(), d("26"));
        assert_eq!(parse_in("人", "编制数", "２６人").unwrap(), d("26"));
        // not where the field shows another unit, and the message keeps what was typed
        let e = parse_in("万元", "执行数", "26人").unwrap_err();
        assert_eq!(e.text, "26人");
        assert!(parse_number("执行数", "4051.83万").is_err());
    }

    fn ok(text: &str) -> String {
        parse_number("年初预算", text).unwrap().unwrap().to_string()
    }

    fn bad(text: &str) -> ParseError {
        parse_number("年初预算", text).unwrap_err()
    }

    #[test]
    fn every_accepted_form_reads_the_same_amount() {
        for t in [
            "4051.83",
            "4,051.83",
            "４０５１．８３",
            "４，０５１．８３",
            "4051.83万元",
            "4051.83 万元",
            "  4051.83  ",
            "\u{3000}4051.83\u{3000}",
            "+4051.83",
        ] {
            assert_eq!(ok(t), "4051.83", "{t:?}");
        }
        assert_eq!(ok("98.49%"), "98.49");
        assert_eq!(ok("98.49 ％"), "98.49");
        assert_eq!(ok("1,234,567"), "1234567");
        assert_eq!(ok("-5%"), "-5");
        assert_eq!(ok("−0.5"), "-0.5");
        assert_eq!(ok(".5"), "0.5");
        assert_eq!(ok("7."), "7");
        assert_eq!(ok("0"), "0");
    }

    #[test]
    fn the_quick_path_reads_what_the_general_parser_reads() {
        let texts = [
            "0",
            "15",
            "4051.83",
            "0012.50",
            "3990.840",
            "0.5",
            "100",
            "9999999999999",
            "1000000000000",
            "1000000000000.1",
            "10000000000000",
            "00000000000000001",
            "1.0123456789",
            "1.01234567891",
            "5.",
            ".5",
            "1.2.3",
            "",
            " 5",
            "5 ",
            "1,234",
            "-3",
            "+3",
            "5%",
            "５",
            "1e3",
            "٣",
        ];
        for t in texts {
            let general = parse_general("f", t);
            match plain_ascii(t) {
                Some(v) => {
                    let g = general.unwrap().unwrap();
                    assert_eq!((v, v.to_string()), (g, g.to_string()), "{t}");
                }
                // the quick path leaves it to the general parser
                None => assert_eq!(parse_number("f", t), general, "{t}"),
            }
        }
        assert!(plain_ascii("4051.83").is_some());
        assert!(plain_ascii("1000000000000.1").is_none());
    }

    #[test]
    fn blank_is_none_not_zero() {
        assert_eq!(parse_number("执行数", "").unwrap(), None);
        assert_eq!(parse_number("执行数", "   ").unwrap(), None);
        assert!(Figure::new(" ").is_blank());
    }

    #[test]
    fn errors_name_the_field_and_the_text() {
        let e = bad("4O51.83");
        assert_eq!(e.field, "年初预算");
        assert_eq!(e.text, "4O51.83");
        assert_eq!(
            e.to_string(),
            "“年初预算”填写的“4O51.83”不是有效数字：含有无法识别的字符“O”"
        );
        assert!(bad("4051.83元").reason.contains("万元"));
        assert!(bad("1.2.3").reason.contains("小数点"));
        assert!(bad("40,51.83").reason.contains("千位"));
        assert!(bad("4051,83").reason.contains("千位"));
        assert!(bad("1.234,5").reason.contains("小数部分"));
        assert!(bad("万元").reason.contains("缺少数字"));
        assert!(bad("%").reason.contains("缺少数字"));
        assert!(bad("-").reason.contains("缺少数字"));
        assert!(bad(".").reason.contains("缺少数字"));
        assert!(bad("abc").reason.contains("“a”"));
        assert!(bad("1e5").reason.contains("“e”"));
        assert!(bad("99999999999999999999999999999999")
            .reason
            .contains("数值过大"));
        assert!(bad("1000000000000.01").reason.contains("数值过大"));
        assert!(bad("0.12345678901").reason.contains("小数位数过多"));
        assert_eq!(ok("-1,000,000,000,000"), "-1000000000000");
    }

    #[test]
    fn rounding_is_half_up_to_two_places() {
        let rate = percent("3990.84".parse().unwrap(), "4051.83".parse().unwrap()).unwrap();
        assert_eq!(fmt2(rate), "98.49");
        assert_eq!(fmt2("2.345".parse().unwrap()), "2.35");
        assert_eq!(fmt2("2.344999".parse().unwrap()), "2.34");
        assert_eq!(fmt2("-2.345".parse().unwrap()), "-2.35");
        assert_eq!(fmt2("7.6".parse().unwrap()), "7.60");
        assert_eq!(fmt_plain("10.00".parse().unwrap()), "10");
        assert_eq!(fmt_plain("2.50".parse().unwrap()), "2.5");
        assert_eq!(percent(Decimal::ONE, Decimal::ZERO), None);
    }
}

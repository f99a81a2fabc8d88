//! Figures quoted in the narrative ("全年预算数 4051.83 万元", "完成预算的 98.49%").
//!
//! The check compares each quoted figure with the computed one, so a narrative that was typed
//! last year, or before a figure changed, cannot silently disagree with the table.

use rust_decimal::Decimal;

/// What a quoted figure claims to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// 全年(调整)预算数, 万元.
    Budget,
    /// 年初预算数, 万元.
    Initial,
    /// 执行数, 万元.
    Executed,
    /// 执行率 / 完成预算的, %.
    Rate,
    /// 自评得分, 分.
    Score,
}

impl Quantity {
    pub fn label(self) -> &'static str {
        match self {
            Quantity::Budget => "全年预算数",
            Quantity::Initial => "年初预算数",
            Quantity::Executed => "执行数",
            Quantity::Rate => "预算执行率",
            Quantity::Score => "自评得分",
        }
    }
}

/// Whose figure a sentence states: the whole unit's, one part of the budget by use, or
/// something else (a named fund, 三公经费, 政府采购, 专项…) that the totals must not be held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Whole,
    /// 人员经费, 公用经费, 项目支出 (a row of the budget by use), or 基本支出 (the first two).
    Use(crate::model::BudgetKind),
    Basic,
    /// “三公”经费: checked against its own amounts when the draft holds them.
    ThreePublic,
    /// 政府采购: likewise.
    Procurement,
    Other,
}

impl Scope {
    /// Whose figure, as a message names it ("" for the whole unit's).
    fn label(self) -> &'static str {
        match self {
            Scope::Whole | Scope::Other => "",
            Scope::Use(kind) => kind.label(),
            Scope::Basic => "基本支出",
            Scope::ThreePublic => "“三公”经费",
            Scope::Procurement => "政府采购",
        }
    }

    /// The figure `q` of this scope as a message names it: 预算执行率 for the whole unit, a
    /// part's 执行率 ("人员经费执行率"; 三公经费: 控制率), other quantities by their label.
    pub fn name_of(self, q: Quantity) -> String {
        let what = match (self, q) {
            (Scope::ThreePublic, Quantity::Rate) => "控制率",
            (Scope::Whole, q) => q.label(),
            (_, Quantity::Rate) => "执行率",
            (_, q) => q.label(),
        };
        format!("{}{what}", self.label())
    }
}

/// Words before a figure, within its clause, that make it a part's figure, not the whole's.
const QUALIFIERS: [(&str, Scope); 16] = [
    ("人员经费", Scope::Use(crate::model::BudgetKind::Personnel)),
    ("公用经费", Scope::Use(crate::model::BudgetKind::Public)),
    ("项目支出", Scope::Use(crate::model::BudgetKind::Project)),
    ("基本支出", Scope::Basic),
    ("三公经费", Scope::ThreePublic),
    ("“三公”经费", Scope::ThreePublic),
    ("政府采购", Scope::Procurement),
    ("专项", Scope::Other),
    ("资金", Scope::Other),
    ("项目", Scope::Other),
    ("结转", Scope::Other),
    ("结余", Scope::Other),
    ("上年", Scope::Other),
    ("去年", Scope::Other),
    ("目标", Scope::Other),
    ("满分", Scope::Other),
];

/// The scope of a figure whose keyword starts at `at` in `text`, from the qualifiers before it:
/// a use carries over commas ("项目支出全年预算数 …，执行率 …"), other words only within their
/// clause ("完成年度目标，全年预算数 …" is the whole unit's).
fn scope_at(text: &str, at: usize) -> Scope {
    let before = &text[..at];
    let start_after = |stops: &[char]| {
        before
            .char_indices()
            .rev()
            .find(|(_, c)| stops.contains(c))
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    // a use (项目支出…) is the subject of its whole sentence; anything else only of its clause
    let sentence = &before[start_after(&['。', '；', '\n', ';'])..];
    let clause = &before[start_after(&['。', '；', '\n', ';', '，', ',', '：'])..];
    QUALIFIERS
        .iter()
        .filter_map(|(q, scope)| {
            let within = if matches!(scope, Scope::Use(_) | Scope::Basic) {
                sentence
            } else {
                clause
            };
            let end = within.rfind(q)? + q.len() + (before.len() - within.len());
            Some((end, q.len(), *scope))
        })
        // the nearest qualifier to the figure decides, the longer one where they end together
        .max_by_key(|(end, len, _)| (*end, *len))
        .map_or(Scope::Whole, |(_, _, s)| s)
}

/// A figure found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRef {
    pub quantity: Quantity,
    pub scope: Scope,
    /// The value as written, in the quantity's own unit (万元, %, 分).
    pub value: Decimal,
    /// Decimals written: the precision to compare at.
    pub decimals: u32,
    /// The phrase as it stands in the text, e.g. "完成预算的 98.49%".
    pub phrase: String,
}

/// Phrases that introduce a figure, longest first where one contains another.
const KEYWORDS: [(&str, Quantity); 19] = [
    ("完成预算的", Quantity::Rate),
    ("预算执行率", Quantity::Rate),
    ("预算完成率", Quantity::Rate),
    ("执行率", Quantity::Rate),
    ("调整后预算数", Quantity::Budget),
    ("调整预算数", Quantity::Budget),
    ("全年预算数", Quantity::Budget),
    ("全年预算", Quantity::Budget),
    ("年初预算数", Quantity::Initial),
    ("年初预算", Quantity::Initial),
    ("全年执行数", Quantity::Executed),
    ("执行数", Quantity::Executed),
    ("实际支出", Quantity::Executed),
    ("自评得分", Quantity::Score),
    ("自评总分", Quantity::Score),
    ("综合得分", Quantity::Score),
    ("评价得分", Quantity::Score),
    ("综合评分", Quantity::Score),
    ("总得分", Quantity::Score),
];

/// A grade stated in the text ("评价等级为“优”", "自评等级：良"), with its phrase.
pub fn grade_refs(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for kw in ["评价等级", "自评等级", "绩效等级", "等级评定为"] {
        let mut from = 0;
        while let Some(pos) = text[from..].find(kw) {
            let at = from + pos + kw.len();
            let rest = &text[at..];
            let skip: usize = rest
                .chars()
                .take_while(|c| is_filler(*c) || matches!(c, '“' | '"' | '「' | '定'))
                .take(5)
                .map(char::len_utf8)
                .sum();
            if let Some(g) = rest[skip..]
                .chars()
                .next()
                .filter(|c| "优良中差".contains(*c))
            {
                // "优秀" and "良好" are the same grades
                let end = at + skip + g.len_utf8();
                out.push((g.to_string(), text[from + pos..end].to_string()));
            }
            from = at;
        }
    }
    out
}

/// Between the keyword and the number: "为", "是", "：", "达", spaces.
fn is_filler(c: char) -> bool {
    c.is_whitespace() || matches!(c, '为' | '是' | '：' | ':' | '达' | '到' | '\u{3000}')
}

/// Every figure quoted in `text` after one of the known phrases, with a unit that fits it.
pub fn figure_refs(text: &str) -> Vec<FigureRef> {
    let mut found = Vec::new();
    // most characters start no keyword: test the first character before the keywords (the
    // check runs on every keystroke, over the whole narrative)
    let first: Vec<char> = KEYWORDS
        .iter()
        .filter_map(|(k, _)| k.chars().next())
        .collect();
    // and a 256-bit sieve of those first characters before the list: most characters of a
    // Chinese text fall through it at once
    let mut sieve = [0u64; 4];
    for c in &first {
        let b = *c as usize & 255;
        sieve[b >> 6] |= 1 << (b & 63);
    }
    let may_start = |c: char| {
        let b = c as usize & 255;
        sieve[b >> 6] >> (b & 63) & 1 == 1 && first.contains(&c)
    };
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        let hit = may_start(c)
            .then(|| KEYWORDS.iter().find(|(kw, _)| rest.starts_with(kw)))
            .flatten();
        let Some((kw, q)) = hit else {
            i += c.len_utf8();
            continue;
        };
        let after = &rest[kw.len()..];
        match read_figure(after, *q) {
            Some((value, decimals, used)) => {
                let phrase = rest[..kw.len() + used].to_string();
                found.push(FigureRef {
                    scope: scope_at(text, i),
                    quantity: *q,
                    value,
                    decimals,
                    phrase,
                });
                i += kw.len() + used;
            }
            None => i += kw.len(),
        }
    }
    found
}

/// After a keyword: filler, a number, a unit. Returns (value in the quantity's unit, decimals
/// written, bytes consumed).
fn read_figure(s: &str, q: Quantity) -> Option<(Decimal, u32, usize)> {
    let filler: usize = s
        .chars()
        .take_while(|c| is_filler(*c))
        .take(4)
        .map(char::len_utf8)
        .sum();
    let num_start = filler;
    let num_len: usize = s[num_start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .map(char::len_utf8)
        .sum();
    let raw = s[num_start..num_start + num_len].trim_end_matches(['.', ',']);
    if !raw.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let num_end = num_start + raw.len();
    let plain: String = raw.chars().filter(|c| *c != ',').collect();
    let mut value: Decimal = plain.parse().ok()?;
    let decimals = plain.split('.').nth(1).map_or(0, |f| f.len() as u32);
    let gap: usize = s[num_end..]
        .chars()
        .take_while(|c| *c == ' ')
        .map(char::len_utf8)
        .sum();
    let unit_at = &s[num_end + gap..];
    let units: &[(&str, Decimal)] = match q {
        Quantity::Rate => &[("%", Decimal::ONE), ("％", Decimal::ONE)],
        Quantity::Score => &[("分", Decimal::ONE)],
        _ => &[("万元", Decimal::ONE), ("元", Decimal::new(1, 4))],
    };
    let (unit, scale) = units.iter().find(|(u, _)| unit_at.starts_with(u))?;
    // a figure in 元 is compared in 万元 at four more decimals
    let decimals = if *scale == Decimal::ONE {
        decimals
    } else {
        decimals + 4
    };
    value *= scale;
    Some((value, decimals, num_end + gap + unit.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_seed_figures() {
        let refs = figure_refs("全年预算数 4051.83 万元，执行数 3990.84 万元，完成预算的 98.49%。");
        let got: Vec<(Quantity, String, u32, &str)> = refs
            .iter()
            .map(|r| {
                (
                    r.quantity,
                    r.value.to_string(),
                    r.decimals,
                    r.phrase.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Quantity::Budget,
                    "4051.83".into(),
                    2,
                    "全年预算数 4051.83 万元"
                ),
                (
                    Quantity::Executed,
                    "3990.84".into(),
                    2,
                    "执行数 3990.84 万元"
                ),
                (Quantity::Rate, "98.49".into(), 2, "完成预算的 98.49%"),
            ]
        );
    }

    #[test]
    fn other_phrasings_and_units() {
        let refs = figure_refs(
            "预算执行率为98.5%，年初预算：4,000万元，实际支出 39908400 元，自评得分 99.77 分",
        );
        let got: Vec<(Quantity, String, u32)> = refs
            .iter()
            .map(|r| (r.quantity, r.value.normalize().to_string(), r.decimals))
            .collect();
        assert_eq!(
            got,
            vec![
                (Quantity::Rate, "98.5".into(), 1),
                (Quantity::Initial, "4000".into(), 0),
                (Quantity::Executed, "3990.84".into(), 4),
                (Quantity::Score, "99.77".into(), 2),
            ]
        );
    }

    #[test]
    fn ignores_numbers_that_are_not_these_figures() {
        // counts and other percentages in the seed's narrative
        assert!(figure_refs("捐资捐物超过360万元，代表对建议办理情况的满意率为 100%。").is_empty());
        assert!(figure_refs("提高预算执行率，执行数据按月报送。").is_empty());
        // a rate must carry %, an amount 万元 or 元
        assert!(figure_refs("执行率 98.49，全年预算 4051.83").is_empty());
    }
}

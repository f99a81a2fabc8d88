//! Tables as people bring them: a block of cells from Excel or WPS (tab-separated text, or the
//! HTML table on the clipboard), the columns of the indicator and budget tables with the header
//! names real tables use for them, and the mapping of a header row onto those columns. The
//! grid's paste reads blocks through here; readers of other tables (a Word or Excel 自评表) map
//! their headers the same way.

use crate::base::number::{parse_in, parse_measure};
use crate::model::field::{BudgetField, Field, Group, IndicatorField};
use crate::model::rule::{GradeStep, Nature};
use crate::model::List;

/// How a column's cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Text,
    /// An amount or a weight: a number, with commas or 万元 allowed.
    Number,
    /// A target or result as tables write it: "26次", "≥95%", or a word (好, 达标).
    Measure,
    /// 指标性质: ≥ ≤ = 定性.
    Nature,
    /// 是 / 否.
    Flag,
}

/// One editable column of a grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub key: ColumnKey,
    /// Header names real tables use for it, for mapping a pasted header row.
    pub aliases: &'static [&'static str],
    pub kind: CellKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKey {
    Indicator(IndicatorField),
    Budget(BudgetField),
}

/// The indicator grid's editable columns, in order.
pub const INDICATOR_COLUMNS: [Column; 10] = {
    use IndicatorField as F;
    const fn c(f: F, aliases: &'static [&'static str], kind: CellKind) -> Column {
        Column::new(ColumnKey::Indicator(f), aliases, kind)
    }
    [
        c(F::Level1, &["一级指标", "一级"], CellKind::Text),
        c(F::Level2, &["二级指标", "二级"], CellKind::Text),
        c(
            F::Level3,
            &["三级指标", "三级", "指标名称", "绩效指标", "指标"],
            CellKind::Text,
        ),
        c(F::Nature, &["指标性质", "性质"], CellKind::Nature),
        c(F::Unit, &["计量单位", "单位", "度量单位"], CellKind::Text),
        c(
            F::Target,
            &[
                "年初指标值",
                "年度指标值",
                "指标值",
                "目标值",
                "年初目标值",
                "预期指标值",
            ],
            CellKind::Measure,
        ),
        c(
            F::TargetAdjusted,
            &[
                "调整指标值",
                "调整后指标值",
                "全年指标值",
                "全年(调整)指标值",
                "全年调整指标值",
            ],
            CellKind::Measure,
        ),
        c(
            F::Actual,
            &["实际完成值", "全年完成值", "完成值", "实际值", "完成情况"],
            CellKind::Measure,
        ),
        c(
            F::Weight,
            &["分值", "权重", "指标权重", "权重分值", "标准分值"],
            CellKind::Number,
        ),
        c(
            F::Reason,
            &[
                "偏差原因",
                "未完成原因",
                "扣分原因",
                "偏差原因分析",
                "原因",
                "未完成原因分析",
            ],
            CellKind::Text,
        ),
    ]
};

/// The budget grid's editable columns, in order.
pub const BUDGET_COLUMNS: [Column; 5] = {
    use BudgetField as F;
    const fn c(f: F, aliases: &'static [&'static str], kind: CellKind) -> Column {
        Column::new(ColumnKey::Budget(f), aliases, kind)
    }
    [
        c(
            F::Name,
            &["资金来源", "支出用途", "项目", "名称", "科目"],
            CellKind::Text,
        ),
        c(
            F::Initial,
            &["年初预算数", "年初预算", "年初数"],
            CellKind::Number,
        ),
        c(
            F::Adjusted,
            &[
                "全年预算数",
                "调整后预算数",
                "全年(调整)预算数",
                "全年（调整）预算数",
                "调整预算数",
                "预算数",
            ],
            CellKind::Number,
        ),
        c(
            F::Executed,
            &["全年执行数", "执行数", "实际支出", "决算数"],
            CellKind::Number,
        ),
        c(
            F::Reason,
            &["原因", "偏差原因", "未执行原因"],
            CellKind::Text,
        ),
    ]
};

/// Header names that are known but computed here, so their pasted values are not taken.
const COMPUTED: [&str; 6] = [
    "得分",
    "指标得分",
    "自评得分",
    "执行率",
    "得分系数",
    "得分率",
];

impl Column {
    const fn new(key: ColumnKey, aliases: &'static [&'static str], kind: CellKind) -> Column {
        Column { key, aliases, kind }
    }

    /// The header as the grid shows it: the field's own name (its `fields!` row).
    pub fn label(&self) -> &'static str {
        match self.key {
            ColumnKey::Indicator(f) => f.label(),
            ColumnKey::Budget(f) => f.label(),
        }
    }

    /// The field's key ("level3", "initial"): the grid names its column's cells with it, so
    /// each column can be sized for what it holds.
    pub fn key_name(&self) -> &'static str {
        match self.key {
            ColumnKey::Indicator(f) => f.key(),
            ColumnKey::Budget(f) => f.key(),
        }
    }

    pub fn field(&self, list: List, id: &str) -> Field {
        match self.key {
            ColumnKey::Indicator(f) => Field::indicator(id, f),
            ColumnKey::Budget(f) => Field::budget(
                if list == List::Uses {
                    Group::Uses
                } else {
                    Group::Sources
                },
                id,
                f,
            ),
        }
    }

    /// A pasted text as this column stores it, and what is wrong with it (kept and flagged).
    /// `words` are the pack's 定性 words (好, 达标…), which a target or result may be.
    pub fn read(&self, text: &str, words: &[GradeStep]) -> (String, Option<String>) {
        let t = crate::base::text::clean(text.trim()).into_owned();
        let error = match self.kind {
            _ if t.is_empty() => None,
            CellKind::Text => None,
            CellKind::Number => {
                // an amount column is in 万元: "4051.83万" reads as in its form
                let unit = if matches!(self.key, ColumnKey::Budget(_)) {
                    "万元"
                } else {
                    ""
                };
                parse_in(unit, self.label(), &t)
                    .err()
                    .map(|e| e.to_string())
            }
            CellKind::Measure if words.iter().any(|w| w.label == t) => None,
            CellKind::Measure => parse_measure(self.label(), &t).err().map(|e| e.to_string()),
            CellKind::Nature => return nature(&t),
            CellKind::Flag => {
                return match t.as_str() {
                    "是" | "√" | "✓" | "Y" | "y" | "true" => ("true".into(), None),
                    "否" | "" | "N" | "n" | "false" => ("false".into(), None),
                    _ => (t.clone(), Some(format!("“{t}”应为“是”或“否”"))),
                }
            }
        };
        (t, error)
    }
}

/// 指标性质 as tables write it.
fn nature(t: &str) -> (String, Option<String>) {
    match Nature::read(t) {
        Some(n) => (n.symbol().to_string(), None),
        None => (
            t.to_string(),
            Some(format!("指标性质“{t}”无法识别（可填 ≥、≤、=、定性）")),
        ),
    }
}

/// Tab-separated text as Excel and WPS put it on the clipboard: rows end with a newline, cells
/// are split by tabs, a cell holding a tab, a newline or a quote is quoted with `"`.
pub fn parse_tsv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_start = true;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                c => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_start = true;
            }
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_start = true;
            }
            c => {
                cell.push(c);
                at_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// The first `<table>` of the HTML Excel and WPS put on the clipboard, as rows of cell texts
/// (tags dropped, `<br>` as a line break, entities decoded; a `colspan` repeats nothing but
/// keeps the columns in place with empty cells).
pub fn parse_html_table(html: &str) -> Vec<Vec<String>> {
    let lower = html.to_ascii_lowercase();
    let Some(start) = lower.find("<table") else {
        return Vec::new();
    };
    let end = lower[start..]
        .find("</table")
        .map_or(html.len(), |e| start + e);
    let (body, body_lower) = (&html[start..end], &lower[start..end]);
    let mut rows = Vec::new();
    for (tr_at, _) in body_lower.match_indices("<tr") {
        let tr_end = body_lower[tr_at + 3..]
            .find("<tr")
            .map_or(body.len(), |e| tr_at + 3 + e);
        let (tr, tr_lower) = (&body[tr_at..tr_end], &body_lower[tr_at..tr_end]);
        let mut row = Vec::new();
        let mut from = 0;
        while let Some(open) = find_cell(&tr_lower[from..]).map(|i| from + i) {
            let Some(gt) = tr_lower[open..].find('>').map(|i| open + i + 1) else {
                break;
            };
            let close = ["</td", "</th"]
                .iter()
                .filter_map(|t| tr_lower[gt..].find(t))
                .min()
                .map_or_else(
                    || find_cell(&tr_lower[gt..]).map_or(tr.len(), |i| gt + i),
                    |i| gt + i,
                );
            let span = attr_number(&tr_lower[open..gt], "colspan").unwrap_or(1);
            row.push(cell_text(&tr[gt..close]));
            for _ in 1..span.min(50) {
                row.push(String::new());
            }
            from = close.max(gt);
        }
        if !row.is_empty() {
            rows.push(row);
        }
    }
    rows
}

fn find_cell(s: &str) -> Option<usize> {
    ["<td", "<th"].iter().filter_map(|t| s.find(t)).min()
}

fn attr_number(tag: &str, name: &str) -> Option<usize> {
    let at = tag.find(name)? + name.len();
    let rest = tag[at..].trim_start_matches(['=', ' ', '"', '\'']);
    rest.chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

/// A cell's inner HTML as its text.
fn cell_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                let t = tag.to_ascii_lowercase();
                if t.starts_with("br") || t.starts_with("/p") || t.starts_with("/div") {
                    out.push('\n');
                }
            }
            c if in_tag => tag.push(c),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// The block on the clipboard: its HTML table if there is one, else its text.
pub fn clipboard_block(text: &str, html: Option<&str>) -> Vec<Vec<String>> {
    let from_html = html.map(parse_html_table).unwrap_or_default();
    if from_html.is_empty() {
        parse_tsv(text)
    } else {
        from_html
    }
}

/// What a pasted header row says about its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMap {
    /// For each pasted column: the grid column it fills, if any.
    pub columns: Vec<Option<usize>>,
    /// Pasted headers that name nothing this grid knows (the user is asked about these).
    pub unknown: Vec<(usize, String)>,
    /// Pasted headers of figures this app computes (得分, 执行率): their values are not taken.
    pub computed: Vec<String>,
}

fn normalise_header(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊' | ':' | '：'))
        .collect::<String>()
        .replace("（", "(")
        .replace("）", ")")
}

/// The column a header names exactly by one of its aliases ("年初指标值" → 年初指标值).
pub fn column_named(header: &str, columns: &[Column]) -> Option<usize> {
    let h = normalise_header(header);
    columns
        .iter()
        .position(|c| c.aliases.iter().any(|a| normalise_header(a) == h))
}

/// Whether a header names a figure this app computes (得分, 执行率).
pub fn is_computed(header: &str) -> bool {
    let h = normalise_header(header);
    COMPUTED.iter().any(|c| h.contains(c))
}

/// Map a pasted header row onto `columns`; `None` when the row does not look like a header
/// (fewer than two cells name a known column).
pub fn map_header(header: &[String], columns: &[Column]) -> Option<HeaderMap> {
    let mut map = HeaderMap {
        columns: vec![None; header.len()],
        unknown: Vec::new(),
        computed: Vec::new(),
    };
    // each header's best column: an exact alias (the earlier in the column's list, the
    // stronger), else the longest alias it contains ("指标值（%）"); the strongest claim on a
    // column wins it, so "三级指标" beside a "绩效指标" label column still maps to 三级指标
    let names: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
    let claims: Vec<Option<(usize, usize)>> = names
        .iter()
        .map(|h| {
            if h.is_empty() {
                return None;
            }
            let exact = columns.iter().enumerate().find_map(|(n, c)| {
                c.aliases
                    .iter()
                    .position(|a| normalise_header(a) == *h)
                    .map(|rank| (n, rank))
            });
            exact.or_else(|| {
                columns
                    .iter()
                    .enumerate()
                    .flat_map(|(n, c)| c.aliases.iter().map(move |a| (n, *a)))
                    .filter(|(_, a)| h.contains(&normalise_header(a)))
                    .max_by_key(|(_, a)| a.chars().count())
                    .map(|(n, a)| (n, 100 - a.chars().count().min(50)))
            })
        })
        .collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    crate::base::sort::sort_by_key(&mut order, |&i| {
        claims[i].map_or(usize::MAX, |(_, rank)| rank)
    });
    let mut found = vec![None; names.len()];
    for i in order {
        if let Some((n, _)) = claims[i] {
            if !found.contains(&Some(n)) {
                found[i] = Some(n);
            }
        }
    }
    let mut known = 0;
    for (i, h) in names.into_iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        let found = found[i];
        if COMPUTED
            .iter()
            .any(|c| h == *c || (h.contains(c) && found.is_none()))
        {
            map.computed.push(h);
            known += 1;
            continue;
        }
        match found {
            Some(n) => {
                map.columns[i] = Some(n);
                known += 1;
            }
            None => map.unknown.push((i, h)),
        }
    }
    (known >= 2).then_some(map)
}

/// A block of cells from string literals, for tests here and in the grid's.
#[cfg(test)]
pub(crate) fn block(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_separated_text_as_excel_writes_it() {
        let t = "a\tb\tc\r\n1\t\"多\n行\"\t\"带\"\"引号\"\"\"\r\n";
        assert_eq!(
            parse_tsv(t),
            block(&[&["a", "b", "c"], &["1", "多\n行", "带\"引号\""]])
        );
        assert_eq!(parse_tsv("x\ty"), block(&[&["x", "y"]]));
        assert_eq!(parse_tsv("x\t\ty\n"), block(&[&["x", "", "y"]]));
    }

    #[test]
    fn the_html_table_excel_puts_on_the_clipboard() {
        let html = r#"<html><body><!--StartFragment--><table border=0>
            <tr height=19><td class=xl65>听取和审议<br>专项工作报告</td><td>≥</td><td align=right>26次</td></tr>
            <tr><td colspan=2>合&nbsp;计</td><td>100&amp;</td></tr></table><!--EndFragment--></body></html>"#;
        assert_eq!(
            parse_html_table(html),
            block(&[
                &["听取和审议\n专项工作报告", "≥", "26次"],
                &["合 计", "", "100&"]
            ])
        );
        assert!(parse_html_table("no table").is_empty());
        assert_eq!(
            clipboard_block("a\tb", None),
            block(&[&["a", "b"]]),
            "text when there is no table"
        );
    }
}

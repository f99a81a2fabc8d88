//! Last year's Word report as a draft: the title gives the unit and year, a cover or a
//! 基本情况 form the particulars, numbered paragraphs and heading styles the outline (the number
//! dropped, the level kept), body paragraphs each section's text, and the budget and
//! indicator tables their blocks.

use super::{labels, tables, Imported};
use crate::edit::lifecycle::blank;
use crate::file::office::{Block, Document, Para};
use crate::model::pack::Pack;
use crate::model::Section;

const CN: &str = "〇一二三四五六七八九十";

/// A number in Chinese numerals (一 … 九十九) or digits.
fn number_value(s: &str) -> Option<usize> {
    if let Ok(n) = s.parse::<usize>() {
        return Some(n);
    }
    let digit = |c: char| CN.chars().position(|d| d == c);
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [a] => digit(*a).filter(|d| *d >= 1),
        ['十', b] => digit(*b).map(|b| 10 + b),
        [a, '十'] => digit(*a).map(|a| a * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// The numbering a paragraph's text starts with: its pattern (1 = 一、, 2 = （一）, 3 = 1.,
/// 4 = （1）), its value, and the text after it.
pub fn literal_number(text: &str) -> Option<(u8, usize, &str)> {
    let t = text.trim_start();
    let is_cn = |c: char| CN.contains(c) && c != '〇';
    // （一） （1） (一) (1)
    if let Some(rest) = t.strip_prefix(['（', '(']) {
        let end = rest.find(['）', ')'])?;
        let inner = &rest[..end];
        let after = &rest[end + rest[end..].chars().next()?.len_utf8()..];
        let pattern = if inner.chars().all(is_cn) {
            2
        } else if inner.chars().all(|c| c.is_ascii_digit()) {
            4
        } else {
            return None;
        };
        return number_value(inner).map(|n| (pattern, n, after.trim_start()));
    }
    let head: String = t.chars().take_while(|c| is_cn(*c)).collect();
    if !head.is_empty() && head.chars().count() <= 3 {
        let rest = &t[head.len()..];
        // "一是…" is a point inside a sentence, not a number
        let after = rest.strip_prefix('、')?;
        return number_value(&head).map(|n| (1, n, after.trim_start()));
    }
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() && digits.len() <= 2 {
        let rest = &t[digits.len()..];
        let sep = rest.chars().next()?;
        if matches!(sep, '.' | '．' | '、') {
            let after = &rest[sep.len_utf8()..];
            // "1.5万元" is a figure, not a number
            if after.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            return number_value(&digits).map(|n| (3, n, after.trim_start()));
        }
    }
    None
}

/// Headings numbered in their text nest as they run: a 一、 that restarts under （一） is a
/// level below it, as reports number points inside a part.
#[derive(Default)]
struct Outline {
    /// The open headings: pattern and value, by level.
    open: Vec<(u8, usize)>,
}

impl Outline {
    /// The level of a heading numbered `(pattern, n)` in its text.
    fn literal(&mut self, pattern: u8, n: usize) -> u8 {
        // a continuation of an open heading's sequence (the nearest one)
        if let Some(i) = self
            .open
            .iter()
            .rposition(|(p, v)| *p == pattern && v + 1 == n)
        {
            self.open.truncate(i);
        } else if n != 1 {
            // a number out of sequence: at the level its pattern last had
            if let Some(i) = self.open.iter().rposition(|(p, _)| *p == pattern) {
                self.open.truncate(i);
            } else {
                self.open
                    .truncate((pattern as usize - 1).min(self.open.len()));
            }
        }
        self.open.push((pattern, n));
        self.open.len().min(4) as u8
    }

    /// A heading whose level its style gives.
    fn styled(&mut self, level: u8, number: Option<(u8, usize)>) -> u8 {
        self.open.truncate(level.saturating_sub(1) as usize);
        while self.open.len() < level.saturating_sub(1) as usize {
            self.open.push((0, 0));
        }
        self.open.push(number.unwrap_or((0, 0)));
        level.min(4)
    }
}

/// A paragraph as a section's text: a bold lead-in kept as `**…**`.
fn body_text(p: &Para) -> String {
    let mut out = String::new();
    let mut lead = true;
    for (t, bold) in &p.runs {
        if lead && *bold && !t.trim().is_empty() {
            out.push_str("**");
            out.push_str(t);
            out.push_str("**");
            continue;
        }
        if !t.trim().is_empty() {
            lead = false;
        }
        out.push_str(t);
    }
    out.replace("****", "").trim().to_string()
}

fn is_toc(p: &Para, text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    p.style.starts_with("toc")
        || p.style.starts_with("目录")
        || t == "目录"
        // "一、基本情况…………3"
        || (t.chars().rev().take_while(|c| c.is_ascii_digit()).count() > 0
            && (t.contains("……") || t.contains("....") || t.contains("···") || text.contains('\t'))
            && t.chars().count() < 80)
}

/// Whether a numbered paragraph is a heading rather than a numbered point of body text: short,
/// or bold throughout, and not a sentence.
fn reads_as_heading(p: &Para, rest: &str) -> bool {
    let len = rest.chars().count();
    let sentence = rest.trim_end().ends_with('。') || rest.trim_end().ends_with('；');
    (p.all_bold() && len <= 60) || (len <= 30 && !sentence)
}

/// The draft a Word document makes under `pack`.
pub fn import(
    doc: &Document,
    pack: &Pack,
    id: &str,
    file_name: &str,
    choices: &super::Choices,
) -> Imported {
    let mut report = blank(id, pack, 0);
    let mut found = Vec::new();
    let mut missed = Vec::new();
    let mut unplaced = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut before: Vec<String> = Vec::new();
    let mut title: Vec<String> = Vec::new();
    let mut outline = Outline::default();
    let mut indicator_table = false;
    let mut budget_rows = 0;
    let mut table_no = 0;
    let mut last_text = String::new();
    let mut appendix = false;
    let push_text =
        |sections: &mut Vec<Section>, before: &mut Vec<String>, line: String| match sections
            .last_mut()
        {
            Some(s) => {
                if !s.text.is_empty() {
                    s.text.push('\n');
                }
                s.text.push_str(&line);
            }
            None => before.push(line),
        };
    for block in &doc.blocks {
        match block {
            Block::Para(p) => {
                let text = p.text();
                let t = text.trim();
                if t.is_empty() || is_toc(p, t) {
                    continue;
                }
                last_text = t.to_string();
                // the report's title, before the outline starts
                if sections.is_empty()
                    && (p.style == "title"
                        || p.style == "标题"
                        || t.contains("自评报告")
                        || t.ends_with("报告"))
                    && p.heading.is_none()
                    && literal_number(t).is_none()
                {
                    title.push(t.to_string());
                    continue;
                }
                // the 附表 part: its tables are read, its captions are not text
                if t.starts_with("附表") || t.starts_with("附件") {
                    appendix = true;
                    continue;
                }
                if appendix {
                    continue;
                }
                // a cover or sign-off line: "联系人：张三", "单位负责人：…　财务负责人：…"
                let pairs = labels::pairs_in(t);
                if (sections.is_empty() && !pairs.is_empty()) || labels::starts_with_label(t) {
                    for (part, v) in pairs {
                        labels::fill(&mut report, part, &v);
                    }
                    continue;
                }
                let literal = literal_number(t);
                let level = match (p.heading, literal) {
                    (Some(l), lit) => Some((
                        outline.styled(l, lit.map(|(pt, n, _)| (pt, n))),
                        lit.map_or(t, |(_, _, rest)| rest),
                    )),
                    (None, Some((pattern, n, rest))) if reads_as_heading(p, rest) => {
                        Some((outline.literal(pattern, n), rest))
                    }
                    _ => None,
                };
                match level {
                    Some((level, rest)) => {
                        let title = rest.trim().trim_matches('*').trim().to_string();
                        sections.push(Section {
                            id: format!("sec-{}", sections.len() + 1),
                            level: level.max(1),
                            title,
                            ..Section::default()
                        });
                    }
                    None => {
                        for (part, v) in labels::staff_in(t) {
                            labels::fill(&mut report, part, &v);
                        }
                        push_text(&mut sections, &mut before, body_text(p));
                    }
                }
            }
            Block::Table(rows) => {
                table_no += 1;
                let place = format!("第 {table_no} 个表格");
                if !indicator_table && tables::is_indicator_table(rows) {
                    if let Some(t) =
                        tables::indicators(&mut report, pack, rows, &place, choices, &mut missed)
                    {
                        indicator_table = true;
                        found.push(format!("{place}：绩效指标表，{} 行", t.rows));
                        unplaced = t.unplaced;
                        continue;
                    }
                }
                if budget_rows == 0 {
                    let n = tables::budget(&mut report, rows, &last_text, &place, &mut found);
                    if n > 0 {
                        budget_rows = n;
                        continue;
                    }
                }
                if tables::is_form(rows) {
                    let n = tables::form(&mut report, rows);
                    found.push(format!("{place}：基本情况表，{n} 项"));
                    continue;
                }
                let text = tables::as_text(rows);
                if !text.is_empty() {
                    missed.push(format!(
                        "{place}：未识别的表格，已作为文字放入所在章节，可核对后删除"
                    ));
                    push_text(&mut sections, &mut before, text);
                }
            }
        }
    }
    // the title names the unit and the year
    let title = title.join("");
    let (unit, year) = labels::title_parts(&title);
    if let Some(u) = unit {
        labels::fill(&mut report, labels::Particular::Name, &u);
    }
    if let Some(y) = year {
        report.unit.year = y;
    }
    if report.unit.year == 0 {
        missed.push("未在标题中找到年度，请在基本信息中填写".into());
    }
    if report.unit.name.is_empty() {
        missed.push("未找到单位名称，请在基本信息中填写".into());
    }
    if sections.is_empty() {
        missed.push("未识别出章节标题（一、（一）1.（1）或标题样式）：全文已放入第一个章节".into());
        if let Some(s) = report.sections.first_mut() {
            s.text = before.join("\n");
        }
    } else {
        if !before.is_empty() {
            sections.insert(
                0,
                Section {
                    id: String::new(),
                    level: 1,
                    title: "前言".into(),
                    text: before.join("\n"),
                    ..Section::default()
                },
            );
        }
        // the framework's limits and required parts follow matching titles
        for (n, s) in sections.iter_mut().enumerate() {
            s.id = format!("sec-{}", n + 1);
            if let Some(t) = pack.outline.iter().find(|t| t.title == s.title) {
                s.required = t.required;
                s.limit = t.limit;
            }
        }
        report.sections = sections;
    }
    if !indicator_table {
        missed.push("未找到绩效指标表：已按所选框架建立指标行，请填写或粘贴".into());
    }
    if budget_rows == 0 {
        missed.push(
            "未找到预算执行表（年初预算数/全年预算数/全年执行数）：请在预算执行情况中填写".into(),
        );
    }
    report.name = super::stem(file_name);
    report = super::links::adopted(report, pack);
    let mut imported = Imported {
        report,
        found,
        missed,
        unplaced: unplaced.clone(),
    };
    imported.summarise(pack);
    imported
}

/// A table's rows as the text lines a section keeps (a table inside a table cell, say).
pub fn table_text(rows: &[Vec<String>]) -> String {
    tables::as_text(rows)
}

//! The finished report as a sequence of blocks: what the preview shows and what the exports
//! (HTML, .docx) write. Numbering is generated from the outline's levels, and computed
//! figures are filled in where the text asks for them, so no figure is typed twice.

use crate::base::number::{fmt2, fmt_percent};
use crate::base::NOT_YET;
use crate::model::Report;
use crate::report::sheet::{sheet, Table};
use crate::scoring::Evaluation;

/// Placeholders a section's text may hold; each is replaced by the computed figure.
pub const PLACEHOLDERS: [(&str, &str); 7] = [
    ("{{年初预算数}}", "年初预算数合计（万元）"),
    ("{{全年预算数}}", "全年（调整）预算数合计（万元）"),
    ("{{执行数}}", "执行数合计（万元）"),
    ("{{执行率}}", "预算执行率（含 %）"),
    ("{{自评得分}}", "自评总分"),
    ("{{等级}}", "评价等级"),
    ("{{年度}}", "年度"),
];

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Run {
    Text(String),
    Bold(String),
}

/// (Serialisable so the blocks, computed once in the editor, can be handed to the exporter
/// module, which only lays them out.)
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Block {
    Title(String),
    Heading {
        /// The section's id, for linking the preview to the editor.
        id: String,
        level: u8,
        number: String,
        text: String,
    },
    Paragraph(Vec<Run>),
    /// A table of the 自评表 (see [`crate::report::sheet`]).
    Table(Table),
    /// 附表 heading: starts the 自评表 part on a new page.
    Appendix(String),
    /// Sign-off fields as (label, value) pairs.
    Signoff(Vec<(String, String)>),
}

const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; larger numbers in digits.
pub fn chinese_number(n: usize) -> String {
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

/// The number of each section, by level: 一、 / （一） / 1. / （1）. A deeper level restarts
/// under each new heading above it, so numbering is always consistent.
/// The outline number of each section of `report`, in order: what the editor, its outline and
/// every output show.
pub fn outline(report: &Report) -> Vec<String> {
    let levels: Vec<u8> = report.sections.iter().map(|s| s.level).collect();
    numbering(&levels)
}

pub fn numbering(levels: &[u8]) -> Vec<String> {
    let mut counters = [0usize; 4];
    levels
        .iter()
        .map(|&level| {
            let l = level.clamp(1, 4) as usize - 1;
            counters[l] += 1;
            for c in counters.iter_mut().skip(l + 1) {
                *c = 0;
            }
            let n = counters[l];
            match l {
                0 => format!("{}、", chinese_number(n)),
                1 => format!("（{}）", chinese_number(n)),
                2 => format!("{n}."),
                _ => format!("（{n}）"),
            }
        })
        .collect()
}

/// A paragraph's runs: `**…**` is bold, the rest plain.
pub fn runs(paragraph: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut bold = false;
    for (i, part) in paragraph.split("**").enumerate() {
        if i > 0 {
            bold = !bold;
        }
        if part.is_empty() {
            continue;
        }
        out.push(if bold {
            Run::Bold(part.to_string())
        } else {
            Run::Text(part.to_string())
        });
    }
    out
}

/// `text` with every placeholder replaced by its computed figure.
pub fn fill(text: &str, report: &Report, eval: &Evaluation) -> String {
    if !text.contains("{{") {
        return text.to_string();
    }
    let t = &eval.budget.total;
    let filled = t.rows_filled > 0;
    let money = |v| if filled { fmt2(v) } else { NOT_YET.to_string() };
    let values = [
        money(t.initial),
        money(t.budget),
        money(t.executed),
        eval.execution_rate.map_or(NOT_YET.into(), fmt_percent),
        fmt2(eval.total),
        eval.grade.clone(),
        report.unit.year.to_string(),
    ];
    let mut out = text.to_string();
    for ((token, _), value) in PLACEHOLDERS.iter().zip(values) {
        out = out.replace(token, &value);
    }
    out
}

/// The report, in order: title, the numbered outline with its text, then the 自评表 (budget and
/// indicators, with total and grade), closing fields and sign-off.
/// The report's blocks as JSON, for the exporter module (crates/office).
pub fn document_json(report: &Report, eval: &Evaluation) -> String {
    serde_json::to_string(&document(report, eval)).expect("blocks always serialise")
}

pub fn document(report: &Report, eval: &Evaluation) -> Vec<Block> {
    let mut out = vec![Block::Title(report.title())];
    for (s, number) in report.sections.iter().zip(outline(report)) {
        out.push(Block::Heading {
            id: s.id.clone(),
            level: s.level,
            number,
            text: s.title.clone(),
        });
        let text = fill(&s.text, report, eval);
        for p in text.lines().map(str::trim).filter(|p| !p.is_empty()) {
            out.push(Block::Paragraph(runs(p)));
        }
    }
    let sheet = sheet(report, eval);
    out.push(Block::Appendix(format!("附表：{}", sheet.appendix)));
    out.extend(sheet.tables.into_iter().map(Block::Table));
    for note in sheet.notes {
        out.push(Block::Paragraph(vec![Run::Text(format!("注：{note}。"))]));
    }
    for (label, text) in sheet.closing {
        if !text.trim().is_empty() {
            out.push(Block::Paragraph(vec![
                Run::Bold(format!("{label}：")),
                Run::Text(text),
            ]));
        }
    }
    out.push(Block::Signoff(sheet.signoff));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, sample, Pack};

    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 9, 10, 11, 19, 20, 21, 99, 100]
            .map(chinese_number)
            .to_vec();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "九十九",
                "100"
            ]
        );
    }

    #[test]
    fn numbering_restarts_under_each_heading() {
        let got = numbering(&[1, 2, 2, 3, 3, 4, 2, 1, 2, 1]);
        assert_eq!(
            got,
            [
                "一、",
                "（一）",
                "（二）",
                "1.",
                "2.",
                "（1）",
                "（三）",
                "二、",
                "（一）",
                "三、"
            ]
        );
    }

    #[test]
    fn the_sample_document_in_order() {
        let r = sample();
        let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
        let doc = document(&r, &evaluate(&r, &pack));
        assert_eq!(doc[0], Block::Title(r.title()));
        let headings: Vec<String> = doc
            .iter()
            .filter_map(|b| match b {
                Block::Heading { number, text, .. } => Some(format!("{number}{text}")),
                _ => None,
            })
            .collect();
        assert_eq!(headings[0], "一、基本情况");
        assert_eq!(headings[3], "（三）部门整体支出情况");
        assert_eq!(headings[6], "1.坚持党的全面领导，确保人大工作正确政治方向");
        assert_eq!(headings[10], "（二）绩效管理");
        assert_eq!(headings[13], "三、存在的主要问题和下一步改进措施");
        // bold lead-ins become bold runs
        assert!(doc.iter().any(|b| matches!(b, Block::Paragraph(runs)
            if runs.first() == Some(&Run::Bold("感悟思想伟力，自觉做“两个确立”的坚决捍卫者和“两个维护”的坚定践行者。".into())))));
        // the 自评表 follows the outline (its content is tested in `sheet`)
        let tables = doc.iter().filter(|b| matches!(b, Block::Table(_))).count();
        assert_eq!(tables, 2);
    }

    #[test]
    fn placeholders_are_filled_from_the_evaluation() {
        let r = sample();
        let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
        let e = evaluate(&r, &pack);
        assert_eq!(
            fill("{{年度}}年全年预算数{{全年预算数}}万元，执行数{{执行数}}万元，执行率{{执行率}}，自评{{自评得分}}分，等级{{等级}}。{{未知}}", &r, &e),
            "2021年全年预算数4051.83万元，执行数3990.84万元，执行率98.49%，自评99.77分，等级优。{{未知}}"
        );
        assert_eq!(
            runs("**加粗**正文**再加粗**"),
            vec![
                Run::Bold("加粗".into()),
                Run::Text("正文".into()),
                Run::Bold("再加粗".into()),
            ]
        );
    }
}

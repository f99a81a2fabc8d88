//! The finished report as a sequence of blocks: what the preview shows and what the exports
//! (HTML, .docx) write. Numbering is generated from the outline's levels, and computed
//! figures are filled in where the text asks for them, so no figure is typed twice.

use crate::base::number::{fmt2, fmt_percent};
use crate::base::NOT_YET;
use crate::model::field::{GoalField, ProblemField, UnitField};
use crate::model::{Home, Report, Section, PLACEHOLDERS};
use crate::report::sheet::{sheet, Table};
use crate::scoring::Evaluation;

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
        let text = fill(&section_text(s, report), report, eval);
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
    // the closing texts that have no section of their own (each text prints once)
    let homeless = [Home::Conclusion, Home::Problems, Home::Measures].map(|h| !report.has_home(h));
    for ((label, text), print) in sheet.closing.into_iter().zip(homeless) {
        if print && !text.trim().is_empty() {
            out.push(Block::Paragraph(vec![
                Run::Bold(format!("{label}：")),
                Run::Text(fill(&text, report, eval)),
            ]));
        }
    }
    out.push(Block::Signoff(sheet.signoff));
    out
}

/// What a section prints: its own text, or, while that is blank, the part of the form it is
/// the home of (docs/model.md, "Where each part prints").
pub fn section_text(section: &Section, report: &Report) -> String {
    if !section.text.trim().is_empty() {
        return section.text.clone();
    }
    section
        .home()
        .map(|h| home_text(h, report))
        .unwrap_or_default()
}

/// A part of the form as paragraphs (one a line, `**…**` a bold lead-in).
fn home_text(home: Home, report: &Report) -> String {
    let filled = |s: &str| !s.trim().is_empty();
    let lead = |label: &str, text: &str| format!("**{label}：**{}", one_line(text));
    let mut out: Vec<String> = Vec::new();
    match home {
        Home::Functions { staff } => {
            out.extend(report.unit.functions.lines().map(str::to_string));
            if staff {
                out.push(home_text(Home::Staff, report));
            }
        }
        Home::Staff => {
            let u = &report.unit;
            let figure = |label: &str, v: &crate::base::number::Figure| {
                (!v.is_blank()).then(|| format!("{label}{}人", v.text().trim_end_matches('人')))
            };
            let parts: Vec<String> = [
                figure(UnitField::StaffAuthorized.label(), &u.staff_authorized),
                figure(UnitField::StaffActual.label(), &u.staff_actual),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !parts.is_empty() {
                out.push(format!("{}。", parts.join("，")));
            }
        }
        Home::Tasks => {
            for t in &report.tasks {
                match (filled(&t.title), filled(&t.detail)) {
                    (true, true) => out.push(format!(
                        "**{}**{}",
                        with_stop(t.title.trim()),
                        one_line(&t.detail)
                    )),
                    (true, false) => out.push(with_stop(t.title.trim())),
                    (false, true) => out.push(one_line(&t.detail)),
                    (false, false) => {}
                }
            }
        }
        Home::Goals => {
            for g in &report.goals {
                let only_initial = !filled(&g.adjusted) && !filled(&g.actual) && !filled(&g.reason);
                if only_initial {
                    if filled(&g.initial) {
                        out.push(one_line(&g.initial));
                    }
                    continue;
                }
                for (field, text) in [
                    (GoalField::Initial, &g.initial),
                    (GoalField::Adjusted, &g.adjusted),
                    (GoalField::Actual, &g.actual),
                    (GoalField::Reason, &g.reason),
                ] {
                    if filled(text) {
                        out.push(lead(field.label(), text));
                    }
                }
            }
        }
        Home::Conclusion => out.extend(report.conclusion.lines().map(str::to_string)),
        Home::Problems => out.extend(
            report
                .problems
                .iter()
                .filter(|p| filled(&p.problem))
                .map(|p| one_line(&p.problem)),
        ),
        Home::Measures => out.extend(
            report
                .problems
                .iter()
                .filter(|p| filled(&p.measure))
                .map(|p| one_line(&p.measure)),
        ),
        Home::ProblemsAndMeasures => {
            for p in &report.problems {
                if filled(&p.problem) {
                    out.push(lead(ProblemField::Problem.label(), &p.problem));
                }
                if filled(&p.measure) {
                    out.push(lead(ProblemField::Measure.label(), &p.measure));
                }
            }
        }
    }
    out.retain(|p| filled(p));
    out.join("\n")
}

/// A text typed over several lines, as one paragraph.
fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("")
}

/// A title as a lead-in sentence: ends with 。 unless it ends with a stop already.
fn with_stop(title: &str) -> String {
    if title.ends_with(['。', '：', ':', '；', '！', '？']) {
        title.to_string()
    } else {
        format!("{title}。")
    }
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

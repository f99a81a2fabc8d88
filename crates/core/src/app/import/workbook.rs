//! The bureau's Excel 自评表 as a draft: the sheet that holds an indicator table, its title
//! (the year), its header cells (主管部门, 联系人…), the 部门预算执行情况 block, the 当年绩效
//! 目标 block and one indicator row per table row.

use super::{labels, tables, Imported};
use crate::edit::lifecycle::blank;
use crate::file::office::{Grid, Workbook};
use crate::model::pack::Pack;
use crate::model::Goal;

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The sheet to read: the one whose indicator table maps best, a sheet named 自评表 first
/// among equals.
fn pick(book: &Workbook) -> Option<&Grid> {
    book.sheets
        .iter()
        .filter(|s| tables::is_indicator_table(&s.rows))
        .max_by_key(|s| (s.name.contains("自评"), s.rows.len().min(1)))
        .or_else(|| book.sheets.iter().find(|s| !s.rows.is_empty()))
}

/// The 当年绩效目标 block: a row naming 年初 / 全年（调整） / 实际完成情况 columns, its texts in
/// the rows below.
fn goals(rows: &[Vec<String>]) -> Vec<Goal> {
    for (at, cells) in rows.iter().enumerate() {
        let col = |f: &dyn Fn(&str) -> bool| cells.iter().position(|c| f(&squeeze(c)));
        let actual = col(&|c| c.contains("实际完成"));
        let initial = col(&|c| (c.contains("年初") && c.contains("目标")) || c == "预期目标");
        let adjusted = col(&|c| (c.contains("调整") || c.contains("全年")) && c.contains("目标"));
        let Some(actual) = actual else { continue };
        if initial.is_none() && adjusted.is_none() {
            continue;
        }
        let mut out = Vec::new();
        for row in rows.iter().skip(at + 1).take(8) {
            if tables::is_indicator_table(std::slice::from_ref(row))
                || row.iter().any(|c| squeeze(c).contains("一级指标"))
            {
                break;
            }
            let get = |c: Option<usize>| {
                c.and_then(|c| row.get(c))
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty() && cells.iter().all(|h| h.trim() != t))
                    .unwrap_or_default()
            };
            let g = Goal {
                id: format!("goal-{}", out.len() + 1),
                initial: get(initial),
                adjusted: get(adjusted),
                actual: get(Some(actual)),
                ..Goal::default()
            };
            // a merged cell spreads one text over 年初 and 全年: say it once
            let g = Goal {
                adjusted: if g.adjusted == g.initial {
                    String::new()
                } else {
                    g.adjusted
                },
                ..g
            };
            if !(g.initial.is_empty() && g.adjusted.is_empty() && g.actual.is_empty()) {
                out.push(g);
            }
        }
        return out;
    }
    Vec::new()
}

/// The draft a 自评表 workbook makes under `pack`.
pub fn import(
    book: &Workbook,
    pack: &Pack,
    id: &str,
    file_name: &str,
    choices: &super::Choices,
) -> Imported {
    let mut report = blank(id, pack, 0);
    let mut found = Vec::new();
    let mut missed = Vec::new();
    let mut unplaced = Vec::new();
    report.name = super::stem(file_name);
    let Some(sheet) = pick(book) else {
        missed.push("工作簿中没有内容".into());
        let mut i = Imported {
            report,
            found,
            missed,
            unplaced: Vec::new(),
        };
        i.summarise(pack);
        return i;
    };
    let place = format!("工作表“{}”", sheet.name);
    for other in book
        .sheets
        .iter()
        .filter(|s| s.name != sheet.name && !s.rows.is_empty())
    {
        missed.push(format!("工作表“{}”未导入（只读取了{place}）", other.name));
    }
    if sheet.cut {
        missed.push(format!(
            "{place}超过 {} 行，只读取了前 {} 行",
            crate::file::office::limits::ROWS,
            crate::file::office::limits::ROWS
        ));
    }
    let rows = &sheet.rows;
    // the title: the first row whose text names the year
    for cells in rows.iter().take(5) {
        let text: String = cells
            .iter()
            .fold(Vec::<&str>::new(), |mut v, c| {
                if v.last() != Some(&c.as_str()) {
                    v.push(c);
                }
                v
            })
            .concat();
        let (unit, year) = labels::title_parts(&text);
        if let Some(y) = year {
            report.unit.year = y;
            if let Some(u) = unit.filter(|u| !u.contains("部门整体") && u.chars().count() > 2) {
                labels::fill(&mut report, labels::Particular::Name, &u);
            }
            break;
        }
    }
    let n = tables::form(&mut report, rows);
    if n > 0 {
        found.push(format!("{place}：表头信息 {n} 项"));
    }
    let b = tables::budget(&mut report, rows, "", &place, &mut found);
    if b == 0 {
        missed.push(format!(
            "{place}：未找到预算执行情况（年初预算数/全年预算数/全年执行数）"
        ));
    }
    let g = goals(rows);
    if !g.is_empty() {
        found.push(format!("{place}：绩效目标 {} 条", g.len()));
        report.goals = g;
    }
    match tables::indicators(&mut report, pack, rows, &place, choices, &mut missed) {
        Some(t) => {
            found.push(format!("{place}：绩效指标 {} 行", t.rows));
            unplaced = t.unplaced;
        }
        None => missed.push(format!(
            "{place}：未找到绩效指标表（表头需含“三级指标”或“指标名称”及指标值、完成值、分值等列）"
        )),
    }
    if report.unit.year == 0 {
        missed.push("未在标题中找到年度，请在基本信息中填写".into());
    }
    report = super::links::adopted(report, pack);
    let mut i = Imported {
        report,
        found,
        missed,
        unplaced: unplaced.clone(),
    };
    i.summarise(pack);
    i
}

//! The finance office's summary: many departments' files read at once into one table. Nothing
//! here stores anything; a file that cannot be read is a row of its own with the reason.

use rust_decimal::Decimal;

use crate::file::draft;
use crate::model::pack::Pack;
use crate::model::review::Status;
use crate::model::Report;
use crate::report::sheet::{Cell, Row, Table};
use crate::scoring::{evaluate, Evaluation};
use crate::{check, Severity};

/// One department's file, summarised.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub file: String,
    pub report: Report,
    pub pack_name: String,
    pub budget: Option<Decimal>,
    pub executed: Option<Decimal>,
    pub rate: Option<Decimal>,
    pub total: Decimal,
    /// Empty while indicators are unscored.
    pub grade: String,
    pub complete: bool,
    pub errors: usize,
    pub warnings: usize,
    pub open_comments: usize,
}

/// A file that could not be read, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub file: String,
    pub reason: String,
}

/// Read one file (a draft `.json` or an `.html` report of this app) against `packs`.
pub fn read(file: &str, text: &str, packs: &[Pack]) -> Result<Entry, Refused> {
    let report = draft::from_json_or_html(text).map_err(|e| Refused {
        file: file.to_string(),
        reason: e.to_string(),
    })?;
    summarise(file, report, packs)
}

/// One department's draft as a row of the summary (a draft file read, or a 自评表 imported).
pub fn summarise(file: &str, report: Report, packs: &[Pack]) -> Result<Entry, Refused> {
    let refuse = |reason: String| Refused {
        file: file.to_string(),
        reason,
    };
    let pack = packs
        .iter()
        .find(|p| p.id == report.pack_id)
        .ok_or_else(|| {
            refuse(format!(
                "使用的评价指标体系“{}”不在本工具中",
                report.pack_id
            ))
        })?;
    let eval: Evaluation = evaluate(&report, pack);
    let findings = check(&report, pack, &eval);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let t = &eval.budget.total;
    let filled = t.rows_filled > 0;
    Ok(Entry {
        file: file.to_string(),
        pack_name: pack.name.clone(),
        budget: filled.then_some(t.budget),
        executed: filled.then_some(t.executed),
        rate: t.rate,
        total: eval.total,
        grade: if eval.complete {
            eval.grade.clone()
        } else {
            String::new()
        },
        complete: eval.complete,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        open_comments: report.comments.iter().filter(|c| !c.resolved).count(),
        report,
    })
}

/// The columns of the summary, in order; each sorts the table.
pub const COLUMNS: [&str; 12] = [
    "文件",
    "单位",
    "年度",
    "评价指标体系",
    "全年预算数（万元）",
    "执行数（万元）",
    "执行率",
    "自评得分",
    "等级",
    "状态",
    "未解决批注",
    "错误 / 提示",
];

fn cells(e: &Entry) -> Vec<Cell> {
    let text = |s: &str| {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    };
    let opt = |v: Option<Decimal>, f: fn(Decimal) -> Cell| v.map_or(Cell::Empty, f);
    vec![
        text(&e.file),
        text(&e.report.unit.name),
        if e.report.unit.year > 0 {
            Cell::Plain(Decimal::from(e.report.unit.year))
        } else {
            Cell::Empty
        },
        text(&e.pack_name),
        opt(e.budget, Cell::Amount),
        opt(e.executed, Cell::Amount),
        opt(e.rate, Cell::Percent),
        if e.complete {
            Cell::Amount(e.total)
        } else {
            Cell::Text("未完成".into())
        },
        text(&e.grade),
        text(e.report.status.label()),
        Cell::Plain(Decimal::from(e.open_comments)),
        Cell::Text(format!("{} / {}", e.errors, e.warnings)),
    ]
}

/// Sort by column `by` (an index into [`COLUMNS`]): figures by value, texts by text; blank last.
pub fn sort(entries: &mut [Entry], by: usize, descending: bool) {
    let key = |e: &Entry| cells(e).into_iter().nth(by).unwrap_or(Cell::Empty);
    crate::base::sort::sort_by(entries, |a, b| {
        let (x, y) = (key(a), key(b));
        let value = |c: &Cell| match c {
            Cell::Amount(v) | Cell::Percent(v) | Cell::Plain(v) => Some(*v),
            _ => None,
        };
        let order = match (&x, &y) {
            (Cell::Empty, Cell::Empty) => std::cmp::Ordering::Equal,
            (Cell::Empty, _) => return std::cmp::Ordering::Greater,
            (_, Cell::Empty) => return std::cmp::Ordering::Less,
            _ => match (value(&x), value(&y)) {
                (Some(a), Some(b)) => a.cmp(&b),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => x.shown().cmp(&y.shown()),
            },
        };
        if descending {
            order.reverse()
        } else {
            order
        }
    });
}

/// The summary as a table (for the page, the .csv and the .xlsx).
pub fn table(entries: &[Entry]) -> Table {
    Table {
        caption: "部门整体支出绩效自评汇总".into(),
        header: COLUMNS.map(String::from).to_vec(),
        rows: entries
            .iter()
            .map(|e| Row {
                cells: cells(e),
                total: false,
            })
            .collect(),
        widths: vec![120, 150, 45, 120, 80, 80, 60, 60, 40, 55, 50, 60],
    }
}

/// Whether the entry is 已定稿.
pub fn is_final(e: &Entry) -> bool {
    e.report.status == Status::Final
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::draft::to_json;
    use crate::sample;

    fn file(unit: &str, executed: &str) -> String {
        let mut r = sample();
        r.unit.name = unit.into();
        r.budget.sources[0].executed = executed.into();
        to_json(&r)
    }

    #[test]
    fn files_become_rows_and_broken_ones_say_why() {
        let packs = Pack::builtin();
        let a = read("a.json", &file("甲单位", "3990.84"), &packs).unwrap();
        assert_eq!(
            a.rate.map(crate::base::number::fmt2).as_deref(),
            Some("98.49")
        );
        assert_eq!(a.total.to_string(), "99.77");
        assert_eq!(a.grade, "优");
        let b = read("b.json", &file("乙单位", "3000"), &packs).unwrap();
        let broken = read("坏.json", "{\"format\":\"selfeval-draft\"", &packs).unwrap_err();
        assert_eq!(broken.file, "坏.json");
        assert!(broken.reason.contains("损坏或不完整"));
        let mut rows = vec![a, b];
        sort(&mut rows, 7, false);
        assert_eq!(rows[0].report.unit.name, "乙单位");
        sort(&mut rows, 1, false);
        assert_eq!(
            rows[0].report.unit.name, "乙单位",
            "乙 sorts before 甲 by code point"
        );
        let t = table(&rows);
        assert_eq!(t.header.len(), t.rows[0].cells.len());
        assert_eq!(t.rows[1].shown()[6], "98.49%");
    }
}

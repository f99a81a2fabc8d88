//! Starting from what a department already has: last year's Word report and the bureau's
//! Excel 自评表 become a new draft ([`word`], [`workbook`]), and rows named like a figure the
//! app computes take their link ([`links`]). crates/office reads the zip and XML into
//! `file::office`; everything from there on — what is a heading, which table is the budget,
//! which column is 完成值 — is here, tested on the host.
//!
//! An import never stores anything: it gives an [`Imported`], which the user sees as a
//! preview (what was found, what was not understood) before it becomes a draft.

pub mod labels;
pub mod links;
mod tables;
pub mod word;
pub mod workbook;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::base::json::members::deserialize_members;

use crate::base::number::fmt2;
use crate::file::draft;
use crate::model::pack::Pack;
use crate::model::Report;
use crate::scoring::evaluate;

/// How the user placed indicator columns the importer did not know, by header ("备注" →
/// "reason", a column's `key_name`; "" for not imported). Remembered, so the next file of the
/// same layout comes in the same way.
pub type Choices = BTreeMap<String, String>;

/// What an import made of a file, before anything is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub report: Report,
    /// What was found, line by line: "单位：…", "章节 12 个", "绩效指标 25 个，自评得分 92.50（优）".
    pub found: Vec<String>,
    /// What was not understood or was assumed, each with its place: "第 3 个表格：未识别的列“备注”".
    pub missed: Vec<String>,
    /// Headers of the indicator table that no column took: the preview asks about these.
    pub unplaced: Vec<String>,
}

/// How an import crosses from the office module to the editor: the draft as a draft file
/// (so the editor reads it through the same checks as any file) and the preview's lines.
#[derive(Default, Serialize)]
struct Wire {
    draft: String,
    found: Vec<String>,
    missed: Vec<String>,
    unplaced: Vec<String>,
}

deserialize_members!(Wire {
    draft: required,
    found: required,
    missed: required,
    unplaced
});

impl Imported {
    pub fn to_json(&self) -> String {
        serde_json::to_string(&Wire {
            draft: draft::to_json(&self.report),
            found: self.found.clone(),
            missed: self.missed.clone(),
            unplaced: self.unplaced.clone(),
        })
        .unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<Imported, String> {
        let w: Wire =
            crate::base::json::from_text(text).map_err(|e| format!("导入结果有误：{e}"))?;
        let report = draft::from_json(&w.draft).map_err(|e| e.to_string())?;
        Ok(Imported {
            report,
            found: w.found,
            missed: w.missed,
            unplaced: w.unplaced,
        })
    }

    /// The closing lines every import's preview shows: the unit, the parts, the total.
    fn summarise(&mut self, pack: &Pack) {
        let r = &self.report;
        let e = evaluate(r, pack);
        let mut head = Vec::new();
        if !r.unit.name.is_empty() {
            head.push(format!("单位：{}", r.unit.name));
        }
        if r.unit.year > 0 {
            head.push(format!("年度：{}", r.unit.year));
        }
        let filled = |rows: &[crate::model::BudgetRow]| {
            rows.iter()
                .filter(|b| {
                    !b.initial.is_blank() || !b.adjusted.is_blank() || !b.executed.is_blank()
                })
                .count()
        };
        let budget_rows = filled(&r.budget.sources) + filled(&r.budget.uses);
        if budget_rows > 0 {
            let rate = e
                .execution_rate
                .map(|x| format!("，执行率 {}%", fmt2(x)))
                .unwrap_or_default();
            head.push(format!(
                "预算执行 {budget_rows} 行：全年预算数 {} 万元，执行数 {} 万元{rate}",
                fmt2(e.budget.total.budget),
                fmt2(e.budget.total.executed)
            ));
        }
        let titled = r.sections.iter().filter(|s| !s.title.is_empty()).count();
        let with_text = r
            .sections
            .iter()
            .filter(|s| !s.text.trim().is_empty())
            .count();
        head.push(format!("章节 {titled} 个（其中 {with_text} 个有正文）"));
        head.push(format!(
            "绩效指标 {} 个，按“{}”计算自评得分 {}（{}）",
            r.indicators.len(),
            pack.name,
            fmt2(e.total),
            e.grade
        ));
        head.append(&mut self.found);
        self.found = head;
    }
}

/// What the app cannot read, said so a user knows what to do; `None` for a file the importers
/// (or the draft reader) take. `head` is the file's first bytes.
pub fn refusal(name: &str, head: &[u8]) -> Option<String> {
    let ext = extension(name);
    let ole = head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let zip = head.starts_with(b"PK");
    match ext.as_str() {
        "doc" | "wps" | "dot" | "wpt" => Some(
            "这是旧版 Word/WPS 文档格式（.doc/.wps），无法直接读取：请在 Word 或 WPS 中打开，\
             “另存为” .docx 格式后再导入"
                .into(),
        ),
        "pdf" => Some(
            "PDF 文件无法导入：请在 PDF 阅读器中复制文字，粘贴到对应章节；表格可复制后在表格视图中粘贴"
                .into(),
        ),
        "docx" | "docm" | "xlsx" | "xlsm" if ole => Some(
            "文件设有打开密码（已加密），无法读取：请在 Word/WPS/Excel 中打开，取消密码后另存，再导入"
                .into(),
        ),
        "docx" | "docm" | "xlsx" | "xlsm" | "ods" if !zip => Some(
            "文件已损坏或不完整（不是有效的 Office 文件）：请在 Word/WPS/Excel 中打开确认，另存后再导入"
                .into(),
        ),
        _ if head.starts_with(b"%PDF") => refusal("x.pdf", &[]),
        _ => None,
    }
}

/// Whether the importers (rather than the draft reader) take this file.
pub fn is_office(name: &str, head: &[u8]) -> bool {
    matches!(
        extension(name).as_str(),
        "docx" | "docm" | "xlsx" | "xlsm" | "xls" | "et" | "ods" | "xlsb"
    ) || head.starts_with(b"PK")
        || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The draft's name from the file's: "2023年自评报告.docx" → "2023年自评报告".
fn stem(name: &str) -> String {
    name.rsplit_once('.')
        .map_or(name, |(s, _)| s)
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests;

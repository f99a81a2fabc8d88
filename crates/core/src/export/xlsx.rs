//! The 自评表 as an .xlsx workbook (cargo feature `xlsx`): one sheet with the header fields,
//! the budget block and the indicator block, figures as numbers with two decimals, written
//! as SpreadsheetML (see [`super::ooxml`]). Numbers are written from their exact decimals.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use super::ooxml::{esc, package, rels, DECL};
use crate::model::Report;
use crate::report::sheet::{sheet, Cell, Sheet, Table};
use crate::scoring::Evaluation;

/// Excel's limit on a cell's text, in characters.
const MAX_TEXT: usize = 32_767;

/// The cell formats (`cellXfs` of [`STYLES`], by index).
#[derive(Clone, Copy)]
enum Style {
    Title = 1,
    Caption = 2,
    Head = 3,
    /// Body cells; each has its bold form (for 合计 rows) at the next index.
    Text = 4,
    Amount = 6,
    Percent = 8,
    Plain = 10,
}

impl Style {
    fn id(self, bold: bool) -> usize {
        self as usize + usize::from(bold && (self as usize) >= Style::Text as usize)
    }
}

const STYLES: &str = r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00" /></numFmts><fonts count="3"><font><sz val="11" /><name val="宋体" /><family val="3" /><charset val="134" /></font><font><b /><sz val="11" /><name val="宋体" /><family val="3" /><charset val="134" /></font><font><b /><sz val="16" /><name val="宋体" /><family val="3" /><charset val="134" /></font></fonts><fills count="2"><fill><patternFill patternType="none" /></fill><fill><patternFill patternType="gray125" /></fill></fills><borders count="2"><border><left /><right /><top /><bottom /><diagonal /></border><border><left style="thin"><color auto="1" /></left><right style="thin"><color auto="1" /></right><top style="thin"><color auto="1" /></top><bottom style="thin"><color auto="1" /></bottom><diagonal /></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" /></cellStyleXfs><cellXfs count="12"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" /><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" /><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" /><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1" /></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1" /></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1" /></xf><xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" /></xf><xf numFmtId="164" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" /></xf><xf numFmtId="10" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" /></xf><xf numFmtId="10" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" /></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center" /></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" /></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" /></cellStyles></styleSheet>"#;

/// One worksheet being filled: cells by (row, column) from 0, texts in the shared strings.
#[derive(Default)]
struct Book {
    cells: BTreeMap<(u32, u16), String>,
    strings: Vec<String>,
    index: HashMap<String, usize>,
    widths: Vec<f64>,
}

/// A cell's reference: column letters and row number from 1 (0, 0 → A1).
fn reference(row: u32, col: u16) -> String {
    let mut letters = Vec::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        n -= 1;
        letters.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

impl Book {
    fn text(&mut self, at: (u32, u16), text: &str, style: usize) -> Result<(), String> {
        let text = crate::base::text::clean(text).into_owned();
        if text.chars().count() > MAX_TEXT {
            return Err(
                "某个单元格的文字超过 Excel 单元格 32,767 字的上限，请缩短后再导出（Word 和网页报告不受此限）"
                    .to_string(),
            );
        }
        let next = self.strings.len();
        let i = *self.index.entry(text.clone()).or_insert(next);
        if i == next {
            self.strings.push(text);
        }
        let r = reference(at.0, at.1);
        self.cells.insert(
            at,
            format!(r#"<c r="{r}" s="{style}" t="s"><v>{i}</v></c>"#),
        );
        Ok(())
    }

    fn number(&mut self, at: (u32, u16), v: Decimal, style: usize) {
        let r = reference(at.0, at.1);
        let v = v.normalize();
        self.cells
            .insert(at, format!(r#"<c r="{r}" s="{style}"><v>{v}</v></c>"#));
    }

    /// A cell as Excel should hold it: figures as numbers with their format, text as text.
    fn cell(&mut self, at: (u32, u16), cell: &Cell, bold: bool) -> Result<(), String> {
        match cell {
            Cell::Amount(v) => self.number(at, *v, Style::Amount.id(bold)),
            Cell::Percent(v) => {
                let share = v.checked_div(Decimal::ONE_HUNDRED).unwrap_or_default();
                self.number(at, share, Style::Percent.id(bold));
            }
            Cell::Plain(v) => self.number(at, *v, Style::Plain.id(bold)),
            Cell::Text(t) => self.text(at, t, Style::Text.id(bold))?,
            Cell::Empty => {
                let r = reference(at.0, at.1);
                let s = Style::Text.id(bold);
                self.cells.insert(at, format!(r#"<c r="{r}" s="{s}" />"#));
            }
        }
        Ok(())
    }

    /// A table: caption, header row, body rows; the row after its blank line.
    fn table(&mut self, mut row: u32, t: &Table) -> Result<u32, String> {
        self.text((row, 0), &t.caption, Style::Caption.id(false))?;
        row += 1;
        for (c, h) in t.header.iter().enumerate() {
            self.text((row, c as u16), h, Style::Head.id(false))?;
        }
        row += 1;
        for r in &t.rows {
            for (c, cell) in r.cells.iter().enumerate() {
                self.cell((row, c as u16), cell, r.total)?;
            }
            row += 1;
        }
        Ok(row + 1)
    }

    /// The workbook's bytes, its one sheet named `name`, the document titled `title`.
    fn finish(self, name: &str, title: &str) -> Vec<u8> {
        let mut sheet = format!(
            r#"{DECL}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetViews><sheetView workbookViewId="0" /></sheetViews><sheetFormatPr defaultRowHeight="14.25" />"#
        );
        if !self.widths.is_empty() {
            sheet.push_str("<cols>");
            for (i, w) in self.widths.iter().enumerate() {
                sheet.push_str(&format!(
                    r#"<col min="{0}" max="{0}" width="{1:.2}" customWidth="1" />"#,
                    i + 1,
                    w + 0.71
                ));
            }
            sheet.push_str("</cols>");
        }
        sheet.push_str("<sheetData>");
        let mut open: Option<u32> = None;
        for ((row, _), xml) in &self.cells {
            if open != Some(*row) {
                if open.is_some() {
                    sheet.push_str("</row>");
                }
                sheet.push_str(&format!(r#"<row r="{}">"#, row + 1));
                open = Some(*row);
            }
            sheet.push_str(xml);
        }
        if open.is_some() {
            sheet.push_str("</row>");
        }
        sheet.push_str("</sheetData></worksheet>");

        let n = self.strings.len();
        let mut strings = format!(
            r#"{DECL}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}">"#
        );
        for s in &self.strings {
            strings.push_str(r#"<si><t xml:space="preserve">"#);
            esc(&mut strings, s);
            strings.push_str("</t></si>");
        }
        strings.push_str("</sst>");

        let mut workbook = format!(
            r#"{DECL}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView /></bookViews><sheets><sheet name=""#
        );
        esc(&mut workbook, name);
        workbook.push_str(r#"" sheetId="1" r:id="rId1" /></sheets></workbook>"#);
        let workbook_rels = rels(&[
            ("rId1", "worksheet", "worksheets/sheet1.xml"),
            ("rId2", "styles", "styles.xml"),
            ("rId3", "sharedStrings", "sharedStrings.xml"),
        ]);
        let styles = format!("{DECL}{STYLES}");
        package(
            title,
            &[
                (
                    "xl/workbook.xml",
                    Some("officedocument.spreadsheetml.sheet.main+xml"),
                    workbook.as_bytes(),
                ),
                ("xl/_rels/workbook.xml.rels", None, workbook_rels.as_bytes()),
                (
                    "xl/styles.xml",
                    Some("officedocument.spreadsheetml.styles+xml"),
                    styles.as_bytes(),
                ),
                (
                    "xl/sharedStrings.xml",
                    Some("officedocument.spreadsheetml.sharedStrings+xml"),
                    strings.as_bytes(),
                ),
                (
                    "xl/worksheets/sheet1.xml",
                    Some("officedocument.spreadsheetml.worksheet+xml"),
                    sheet.as_bytes(),
                ),
            ],
        )
    }
}

/// Any table as a workbook of one sheet (the finance office's summary).
pub fn table_xlsx(t: &Table) -> Result<Vec<u8>, String> {
    let mut book = Book {
        widths: t.widths.iter().map(|w| f64::from(*w) / 8.0).collect(),
        ..Book::default()
    };
    book.table(0, t)?;
    Ok(book.finish("汇总", &t.caption))
}

/// The workbook's bytes.
pub fn self_evaluation_xlsx(report: &Report, eval: &Evaluation) -> Result<Vec<u8>, String> {
    sheet_xlsx(&sheet(report, eval))
}

/// The 自评表 (see [`crate::report::sheet`]) on one worksheet.
pub fn sheet_xlsx(s: &Sheet) -> Result<Vec<u8>, String> {
    let mut book = Book {
        widths: vec![12.0, 12.0, 22.0, 6.0, 6.0, 11.0, 11.0, 11.0, 8.0, 9.0, 30.0],
        ..Book::default()
    };
    let caption = Style::Caption.id(false);
    let text = Style::Text.id(false);
    book.text((0, 0), &s.title, Style::Title.id(false))?;
    let mut row = 2;
    for [(a, b), (c, d)] in &s.fields {
        book.text((row, 0), a, caption)?;
        book.cell((row, 1), b, false)?;
        book.text((row, 3), c, caption)?;
        book.cell((row, 5), d, false)?;
        row += 1;
    }
    row += 1;
    for t in &s.tables {
        row = book.table(row, t)?;
    }
    for note in &s.notes {
        book.text((row, 0), &format!("注：{note}"), text)?;
        row += 1;
    }
    for (label, value) in &s.closing {
        book.text((row, 0), label, caption)?;
        book.text((row, 1), value, text)?;
        row += 1;
    }
    row += 1;
    for (i, (label, value)) in s.signoff.iter().enumerate() {
        let col = (i as u16 % 2) * 5;
        if i > 0 && i % 2 == 0 {
            row += 1;
        }
        book.text((row, col), label, caption)?;
        book.text((row, col + 1), value, text)?;
    }
    Ok(book.finish("自评表", &s.title))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, sample, Pack};

    #[test]
    fn the_workbook_carries_the_figures() {
        let r = sample();
        let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
        let bytes = self_evaluation_xlsx(&r, &evaluate(&r, &pack)).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
        let mut read = |name: &str| {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
            s
        };
        let strings = read("xl/sharedStrings.xml");
        let sheet = read("xl/worksheets/sheet1.xml");
        assert!(strings.contains("2021年度部门整体支出绩效自评表"));
        assert!(strings.contains("预算执行情况（万元）"));
        assert!(sheet.contains("<v>4051.83</v>") && sheet.contains("<v>3990.84</v>"));
        assert!(sheet.contains("<v>99.77</v>"));
        // the execution rate is a number formatted as a percentage, the sign-off is there
        assert!(sheet.contains("<v>0.9849</v>"));
        assert!(strings.contains("单位负责人") && strings.contains("填报日期"));
    }

    #[test]
    fn hostile_and_pasted_text_stays_text() {
        let mut r = sample();
        r.indicators[0].reason = "<x>\"R&D\" ]]> 从PDF\u{2}\u{C}复制".into();
        r.unit.name = "单位 & <部门>".into();
        let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
        let bytes = self_evaluation_xlsx(&r, &evaluate(&r, &pack)).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut strings = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
            &mut strings,
        )
        .unwrap();
        assert!(strings.contains("&lt;x&gt;&quot;R&amp;D&quot; ]]&gt; 从PDF\n复制"));
        assert!(strings.contains("单位 &amp; &lt;部门&gt;"));
        assert!(!strings.chars().any(crate::base::text::forbidden));
    }

    #[test]
    fn cell_references_past_z() {
        assert_eq!(reference(0, 0), "A1");
        assert_eq!(reference(9, 25), "Z10");
        assert_eq!(reference(0, 26), "AA1");
        assert_eq!(reference(1, 701), "ZZ2");
        assert_eq!(reference(1, 702), "AAA2");
    }
}

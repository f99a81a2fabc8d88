//! The 自评表 as an .xlsx workbook (cargo feature `xlsx`): one sheet with the header fields,
//! the budget block and the indicator block, figures as numbers with two decimals.

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::evaluate::Evaluation;
use crate::model::Report;
use crate::sheet::{sheet, Cell, Sheet, Table};

struct Formats {
    title: Format,
    caption: Format,
    head: Format,
    /// Body cells, and the same in bold for 合计 rows.
    cell: [Format; 2],
    amount: [Format; 2],
    percent: [Format; 2],
    plain: [Format; 2],
}

impl Formats {
    fn new() -> Formats {
        let body = || Format::new().set_border(FormatBorder::Thin);
        let both = |f: Format| [f.clone(), f.set_bold()];
        Formats {
            title: Format::new().set_bold().set_font_size(16),
            caption: Format::new().set_bold(),
            head: body().set_bold().set_text_wrap(),
            cell: both(body().set_text_wrap()),
            amount: both(body().set_num_format("0.00")),
            percent: both(body().set_num_format("0.00%")),
            plain: both(body().set_num_format("General")),
        }
    }
}

/// A cell as Excel should hold it: figures as numbers with their format, text as text.
fn write_cell(
    ws: &mut Worksheet,
    (row, col): (u32, u16),
    cell: &Cell,
    f: &Formats,
    bold: bool,
) -> Result<(), XlsxError> {
    let b = usize::from(bold);
    let number = |v: rust_decimal::Decimal| v.to_f64().unwrap_or_default();
    match cell {
        Cell::Amount(v) => ws.write_number_with_format(row, col, number(*v), &f.amount[b]),
        Cell::Percent(v) => {
            let share = v
                .checked_div(rust_decimal::Decimal::ONE_HUNDRED)
                .unwrap_or_default();
            ws.write_number_with_format(row, col, number(share), &f.percent[b])
        }
        Cell::Plain(v) => ws.write_number_with_format(row, col, number(*v), &f.plain[b]),
        Cell::Text(t) => ws.write_string_with_format(row, col, crate::text::clean(t), &f.cell[b]),
        Cell::Empty => ws.write_blank(row, col, &f.cell[b]),
    }
    .map(|_| ())
}

fn table(ws: &mut Worksheet, mut row: u32, t: &Table, f: &Formats) -> Result<u32, XlsxError> {
    ws.write_string_with_format(row, 0, &t.caption, &f.caption)?;
    row += 1;
    for (c, h) in t.header.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, h, &f.head)?;
    }
    row += 1;
    for r in &t.rows {
        for (c, cell) in r.cells.iter().enumerate() {
            write_cell(ws, (row, c as u16), cell, f, r.total)?;
        }
        row += 1;
    }
    Ok(row + 1)
}

/// Any table as a workbook of one sheet (the finance office's summary).
pub fn table_xlsx(t: &Table) -> Result<Vec<u8>, String> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let f = Formats::new();
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("汇总")?;
        for (c, w) in t.widths.iter().enumerate() {
            ws.set_column_width(c as u16, f64::from(*w) / 8.0)?;
        }
        table(ws, 0, t, &f)?;
        wb.save_to_buffer()
    };
    build().map_err(|e| format!("生成 .xlsx 失败：{e}"))
}

/// The workbook's bytes.
pub fn self_evaluation_xlsx(report: &Report, eval: &Evaluation) -> Result<Vec<u8>, String> {
    sheet_xlsx(&sheet(report, eval))
}

/// The workbook of a 自评表 already computed.
pub fn sheet_xlsx(s: &Sheet) -> Result<Vec<u8>, String> {
    build(s).map_err(|e| match e {
        XlsxError::MaxStringLengthExceeded => {
            "某个单元格的文字超过 Excel 单元格 32,767 字的上限，请缩短后再导出（Word 和网页报告不受此限）"
                .to_string()
        }
        e => format!("生成 .xlsx 失败：{e}"),
    })
}

/// The 自评表 (see [`crate::sheet`]) on one worksheet.
fn build(s: &Sheet) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("自评表")?;
    for (c, w) in [12.0, 12.0, 22.0, 6.0, 6.0, 11.0, 11.0, 11.0, 8.0, 9.0, 30.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.write_string_with_format(0, 0, &s.title, &f.title)?;
    let mut row = 2;
    for [(a, b), (c, d)] in &s.fields {
        ws.write_string_with_format(row, 0, a, &f.caption)?;
        write_cell(ws, (row, 1), b, &f, false)?;
        ws.write_string_with_format(row, 3, c, &f.caption)?;
        write_cell(ws, (row, 5), d, &f, false)?;
        row += 1;
    }
    row += 1;
    for t in &s.tables {
        row = table(ws, row, t, &f)?;
    }
    for note in &s.notes {
        ws.write_string_with_format(row, 0, format!("注：{note}"), &f.cell[0])?;
        row += 1;
    }
    for (label, text) in &s.closing {
        ws.write_string_with_format(row, 0, label, &f.caption)?;
        ws.write_string_with_format(row, 1, crate::text::clean(text), &f.cell[0])?;
        row += 1;
    }
    row += 1;
    for (i, (label, value)) in s.signoff.iter().enumerate() {
        let col = (i as u16 % 2) * 5;
        if i > 0 && i % 2 == 0 {
            row += 1;
        }
        ws.write_string_with_format(row, col, label, &f.caption)?;
        ws.write_string_with_format(row, col + 1, crate::text::clean(value), &f.cell[0])?;
    }
    wb.save_to_buffer()
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
}

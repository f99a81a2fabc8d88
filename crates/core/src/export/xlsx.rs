//! The 自评表 as an .xlsx workbook (cargo feature `xlsx`): one sheet with the header fields,
//! the budget block and the indicator block, figures as numbers with two decimals.

use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::document::{budget_table, indicator_table, Block};
use crate::evaluate::Evaluation;
use crate::model::Report;
use crate::number::fmt2;

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    fmt: &Format,
    num: &Format,
) -> Result<(), XlsxError> {
    // plain decimals ("4051.83", "15") become numbers; everything else stays text as shown
    let numeric = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-');
    match text.parse::<f64>() {
        Ok(v) if numeric => ws.write_number_with_format(row, col, v, num).map(|_| ()),
        _ => ws
            .write_string_with_format(row, col, crate::text::clean(text), fmt)
            .map(|_| ()),
    }
}

fn table(ws: &mut Worksheet, mut row: u32, block: Block, f: &Formats) -> Result<u32, XlsxError> {
    let Block::Table {
        caption,
        header,
        rows,
        ..
    } = block
    else {
        return Ok(row);
    };
    ws.write_string_with_format(row, 0, &caption, &f.caption)?;
    row += 1;
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, h, &f.head)?;
    }
    row += 1;
    for r in rows {
        for (c, cell) in r.iter().enumerate() {
            write_cell(ws, row, c as u16, cell, &f.cell, &f.num)?;
        }
        row += 1;
    }
    Ok(row + 1)
}

struct Formats {
    title: Format,
    caption: Format,
    head: Format,
    cell: Format,
    num: Format,
}

/// The workbook's bytes.
pub fn self_evaluation_xlsx(report: &Report, eval: &Evaluation) -> Result<Vec<u8>, String> {
    build(report, eval).map_err(|e| match e {
        XlsxError::MaxStringLengthExceeded => {
            "某个单元格的文字超过 Excel 单元格 32,767 字的上限，请缩短后再导出（Word 和网页报告不受此限）"
                .to_string()
        }
        e => format!("生成 .xlsx 失败：{e}"),
    })
}

fn build(report: &Report, eval: &Evaluation) -> Result<Vec<u8>, XlsxError> {
    let f = Formats {
        title: Format::new().set_bold().set_font_size(16),
        caption: Format::new().set_bold(),
        head: Format::new()
            .set_bold()
            .set_border(FormatBorder::Thin)
            .set_text_wrap(),
        cell: Format::new().set_border(FormatBorder::Thin).set_text_wrap(),
        num: Format::new()
            .set_border(FormatBorder::Thin)
            .set_num_format("0.00"),
    };
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("自评表")?;
    for (c, w) in [12.0, 12.0, 22.0, 6.0, 6.0, 11.0, 11.0, 11.0, 8.0, 9.0, 30.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    let year = if report.unit.year > 0 {
        format!("{}年度", report.unit.year)
    } else {
        String::new()
    };
    ws.write_string_with_format(0, 0, format!("{year}部门整体支出绩效自评表"), &f.title)?;
    let pairs = [
        (
            "单位名称",
            report.unit.name.clone(),
            "主管部门",
            report.unit.supervisor.clone(),
        ),
        (
            "联系人",
            report.unit.contact.clone(),
            "联系电话",
            report.unit.phone.clone(),
        ),
        ("自评总分", fmt2(eval.total), "评价等级", eval.grade.clone()),
    ];
    let mut row = 2;
    for (a, b, c, d) in pairs {
        ws.write_string_with_format(row, 0, a, &f.caption)?;
        write_cell(ws, row, 1, &b, &f.cell, &f.num)?;
        ws.write_string_with_format(row, 3, c, &f.caption)?;
        write_cell(ws, row, 5, &d, &f.cell, &f.num)?;
        row += 1;
    }
    row += 1;
    row = table(ws, row, budget_table(report, eval), &f)?;
    row = table(ws, row, indicator_table(report, eval), &f)?;
    for (label, text) in [
        ("评价结论", report.conclusion.clone()),
        ("存在问题", report.problems_text()),
        ("改进措施", report.measures_text()),
    ] {
        ws.write_string_with_format(row, 0, label, &f.caption)?;
        ws.write_string_with_format(row, 1, crate::text::clean(&text), &f.cell)?;
        row += 1;
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
        assert!(strings.contains("预算执行情况（万元）") && strings.contains("98.49%"));
        assert!(sheet.contains("<v>4051.83</v>") && sheet.contains("<v>3990.84</v>"));
        assert!(sheet.contains("<v>99.77</v>"));
    }
}

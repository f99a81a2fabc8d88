//! A workbook (.xlsx, .xls, .et, .ods) as `file::office::Workbook`, read by calamine: each
//! sheet's cells as text, numbers as written (a % format as "76%"), merged ranges spread.

use std::io::Cursor;

use calamine::{Data, Reader, Sheets};
use selfeval_core::base::number::fmt_plain;
use selfeval_core::file::office::{limits, Grid, Workbook};

use crate::package::{self, damaged};

fn number(f: f64, percent: bool) -> String {
    // the shortest text that reads back as the same f64 is what the user typed
    let text = format!("{f}");
    let Ok(d) = text.parse::<rust_decimal::Decimal>() else {
        return text;
    };
    if percent {
        format!(
            "{}%",
            fmt_plain((d * rust_decimal::Decimal::from(100)).normalize())
        )
    } else {
        fmt_plain(d.normalize())
    }
}

fn text(cell: &Data, percent: bool) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => number(*f, percent),
        Data::Int(i) => number(*i as f64, percent),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(d) => {
            // a date as the year and day, for a 填报日期
            let (y, m, day) = excel_date(d.as_f64());
            format!("{y}年{m}月{day}日")
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

/// An Excel serial day (1900 system) as year, month, day.
fn excel_date(serial: f64) -> (i64, i64, i64) {
    // days since 1970-01-01 (serial 25569), then the civil calendar
    let z = serial.floor() as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Read a workbook's sheets.
pub fn read(bytes: &[u8]) -> Result<Workbook, String> {
    // a zipped workbook is opened with the package's limits first (a zip bomb is refused
    // before calamine inflates it)
    if bytes.starts_with(b"PK") {
        package::Package::open(bytes)?;
    }
    let mut book: Sheets<_> =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
            let e = e.to_string();
            if e.to_lowercase().contains("password") || e.contains("encrypt") {
                package::locked()
            } else {
                damaged()
            }
        })?;
    let mut out = Workbook::default();
    for name in book.sheet_names() {
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(_) => continue,
        };
        let styles = book.worksheet_style(&name).ok();
        let merges = match &mut book {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let (h, w) = range.get_size();
        let cut = h > limits::ROWS;
        let (h, w) = (h.min(limits::ROWS), w.min(limits::COLUMNS));
        // rows from the sheet's first row, so merged ranges' positions line up
        let mut rows = vec![vec![String::new(); w + c0 as usize]; h + r0 as usize];
        for (r, row) in range.rows().take(h).enumerate() {
            for (c, cell) in row.iter().take(w).enumerate() {
                let pos = (r0 + r as u32, c0 + c as u32);
                let percent = styles
                    .as_ref()
                    .and_then(|s| s.get(pos))
                    .and_then(|s| s.number_format.as_ref())
                    .is_some_and(|f| f.format_code.contains('%'));
                rows[pos.0 as usize][pos.1 as usize] = text(cell, percent);
            }
        }
        for m in merges {
            let (top, left) = (m.start.0 as usize, m.start.1 as usize);
            let Some(value) = rows.get(top).and_then(|r| r.get(left)).cloned() else {
                continue;
            };
            for r in top..=(m.end.0 as usize).min(rows.len().saturating_sub(1)) {
                let row = &mut rows[r];
                for c in left..=(m.end.1 as usize).min(row.len().saturating_sub(1)) {
                    if row[c].is_empty() {
                        row[c] = value.clone();
                    }
                }
            }
        }
        out.sheets.push(Grid { name, rows, cut });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn serial_days_as_dates() {
        assert_eq!(super::excel_date(45382.0), (2024, 3, 31));
        assert_eq!(super::number(0.9849, true), "98.49%");
        assert_eq!(super::number(3990.84, false), "3990.84");
    }
}

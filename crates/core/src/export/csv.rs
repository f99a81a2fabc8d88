//! The 自评表 as CSV: UTF-8 with a byte-order mark (so Excel and WPS open it in Chinese), CRLF
//! line ends, fields quoted where needed, and text that a spreadsheet would run as a formula
//! defused with a leading apostrophe.

use crate::model::Report;
use crate::report::sheet::{sheet, Table};
use crate::scoring::Evaluation;

fn field(s: &str) -> String {
    let s = &*crate::base::text::clean(s);
    let looks_numeric = s.parse::<rust_decimal::Decimal>().is_ok();
    let s = if !looks_numeric && s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn line(cells: &[String]) -> String {
    let mut l = cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(",");
    l.push_str("\r\n");
    l
}

/// Any table as a CSV file of its own (the finance office's summary).
pub fn table_csv(t: &Table) -> String {
    let mut out = String::from('\u{FEFF}');
    table(&mut out, t);
    out
}

fn table(out: &mut String, t: &Table) {
    out.push_str(&line(std::slice::from_ref(&t.caption)));
    out.push_str(&line(&t.header));
    for r in &t.rows {
        out.push_str(&line(&r.shown()));
    }
    out.push_str("\r\n");
}

/// The 自评表 (see [`crate::report::sheet`]): header fields, the budget block, the indicator block
/// with total and grade, the closing fields and the sign-off.
pub fn self_evaluation_csv(report: &Report, eval: &Evaluation) -> String {
    let s = sheet(report, eval);
    let mut out = String::from('\u{FEFF}');
    out.push_str(&line(&[s.title]));
    for pair in &s.fields {
        let cells: Vec<String> = pair
            .iter()
            .flat_map(|(label, value)| [label.clone(), value.shown()])
            .collect();
        out.push_str(&line(&cells));
    }
    out.push_str("\r\n");
    for t in &s.tables {
        table(&mut out, t);
    }
    for note in &s.notes {
        out.push_str(&line(&[format!("注：{note}")]));
    }
    for (label, text) in s.closing {
        out.push_str(&line(&[label, text]));
    }
    let signoff: Vec<String> = s.signoff.into_iter().flat_map(|(l, v)| [l, v]).collect();
    out.push_str(&line(&signoff));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, sample, Pack};

    #[test]
    fn csv_opens_in_chinese_and_carries_the_figures() {
        let mut r = sample();
        r.problems[0].measure = "=HYPERLINK(\"x\")，另有\"引号\",逗号\n换行".into();
        let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
        let csv = self_evaluation_csv(&r, &evaluate(&r, &pack));
        assert!(csv.starts_with('\u{FEFF}'));
        assert!(csv.contains("自评总分,99.77,评价等级,优\r\n"));
        assert!(csv.contains("合计,,4051.83,3990.84,98.49%,15,14.77,\r\n"));
        assert!(csv.contains(
            "履职效能,监督工作,听取和审议专项工作报告,≥,项,30,,30,100.00%,8,8.00,否,\r\n"
        ));
        assert!(
            csv.contains("改进措施,\"'=HYPERLINK(\"\"x\"\")，另有\"\"引号\"\",逗号\n换行\"\r\n")
        );
        // negative numbers stay numbers
        assert_eq!(field("-5"), "-5");
        assert_eq!(field("-减少"), "'-减少");
    }
}

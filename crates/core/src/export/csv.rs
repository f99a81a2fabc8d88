//! The 自评表 as CSV: UTF-8 with a byte-order mark (so Excel and WPS open it in Chinese), CRLF
//! line ends, fields quoted where needed, and text that a spreadsheet would run as a formula
//! defused with a leading apostrophe.

use crate::document::{budget_table, indicator_table, Block};
use crate::evaluate::Evaluation;
use crate::model::Report;
use crate::number::fmt2;

fn field(s: &str) -> String {
    let s = &*crate::text::clean(s);
    let looks_numeric = s.parse::<f64>().is_ok();
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

fn table(out: &mut String, block: Block) {
    if let Block::Table {
        caption,
        header,
        rows,
        ..
    } = block
    {
        out.push_str(&line(&[caption]));
        out.push_str(&line(&header));
        for r in rows {
            out.push_str(&line(&r));
        }
        out.push_str("\r\n");
    }
}

/// The 自评表: header fields, the budget block, the indicator block, total and grade, the
/// closing fields and the sign-off.
pub fn self_evaluation_csv(report: &Report, eval: &Evaluation) -> String {
    let mut out = String::from('\u{FEFF}');
    let s = |x: &str| x.to_string();
    out.push_str(&line(&[format!(
        "{}部门整体支出绩效自评表",
        if report.unit.year > 0 {
            format!("{}年度", report.unit.year)
        } else {
            String::new()
        }
    )]));
    out.push_str(&line(&[
        s("单位名称"),
        report.unit.name.clone(),
        s("主管部门"),
        report.unit.supervisor.clone(),
    ]));
    out.push_str(&line(&[
        s("联系人"),
        report.unit.contact.clone(),
        s("联系电话"),
        report.unit.phone.clone(),
    ]));
    out.push_str(&line(&[
        s("自评总分"),
        fmt2(eval.total),
        s("评价等级"),
        eval.grade.clone(),
    ]));
    out.push_str("\r\n");
    table(&mut out, budget_table(report, eval));
    table(&mut out, indicator_table(report, eval));
    for (label, text) in [
        ("评价结论", report.conclusion.clone()),
        ("存在问题", report.problems_text()),
        ("改进措施", report.measures_text()),
    ] {
        out.push_str(&line(&[s(label), text]));
    }
    let o = &report.signoff;
    out.push_str(&line(&[
        s("单位负责人"),
        o.head.clone(),
        s("财务负责人"),
        o.finance_head.clone(),
        s("填报人"),
        o.preparer.clone(),
        s("填报日期"),
        o.date.clone(),
    ]));
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
        assert!(csv.contains("合计,0.00,4051.83,3990.84,98.49%,15,14.77,\r\n"));
        assert!(csv.contains("履职效能,监督工作,听取和审议专项工作报告,≥,项,30,,30,8,8.00,\r\n"));
        assert!(
            csv.contains("改进措施,\"'=HYPERLINK(\"\"x\"\")，另有\"\"引号\"\",逗号\n换行\"\r\n")
        );
        // negative numbers stay numbers
        assert_eq!(field("-5"), "-5");
        assert_eq!(field("-减少"), "'-减少");
    }
}

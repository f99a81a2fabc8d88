//! Writes the sample draft's exports into a folder (used by the test command's LibreOffice
//! check and handy for looking at the layout): sample.docx, sample.xlsx, sample.html,
//! sample-自评表.csv, and forty.docx, a 40-indicator draft with wide figures; beside each .docx a `.figures`
//! file lists every figure its 自评表 prints, one per line, for the no-wrap check on the PDF.
//! usage: cargo run -p selfeval-core --example export_sample -- <dir>

use selfeval_core::export::{csv, docx, html, xlsx};
use selfeval_core::model::Report;
use selfeval_core::report::sheet::sheet;
use selfeval_core::{evaluate, sample, Pack};

/// Every figure cell of the 自评表's tables, as printed.
fn figures(r: &Report, e: &selfeval_core::Evaluation) -> String {
    sheet(r, e)
        .tables
        .iter()
        .flat_map(|t| t.rows.iter().flat_map(|row| row.cells.iter()))
        .filter(|c| c.is_figure())
        .map(|c| c.shown() + "\n")
        .collect()
}

/// A department with a large budget, both breakdowns, last year's figures and 40 indicators
/// whose names, targets and reasons are as long as real tables have them.
fn forty() -> Report {
    let mut r = sample();
    r.unit.name = "某市生态环境保护综合行政执法支队".into();
    let src = &mut r.budget.sources;
    for (row, (i, a, e, c, l)) in src.iter_mut().zip([
        (
            "123456.78",
            "134567.89",
            "131234.56",
            "2345.67",
            "118765.43",
        ),
        ("8765.43", "9876.54", "9123.45", "", "8001.20"),
        ("1234.56", "1234.56", "1111.11", "", "999.99"),
        ("", "", "", "", ""),
    ]) {
        row.initial = i.into();
        row.adjusted = a.into();
        row.executed = e.into();
        row.carryover = c.into();
        row.last_year = l.into();
        row.reason = "年中追加专项资金，部分项目跨年度实施".into();
    }
    for (row, (a, e)) in r.budget.uses.iter_mut().zip([
        ("60000.00", "59876.54"),
        ("12345.67", "12001.23"),
        ("73333.32", "69591.35"),
    ]) {
        row.adjusted = a.into();
        row.executed = e.into();
    }
    let base = r.indicators.clone();
    r.indicators = (0..40)
        .map(|n| {
            let mut i = base[n % base.len()].clone();
            i.id = format!("ind-{}", n + 1);
            i.weight = "2.5".into();
            if i.link.is_none() && i.rule.needs_number() {
                let (t, a) = [
                    ("≥95%", "96.35%"),
                    ("2200篇", "2859篇"),
                    ("≤5%", "4.87%"),
                    ("12345.67", "12001.23"),
                ][n % 4];
                i.target = t.into();
                i.actual = a.into();
                i.level3 = format!("{}（第{}项，含跨部门协同事项）", i.level3, n + 1);
            }
            if n % 3 == 0 {
                i.reason = "受上级政策调整影响，部分任务延至下一年度完成，已制定整改计划".into();
            }
            i
        })
        .collect();
    r.weights_confirmed = true;
    r
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/export".into());
    std::fs::create_dir_all(&dir)?;
    let r = sample();
    let pack = Pack::builtin_by_id(&r.pack_id).expect("the sample's pack is built in");
    let e = evaluate(&r, &pack);
    std::fs::write(format!("{dir}/sample.docx"), docx::docx(&r, &e))?;
    std::fs::write(format!("{dir}/sample.figures"), figures(&r, &e))?;
    std::fs::write(format!("{dir}/sample.html"), html::html(&r, &e))?;
    let book = xlsx::self_evaluation_xlsx(&r, &e).expect("the sample fits Excel's limits");
    std::fs::write(format!("{dir}/sample.xlsx"), book)?;
    std::fs::write(
        format!("{dir}/sample-自评表.csv"),
        csv::self_evaluation_csv(&r, &e),
    )?;
    let big = forty();
    let e = evaluate(&big, &pack);
    std::fs::write(format!("{dir}/forty.docx"), docx::docx(&big, &e))?;
    std::fs::write(format!("{dir}/forty.figures"), figures(&big, &e))?;
    println!("wrote {dir}/sample.docx, sample.xlsx, sample.html, sample-自评表.csv, forty.docx");
    Ok(())
}

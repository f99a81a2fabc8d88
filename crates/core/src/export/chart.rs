//! Charts as hand-written SVG (no chart library): budget against execution by funding source,
//! and score against weight by 一级指标. Text is escaped; sizes are fixed so the charts print.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::evaluate::Evaluation;
use crate::export::html::escape;
use crate::model::Report;
use crate::number::{fmt2, fmt_percent, fmt_plain};

const W: f64 = 560.0;
const LABEL_W: f64 = 130.0;
const BAR_W: f64 = 300.0;
const ROW_H: f64 = 44.0;
const INK: &str = "#1f2328";
const LIGHT: &str = "#d9dde3";
const ACCENT: &str = "#9f1d20";

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

fn frame(title: &str, height: f64, body: String) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}" width="{W}" height="{height}" role="img" aria-label="{t}" font-family="sans-serif" font-size="12"><title>{t}</title><text x="0" y="16" font-size="14" font-weight="bold" fill="{INK}">{t}</text>{body}</svg>"##,
        t = escape(title)
    )
}

/// Two bars per row: the bar's length for `a` (light) and `b` (dark) against `max`.
fn bars(rows: &[(String, Decimal, Decimal, String)], max: Decimal) -> (f64, String) {
    let mut body = String::new();
    let scale = if max > Decimal::ZERO {
        BAR_W / f(max)
    } else {
        0.0
    };
    for (i, (label, a, b, note)) in rows.iter().enumerate() {
        let y = 30.0 + i as f64 * ROW_H;
        let (wa, wb) = (f(*a) * scale, f(*b) * scale);
        body.push_str(&format!(
            r##"<text x="0" y="{ty}" fill="{INK}">{label}</text><rect x="{LABEL_W}" y="{y}" width="{wa:.1}" height="14" fill="{LIGHT}"/><rect x="{LABEL_W}" y="{y2}" width="{wb:.1}" height="14" fill="{ACCENT}"/><text x="{nx:.1}" y="{ty}" fill="{INK}">{note}</text>"##,
            ty = y + 19.0,
            y2 = y + 16.0,
            nx = LABEL_W + BAR_W + 8.0,
            label = escape(label),
            note = escape(note),
        ));
    }
    (30.0 + rows.len() as f64 * ROW_H + 24.0, body)
}

fn legend(y: f64, a: &str, b: &str) -> String {
    format!(
        r##"<rect x="{LABEL_W}" y="{y}" width="12" height="12" fill="{LIGHT}"/><text x="{x1}" y="{ty}" fill="{INK}">{a}</text><rect x="{x2}" y="{y}" width="12" height="12" fill="{ACCENT}"/><text x="{x3}" y="{ty}" fill="{INK}">{b}</text>"##,
        x1 = LABEL_W + 16.0,
        x2 = LABEL_W + 110.0,
        x3 = LABEL_W + 126.0,
        ty = y + 11.0,
    )
}

/// 预算与执行: each funding source with a budget, and the total.
pub fn budget_chart(report: &Report, eval: &Evaluation) -> String {
    let mut rows: Vec<(String, Decimal, Decimal, String)> = report
        .budget
        .sources
        .iter()
        .zip(&eval.budget.sources)
        .filter_map(|(row, e)| {
            let budget = e.budget?;
            let executed = e.executed.unwrap_or_default();
            let rate = e.rate.map(fmt_percent).unwrap_or_default();
            Some((row.name.clone(), budget, executed, rate))
        })
        .collect();
    let t = &eval.budget.total;
    if t.rows_filled > 0 {
        let rate = t.rate.map(fmt_percent).unwrap_or_default();
        rows.push(("合计".into(), t.budget, t.executed, rate));
    }
    let max = rows.iter().map(|r| r.1.max(r.2)).max().unwrap_or_default();
    let (h, body) = bars(&rows, max);
    frame(
        "预算与执行（万元）",
        h + 8.0,
        body + &legend(h - 16.0, "全年预算数", "执行数"),
    )
}

/// 得分与权重: each 一级指标's score against its weight.
pub fn score_chart(eval: &Evaluation) -> String {
    let rows: Vec<(String, Decimal, Decimal, String)> = eval
        .level1
        .iter()
        .map(|s| {
            let note = format!("{} / {}", fmt2(s.score), fmt_plain(s.weight.round_dp(2)));
            (s.level1.clone(), s.weight, s.score, note)
        })
        .collect();
    let max = rows.iter().map(|r| r.1.max(r.2)).max().unwrap_or_default();
    let (h, body) = bars(&rows, max);
    frame(
        "得分与权重（一级指标）",
        h + 8.0,
        body + &legend(h - 16.0, "权重", "得分"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, sample, Pack};

    #[test]
    fn charts_show_the_computed_figures() {
        let r = sample();
        let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
        let e = evaluate(&r, &pack);
        let b = budget_chart(&r, &e);
        assert!(b.starts_with("<svg") && b.ends_with("</svg>"));
        assert!(b.contains(">财政拨款<") && b.contains(">98.49%<"));
        let s = score_chart(&e);
        assert!(s.contains(">预算管理<") && s.contains(">19.77 / 20<"));
        // a hostile indicator name comes out as text
        let mut r2 = r.clone();
        r2.indicators[0].level1 = "<script>alert(1)</script>".into();
        let s = score_chart(&evaluate(&r2, &pack));
        assert!(!s.contains("<script>") && s.contains("&lt;script&gt;"));
    }
}

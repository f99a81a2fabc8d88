//! Charts as hand-written SVG (no chart library): budget against execution by funding source,
//! and score against weight by 一级指标. Text is escaped; sizes are fixed so the charts print.
//! Coordinates are exact decimals, written to a tenth (no floating point).

use rust_decimal::Decimal;

use crate::base::number::{fmt2, fmt_percent, fmt_plain};
use crate::base::text::escape;
use crate::model::Report;
use crate::scoring::Evaluation;

const W: i64 = 560;
const LABEL_W: i64 = 130;
const BAR_W: i64 = 300;
const ROW_H: i64 = 44;
const INK: &str = "#1f2328";
const LIGHT: &str = "#d9dde3";
const ACCENT: &str = "#9f1d20";

fn frame(title: &str, height: i64, body: String) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}" width="{W}" height="{height}" role="img" aria-label="{t}" font-family="sans-serif" font-size="12"><title>{t}</title><text x="0" y="16" font-size="14" font-weight="bold" fill="{INK}">{t}</text>{body}</svg>"##,
        t = escape(title)
    )
}

/// A bar's length for `value` against `max`, to a tenth of a pixel: never past the full width,
/// whatever the figures (a ratio of at most 1 cannot overflow).
fn length(value: Decimal, max: Decimal) -> String {
    let ratio = value
        .checked_div(max)
        .unwrap_or_default()
        .clamp(Decimal::ZERO, Decimal::ONE);
    fmt_plain((ratio * Decimal::from(BAR_W)).round_dp(1))
}

/// Two bars per row: the bar's length for `a` (light) and `b` (dark) against `max`.
fn bars(rows: &[(String, Decimal, Decimal, String)], max: Decimal) -> (i64, String) {
    let mut body = String::new();
    for (i, (label, a, b, note)) in rows.iter().enumerate() {
        let y = 30 + i as i64 * ROW_H;
        let (wa, wb) = (length(*a, max), length(*b, max));
        body.push_str(&format!(
            r##"<text x="0" y="{ty}" fill="{INK}">{label}</text><rect x="{LABEL_W}" y="{y}" width="{wa}" height="14" fill="{LIGHT}"/><rect x="{LABEL_W}" y="{y2}" width="{wb}" height="14" fill="{ACCENT}"/><text x="{nx}" y="{ty}" fill="{INK}">{note}</text>"##,
            ty = y + 19,
            y2 = y + 16,
            nx = LABEL_W + BAR_W + 8,
            label = escape(label),
            note = escape(note),
        ));
    }
    (30 + rows.len() as i64 * ROW_H + 24, body)
}

fn legend(y: i64, a: &str, b: &str) -> String {
    format!(
        r##"<rect x="{LABEL_W}" y="{y}" width="12" height="12" fill="{LIGHT}"/><text x="{x1}" y="{ty}" fill="{INK}">{a}</text><rect x="{x2}" y="{y}" width="12" height="12" fill="{ACCENT}"/><text x="{x3}" y="{ty}" fill="{INK}">{b}</text>"##,
        x1 = LABEL_W + 16,
        x2 = LABEL_W + 110,
        x3 = LABEL_W + 126,
        ty = y + 11,
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
        h + 8,
        body + &legend(h - 16, "全年预算数", "执行数"),
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
        h + 8,
        body + &legend(h - 16, "权重", "得分"),
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

    #[test]
    fn bar_lengths_are_exact_tenths_within_the_bar() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(length(d("3990.84"), d("4051.83")), "295.5");
        assert_eq!(length(d("4051.83"), d("4051.83")), "300");
        assert_eq!(length(d("-5"), d("10")), "0");
        assert_eq!(length(d("5"), Decimal::ZERO), "0");
        // figures at the edge of what a decimal holds
        let huge = d("79228162514264337593543950335");
        assert_eq!(length(huge, huge), "300");
        assert_eq!(length(d("1"), huge), "0");
    }
}

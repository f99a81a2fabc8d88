//! The tables as a spreadsheet: a preview of what a paste changes (the block and its header
//! mapping come from `file::table`), clearing a range, and copying out as tab-separated text
//! that pastes back with numbers as numbers.
//!
//! A pasted cell is stored exactly like a typed one: figures keep their text (the check reports
//! a text that does not read), fields with a fixed set of values refuse what they cannot take,
//! and the whole paste is one new draft — one undo step.

use crate::base::number::{fmt_plain, parse_number};
use crate::edit::Edit;
use crate::model::pack::Pack;
use crate::model::List;
use crate::model::Report;

use crate::file::table::{map_header, CellKind, Column, ColumnKey, HeaderMap};

/// The text of the cell in row `row` (by position) and column `spec` of the grid of `list`:
/// read from the row directly, not looked up by id (a paste of 300 rows reads 3,000 cells).
fn text_at(report: &Report, list: List, spec: &Column, row: usize) -> Option<String> {
    match spec.key {
        ColumnKey::Indicator(f) => report.indicators.get(row).map(|r| f.get(r)),
        ColumnKey::Budget(f) => match list {
            List::Sources => report.budget.sources.get(row),
            List::Uses => report.budget.uses.get(row),
            _ => None,
        }
        .map(|r| f.get(r)),
    }
}

/// One cell a paste changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Row in the grid (0-based; rows past the end are added).
    pub row: usize,
    pub column: usize,
    pub before: String,
    pub after: String,
    /// Kept and flagged: what is wrong with the pasted text.
    pub error: Option<String>,
}

/// What a paste will do, shown before it is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub list: List,
    pub changes: Vec<Change>,
    /// Rows added at the end of the table.
    pub added: usize,
    /// Header handling, when the block started with a header row.
    pub header: Option<HeaderMap>,
}

impl Plan {
    pub fn flagged(&self) -> usize {
        self.changes.iter().filter(|c| c.error.is_some()).count()
    }
}

/// The ids of a grid's rows.
pub fn row_ids(report: &Report, list: List) -> Vec<String> {
    report.ids(list).into_iter().map(str::to_string).collect()
}

/// Plan pasting `block` at `(row, column)` of the grid of `list`, cells read as the draft's
/// `pack` reads them. A header row is mapped onto the columns by name (then the data fills
/// from the grid's first column of each mapped field, at `row`); without one, cells fill from
/// the cursor rightwards. `assign` overrides the mapping of pasted columns the user placed by
/// hand.
pub fn plan(
    report: &Report,
    pack: &Pack,
    list: List,
    columns: &[Column],
    block: &[Vec<String>],
    (row, column): (usize, usize),
    assign: &[(usize, Option<usize>)],
) -> Plan {
    let ids = row_ids(report, list);
    let header = block.first().and_then(|h| map_header(h, columns));
    let (data, targets): (&[Vec<String>], Vec<Option<usize>>) = match &header {
        Some(map) => {
            let mut t = map.columns.clone();
            for (i, to) in assign {
                if let Some(slot) = t.get_mut(*i) {
                    *slot = *to;
                }
            }
            (&block[1..], t)
        }
        None => {
            let width = block.iter().map(Vec::len).max().unwrap_or(0);
            let t = (0..width)
                .map(|i| Some(column + i).filter(|c| *c < columns.len()))
                .collect();
            (block, t)
        }
    };
    let mut changes = Vec::new();
    for (r, cells) in data.iter().enumerate() {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let at = row + r;
        for (i, text) in cells.iter().enumerate() {
            let Some(col) = targets.get(i).copied().flatten() else {
                continue;
            };
            let spec = &columns[col];
            let before = text_at(report, list, spec, at).unwrap_or_default();
            let (after, error) = spec.read(text, &pack.qualitative);
            if after != before {
                changes.push(Change {
                    row: at,
                    column: col,
                    before,
                    after,
                    error,
                });
            }
        }
    }
    let last = changes.iter().map(|c| c.row + 1).max().unwrap_or(0);
    Plan {
        list,
        changes,
        added: last.saturating_sub(ids.len()),
        header,
    }
}

/// Plan clearing a selected range of a grid (Delete on it), `from` and `to` its opposite
/// corners as (row, column): every cell in it with text becomes empty, as if deleted by hand.
pub fn clear(
    report: &Report,
    list: List,
    columns: &[Column],
    from: (usize, usize),
    to: (usize, usize),
) -> Plan {
    let ids = row_ids(report, list);
    let (rows, cols) = (
        from.0.min(to.0)..=from.0.max(to.0),
        from.1.min(to.1)..=from.1.max(to.1),
    );
    let mut changes = Vec::new();
    for row in (0..ids.len()).filter(|i| rows.contains(i)) {
        for (column, spec) in columns.iter().enumerate().filter(|(i, _)| cols.contains(i)) {
            let before = text_at(report, list, spec, row).unwrap_or_default();
            if !before.is_empty() {
                changes.push(Change {
                    row,
                    column,
                    before,
                    after: String::new(),
                    error: None,
                });
            }
        }
    }
    Plan {
        list,
        changes,
        added: 0,
        header: None,
    }
}

/// `plan` as one edit: the rows it needs added, then each cell set as if typed. A cell its
/// field refuses (an unknown 性质) is left as it was.
pub fn edit(report: &Report, plan: &Plan, columns: &[Column]) -> Edit {
    let mut edits = Vec::new();
    let mut ids = row_ids(report, plan.list);
    // the ids `Add` will give, found by adding them to a copy
    let mut r = report.clone();
    for _ in 0..plan.added {
        let add = Edit::Add {
            list: plan.list,
            after: ids.last().cloned(),
        };
        if let Ok(Some(id)) = r.apply(&add) {
            ids.push(id);
            edits.push(add);
        }
    }
    for c in &plan.changes {
        if let Some(id) = ids.get(c.row) {
            edits.push(Edit::Set {
                field: columns[c.column].field(plan.list, id),
                value: c.after.clone(),
            });
        }
    }
    Edit::Many(edits)
}

/// A paste as one edit, as [`edit`], with the links of rows it names like a figure the app
/// computes (预算执行率, 在职人员控制率…): the pasted 完成值 stays as typed beside the computed
/// one, so a disagreement is a finding.
pub fn paste(report: &Report, pack: &Pack, plan: &Plan, columns: &[Column]) -> Edit {
    let edit = edit(report, plan, columns);
    if plan.list != List::Indicators {
        return edit;
    }
    let mut after = report.clone();
    let _ = after.apply(&edit);
    match crate::app::import::links::adopt(&after, pack) {
        Some(links) => Edit::Many(vec![edit, links]),
        None => edit,
    }
}

/// Rows `rows` and columns `cols` of a grid as tab-separated text for Excel and WPS: figures
/// that read as numbers are written as plain numbers (4051.83, not "4,051.83万元"), so they
/// paste back as numbers; texts with a tab, line break or quote are quoted.
pub fn copy_tsv(
    report: &Report,
    list: List,
    columns: &[Column],
    rows: std::ops::Range<usize>,
    cols: std::ops::Range<usize>,
) -> String {
    let ids = row_ids(report, list);
    let mut out = String::new();
    for row in (0..ids.len()).skip(rows.start).take(rows.len()) {
        let cells: Vec<String> = columns[cols.clone()]
            .iter()
            .map(|c| {
                let text = text_at(report, list, c, row).unwrap_or_default();
                let shown = match c.kind {
                    CellKind::Number => parse_number("", &text)
                        .ok()
                        .flatten()
                        .map_or(text.clone(), fmt_plain),
                    _ => text,
                };
                quote(&shown)
            })
            .collect();
        out.push_str(&cells.join("\t"));
        out.push_str("\r\n");
    }
    out
}

fn quote(s: &str) -> String {
    if s.contains(['\t', '\n', '\r', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The rows a long grid draws: those its scroll box shows, `OVERSCAN` more on each side, and
/// never fewer than `DRAWN_AT_LEAST`. Its inputs (ten per row) are what makes a grid slow to
/// build and lay out, so a 300-row grid draws some forty rows; the rest are one empty spacer
/// above and one below of their height. (Sixty rows and twenty on each side made opening a
/// 300-row draft a third slower at 4× CPU than forty and ten.)
///
/// `top` is how far the rows are scrolled (pixels from the first row's top), `view` the box's
/// height, `row` one row's height. The start moves in steps of `STEP` rows, so scrolling
/// redraws now and then, not on every pixel. The end is not clamped to the row count: rows
/// added at the end (Enter on the last row, a paste) are drawn at once.
pub fn drawn(top: i32, view: i32, row: i32) -> std::ops::Range<usize> {
    let row = row.max(1);
    let first_seen = (top.max(0) / row) as usize;
    let seen = (view.max(0) / row) as usize + 1;
    let start = first_seen.saturating_sub(OVERSCAN) / STEP * STEP;
    let end = (first_seen + seen + OVERSCAN).div_ceil(STEP) * STEP;
    start..end.max(start + DRAWN_AT_LEAST)
}

/// Rows drawn beyond each edge of what the box shows: a keystroke (↓, Enter) always lands
/// on a drawn row, and the browser scrolls it into view.
pub const OVERSCAN: usize = 10;
/// A grid of up to this many rows is drawn whole.
pub const DRAWN_AT_LEAST: usize = 40;
const STEP: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::table::{block, parse_tsv, BUDGET_COLUMNS, INDICATOR_COLUMNS};
    use crate::sample;

    /// The draft with `plan` applied, through its one edit.
    fn apply(r: &Report, p: &Plan, columns: &[Column]) -> Report {
        let mut next = r.clone();
        next.apply(&edit(r, p, columns)).unwrap();
        next
    }

    fn pack_of(r: &Report) -> Pack {
        Pack::builtin_by_id(&r.pack_id).unwrap()
    }

    /// Plan pasting `b` at `at` of the indicator grid, read under the draft's own pack.
    fn plan_indicators(
        r: &Report,
        b: &[Vec<String>],
        at: (usize, usize),
        assign: &[(usize, Option<usize>)],
    ) -> Plan {
        plan(
            r,
            &pack_of(r),
            List::Indicators,
            &INDICATOR_COLUMNS,
            b,
            at,
            assign,
        )
    }

    /// The indicator grid's column headed `label`.
    fn column(label: &str) -> usize {
        INDICATOR_COLUMNS
            .iter()
            .position(|c| c.label() == label)
            .unwrap()
    }

    #[test]
    fn a_pasted_row_the_app_can_compute_takes_its_link() {
        let mut r = sample();
        r.unit.staff_authorized = "32".into();
        r.unit.staff_actual = "30".into();
        let b = block(&[
            &["三级指标", "指标性质", "年初指标值", "完成值", "分值"],
            &["在职人员控制率", "≤", "100%", "90%", "5"],
        ]);
        let n = r.indicators.len();
        let p = plan_indicators(&r, &b, (n, 0), &[]);
        let mut next = r.clone();
        next.apply(&paste(&r, &pack_of(&r), &p, &INDICATOR_COLUMNS))
            .unwrap();
        let row = &next.indicators[n];
        assert_eq!(row.link, Some(crate::model::Link::StaffControl));
        assert_eq!(row.actual.text(), "90%", "the pasted value stays as typed");
        // computed: 30 / 32 = 93.75%, so the typed 90% disagrees, and is a finding
        let pk = pack_of(&next);
        let findings = crate::check(&next, &pk, &crate::evaluate(&next, &pk));
        assert!(
            findings.iter().any(|f| f.message.contains("93.75")),
            "{findings:#?}"
        );
    }

    #[test]
    fn delete_on_a_range_clears_its_cells_and_nothing_else() {
        let r = sample();
        let (target, actual) = (column("年初指标值"), column("完成值"));
        // rows 1–2, from 指标值 to 完成值 (corners given either way round)
        let p = clear(
            &r,
            List::Indicators,
            &INDICATOR_COLUMNS,
            (1, actual),
            (0, target),
        );
        let p2 = clear(
            &r,
            List::Indicators,
            &INDICATOR_COLUMNS,
            (0, target),
            (1, actual),
        );
        assert_eq!(p, p2);
        assert!(p
            .changes
            .iter()
            .all(|c| c.after.is_empty() && !c.before.is_empty()));
        let next = apply(&r, &p, &INDICATOR_COLUMNS);
        for i in 0..2 {
            assert_eq!(next.indicators[i].target.text(), "");
            assert_eq!(next.indicators[i].actual.text(), "");
            assert_eq!(next.indicators[i].level3, r.indicators[i].level3);
            assert_eq!(next.indicators[i].weight, r.indicators[i].weight);
        }
        assert_eq!(next.indicators[2], r.indicators[2]);
    }

    #[test]
    fn a_block_fills_from_the_cursor_and_adds_rows() {
        let r = sample();
        let n = r.indicators.len();
        // 完成值 and 权重 of the last row, then a new row: a bad cell is kept and flagged
        let b = block(&[&["31", "9"], &["2200篇", "八"]]);
        let actual = column("完成值");
        let p = plan_indicators(&r, &b, (n - 1, actual), &[]);
        assert_eq!(p.added, 1);
        assert_eq!(p.flagged(), 1);
        let bad = p.changes.iter().find(|c| c.error.is_some()).unwrap();
        assert_eq!(bad.after, "八");
        let next = apply(&r, &p, &INDICATOR_COLUMNS);
        assert_eq!(next.indicators.len(), n + 1);
        assert_eq!(next.indicators[n - 1].actual.text(), "31");
        assert_eq!(next.indicators[n - 1].weight.text(), "9");
        assert_eq!(next.indicators[n].actual.text(), "2200篇");
        assert_eq!(
            next.indicators[n].weight.text(),
            "八",
            "kept as typed, never a zero"
        );
        // the check reports it
        let pack = crate::Pack::builtin_by_id(&r.pack_id).unwrap();
        let e = crate::evaluate(&next, &pack);
        assert!(e.errors.iter().any(|x| x.error.text == "八"));
    }

    #[test]
    fn a_whole_self_evaluation_table_maps_by_its_header() {
        let r = crate::edit::lifecycle::blank(
            "x",
            &crate::Pack::builtin_by_id("self-eval-10-90").unwrap(),
            2025,
        );
        let b = block(&[
            &[
                "序号",
                "一级指标",
                "二级指标",
                "指标名称",
                "指标性质",
                "计量单位",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因分析",
            ],
            &[
                "1",
                "产出指标",
                "数量指标",
                "播发稿件数量",
                "≥",
                "篇",
                "2200",
                "2859",
                "10",
                "10",
                "",
            ],
            &[
                "2",
                "效益指标",
                "社会效益指标",
                "群众满意度",
                "大于等于",
                "%",
                "≥95%",
                "96%",
                "10",
                "10",
                "无",
            ],
        ]);
        let p = plan_indicators(&r, &b, (0, 0), &[]);
        let map = p.header.clone().unwrap();
        assert_eq!(
            map.unknown,
            [(0, "序号".to_string())],
            "asks only about 序号"
        );
        assert_eq!(map.computed, ["得分"]);
        let next = apply(&r, &p, &INDICATOR_COLUMNS);
        let i = &next.indicators[0];
        assert_eq!(
            (
                i.level3.as_str(),
                i.unit.as_str(),
                i.target.text(),
                i.actual.text(),
                i.weight.text()
            ),
            ("播发稿件数量", "篇", "2200", "2859", "10")
        );
        assert_eq!(next.indicators[1].nature, crate::model::rule::Nature::Ge);
        assert_eq!(next.indicators[1].target.text(), "≥95%");
        // the user places 序号 by hand: here, nowhere (ignored) — or into 单位 for the test
        let p = plan_indicators(&r, &b, (0, 0), &[(0, Some(4))]);
        assert_eq!(
            apply(&r, &p, &INDICATOR_COLUMNS).indicators[0].unit,
            "篇",
            "a mapped column wins its cell"
        );
    }

    #[test]
    fn budget_rows_paste_and_copy_back_with_numbers_as_numbers() {
        let r = sample();
        let b = block(&[&["财政拨款", "4,000.00", "4051.83万元", "3990.84"]]);
        let p = plan(
            &r,
            &pack_of(&r),
            List::Sources,
            &BUDGET_COLUMNS,
            &b,
            (0, 0),
            &[],
        );
        let next = apply(&r, &p, &BUDGET_COLUMNS);
        assert_eq!(next.budget.sources[0].initial.text(), "4,000.00");
        let tsv = copy_tsv(&next, List::Sources, &BUDGET_COLUMNS, 0..1, 0..4);
        assert_eq!(tsv, "财政拨款\t4000\t4051.83\t3990.84\r\n");
        // and back again: the same figures
        let again = plan(
            &next,
            &pack_of(&next),
            List::Sources,
            &BUDGET_COLUMNS,
            &parse_tsv(&tsv),
            (0, 0),
            &[],
        );
        let back = apply(&next, &again, &BUDGET_COLUMNS);
        let pack = crate::Pack::builtin_by_id(&r.pack_id).unwrap();
        assert_eq!(
            crate::evaluate(&back, &pack).budget.total,
            crate::evaluate(&next, &pack).budget.total
        );
    }

    #[test]
    fn a_result_written_as_a_word_of_the_pack_is_no_error() {
        let r = sample();
        let col = column("完成值");
        let p = plan_indicators(&r, &block(&[&["好"], &["达标"], &["很好"]]), (0, col), &[]);
        let flagged: Vec<&str> = p
            .changes
            .iter()
            .filter(|c| c.error.is_some())
            .map(|c| c.after.as_str())
            .collect();
        assert_eq!(flagged, ["很好"], "好 and 达标 are the pack's words");
    }

    #[test]
    fn a_nature_the_field_cannot_take_is_flagged_and_left() {
        let r = sample();
        let col = column("性质");
        let p = plan_indicators(&r, &block(&[&["好"]]), (0, col), &[]);
        assert!(p.changes[0].error.as_deref().unwrap().contains("无法识别"));
        assert_eq!(
            apply(&r, &p, &INDICATOR_COLUMNS).indicators[0].nature,
            r.indicators[0].nature
        );
    }

    #[test]
    fn a_long_grid_draws_what_its_box_shows_and_a_margin() {
        // at the top: the first 40 rows (a short grid is drawn whole)
        assert_eq!(drawn(0, 600, 30), 0..40);
        // scrolled to row 200 of a box showing 20 rows: 10 above, 10 below, in steps of 10
        let r = drawn(200 * 30, 600, 30);
        assert!(r.start <= 190 && r.end >= 231, "{r:?}");
        assert_eq!(r.start % 10, 0);
        // a few pixels more scrolled draws the same rows
        assert_eq!(drawn(200 * 30 + 7, 600, 30), r);
        // a tall box draws more than the least
        assert!(drawn(0, 3000, 30).end >= 110);
        // nonsense from the page (a zero row height, a negative scroll) draws from the top
        assert_eq!(drawn(-50, 600, 0).start, 0);
    }
}

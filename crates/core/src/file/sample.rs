//! The built-in sample draft: the seed report (黄埔区人大常委会办公室 2021) with every section's
//! text and its budget figures as published. Its indicator table is illustrative (the seed has
//! none): targets set equal to the results, the whole budget as 财政拨款, the checklists ticked;
//! `docs/model.md` says what was added.

use crate::file::draft;
use crate::model::Report;

/// The sample draft's file, as shipped.
pub const SAMPLE_JSON: &str = include_str!("../../data/sample.json");

/// The sample draft.
pub fn sample() -> Report {
    draft::from_json(SAMPLE_JSON).expect("the sample draft is valid (tested)")
}

/// The sample with its breakdown by use filled in (人员经费 2000 / 1990, 公用经费 500 / 480,
/// 项目支出 1551.83 / 1520.84 万元), adding up to its totals: for tests and examples of the
/// breakdown.
pub fn sample_with_uses() -> Report {
    let mut r = sample();
    for (row, (b, e)) in
        r.budget
            .uses
            .iter_mut()
            .zip([("2000", "1990"), ("500", "480"), ("1551.83", "1520.84")])
    {
        row.adjusted = b.into();
        row.executed = e.into();
    }
    r
}

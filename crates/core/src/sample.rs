//! The built-in sample draft: the seed report (黄埔区人大常委会办公室 2021) with every section's
//! text and its budget figures as published. Its indicator table is illustrative (the seed has
//! none): targets set equal to the results, the whole budget as 财政拨款, the checklists ticked;
//! `docs/model.md` says what was added.

use crate::draft_file;
use crate::model::Report;

/// The sample draft's file, as shipped.
pub const SAMPLE_JSON: &str = include_str!("../data/sample.json");

/// The sample draft.
pub fn sample() -> Report {
    draft_file::from_json(SAMPLE_JSON).expect("the sample draft is valid (tested)")
}

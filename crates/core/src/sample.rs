//! The built-in sample draft: the seed report (黄埔区人大常委会办公室 2021), every section's
//! text and every figure as published. See `docs/model.md` for what was added to it.

use crate::draft_file;
use crate::model::Report;

/// The sample draft's file, as shipped.
pub const SAMPLE_JSON: &str = include_str!("../data/sample.json");

/// The sample draft.
pub fn sample() -> Report {
    draft_file::from_json(SAMPLE_JSON).expect("the sample draft is valid (tested)")
}

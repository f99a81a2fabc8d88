//! The findings on a draft: weights, missing reasons, text limits, and figures in the
//! narrative ([`narrative`]) that disagree with the computed ones.
//!
//! Uses: base, model, scoring.

mod findings;
pub mod narrative;

pub use findings::*;

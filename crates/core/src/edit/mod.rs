//! Changing a draft: every change is an [`Edit`] applied by `Report::apply`, so undo
//! ([`undo`]), saved versions, review and the 定稿 lock see it; merges of two copies
//! ([`merge`]); whole-draft steps such as a blank draft or carry forward ([`lifecycle`]).
//!
//! Uses: base, model.

mod apply;
pub mod lifecycle;
pub mod merge;
pub mod undo;

pub use crate::model::field::EditError;
pub use apply::*;

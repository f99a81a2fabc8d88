//! The figures: every rate, indicator score, subtotal, total and grade of a draft under its
//! pack, computed once from the raw inputs ([`evaluate`]).
//!
//! Uses: base, model.

mod evaluate;

pub use evaluate::*;

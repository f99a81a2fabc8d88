//! The ground floor: helpers every layer may use and that know nothing of a report — text
//! cleaning and escaping, JSON with paths, exact figures parsed and formatted.
//!
//! Uses: nothing.

pub mod json;
pub mod number;
pub mod sort;
pub mod text;

/// What a figure that cannot be computed yet shows, in every table and report.
pub const NOT_YET: &str = "—";

//! What a draft is: the report and its rows ([`Report`]), the typed paths of its fields
//! ([`field`], each field's key and Chinese name written once), scoring rule types
//! ([`rule`]), framework packs ([`pack`]), review records ([`review`]), and which outline
//! section is the home of each part of the form ([`Home`]).
//!
//! Uses: base.

pub mod field;
mod homes;
mod ids;
pub mod pack;
mod report;
pub mod review;
pub mod rule;

pub use homes::Home;
pub use ids::{normalise_ids, well_formed_id, List};
pub use report::*;

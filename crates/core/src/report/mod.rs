//! The report as it is read: document blocks in outline order ([`document`]), the 自评表
//! ([`sheet`]), the headline figures ([`summary`]), the charts ([`chart`]) and the 汇总 rows of
//! many drafts ([`batch`]). Every export and the preview read these.
//!
//! Uses: base, model, file, scoring, checks.

pub mod batch;
pub mod chart;
pub mod document;
pub mod sheet;
pub mod summary;

//! The finished report in the formats it is handed in: Word, self-contained HTML (with the
//! charts), and the 自评表 as .xlsx and CSV. Every format reads the same
//! [`crate::report::document`] blocks and [`crate::report::sheet`], so they carry exactly the
//! figures the app computed.
//!
//! Uses: base, model, file, scoring, report.

pub mod csv;
#[cfg(feature = "docx")]
pub mod docx;
pub mod html;
#[cfg(any(feature = "docx", feature = "xlsx"))]
mod ooxml;
#[cfg(feature = "xlsx")]
pub mod xlsx;

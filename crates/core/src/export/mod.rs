//! The finished report in the formats it is handed in: Word, self-contained HTML, and the
//! 自评表 as CSV; plus SVG charts. Every format reads the same `document::document` blocks, so
//! they carry exactly the figures the app computed.

pub mod chart;
pub mod csv;
#[cfg(feature = "docx")]
pub mod docx;
pub mod html;
#[cfg(any(feature = "docx", feature = "xlsx"))]
mod ooxml;
#[cfg(feature = "xlsx")]
pub mod xlsx;

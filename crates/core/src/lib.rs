//! The pure domain core of selfeval (部门整体支出绩效自评报告): the report model, framework
//! packs, scoring rules, evaluation and checks. No web APIs here, so everything is tested with
//! plain `cargo test` on the host; the Leptos shell only renders and dispatches.

pub mod batch;
pub mod check;
pub mod document;
pub mod draft_file;
pub mod edit;
pub mod evaluate;
pub mod export;
pub mod field;
mod file_errors;
pub mod grid;
pub mod history;
pub mod json;
pub mod lifecycle;
pub mod merge;
pub mod model;
pub mod narrative;
pub mod number;
pub mod pack;
pub mod review;
pub mod route;
pub mod rule;
pub mod sample;
pub mod session;
pub mod sheet;
pub mod store;
pub mod summary;
pub mod text;

pub use check::{check, Finding, Severity};
pub use evaluate::{evaluate, Evaluation};
pub use model::Report;
pub use number::{parse_number, Figure, ParseError};
pub use pack::Pack;
pub use rule::Rule;
pub use sample::sample;
pub use summary::Summary;

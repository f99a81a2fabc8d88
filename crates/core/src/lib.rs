//! The pure domain core of selfeval (部门整体支出绩效自评报告): the report model, framework
//! packs, scoring rules, evaluation and checks. No web APIs here, so everything is tested with
//! plain `cargo test` on the host; the Leptos shell only renders and dispatches.
//!
//! The modules are layers, each a folder that uses only the ones listed before it (its
//! `mod.rs` names them; `tests/layers.rs` fails on an import that points up or in a cycle):
//!
//! ```text
//! base → model → edit · file · scoring → checks → report → export · store → app
//! ```
//! Read them in that order. docs/architecture.md walks a keystroke and an import through them.

pub mod base;
pub mod model;

pub mod edit;
pub mod file;
pub mod scoring;

pub mod checks;
pub mod report;

pub mod export;
pub mod store;

pub mod app;

pub use base::number::{parse_number, Figure, ParseError};
pub use checks::{check, Finding, Severity};
pub use file::sample::sample;
pub use model::pack::Pack;
pub use model::rule::Rule;
pub use model::Report;
pub use report::summary::Summary;
pub use scoring::{evaluate, Evaluation};

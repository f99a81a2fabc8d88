//! Field paths: how a finding or a parse error names the field it is about.
//!
//! A path is `part.part.…`, with row and section ids standing for their position, so a path
//! stays right when rows are reordered. The editor maps a path to the input that edits it.

/// `budget.<sources|uses>.<row id>.<initial|adjusted|executed|reason>`
pub fn budget(group: &str, row_id: &str, field: &str) -> String {
    format!("budget.{group}.{row_id}.{field}")
}

/// `indicators.<id>.<field>` (`weight`, `actual`, `target`, `reason`, …)
pub fn indicator(id: &str, field: &str) -> String {
    format!("indicators.{id}.{field}")
}

/// `sections.<id>.<title|text>`
pub fn section(id: &str, field: &str) -> String {
    format!("sections.{id}.{field}")
}

/// `goals.<id>.<field>`
pub fn goal(id: &str, field: &str) -> String {
    format!("goals.{id}.{field}")
}

/// `problems.<id>.<problem|measure>`
pub fn problem(id: &str, field: &str) -> String {
    format!("problems.{id}.{field}")
}

//! View components; each reads the [`crate::state::Draft`] context and renders core values.

mod findings;
mod pack_picker;
mod score_table;
mod summary_cards;

pub use findings::FindingsList;
pub use pack_picker::PackPicker;
pub use score_table::ScoreTable;
pub use summary_cards::SummaryCards;

//! View components. They read the state contexts and render core values; every change they
//! make goes through a `Session` or `Drafts` method.

pub mod editor;
pub mod exports;
pub mod fields;
mod findings;
pub mod home;
mod outline_nav;
mod preview;
mod save_banner;
mod score_table;
mod summary_cards;
mod toolbar;
mod trash;
mod versions;

pub use editor::Editor;
pub use exports::{Charts, PrintRoot, PrintView};
pub use findings::FindingsList;
pub use home::Home;
pub use outline_nav::OutlineNav;
pub use preview::Preview;
pub use save_banner::SaveBanner;
pub use score_table::ScoreTable;
pub use summary_cards::SummaryCards;
pub use toolbar::Toolbar;

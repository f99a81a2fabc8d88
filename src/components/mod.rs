//! View components. They read the state contexts and render core values; every change they
//! make goes through a `Session` or `Drafts` method.

mod charts;
pub mod comments;
pub mod exports;
pub mod fields;
mod findings;
mod keyed;
pub mod later;
mod outline_nav;
mod preview;
mod save_banner;
mod score_table;
mod summary_bar;
mod summary_cards;
mod toolbar;

pub use charts::Charts;
pub use comments::CommentsList;
pub use exports::{PrintRoot, PrintView};
pub use findings::FindingsList;
pub use keyed::keyed;
pub use later::{Later, Reveal};
pub use outline_nav::OutlineNav;
pub use preview::Preview;
pub use save_banner::SaveBanner;
pub use score_table::ScoreTable;
pub use summary_bar::SummaryBar;
pub use summary_cards::SummaryCards;
pub use toolbar::Toolbar;

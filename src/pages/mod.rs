//! The app's pages: the drafts list, and the page of one open draft with its editor.

mod batch;
mod draft;
mod editor;
mod home;

pub use batch::BatchPage;
pub use draft::{DraftPage, LEAVE_PAGE};
pub use editor::Editor;
pub use home::Home;

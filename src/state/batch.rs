use leptos::prelude::*;
use selfeval_core::report::batch::{Entry, Refused};

/// The finance office's summary: the files read, those refused, the progress, the sort. Kept
/// in the page only: nothing from it is stored unless the user imports a row.
#[derive(Clone, Copy, Default)]
pub struct Batch {
    pub entries: RwSignal<Vec<Entry>>,
    pub refused: RwSignal<Vec<Refused>>,
    /// Files read so far, of how many.
    pub progress: RwSignal<Option<(usize, usize)>>,
    /// The column sorted by, and whether descending.
    pub sort: RwSignal<Option<(usize, bool)>>,
}

/// The id under which a summary row opens (read-only) in the draft page.
pub const VIEW_PREFIX: &str = "batch-";

impl Batch {
    /// The row `id` names (`batch-<n>`), for viewing it read-only.
    pub fn viewed(&self, id: &str) -> Option<Entry> {
        let n: usize = id.strip_prefix(VIEW_PREFIX)?.parse().ok()?;
        self.entries.with_untracked(|e| e.get(n).cloned())
    }
}

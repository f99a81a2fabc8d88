use leptos::prelude::*;
use selfeval_core::report::batch::{Entry, Refused};

/// The finance office's summary: the files read, those refused, the progress, the sort. Kept
/// in the page only: nothing from it is stored unless the user imports a row.
#[derive(Clone, Copy)]
pub struct Batch {
    pub entries: RwSignal<Vec<Entry>>,
    pub refused: RwSignal<Vec<Refused>>,
    /// Files read so far, of how many.
    pub progress: RwSignal<Option<(usize, usize)>>,
    /// The column sorted by, and whether descending.
    pub sort: RwSignal<Option<(usize, bool)>>,
    /// How many rows the table draws: a screenful and a margin at first, more as the page is
    /// scrolled towards its end (200 departments' rows were most of a 汇总's time to lay out
    /// on a slow PC, though a user looks at the first few, sorted).
    pub drawn: RwSignal<usize>,
}

impl Default for Batch {
    fn default() -> Self {
        Batch {
            entries: RwSignal::default(),
            refused: RwSignal::default(),
            progress: RwSignal::default(),
            sort: RwSignal::default(),
            drawn: RwSignal::new(Batch::FIRST_ROWS),
        }
    }
}

/// The id under which a summary row opens (read-only) in the draft page.
pub const VIEW_PREFIX: &str = "batch-";

impl Batch {
    /// The rows drawn before any scrolling: more than a tall screen shows.
    pub const FIRST_ROWS: usize = 40;
    /// The rows added each time the end of the table comes near.
    pub const MORE_ROWS: usize = 60;

    /// Draw more rows when the end of the page is less than half a screen below what is in
    /// sight.
    pub fn draw_more_if_near_the_end(&self) {
        let (total, drawn) = (
            self.entries.with_untracked(Vec::len),
            self.drawn.get_untracked(),
        );
        if drawn >= total {
            return;
        }
        let Some(page) = document().document_element() else {
            return;
        };
        let seen = crate::web::window_height();
        let below = f64::from(page.scroll_height()) - window().scroll_y().unwrap_or(0.0) - seen;
        if below < seen / 2.0 {
            self.drawn.set(drawn + Batch::MORE_ROWS);
        }
    }

    /// The row `id` names (`batch-<n>`), for viewing it read-only.
    pub fn viewed(&self, id: &str) -> Option<Entry> {
        let n: usize = id.strip_prefix(VIEW_PREFIX)?.parse().ok()?;
        self.entries.with_untracked(|e| e.get(n).cloned())
    }
}

use leptos::prelude::*;
use selfeval_core::store::Stamp;
use selfeval_core::Report;

use crate::web::crash;

/// A draft whose latest version storage does not have (a failed or refused save, or a draft
/// that could never be stored), kept in this page after its editor closed.
#[derive(Clone, Debug, PartialEq)]
pub struct Parked {
    pub report: Report,
    /// What storage held when its session last loaded or saved (revision 0: never stored).
    pub base: Stamp,
    /// Why it is not stored, for the user.
    pub reason: String,
}

/// Every unsaved draft of this page. Leaving the editor parks its draft here instead of
/// dropping it; the drafts list shows them as 未保存 and reopens them from here.
#[derive(Clone, Copy, Default)]
pub struct Unsaved {
    pub drafts: RwSignal<Vec<Parked>>,
}

impl Unsaved {
    pub fn park(&self, parked: Parked) {
        crash::remember(&parked.report);
        self.drafts.update(|d| {
            d.retain(|p| p.report.id != parked.report.id);
            d.insert(0, parked);
        });
    }

    /// Take a parked draft out to open it.
    pub fn take(&self, id: &str) -> Option<Parked> {
        let mut found = None;
        self.drafts.update(|d| {
            if let Some(i) = d.iter().position(|p| p.report.id == id) {
                found = Some(d.remove(i));
            }
        });
        found
    }

    /// Drop a parked draft on the user's word.
    pub fn discard(&self, id: &str) {
        self.take(id);
        crash::forget(id);
    }

    pub fn any(&self) -> bool {
        self.drafts.with_untracked(|d| !d.is_empty())
    }
}

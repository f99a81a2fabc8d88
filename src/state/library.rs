use leptos::prelude::*;
use selfeval_core::Pack;

/// The framework packs the user can choose from.
#[derive(Clone, Copy)]
pub struct Library {
    pub packs: StoredValue<Vec<Pack>>,
}

impl Library {
    pub fn builtin() -> Self {
        Library {
            packs: StoredValue::new(Pack::builtin()),
        }
    }

    pub fn find(&self, id: &str) -> Option<Pack> {
        self.packs
            .with_value(|p| p.iter().find(|p| p.id == id).cloned())
    }

    /// The pack a draft names, or the first one when the draft names a pack this build does
    /// not have (the draft keeps its own indicator table either way).
    pub fn for_draft(&self, id: &str) -> Pack {
        self.find(id)
            .unwrap_or_else(|| self.packs.with_value(|p| p[0].clone()))
    }
}

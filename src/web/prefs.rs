//! Small typed settings kept in this browser, through gloo-storage: the name comments are
//! signed with, the view chosen for the indicator table, whether the sample was given, the
//! build this browser last ran. Each is a JSON value under its own key.
//!
//! Drafts do not come through here (docs/storage.md, "Why not gloo-storage"): a setting that
//! cannot be read or written is only forgotten. So where localStorage is unavailable (a policy,
//! some private modes), where gloo-storage would throw, a setting reads as unset and a write is
//! dropped; a value an earlier build stored as plain text ("grid", a build id) still reads.

use std::marker::PhantomData;

use gloo_storage::{LocalStorage, Storage};
use selfeval_core::base::json;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// One setting: its key and the type of its value.
pub struct Pref<T> {
    key: &'static str,
    value: PhantomData<T>,
}

/// 批注 and 定稿 records are signed with this name (asked once).
pub const AUTHOR: Pref<String> = Pref::new("selfeval.v1.author");
/// The indicator table as a grid (`true`) or as cards, once the user chose.
pub const INDICATORS_AS_GRID: Pref<View> = Pref::new("selfeval.v1.view.indicators");
/// The editor's side panel folded (wide mode), once the user chose.
pub const SIDE_FOLDED: Pref<bool> = Pref::new("selfeval.v1.side.folded");
/// Set once the first visit has been given the sample draft.
pub const WELCOMED: Pref<u8> = Pref::new("selfeval.v1.welcomed");
/// The build this browser ran last (`window.SELFEVAL_BUILD`, written by scripts/dist.py).
pub const LAST_BUILD: Pref<String> = Pref::new("selfeval.v1.build");

/// How the user placed indicator columns an import did not know ("情况说明" → 偏差原因),
/// by header: the next file of the same layout comes in the same way.
pub const IMPORT_COLUMNS: Pref<selfeval_core::app::import::Choices> =
    Pref::new("selfeval.v1.import.columns");

/// How a table is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    Grid,
    Cards,
}

/// Whether localStorage can be used at all (gloo-storage throws where it cannot).
pub fn available() -> bool {
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

impl<T: Serialize + DeserializeOwned> Pref<T> {
    pub const fn new(key: &'static str) -> Self {
        Pref {
            key,
            value: PhantomData,
        }
    }

    /// The value, or `None` if it was never set or cannot be read.
    pub fn get(&self) -> Option<T> {
        if !available() {
            return None;
        }
        // read through the core's one JSON path (gloo's `get` would compile each type's
        // derive code again for serde_json's text reader)
        let raw = LocalStorage::raw().get_item(self.key).ok()??;
        json::from_text(&raw)
            .ok()
            // stored as plain text by an earlier build
            .or_else(|| json::from_value(&serde_json::Value::String(raw)).ok())
    }

    /// Keep `value`; false where storage refused it (it is asked again next time).
    pub fn set(&self, value: &T) -> bool {
        available() && LocalStorage::set(self.key, value).is_ok()
    }
}

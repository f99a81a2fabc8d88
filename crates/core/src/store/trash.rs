//! The 回收站: deleting a draft only records it here (one small write), so every delete can be
//! undone, after a reload too. A draft leaves storage for good only when the user empties the
//! bin or removes it from there, or [`TRASH_DAYS`] days after it was deleted.

use crate::base::json::members::deserialize_members;
use serde::Serialize;

use super::{
    backup_key, draft_key, versions_key, KeyValue, Store, StoreError, BACKUP_PREFIX, DRAFT_PREFIX,
    TRASH_KEY, VERSIONS_PREFIX,
};

/// Days a deleted draft stays in the bin.
pub const TRASH_DAYS: i64 = 30;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TrashItem {
    pub id: String,
    pub name: String,
    pub deleted_at: String,
    /// Characters it keeps in storage (draft and history); filled in when listed.
    #[serde(skip)]
    pub size: usize,
}

deserialize_members!(TrashItem {
    id: required,
    name: required,
    deleted_at: required
});

#[derive(Debug, Default, Serialize)]
struct TrashFile {
    format: String,
    items: Vec<TrashItem>,
}

deserialize_members!(TrashFile {
    format: required,
    items: required
});

const TRASH_FORMAT: &str = "selfeval-trash";

/// Days since 1970-01-01 of a "YYYY-MM-DD…" stamp (the civil-from-days inverse).
pub fn day_number(stamp: &str) -> Option<i64> {
    let y: i64 = stamp.get(0..4)?.parse().ok()?;
    let m: i64 = stamp.get(5..7)?.parse().ok()?;
    let d: i64 = stamp.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

impl<K: KeyValue> Store<K> {
    fn trash_file(&self) -> TrashFile {
        self.kv
            .get(TRASH_KEY)
            .ok()
            .flatten()
            .and_then(|t| crate::base::json::from_text::<TrashFile>(&t).ok())
            .filter(|t| t.format == TRASH_FORMAT)
            .unwrap_or_default()
    }

    fn put_trash(&mut self, items: Vec<TrashItem>) -> Result<(), StoreError> {
        if items.is_empty() {
            return self.kv.remove(TRASH_KEY);
        }
        let file = TrashFile {
            format: TRASH_FORMAT.into(),
            items,
        };
        self.kv.set(
            TRASH_KEY,
            &serde_json::to_string(&file).expect("trash serialises"),
        )
    }

    /// Ids in the bin (not listed as drafts).
    pub(super) fn trashed_ids(&self) -> Vec<String> {
        self.trash_file().items.into_iter().map(|i| i.id).collect()
    }

    /// The bin, most recently deleted first.
    pub fn trash(&self) -> Result<Vec<TrashItem>, StoreError> {
        self.kv.get(TRASH_KEY)?; // an unreadable store is an error here, not an empty bin
        let mut items = self.trash_file().items;
        for item in &mut items {
            let len = |k: String| -> Result<usize, StoreError> {
                Ok(self.kv.get(&k)?.map_or(0, |t| t.chars().count()))
            };
            item.size = len(draft_key(&item.id))? + len(versions_key(&item.id))?;
        }
        crate::base::sort::sort_by(&mut items, |a, b| b.deleted_at.cmp(&a.deleted_at));
        Ok(items)
    }

    /// Move a draft to the bin. One write: if it fails, nothing changed.
    pub fn delete(&mut self, id: &str, name: &str, deleted_at: &str) -> Result<(), StoreError> {
        let mut items = self.trash_file().items;
        items.retain(|i| i.id != id);
        items.push(TrashItem {
            id: id.to_string(),
            name: name.to_string(),
            deleted_at: deleted_at.to_string(),
            size: 0,
        });
        self.put_trash(items)
    }

    /// Take a draft out of the bin.
    pub fn undelete(&mut self, id: &str) -> Result<(), StoreError> {
        let mut items = self.trash_file().items;
        items.retain(|i| i.id != id);
        self.put_trash(items)
    }

    /// Remove a draft in the bin for good: its draft, its history, then its bin entry. A
    /// failure part way leaves keys that [`Store::tidy`] removes later.
    pub fn purge(&mut self, id: &str) -> Result<(), StoreError> {
        self.kv.remove(&versions_key(id))?;
        self.kv.remove(&backup_key(id))?;
        self.kv.remove(&draft_key(id))?;
        self.undelete(id)
    }

    pub fn empty_trash(&mut self) -> Result<(), StoreError> {
        for item in self.trash_file().items {
            self.purge(&item.id)?;
        }
        Ok(())
    }

    /// Housekeeping, best-effort: purge what has been in the bin for [`TRASH_DAYS`] days,
    /// forget bin entries whose draft is gone, and remove history keys left without a draft.
    pub fn tidy(&mut self, now: &str) {
        let today = day_number(now);
        for item in self.trash_file().items {
            let age = today.zip(day_number(&item.deleted_at)).map(|(t, d)| t - d);
            let gone = matches!(self.kv.get(&draft_key(&item.id)), Ok(None));
            if gone || age.is_some_and(|a| a >= TRASH_DAYS) {
                let _ = self.purge(&item.id);
            }
        }
        let Ok(keys) = self.kv.keys() else { return };
        for key in &keys {
            let id = key
                .strip_prefix(VERSIONS_PREFIX)
                .or_else(|| key.strip_prefix(BACKUP_PREFIX));
            if let Some(id) = id {
                if !keys.contains(&format!("{DRAFT_PREFIX}{id}")) {
                    let _ = self.kv.remove(key);
                }
            }
        }
    }
}

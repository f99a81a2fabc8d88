//! Drafts in a key-value store (the browser's localStorage in the app; a map in tests).
//!
//! What this guarantees, whatever the store does:
//! - a write that fails leaves what was stored untouched and is reported, never swallowed;
//! - an entry that does not parse is listed as damaged with its raw text, and never
//!   overwritten;
//! - an entry from a newer schema opens read-only and is never written back;
//! - each save carries a revision; saving over a revision other than the one the editor
//!   started from is refused as a conflict (another tab saved in between);
//! - the first save of an editing session first copies what was stored to a backup key, so
//!   the draft as it was before the session can be restored.
//!
//! Keys: `selfeval.v1.draft.<id>` (a draft file with `revision` and `saved_at`),
//! `selfeval.v1.backup.<id>`, and `selfeval.v1.index` (a cache of list metadata, rebuilt when
//! missing or unreadable).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::draft_file::{self, DraftError, DRAFT_FORMAT, DRAFT_SCHEMA};
use crate::model::Report;
use crate::summary::Summary;

pub const PREFIX: &str = "selfeval.v1.";
pub const DRAFT_PREFIX: &str = "selfeval.v1.draft.";
pub const BACKUP_PREFIX: &str = "selfeval.v1.backup.";
pub const INDEX_KEY: &str = "selfeval.v1.index";

pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

pub fn backup_key(id: &str) -> String {
    format!("{BACKUP_PREFIX}{id}")
}

/// A string store that can fail: localStorage throws on quota and when disabled.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's storage is full.
    Quota,
    /// Storage is disabled or unavailable (private mode, policy).
    Unavailable(String),
    Other(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Quota => f.write_str("浏览器本地存储空间已满"),
            StoreError::Unavailable(e) => write!(f, "浏览器本地存储不可用（{e}）"),
            StoreError::Other(e) => write!(f, "写入浏览器本地存储失败（{e}）"),
        }
    }
}

/// What the drafts list shows of a draft without opening it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meta {
    pub name: String,
    pub unit: String,
    pub year: u16,
    pub pack_id: String,
    pub pack_name: String,
    pub revision: u64,
    pub saved_at: String,
    pub total: String,
    pub grade: String,
    pub errors: usize,
    pub warnings: usize,
}

impl Meta {
    pub fn new(report: &Report, summary: &Summary) -> Meta {
        Meta {
            name: report.display_name(),
            unit: report.unit.name.clone(),
            year: report.unit.year,
            pack_id: report.pack_id.clone(),
            pack_name: summary.pack_name.clone(),
            total: summary.total.clone(),
            grade: summary.grade.clone(),
            errors: summary.errors,
            warnings: summary.warnings,
            ..Meta::default()
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    format: String,
    drafts: BTreeMap<String, Meta>,
}

/// One stored draft as the list sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub id: String,
    pub state: EntryState,
    /// From the index; absent for a draft the index does not know (or a damaged one).
    pub meta: Option<Meta>,
    pub has_backup: bool,
    /// Characters stored for it (draft and backup).
    pub size: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EntryState {
    Ok,
    /// Cannot be read; the message says why. The raw text stays as it is.
    Damaged(String),
    /// From a newer version of the app; opens read-only.
    Newer(u64),
}

/// A draft opened for editing.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub report: Report,
    pub revision: u64,
    pub saved_at: String,
    /// Set when the draft must not be written back, with the reason for the user.
    pub read_only: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    Missing,
    Damaged(String),
    Store(StoreError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Missing => f.write_str("找不到这份草稿，可能已在其他窗口中删除"),
            LoadError::Damaged(e) => write!(f, "这份草稿已损坏，无法打开：{e}"),
            LoadError::Store(e) => e.fmt(f),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// Another tab saved revision `stored` after this one loaded `base`.
    Conflict {
        base: u64,
        stored: u64,
    },
    /// The stored entry is damaged or from a newer version: it is not overwritten.
    Protected(String),
    /// There is already a draft with this id.
    Exists,
    Store(StoreError),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Conflict { .. } => {
                f.write_str("这份草稿已在另一个窗口中修改并保存，本窗口已停止自动保存")
            }
            SaveError::Protected(why) => write!(f, "存储中的版本不能覆盖：{why}"),
            SaveError::Exists => f.write_str("已有同一编号的草稿"),
            SaveError::Store(e) => e.fmt(f),
        }
    }
}

impl From<StoreError> for SaveError {
    fn from(e: StoreError) -> Self {
        SaveError::Store(e)
    }
}

#[derive(Serialize)]
struct StoredOut<'a> {
    format: &'a str,
    schema: u32,
    revision: u64,
    saved_at: &'a str,
    report: &'a Report,
}

/// The text stored for a draft: a draft file (importable as is) with its revision and time.
pub fn stored_json(report: &Report, revision: u64, saved_at: &str) -> String {
    serde_json::to_string(&StoredOut {
        format: DRAFT_FORMAT,
        schema: DRAFT_SCHEMA,
        revision,
        saved_at,
        report,
    })
    .expect("a report always serialises")
}

/// The revision and time stamped on a stored text, whatever else is in it.
pub fn stamp_of(text: &str) -> Option<(u64, String)> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    Some((
        v.get("revision")?.as_u64()?,
        v.get("saved_at")
            .and_then(|s| s.as_str())
            .unwrap_or_default()
            .to_string(),
    ))
}

fn classify(text: &str) -> Result<EntryState, ()> {
    match draft_file::from_json(text) {
        Ok(_) => Ok(EntryState::Ok),
        Err(DraftError::Newer { schema, .. }) => Ok(EntryState::Newer(schema)),
        Err(e) => Ok(EntryState::Damaged(e.to_string())),
    }
}

/// The drafts in a store.
pub struct Store<K: KeyValue> {
    pub kv: K,
}

impl<K: KeyValue> Store<K> {
    pub fn new(kv: K) -> Self {
        Store { kv }
    }

    fn index(&self) -> Index {
        self.kv
            .get(INDEX_KEY)
            .ok()
            .flatten()
            .and_then(|t| serde_json::from_str::<Index>(&t).ok())
            .filter(|i| i.format == "selfeval-index")
            .unwrap_or_default()
    }

    /// The index is a cache: a failure to write it loses nothing, so it is not reported.
    fn put_index(&mut self, id: &str, meta: Option<Meta>) {
        let mut index = self.index();
        index.format = "selfeval-index".into();
        match meta {
            Some(m) => index.drafts.insert(id.to_string(), m),
            None => index.drafts.remove(id),
        };
        if let Ok(text) = serde_json::to_string(&index) {
            let _ = self.kv.set(INDEX_KEY, &text);
        }
    }

    /// Every stored draft, newest first (damaged ones last), each with its state.
    pub fn list(&self) -> Result<Vec<Listing>, StoreError> {
        let keys = self.kv.keys()?;
        let index = self.index();
        let mut out = Vec::new();
        for key in &keys {
            let Some(id) = key.strip_prefix(DRAFT_PREFIX) else {
                continue;
            };
            let text = self.kv.get(key)?.unwrap_or_default();
            let backup = self.kv.get(&backup_key(id))?;
            let state = classify(&text).unwrap_or(EntryState::Damaged(String::new()));
            let stamp = stamp_of(&text);
            let meta = match (&state, index.drafts.get(id), &stamp) {
                (EntryState::Damaged(_), _, _) => None,
                (_, Some(m), Some((rev, _))) if m.revision == *rev => Some(m.clone()),
                // the index is behind (or lost): read what the list needs from the draft
                _ => draft_file::from_json(&text)
                    .ok()
                    .or_else(|| match draft_file::from_json(&text) {
                        Err(DraftError::Newer { report, .. }) => report.map(|r| *r),
                        _ => None,
                    })
                    .map(|r| Meta {
                        name: r.display_name(),
                        unit: r.unit.name.clone(),
                        year: r.unit.year,
                        pack_id: r.pack_id.clone(),
                        revision: stamp.as_ref().map_or(0, |s| s.0),
                        saved_at: stamp.as_ref().map(|s| s.1.clone()).unwrap_or_default(),
                        ..Meta::default()
                    }),
            };
            out.push(Listing {
                id: id.to_string(),
                state,
                meta,
                has_backup: backup.is_some(),
                size: text.chars().count() + backup.map_or(0, |b| b.chars().count()),
            });
        }
        out.sort_by(|a, b| {
            let damaged = |l: &Listing| matches!(l.state, EntryState::Damaged(_));
            let saved = |l: &Listing| l.meta.as_ref().map(|m| m.saved_at.clone());
            damaged(a)
                .cmp(&damaged(b))
                .then_with(|| saved(b).cmp(&saved(a)))
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(out)
    }

    /// The raw stored text of a draft, for downloading a damaged one as it is.
    pub fn raw(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.kv.get(&draft_key(id))
    }

    pub fn raw_backup(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.kv.get(&backup_key(id))
    }

    /// The revision stored for a draft now (to compare with an open tab's).
    pub fn revision(&self, id: &str) -> Option<u64> {
        stamp_of(&self.kv.get(&draft_key(id)).ok()??).map(|s| s.0)
    }

    pub fn load(&self, id: &str) -> Result<Loaded, LoadError> {
        let text = self
            .kv
            .get(&draft_key(id))
            .map_err(LoadError::Store)?
            .ok_or(LoadError::Missing)?;
        let (revision, saved_at) = stamp_of(&text).unwrap_or_default();
        match draft_file::from_json(&text) {
            Ok(report) => Ok(Loaded {
                report,
                revision,
                saved_at,
                read_only: None,
            }),
            Err(e @ DraftError::Newer { .. }) => {
                let msg = e.to_string();
                match e {
                    DraftError::Newer {
                        report: Some(report),
                        ..
                    } => Ok(Loaded {
                        report: *report,
                        revision,
                        saved_at,
                        read_only: Some(msg),
                    }),
                    _ => Err(LoadError::Damaged(msg)),
                }
            }
            Err(e) => Err(LoadError::Damaged(e.to_string())),
        }
    }

    /// Store a new draft at revision 1. Refuses to replace an existing one.
    pub fn create(
        &mut self,
        report: &Report,
        meta: Meta,
        saved_at: &str,
    ) -> Result<u64, SaveError> {
        let key = draft_key(&report.id);
        if self.kv.get(&key)?.is_some() {
            return Err(SaveError::Exists);
        }
        self.kv.set(&key, &stored_json(report, 1, saved_at))?;
        self.put_index(
            &report.id,
            Some(Meta {
                revision: 1,
                saved_at: saved_at.to_string(),
                ..meta
            }),
        );
        Ok(1)
    }

    /// Save an edited draft over revision `base`. With `backup`, what is stored is first
    /// copied to the backup key (the first save of a session). Returns the new revision.
    pub fn save(
        &mut self,
        report: &Report,
        meta: Meta,
        base: u64,
        backup: bool,
        saved_at: &str,
    ) -> Result<u64, SaveError> {
        let key = draft_key(&report.id);
        let stored = self.kv.get(&key)?;
        if let Some(text) = &stored {
            match classify(text) {
                Ok(EntryState::Ok) => {}
                Ok(EntryState::Newer(s)) => {
                    return Err(SaveError::Protected(format!(
                        "它由较新版本生成（格式版本 {s}）"
                    )))
                }
                _ => return Err(SaveError::Protected("它已损坏，需先下载原始内容".into())),
            }
            let current = stamp_of(text).map_or(0, |s| s.0);
            if current != base {
                return Err(SaveError::Conflict {
                    base,
                    stored: current,
                });
            }
            if backup {
                self.kv.set(&backup_key(&report.id), text)?;
            }
        }
        let revision = base + 1;
        self.kv
            .set(&key, &stored_json(report, revision, saved_at))?;
        self.put_index(
            &report.id,
            Some(Meta {
                revision,
                saved_at: saved_at.to_string(),
                ..meta
            }),
        );
        Ok(revision)
    }

    /// Remove a draft and its backup; returns both texts so the deletion can be undone.
    pub fn delete(&mut self, id: &str) -> Result<(Option<String>, Option<String>), StoreError> {
        let draft = self.kv.get(&draft_key(id))?;
        let backup = self.kv.get(&backup_key(id))?;
        self.kv.remove(&draft_key(id))?;
        self.kv.remove(&backup_key(id))?;
        self.put_index(id, None);
        Ok((draft, backup))
    }

    /// Put back what [`Store::delete`] removed.
    pub fn undelete(
        &mut self,
        id: &str,
        draft: Option<&str>,
        backup: Option<&str>,
    ) -> Result<(), StoreError> {
        if let Some(t) = draft {
            self.kv.set(&draft_key(id), t)?;
        }
        if let Some(t) = backup {
            self.kv.set(&backup_key(id), t)?;
        }
        Ok(())
    }

    /// Make the backup the current draft (at a new revision, so open tabs notice) and keep
    /// the replaced version as the backup: restoring twice gets back where one started.
    pub fn restore_backup(&mut self, id: &str, saved_at: &str) -> Result<u64, SaveError> {
        let backup = self
            .kv
            .get(&backup_key(id))?
            .ok_or_else(|| SaveError::Protected("没有备份".into()))?;
        let report = draft_file::from_json(&backup)
            .map_err(|e| SaveError::Protected(format!("备份无法读取：{e}")))?;
        let current = self.kv.get(&draft_key(id))?;
        let revision = current.as_deref().and_then(stamp_of).map_or(0, |s| s.0) + 1;
        self.kv
            .set(&draft_key(id), &stored_json(&report, revision, saved_at))?;
        if let Some(c) = current {
            self.kv.set(&backup_key(id), &c)?;
        }
        self.put_index(id, None);
        Ok(revision)
    }

    /// A raw key of this app (flags such as "already welcomed").
    pub fn kv_get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.kv.get(key)
    }

    pub fn kv_set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.kv.set(key, value)
    }

    /// Characters used by this app's keys (localStorage counts UTF-16 units, about 2 bytes each).
    pub fn usage(&self) -> Result<usize, StoreError> {
        let mut n = 0;
        for k in self.kv.keys()?.iter().filter(|k| k.starts_with(PREFIX)) {
            n += k.chars().count() + self.kv.get(k)?.map_or(0, |v| v.chars().count());
        }
        Ok(n)
    }
}

/// An in-memory store for tests, with an optional size limit to play quota-exceeded.
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    pub map: BTreeMap<String, String>,
    /// Total characters allowed; `None` for no limit.
    pub quota: Option<usize>,
    /// Every write fails as if storage were disabled.
    pub disabled: bool,
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable("已禁用".into()));
        }
        Ok(self.map.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable("已禁用".into()));
        }
        if let Some(q) = self.quota {
            let others: usize = self
                .map
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.chars().count() + v.chars().count())
                .sum();
            if others + key.chars().count() + value.chars().count() > q {
                return Err(StoreError::Quota);
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable("已禁用".into()));
        }
        self.map.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable("已禁用".into()));
        }
        Ok(self.map.keys().cloned().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn store() -> Store<MemoryStore> {
        Store::new(MemoryStore::default())
    }

    fn meta(r: &Report) -> Meta {
        Meta {
            name: r.display_name(),
            ..Meta::default()
        }
    }

    #[test]
    fn create_save_load_round_trip_with_revisions() {
        let mut s = store();
        let mut r = sample();
        assert_eq!(s.create(&r, meta(&r), "2026-11-28 09:00:00").unwrap(), 1);
        assert_eq!(s.create(&r, meta(&r), "x"), Err(SaveError::Exists));
        r.conclusion = "较好完成年度目标。".into();
        assert_eq!(
            s.save(&r, meta(&r), 1, true, "2026-11-28 09:01:00")
                .unwrap(),
            2
        );
        let l = s.load(&r.id).unwrap();
        assert_eq!(l.report, r);
        assert_eq!(
            (l.revision, l.saved_at.as_str()),
            (2, "2026-11-28 09:01:00")
        );
        assert_eq!(l.read_only, None);
        // the first save of the session kept the version before it
        let backup = draft_file::from_json(&s.raw_backup(&r.id).unwrap().unwrap()).unwrap();
        assert_eq!(backup.conclusion, "");
        // later saves of the session keep that backup
        r.conclusion.push('！');
        s.save(&r, meta(&r), 2, false, "t3").unwrap();
        let backup = draft_file::from_json(&s.raw_backup(&r.id).unwrap().unwrap()).unwrap();
        assert_eq!(backup.conclusion, "");
        // a stored entry is itself an importable draft file
        assert_eq!(
            draft_file::from_json(&s.raw(&r.id).unwrap().unwrap()).unwrap(),
            r
        );
    }

    #[test]
    fn a_stale_tab_cannot_overwrite_a_newer_save() {
        let mut s = store();
        let r = sample();
        s.create(&r, meta(&r), "t1").unwrap();
        let mut a = r.clone();
        let mut b = r.clone();
        a.conclusion = "A 窗口".into();
        assert_eq!(s.save(&a, meta(&a), 1, true, "t2").unwrap(), 2);
        b.conclusion = "B 窗口".into();
        assert_eq!(
            s.save(&b, meta(&b), 1, true, "t3"),
            Err(SaveError::Conflict { base: 1, stored: 2 })
        );
        assert_eq!(s.load(&r.id).unwrap().report.conclusion, "A 窗口");
        assert_eq!(s.revision(&r.id), Some(2));
    }

    #[test]
    fn quota_exceeded_is_reported_and_loses_nothing() {
        let mut s = store();
        let r = sample();
        s.create(&r, meta(&r), "t1").unwrap();
        let before = s.kv.map.clone();
        let used: usize = before
            .iter()
            .map(|(k, v)| k.chars().count() + v.chars().count())
            .sum();
        s.kv.quota = Some(used + 100);
        let mut big = r.clone();
        big.sections[1].text = "长".repeat(5000);
        let err = s.save(&big, meta(&big), 1, false, "t2").unwrap_err();
        assert_eq!(err, SaveError::Store(StoreError::Quota));
        assert_eq!(err.to_string(), "浏览器本地存储空间已满");
        assert_eq!(s.kv.map, before);
        assert_eq!(s.load(&r.id).unwrap().report, r);
    }

    #[test]
    fn disabled_storage_is_an_error_not_a_panic() {
        let mut s = Store::new(MemoryStore {
            disabled: true,
            ..MemoryStore::default()
        });
        let r = sample();
        assert!(matches!(
            s.create(&r, meta(&r), "t"),
            Err(SaveError::Store(StoreError::Unavailable(_)))
        ));
        assert!(s.list().is_err());
        assert!(matches!(s.load("x"), Err(LoadError::Store(_))));
    }

    #[test]
    fn damaged_entries_are_listed_with_raw_text_and_never_overwritten() {
        let mut s = store();
        let r = sample();
        s.create(&r, meta(&r), "t1").unwrap();
        let truncated = &s.raw(&r.id).unwrap().unwrap()[..500];
        s.kv.set(&draft_key("broken"), truncated).unwrap();
        s.kv.set(&draft_key("alien"), "{\"hello\":1}").unwrap();
        let list = s.list().unwrap();
        assert_eq!(list.len(), 3);
        assert_eq!(list[0].id, r.id);
        assert_eq!(list[0].state, EntryState::Ok);
        assert_eq!(list[0].meta.as_ref().unwrap().name, r.display_name());
        let damaged: Vec<&str> = list[1..].iter().map(|l| l.id.as_str()).collect();
        assert_eq!(damaged, ["alien", "broken"]);
        assert!(matches!(&list[2].state, EntryState::Damaged(m) if m.contains("损坏或不完整")));
        assert!(matches!(&list[1].state, EntryState::Damaged(m) if m.contains("不是本工具的草稿")));
        assert_eq!(s.raw("broken").unwrap().unwrap(), truncated);
        assert!(matches!(s.load("broken"), Err(LoadError::Damaged(_))));
        let mut same_id = r.clone();
        same_id.id = "broken".into();
        assert!(matches!(
            s.save(&same_id, meta(&r), 0, true, "t"),
            Err(SaveError::Protected(_))
        ));
        assert_eq!(s.raw("broken").unwrap().unwrap(), truncated);
    }

    #[test]
    fn a_newer_draft_opens_read_only_and_is_never_written() {
        let mut s = store();
        let text = r#"{"format":"selfeval-draft","schema":9,"revision":4,"saved_at":"t","report":{"id":"n","unit":{"name":"未来单位","year":2031}}}"#;
        s.kv.set(&draft_key("n"), text).unwrap();
        let l = s.load("n").unwrap();
        assert_eq!(l.report.unit.name, "未来单位");
        assert!(l.read_only.unwrap().contains("较新版本"));
        assert_eq!(s.list().unwrap()[0].state, EntryState::Newer(9));
        let err = s
            .save(&l.report, Meta::default(), 4, true, "t2")
            .unwrap_err();
        assert!(matches!(err, SaveError::Protected(_)));
        assert_eq!(s.raw("n").unwrap().unwrap(), text);
    }

    #[test]
    fn delete_can_be_undone_and_backups_restored() {
        let mut s = store();
        let mut r = sample();
        s.create(&r, meta(&r), "t1").unwrap();
        r.conclusion = "第二版".into();
        s.save(&r, meta(&r), 1, true, "t2").unwrap();
        // restore: the backup (first version) becomes current, the replaced one the backup
        assert_eq!(s.restore_backup(&r.id, "t3").unwrap(), 3);
        assert_eq!(s.load(&r.id).unwrap().report.conclusion, "");
        assert_eq!(s.restore_backup(&r.id, "t4").unwrap(), 4);
        assert_eq!(s.load(&r.id).unwrap().report.conclusion, "第二版");
        let (d, b) = s.delete(&r.id).unwrap();
        assert!(s.list().unwrap().is_empty());
        s.undelete(&r.id, d.as_deref(), b.as_deref()).unwrap();
        assert_eq!(s.load(&r.id).unwrap().report.conclusion, "第二版");
        assert!(s.list().unwrap()[0].has_backup);
    }

    #[test]
    fn the_index_is_a_cache_that_rebuilds() {
        let mut s = store();
        let r = sample();
        s.create(&r, meta(&r), "t1").unwrap();
        s.kv.set(INDEX_KEY, "garbage").unwrap();
        let list = s.list().unwrap();
        assert_eq!(list[0].meta.as_ref().unwrap().name, r.display_name());
        assert_eq!(list[0].meta.as_ref().unwrap().revision, 1);
        assert!(s.usage().unwrap() > 1000);
    }
}

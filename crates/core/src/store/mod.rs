//! Drafts in a key-value store (the browser's localStorage in the app; a map in tests).
//!
//! What this guarantees, whatever the store does:
//! - a save writes the draft first and changes nothing when that write fails; what it keeps
//!   besides (the version history, the index) is best-effort and never blocks the save;
//! - an entry that does not parse is listed as damaged with its raw text, and never
//!   overwritten; an entry from a newer schema opens read-only and is never written back;
//! - each save carries a [`Stamp`] (revision and writer); saving over any stamp other than
//!   the one the editor started from is refused as a conflict (another tab saved in between,
//!   even at the same revision number);
//! - earlier versions are kept (saved versions, see [`versions`]), and a deleted draft stays in
//!   the bin (see [`trash`]) until emptied.
//!
//! Keys: `selfeval.v1.draft.<id>` (a draft file with `revision`, `writer` and `saved_at`),
//! `selfeval.v1.history.<id>` (earlier versions), `selfeval.v1.trash` (the bin),
//! `selfeval.v1.index` (a cache of list metadata, rebuilt when missing or unreadable), and
//! from earlier builds `selfeval.v1.backup.<id>` (read as part of the history).
//!
//! Uses: base, model, file, report.

mod memory;
mod packs;
pub mod trash;
pub mod versions;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::base::json::members::deserialize_members;
use crate::file::draft::{self, DraftError, DRAFT_FORMAT, DRAFT_SCHEMA};
use crate::model::Report;
use crate::report::summary::Summary;

pub use memory::MemoryStore;
pub use packs::PackSaveError;
pub use trash::TrashItem;
pub use versions::{Generation, VersionKind};

pub const PREFIX: &str = "selfeval.v1.";
pub const DRAFT_PREFIX: &str = "selfeval.v1.draft.";
pub const BACKUP_PREFIX: &str = "selfeval.v1.backup.";
pub const VERSIONS_PREFIX: &str = "selfeval.v1.history.";
pub const INDEX_KEY: &str = "selfeval.v1.index";
pub const TRASH_KEY: &str = "selfeval.v1.trash";
pub const PACKS_KEY: &str = "selfeval.v1.packs";

pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

pub fn backup_key(id: &str) -> String {
    format!("{BACKUP_PREFIX}{id}")
}

pub fn versions_key(id: &str) -> String {
    format!("{VERSIONS_PREFIX}{id}")
}

/// A string store that can fail: localStorage throws on quota and when disabled.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// Any backend behind a box (the shell picks one at start-up).
impl<K: KeyValue + ?Sized> KeyValue for Box<K> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        (**self).keys()
    }
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

/// Who wrote which revision of a stored draft. Two tabs that both write revision 5 differ in
/// `writer`, so neither can take the other's save for its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamp {
    pub revision: u64,
    /// The editing session that wrote it (empty for entries of earlier builds).
    pub writer: String,
}

impl Stamp {
    /// Nothing stored yet.
    pub fn none() -> Stamp {
        Stamp::default()
    }
}

/// A stored entry's stamp and time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StampInfo {
    pub stamp: Stamp,
    pub saved_at: String,
}

/// What the drafts list shows of a draft without opening it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(default)]
pub struct Meta {
    pub name: String,
    /// The draft's origin (see `Report::origin`): an imported file with the same is the same draft.
    pub origin: String,
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
    pub status: crate::model::review::Status,
    /// Comments not yet resolved.
    pub open_comments: usize,
}

deserialize_members!(Meta {
    name,
    origin,
    unit,
    year,
    pack_id,
    pack_name,
    revision,
    saved_at,
    total,
    grade,
    errors,
    warnings,
    status,
    open_comments
});

impl Meta {
    pub fn new(report: &Report, summary: &Summary) -> Meta {
        Meta {
            name: report.display_name(),
            origin: report.origin.clone(),
            unit: report.unit.name.clone(),
            year: report.unit.year,
            pack_id: report.pack_id.clone(),
            pack_name: summary.pack_name.clone(),
            total: summary.total.clone(),
            grade: summary.grade.clone(),
            errors: summary.errors,
            warnings: summary.warnings,
            status: report.status,
            open_comments: report.comments.iter().filter(|c| !c.resolved).count(),
            ..Meta::default()
        }
    }
}

#[derive(Debug, Default, Serialize)]
struct Index {
    format: String,
    drafts: BTreeMap<String, Meta>,
}

deserialize_members!(Index {
    format: required,
    drafts: required
});

/// One stored draft as the list sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub id: String,
    pub state: EntryState,
    /// From the index; absent for a draft the index does not know (or a damaged one).
    pub meta: Option<Meta>,
    /// Whether earlier versions are kept.
    pub has_versions: bool,
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
    /// What storage holds: the stamp a save must find to write over it.
    pub stamp: Stamp,
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
    /// Another session saved `stored` after this one loaded `base`.
    Conflict,
    /// The stored entry is damaged or from a newer version: it is not overwritten.
    Protected(String),
    /// There is already a draft with this id.
    Exists,
    Store(StoreError),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Conflict => {
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
    app_version: &'a str,
    pack: draft::PackRef,
    revision: u64,
    writer: &'a str,
    saved_at: &'a str,
    report: &'a Report,
}

/// The text stored for a draft: a draft file (importable as is) with its stamp and time.
pub fn stored_json(report: &Report, stamp: &Stamp, saved_at: &str) -> String {
    serde_json::to_string(&StoredOut {
        format: DRAFT_FORMAT,
        schema: DRAFT_SCHEMA,
        app_version: draft::APP_VERSION,
        pack: draft::envelope(report).pack,
        revision: stamp.revision,
        writer: &stamp.writer,
        saved_at,
        report,
    })
    .expect("a report always serialises")
}

/// The stamp and time on a stored text, whatever else is in it.
pub fn stamp_of(text: &str) -> Option<StampInfo> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let str_of = |k: &str| {
        v.get(k)
            .and_then(|s| s.as_str())
            .unwrap_or_default()
            .to_string()
    };
    Some(StampInfo {
        stamp: Stamp {
            revision: v.get("revision")?.as_u64()?,
            writer: str_of("writer"),
        },
        saved_at: str_of("saved_at"),
    })
}

fn classify(text: &str) -> EntryState {
    match draft::from_json(text) {
        Ok(_) => EntryState::Ok,
        Err(DraftError::Newer { schema, .. }) => EntryState::Newer(schema),
        Err(e) => EntryState::Damaged(e.to_string()),
    }
}

/// Refuse to write over a stored entry that is damaged or from a newer version.
fn writable(text: &str) -> Result<(), SaveError> {
    match classify(text) {
        EntryState::Ok => Ok(()),
        EntryState::Newer(s) => Err(SaveError::Protected(format!(
            "它由较新版本生成（格式版本 {s}）"
        ))),
        EntryState::Damaged(_) => Err(SaveError::Protected("它已损坏，需先下载原始内容".into())),
    }
}

/// Whether a save over `stored` (written by `info`) should first keep it in the history: it
/// is the last save of another session, or of an earlier day.
fn worth_keeping(info: &StampInfo, writer: &str, saved_at: &str) -> Option<VersionKind> {
    if info.stamp.writer != writer {
        Some(VersionKind::Session)
    } else if info.saved_at.get(..10) != saved_at.get(..10) {
        Some(VersionKind::Daily)
    } else {
        None
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
            .and_then(|t| crate::base::json::from_text::<Index>(&t).ok())
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

    /// Every stored draft not in the bin, newest first (damaged ones last), with its state.
    pub fn list(&self) -> Result<Vec<Listing>, StoreError> {
        let keys = self.kv.keys()?;
        let index = self.index();
        let trashed = self.trashed_ids();
        let mut out = Vec::new();
        for key in &keys {
            let Some(id) = key.strip_prefix(DRAFT_PREFIX) else {
                continue;
            };
            if trashed.iter().any(|t| t == id) {
                continue;
            }
            let text = self.kv.get(key)?.unwrap_or_default();
            let history = self.kv.get(&versions_key(id))?;
            let backup = self.kv.get(&backup_key(id))?;
            let state = classify(&text);
            let stamp = stamp_of(&text);
            let meta = match (&state, index.drafts.get(id), &stamp) {
                (EntryState::Damaged(_), _, _) => None,
                (_, Some(m), Some(s)) if m.revision == s.stamp.revision => Some(m.clone()),
                // the index is behind (or lost): read what the list needs from the draft
                _ => match draft::from_json(&text) {
                    Ok(r) => Some(r),
                    Err(DraftError::Newer { report, .. }) => report.map(|r| *r),
                    Err(_) => None,
                }
                .map(|r| Meta {
                    name: r.display_name(),
                    origin: r.origin.clone(),
                    status: r.status,
                    open_comments: r.comments.iter().filter(|c| !c.resolved).count(),
                    unit: r.unit.name.clone(),
                    year: r.unit.year,
                    pack_id: r.pack_id.clone(),
                    revision: stamp.as_ref().map_or(0, |s| s.stamp.revision),
                    saved_at: stamp
                        .as_ref()
                        .map(|s| s.saved_at.clone())
                        .unwrap_or_default(),
                    ..Meta::default()
                }),
            };
            out.push(Listing {
                id: id.to_string(),
                state,
                meta,
                has_versions: history.is_some() || backup.is_some(),
            });
        }
        crate::base::sort::sort_by(&mut out, |a, b| {
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

    /// The stamp stored for a draft now (to compare with an open tab's).
    pub fn stamp(&self, id: &str) -> Option<Stamp> {
        stamp_of(&self.kv.get(&draft_key(id)).ok()??).map(|s| s.stamp)
    }

    pub fn load(&self, id: &str) -> Result<Loaded, LoadError> {
        let text = self
            .kv
            .get(&draft_key(id))
            .map_err(LoadError::Store)?
            .ok_or(LoadError::Missing)?;
        let info = stamp_of(&text).unwrap_or_default();
        let loaded = |report, read_only| Loaded {
            report,
            stamp: info.stamp.clone(),
            saved_at: info.saved_at.clone(),
            read_only,
        };
        match draft::from_json(&text) {
            Ok(report) => Ok(loaded(report, None)),
            Err(e @ DraftError::Newer { .. }) => {
                let msg = e.to_string();
                match e {
                    DraftError::Newer {
                        report: Some(report),
                        ..
                    } => Ok(loaded(*report, Some(msg))),
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
        writer: &str,
        saved_at: &str,
    ) -> Result<Stamp, SaveError> {
        let key = draft_key(&report.id);
        if self.kv.get(&key)?.is_some() {
            return Err(SaveError::Exists);
        }
        let stamp = Stamp {
            revision: 1,
            writer: writer.to_string(),
        };
        self.kv.set(&key, &stored_json(report, &stamp, saved_at))?;
        self.put_index(
            &report.id,
            Some(Meta {
                revision: 1,
                saved_at: saved_at.to_string(),
                ..meta
            }),
        );
        Ok(stamp)
    }

    /// Save an edited draft over `base`, the stamp it was loaded at (or last saved with).
    /// The draft is written first; only then is what it replaced kept in the history (when it
    /// was another session's or an earlier day's last save), best-effort. Returns the new stamp.
    pub fn save(
        &mut self,
        report: &Report,
        meta: Meta,
        base: &Stamp,
        writer: &str,
        saved_at: &str,
    ) -> Result<Stamp, SaveError> {
        let key = draft_key(&report.id);
        let stored = self.kv.get(&key)?;
        let mut keep = None;
        if let Some(text) = &stored {
            writable(text)?;
            let info = stamp_of(text).unwrap_or_default();
            if info.stamp != *base {
                return Err(SaveError::Conflict);
            }
            keep = worth_keeping(&info, writer, saved_at);
        }
        let stamp = Stamp {
            revision: base.revision + 1,
            writer: writer.to_string(),
        };
        self.kv.set(&key, &stored_json(report, &stamp, saved_at))?;
        if let (Some(kind), Some(text)) = (keep, &stored) {
            self.push_generation(&report.id, text, kind);
        }
        self.put_index(
            &report.id,
            Some(Meta {
                revision: stamp.revision,
                saved_at: saved_at.to_string(),
                ..meta
            }),
        );
        Ok(stamp)
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

#[cfg(test)]
mod tests;

//! The saved versions of a draft (版本历史): earlier stored versions ("generations"), kept best-effort.
//!
//! A generation is taken of what was stored when a save replaces it and
//! - it was written by another editing session (the last save of that session), or
//! - it was written on an earlier day (a daily snapshot during a long session), or
//! - it is about to be replaced by a restore (so the restore can be undone).
//!
//! Kept: the [`KEEP_RECENT`] newest, plus the newest of each of the last [`KEEP_DAYS`] days,
//! within [`DRAFT_BUDGET`] characters per draft and [`TOTAL_BUDGET`] for all drafts together
//! (about 30% of the 5 MB localStorage quota). History never blocks a save: the draft is
//! written first, and a history write that does not fit drops the oldest generations or is
//! skipped.

use serde::Serialize;

use super::{
    backup_key, draft_key, stamp_of, versions_key, KeyValue, SaveError, Stamp, Store, StoreError,
    VERSIONS_PREFIX,
};
use crate::base::json::members::deserialize_members;
use crate::base::json::members::deserialize_names;
use crate::file::draft;

/// Generations always kept, newest first.
pub const KEEP_RECENT: usize = 5;
/// Days for which the newest generation of the day is kept as well.
pub const KEEP_DAYS: usize = 14;
/// Characters of history kept for one draft (the newest generation is kept whatever its size).
pub const DRAFT_BUDGET: usize = 600_000;
/// Characters of history kept for all drafts together (~30% of a 5 MB localStorage).
pub const TOTAL_BUDGET: usize = 1_500_000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionKind {
    /// The last save of an earlier editing session. (The default only as a read starts: a
    /// generation without its kind is refused.)
    #[default]
    Session,
    /// The last save of an earlier day within one long session.
    Daily,
    /// The version a restore replaced.
    Restore,
    /// The single backup slot of earlier builds.
    Backup,
}

deserialize_names!(VersionKind { Session = "session", Daily = "daily", Restore = "restore", Backup = "backup" });

impl VersionKind {
    pub fn label(self) -> &'static str {
        match self {
            VersionKind::Session => "上次编辑结束时",
            VersionKind::Daily => "当日最后保存",
            VersionKind::Restore => "恢复前的版本",
            VersionKind::Backup => "备份",
        }
    }
}

/// One earlier version of a draft.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Generation {
    pub kind: VersionKind,
    pub saved_at: String,
    pub revision: u64,
    #[serde(default)]
    pub writer: String,
    /// The stored entry as it was (a draft file, importable as it is).
    pub text: String,
}

deserialize_members!(Generation {
    kind: required,
    saved_at: required,
    revision: required,
    writer,
    text: required
});

impl Generation {
    fn of(text: &str, kind: VersionKind) -> Generation {
        let s = stamp_of(text).unwrap_or_default();
        Generation {
            kind,
            saved_at: s.saved_at,
            revision: s.stamp.revision,
            writer: s.stamp.writer,
            text: text.to_string(),
        }
    }

    /// Characters it takes in storage.
    pub fn size(&self) -> usize {
        self.text.chars().count() + self.saved_at.len() + self.writer.len() + 40
    }

    fn day(&self) -> &str {
        self.saved_at.get(..10).unwrap_or(&self.saved_at)
    }
}

#[derive(Debug, Default, Serialize)]
struct HistoryFile {
    format: String,
    /// Newest first.
    generations: Vec<Generation>,
}

deserialize_members!(HistoryFile {
    format: required,
    generations: required
});

const HISTORY_FORMAT: &str = "selfeval-history";

/// Which generations to keep (indices into `gens`, newest first), by count and size.
pub fn retain(gens: &[Generation], budget: usize) -> Vec<usize> {
    let mut keep = Vec::new();
    let mut days: Vec<&str> = Vec::new();
    for (i, g) in gens.iter().enumerate() {
        let new_day = !days.contains(&g.day());
        if new_day {
            days.push(g.day());
        }
        if i < KEEP_RECENT || (new_day && days.len() <= KEEP_DAYS) {
            keep.push(i);
        }
    }
    let mut used = 0;
    keep.retain(|&i| {
        used += gens[i].size();
        i == 0 || used <= budget
    });
    keep
}

impl<K: KeyValue> Store<K> {
    /// The earlier versions of a draft, newest first (a backup of earlier builds included).
    pub fn versions(&self, id: &str) -> Result<Vec<Generation>, StoreError> {
        let mut gens = self
            .kv
            .get(&versions_key(id))?
            .and_then(|t| crate::base::json::from_text::<HistoryFile>(&t).ok())
            .filter(|h| h.format == HISTORY_FORMAT)
            .map(|h| h.generations)
            .unwrap_or_default();
        if let Some(old) = self.kv.get(&backup_key(id))? {
            gens.push(Generation::of(&old, VersionKind::Backup));
            crate::base::sort::sort_by(&mut gens, |a, b| b.saved_at.cmp(&a.saved_at));
        }
        Ok(gens)
    }

    /// Write the history of `id`, fitted to the budgets; drops the oldest generations while
    /// the store says it is full. Errors only when not even the newest generation fits.
    fn put_versions(&mut self, id: &str, gens: Vec<Generation>) -> Result<(), StoreError> {
        let keep = retain(&gens, DRAFT_BUDGET);
        let mut gens: Vec<Generation> = keep.into_iter().map(|i| gens[i].clone()).collect();
        loop {
            let file = HistoryFile {
                format: HISTORY_FORMAT.into(),
                generations: gens.clone(),
            };
            let text = serde_json::to_string(&file).expect("history serialises");
            match self.kv.set(&versions_key(id), &text) {
                Ok(()) => {
                    // the backup slot of earlier builds now lives in the history
                    let _ = self.kv.remove(&backup_key(id));
                    return Ok(());
                }
                Err(StoreError::Quota) if gens.len() > 1 => {
                    gens.pop();
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Keep `text` (what was stored for `id`) as its newest generation. Best-effort.
    pub(super) fn push_generation(&mut self, id: &str, text: &str, kind: VersionKind) -> bool {
        let Ok(mut gens) = self.versions(id) else {
            return false;
        };
        let g = Generation::of(text, kind);
        if gens
            .first()
            .is_some_and(|f| f.revision == g.revision && f.writer == g.writer && f.text == g.text)
        {
            return true;
        }
        gens.insert(0, g);
        let ok = self.put_versions(id, gens).is_ok();
        self.fit_total_budget(id);
        ok
    }

    /// Drop the oldest generations of other drafts while all history exceeds [`TOTAL_BUDGET`].
    fn fit_total_budget(&mut self, keep_id: &str) {
        let Ok(keys) = self.kv.keys() else { return };
        let mut all: Vec<(String, Vec<Generation>)> = keys
            .iter()
            .filter_map(|k| k.strip_prefix(VERSIONS_PREFIX))
            .filter_map(|id| Some((id.to_string(), self.versions(id).ok()?)))
            .collect();
        let size = |all: &[(String, Vec<Generation>)]| -> usize {
            all.iter()
                .flat_map(|(_, g)| g.iter().map(Generation::size))
                .sum()
        };
        let mut changed: Vec<String> = Vec::new();
        while size(&all) > TOTAL_BUDGET {
            let oldest = all
                .iter()
                .enumerate()
                .filter(|(_, (id, g))| id != keep_id && !g.is_empty())
                .min_by(|a, b| {
                    let last = |x: &(usize, &(String, Vec<Generation>))| {
                        x.1 .1.last().map(|g| g.saved_at.clone())
                    };
                    last(a).cmp(&last(b))
                })
                .map(|(i, _)| i);
            let Some(i) = oldest else { break };
            all[i].1.pop();
            if !changed.contains(&all[i].0) {
                changed.push(all[i].0.clone());
            }
        }
        for id in changed {
            if let Some((_, gens)) = all.iter().find(|(i, _)| *i == id) {
                if gens.is_empty() {
                    let _ = self.kv.remove(&versions_key(&id));
                    let _ = self.kv.remove(&backup_key(&id));
                } else {
                    let _ = self.put_versions(&id, gens.clone());
                }
            }
        }
    }

    /// Make generation `index` of the history the current version, at a new revision (open
    /// tabs notice). The current version is first kept in the history, so the restore can be
    /// undone by restoring it; if that cannot be kept, nothing is restored. A failed write of
    /// the draft leaves the current version in place.
    pub fn restore(
        &mut self,
        id: &str,
        index: usize,
        writer: &str,
        saved_at: &str,
    ) -> Result<Stamp, SaveError> {
        let gens = self.versions(id)?;
        let g = gens
            .get(index)
            .ok_or_else(|| SaveError::Protected("没有这个历史版本".into()))?;
        let report = draft::from_json(&g.text)
            .map_err(|e| SaveError::Protected(format!("这个历史版本无法读取：{e}")))?;
        let current = self
            .kv
            .get(&draft_key(id))?
            .ok_or_else(|| SaveError::Protected("当前草稿已不存在".into()))?;
        super::writable(&current)?;
        let now = stamp_of(&current).unwrap_or_default().stamp;
        let mut kept = gens.clone();
        kept.insert(0, Generation::of(&current, VersionKind::Restore));
        self.put_versions(id, kept)
            .map_err(|e| SaveError::Protected(format!("无法先保留当前版本（{e}），未恢复")))?;
        let stamp = Stamp {
            revision: now.revision + 1,
            writer: writer.to_string(),
        };
        self.kv.set(
            &draft_key(id),
            &super::stored_json(&report, &stamp, saved_at),
        )?;
        self.put_index(id, None);
        Ok(stamp)
    }
}

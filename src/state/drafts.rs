use leptos::prelude::*;
use selfeval_core::store::{Listing, Meta};
use selfeval_core::{check, draft_file, evaluate, Report, Summary};

use crate::state::Library;
use crate::storage::{local_store, now_stamp};

/// A deleted draft's stored texts, kept for this session so the deletion can be undone.
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    pub id: String,
    pub name: String,
    pub draft: Option<String>,
    pub backup: Option<String>,
}

/// The drafts list of the home screen, and the operations on stored drafts.
#[derive(Clone, Copy)]
pub struct Drafts {
    pub list: RwSignal<Vec<Listing>>,
    /// The last storage problem, shown as a banner on the home screen.
    pub error: RwSignal<Option<String>>,
    /// Characters this app keeps in storage.
    pub usage: RwSignal<usize>,
    /// What the browser said to `navigator.storage.persist()`.
    pub persisted: RwSignal<Option<bool>>,
    pub deleted: RwSignal<Option<Deleted>>,
    library: Library,
}

/// List metadata for a draft, computed the same way the editor computes it.
pub fn meta_of(report: &Report, library: &Library) -> Meta {
    let pack = library.for_draft(&report.pack_id);
    let eval = evaluate(report, &pack);
    let findings = check(report, &pack, &eval);
    Meta::new(report, &Summary::new(report, &pack, &eval, &findings))
}

impl Drafts {
    pub fn new(library: Library) -> Self {
        let d = Drafts {
            list: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            usage: RwSignal::new(0),
            persisted: RwSignal::new(None),
            deleted: RwSignal::new(None),
            library,
        };
        d.refresh();
        d
    }

    /// Re-read the list from storage.
    pub fn refresh(&self) {
        let store = local_store();
        match store.list() {
            Ok(list) => self.list.set(list),
            Err(e) => self.error.set(Some(format!("无法读取草稿列表：{e}"))),
        }
        self.usage.set(store.usage().unwrap_or(0));
    }

    /// Store a new draft; returns its id.
    pub fn create(&self, report: &Report) -> Result<String, String> {
        let meta = meta_of(report, &self.library);
        let result = local_store()
            .create(report, meta, &now_stamp())
            .map(|_| report.id.clone())
            .map_err(|e| format!("无法保存新草稿：{e}"));
        self.refresh();
        result
    }

    /// Read a stored draft (for duplicate, carry forward, rename).
    pub fn read(&self, id: &str) -> Result<(Report, u64), String> {
        local_store()
            .load(id)
            .map(|l| (l.report, l.revision))
            .map_err(|e| e.to_string())
    }

    pub fn rename(&self, id: &str, name: &str) -> Result<(), String> {
        let (mut report, revision) = self.read(id)?;
        report.name = name.trim().to_string();
        let meta = meta_of(&report, &self.library);
        let result = local_store()
            .save(&report, meta, revision, false, &now_stamp())
            .map(|_| ())
            .map_err(|e| format!("无法重命名：{e}"));
        self.refresh();
        result
    }

    pub fn delete(&self, id: &str) -> Result<(), String> {
        let name = self
            .list
            .with_untracked(|l| l.iter().find(|x| x.id == id).and_then(|x| x.meta.clone()))
            .map(|m| m.name)
            .unwrap_or_else(|| id.to_string());
        let result = local_store()
            .delete(id)
            .map_err(|e| format!("无法删除：{e}"));
        if let Ok((draft, backup)) = &result {
            self.deleted.set(Some(Deleted {
                id: id.to_string(),
                name,
                draft: draft.clone(),
                backup: backup.clone(),
            }));
        }
        self.refresh();
        result.map(|_| ())
    }

    pub fn undo_delete(&self) -> Result<(), String> {
        let Some(d) = self.deleted.get_untracked() else {
            return Ok(());
        };
        let result = local_store()
            .undelete(&d.id, d.draft.as_deref(), d.backup.as_deref())
            .map_err(|e| format!("无法恢复：{e}"));
        if result.is_ok() {
            self.deleted.set(None);
        }
        self.refresh();
        result
    }

    pub fn restore_backup(&self, id: &str) -> Result<(), String> {
        let result = local_store()
            .restore_backup(id, &now_stamp())
            .map(|_| ())
            .map_err(|e| format!("无法恢复备份：{e}"));
        self.refresh();
        result
    }

    /// The raw stored text of a draft (a damaged one is downloaded as it is).
    pub fn raw(&self, id: &str) -> Option<String> {
        local_store().raw(id).ok().flatten()
    }

    /// Import a draft file, or an HTML report this app exported, as a new draft (never over
    /// an existing one).
    pub fn import(&self, text: &str, new_id: String) -> Result<String, String> {
        let looks_html = text.trim_start().starts_with('<');
        let mut report = if looks_html {
            selfeval_core::export::html::draft_from_html(text)
        } else {
            draft_file::from_json(text)
        }
        .map_err(|e| e.to_string())?;
        let taken = self
            .list
            .with_untracked(|l| l.iter().any(|x| x.id == report.id));
        if report.id.is_empty() || taken {
            report.id = new_id;
        }
        self.create(&report)
    }
}

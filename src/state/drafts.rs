use leptos::prelude::*;
use selfeval_core::store::{Generation, KeyValue, Listing, Meta, Stamp, Store, TrashItem};
use selfeval_core::{check, evaluate, file::draft, Report, Summary};

use crate::state::{Library, Nav, Parked, Route, Unsaved};
use crate::web::clock::{new_writer, now_stamp};
use crate::web::storage::Backend;

/// One earlier version of a draft, as the 版本历史 view shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub index: usize,
    pub generation: Generation,
    /// The version read back (`None` when it cannot be read).
    pub report: Option<Report>,
    pub total: String,
    pub grade: String,
}

/// The drafts list of the home screen, and the operations on stored drafts.
#[derive(Clone, Copy)]
pub struct Drafts {
    pub list: RwSignal<Vec<Listing>>,
    /// The 回收站.
    pub trash: RwSignal<Vec<TrashItem>>,
    /// The last storage problem, shown as a banner on the home screen.
    pub error: RwSignal<Option<String>>,
    /// A short note on the last thing done (with its undo), shown as a banner.
    pub notice: RwSignal<Option<Notice>>,
    /// Characters this app keeps in storage.
    pub usage: RwSignal<usize>,
    /// What the browser said to `navigator.storage.persist()`.
    pub persisted: RwSignal<Option<bool>>,
    library: Library,
    backend: Backend,
}

/// What the undo button of the home screen's banner would undo.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Deleted {
        id: String,
        name: String,
    },
    Restored {
        id: String,
        name: String,
        from: String,
    },
    /// This many files were imported as new drafts.
    Imported(usize),
}

/// Store a new draft and open it; if storage refuses, open it from memory (the editor then
/// shows the failure and offers the download).
pub fn open_new(report: Report) {
    let drafts = expect_context::<Drafts>();
    let nav = expect_context::<Nav>();
    let unsaved = expect_context::<Unsaved>();
    let id = report.id.clone();
    if let Err(e) = drafts.create(&report) {
        drafts.error.set(Some(e.clone()));
        unsaved.park(Parked {
            report,
            base: Stamp::none(),
            reason: e,
        });
    }
    nav.go(Route::Draft { id, part: None });
}

/// List metadata for a draft, computed the same way the editor computes it.
pub fn meta_of(report: &Report, library: &Library) -> Meta {
    let pack = library.for_draft(&report.pack_id);
    let eval = evaluate(report, &pack);
    let findings = check(report, &pack, &eval);
    Meta::new(report, &Summary::new(report, &pack, &eval, &findings))
}

impl Drafts {
    pub fn new(library: Library, backend: Backend) -> Self {
        let d = Drafts {
            list: RwSignal::new(Vec::new()),
            trash: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            notice: RwSignal::new(None),
            usage: RwSignal::new(0),
            persisted: RwSignal::new(None),
            library,
            backend,
        };
        backend.store().tidy(&now_stamp());
        d.refresh();
        d
    }

    /// Re-read the list and the bin from storage.
    pub fn refresh(&self) {
        let store = self.backend.store();
        match store.list() {
            Ok(list) => self.list.set(list),
            Err(e) => self.error.set(Some(format!("无法读取草稿列表：{e}"))),
        }
        self.trash.set(store.trash().unwrap_or_default());
        self.usage.set(store.usage().unwrap_or(0));
    }

    fn name_of(&self, id: &str) -> String {
        self.list
            .with_untracked(|l| l.iter().find(|x| x.id == id).and_then(|x| x.meta.clone()))
            .map(|m| m.name)
            .unwrap_or_else(|| id.to_string())
    }

    /// Run one change on storage, then show the list as it is; a failure says `what` failed.
    fn change<T, E: std::fmt::Display>(
        &self,
        what: &str,
        op: impl FnOnce(&mut Store<Box<dyn KeyValue>>) -> Result<T, E>,
    ) -> Result<T, String> {
        let result = op(&mut self.backend.store()).map_err(|e| format!("{what}：{e}"));
        self.refresh();
        result
    }

    /// Store a new draft; returns its id.
    pub fn create(&self, report: &Report) -> Result<String, String> {
        let meta = meta_of(report, &self.library);
        self.change("无法保存新草稿", |s| {
            s.create(report, meta, &new_writer(), &now_stamp())
        })
        .map(|_| report.id.clone())
    }

    /// Read a stored draft (for duplicate, carry forward, rename).
    pub fn read(&self, id: &str) -> Result<(Report, Stamp), String> {
        self.backend
            .store()
            .load(id)
            .map(|l| (l.report, l.stamp))
            .map_err(|e| e.to_string())
    }

    pub fn rename(&self, id: &str, name: &str) -> Result<(), String> {
        let (mut report, stamp) = self.read(id)?;
        report.name = name.trim().to_string();
        let meta = meta_of(&report, &self.library);
        self.change("无法重命名", |s| {
            s.save(&report, meta, &stamp, &new_writer(), &now_stamp())
        })
        .map(|_| ())
    }

    /// Move a draft to the 回收站 (undoable, after a reload too).
    pub fn delete(&self, id: &str) -> Result<(), String> {
        let name = self.name_of(id);
        self.change("无法删除", |s| s.delete(id, &name, &now_stamp()))?;
        self.notice.set(Some(Notice::Deleted {
            id: id.to_string(),
            name,
        }));
        Ok(())
    }

    /// Take a draft out of the 回收站.
    pub fn undelete(&self, id: &str) -> Result<(), String> {
        self.change("无法恢复", |s| s.undelete(id))?;
        self.notice.set(None);
        Ok(())
    }

    /// Remove a draft in the 回收站 for good.
    pub fn purge(&self, id: &str) -> Result<(), String> {
        self.change("无法彻底删除", |s| s.purge(id))
    }

    pub fn empty_trash(&self) -> Result<(), String> {
        self.change("无法清空回收站", |s| s.empty_trash())
    }

    /// The earlier versions of a draft, each scored as the editor would score it.
    pub fn versions(&self, id: &str) -> Result<Vec<Version>, String> {
        let gens = self
            .backend
            .store()
            .versions(id)
            .map_err(|e| format!("无法读取版本历史：{e}"))?;
        Ok(gens
            .into_iter()
            .enumerate()
            .map(|(index, generation)| {
                let report = draft::from_json(&generation.text).ok();
                let (total, grade) = report
                    .as_ref()
                    .map(|r| {
                        let m = meta_of(r, &self.library);
                        (m.total, m.grade)
                    })
                    .unwrap_or_default();
                Version {
                    index,
                    generation,
                    report,
                    total,
                    grade,
                }
            })
            .collect())
    }

    /// Make an earlier version current; the current one is kept first, so this is undoable.
    pub fn restore(&self, id: &str, index: usize, from: &str) -> Result<(), String> {
        let name = self.name_of(id);
        self.change("无法恢复该版本", |s| {
            s.restore(id, index, &new_writer(), &now_stamp())
        })?;
        self.notice.set(Some(Notice::Restored {
            id: id.to_string(),
            name,
            from: from.to_string(),
        }));
        Ok(())
    }

    /// The raw stored text of a draft (a damaged one is downloaded as it is).
    pub fn raw(&self, id: &str) -> Option<String> {
        self.backend.store().raw(id).ok().flatten()
    }

    /// A draft naming a pack this app does not have cannot be scored as its author scored it.
    /// The framework a draft under `pack_id` is scored by.
    pub fn pack(&self, pack_id: &str) -> selfeval_core::Pack {
        self.library.for_draft(pack_id)
    }

    pub fn known_pack(&self, id: &str) -> Result<(), String> {
        if self.library.find(id).is_some() {
            return Ok(());
        }
        let names = self.library.packs.with_untracked(|p| {
            p.iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
                .join("、")
        });
        Err(format!(
            "它使用的评价指标体系“{id}”不在本机（现有：{names}），无法按原体系计分；请先在“评价指标体系”中导入该体系的文件，再导入草稿"
        ))
    }
}

use std::time::Duration;

use leptos::prelude::*;
use selfeval_core::edit::{Edit, EditError};
use selfeval_core::history::History;
use selfeval_core::store::{draft_key, Loaded, SaveError, Stamp};
use selfeval_core::{check, evaluate, Evaluation, Finding, Pack, Report, Summary};

use crate::crash;
use crate::state::drafts::meta_of;
use crate::state::Library;
use crate::storage::{local_store, new_writer, now_ms, now_stamp};

/// Autosave waits this long after the last edit.
pub const SAVE_DELAY: Duration = Duration::from_millis(700);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Everything is stored; the time of the last save ("09:30:05"), if any this session.
    Saved(Option<String>),
    /// Edits wait for the autosave.
    Pending,
    /// The last write failed; the message says why. Edits stay in memory.
    Failed(String),
    /// Another tab saved a newer revision: autosave stopped.
    Conflict,
    /// Opened read-only (a newer version's draft): never saved.
    ReadOnly(String),
}

/// The open draft: its report, the pack it is scored under, what follows from them, its
/// undo history and its save state. Every change goes through a method here, and every
/// change schedules the save: this is the one bridge from the editor to storage.
#[derive(Clone, Copy)]
pub struct Session {
    pub id: StoredValue<String>,
    pub report: RwSignal<Report>,
    pub pack: Memo<Pack>,
    pub evaluation: Memo<Evaluation>,
    pub findings: Memo<Vec<Finding>>,
    pub summary: Memo<Summary>,
    pub save_state: RwSignal<SaveState>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    /// A message about the last edit that could not be applied.
    pub edit_error: RwSignal<Option<String>>,
    history: StoredValue<History>,
    /// What storage held when this session last loaded or saved: a save must find it there.
    base: StoredValue<Stamp>,
    /// This editing session's id, stamped on each of its saves.
    writer: StoredValue<String>,
    dirty: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
    library: Library,
}

impl Session {
    pub fn new(loaded: Loaded, library: Library) -> Self {
        let report = RwSignal::new(loaded.report);
        let pack = Memo::new(move |_| report.with(|r| library.for_draft(&r.pack_id)));
        let evaluation = Memo::new(move |_| pack.with(|p| report.with(|r| evaluate(r, p))));
        let findings =
            Memo::new(move |_| pack.with(|p| report.with(|r| evaluation.with(|e| check(r, p, e)))));
        let summary = Memo::new(move |_| {
            pack.with(|p| {
                report.with(|r| evaluation.with(|e| findings.with(|f| Summary::new(r, p, e, f))))
            })
        });
        let save_state = match &loaded.read_only {
            Some(why) => SaveState::ReadOnly(why.clone()),
            None => SaveState::Saved(None),
        };
        let s = Session {
            id: StoredValue::new(report.with_untracked(|r| r.id.clone())),
            report,
            pack,
            evaluation,
            findings,
            summary,
            save_state: RwSignal::new(save_state),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            edit_error: RwSignal::new(None),
            history: StoredValue::new(History::default()),
            base: StoredValue::new(loaded.stamp),
            writer: StoredValue::new(new_writer()),
            dirty: StoredValue::new(false),
            timer: StoredValue::new(None),
            library,
        };
        s.watch_other_tabs();
        report.with_untracked(crash::remember);
        s
    }

    pub fn read_only(&self) -> bool {
        matches!(self.save_state.get_untracked(), SaveState::ReadOnly(_))
    }

    /// Apply an edit (recorded for undo, then saved after a pause). Returns a new row's id.
    pub fn edit(&self, edit: Edit) -> Option<String> {
        if self.read_only() {
            return None;
        }
        let key = match &edit {
            Edit::Set { path, .. } => path.clone(),
            other => format!("{other:?}"),
        };
        // try on a copy first: a refused edit leaves no undo step and no change behind
        let mut result: Result<Option<String>, EditError> = Ok(None);
        let now = now_ms();
        self.report.with_untracked(|r| {
            let mut next = r.clone();
            result = next.apply(&edit);
            if result.is_ok() {
                self.history.update_value(|h| h.record(r, &key, now));
            }
        });
        match result {
            Ok(added) => {
                self.report.update(|r| {
                    let _ = r.apply(&edit);
                });
                self.edit_error.set(None);
                self.changed();
                added
            }
            Err(e) => {
                self.edit_error.set(Some(e.to_string()));
                None
            }
        }
    }

    /// Set the field at `path`.
    pub fn set(&self, path: &str, value: String) {
        self.edit(Edit::Set {
            path: path.to_string(),
            value,
        });
    }

    /// Replace the whole draft (a pack change, a reload), as one undoable step.
    pub fn replace(&self, next: Report) {
        if self.read_only() {
            return;
        }
        self.report.with_untracked(|r| {
            self.history
                .update_value(|h| h.record(r, "replace", now_ms()))
        });
        self.report.set(next);
        self.changed();
    }

    pub fn undo(&self) {
        self.travel(History::undo);
    }

    pub fn redo(&self) {
        self.travel(History::redo);
    }

    /// Move through the undo history (`History::undo` or `History::redo`).
    fn travel(&self, step: fn(&mut History, &Report) -> Option<Report>) {
        if self.read_only() {
            return;
        }
        let other = self
            .report
            .with_untracked(|r| self.history.try_update_value(|h| step(h, r)))
            .flatten();
        if let Some(other) = other {
            self.report.set(other);
            self.changed();
        }
    }

    fn changed(&self) {
        self.report.with_untracked(crash::remember);
        self.history.with_value(|h| {
            self.can_undo.set(h.can_undo());
            self.can_redo.set(h.can_redo());
        });
        self.dirty.set_value(true);
        if self.save_state.get_untracked() == SaveState::Conflict {
            return;
        }
        if !matches!(self.save_state.get_untracked(), SaveState::Failed(_)) {
            self.save_state.set(SaveState::Pending);
        }
        self.schedule_save();
    }

    fn schedule_save(&self) {
        if let Some(h) = self.timer.get_value() {
            h.clear();
        }
        let this = *self;
        let handle = set_timeout_with_handle(move || this.save_now(), SAVE_DELAY).ok();
        self.timer.set_value(handle);
    }

    /// A draft storage lacks (parked in this page, or never stored): mark it unsaved and try
    /// to store it at once.
    pub fn resume(&self) {
        if self.read_only() {
            return;
        }
        self.dirty.set_value(true);
        self.save_now();
    }

    /// Write now if anything is unsaved (also called when the page is hidden or closed).
    pub fn flush(&self) {
        if self.dirty.get_value() {
            self.save_now();
        }
    }

    /// A draft opened from memory (storage refused it when it was made).
    pub fn unsaved_from_start(&self) -> bool {
        self.base.get_value().revision == 0 && !self.read_only()
    }

    /// Whether storage lacks something this session holds: edits not yet written, or a
    /// draft never stored at all.
    pub fn unsaved(&self) -> bool {
        !self.read_only() && (self.dirty.get_value() || self.unsaved_from_start())
    }

    /// Why the draft is not stored, for the user (after a flush that did not help).
    pub fn unsaved_reason(&self) -> String {
        match self.save_state.get_untracked() {
            SaveState::Failed(why) => format!("保存失败：{why}"),
            SaveState::Conflict => "另一个窗口已保存了这份草稿的新版本，本窗口的修改未保存".into(),
            _ => "修改尚未保存".into(),
        }
    }

    /// This session's edits are kept elsewhere now (saved as a new draft): leaving drops
    /// nothing, so nothing needs asking or parking.
    pub fn kept_elsewhere(&self) {
        self.dirty.set_value(false);
        if let Some(h) = self.timer.get_value() {
            h.clear();
        }
    }

    /// The stamp this session's copy is based on.
    pub fn base(&self) -> Stamp {
        self.base.get_value()
    }

    pub fn save_now(&self) {
        if let Some(h) = self.timer.get_value() {
            h.clear();
        }
        self.timer.set_value(None);
        if matches!(
            self.save_state.get_untracked(),
            SaveState::Conflict | SaveState::ReadOnly(_)
        ) {
            return;
        }
        let base = self.base.get_value();
        let writer = self.writer.get_value();
        let result = self.report.with_untracked(|r| {
            let meta = meta_of(r, &self.library);
            let mut store = local_store();
            if base.revision == 0 {
                // never stored (storage failed when it was created): store it now
                store.create(r, meta, &writer, &now_stamp())
            } else {
                store.save(r, meta, &base, &writer, &now_stamp())
            }
        });
        match result {
            Ok(stamp) => {
                self.base.set_value(stamp);
                self.dirty.set_value(false);
                let time = now_stamp()
                    .split(' ')
                    .nth(1)
                    .unwrap_or_default()
                    .to_string();
                self.save_state.set(SaveState::Saved(Some(time)));
            }
            Err(SaveError::Conflict { .. }) => self.save_state.set(SaveState::Conflict),
            Err(e) => self.save_state.set(SaveState::Failed(e.to_string())),
        }
    }

    /// Another tab saving this draft makes ours stale: stop autosave at once and say so.
    fn watch_other_tabs(&self) {
        let this = *self;
        let handle = window_event_listener_untyped("storage", move |ev| {
            let Some(ev) = wasm_bindgen::JsCast::dyn_ref::<web_sys::StorageEvent>(&ev) else {
                return;
            };
            if ev.key().as_deref() != Some(&draft_key(&this.id.get_value())) {
                return;
            }
            let stored = local_store()
                .stamp(&this.id.get_value())
                .unwrap_or_default();
            if stored != this.base.get_value() && !this.read_only() {
                this.save_state.set(SaveState::Conflict);
            }
        });
        on_cleanup(move || handle.remove());
    }

    /// Resolve a conflict by taking the stored version (ours stays one undo step away).
    pub fn take_stored(&self) -> Result<(), String> {
        let loaded = local_store()
            .load(&self.id.get_value())
            .map_err(|e| e.to_string())?;
        self.report.with_untracked(|r| {
            self.history
                .update_value(|h| h.record(r, "reload", now_ms()))
        });
        self.base.set_value(loaded.stamp);
        self.dirty.set_value(false);
        self.report.set(loaded.report);
        self.report.with_untracked(crash::remember);
        self.history.with_value(|h| {
            self.can_undo.set(h.can_undo());
            self.can_redo.set(h.can_redo());
        });
        self.save_state.set(SaveState::Saved(None));
        Ok(())
    }

    /// The draft as it is now, under a new id (to keep this tab's version as a copy).
    pub fn as_copy(&self, new_id: &str) -> Report {
        self.report.with_untracked(|r| {
            let mut copy = selfeval_core::lifecycle::duplicate(r, new_id);
            copy.name = format!("{}（本窗口的版本）", r.display_name());
            copy
        })
    }
}

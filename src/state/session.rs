use std::time::Duration;

use leptos::prelude::*;
use selfeval_core::app::session::Editing;
use selfeval_core::edit::Edit;
use selfeval_core::model::field::Field;
use selfeval_core::scoring::{evaluate_with, Scored};
use selfeval_core::store::{draft_key, Loaded, Meta, Stamp};
use selfeval_core::{check, Evaluation, Finding, Pack, Report, Summary};

pub use selfeval_core::app::session::SaveState;

use crate::state::{Layout, Library};
use crate::web::clock::{new_writer, now_ms, now_stamp};
use crate::web::crash;
use crate::web::storage::Backend;

/// Autosave waits this long after the last edit.
pub const SAVE_DELAY: Duration = Duration::from_millis(700);

/// The open draft in the page: its report in a signal, what follows from it as memos, and the
/// core's edit session ([`Editing`]: undo, stamps, the save state machine) mirrored into
/// signals. Every change goes through a method here, and every change schedules the save:
/// this is the one bridge from the editor to storage.
#[derive(Clone, Copy)]
pub struct Session {
    pub id: StoredValue<String>,
    pub report: RwSignal<Report>,
    /// The draft's pack: settled (see `settled`), so it changes only with the pack itself.
    pub pack: Signal<Pack>,
    pub evaluation: Memo<Evaluation>,
    /// The checks' findings: a frame behind the figures (see `deferred_check`).
    pub findings: Signal<Vec<Finding>>,
    pub summary: Memo<Summary>,
    /// Each section's outline number (一、/（一）/1.), by section id: recomputed when the
    /// outline's shape changes, not when a section's text does.
    pub numbers: Memo<Vec<(String, String)>>,
    /// Open comments per field or part path (a memo of the comments only: typing elsewhere
    /// redraws no badge).
    pub open_comments: Signal<std::collections::BTreeMap<String, usize>>,
    /// The fields the form shows, each a signal of its own (see `FieldValues`).
    pub values: crate::state::FieldValues,
    /// The field last focused in the form (a new comment is about it).
    pub focused: RwSignal<Option<String>>,
    pub save_state: RwSignal<SaveState>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    /// A message about the last action that could not be done (an edit, an export).
    pub edit_error: RwSignal<Option<String>>,
    /// A note on something done to the whole draft (a merge, a replacement), with its undo.
    pub notice: RwSignal<Option<String>>,
    /// The findings as of now, for what is stored (`findings` may be a frame behind).
    checked: Memo<Vec<Finding>>,
    editing: StoredValue<Editing>,
    timer: StoredValue<Option<TimeoutHandle>>,
    backend: Backend,
}

/// The findings of the draft as it is, brought up to date after the frame that shows a
/// keystroke's figures: the checks read every row and the whole narrative, and a slow office PC
/// then drew the new total a frame late. Typing faster than that checks once, for the last
/// keystroke. Returns the findings as of now (checked when read) and those shown.
fn deferred_check(
    report: RwSignal<Report>,
    pack: Signal<Pack>,
    evaluation: Memo<Evaluation>,
) -> (Memo<Vec<Finding>>, Signal<Vec<Finding>>) {
    let now =
        Memo::new(move |_| pack.with(|p| report.with(|r| evaluation.with(|e| check(r, p, e)))));
    let shown = RwSignal::new(now.get_untracked());
    let due = StoredValue::new(false);
    Effect::new(move |_| {
        // what the checks read, without checking now (the memo checks when it is read, and
        // again only if these changed)
        report.track();
        pack.track();
        evaluation.track();
        if due.get_value() {
            return;
        }
        due.set_value(true);
        request_animation_frame(move || {
            set_timeout(
                move || {
                    due.try_set_value(false);
                    if let Some(f) = now.try_get_untracked() {
                        if shown.try_with_untracked(|old| *old != f) == Some(true) {
                            shown.set(f);
                        }
                    }
                },
                Duration::ZERO,
            )
        });
    });
    (now, shown.into())
}

impl Session {
    pub fn new(loaded: Loaded, library: Library, backend: Backend) -> Self {
        let editing = Editing::new(&loaded, &new_writer());
        let report = RwSignal::new(loaded.report);
        let pack_id = Memo::new(move |_| report.with(|r| r.pack_id.clone()));
        let pack = crate::state::settled(move || pack_id.with(|id| library.for_draft(id)));
        // the rows scored last time, reused by the next keystroke's evaluation where unchanged
        let kept = std::sync::Mutex::new(Scored::default());
        let evaluation = Memo::new(move |_| {
            let mut kept = kept
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            pack.with(|p| report.with(|r| evaluate_with(r, p, &mut kept)))
        });
        let (checked, findings) = deferred_check(report, pack, evaluation);
        let summary = Memo::new(move |_| {
            pack.with(|p| {
                report.with(|r| evaluation.with(|e| findings.with(|f| Summary::new(r, p, e, f))))
            })
        });
        let shape = Memo::new(move |_| {
            report.with(|r| {
                r.sections
                    .iter()
                    .map(|s| (s.id.clone(), s.level))
                    .collect::<Vec<_>>()
            })
        });
        let numbers = Memo::new(move |_| {
            shape.with(|s| {
                let levels: Vec<u8> = s.iter().map(|(_, l)| *l).collect();
                s.iter()
                    .map(|(id, _)| id.clone())
                    .zip(selfeval_core::report::document::numbering(&levels))
                    .collect()
            })
        });
        let open_comments = crate::state::settled(move || {
            report.with(|r| {
                let mut m = std::collections::BTreeMap::new();
                for c in r.comments.iter().filter(|c| !c.resolved) {
                    *m.entry(c.on.clone()).or_insert(0) += 1;
                }
                m
            })
        });
        let s = Session {
            id: StoredValue::new(report.with_untracked(|r| r.id.clone())),
            numbers,
            open_comments,
            values: crate::state::FieldValues::new(report),
            focused: RwSignal::new(None),
            report,
            pack,
            evaluation,
            findings,
            summary,
            save_state: RwSignal::new(editing.state().clone()),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            edit_error: RwSignal::new(None),
            notice: RwSignal::new(None),
            checked,
            editing: StoredValue::new(editing),
            timer: StoredValue::new(None),
            backend,
        };
        s.watch_other_tabs();
        report.with_untracked(crash::remember);
        crash::watch(report);
        on_cleanup(move || crash::unwatch(report));
        s
    }

    /// A figure the side panel draws from the draft and its evaluation (the preview, the
    /// charts), as a memo: it notifies only when the result changes, so the DOM behind it is
    /// redrawn only then. While the panel is folded away (wide mode, the office screen's
    /// default beside a grid) it keeps its last value: a keystroke does not rebuild a 300-row
    /// preview no one sees. Unfolded, it catches up at once.
    pub fn side_figure<T: Clone + PartialEq + Send + Sync + 'static>(
        &self,
        f: fn(&Report, &Evaluation) -> T,
    ) -> Memo<T> {
        let (report, evaluation) = (self.report, self.evaluation);
        let layout = use_context::<Layout>();
        Memo::new(move |last: Option<&T>| match last {
            Some(last) if layout.is_some_and(|l| l.wide()) => last.clone(),
            _ => evaluation.with(|e| report.with(|r| f(r, e))),
        })
    }

    pub fn read_only(&self) -> bool {
        self.editing.with_value(Editing::read_only)
    }

    /// 已定稿: the form is locked until reopened.
    pub fn is_final(&self) -> bool {
        self.report
            .with(|r| r.status == selfeval_core::model::review::Status::Final)
    }

    /// Mirror the core session into the signals the view reads (each set only on a change).
    fn sync(&self) {
        let (state, undo, redo) = self
            .editing
            .with_value(|e| (e.state().clone(), e.can_undo(), e.can_redo()));
        if self.save_state.get_untracked() != state {
            self.save_state.set(state);
        }
        if self.can_undo.get_untracked() != undo {
            self.can_undo.set(undo);
        }
        if self.can_redo.get_untracked() != redo {
            self.can_redo.set(redo);
        }
    }

    /// After the report changed: mirror, schedule the save.
    fn changed(&self) {
        self.sync();
        self.schedule_save();
    }

    /// Apply an edit (one undo step, saved after a pause). Returns a new row's id.
    pub fn edit(&self, edit: Edit) -> Option<String> {
        let mut result = None;
        let now = now_ms();
        // the report signal is notified only when the edit went through
        crash::writing(|| {
            self.report.maybe_update(|r| {
                result = Some(self.editing.try_update_value(|e| e.apply(r, &edit, now)));
                matches!(result, Some(Some(Ok(_))))
            })
        });
        match result.flatten() {
            Some(Ok(added)) => {
                self.edit_error.set(None);
                self.changed();
                added
            }
            Some(Err(e)) => {
                self.edit_error.set(Some(e.to_string()));
                None
            }
            None => None,
        }
    }

    /// Set `field` to what was typed.
    pub fn set(&self, field: &Field, value: String) {
        self.edit(Edit::Set {
            field: field.clone(),
            value,
        });
    }

    pub fn undo(&self) {
        self.travel(Editing::undo);
    }

    pub fn redo(&self) {
        self.travel(Editing::redo);
    }

    fn travel(&self, step: fn(&mut Editing, &mut Report) -> bool) {
        let mut moved = false;
        crash::writing(|| {
            self.report.maybe_update(|r| {
                moved = self
                    .editing
                    .try_update_value(|e| step(e, r))
                    .unwrap_or(false);
                moved
            })
        });
        if moved {
            self.changed();
        }
    }

    fn schedule_save(&self) {
        if let Some(h) = self.timer.get_value() {
            h.clear();
        }
        let this = *self;
        let handle = set_timeout_with_handle(move || this.save_now(), SAVE_DELAY).ok();
        self.timer.set_value(handle);
    }

    /// Write now if anything is unsaved (also called when the page is hidden or closed).
    pub fn flush(&self) {
        if self.editing.try_with_value(Editing::wants_save) == Some(true) {
            self.save_now();
        }
    }

    /// A draft storage lacks (kept in this page, or never stored): try to store it at once.
    pub fn resume(&self) {
        self.editing.update_value(Editing::resume);
        self.save_now();
    }

    /// Whether storage lacks something this session holds.
    pub fn unsaved(&self) -> bool {
        self.editing.try_with_value(Editing::unsaved) == Some(true)
    }

    /// A draft opened from memory (storage refused it when it was made).
    pub fn unsaved_from_start(&self) -> bool {
        self.editing.with_value(Editing::never_stored)
    }

    /// Why the draft is not stored, for the user.
    pub fn unsaved_reason(&self) -> String {
        self.editing.with_value(Editing::unsaved_reason)
    }

    /// The stamp this session's copy is based on.
    pub fn base(&self) -> Stamp {
        self.editing.with_value(|e| e.base().clone())
    }

    /// This session's edits are kept elsewhere now (saved as a new draft): leaving drops
    /// nothing, so nothing needs asking or parking.
    pub fn kept_elsewhere(&self) {
        self.editing.update_value(Editing::kept_elsewhere);
        if let Some(h) = self.timer.get_value() {
            h.clear();
        }
    }

    pub fn save_now(&self) {
        if let Some(h) = self.timer.get_value() {
            h.clear();
        }
        self.timer.set_value(None);
        // the copy the panic banner offers: taken here, after a pause in typing, rather than
        // on every keystroke (a clone of a large draft per key costs a frame's share)
        self.report.with_untracked(crash::remember);
        // the list's metadata comes from the figures the editor already holds, with the
        // findings as of now (those shown may be a frame behind the last keystroke)
        let meta = self.report.with_untracked(|r| {
            self.pack.with_untracked(|p| {
                self.evaluation.with_untracked(|e| {
                    self.checked
                        .with_untracked(|f| Meta::new(r, &Summary::new(r, p, e, f)))
                })
            })
        });
        let mut store = self.backend.store();
        self.report.with_untracked(|r| {
            self.editing
                .update_value(|e| e.save(&mut store, r, meta, &now_stamp()))
        });
        self.sync();
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
            let stored = this.backend.store().stamp(&this.id.get_value());
            this.editing
                .update_value(|e| e.storage_changed(stored.as_ref()));
            this.sync();
        });
        on_cleanup(move || handle.remove());
    }

    /// Resolve a conflict by taking the stored version (ours stays one undo step away).
    pub fn take_stored(&self) -> Result<(), String> {
        let store = self.backend.store();
        let id = self.id.get_value();
        let now = now_ms();
        let mut result = Ok(());
        self.report.maybe_update(|r| {
            result = self
                .editing
                .try_update_value(|e| e.take_stored(&store, r, &id, now))
                .unwrap_or(Ok(()));
            result.is_ok()
        });
        result?;
        self.report.with_untracked(crash::remember);
        self.sync();
        Ok(())
    }

    /// The draft as it is now, under a new id (to keep this tab's version as a copy).
    pub fn as_copy(&self, new_id: &str) -> Report {
        self.report.with_untracked(|r| {
            let mut copy = selfeval_core::edit::lifecycle::duplicate(r, new_id);
            copy.name = format!("{}（本窗口的版本）", r.display_name());
            copy
        })
    }
}

//! The edit session of one open draft: undo history, what storage holds, unsaved edits, and
//! the save state the editor shows. Pure: the shell keeps the report in a signal, passes it in
//! by reference, and mirrors [`Editing::state`] and the undo flags into signals.
//!
//! The save state machine:
//! - `Saved` → an edit → `Pending` → a save → `Saved`, or `Failed` (storage full, disabled),
//!   or `Conflict` (another session wrote the draft);
//! - `Failed` stays until a save succeeds (edits go on in memory);
//! - `Conflict` stops saving until the user takes the stored version or keeps this one as a
//!   copy; `ReadOnly` (a newer version's draft) never saves.

use crate::edit::undo::Undo;
use crate::edit::{Edit, EditError};
use crate::model::Report;
use crate::store::{KeyValue, Loaded, Meta, SaveError, Stamp, Store};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Everything is stored; the time of the last save ("09:30:05"), if any this session.
    Saved(Option<String>),
    /// Edits wait for the autosave.
    Pending,
    /// The last write failed; the message says why. Edits stay in memory.
    Failed(String),
    /// Another session saved a newer version: autosave stopped.
    Conflict,
    /// Opened read-only (a newer version's draft): never saved.
    ReadOnly(String),
}

impl SaveState {
    /// The state as the editor's bar shows it.
    pub fn label(&self) -> String {
        match self {
            SaveState::Saved(Some(t)) => format!("已保存 {t}"),
            SaveState::Saved(None) => "已保存".into(),
            SaveState::Pending => "保存中…".into(),
            SaveState::Failed(_) => "保存失败".into(),
            SaveState::Conflict => "已停止自动保存".into(),
            SaveState::ReadOnly(_) => "只读".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Editing {
    undo: Undo,
    /// What storage held when this session last loaded or saved: a save must find it there.
    base: Stamp,
    /// This session's id, stamped on each of its saves.
    writer: String,
    /// Edits storage does not have yet.
    dirty: bool,
    state: SaveState,
}

impl Editing {
    /// A session over a loaded draft; `writer` is this session's own id.
    pub fn new(loaded: &Loaded, writer: &str) -> Editing {
        Editing {
            undo: Undo::default(),
            base: loaded.stamp.clone(),
            writer: writer.to_string(),
            dirty: false,
            state: match &loaded.read_only {
                Some(why) => SaveState::ReadOnly(why.clone()),
                None => SaveState::Saved(None),
            },
        }
    }

    pub fn state(&self) -> &SaveState {
        &self.state
    }

    pub fn base(&self) -> &Stamp {
        &self.base
    }

    pub fn read_only(&self) -> bool {
        matches!(self.state, SaveState::ReadOnly(_))
    }

    pub fn can_undo(&self) -> bool {
        self.undo.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.undo.can_redo()
    }

    /// A draft never stored (storage refused it when it was made).
    pub fn never_stored(&self) -> bool {
        self.base.revision == 0 && !self.read_only()
    }

    /// Whether storage lacks something this session holds.
    pub fn unsaved(&self) -> bool {
        !self.read_only() && (self.dirty || self.never_stored())
    }

    /// Whether a save would write anything (autosave, flush on hide).
    pub fn wants_save(&self) -> bool {
        self.unsaved() && !matches!(self.state, SaveState::Conflict)
    }

    /// Why the draft is not stored, for the user.
    pub fn unsaved_reason(&self) -> String {
        match &self.state {
            SaveState::Failed(why) => format!("保存失败：{why}"),
            SaveState::Conflict => "另一个窗口已保存了这份草稿的新版本，本窗口的修改未保存".into(),
            _ => "修改尚未保存".into(),
        }
    }

    /// Apply `edit` to `report` as one undo step (or part of the step before it, see
    /// `Edit::merge_key`). A refused edit changes nothing and leaves no step.
    pub fn apply(
        &mut self,
        report: &mut Report,
        edit: &Edit,
        now_ms: f64,
    ) -> Result<Option<String>, EditError> {
        if self.read_only() {
            return Err(EditError("只读草稿不能修改".into()));
        }
        // 已定稿: only a deliberate reopening changes it
        if report.status == crate::model::review::Status::Final
            && !matches!(edit, Edit::SetStatus { .. })
        {
            return Err(EditError(
                "已定稿，不能修改；如需修改请先“重新打开编辑”".into(),
            ));
        }
        let key = edit.merge_key();
        // typing on in the same field joins the step before it, which already holds the draft
        // as it was: the value is set in place, without a copy of the whole draft on every
        // keystroke (a refused `Set` changes nothing, so nothing needs undoing)
        if matches!(edit, Edit::Set { .. }) && self.undo.merges(key.as_deref(), now_ms) {
            let added = report.apply(edit)?;
            self.undo.record(report, key.as_deref(), now_ms);
            self.changed();
            return Ok(added);
        }
        let mut next = report.clone();
        let added = next.apply(edit)?;
        let before = std::mem::replace(report, next);
        if self.undo.merges(key.as_deref(), now_ms) {
            self.undo.record(&before, key.as_deref(), now_ms);
        } else {
            self.undo.push(before, key.as_deref(), now_ms);
        }
        self.changed();
        Ok(added)
    }

    /// One step back; false when there is none.
    pub fn undo(&mut self, report: &mut Report) -> bool {
        self.travel(report, Undo::undo)
    }

    pub fn redo(&mut self, report: &mut Report) -> bool {
        self.travel(report, Undo::redo)
    }

    fn travel(
        &mut self,
        report: &mut Report,
        step: fn(&mut Undo, &Report) -> Option<Report>,
    ) -> bool {
        if self.read_only() {
            return false;
        }
        match step(&mut self.undo, report) {
            Some(other) => {
                *report = other;
                self.changed();
                true
            }
            None => false,
        }
    }

    fn changed(&mut self) {
        self.dirty = true;
        if matches!(self.state, SaveState::Saved(_)) {
            self.state = SaveState::Pending;
        }
    }

    /// A draft storage lacks (kept in the page, or never stored): save it as soon as possible.
    pub fn resume(&mut self) {
        if !self.read_only() {
            self.dirty = true;
        }
    }

    /// Write `report` if anything is unsaved. `meta` is the list's view of it (from figures
    /// the editor already has), `now` the local time ("2026-11-28 09:30:05").
    pub fn save<K: KeyValue>(
        &mut self,
        store: &mut Store<K>,
        report: &Report,
        meta: Meta,
        now: &str,
    ) {
        if !self.wants_save() {
            return;
        }
        let result = if self.base.revision == 0 {
            store.create(report, meta, &self.writer, now)
        } else {
            store.save(report, meta, &self.base, &self.writer, now)
        };
        self.state = match result {
            Ok(stamp) => {
                self.base = stamp;
                self.dirty = false;
                SaveState::Saved(now.split(' ').nth(1).map(str::to_string))
            }
            Err(SaveError::Conflict) => SaveState::Conflict,
            Err(e) => SaveState::Failed(e.to_string()),
        };
    }

    /// Storage changed under this session (another tab): `stored` is what it holds now.
    pub fn storage_changed(&mut self, stored: Option<&Stamp>) {
        if !self.read_only() && stored != Some(&self.base) && !self.never_stored() {
            self.state = SaveState::Conflict;
        }
    }

    /// Resolve a conflict by taking the stored version; this session's own stays one undo
    /// step away.
    pub fn take_stored<K: KeyValue>(
        &mut self,
        store: &Store<K>,
        report: &mut Report,
        id: &str,
        now_ms: f64,
    ) -> Result<(), String> {
        let loaded = store.load(id).map_err(|e| e.to_string())?;
        let before = std::mem::replace(report, loaded.report);
        self.undo.push(before, None, now_ms);
        self.base = loaded.stamp;
        self.dirty = false;
        self.state = SaveState::Saved(None);
        Ok(())
    }

    /// This session's edits are kept elsewhere now (saved as a new draft): nothing is lost by
    /// closing it.
    pub fn kept_elsewhere(&mut self) {
        self.dirty = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::field::{Field, UnitField};
    use crate::sample;
    use crate::store::MemoryStore;

    fn set(field: UnitField, value: &str) -> Edit {
        Edit::Set {
            field: Field::Unit(field),
            value: value.into(),
        }
    }

    fn opened() -> (Store<MemoryStore>, Report, Editing) {
        let mut store = Store::new(MemoryStore::default());
        let r = sample();
        store
            .create(&r, Meta::default(), "setup", "2026-11-28 09:00:00")
            .unwrap();
        let loaded = store.load(&r.id).unwrap();
        let editing = Editing::new(&loaded, "tab-1");
        (store, loaded.report, editing)
    }

    #[test]
    fn typing_is_one_step_and_saving_follows_the_state_machine() {
        let (mut store, mut r, mut e) = opened();
        assert_eq!(e.state(), &SaveState::Saved(None));
        for (i, v) in ["张", "张三"].iter().enumerate() {
            e.apply(&mut r, &set(UnitField::Contact, v), i as f64 * 100.0)
                .unwrap();
        }
        assert_eq!(e.state(), &SaveState::Pending);
        assert!(e.unsaved());
        e.save(&mut store, &r, Meta::default(), "2026-11-28 09:01:00");
        assert_eq!(e.state(), &SaveState::Saved(Some("09:01:00".into())));
        assert_eq!(e.base().revision, 2);
        assert_eq!(store.load(&r.id).unwrap().report.unit.contact, "张三");
        // one undo step takes back both keystrokes
        assert!(e.undo(&mut r));
        assert_eq!(r.unit.contact, "");
        assert!(!e.can_undo());
        assert!(e.redo(&mut r));
        assert_eq!(r.unit.contact, "张三");
    }

    #[test]
    fn add_clicks_and_rule_keystrokes_group_as_users_expect() {
        let (_, mut r, mut e) = opened();
        let add = Edit::Add {
            list: crate::model::List::Tasks,
            after: None,
        };
        let n = r.tasks.len();
        e.apply(&mut r, &add, 0.0).unwrap();
        e.apply(&mut r, &add, 10.0).unwrap();
        assert_eq!(r.tasks.len(), n + 2);
        e.undo(&mut r);
        assert_eq!(r.tasks.len(), n + 1, "two quick adds are two steps");
        // keystrokes into one rule's parameters are one step
        let id = r.indicators[0].id.clone();
        let before = r.indicators[0].rule.clone();
        let rule = crate::model::rule::Rule::Manual;
        for t in [0.0, 100.0, 200.0] {
            e.apply(
                &mut r,
                &Edit::SetRule {
                    id: id.clone(),
                    rule: rule.clone(),
                },
                1000.0 + t,
            )
            .unwrap();
        }
        e.undo(&mut r);
        assert_eq!(r.indicators[0].rule, before);
        assert_eq!(r.tasks.len(), n + 1, "the rule's keystrokes were one step");
    }

    #[test]
    fn a_refused_edit_changes_nothing_and_leaves_no_step() {
        let (_, mut r, mut e) = opened();
        let before = r.clone();
        assert!(e
            .apply(&mut r, &set(UnitField::Year, "二〇二一"), 0.0)
            .is_err());
        assert_eq!(r, before);
        assert!(!e.can_undo());
        assert_eq!(e.state(), &SaveState::Saved(None));
    }

    #[test]
    fn a_refused_keystroke_within_a_run_of_typing_changes_nothing() {
        let (_, mut r, mut e) = opened();
        let start = r.clone();
        e.apply(&mut r, &set(UnitField::Year, "2"), 0.0)
            .unwrap_err();
        e.apply(&mut r, &set(UnitField::Year, "2021"), 0.0).unwrap();
        e.apply(&mut r, &set(UnitField::Year, "2022"), 100.0)
            .unwrap();
        let typed = r.clone();
        // the same field, in the same run: refused, and the draft is as it was
        assert!(e
            .apply(&mut r, &set(UnitField::Year, "二〇二一"), 200.0)
            .is_err());
        assert_eq!(r, typed);
        e.apply(&mut r, &set(UnitField::Year, "2023"), 300.0)
            .unwrap();
        assert_eq!(r.unit.year, 2023);
        // the run is one step: undo goes back to before it
        assert!(e.undo(&mut r));
        assert_eq!(r, start);
        assert!(!e.can_undo());
    }

    #[test]
    fn failed_saves_keep_the_edits_and_retry() {
        let (mut store, mut r, mut e) = opened();
        e.apply(&mut r, &set(UnitField::Contact, "甲"), 0.0)
            .unwrap();
        store.kv.disabled = true;
        e.save(&mut store, &r, Meta::default(), "t");
        assert!(matches!(e.state(), SaveState::Failed(m) if m.contains("不可用")));
        assert!(e.unsaved_reason().starts_with("保存失败"));
        // more edits keep the failure in view until a save succeeds
        e.apply(&mut r, &set(UnitField::Phone, "1"), 5000.0)
            .unwrap();
        assert!(matches!(e.state(), SaveState::Failed(_)));
        store.kv.disabled = false;
        e.save(&mut store, &r, Meta::default(), "2026-11-28 10:00:00");
        assert!(matches!(e.state(), SaveState::Saved(Some(_))));
        assert!(!e.unsaved());
    }

    #[test]
    fn another_tab_stops_autosave_and_its_version_can_be_taken() {
        let (mut store, mut r, mut e) = opened();
        // another session saves first
        let mut theirs = r.clone();
        theirs.unit.contact = "他们的".into();
        let mut other = Editing::new(&store.load(&r.id).unwrap(), "tab-2");
        other.resume();
        other.save(&mut store, &theirs, Meta::default(), "2026-11-28 09:05:00");
        e.storage_changed(store.stamp(&r.id).as_ref());
        assert_eq!(e.state(), &SaveState::Conflict);
        e.apply(&mut r, &set(UnitField::Contact, "我们的"), 0.0)
            .unwrap();
        assert!(!e.wants_save(), "autosave stopped");
        e.save(&mut store, &r, Meta::default(), "t");
        assert_eq!(e.state(), &SaveState::Conflict);
        assert_eq!(store.load(&r.id).unwrap().report.unit.contact, "他们的");
        e.take_stored(&store, &mut r, &theirs.id, 10.0).unwrap();
        assert_eq!(r.unit.contact, "他们的");
        assert!(!e.can_redo(), "redo does not reach over a cleared history");
        e.undo(&mut r);
        assert_eq!(r.unit.contact, "我们的");
    }

    #[test]
    fn a_draft_never_stored_is_created_on_its_first_save() {
        let mut store = Store::new(MemoryStore::default());
        let r = sample();
        let loaded = Loaded {
            report: r.clone(),
            stamp: Stamp::none(),
            saved_at: String::new(),
            read_only: None,
        };
        let mut e = Editing::new(&loaded, "tab-1");
        assert!(e.unsaved() && e.never_stored());
        e.save(&mut store, &r, Meta::default(), "2026-11-28 09:00:00");
        assert_eq!(e.base().revision, 1);
        assert!(!e.unsaved());
    }

    #[test]
    fn read_only_never_changes_or_saves() {
        let mut store = Store::new(MemoryStore::default());
        let mut r = sample();
        let loaded = Loaded {
            report: r.clone(),
            stamp: Stamp::none(),
            saved_at: String::new(),
            read_only: Some("较新版本".into()),
        };
        let mut e = Editing::new(&loaded, "tab-1");
        assert!(e.apply(&mut r, &set(UnitField::Contact, "x"), 0.0).is_err());
        e.resume();
        assert!(!e.unsaved());
        e.save(&mut store, &r, Meta::default(), "t");
        assert!(store.kv.map.is_empty());
    }

    #[test]
    fn a_paste_a_pack_switch_and_a_replacement_are_edits_one_step_each_and_locked_when_final() {
        use crate::app::grid;
        use crate::file::table::{self, INDICATOR_COLUMNS};
        use crate::model::pack::Pack;
        let (_, mut r, mut e) = opened();
        let original = r.clone();
        // a paste of two cells, as the grid plans it
        let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
        let block = table::parse_tsv("一号\t二号");
        let list = crate::model::List::Indicators;
        let plan = grid::plan(&r, &pack, list, &INDICATOR_COLUMNS, &block, (0, 2), &[]);
        let paste = grid::edit(&r, &plan, &INDICATOR_COLUMNS);
        e.apply(&mut r, &paste, 0.0).unwrap();
        assert_ne!(r, original);
        assert!(e.undo(&mut r));
        assert_eq!(r, original, "the paste was one step");
        // another framework, and back by undo
        let national = Pack::builtin_by_id("national-2013").unwrap();
        e.apply(&mut r, &Edit::AdoptPack(Box::new(national)), 0.0)
            .unwrap();
        assert_eq!(r.pack_id, "national-2013");
        assert!(e.undo(&mut r));
        assert_eq!(r, original);
        // a file's version of the draft
        let mut theirs = original.clone();
        theirs.unit.contact = "李四".into();
        e.apply(&mut r, &Edit::Replace(Box::new(theirs.clone())), 0.0)
            .unwrap();
        assert_eq!(r, theirs);
        // 已定稿: none of them goes through, and nothing changes
        r.status = crate::model::review::Status::Final;
        let locked = r.clone();
        for edit in [
            Edit::Replace(Box::new(original.clone())),
            Edit::AdoptPack(Box::new(Pack::builtin_by_id("national-2013").unwrap())),
            paste,
        ] {
            assert!(e.apply(&mut r, &edit, 0.0).is_err());
            assert_eq!(r, locked);
        }
    }
}

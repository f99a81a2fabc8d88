//! Undo and redo within a session: snapshots of the draft before each edit (not the saved
//! versions, which are `store::versions`).
//!
//! Typing into one field is one step: edits to the same field less than [`Undo::MERGE_MS`]
//! apart share the snapshot taken before the first of them.

use crate::model::Report;

#[derive(Debug, Clone, Default)]
pub struct Undo {
    past: Vec<Report>,
    future: Vec<Report>,
    last_key: Option<String>,
    last_at: f64,
}

impl Undo {
    /// At most this many steps back.
    pub const LIMIT: usize = 200;
    /// Edits of one field closer together than this are one step.
    pub const MERGE_MS: f64 = 1500.0;

    /// Call before applying an edit to `before`; `key` names what is edited (see
    /// `Edit::merge_key`; `None` is always a step of its own), `now_ms` is the time of the edit.
    pub fn record(&mut self, before: &Report, key: Option<&str>, now_ms: f64) {
        if self.merges(key, now_ms) {
            self.last_at = now_ms;
            self.future.clear();
            return;
        }
        self.push(before.clone(), key, now_ms);
    }

    /// Whether an edit with `key` at `now_ms` joins the step before it.
    pub fn merges(&self, key: Option<&str>, now_ms: f64) -> bool {
        key.is_some()
            && self.last_key.as_deref() == key
            && now_ms - self.last_at < Self::MERGE_MS
            && !self.past.is_empty()
    }

    /// Record `before` as a new step (the caller has checked [`Undo::merges`]).
    pub fn push(&mut self, before: Report, key: Option<&str>, now_ms: f64) {
        self.last_key = key.map(str::to_string);
        self.last_at = now_ms;
        self.future.clear();
        self.past.push(before);
        if self.past.len() > Self::LIMIT {
            self.past.remove(0);
        }
    }

    /// The draft one step back, if any; `current` becomes redoable.
    pub fn undo(&mut self, current: &Report) -> Option<Report> {
        let prev = self.past.pop()?;
        self.future.push(current.clone());
        self.last_key = None;
        Some(prev)
    }

    /// The draft one step forward again, if any.
    pub fn redo(&mut self, current: &Report) -> Option<Report> {
        let next = self.future.pop()?;
        self.past.push(current.clone());
        self.last_key = None;
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(n: &str) -> Report {
        Report {
            name: n.into(),
            ..Report::default()
        }
    }

    #[test]
    fn typing_in_one_field_is_one_step() {
        let mut h = Undo::default();
        h.record(&named(""), Some("name"), 0.0);
        h.record(&named("a"), Some("name"), 300.0);
        h.record(&named("ab"), Some("name"), 600.0);
        // another field starts a new step
        h.record(&named("abc"), Some("unit.name"), 700.0);
        let now = named("abc+");
        let back = h.undo(&now).unwrap();
        assert_eq!(back.name, "abc");
        let back = h.undo(&back).unwrap();
        assert_eq!(back.name, "");
        assert!(h.undo(&back).is_none());
        let fwd = h.redo(&back).unwrap();
        assert_eq!(fwd.name, "abc");
        let fwd = h.redo(&fwd).unwrap();
        assert_eq!(fwd.name, "abc+");
        assert!(!h.can_redo());
    }

    #[test]
    fn a_pause_splits_typing_and_a_new_edit_drops_redo() {
        let mut h = Undo::default();
        h.record(&named(""), Some("name"), 0.0);
        h.record(&named("a"), Some("name"), 5000.0);
        let back = h.undo(&named("ab")).unwrap();
        assert_eq!(back.name, "a");
        assert!(h.can_redo());
        h.record(&back, Some("name"), 6000.0);
        assert!(!h.can_redo());
    }

    #[test]
    fn undo_is_bounded() {
        let mut h = Undo::default();
        for i in 0..(Undo::LIMIT + 50) {
            h.record(&named(&i.to_string()), Some(&i.to_string()), i as f64);
        }
        let mut cur = named("end");
        let mut steps = 0;
        while let Some(prev) = h.undo(&cur) {
            cur = prev;
            steps += 1;
        }
        assert_eq!(steps, Undo::LIMIT);
        assert_eq!(cur.name, "50");
    }
}

//! Edits: every change the editor makes to a draft, as data applied by one pure function.
//!
//! Text and figure fields are read and written by their path (see
//! [`crate::model::field::Field`]), the same path a finding names, so the editor needs one kind of input per field type and a finding can
//! point at the very input that fixes it.

use crate::model::field::{EditError, Field};
use crate::model::pack::Pack;
use crate::model::rule::Rule;
use crate::model::{BudgetKind, BudgetRow, Goal, Indicator, List, Problem, Report, Section, Task};

/// One change to a draft.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Set a text, figure, choice or flag field. Flags take "true" / "false".
    Set {
        field: Field,
        value: String,
    },
    /// Replace an indicator's scoring rule.
    SetRule {
        id: String,
        rule: Rule,
    },
    /// Tick or untick a checklist item of an indicator.
    Check {
        id: String,
        item: String,
        on: bool,
    },
    /// Add a row after `after` (or at the end); the new row's id is returned.
    Add {
        list: List,
        after: Option<String>,
    },
    Remove {
        list: List,
        id: String,
    },
    /// Move a row up (negative) or down (positive) by `by` places.
    Move {
        list: List,
        id: String,
        by: i32,
    },
    /// Add a comment on a field or part (`on` is its path).
    Comment {
        on: String,
        text: String,
        author: String,
        at: String,
    },
    /// Mark a comment resolved, or open again.
    Resolve {
        id: String,
        resolved: bool,
    },
    /// The user checked the pack's assumed weights and keeps them.
    ConfirmWeights,
    /// Move the draft to `status` (recorded with who and when). The only edit an 已定稿 draft
    /// takes: reopening it.
    SetStatus {
        status: crate::model::review::Status,
        by: String,
        at: String,
    },
    /// Several edits as one step, in order (a paste, a cleared range, a row from the 指标库).
    /// One that is refused (a cell an unknown 性质 was pasted into) is left out, as if that
    /// one had not been typed; the others go through. Returns the first row added.
    Many(Vec<Edit>),
    /// Score under another framework pack: its indicator table, with what the draft's rows
    /// that match one of its rows hold (`Pack::adopt`).
    AdoptPack(Box<Pack>),
    /// Take another version of the whole draft: a file that replaces it, or the result of a
    /// merge with one.
    Replace(Box<Report>),
}

impl Edit {
    /// Edits with the same key in quick succession are one undo step (typing into one field,
    /// adjusting one rule); `None` is always a step of its own (adding, removing, moving a row).
    pub fn merge_key(&self) -> Option<String> {
        match self {
            Edit::Set { field, .. } => Some(field.to_string()),
            Edit::SetRule { id, .. } => Some(format!("rule:{id}")),
            Edit::Check { .. }
            | Edit::Add { .. }
            | Edit::Remove { .. }
            | Edit::Move { .. }
            | Edit::Comment { .. }
            | Edit::ConfirmWeights
            | Edit::Resolve { .. }
            | Edit::SetStatus { .. }
            | Edit::Many(_)
            | Edit::AdoptPack(_)
            | Edit::Replace(_) => None,
        }
    }
}

fn no_field(path: &str) -> EditError {
    EditError(format!("没有这个字段：{path}"))
}

fn by_id<'a, T>(rows: &'a mut [T], id: &str, get_id: fn(&T) -> &str) -> Option<&'a mut T> {
    rows.iter_mut().find(|r| get_id(r) == id)
}

impl Report {
    /// Apply one edit. Returns the id of a row it added.
    pub fn apply(&mut self, edit: &Edit) -> Result<Option<String>, EditError> {
        match edit {
            Edit::Set { field, value } => {
                self.set(field, value)?;
                // a hand score the user typed is theirs: the import's comparison has served
                if let Field::Indicator {
                    id,
                    field: crate::model::field::IndicatorField::ManualScore,
                } = field
                {
                    if let Some(i) = by_id(&mut self.indicators, id, |i| &i.id) {
                        i.imported_rule = None;
                    }
                }
                Ok(None)
            }
            Edit::SetRule { id, rule } => {
                let i = by_id(&mut self.indicators, id, |i| &i.id).ok_or_else(|| no_field(id))?;
                i.imported_rule = None;
                // item and grade names are text typed (or pasted) too
                let mut value = crate::base::json::to_value(rule);
                crate::base::text::clean_json(&mut value);
                i.rule =
                    crate::base::json::from_value(&value).map_err(|e| EditError(e.to_string()))?;
                Ok(None)
            }
            Edit::Check { id, item, on } => {
                let i = by_id(&mut self.indicators, id, |i| &i.id).ok_or_else(|| no_field(id))?;
                let item = crate::base::text::clean(item).into_owned();
                i.checked.retain(|c| *c != item);
                if *on {
                    i.checked.push(item);
                }
                Ok(None)
            }
            Edit::Add { list, after } => {
                let id = self.next_id(*list);
                let new_id = id.clone();
                macro_rules! insert {
                    ($rows:expr, $row:expr) => {{
                        let rows = $rows;
                        let at = after
                            .as_ref()
                            .and_then(|a| rows.iter().position(|r| &r.id == a))
                            .map_or(rows.len(), |p| p + 1);
                        rows.insert(at, $row);
                    }};
                }
                match list {
                    List::Tasks => insert!(
                        &mut self.tasks,
                        Task {
                            id,
                            ..Task::default()
                        }
                    ),
                    List::Goals => insert!(
                        &mut self.goals,
                        Goal {
                            id,
                            ..Goal::default()
                        }
                    ),
                    List::Sources => insert!(
                        &mut self.budget.sources,
                        BudgetRow {
                            id,
                            kind: BudgetKind::Other,
                            ..BudgetRow::default()
                        }
                    ),
                    List::Uses => insert!(
                        &mut self.budget.uses,
                        BudgetRow {
                            id,
                            kind: BudgetKind::Project,
                            ..BudgetRow::default()
                        }
                    ),
                    List::Indicators => {
                        // a new row sits in the same 一级/二级 as the one it follows
                        let near = after
                            .as_ref()
                            .and_then(|a| self.indicators.iter().find(|r| &r.id == a));
                        let row = Indicator {
                            id,
                            level1: near.map(|n| n.level1.clone()).unwrap_or_default(),
                            level2: near.map(|n| n.level2.clone()).unwrap_or_default(),
                            ..Indicator::default()
                        };
                        insert!(&mut self.indicators, row)
                    }
                    List::Sections => {
                        let level = after
                            .as_ref()
                            .and_then(|a| self.sections.iter().find(|r| &r.id == a))
                            .map_or(1, |s| s.level);
                        insert!(
                            &mut self.sections,
                            Section {
                                id,
                                level,
                                ..Section::default()
                            }
                        )
                    }
                    List::Problems => {
                        insert!(
                            &mut self.problems,
                            Problem {
                                id,
                                ..Problem::default()
                            }
                        )
                    }
                }
                Ok(Some(new_id))
            }
            Edit::Remove { list, id } => {
                macro_rules! remove {
                    ($rows:expr) => {{
                        let rows = $rows;
                        let before = rows.len();
                        rows.retain(|r| &r.id != id);
                        if rows.len() == before {
                            return Err(no_field(id));
                        }
                    }};
                }
                match list {
                    List::Tasks => remove!(&mut self.tasks),
                    List::Goals => remove!(&mut self.goals),
                    List::Sources => remove!(&mut self.budget.sources),
                    List::Uses => remove!(&mut self.budget.uses),
                    List::Indicators => remove!(&mut self.indicators),
                    List::Sections => remove!(&mut self.sections),
                    List::Problems => remove!(&mut self.problems),
                }
                Ok(None)
            }
            Edit::Comment {
                on,
                text,
                author,
                at,
            } => {
                let text = crate::base::text::clean(text).trim().to_string();
                if text.is_empty() {
                    return Err(EditError("批注内容不能为空".into()));
                }
                let n = self.comments.len() + 1;
                let id = (n..)
                    .map(|k| format!("c-{k}"))
                    .find(|id| self.comments.iter().all(|c| c.id != *id))
                    .unwrap_or_default();
                self.comments.push(crate::model::review::Comment {
                    id: id.clone(),
                    on: on.clone(),
                    author: crate::base::text::clean(author).trim().to_string(),
                    at: at.clone(),
                    text,
                    resolved: false,
                });
                Ok(Some(id))
            }
            Edit::ConfirmWeights => {
                self.weights_confirmed = true;
                Ok(None)
            }
            Edit::Resolve { id, resolved } => {
                let c = self
                    .comments
                    .iter_mut()
                    .find(|c| c.id == *id)
                    .ok_or_else(|| EditError("这条批注已不存在".into()))?;
                c.resolved = *resolved;
                Ok(None)
            }
            Edit::Many(edits) => {
                let mut added = None;
                for edit in edits {
                    if let Ok(Some(id)) = self.apply(edit) {
                        added.get_or_insert(id);
                    }
                }
                Ok(added)
            }
            Edit::AdoptPack(pack) => {
                *self = pack.adopt(self);
                Ok(None)
            }
            Edit::Replace(report) => {
                *self = (**report).clone();
                Ok(None)
            }
            Edit::SetStatus { status, by, at } => {
                self.status = *status;
                self.status_log.push(crate::model::review::StatusChange {
                    status: *status,
                    by: crate::base::text::clean(by).trim().to_string(),
                    at: at.clone(),
                });
                Ok(None)
            }
            Edit::Move { list, id, by } => {
                macro_rules! shift {
                    ($rows:expr) => {{
                        let rows = $rows;
                        let from = rows
                            .iter()
                            .position(|r| &r.id == id)
                            .ok_or_else(|| no_field(id))?;
                        let to = (from as i64 + *by as i64).clamp(0, rows.len() as i64 - 1);
                        let row = rows.remove(from);
                        rows.insert(to as usize, row);
                    }};
                }
                match list {
                    List::Tasks => shift!(&mut self.tasks),
                    List::Goals => shift!(&mut self.goals),
                    List::Sources => shift!(&mut self.budget.sources),
                    List::Uses => shift!(&mut self.budget.uses),
                    List::Indicators => shift!(&mut self.indicators),
                    List::Sections => shift!(&mut self.sections),
                    List::Problems => shift!(&mut self.problems),
                }
                Ok(None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn set(r: &mut Report, path: &str, value: &str) {
        let field: Field = path.parse().unwrap();
        r.apply(&Edit::Set {
            field: field.clone(),
            value: value.into(),
        })
        .unwrap();
        assert_eq!(r.get(&field).as_deref(), Some(value), "{path}");
    }

    #[test]
    fn every_kind_of_field_round_trips_through_its_path() {
        let mut r = sample();
        for path in [
            "name",
            "conclusion",
            "unit.name",
            "unit.supervisor",
            "unit.budget_code",
            "unit.contact",
            "unit.phone",
            "unit.staff_authorized",
            "unit.staff_actual",
            "unit.functions",
            "signoff.head",
            "signoff.finance_head",
            "signoff.preparer",
            "signoff.date",
            "tasks.task-1.title",
            "tasks.task-1.detail",
            "goals.goal-1.initial",
            "goals.goal-1.adjusted",
            "goals.goal-1.actual",
            "goals.goal-1.reason",
            "budget.sources.src-1.name",
            "budget.sources.src-1.initial",
            "budget.sources.src-1.adjusted",
            "budget.sources.src-1.executed",
            "budget.sources.src-1.reason",
            "budget.uses.use-1.executed",
            "indicators.ind-1.level1",
            "indicators.ind-1.level2",
            "indicators.ind-1.level3",
            "indicators.ind-1.unit",
            "indicators.ind-1.target",
            "indicators.ind-1.target_adjusted",
            "indicators.ind-1.actual",
            "indicators.ind-1.weight",
            "indicators.ind-1.manual_score",
            "indicators.ind-1.reason",
            "indicators.ind-1.criterion",
            "sections.sec-2.title",
            "sections.sec-2.text",
            "problems.prob-1.problem",
            "problems.prob-1.measure",
        ] {
            set(&mut r, path, "＜新的内容 4,051.83万元＞");
        }
        set(&mut r, "unit.year", "2022");
        set(&mut r, "unit.year", "");
        set(&mut r, "budget.sources.src-2.kind", "unit");
        set(&mut r, "indicators.ind-2.nature", "≤");
        set(&mut r, "indicators.ind-2.not_applicable", "true");
        set(&mut r, "indicators.ind-2.core", "true");
        set(&mut r, "indicators.ind-2.link", "execution_rate");
        set(&mut r, "indicators.ind-2.link", "");
        set(&mut r, "sections.sec-3.level", "3");
        set(&mut r, "sections.sec-3.required", "false");
        set(&mut r, "sections.sec-3.limit", "200");
        set(&mut r, "sections.sec-3.limit", "");
    }

    #[test]
    fn fixed_value_fields_refuse_bad_input_and_keep_what_was_there() {
        let mut r = sample();
        let bad = |r: &mut Report, path: &str, value: &str| {
            let before = r.clone();
            let e = match path.parse::<Field>() {
                Ok(field) => r.set(&field, value).unwrap_err().to_string(),
                Err(unknown) => unknown.to_string(),
            };
            assert_eq!(*r, before);
            e
        };
        assert!(bad(&mut r, "unit.year", "二〇二一").contains("四位数字"));
        assert!(bad(&mut r, "unit.year", "21").contains("四位数字"));
        assert!(bad(&mut r, "indicators.ind-1.nature", "大约").contains("指标性质"));
        assert!(bad(&mut r, "sections.sec-1.level", "9").contains("1 至 4"));
        assert!(bad(&mut r, "sections.sec-1.limit", "二百").contains("整数"));
        assert!(bad(&mut r, "indicators.ind-99.actual", "1").contains("没有这个字段"));
        assert!(bad(&mut r, "unit.nonsense", "1").contains("没有这个字段"));
        // a figure keeps whatever is typed: the check reports it
        set(&mut r, "budget.sources.src-1.executed", "3O");
    }

    #[test]
    fn rows_are_added_removed_and_moved_by_id() {
        let mut r = sample();
        let id = r
            .apply(&Edit::Add {
                list: List::Indicators,
                after: Some("ind-2".into()),
            })
            .unwrap()
            .unwrap();
        assert_eq!(id, "ind-13");
        assert_eq!(r.indicators[2].id, "ind-13");
        assert_eq!(r.indicators[2].level1, "履职效能");
        r.apply(&Edit::Move {
            list: List::Indicators,
            id: id.clone(),
            by: -5,
        })
        .unwrap();
        assert_eq!(r.indicators[0].id, "ind-13");
        r.apply(&Edit::Move {
            list: List::Indicators,
            id: id.clone(),
            by: 1,
        })
        .unwrap();
        assert_eq!(r.indicators[1].id, "ind-13");
        r.apply(&Edit::Remove {
            list: List::Indicators,
            id,
        })
        .unwrap();
        assert_eq!(r.indicators, sample().indicators);
        // ids are never reused while a higher one exists
        let s = r
            .apply(&Edit::Add {
                list: List::Sections,
                after: None,
            })
            .unwrap()
            .unwrap();
        assert_eq!(s, "sec-15");
        assert_eq!(r.sections.last().unwrap().level, 1);
        for list in [
            List::Tasks,
            List::Goals,
            List::Sources,
            List::Uses,
            List::Problems,
        ] {
            let id = r.apply(&Edit::Add { list, after: None }).unwrap().unwrap();
            r.apply(&Edit::Remove { list, id }).unwrap();
        }
        assert!(r
            .apply(&Edit::Remove {
                list: List::Tasks,
                id: "task-99".into()
            })
            .is_err());
    }

    #[test]
    fn rules_and_checklists() {
        let mut r = sample();
        r.apply(&Edit::SetRule {
            id: "ind-1".into(),
            rule: Rule::Manual,
        })
        .unwrap();
        assert_eq!(r.indicators[0].rule, Rule::Manual);
        let item = "开展事前绩效评估".to_string();
        r.apply(&Edit::Check {
            id: "ind-10".into(),
            item: item.clone(),
            on: false,
        })
        .unwrap();
        assert!(!r.indicators[9].checked.contains(&item));
        r.apply(&Edit::Check {
            id: "ind-10".into(),
            item: item.clone(),
            on: true,
        })
        .unwrap();
        r.apply(&Edit::Check {
            id: "ind-10".into(),
            item: item.clone(),
            on: true,
        })
        .unwrap();
        assert_eq!(
            r.indicators[9]
                .checked
                .iter()
                .filter(|c| **c == item)
                .count(),
            1
        );
    }
}

//! Edits: every change the editor makes to a draft, as data applied by one pure function.
//!
//! Text and figure fields are read and written by their path (see [`crate::path`]), the same
//! path a finding names, so the editor needs one kind of input per field type and a finding can
//! point at the very input that fixes it.

use crate::model::{BudgetKind, BudgetRow, Goal, Indicator, Link, Problem, Report, Section, Task};
use crate::number::Figure;
use crate::rule::{Nature, Rule};

/// The lists of rows a draft has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Tasks,
    Goals,
    Sources,
    Uses,
    Indicators,
    Sections,
    Problems,
}

impl List {
    fn prefix(self) -> &'static str {
        match self {
            List::Tasks => "task",
            List::Goals => "goal",
            List::Sources => "src",
            List::Uses => "use",
            List::Indicators => "ind",
            List::Sections => "sec",
            List::Problems => "prob",
        }
    }
}

/// One change to a draft.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Set a text, figure, choice or flag field by its path. Flags take "true" / "false".
    Set {
        path: String,
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
}

/// Why an edit could not be applied. `Display` is for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn no_field(path: &str) -> EditError {
    EditError(format!("没有这个字段：{path}"))
}

fn flag(value: &str) -> bool {
    value == "true"
}

fn by_id<'a, T>(rows: &'a mut [T], id: &str, get_id: fn(&T) -> &str) -> Option<&'a mut T> {
    rows.iter_mut().find(|r| get_id(r) == id)
}

fn nature_from(value: &str) -> Option<Nature> {
    serde_json::from_value(serde_json::Value::String(value.to_string())).ok()
}

impl Report {
    /// The current text of the field at `path`, as an input shows it.
    pub fn get(&self, path: &str) -> Option<String> {
        let parts: Vec<&str> = path.split('.').collect();
        let s = |v: &String| Some(v.clone());
        let f = |v: &Figure| Some(v.0.clone());
        let b = |v: bool| Some(v.to_string());
        match parts.as_slice() {
            ["name"] => s(&self.name),
            ["conclusion"] => s(&self.conclusion),
            ["unit", field] => {
                let u = &self.unit;
                match *field {
                    "name" => s(&u.name),
                    "supervisor" => s(&u.supervisor),
                    "year" => Some(if u.year == 0 {
                        String::new()
                    } else {
                        u.year.to_string()
                    }),
                    "budget_code" => s(&u.budget_code),
                    "contact" => s(&u.contact),
                    "phone" => s(&u.phone),
                    "staff_authorized" => f(&u.staff_authorized),
                    "staff_actual" => f(&u.staff_actual),
                    "functions" => s(&u.functions),
                    _ => None,
                }
            }
            ["signoff", field] => {
                let o = &self.signoff;
                match *field {
                    "head" => s(&o.head),
                    "finance_head" => s(&o.finance_head),
                    "preparer" => s(&o.preparer),
                    "date" => s(&o.date),
                    _ => None,
                }
            }
            ["tasks", id, field] => {
                let t = self.tasks.iter().find(|t| t.id == *id)?;
                match *field {
                    "title" => s(&t.title),
                    "detail" => s(&t.detail),
                    _ => None,
                }
            }
            ["goals", id, field] => {
                let g = self.goals.iter().find(|g| g.id == *id)?;
                match *field {
                    "initial" => s(&g.initial),
                    "adjusted" => s(&g.adjusted),
                    "actual" => s(&g.actual),
                    "reason" => s(&g.reason),
                    _ => None,
                }
            }
            ["budget", group, id, field] => {
                let rows = match *group {
                    "sources" => &self.budget.sources,
                    "uses" => &self.budget.uses,
                    _ => return None,
                };
                let r = rows.iter().find(|r| r.id == *id)?;
                match *field {
                    "name" => s(&r.name),
                    "kind" => Some(r.kind.key().to_string()),
                    "initial" => f(&r.initial),
                    "adjusted" => f(&r.adjusted),
                    "executed" => f(&r.executed),
                    "reason" => s(&r.reason),
                    _ => None,
                }
            }
            ["indicators", id, field] => {
                let i = self.indicators.iter().find(|i| i.id == *id)?;
                match *field {
                    "level1" => s(&i.level1),
                    "level2" => s(&i.level2),
                    "level3" => s(&i.level3),
                    "nature" => Some(i.nature.symbol().to_string()),
                    "unit" => s(&i.unit),
                    "target" => f(&i.target),
                    "target_adjusted" => f(&i.target_adjusted),
                    "actual" => f(&i.actual),
                    "weight" => f(&i.weight),
                    "manual_score" => f(&i.manual_score),
                    "reason" => s(&i.reason),
                    "criterion" => s(&i.criterion),
                    "not_applicable" => b(i.not_applicable),
                    "core" => b(i.core),
                    "link" => Some(
                        if i.link.is_some() {
                            "execution_rate"
                        } else {
                            ""
                        }
                        .into(),
                    ),
                    _ => None,
                }
            }
            ["sections", id, field] => {
                let x = self.sections.iter().find(|x| x.id == *id)?;
                match *field {
                    "title" => s(&x.title),
                    "text" => s(&x.text),
                    "level" => Some(x.level.to_string()),
                    "required" => b(x.required),
                    "limit" => Some(x.limit.map(|l| l.to_string()).unwrap_or_default()),
                    _ => None,
                }
            }
            ["problems", id, field] => {
                let p = self.problems.iter().find(|p| p.id == *id)?;
                match *field {
                    "problem" => s(&p.problem),
                    "measure" => s(&p.measure),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Set the field at `path` to `value`, as typed. Figures keep their text even when it does
    /// not parse (the check reports it); only fields with a fixed set of values refuse input.
    pub fn set(&mut self, path: &str, value: &str) -> Result<(), EditError> {
        // pasted text may carry control characters that break every document format
        let cleaned = crate::text::clean(value);
        let value: &str = &cleaned;
        let parts: Vec<&str> = path.split('.').collect();
        let v = value.to_string();
        let target: &mut String = match parts.as_slice() {
            ["name"] => &mut self.name,
            ["conclusion"] => &mut self.conclusion,
            ["unit", "year"] => {
                let t = value.trim();
                self.unit.year = if t.is_empty() {
                    0
                } else {
                    match t.parse::<u16>() {
                        Ok(y) if (1949..=2200).contains(&y) => y,
                        _ => {
                            return Err(EditError(format!(
                                "年度应为四位数字，如 2021，而不是“{t}”"
                            )))
                        }
                    }
                };
                return Ok(());
            }
            ["unit", field] => {
                let u = &mut self.unit;
                match *field {
                    "name" => &mut u.name,
                    "supervisor" => &mut u.supervisor,
                    "budget_code" => &mut u.budget_code,
                    "contact" => &mut u.contact,
                    "phone" => &mut u.phone,
                    "staff_authorized" => &mut u.staff_authorized.0,
                    "staff_actual" => &mut u.staff_actual.0,
                    "functions" => &mut u.functions,
                    _ => return Err(no_field(path)),
                }
            }
            ["signoff", field] => {
                let o = &mut self.signoff;
                match *field {
                    "head" => &mut o.head,
                    "finance_head" => &mut o.finance_head,
                    "preparer" => &mut o.preparer,
                    "date" => &mut o.date,
                    _ => return Err(no_field(path)),
                }
            }
            ["tasks", id, field] => {
                let t = by_id(&mut self.tasks, id, |t| &t.id).ok_or_else(|| no_field(path))?;
                match *field {
                    "title" => &mut t.title,
                    "detail" => &mut t.detail,
                    _ => return Err(no_field(path)),
                }
            }
            ["goals", id, field] => {
                let g = by_id(&mut self.goals, id, |g| &g.id).ok_or_else(|| no_field(path))?;
                match *field {
                    "initial" => &mut g.initial,
                    "adjusted" => &mut g.adjusted,
                    "actual" => &mut g.actual,
                    "reason" => &mut g.reason,
                    _ => return Err(no_field(path)),
                }
            }
            ["budget", group, id, field] => {
                let rows = match *group {
                    "sources" => &mut self.budget.sources,
                    "uses" => &mut self.budget.uses,
                    _ => return Err(no_field(path)),
                };
                let r = by_id(rows, id, |r| &r.id).ok_or_else(|| no_field(path))?;
                match *field {
                    "name" => &mut r.name,
                    "kind" => {
                        r.kind = BudgetKind::from_key(value).ok_or_else(|| no_field(path))?;
                        return Ok(());
                    }
                    "initial" => &mut r.initial.0,
                    "adjusted" => &mut r.adjusted.0,
                    "executed" => &mut r.executed.0,
                    "reason" => &mut r.reason,
                    _ => return Err(no_field(path)),
                }
            }
            ["indicators", id, field] => {
                let i = by_id(&mut self.indicators, id, |i| &i.id).ok_or_else(|| no_field(path))?;
                match *field {
                    "level1" => &mut i.level1,
                    "level2" => &mut i.level2,
                    "level3" => &mut i.level3,
                    "unit" => &mut i.unit,
                    "target" => &mut i.target.0,
                    "target_adjusted" => &mut i.target_adjusted.0,
                    "actual" => &mut i.actual.0,
                    "weight" => &mut i.weight.0,
                    "manual_score" => &mut i.manual_score.0,
                    "reason" => &mut i.reason,
                    "criterion" => &mut i.criterion,
                    "nature" => {
                        i.nature = nature_from(value)
                            .ok_or_else(|| EditError(format!("未知的指标性质“{value}”")))?;
                        return Ok(());
                    }
                    "not_applicable" => {
                        i.not_applicable = flag(value);
                        return Ok(());
                    }
                    "core" => {
                        i.core = flag(value);
                        return Ok(());
                    }
                    "link" => {
                        i.link = (value == "execution_rate").then_some(Link::ExecutionRate);
                        return Ok(());
                    }
                    _ => return Err(no_field(path)),
                }
            }
            ["sections", id, field] => {
                let x = by_id(&mut self.sections, id, |x| &x.id).ok_or_else(|| no_field(path))?;
                match *field {
                    "title" => &mut x.title,
                    "text" => &mut x.text,
                    "level" => {
                        x.level = match value.trim().parse::<u8>() {
                            Ok(l @ 1..=4) => l,
                            _ => return Err(EditError("章节层级应为 1 至 4".into())),
                        };
                        return Ok(());
                    }
                    "required" => {
                        x.required = flag(value);
                        return Ok(());
                    }
                    "limit" => {
                        let t = value.trim();
                        x.limit =
                            if t.is_empty() {
                                None
                            } else {
                                Some(t.parse().map_err(|_| {
                                    EditError(format!("字数限制应为整数，而不是“{t}”"))
                                })?)
                            };
                        return Ok(());
                    }
                    _ => return Err(no_field(path)),
                }
            }
            ["problems", id, field] => {
                let p = by_id(&mut self.problems, id, |p| &p.id).ok_or_else(|| no_field(path))?;
                match *field {
                    "problem" => &mut p.problem,
                    "measure" => &mut p.measure,
                    _ => return Err(no_field(path)),
                }
            }
            _ => return Err(no_field(path)),
        };
        *target = v;
        Ok(())
    }

    /// Apply one edit. Returns the id of a row it added.
    pub fn apply(&mut self, edit: &Edit) -> Result<Option<String>, EditError> {
        match edit {
            Edit::Set { path, value } => self.set(path, value).map(|_| None),
            Edit::SetRule { id, rule } => {
                let i = by_id(&mut self.indicators, id, |i| &i.id).ok_or_else(|| no_field(id))?;
                i.rule = rule.clone();
                Ok(None)
            }
            Edit::Check { id, item, on } => {
                let i = by_id(&mut self.indicators, id, |i| &i.id).ok_or_else(|| no_field(id))?;
                i.checked.retain(|c| c != item);
                if *on {
                    i.checked.push(item.clone());
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

    /// The ids of a list's rows, in order.
    pub fn ids(&self, list: List) -> Vec<&str> {
        fn of<T>(rows: &[T], id: fn(&T) -> &str) -> Vec<&str> {
            rows.iter().map(id).collect()
        }
        match list {
            List::Tasks => of(&self.tasks, |r| &r.id),
            List::Goals => of(&self.goals, |r| &r.id),
            List::Sources => of(&self.budget.sources, |r| &r.id),
            List::Uses => of(&self.budget.uses, |r| &r.id),
            List::Indicators => of(&self.indicators, |r| &r.id),
            List::Sections => of(&self.sections, |r| &r.id),
            List::Problems => of(&self.problems, |r| &r.id),
        }
    }

    /// The id of row `i` of `list`, to rewrite it.
    pub fn id_mut(&mut self, list: List, i: usize) -> &mut String {
        match list {
            List::Tasks => &mut self.tasks[i].id,
            List::Goals => &mut self.goals[i].id,
            List::Sources => &mut self.budget.sources[i].id,
            List::Uses => &mut self.budget.uses[i].id,
            List::Indicators => &mut self.indicators[i].id,
            List::Sections => &mut self.sections[i].id,
            List::Problems => &mut self.problems[i].id,
        }
    }

    /// A fresh id for a row of `list`: its prefix and one more than the highest number used.
    pub fn next_id(&self, list: List) -> String {
        let ids = self.ids(list);
        let prefix = list.prefix();
        let max = ids
            .iter()
            .filter_map(|id| {
                id.strip_prefix(prefix)?
                    .strip_prefix('-')?
                    .parse::<u32>()
                    .ok()
            })
            .max()
            .unwrap_or(0);
        format!("{prefix}-{}", max + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn set(r: &mut Report, path: &str, value: &str) {
        r.apply(&Edit::Set {
            path: path.into(),
            value: value.into(),
        })
        .unwrap();
        assert_eq!(r.get(path).as_deref(), Some(value), "{path}");
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
            let e = r.set(path, value).unwrap_err();
            assert_eq!(*r, before);
            e.to_string()
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

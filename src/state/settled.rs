//! Signals that follow a computation but stand apart from its sources.
//!
//! reactive_graph visits every node downstream of a changed signal on each change (it marks
//! them to be checked), even when a memo in between comes out equal. With hundreds of inputs
//! each reading the pack, the open comments or their own row, one keystroke in the draft would
//! visit thousands of nodes. A *settled* signal is set by one effect, and only when its value
//! really changed: what reads it is not downstream of the draft, so a keystroke visits the
//! effect and the few readers of what changed.

use std::collections::HashMap;

use leptos::prelude::*;
use rust_decimal::Decimal;
use selfeval_core::model::field::Field;
use selfeval_core::model::Indicator;
use selfeval_core::scoring::IndicatorEval;
use selfeval_core::{Evaluation, Report};

/// A read-only signal holding `f()`, updated by an effect when `f()` changes.
pub fn settled<T>(f: impl Fn() -> T + 'static) -> Signal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let out = RwSignal::new(untrack(&f));
    Effect::new(move |_| {
        let now = f();
        if out.with_untracked(|old| *old != now) {
            out.set(now);
        }
    });
    out.into()
}

/// One indicator row's own signals: its data, its evaluation, the figure its link computes.
#[derive(Clone, Copy)]
pub struct RowSignals {
    pub row: RwSignal<Indicator>,
    pub eval: RwSignal<Option<IndicatorEval>>,
    pub linked: RwSignal<Option<Decimal>>,
}

/// The indicator table's rows as signals of their own, kept in step with the draft and its
/// evaluation by one effect: a keystroke in one row (or in the budget) updates only the rows
/// whose data or score changed.
#[derive(Clone, Copy)]
pub struct IndicatorRows {
    rows: StoredValue<HashMap<String, RowSignals>>,
    report: RwSignal<Report>,
    evaluation: Memo<Evaluation>,
    /// The rows' signals belong to the table, not to the view that first asked for them: the
    /// cards and the grid come and go, the signals stay.
    owner: StoredValue<Option<Owner>>,
}

fn current(report: &Report, eval: &Evaluation, id: &str) -> (Indicator, Option<IndicatorEval>) {
    let row = report.indicator(id).cloned().unwrap_or_default();
    let e = eval.indicator(id).cloned();
    (row, e)
}

impl IndicatorRows {
    pub fn new(report: RwSignal<Report>, evaluation: Memo<Evaluation>) -> Self {
        let rows: StoredValue<HashMap<String, RowSignals>> = StoredValue::new(HashMap::new());
        Effect::new(move |_| {
            report.with(|r| {
                evaluation.with(|e| {
                    rows.update_value(|map| {
                        let mut found = 0;
                        // the evaluation's rows are in the table's order
                        for (ind, ev) in r.indicators.iter().zip(&e.indicators) {
                            let Some(s) = map.get(&ind.id) else { continue };
                            found += 1;
                            if s.row.with_untracked(|old| old != ind) {
                                s.row.set(ind.clone());
                            }
                            if s.eval.with_untracked(|old| old.as_ref() != Some(ev)) {
                                s.eval.set(Some(ev.clone()));
                            }
                            let linked = ind.link.and_then(|l| e.linked(l));
                            if s.linked.get_untracked() != linked {
                                s.linked.set(linked);
                            }
                        }
                        // rows deleted from the table (only then: this runs on every keystroke)
                        if found < map.len() {
                            let ids: std::collections::HashSet<&str> =
                                r.indicators.iter().map(|i| i.id.as_str()).collect();
                            map.retain(|id, _| ids.contains(id.as_str()));
                        }
                    })
                })
            })
        });
        IndicatorRows {
            rows,
            report,
            evaluation,
            owner: StoredValue::new(Owner::current()),
        }
    }

    /// Row `id`'s signals, made on first use from the draft as it is.
    pub fn of(self, id: &str) -> RowSignals {
        if let Some(s) = self.rows.with_value(|m| m.get(id).copied()) {
            return s;
        }
        let (row, eval) = self
            .report
            .with_untracked(|r| self.evaluation.with_untracked(|e| current(r, e, id)));
        let linked = row
            .link
            .and_then(|l| self.evaluation.with_untracked(|e| e.linked(l)));
        let make = move || RowSignals {
            row: RwSignal::new(row),
            eval: RwSignal::new(eval),
            linked: RwSignal::new(linked),
        };
        let s = under(self.owner, make);
        self.rows.update_value(|m| {
            m.insert(id.to_string(), s);
        });
        s
    }
}

/// The draft's fields that the form shows, each as a signal of its own, kept in step with the
/// draft by one effect that sets only the fields whose value changed. The draft then has one
/// reader where it had one per input, and reactive_graph no longer re-subscribes a hundred
/// readers to it on every keystroke.
#[derive(Clone, Copy)]
pub struct FieldValues {
    fields: StoredValue<HashMap<Field, RwSignal<String>>>,
    report: RwSignal<Report>,
    /// The signals belong to the draft's session, not to the input that first asked.
    owner: StoredValue<Option<Owner>>,
}

impl FieldValues {
    pub fn new(report: RwSignal<Report>) -> Self {
        let fields: StoredValue<HashMap<Field, RwSignal<String>>> =
            StoredValue::new(HashMap::new());
        Effect::new(move |_| {
            report.with(|r| {
                fields.with_value(|map| {
                    for (field, value) in map {
                        let now = r.get(field).unwrap_or_default();
                        if value.with_untracked(|old| *old != now) {
                            value.set(now);
                        }
                    }
                })
            })
        });
        FieldValues {
            fields,
            report,
            owner: StoredValue::new(Owner::current()),
        }
    }

    /// The value of `field`, made on first use from the draft as it is.
    pub fn of(self, field: &Field) -> Signal<String> {
        if let Some(s) = self.fields.with_value(|m| m.get(field).copied()) {
            return s.into();
        }
        let now = self
            .report
            .with_untracked(|r| r.get(field).unwrap_or_default());
        let s = under(self.owner, || RwSignal::new(now));
        self.fields.update_value(|m| {
            m.insert(field.clone(), s);
        });
        s.into()
    }
}

/// `make`'s signals made under `owner` (the session's), so they live as long as it does and
/// not as long as the input that first asked; without one, under whatever owner is current.
fn under<T>(owner: StoredValue<Option<Owner>>, make: impl FnOnce() -> T) -> T {
    match owner.get_value() {
        Some(owner) => owner.with(make),
        None => make(),
    }
}

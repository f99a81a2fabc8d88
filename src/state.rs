//! Reactive state: the open draft, the pack it is scored under, and what follows from them.

use leptos::prelude::*;
use selfeval_core::{check, evaluate, Evaluation, Finding, Pack, Report, Summary};

/// The framework packs the user can choose from.
#[derive(Clone, Copy)]
pub struct Library {
    pub packs: StoredValue<Vec<Pack>>,
}

impl Library {
    pub fn builtin() -> Self {
        Library {
            packs: StoredValue::new(Pack::builtin()),
        }
    }

    pub fn find(&self, id: &str) -> Option<Pack> {
        self.packs
            .with_value(|p| p.iter().find(|p| p.id == id).cloned())
    }
}

/// The draft being worked on. Evaluation and findings are memos over the draft and the pack:
/// computed once per change, read by every view.
#[derive(Clone, Copy)]
pub struct Draft {
    pub report: RwSignal<Report>,
    pub pack: RwSignal<Pack>,
    pub evaluation: Memo<Evaluation>,
    pub findings: Memo<Vec<Finding>>,
    pub summary: Memo<Summary>,
}

impl Draft {
    pub fn new(report: Report, pack: Pack) -> Self {
        let report = RwSignal::new(report);
        let pack = RwSignal::new(pack);
        let evaluation = Memo::new(move |_| pack.with(|p| report.with(|r| evaluate(r, p))));
        let findings =
            Memo::new(move |_| pack.with(|p| report.with(|r| evaluation.with(|e| check(r, p, e)))));
        let summary = Memo::new(move |_| {
            pack.with(|p| {
                report.with(|r| evaluation.with(|e| findings.with(|f| Summary::new(r, p, e, f))))
            })
        });
        Draft {
            report,
            pack,
            evaluation,
            findings,
            summary,
        }
    }

    /// Show `base` under another pack: its indicator table rebuilt from the pack, keeping the
    /// values of matching rows (see [`Pack::adopt`]).
    pub fn show_under(&self, base: &Report, pack: Pack) {
        self.report.set(pack.adopt(base));
        self.pack.set(pack);
    }
}

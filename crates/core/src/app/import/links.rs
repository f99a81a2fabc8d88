//! Rows the app can compute are computed: a row named like one of the figures it derives
//! (预算执行率, 在职人员控制率…) takes its link once the draft holds that figure's inputs.
//! What the row said stays as its typed 完成值, so a value that disagrees with the computed
//! one is a finding rather than lost. Imports, grid pastes and files written before links
//! existed all come through here.

use crate::edit::Edit;
use crate::model::field::{Field, IndicatorField};
use crate::model::pack::Pack;
use crate::model::{Link, Report};
use crate::scoring::evaluate;

/// The edit linking every unlinked row whose name is a computed figure's, where the draft can
/// compute it (`None` when there is none). Each figure links one row at most.
pub fn adopt(report: &Report, pack: &Pack) -> Option<Edit> {
    let e = evaluate(report, pack);
    let mut taken: Vec<Link> = report.indicators.iter().filter_map(|i| i.link).collect();
    let mut edits = Vec::new();
    for row in report.indicators.iter().filter(|i| i.link.is_none()) {
        let Some(link) = Link::for_name(&row.level3) else {
            continue;
        };
        if taken.contains(&link) || e.linked(link).is_none() {
            continue;
        }
        taken.push(link);
        edits.push(Edit::Set {
            field: Field::indicator(&row.id, IndicatorField::Link),
            value: link.key().to_string(),
        });
    }
    (!edits.is_empty()).then_some(Edit::Many(edits))
}

/// `report` with [`adopt`]'s links in.
pub fn adopted(mut report: Report, pack: &Pack) -> Report {
    if let Some(edit) = adopt(&report, pack) {
        let _ = report.apply(&edit);
    }
    report
}

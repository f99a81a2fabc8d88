//! Row ids: which lists of rows a draft has, the ids in each, and which ids are well formed
//! (they stand in field paths and URLs).

use super::Report;

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
    /// The list's short name: its rows' ids start with it, and the page names a list by it.
    pub fn prefix(self) -> &'static str {
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

impl Report {
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

/// Whether `id` can stand in a field path and a URL: ASCII letters, digits, `-` and `_`.
pub fn well_formed_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Give every row a unique, well-formed id. Two rows sharing an id would make the second
/// row's inputs edit the first; an id with a dot or a space breaks field paths and URLs.
pub fn normalise_ids(report: &mut Report) {
    const LISTS: [List; 7] = [
        List::Tasks,
        List::Goals,
        List::Sources,
        List::Uses,
        List::Indicators,
        List::Sections,
        List::Problems,
    ];
    for list in LISTS {
        let mut seen: Vec<String> = Vec::new();
        let mut bad = Vec::new();
        for (i, id) in report.ids(list).into_iter().enumerate() {
            if well_formed_id(id) && !seen.iter().any(|s| s == id) {
                seen.push(id.to_string());
            } else {
                bad.push(i);
            }
        }
        for i in bad {
            let fresh = report.next_id(list);
            *report.id_mut(list, i) = fresh;
        }
    }
}

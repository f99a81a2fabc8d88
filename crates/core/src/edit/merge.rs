//! Merging a colleague's file into the same draft, part by part: the unit's information, the
//! task and goal lists, each budget row, each indicator, each section, the closing fields,
//! the sign-off. A part changed on one side only since the common ancestor (the version last
//! received from them, `Report::base`) is taken from that side without asking; a part both
//! sides changed differently is a conflict the user decides — never resolved silently.

use serde_json::Value;

use crate::model::field::{label_of, Group};
use crate::model::Report;

/// Which side a part comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Mine,
    Theirs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Both sides hold the same.
    Same,
    /// Changed on one side only: that side is taken.
    Take(Side),
    /// Changed on both sides, differently: the user chooses.
    Conflict,
}

/// One part of the draft in the merge.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Where it lives: `unit`, `tasks`, `indicators/<id>`, `budget.sources/<id>`…
    pub key: String,
    /// Its name for the user: "绩效指标 · 预算执行率".
    pub label: String,
    pub mine: Option<Value>,
    pub theirs: Option<Value>,
    pub outcome: Outcome,
}

impl Piece {
    /// The part as readable text on one side (for the diff); empty when that side lacks it.
    pub fn text(&self, side: Side) -> String {
        let v = match side {
            Side::Mine => &self.mine,
            Side::Theirs => &self.theirs,
        };
        v.as_ref().map(readable).unwrap_or_default()
    }
}

/// A value as lines of "field: value", long texts as they are.
fn readable(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(o) => o
            .iter()
            .filter(|(k, _)| *k != "id")
            .map(|(k, v)| format!("{k}：{}", readable(v)))
            .collect::<Vec<_>>()
            .join("\n"),
        Value::Array(a) => a.iter().map(readable).collect::<Vec<_>>().join("\n"),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The whole merge: every part that differs between the sides, and how it resolves.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub pieces: Vec<Piece>,
    /// Whether a common ancestor was known (without one, every difference is a conflict).
    pub has_base: bool,
}

impl Plan {
    pub fn conflicts(&self) -> usize {
        self.pieces
            .iter()
            .filter(|p| p.outcome == Outcome::Conflict)
            .count()
    }
}

/// Parts merged whole, by their path in the draft file.
const FIELDS: [&str; 11] = [
    "name",
    "pack_id",
    "unit",
    "budget.spending",
    "tasks",
    "goals",
    "conclusion",
    "problems",
    "signoff",
    "comments",
    "status",
];

/// Lists merged row by row: (where in the report, the field naming a row).
const ROWS: [(&str, &str); 4] = [
    ("budget.sources", "name"),
    ("budget.uses", "name"),
    ("indicators", "level3"),
    ("sections", "title"),
];

/// A part's or list's name for the user, from the draft's glossary (`model::field`).
fn label(path: &str) -> String {
    let part = |key| label_of("", key).unwrap_or(key);
    match path.split_once('.') {
        Some(("budget", "spending")) => "其他财务数据（三公经费、政府采购等）".into(),
        Some(("budget", group)) => format!(
            "{}（{}）",
            part("budget"),
            Group::from_key(group).map_or("", Group::label)
        ),
        _ => part(path).to_string(),
    }
}

fn to_value(r: &Report) -> Value {
    crate::base::json::to_value(r)
}

fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |v, k| v.get(k))
}

fn at_mut<'a>(v: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    path.split('.').try_fold(v, |v, k| v.get_mut(k))
}

fn rows(v: &Value, path: &str) -> Vec<(String, Value)> {
    at(v, path)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|r| (r["id"].as_str().unwrap_or_default().to_string(), r.clone()))
                .collect()
        })
        .unwrap_or_default()
}

fn outcome(base: Option<&Option<Value>>, mine: &Option<Value>, theirs: &Option<Value>) -> Outcome {
    if mine == theirs {
        return Outcome::Same;
    }
    match base {
        Some(b) if b == mine => Outcome::Take(Side::Theirs),
        Some(b) if b == theirs => Outcome::Take(Side::Mine),
        _ => Outcome::Conflict,
    }
}

/// What merging `theirs` into `mine` involves.
pub fn plan(mine: &Report, theirs: &Report) -> Plan {
    let base = theirs.base.as_deref().or(mine.base.as_deref());
    let (m, t) = (to_value(mine), to_value(theirs));
    let b = base.map(to_value);
    let mut pieces = Vec::new();
    let mut push = |key: String,
                    label: String,
                    mv: Option<Value>,
                    tv: Option<Value>,
                    bv: Option<Option<Value>>| {
        let outcome = outcome(bv.as_ref(), &mv, &tv);
        if outcome != Outcome::Same {
            pieces.push(Piece {
                key,
                label,
                mine: mv,
                theirs: tv,
                outcome,
            });
        }
    };
    for field in FIELDS {
        let bv = b.as_ref().map(|b| at(b, field).cloned());
        push(
            field.into(),
            label(field),
            at(&m, field).cloned(),
            at(&t, field).cloned(),
            bv,
        );
    }
    for (list, name) in ROWS {
        let list_label = label(list);
        let (mr, tr) = (rows(&m, list), rows(&t, list));
        let br = b.as_ref().map(|b| rows(b, list));
        let mut ids: Vec<String> = mr.iter().map(|(id, _)| id.clone()).collect();
        ids.extend(
            tr.iter()
                .map(|(id, _)| id.clone())
                .filter(|id| !mr.iter().any(|(m, _)| m == id)),
        );
        for id in ids {
            let find =
                |rs: &[(String, Value)]| rs.iter().find(|(i, _)| *i == id).map(|(_, v)| v.clone());
            let (mv, tv) = (find(&mr), find(&tr));
            let bv = br.as_ref().map(|br| find(br));
            let shown = mv
                .as_ref()
                .or(tv.as_ref())
                .and_then(|v| v[name].as_str())
                .unwrap_or_default()
                .to_string();
            push(
                format!("{list}/{id}"),
                format!(
                    "{list_label} · {}",
                    if shown.is_empty() { &id } else { &shown }
                ),
                mv,
                tv,
                bv,
            );
        }
    }
    Plan {
        pieces,
        has_base: base.is_some(),
    }
}

/// The merged draft: `mine` with every piece taken from the side its outcome (or, for a
/// conflict, `choose`) names. Its `base` becomes their version, the new common ancestor.
pub fn apply(
    mine: &Report,
    theirs: &Report,
    plan: &Plan,
    choose: impl Fn(&Piece) -> Side,
) -> Report {
    let mut out = to_value(mine);
    let t = to_value(theirs);
    for p in &plan.pieces {
        let side = match p.outcome {
            Outcome::Same | Outcome::Take(Side::Mine) => continue,
            Outcome::Take(Side::Theirs) => Side::Theirs,
            Outcome::Conflict => choose(p),
        };
        if side == Side::Mine {
            continue;
        }
        match p.key.split_once('/') {
            None => set_at(&mut out, &p.key, p.theirs.clone()),
            Some((list, id)) => place_row(&mut out, &t, list, id, p.theirs.clone()),
        }
    }
    let mut merged: Report = crate::base::json::from_value(&out).unwrap_or_else(|_| mine.clone());
    merged.id = mine.id.clone();
    let mut base = theirs.clone();
    base.base = None;
    merged.base = Some(Box::new(base));
    merged
}

/// Set (or, for `None`, remove) the value at a dotted `path`: a part left out of a file when
/// blank (`budget.spending`) is inserted rather than skipped.
fn set_at(out: &mut Value, path: &str, value: Option<Value>) {
    let (parent, key) = match path.rsplit_once('.') {
        Some((parent, key)) => (at_mut(out, parent), key),
        None => (Some(out), path),
    };
    let Some(Value::Object(map)) = parent else {
        return;
    };
    match value {
        Some(v) => {
            map.insert(key.to_string(), v);
        }
        None => {
            map.remove(key);
        }
    }
}

/// Put their version of row `id` into `out`'s list (removing it when they removed it); a row
/// only they have goes after the row it follows in their list.
fn place_row(out: &mut Value, theirs: &Value, list: &str, id: &str, row: Option<Value>) {
    let Some(Value::Array(rows)) = at_mut(out, list) else {
        return;
    };
    let pos = rows.iter().position(|r| r["id"] == id);
    match (pos, row) {
        (Some(i), Some(v)) => rows[i] = v,
        (Some(i), None) => {
            rows.remove(i);
        }
        (None, Some(v)) => {
            let their = at(theirs, list).and_then(Value::as_array);
            let before = their.and_then(|a| {
                let i = a.iter().position(|r| r["id"] == id)?;
                a[..i]
                    .iter()
                    .rev()
                    .find_map(|prev| rows.iter().position(|r| r["id"] == prev["id"]))
            });
            // no row before it in both lists: first if it is first in theirs, else last
            let first = their.is_some_and(|a| a.first().is_some_and(|f| f["id"] == id));
            let at = before.map_or(if first { 0 } else { rows.len() }, |i| i + 1);
            rows.insert(at, v);
        }
        (None, None) => {}
    }
}

/// A character diff of two texts, as runs: (`None` same, `Some(Mine)` only in mine,
/// `Some(Theirs)` only in theirs, text).
///
/// The common start and end are set aside, and what lies between is compared by a longest
/// common subsequence of characters. Two texts changed in many places far apart (beyond
/// [`DIFF_CELLS`] comparisons) have that middle marked whole on each side: a side-by-side view
/// only has to show where they differ.
pub fn diff(mine: &str, theirs: &str) -> Vec<(Option<Side>, String)> {
    let a: Vec<char> = mine.chars().collect();
    let b: Vec<char> = theirs.chars().collect();
    let start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let end = a[start..]
        .iter()
        .rev()
        .zip(b[start..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a_mid, b_mid) = (&a[start..a.len() - end], &b[start..b.len() - end]);
    let mut runs = Runs(Vec::new());
    runs.push(None, &a[..start]);
    if a_mid.len().saturating_mul(b_mid.len()) <= DIFF_CELLS {
        common_subsequence(a_mid, b_mid, &mut runs);
    } else {
        runs.push(Some(Side::Mine), a_mid);
        runs.push(Some(Side::Theirs), b_mid);
    }
    runs.push(None, &a[a.len() - end..]);
    runs.0
}

/// At most this many character pairs are compared (a table of 2 bytes each).
const DIFF_CELLS: usize = 1 << 20;

struct Runs(Vec<(Option<Side>, String)>);

impl Runs {
    fn push(&mut self, side: Option<Side>, chars: &[char]) {
        if chars.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some((s, text)) if *s == side => text.extend(chars),
            _ => self.0.push((side, chars.iter().collect())),
        }
    }
}

/// `a` against `b` through a longest common subsequence: `len[i][j]` is its length for
/// `a[i..]` and `b[j..]`, walked from the start (what only `a` has before what only `b` has).
fn common_subsequence(a: &[char], b: &[char], runs: &mut Runs) {
    let w = b.len() + 1;
    let mut len = vec![0u16; (a.len() + 1) * w];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            len[i * w + j] = if a[i] == b[j] {
                len[(i + 1) * w + j + 1] + 1
            } else {
                len[(i + 1) * w + j].max(len[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            runs.push(None, &a[i..=i]);
            (i, j) = (i + 1, j + 1);
        } else if len[(i + 1) * w + j] >= len[i * w + j + 1] {
            runs.push(Some(Side::Mine), &a[i..=i]);
            i += 1;
        } else {
            runs.push(Some(Side::Theirs), &b[j..=j]);
            j += 1;
        }
    }
    runs.push(Some(Side::Mine), &a[i..]);
    runs.push(Some(Side::Theirs), &b[j..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    /// The sample sent to a colleague: their copy carries it as its base.
    fn sent() -> (Report, Report) {
        let mine = sample();
        let mut theirs = mine.clone();
        theirs.id = "their-local-id".into();
        let mut base = mine.clone();
        base.base = None;
        theirs.base = Some(Box::new(base));
        (mine, theirs)
    }

    #[test]
    fn changes_on_one_side_merge_without_asking() {
        let (mut mine, mut theirs) = sent();
        mine.conclusion = "我写的结论".into();
        theirs.indicators[2].actual = "31".into();
        theirs.sections[3].text.push_str("补充一段。");
        let p = plan(&mine, &theirs);
        assert!(p.has_base);
        assert_eq!(p.conflicts(), 0);
        let outcomes: Vec<(&str, Outcome)> = p
            .pieces
            .iter()
            .map(|x| (x.label.as_str(), x.outcome))
            .collect();
        assert!(
            outcomes.contains(&("评价结论", Outcome::Take(Side::Mine))),
            "{outcomes:?}"
        );
        let merged = apply(&mine, &theirs, &p, |_| unreachable!("no conflicts"));
        assert_eq!(merged.conclusion, "我写的结论");
        assert_eq!(merged.indicators[2].actual.text(), "31");
        assert!(merged.sections[3].text.ends_with("补充一段。"));
        assert_eq!(merged.id, mine.id);
        // the colleague's version is the next merge's ancestor
        assert_eq!(
            merged.base.as_deref().map(|b| &b.conclusion),
            Some(&theirs.conclusion)
        );
    }

    #[test]
    fn a_part_only_they_filled_in_arrives() {
        // mine has no 其他财务数据 at all (left out of its JSON); theirs fills it in
        let (mine, mut theirs) = sent();
        theirs.budget.spending.three_public_actual = "10.56".into();
        let p = plan(&mine, &theirs);
        assert_eq!(p.conflicts(), 0);
        let merged = apply(&mine, &theirs, &p, |_| unreachable!("no conflicts"));
        assert_eq!(merged.budget.spending.three_public_actual.text(), "10.56");
        // and one they cleared is cleared
        let (mut mine, theirs) = sent();
        let mut base = mine.clone();
        base.budget.spending.balance = "60.99".into();
        mine.budget.spending.balance = "60.99".into();
        let mut theirs = theirs;
        theirs.base = Some(Box::new(base));
        let merged = apply(&mine, &theirs, &plan(&mine, &theirs), |_| unreachable!());
        assert!(merged.budget.spending.is_blank());
    }

    #[test]
    fn the_same_part_changed_on_both_sides_is_the_users_choice() {
        let (mut mine, mut theirs) = sent();
        mine.sections[1].text = "我的第二节".into();
        theirs.sections[1].text = "他们的第二节".into();
        mine.unit.contact = "张三".into();
        theirs.unit.phone = "1234".into();
        let p = plan(&mine, &theirs);
        // the unit block is one part: two different edits in it conflict as a whole
        assert_eq!(p.conflicts(), 2);
        let section = p
            .pieces
            .iter()
            .find(|x| x.key.starts_with("sections/"))
            .unwrap();
        assert_eq!(section.outcome, Outcome::Conflict);
        let theirs_for_text = apply(&mine, &theirs, &p, |x| {
            if x.key.starts_with("sections/") {
                Side::Theirs
            } else {
                Side::Mine
            }
        });
        assert_eq!(theirs_for_text.sections[1].text, "他们的第二节");
        assert_eq!(theirs_for_text.unit.contact, "张三");
        assert_eq!(theirs_for_text.unit.phone, mine.unit.phone);
    }

    #[test]
    fn rows_added_or_removed_on_one_side() {
        let (mut mine, mut theirs) = sent();
        let mut extra = theirs.indicators[0].clone();
        extra.id = "ind-new".into();
        extra.level3 = "新增指标".into();
        theirs.indicators.insert(1, extra);
        let removed = mine.budget.sources.remove(3);
        let p = plan(&mine, &theirs);
        assert_eq!(p.conflicts(), 0, "{:?}", p.pieces);
        let merged = apply(&mine, &theirs, &p, |_| Side::Mine);
        assert_eq!(merged.indicators[1].level3, "新增指标");
        assert!(merged.budget.sources.iter().all(|r| r.id != removed.id));
    }

    #[test]
    fn without_a_known_ancestor_every_difference_is_asked() {
        let mut mine = sample();
        let mut theirs = sample();
        mine.conclusion = "甲".into();
        theirs.indicators[0].reason = "乙".into();
        let p = plan(&mine, &theirs);
        assert!(!p.has_base);
        assert_eq!(p.conflicts(), 2);
    }

    #[test]
    fn texts_are_compared_character_by_character() {
        let d = diff("预算执行率为98%", "预算执行率为98.49%");
        assert_eq!(
            d,
            vec![
                (None, "预算执行率为98".to_string()),
                (Some(Side::Theirs), ".49".to_string()),
                (None, "%".to_string())
            ]
        );
        // changes in two places, and one side empty
        let d = diff("甲乙丙丁戊", "甲X丙丁Y戊");
        assert_eq!(
            d,
            vec![
                (None, "甲".to_string()),
                (Some(Side::Mine), "乙".to_string()),
                (Some(Side::Theirs), "X".to_string()),
                (None, "丙丁".to_string()),
                (Some(Side::Theirs), "Y".to_string()),
                (None, "戊".to_string())
            ]
        );
        assert_eq!(diff("", "新"), vec![(Some(Side::Theirs), "新".to_string())]);
        assert_eq!(diff("同", "同"), vec![(None, "同".to_string())]);
        assert!(diff("", "").is_empty());
    }

    #[test]
    fn each_side_of_a_diff_reads_back_as_its_text() {
        let mine =
            "2021 年，区人大常委会办公室全年预算 4051.83 万元，执行 3990.84 万元。".repeat(20);
        let theirs = mine
            .replace("3990.84", "3991.00")
            .replacen("全年", "年度", 3)
            + "补充。";
        let side = |d: &[(Option<Side>, String)], s: Side| -> String {
            d.iter()
                .filter(|(x, _)| x.is_none() || *x == Some(s))
                .map(|(_, t)| t.as_str())
                .collect()
        };
        let d = diff(&mine, &theirs);
        assert_eq!(side(&d, Side::Mine), mine);
        assert_eq!(side(&d, Side::Theirs), theirs);
        // beyond the compared size the middle is marked whole, and still reads back
        let (x, y) = (
            "甲".repeat(1500) + "乙",
            "丙".to_string() + &"甲".repeat(1500),
        );
        let d = diff(&x, &y);
        assert_eq!((side(&d, Side::Mine), side(&d, Side::Theirs)), (x, y));
    }
}

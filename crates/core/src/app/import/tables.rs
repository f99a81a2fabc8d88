//! The tables both readers meet: the indicator table (mapped by header as the grid's paste
//! maps it), the budget table (by source or by use, in 万元 or 元), and a form of label and
//! value cells.

use rust_decimal::Decimal;

use super::labels;
use crate::app::grid;
use crate::base::number::{fmt2, fmt_plain, parse_measure, parse_number, Figure};
use crate::file::table::{
    column_named, is_computed, map_header, HeaderMap, BUDGET_COLUMNS, INDICATOR_COLUMNS,
};
use crate::model::field::{BudgetField, IndicatorField};
use crate::model::pack::Pack;
use crate::model::rule::{Nature, Rule};
use crate::model::{BudgetKind, BudgetRow, List, Report};
use crate::scoring::evaluate;

/// A header found in a table: where it starts, how many rows it spans, its cells as one row.
struct Header {
    at: usize,
    rows: usize,
    cells: Vec<String>,
    map: HeaderMap,
}

/// Two header rows as one ("指标值" over "年初"/"全年" → 年初指标值, 全年指标值): the pair
/// that names a column exactly, else the lower cell, else the upper.
fn joined(
    top: &[String],
    bottom: &[String],
    columns: &[crate::file::table::Column],
) -> Vec<String> {
    let width = top.len().max(bottom.len());
    (0..width)
        .map(|i| {
            let t = top.get(i).map_or("", |s| s.trim());
            let b = bottom.get(i).map_or("", |s| s.trim());
            if t == b || b.is_empty() {
                return t.to_string();
            }
            if t.is_empty() {
                return b.to_string();
            }
            for c in [format!("{b}{t}"), format!("{t}{b}")] {
                if column_named(&c, columns).is_some() {
                    return c;
                }
            }
            if column_named(b, columns).is_some() || is_computed(b) {
                b.to_string()
            } else {
                format!("{t}{b}")
            }
        })
        .collect()
}

/// The best header row (or pair of rows) for `columns` among the first rows of `rows`, with
/// at least `min` known columns of which `needed` must be one.
fn header(
    rows: &[Vec<String>],
    columns: &[crate::file::table::Column],
    needed: &[usize],
    min: usize,
) -> Option<Header> {
    let mut best: Option<(usize, Header)> = None;
    for at in 0..rows.len().min(200) {
        let mut tries = vec![(1, rows[at].clone())];
        if let Some(next) = rows.get(at + 1) {
            tries.push((2, joined(&rows[at], next, columns)));
        }
        for (span, cells) in tries {
            let Some(map) = map_header(&cells, columns) else {
                continue;
            };
            let known = map.columns.iter().flatten().count();
            if known < min || !needed.iter().any(|n| map.columns.contains(&Some(*n))) {
                continue;
            }
            // two rows only when the second adds columns
            if best.as_ref().is_some_and(|(k, _)| *k >= known) {
                continue;
            }
            best = Some((
                known,
                Header {
                    at,
                    rows: span,
                    cells,
                    map,
                },
            ));
        }
        if best.as_ref().is_some_and(|(_, h)| h.at + h.rows <= at) {
            break;
        }
    }
    best.map(|(_, h)| h)
}

fn is_total_row(cells: &[String]) -> bool {
    cells.iter().take(4).any(|c| {
        let c: String = c.chars().filter(|c| !c.is_whitespace()).collect();
        matches!(
            c.as_str(),
            "合计" | "总计" | "总分" | "小计" | "自评总分" | "总得分"
        ) || c.starts_with("总分")
            || c.starts_with("合计")
    })
}

fn decimal(text: &str) -> Option<Decimal> {
    parse_measure("", text.trim()).ok().flatten()
}

/// What an indicator table gave: its rows, and the headers of columns nothing took (the user
/// may place them).
pub struct IndicatorTable {
    pub rows: usize,
    pub unplaced: Vec<String>,
}

/// Whether `rows` hold an indicator table: a header naming 三级指标 (or 指标名称) and at
/// least two other columns.
pub fn is_indicator_table(rows: &[Vec<String>]) -> bool {
    header(rows, &INDICATOR_COLUMNS, &[2], 3).is_some()
}

/// Fill the draft's indicator rows from the table in `rows` (replacing the framework's
/// template rows). Rows named like a framework row take its rule; the file's 得分 where it
/// differs from the rule's is kept as a hand score, and said.
pub fn indicators(
    report: &mut Report,
    pack: &Pack,
    rows: &[Vec<String>],
    place: &str,
    choices: &super::Choices,
    missed: &mut Vec<String>,
) -> Option<IndicatorTable> {
    let h = header(rows, &INDICATOR_COLUMNS, &[2], 3)?;
    // columns the user placed by hand, in this file or one of the same layout before
    let mut assign = Vec::new();
    let mut unplaced = Vec::new();
    for (i, name) in &h.map.unknown {
        if name.contains("核心") || name.contains("序号") || name.contains("绩效指标") {
            continue;
        }
        match choices.get(name).map(String::as_str) {
            Some("") => {}
            Some(key) => {
                let col = INDICATOR_COLUMNS.iter().position(|c| c.key_name() == key);
                if col.is_some_and(|c| !h.map.columns.contains(&Some(c))) {
                    assign.push((*i, col));
                }
            }
            None => {
                missed.push(format!(
                    "{place}：未识别的列“{name}”（未导入，可在下方选择导入为哪一列）"
                ));
                unplaced.push(name.clone());
            }
        }
    }
    let score_col = h.cells.iter().position(|c| {
        let c: String = c.chars().filter(|c| !c.is_whitespace()).collect();
        c == "得分"
            || c == "自评得分"
            || c == "指标得分"
            || c.starts_with("得分（")
            || c.starts_with("得分(")
    });
    let core_col = h.cells.iter().position(|c| c.contains("核心"));
    let mut block = vec![h.cells.clone()];
    let mut file_scores = Vec::new();
    let mut cores = Vec::new();
    let mut file_total = None;
    for cells in rows.iter().skip(h.at + h.rows) {
        if is_total_row(cells) {
            file_total = score_col
                .and_then(|c| cells.get(c))
                .and_then(|t| decimal(t));
            break;
        }
        let name = h
            .map
            .columns
            .iter()
            .position(|c| *c == Some(2))
            .and_then(|c| cells.get(c))
            .map_or("", |s| s.trim());
        let header_name = h
            .map
            .columns
            .iter()
            .position(|c| *c == Some(2))
            .and_then(|c| h.cells.get(c))
            .map_or("", |s| s.trim());
        // a header's second line, or the header repeated on a new page
        if name.is_empty() || cells == &h.cells || name == header_name || name.ends_with("指标名称")
        {
            continue;
        }
        block.push(cells.clone());
        file_scores.push(
            score_col
                .and_then(|c| cells.get(c))
                .and_then(|t| decimal(t)),
        );
        cores.push(
            core_col
                .and_then(|c| cells.get(c))
                .is_some_and(|t| matches!(t.trim(), "是" | "√" | "✓" | "核心" | "Y")),
        );
    }
    if block.len() == 1 {
        return None;
    }
    // a checklist row's 完成值 as this app's 自评表 prints it: "符合 5/5 项"
    let actual_col = h.map.columns.iter().position(|c| *c == Some(7));
    let mut met: Vec<Option<(usize, usize)>> = vec![None; block.len() - 1];
    if let Some(col) = actual_col {
        for (n, row) in block.iter_mut().skip(1).enumerate() {
            if let Some(cell) = row.get_mut(col) {
                if let Some(km) = items_met(cell) {
                    met[n] = Some(km);
                    cell.clear();
                }
            }
        }
    }
    report.indicators.clear();
    let plan = grid::plan(
        report,
        pack,
        List::Indicators,
        &INDICATOR_COLUMNS,
        &block,
        (0, 0),
        &assign,
    );
    for c in plan.changes.iter().filter(|c| c.error.is_some()) {
        missed.push(format!(
            "{place}第 {} 个指标的“{}”：{}",
            c.row + 1,
            INDICATOR_COLUMNS[c.column].label(),
            c.error.as_deref().unwrap_or_default()
        ));
    }
    // the rows built directly (a paste's edit finds each row by id: quadratic at 5000 rows);
    // each cell is set as the paste sets it, one a field refuses left blank
    let rows = plan.changes.iter().map(|c| c.row + 1).max().unwrap_or(0);
    let mut built: Vec<crate::model::Indicator> = (0..rows)
        .map(|n| crate::model::Indicator {
            id: format!("ind-{}", n + 1),
            ..Default::default()
        })
        .collect();
    for c in &plan.changes {
        if let crate::file::table::ColumnKey::Indicator(f) = INDICATOR_COLUMNS[c.column].key {
            let _ = f.set(&mut built[c.row], &c.after);
        }
    }
    // 一级 and 二级 left blank run on from the row above, as in a table with merged cells
    for n in 1..built.len() {
        for f in [IndicatorField::Level1, IndicatorField::Level2] {
            if f.get(&built[n]).is_empty() {
                let above = f.get(&built[n - 1]);
                let _ = f.set(&mut built[n], &above);
            }
        }
    }
    report.indicators = built;
    // without a 指标性质 column, a row's nature is what its target says: "≤5%", a word (高)
    let has_nature = h.map.columns.contains(&Some(3));
    for row in report.indicators.iter_mut().filter(|_| !has_nature) {
        let t = row.target.0.trim();
        // a word (高, 较好, 达标) rather than a figure
        let word = |w: &str| {
            !w.is_empty()
                && (pack.qualitative.iter().any(|g| g.label == w)
                    || !w.chars().any(|c| c.is_ascii_digit()))
        };
        row.nature = if word(t) || (t.is_empty() && word(row.actual.0.trim())) {
            Nature::Qualitative
        } else {
            let sign: String = t.chars().take_while(|c| !c.is_ascii_digit()).collect();
            Nature::read(sign.trim()).unwrap_or(Nature::Ge)
        };
    }
    // a row the framework knows takes its rule; the others score by their nature
    for (n, row) in report.indicators.iter_mut().enumerate() {
        row.core = cores.get(n).copied().unwrap_or(false);
        match pack.indicators.iter().find(|t| t.level3 == row.level3) {
            Some(t) => {
                row.rule = t.rule.clone();
                row.link = t.link;
                row.criterion = t.criterion.clone();
                row.core |= t.core;
            }
            None if row.nature == Nature::Qualitative => {
                row.rule = Rule::Grade {
                    ladder: pack.qualitative.clone(),
                }
            }
            None => row.rule = Rule::Ratio,
        }
        // every item met: all ticked (which of fewer were met, the file does not say)
        if let (Rule::Checklist { items, .. }, Some(Some((k, of)))) = (&row.rule, met.get(n)) {
            if k == of && *of == items.len() {
                row.checked = items.clone();
            }
        }
    }
    *report = super::links::adopted(report.clone(), pack);
    // the file's score stands where the rule gives another
    let e = evaluate(report, pack);
    for (n, file) in file_scores.iter().enumerate() {
        let (Some(file), Some(row)) = (file, report.indicators.get(n)) else {
            continue;
        };
        let ruled = e.indicator(&row.id).and_then(|i| i.score);
        if ruled.is_some_and(|r| (r - file).abs() < Decimal::new(1, 2)) {
            continue;
        }
        let said = ruled.map_or("无法计算".to_string(), |r| format!("为 {}", fmt2(r)));
        missed.push(format!(
            "{place}第 {} 个指标“{}”：文件中的得分 {} 与按规则计算的得分（{said}）不同，已按文件得分记为手填得分（检查结果中一并列出）",
            n + 1,
            row.level3,
            fmt_plain(*file)
        ));
        let row = &mut report.indicators[n];
        row.imported_rule = Some(std::mem::replace(&mut row.rule, Rule::Manual));
        row.manual_score = Figure::new(fmt_plain(*file));
    }
    if let Some(t) = file_total {
        let now = evaluate(report, pack).total;
        if (now - t).abs() >= Decimal::new(1, 2) {
            missed.push(format!(
                "{place}：文件中的总分 {} 与按本工具计算的 {} 不同，请核对",
                fmt_plain(t),
                fmt2(now)
            ));
        }
    }
    Some(IndicatorTable {
        rows: report.indicators.len(),
        unplaced,
    })
}

/// "符合 5/5 项" → (5, 5).
fn items_met(text: &str) -> Option<(usize, usize)> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (k, of) = t
        .strip_prefix("符合")?
        .strip_suffix('项')?
        .split_once('/')?;
    Some((k.parse().ok()?, of.parse().ok()?))
}

/// Which budget row a name is: a funding source or a use; `None` for a total.
fn kind_of(name: &str) -> Option<(List, BudgetKind)> {
    let n: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_start_matches("其中")
        .trim_start_matches([':', '：', '、'])
        .to_string();
    if n.is_empty()
        || [
            "合计",
            "总计",
            "小计",
            "资金总额",
            "总额",
            "收入合计",
            "支出合计",
        ]
        .iter()
        .any(|t| n.contains(t))
    {
        return None;
    }
    Some(if n.contains("人员") {
        (List::Uses, BudgetKind::Personnel)
    } else if n.contains("公用") {
        (List::Uses, BudgetKind::Public)
    } else if n.contains("项目") {
        (List::Uses, BudgetKind::Project)
    } else if n.contains("基本支出") {
        (List::Uses, BudgetKind::Personnel)
    } else if n.contains("专户") {
        (List::Sources, BudgetKind::SpecialAccount)
    } else if n.contains("财政") || n.contains("一般公共预算") || n.contains("政府性基金")
    {
        (List::Sources, BudgetKind::Fiscal)
    } else if n.contains("单位资金") || n.contains("事业收入") || n.contains("经营收入")
    {
        (List::Sources, BudgetKind::Unit)
    } else if n.contains("支出") || n.contains("经费") {
        (List::Uses, BudgetKind::Other)
    } else {
        (List::Sources, BudgetKind::Other)
    })
}

/// Whether a table's amounts are in 元: a header or the line above says so.
fn in_yuan(cells: &[&str]) -> bool {
    cells.iter().any(|c| {
        let c: String = c.chars().filter(|c| !c.is_whitespace()).collect();
        (c.contains("（元）")
            || c.contains("(元)")
            || c.contains("单位：元")
            || c.contains("单位:元"))
            && !c.contains("万元")
    })
}

/// Fill the budget block from a budget table in `rows` (rows by source or by use; columns 年初
/// / 全年 / 执行数). `above` is the text before the table (a "单位：元" line). How many rows
/// it filled.
pub fn budget(
    report: &mut Report,
    rows: &[Vec<String>],
    above: &str,
    place: &str,
    found: &mut Vec<String>,
) -> usize {
    // 年初, 全年 or 执行数: at least two of the three figures
    let Some(h) = header(rows, &BUDGET_COLUMNS, &[1, 2, 3], 2) else {
        return 0;
    };
    let figures = h
        .map
        .columns
        .iter()
        .filter(|c| matches!(c, Some(1..=3)))
        .count();
    if figures < 2 {
        return 0;
    }
    let mut context: Vec<&str> = h.cells.iter().map(String::as_str).collect();
    context.push(above);
    for r in rows.iter().take(h.at) {
        context.extend(r.iter().map(String::as_str));
    }
    let yuan = in_yuan(&context);
    let first_figure = h
        .map
        .columns
        .iter()
        .position(|c| matches!(c, Some(1..=3)))
        .unwrap_or(0);
    let name_col = h.map.columns.iter().position(|c| *c == Some(0));
    let mut sources = Vec::new();
    let mut uses = Vec::new();
    for cells in rows.iter().skip(h.at + h.rows) {
        let name = match name_col {
            Some(c) => cells.get(c).cloned().unwrap_or_default(),
            None => cells[..first_figure.min(cells.len())]
                .iter()
                .rev()
                .find(|c| !c.trim().is_empty() && parse_number("", c).ok().flatten().is_none())
                .cloned()
                .unwrap_or_default(),
        };
        let figure = |f: BudgetField| -> String {
            let Some(col) = h.map.columns.iter().position(|c| {
                c.is_some_and(|n| matches!(BUDGET_COLUMNS[n].key, crate::file::table::ColumnKey::Budget(k) if k == f))
            }) else {
                return String::new();
            };
            let text = cells.get(col).map_or("", |s| s.trim());
            match parse_number("", text).ok().flatten() {
                Some(v) if yuan => fmt_plain((v / Decimal::from(10_000)).normalize()),
                Some(v) => fmt_plain(v),
                None => text.to_string(),
            }
        };
        let (initial, adjusted, executed) = (
            figure(BudgetField::Initial),
            figure(BudgetField::Adjusted),
            figure(BudgetField::Executed),
        );
        // a data row has its figures as numbers; a repeated header or the next block has not
        let numeric = [&initial, &adjusted, &executed]
            .iter()
            .any(|t| parse_number("", t).ok().flatten().is_some());
        if !numeric {
            if sources.len() + uses.len() > 0 {
                break;
            }
            continue;
        }
        let Some((list, kind)) = kind_of(&name) else {
            continue;
        };
        let name = name
            .trim()
            .trim_start_matches("其中")
            .trim_start_matches([':', '：', '、'])
            .trim()
            .to_string();
        let (rows, prefix) = if list == List::Uses {
            (&mut uses, "use")
        } else {
            (&mut sources, "src")
        };
        rows.push(BudgetRow {
            id: format!("{prefix}-{}", rows.len() + 1),
            name,
            kind,
            initial: Figure::new(initial),
            adjusted: Figure::new(adjusted),
            executed: Figure::new(executed),
            reason: figure(BudgetField::Reason),
            ..BudgetRow::default()
        });
    }
    let filled = sources.len() + uses.len();
    if filled == 0 {
        return 0;
    }
    found.push(if yuan {
        format!("{place}：预算金额以“元”为单位，已换算为万元")
    } else {
        format!("{place}：预算金额按“万元”读取（表中未注明为“元”）")
    });
    if !sources.is_empty() {
        report.budget.sources = sources;
    }
    if !uses.is_empty() {
        report.budget.uses = uses;
    }
    filled
}

/// Fill the unit's particulars from a form of label and value cells (基本情况表). How many
/// it filled.
pub fn form(report: &mut Report, rows: &[Vec<String>]) -> usize {
    let mut filled = 0;
    for cells in rows {
        for (i, cell) in cells.iter().enumerate() {
            let Some(p) = labels::label_of(cell) else {
                continue;
            };
            // the value: the next cell that is not this label again (a merged label) nor
            // another label
            let value = cells[i + 1..]
                .iter()
                .find(|c| c.trim() != cell.trim())
                .filter(|c| labels::label_of(c).is_none());
            if let Some(v) = value {
                if labels::fill(report, p, v) {
                    filled += 1;
                }
            }
        }
    }
    filled
}

/// Whether a table is a form of particulars (two labels or more).
pub fn is_form(rows: &[Vec<String>]) -> bool {
    rows.iter()
        .flatten()
        .filter(|c| labels::label_of(c).is_some())
        .count()
        >= 2
}

/// A table nothing else took, as text lines the user can see and delete.
pub fn as_text(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|r| {
            let mut cells: Vec<&str> = Vec::new();
            for c in r.iter().map(|c| c.trim()) {
                // a merged cell's text once
                if cells.last() != Some(&c) {
                    cells.push(c);
                }
            }
            cells.join(" | ")
        })
        .filter(|l| !l.trim_matches([' ', '|']).is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

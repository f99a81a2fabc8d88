//! The tables as a spreadsheet: one line per row, the columns the forms use, computed cells
//! read-only, keyboard moves as in Excel, and paste of a block from Excel or WPS with a
//! preview. What a paste does is planned and applied by the core (`grid`); this file renders
//! the cells and dispatches.

use leptos::prelude::*;
use selfeval_core::app::grid::{self, Plan};
use selfeval_core::base::number::fmt_percent;
use selfeval_core::base::NOT_YET;
use selfeval_core::edit::Edit;
use selfeval_core::file::table::{self, CellKind, Column, ColumnKey};
use selfeval_core::model::field::{Field, IndicatorField};
use selfeval_core::model::rule::Nature;
use selfeval_core::model::List;
use wasm_bindgen::JsCast;

use super::lists::ids;
use crate::components::keyed;
use crate::state::{IndicatorRows, Layout, Session};
use crate::web::focus::focus;

/// A computed, read-only column: its header and, per row id, the signal of its text.
#[derive(Clone, Copy)]
pub struct Computed {
    pub label: &'static str,
    pub cell: fn(Session, &str) -> Signal<String>,
}

/// What a cell shows: its text, where a computed one comes from (read-only then), its hint,
/// and the datalist it offers.
struct CellSignals {
    value: Signal<String>,
    computed: Signal<Option<&'static str>>,
    hint: Signal<String>,
    words: Signal<Option<&'static str>>,
}

/// A cell's text, whether it is computed (read-only), and its hint (a row the framework left to
/// be named shows "（请填写数量指标）" in its empty 三级指标): an indicator's from its row's own
/// signals (a keystroke elsewhere does not reach it, see `state::settled`), a linked row's
/// 完成值 being the rate its link computes, as on its card; a budget row's from the draft
/// (there are few).
fn cell_value(
    session: Session,
    spec: &Column,
    field: &selfeval_core::model::field::Field,
    id: &str,
) -> CellSignals {
    match spec.key {
        ColumnKey::Indicator(f) => {
            let signals = expect_context::<IndicatorRows>().of(id);
            let (row, rate) = (signals.row, signals.linked);
            // where a computed cell's figure comes from
            let computed = Signal::derive(move || {
                row.with(|r| r.link.filter(|_| f == IndicatorField::Actual))
                    .map(|l| l.label())
            });
            let value = Signal::derive(move || {
                if computed.with(Option::is_some) {
                    rate.get().map_or(NOT_YET.into(), fmt_percent)
                } else {
                    row.with(|r| f.get(r))
                }
            });
            let hint = Signal::derive(move || {
                row.with(|r| {
                    (f == IndicatorField::Level3)
                        .then(|| r.hint())
                        .flatten()
                        .unwrap_or_default()
                        .to_string()
                })
            });
            // a 定性 row's 完成值 offers the pack's words
            let words = Signal::derive(move || {
                (f == IndicatorField::Actual
                    && row.with(|r| r.nature == Nature::Qualitative && r.link.is_none()))
                .then_some(WORDS_LIST)
            });
            CellSignals {
                value,
                computed,
                hint,
                words,
            }
        }
        ColumnKey::Budget(_) => CellSignals {
            value: crate::components::fields::value_of(session, field),
            computed: Signal::from(None),
            hint: Signal::from(String::new()),
            words: Signal::from(None),
        },
    }
}

/// A paste waiting for the user's yes, with what it would do.
#[derive(Clone)]
struct Pending {
    block: Vec<Vec<String>>,
    row: usize,
    column: usize,
    plan: Plan,
    assign: Vec<(usize, Option<usize>)>,
}

/// The cell (row, column) an element is, from its data attributes.
fn cell_of(el: &web_sys::Element) -> Option<(usize, usize)> {
    let row = el.get_attribute("data-row")?.parse().ok()?;
    let col = el.get_attribute("data-col")?.parse().ok()?;
    Some((row, col))
}

/// The grid cell an event happened in (an input, or the 性质 choice), and which cell it is.
fn cell_el(ev: &web_sys::Event) -> Option<(web_sys::HtmlElement, (usize, usize))> {
    let el = ev.target()?.dyn_into::<web_sys::HtmlElement>().ok()?;
    let cell = cell_of(&el)?;
    Some((el, cell))
}

/// A cell's text: an input's, or the 性质 choice's.
fn cell_text(el: &web_sys::Element) -> String {
    match el.dyn_ref::<web_sys::HtmlInputElement>() {
        Some(i) => i.value(),
        None => el
            .dyn_ref::<web_sys::HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default(),
    }
}

/// Put `text` back in a cell (an input keeps it selected, so typing replaces it).
fn set_cell_text(el: &web_sys::Element, text: &str) {
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.set_value(text);
        i.select();
    } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.set_value(text);
    }
}

/// Focus a cell with its text selected, so typing replaces it (as in Excel).
fn focus_cell(table: &web_sys::Element, row: usize, col: usize) {
    let sel = format!("[data-row=\"{row}\"][data-col=\"{col}\"]");
    if let Ok(Some(el)) = table.query_selector(&sel) {
        focus(&el);
        if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            input.select();
        }
    }
}

/// A grid row's height (CSS px) as the stylesheet draws it, until one is measured on the
/// first scroll (measuring at once would lay the page out while it is still being built).
const ROW_PX: i32 = 30;

/// The row a field is in, for the lists a grid shows.
fn row_id(field: &Field) -> Option<&str> {
    match field {
        Field::Indicator { id, .. } | Field::Budget { id, .. } => Some(id),
        _ => None,
    }
}

/// The drawn rows' average height in `table` (rows differ by a few pixels: a computed cell, a
/// select), from the first drawn row's top to the last one's bottom.
fn row_height(table: &web_sys::Element, shown: &std::ops::Range<usize>) -> Option<i32> {
    let row = |n: usize| html_at(table, &format!("tbody tr[aria-rowindex=\"{}\"]", n + 2));
    let (first, last) = (row(shown.start)?, row(shown.end.checked_sub(1)?)?);
    let span = last.offset_top() + last.offset_height() - first.offset_top();
    let n = shown.len() as i32;
    (span > 0).then(|| (span + n / 2) / n)
}

/// The first element in `within` matching `selector`, as an HTML element.
fn html_at(within: &web_sys::Element, selector: &str) -> Option<web_sys::HtmlElement> {
    within
        .query_selector(selector)
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// The offset height of the first element in `within` matching `selector`.
fn height_of(within: &web_sys::Element, selector: &str) -> Option<i32> {
    html_at(within, selector).map(|e| e.offset_height())
}

/// The datalist of the pack's 定性 words, offered in a 定性 row's 完成值 cell.
const WORDS_LIST: &str = "grid-words";

/// The grid of `list` with `columns` (editable) and `computed` (read-only) columns; `detail`
/// draws the selected row's other settings (rule, ticks) below the table.
#[component]
pub fn Grid(
    list: List,
    columns: &'static [Column],
    computed: Computed,
    #[prop(optional)] detail: Option<fn(String) -> AnyView>,
    add: &'static str,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let rows = ids(session, list);
    let table = NodeRef::<leptos::html::Table>::new();
    let scroller = NodeRef::<leptos::html::Div>::new();
    // the rows drawn (`grid::drawn`: what the scroll box shows and a margin), and one row's
    // height, measured once on the first scroll; the rows above and below are two spacers
    // before the first measurement, the box is taken as its most (70% of the window's
    // height): a tall window shows no empty rows until it is scrolled
    let box_px = (crate::web::window_height() * 0.7) as i32;
    let drawn = RwSignal::new(grid::drawn(0, box_px, ROW_PX));
    let row_px = RwSignal::new(ROW_PX);
    let measured = StoredValue::new(false);
    let shown = Memo::new(move |_| {
        let w = drawn.get();
        let n = rows().len();
        // rows removed below a scrolled window: the last rows, until the box scrolls back
        let start = w.start.min(n.saturating_sub(w.len()));
        start..(start + w.len()).min(n)
    });
    // the window from where the box is scrolled
    let follow = move || {
        let (Some(b), Some(t)) = (scroller.get_untracked(), table.get_untracked()) else {
            return;
        };
        // once: measured again as the window moves, the spacers would change height under
        // the user's eyes
        if !measured.get_value() {
            if let Some(h) = row_height(&t, &shown.get_untracked()) {
                measured.set_value(true);
                if h != row_px.get_untracked() {
                    row_px.set(h);
                }
            }
        }
        let head = height_of(&t, "thead").unwrap_or(0);
        let next = grid::drawn(
            b.scroll_top() - head,
            b.client_height(),
            row_px.get_untracked(),
        );
        if next != drawn.get_untracked() {
            drawn.set(next);
        }
    };
    // draw the rows around `row` where it is not drawn, and scroll the box there (to its
    // middle). The window is set from the row, not read back from the box: a box out of sight
    // is not laid out (`content-visibility`) and may not scroll yet; focusing the cell scrolls
    // it, and the window follows.
    let show = move |row: usize| {
        if drawn.get_untracked().contains(&row) {
            return;
        }
        let b = scroller.get_untracked();
        let view = b.as_ref().map_or(0, |b| b.client_height());
        let px = row_px.get_untracked();
        let top = row as i32 * px - view / 2;
        drawn.set(grid::drawn(top, view, px));
        if let (Some(b), Some(t)) = (b, table.get_untracked()) {
            b.set_scroll_top(height_of(&t, "thead").unwrap_or(0) + top.max(0));
        }
    };
    // focus a cell, drawing its row first where it is not
    let focus_at = move |row: usize, col: usize| {
        let Some(tbl) = table.get_untracked() else {
            return;
        };
        if drawn.get_untracked().contains(&row) {
            focus_cell(&tbl, row, col);
        } else {
            show(row);
            request_animation_frame(move || focus_cell(&tbl, row, col));
        }
    };
    // a finding or comment on a row of this grid: scroll to it (the finding focuses the cell).
    // Only the jump wakes this (an added row must not scroll back to an old finding), and the
    // grid that takes it clears it.
    if let Some(layout) = use_context::<Layout>() {
        Effect::new(move |_| {
            let at = layout.jump.with(|f| {
                let id = f.as_ref().and_then(row_id)?;
                untrack(rows).iter().position(|r| r == id)
            });
            if let Some(row) = at {
                show(row);
                layout.jump.set(None);
            }
        });
    }
    let selected: RwSignal<Option<String>> = RwSignal::new(None);
    // the value a cell had when it was entered: Esc puts it back
    let entered: StoredValue<Option<(String, String)>> = StoredValue::new(None);
    // editing inside a cell (F2, a double click, a click in the focused cell): the arrows move
    // the caret; otherwise they move to the next cell at once, as in Excel
    let editing = StoredValue::new(false);
    let pending: RwSignal<Option<Pending>> = RwSignal::new(None);
    let copied = RwSignal::new(None::<String>);
    // a range of cells: from the cell with the focus to `reach` (Shift+arrows, Shift+click)
    let at: RwSignal<Option<(usize, usize)>> = RwSignal::new(None);
    let reach: RwSignal<Option<(usize, usize)>> = RwSignal::new(None);
    // `reach` is read first: while no range is selected, moving the focus (`at`) wakes none of
    // the cells (300 rows are 3,000 of them)
    let range = move || -> Option<((usize, usize), (usize, usize))> {
        let b = reach.get()?;
        let a = at.get()?;
        Some(((a.0.min(b.0), a.1.min(b.1)), (a.0.max(b.0), a.1.max(b.1))))
    };
    // the row whose menu is open (right click on its number)
    let menu: RwSignal<Option<usize>> = RwSignal::new(None);

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let Some((el, (row, col))) = cell_el(&ev) else {
            return;
        };
        let all = rows();
        let n = all.len();
        let input = el.dyn_ref::<web_sys::HtmlInputElement>().cloned();
        let caret = input
            .as_ref()
            .and_then(|i| i.selection_start().ok().flatten())
            .unwrap_or(0);
        let len = input
            .as_ref()
            .map_or(0, |i| i.value().chars().count() as u32);
        let caret_end = input
            .as_ref()
            .and_then(|i| i.selection_end().ok().flatten())
            .unwrap_or(0);
        let free = !editing.get_value();
        let id = all.get(row).cloned();
        // Shift+arrows widen the range; the focus stays where it began
        if ev.shift_key() && !ev.alt_key() {
            let (r0, c0) = reach.get_untracked().unwrap_or((row, col));
            let to = match ev.key().as_str() {
                "ArrowUp" => Some((r0.saturating_sub(1), c0)),
                "ArrowDown" => Some(((r0 + 1).min(n.saturating_sub(1)), c0)),
                "ArrowLeft" => Some((r0, c0.saturating_sub(1))),
                "ArrowRight" => Some((r0, (c0 + 1).min(columns.len() - 1))),
                _ => None,
            };
            if let Some(to) = to {
                ev.prevent_default();
                reach.set(Some(to));
                return;
            }
        }
        if ev.key().starts_with("Arrow") || ev.key() == "Enter" {
            reach.set(None);
        }
        match ev.key().as_str() {
            // Delete on a selected range empties its cells, as one undo step; on one cell it
            // edits the text as usual
            "Delete" | "Backspace" if !ev.alt_key() && reach.get_untracked().is_some() => {
                if let (Some(from), Some(to)) = (at.get_untracked(), reach.get_untracked()) {
                    ev.prevent_default();
                    let edit = session.report.with_untracked(|r| {
                        let plan = grid::clear(r, list, columns, from, to);
                        (!plan.changes.is_empty()).then(|| grid::edit(r, &plan, columns))
                    });
                    if let Some(edit) = edit {
                        session.edit(edit);
                    }
                }
            }
            // rows from the keyboard: Alt+Insert adds below, Alt+Delete removes, Alt+↑/↓ moves
            "Insert" if ev.alt_key() => {
                ev.prevent_default();
                session.edit(Edit::Add { list, after: id });
            }
            "Delete" if ev.alt_key() => {
                ev.prevent_default();
                if let Some(id) = id {
                    session.edit(Edit::Remove { list, id });
                }
            }
            "ArrowUp" | "ArrowDown" if ev.alt_key() => {
                ev.prevent_default();
                if let Some(id) = id {
                    let by = if ev.key() == "ArrowUp" { -1 } else { 1 };
                    session.edit(Edit::Move { list, id, by });
                    let to = if by < 0 {
                        row.saturating_sub(1)
                    } else {
                        (row + 1).min(n - 1)
                    };
                    request_animation_frame(move || focus_at(to, col));
                }
            }
            "ArrowUp" => {
                ev.prevent_default();
                focus_at(row.saturating_sub(1), col);
            }
            "ArrowDown" => {
                ev.prevent_default();
                focus_at((row + 1).min(n.saturating_sub(1)), col);
            }
            "Enter" => {
                ev.prevent_default();
                if ev.shift_key() {
                    focus_at(row.saturating_sub(1), col);
                } else if row + 1 >= n {
                    // Enter on the last row adds one, as the next line of a sheet
                    session.edit(Edit::Add { list, after: id });
                    request_animation_frame(move || focus_at(row + 1, col));
                } else {
                    focus_at(row + 1, col);
                }
            }
            "ArrowLeft" if col > 0 && (free || (caret == 0 && caret_end == 0)) => {
                ev.prevent_default();
                focus_at(row, col - 1);
            }
            "ArrowRight" if col + 1 < columns.len() && (free || caret >= len) => {
                ev.prevent_default();
                focus_at(row, col + 1);
            }
            "Escape" => {
                if let Some((path, before)) = entered.get_value() {
                    if let Ok(field) = path.parse() {
                        session.set(&field, before.clone());
                        set_cell_text(&el, &before);
                        editing.set_value(false);
                    }
                }
            }
            "F2" => {
                ev.prevent_default();
                editing.set_value(true);
                if let Some(i) = &input {
                    let _ = i.set_selection_range(len, len);
                }
            }
            _ => {}
        }
    };

    let on_focusin = move |ev: web_sys::FocusEvent| {
        let Some((el, (row, col))) = cell_el(&ev) else {
            return;
        };
        if let Some(path) = el.get_attribute("data-path") {
            selected.set(rows().get(row).cloned());
            entered.set_value(Some((path, cell_text(&el))));
            editing.set_value(false);
            at.set(Some((row, col)));
        }
    };

    let on_paste = move |ev: web_sys::ClipboardEvent| {
        let Some(data) = ev.clipboard_data() else {
            return;
        };
        let text = data.get_data("text/plain").unwrap_or_default();
        let html = data.get_data("text/html").ok().filter(|h| !h.is_empty());
        let block = table::clipboard_block(&text, html.as_deref());
        // one cell pastes as typing does
        if block.len() <= 1 && block.first().is_none_or(|r| r.len() <= 1) {
            return;
        }
        let Some((row, column)) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| cell_of(&el))
        else {
            return;
        };
        ev.prevent_default();
        let plan = session.report.with_untracked(|r| {
            session
                .pack
                .with_untracked(|p| grid::plan(r, p, list, columns, &block, (row, column), &[]))
        });
        pending.set(Some(Pending {
            block,
            row,
            column,
            plan,
            assign: Vec::new(),
        }));
    };

    // Ctrl+C over a range: its cells as tab-separated rows, numbers as numbers
    let on_copy = move |ev: web_sys::ClipboardEvent| {
        let Some(((r0, c0), (r1, c1))) = range() else {
            return;
        };
        if (r0, c0) == (r1, c1) {
            return;
        }
        let Some(data) = ev.clipboard_data() else {
            return;
        };
        ev.prevent_default();
        let tsv = session
            .report
            .with_untracked(|r| grid::copy_tsv(r, list, columns, r0..r1 + 1, c0..c1 + 1));
        let _ = data.set_data("text/plain", &tsv);
        copied.set(Some(format!(
            "已复制 {} 行 × {} 列",
            r1 - r0 + 1,
            c1 - c0 + 1
        )));
    };
    let on_mousedown = move |ev: web_sys::MouseEvent| {
        if !ev.shift_key() {
            reach.set(None);
            // a click on another cell selects it whole, so typing replaces it; a click in the
            // focused cell (or a double click) edits inside it
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some((row, col)) = cell_of(&input) else {
                return;
            };
            let focused = document()
                .active_element()
                .is_some_and(|a| a == *input.unchecked_ref::<web_sys::Element>());
            if focused || ev.detail() > 1 {
                editing.set_value(true);
            } else if let Some(tbl) = table.get_untracked() {
                ev.prevent_default();
                focus_cell(&tbl, row, col);
            }
            return;
        }
        let Some(cell) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| cell_of(&el))
        else {
            return;
        };
        if at.get_untracked().is_some() {
            // keep the focus where the range began
            ev.prevent_default();
            reach.set(Some(cell));
        }
    };

    // the focused cell's problem, in words, under the table's header
    let cell_error = move || {
        let (row, col) = at.get()?;
        let spec = columns.get(col)?;
        let id = rows().get(row)?.clone();
        let text = session
            .report
            .with(|r| r.get(&spec.field(list, &id)))
            .unwrap_or_default();
        let error = match spec.kind {
            CellKind::Number | CellKind::Measure => {
                session.pack.with(|p| spec.read(&text, &p.qualitative).1)
            }
            _ => None,
        }?;
        Some(format!("第 {} 行 · {}：{error}", row + 1, spec.label()))
    };

    let copy = move |_| {
        let n = rows().len();
        let tsv = session
            .report
            .with_untracked(|r| grid::copy_tsv(r, list, columns, 0..n, 0..columns.len()));
        let clipboard = window().navigator().clipboard();
        let _ = clipboard.write_text(&tsv);
        copied.set(Some(format!("已复制 {n} 行，可直接粘贴到 Excel 或 WPS")));
    };

    let header = columns
        .iter()
        .map(|c| view! { <th scope="col" class=format!("c-{}", c.key_name())>{c.label()}</th> })
        .collect_view();
    let row_view = move |(n, id): (usize, String)| {
        // the columns of the range in this row: a cell wakes only when its row's part changes
        let row_cols = Memo::new(move |_| {
            range().and_then(|((r0, c0), (r1, c1))| (r0..=r1).contains(&n).then_some((c0, c1)))
        });
        let cells = columns
            .iter()
            .enumerate()
            .map(|(col, spec)| {
                let field = spec.field(list, &id);
                let path = field.to_string();
                let CellSignals {
                    value,
                    computed,
                    hint,
                    words,
                } = cell_value(session, spec, &field, &id);
                let error = Memo::new(move |_| {
                    value.with(|v| match spec.kind {
                        _ if computed.with(Option::is_some) => None,
                        // a 定性 word of the pack (好, 达标) is a result, as in the cards
                        CellKind::Number | CellKind::Measure => {
                            session.pack.with(|p| spec.read(v, &p.qualitative).1)
                        }
                        _ => None,
                    })
                });
                let f2 = field.clone();
                let inside = move || {
                    row_cols
                        .get()
                        .is_some_and(|(c0, c1)| (c0..=c1).contains(&col))
                };
                let cell = if spec.kind == CellKind::Nature {
                    // a choice: the arrows still move between cells (see on_keydown)
                    let options = Nature::ALL.map(|nature| {
                        let symbol = nature.symbol();
                        view! { <option value=symbol selected=move || value.with(|v| v == symbol)>{symbol}</option> }
                    });
                    view! {
                        <select class="cell" data-path=path data-row=n data-col=col aria-label=spec.label()
                            on:change=move |ev| session.set(&f2, event_target_value(&ev))>{options}</select>
                    }
                    .into_any()
                } else {
                    view! {
                        <input class="cell" data-path=path data-row=n data-col=col
                            aria-label=spec.label() readonly=move || computed.with(Option::is_some)
                            title=move || error.get().or_else(|| computed.get().map(String::from)).unwrap_or_default()
                            aria-invalid=move || error.with(Option::is_some).to_string()
                            list=move || words.get()
                            prop:value=move || value.get() placeholder=move || hint.get()
                            on:input=move |ev| session.set(&f2, event_target_value(&ev))/>
                    }
                    .into_any()
                };
                view! {
                    <td class=format!("c-{}", spec.key_name())
                        class:invalid=move || error.with(Option::is_some) class:in-range=inside
                        class:computed=move || computed.with(Option::is_some)>
                        {cell}
                    </td>
                }
            })
            .collect_view();
        let shown = (computed.cell)(session, &id);
        let sel = id.clone();
        view! {
            <tr aria-rowindex=n + 2 class:selected=move || selected.with(|s| s.as_deref() == Some(sel.as_str()))>
                <th scope="row" class="rownum" title="右键：插入、移动、删除本行"
                    on:contextmenu=move |ev| { ev.prevent_default(); menu.set(Some(n)); }>
                    {n + 1}
                    {move || (menu.get() == Some(n)).then(|| view! { <RowMenu list=list row=n menu=menu/> })}
                </th>
                {cells}
                <td class="computed" data-computed=id.clone()>{move || shown.get()}</td>
                <td class="tools"><super::RowTools list=list id=id.clone()/></td>
            </tr>
        }
    };
    let numbered = move || {
        let s = shown.get();
        rows()
            .into_iter()
            .enumerate()
            .skip(s.start)
            .take(s.len())
            .collect::<Vec<_>>()
    };
    // the rows not drawn, above and below, as one empty row of their height each
    let span = columns.len() + 3;
    let gap = move |rows: usize| {
        (rows > 0).then(|| {
            let height = format!("{}px", rows as i32 * row_px.get());
            view! { <tr class="gap" aria-hidden="true"><td colspan=span style:height=height></td></tr> }
        })
    };
    let gap_above = move || gap(shown.get().start);
    let gap_below = move || gap(rows().len().saturating_sub(shown.get().end));

    view! {
        <div class="grid-wrap">
            <div class="grid-bar">
                <span class="hint">"选中单元格后直接输入即替换，双击或 F2 在格内修改；方向键移动，Enter 下移（最后一行新增一行），Esc 撤销本格修改，Shift+方向键或 Shift+点击选取区域后 Ctrl+C 复制、Delete 清空；Alt+Insert 插入行，Alt+Delete 删除行，Alt+↑/↓ 移动行，右键行号有菜单；可从 Excel/WPS 粘贴整块（含表头）。"</span>
                <button type="button" class="copy-grid" on:click=copy>"复制全表"</button>
                <span class="note" role="status">{move || copied.get()}</span>
            </div>
            <p class="cell-error parse-error" role="alert">{cell_error}</p>
            {(list == List::Indicators).then(|| view! {
                <datalist id=WORDS_LIST>
                    {move || session.pack.with(|p| p.qualitative.iter().map(|w| view! { <option value=w.label.clone()/> }).collect_view())}
                </datalist>
            })}
            <div class="grid-scroll" node_ref=scroller on:scroll=move |_| follow()>
                <table class="sheet-grid" node_ref=table data-list=list.prefix()
                    aria-rowcount=move || rows().len() + 1
                    on:keydown=on_keydown on:focusin=on_focusin on:paste=on_paste
                    on:copy=on_copy on:mousedown=on_mousedown>
                    <thead><tr><th class="rownum">"#"</th>{header}<th>{computed.label}</th><th></th></tr></thead>
                    <tbody>
                        {gap_above}
                        {keyed(numbered, |(n, id)| (*n, id.clone()), row_view)}
                        {gap_below}
                    </tbody>
                </table>
            </div>
            <button type="button" class="add"
                on:click=move |_| { session.edit(Edit::Add { list, after: None }); }>{add}</button>
            {move || pending.get().map(|p| view! { <PastePreview p=p columns=columns list=list pending=pending/> })}
            {move || {
                let id = selected.get()?;
                let detail = detail?;
                rows().contains(&id).then(|| view! { <div class="grid-detail">{detail(id)}</div> })
            }}
        </div>
    }
}

/// What a paste will change, before it does: counts, flagged cells, headers to place.
#[component]
fn PastePreview(
    p: Pending,
    columns: &'static [Column],
    list: List,
    pending: RwSignal<Option<Pending>>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let plan = p.plan.clone();
    let changes = plan.changes.len();
    let rows: std::collections::BTreeSet<usize> = plan.changes.iter().map(|c| c.row).collect();
    let summary = format!(
        "将修改 {} 行中的 {changes} 个单元格{}{}。",
        rows.len(),
        if plan.added > 0 {
            format!("，新增 {} 行", plan.added)
        } else {
            String::new()
        },
        match plan.flagged() {
            0 => String::new(),
            n => format!("；其中 {n} 个单元格无法识别，将保留原文并标出"),
        }
    );
    let computed = plan
        .header
        .as_ref()
        .filter(|h| !h.computed.is_empty())
        .map(|h| format!("“{}”由本工具计算，粘贴的值不导入。", h.computed.join("、")));
    // headers it could not place: the user chooses (or leaves them out)
    let unknown = plan
        .header
        .as_ref()
        .map(|h| h.unknown.clone())
        .unwrap_or_default();
    let choose = unknown
        .into_iter()
        .map(|(i, name)| {
            let p2 = p.clone();
            let options = std::iter::once(view! { <option value="">"不导入"</option> }.into_any())
                .chain(columns.iter().enumerate().map(|(n, c)| {
                    view! { <option value=n.to_string()>{c.label()}</option> }.into_any()
                }))
                .collect_view();
            view! {
                <label class="field">
                    <span class="field-label">{format!("表头“{name}”对应")}</span>
                    <select data-header=i on:change=move |ev| {
                        let to = event_target_value(&ev).parse::<usize>().ok();
                        let mut next = p2.clone();
                        next.assign.retain(|(k, _)| *k != i);
                        next.assign.push((i, to));
                        next.plan = session.report.with_untracked(|r| {
                            session.pack.with_untracked(|p| {
                                grid::plan(r, p, list, columns, &next.block, (next.row, next.column), &next.assign)
                            })
                        });
                        pending.set(Some(next));
                    }>{options}</select>
                </label>
            }
        })
        .collect_view();
    let shown = plan
        .changes
        .iter()
        .take(50)
        .map(|c| {
            let flagged = c.error.is_some();
            view! {
                <tr class:invalid=flagged>
                    <td>{c.row + 1}</td>
                    <td>{columns[c.column].label()}</td>
                    <td>{c.before.clone()}</td>
                    <td>{c.after.clone()}</td>
                    <td>{c.error.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let more = (changes > 50).then(|| format!("（另有 {} 处未列出）", changes - 50));
    let apply = move |_| {
        if let Some(p) = pending.get_untracked() {
            let pack = session.pack.get_untracked();
            let edit = session
                .report
                .with_untracked(|r| grid::paste(r, &pack, &p.plan, columns));
            // the whole paste is one undo step
            session.edit(edit);
        }
        pending.set(None);
    };
    view! {
        <div class="paste-preview banner info" id="paste-preview" role="dialog" aria-label="粘贴预览">
            <p>{summary}</p>
            {computed.map(|c| view! { <p class="hint">{c}</p> })}
            {choose}
            <table class="grid changes">
                <thead><tr><th>"行"</th><th>"列"</th><th>"原值"</th><th>"新值"</th><th>"问题"</th></tr></thead>
                <tbody>{shown}</tbody>
            </table>
            {more}
            <div class="actions">
                <button type="button" id="paste-apply" class="primary" on:click=apply>"确定粘贴"</button>
                <button type="button" id="paste-cancel" on:click=move |_| pending.set(None)>"取消"</button>
            </div>
        </div>
    }
}

/// The menu of a row (right click on its number): insert, move, delete.
#[component]
fn RowMenu(list: List, row: usize, menu: RwSignal<Option<usize>>) -> impl IntoView {
    let session = expect_context::<Session>();
    let id_at = move |n: usize| {
        session
            .report
            .with_untracked(|r| r.ids(list).get(n).map(|s| s.to_string()))
    };
    let act = move |what: &'static str| {
        move |ev: web_sys::MouseEvent| {
            ev.stop_propagation();
            menu.set(None);
            let Some(id) = id_at(row) else { return };
            match what {
                "above" => {
                    // a row after the one above, or at the top
                    match row.checked_sub(1).and_then(id_at) {
                        Some(prev) => {
                            session.edit(Edit::Add {
                                list,
                                after: Some(prev),
                            });
                        }
                        None => {
                            // at the end, then to the top
                            if let Some(new) = session.edit(Edit::Add { list, after: None }) {
                                let n = session.report.with_untracked(|r| r.ids(list).len());
                                session.edit(Edit::Move {
                                    list,
                                    id: new,
                                    by: -(n as i32),
                                });
                            }
                        }
                    }
                }
                "below" => {
                    session.edit(Edit::Add {
                        list,
                        after: Some(id),
                    });
                }
                "up" => {
                    session.edit(Edit::Move { list, id, by: -1 });
                }
                "down" => {
                    session.edit(Edit::Move { list, id, by: 1 });
                }
                _ => {
                    session.edit(Edit::Remove { list, id });
                }
            }
        }
    };
    view! {
        <div class="row-menu" role="menu" on:mouseleave=move |_| menu.set(None)>
            <button type="button" role="menuitem" class="menu-above" on:click=act("above")>"在上方插入行"</button>
            <button type="button" role="menuitem" class="menu-below" on:click=act("below")>"在下方插入行"</button>
            <button type="button" role="menuitem" class="menu-up" on:click=act("up")>"上移"</button>
            <button type="button" role="menuitem" class="menu-down" on:click=act("down")>"下移"</button>
            <button type="button" role="menuitem" class="menu-remove danger" on:click=act("remove")>"删除行（可撤销）"</button>
        </div>
    }
}

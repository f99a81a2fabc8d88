//! A file whose draft is already here: open it as a new draft, let it replace the draft, or
//! merge it in, part by part, with every conflict the user's choice.

use leptos::prelude::*;
use selfeval_core::edit::merge::{diff, Outcome, Piece, Side};

use selfeval_core::file::table::INDICATOR_COLUMNS;

use crate::components::fields::Deliberate;

use crate::state::{Imports, Merging, Preview};

/// A Word report or Excel 自评表 as read: what was found, what was not understood, and the
/// choice to make it a draft. Nothing is stored before the click.
#[component]
fn PreviewView(preview: Preview) -> impl IntoView {
    let imports = expect_context::<Imports>();
    let more = imports.previews.with_untracked(Vec::len).saturating_sub(1);
    let found = preview
        .imported
        .found
        .iter()
        .map(|f| view! { <li>{f.clone()}</li> })
        .collect_view();
    let missed = preview.imported.missed.clone();
    let missed_count = missed.len();
    // a column nothing took: the user says which it is (remembered for the next file)
    let unplaced = preview
        .imported
        .unplaced
        .iter()
        .map(|h| {
            let header = h.clone();
            let options = INDICATOR_COLUMNS
                .iter()
                .map(|c| view! { <option value=c.key_name()>{c.label()}</option> })
                .collect_view();
            // taken on Enter or blur when reached with the arrow keys (each read runs the file again)
            let pick = Deliberate::default();
            let select = NodeRef::<leptos::html::Select>::new();
            let take = move || {
                let Some(el) = select.get_untracked() else { return };
                let (header, key) = (header.clone(), el.value());
                leptos::task::spawn_local(async move { imports.place_column(header, key).await });
            };
            let (t1, t2, t3) = (take.clone(), take.clone(), take);
            view! {
                <label class="field import-column">
                    <span class="field-label">{format!("列“{h}”导入为")}</span>
                    <select data-header=h.clone() node_ref=select
                        on:keydown=move |ev| pick.keydown(&ev, &t1) on:change=move |_| pick.change(&t2)
                        on:blur=move |_| pick.blur(&t3) on:mousedown=move |_| pick.pointer()>
                        <option value="" selected>"（请选择）"</option>
                        <option value="">"不导入"</option>
                        {options}
                    </select>
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="panel import-preview" id="import-preview" role="dialog" aria-labelledby="import-preview-title">
            <h2 id="import-preview-title">{format!("导入预览：{}", preview.file)}</h2>
            <p class="hint">"确认后将新建一份草稿，现有草稿不受影响。得分按“新建”中所选的评价指标体系计算（可换一个后重新导入）；导入后请逐项核对。"</p>
            <h3>"已识别"</h3>
            <ul class="import-found" id="import-found">{found}</ul>
            {(missed_count > 0).then(|| view! {
                <h3>{format!("未能识别或需要核对（{missed_count} 项）")}</h3>
                <ul class="import-missed" id="import-missed">
                    {missed.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            })}
            <div class="import-columns" id="import-columns">{unplaced}</div>
            <div class="banner-actions">
                <button type="button" id="import-confirm" class="primary" on:click=move |_| imports.confirm_preview()>
                    "新建为草稿"</button>
                <button type="button" id="import-drop" on:click=move |_| imports.drop_preview()>"不导入"</button>
            </div>
            {(more > 0).then(|| view! { <p class="hint">{format!("之后还有 {more} 个文件等待确认。")}</p> })}
        </section>
    }
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let imports = expect_context::<Imports>();
    move || {
        if let Some(name) = imports.reading.get() {
            return view! {
                <p class="banner info" id="import-reading" role="status">{format!("正在读取“{name}”…")}</p>
            }
            .into_any();
        }
        if let Some(p) = imports.previews.with(|p| p.first().cloned()) {
            return view! { <PreviewView preview=p/> }.into_any();
        }
        if let Some(m) = imports.merging.get() {
            return view! { <MergeView merging=m/> }.into_any();
        }
        imports
            .waiting
            .with(|w| w.first().cloned())
            .map(|i| {
                let more = imports.waiting.with(Vec::len) - 1;
                if i.unchanged {
                    return view! {
                        <section class="panel import-choice" id="import-choice" role="dialog" aria-label="导入同一份草稿">
                            <h2>"这份文件与本机草稿内容相同"</h2>
                            <p id="import-unchanged">
                                {format!("“{}”与本机的草稿“{}”内容相同，无需合并或替换。", i.file, i.target_name)}
                            </p>
                            <div class="banner-actions">
                                <button type="button" id="import-done" class="primary" on:click=move |_| imports.cancel()>"知道了"</button>
                                <button type="button" id="import-new" on:click=move |_| imports.as_new()>
                                    "仍作为新草稿打开"</button>
                            </div>
                            {(more > 0).then(|| view! { <p class="hint">{format!("之后还有 {more} 个文件等待选择。")}</p> })}
                        </section>
                    }
                    .into_any();
                }
                view! {
                    <section class="panel import-choice" id="import-choice" role="dialog" aria-label="导入同一份草稿">
                        <h2>"这份文件是已有草稿的另一版本"</h2>
                        <p>
                            {format!("“{}”与本机的草稿“{}”是同一份草稿（同一来源）。请选择：", i.file, i.target_name)}
                        </p>
                        <div class="banner-actions">
                            <button type="button" id="import-merge" class="primary" on:click=move |_| imports.merge()>
                                "合并（只改动过一方的部分自动合并，双方都改过的由您选择）"</button>
                            <button type="button" id="import-replace" on:click=move |_| imports.replace()>
                                "替换本机版本（本机版本保留在版本历史中）"</button>
                            <button type="button" id="import-new" on:click=move |_| imports.as_new()>
                                "作为新草稿打开"</button>
                            <button type="button" on:click=move |_| imports.cancel()>"不导入"</button>
                        </div>
                        {(more > 0).then(|| view! { <p class="hint">{format!("之后还有 {more} 个文件等待选择。")}</p> })}
                    </section>
                }
                .into_any()
            })
            .unwrap_or_else(|| ().into_any())
    }
}

/// What a side's text looks like beside the other's: runs only on this side are marked.
fn marked(p: &Piece, side: Side) -> impl IntoView {
    let (mine, theirs) = (p.text(Side::Mine), p.text(Side::Theirs));
    diff(&mine, &theirs)
        .into_iter()
        .filter(|(s, _)| s.is_none() || *s == Some(side))
        .map(|(s, t)| match s {
            None => view! { <span>{t}</span> }.into_any(),
            Some(_) => view! { <mark>{t}</mark> }.into_any(),
        })
        .collect_view()
}

#[component]
fn MergeView(merging: Merging) -> impl IntoView {
    let imports = expect_context::<Imports>();
    let conflicts: Vec<Piece> = merging
        .plan
        .pieces
        .iter()
        .filter(|p| p.outcome == Outcome::Conflict)
        .cloned()
        .collect();
    let automatic: Vec<String> = merging
        .plan
        .pieces
        .iter()
        .filter_map(|p| match p.outcome {
            Outcome::Take(Side::Theirs) => Some(format!("{}（采用对方）", p.label)),
            Outcome::Take(Side::Mine) => Some(format!("{}（保留本机）", p.label)),
            _ => None,
        })
        .collect();
    let total = conflicts.len();
    let decided = move || {
        imports
            .merging
            .with(|m| m.as_ref().map_or(0, |m| m.choices.len()))
    };
    let rows = conflicts
        .into_iter()
        .map(|p| {
            let key = p.key.clone();
            let pick = move |side: Side| {
                let key = key.clone();
                move |_| {
                    imports.merging.update(|m| {
                        if let Some(m) = m {
                            m.choices.insert(key.clone(), side);
                        }
                    })
                }
            };
            let k2 = p.key.clone();
            let chosen = move |side: Side| {
                let k = k2.clone();
                move || {
                    imports
                        .merging
                        .with(|m| m.as_ref().and_then(|m| m.choices.get(&k).copied()) == Some(side))
                }
            };
            view! {
                <div class="merge-conflict" data-key=p.key.clone()>
                    <h3>{p.label.clone()}</h3>
                    <div class="merge-sides">
                        <label class="merge-side" class:chosen=chosen(Side::Mine)>
                            <input type="radio" name=p.key.clone() class="take-mine" on:change=pick(Side::Mine)/>
                            <b>"本机的版本"</b>
                            <div class="merge-text">{marked(&p, Side::Mine)}</div>
                        </label>
                        <label class="merge-side" class:chosen=chosen(Side::Theirs)>
                            <input type="radio" name=p.key.clone() class="take-theirs" on:change=pick(Side::Theirs)/>
                            <b>"文件中的版本"</b>
                            <div class="merge-text">{marked(&p, Side::Theirs)}</div>
                        </label>
                    </div>
                </div>
            }
        })
        .collect_view();
    let base_note = if merging.plan.has_base {
        "与双方上次交换的版本相比："
    } else {
        "找不到双方共同的上一版本，所有不同之处都需要您选择："
    };
    view! {
        <section class="panel merge" id="merge" aria-label="合并">
            <div class="panel-head">
                <h2>{format!("合并“{}”到“{}”", merging.incoming.file, merging.incoming.target_name)}</h2>
                <button type="button" on:click=move |_| imports.cancel()>"放弃合并"</button>
            </div>
            <p class="hint">{base_note}{format!("{} 处冲突需要选择", total)}
                {(!automatic.is_empty()).then(|| format!("；自动合并：{}", automatic.join("、")))}"。"</p>
            {rows}
            <div class="banner-actions">
                <button type="button" id="merge-finish" class="primary"
                    disabled=move || decided() < total
                    on:click=move |_| imports.finish_merge()>
                    {move || format!("完成合并（已选择 {} / {}）", decided(), total)}
                </button>
            </div>
        </section>
    }
}

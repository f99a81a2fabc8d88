//! 汇总: the finance office drops many departments' files at once and gets one sortable table
//! (unit, figures, score, grade, status, comments, findings), downloadable as .csv and .xlsx.
//! Files that cannot be read are listed with their reason. Nothing is stored unless a row is
//! imported.

use leptos::prelude::*;
use selfeval_core::export::csv::table_csv;
use selfeval_core::file::draft;
use selfeval_core::report::batch::{self, COLUMNS};
use wasm_bindgen::JsCast;

use selfeval_core::app::import::{self, Imported};
use selfeval_core::edit::lifecycle::fresh;
use selfeval_core::file::office::limits;
use selfeval_core::Pack;

use crate::components::keyed;
use crate::state::{Batch, Drafts, Library, Nav, Route, VIEW_PREFIX};
use crate::web::clock::{new_id, now_ms};
use crate::web::exporter::Reader;
use crate::web::files::{download, read_bytes, Reading};

/// A department's Excel 自评表 (or Word report) as a row: read by the office module under the
/// first framework (the file's own 得分 stand where its rule would give others, so the
/// published total stays the total).
async fn take_office(
    office: Reader,
    file: web_sys::File,
    packs: &[Pack],
) -> Result<batch::Entry, batch::Refused> {
    let name = file.name();
    let refuse = |reason: String| batch::Refused {
        file: name.clone(),
        reason,
    };
    if file.size() > limits::FILE_BYTES as f64 {
        return Err(refuse("文件过大，超过 30 MB 的导入上限".into()));
    }
    let bytes = read_bytes(file)
        .await
        .map_err(|e| refuse(format!("无法读取：{e}")))?;
    let pack = packs
        .first()
        .ok_or_else(|| refuse("没有可用的评价指标体系".into()))?;
    let json = office
        .import(&bytes, &name, &pack.to_json(), &choices())
        .await
        .map_err(refuse)?;
    let imported = Imported::from_json(&json).map_err(refuse)?;
    let report = fresh(&imported.report, &new_id());
    batch::summarise(&name, report, packs)
}

/// The columns the user placed in an earlier import, as the office module takes them.
fn choices() -> String {
    let c = crate::web::prefs::IMPORT_COLUMNS.get().unwrap_or_default();
    serde_json::to_string(&c).unwrap_or_default()
}

/// How long the files are read between two frames, in ms: the progress is shown about ten
/// times a second, not once per file (200 files made 200 tables).
const SLICE_MS: f64 = 100.0;
/// How often the rows read so far join the table: each time the whole table is laid out
/// again, which on a slow PC took longer than reading the files.
const TABLE_MS: f64 = 600.0;
/// How many bytes of draft files are read at once (one read, `Reading`); two such reads are
/// in flight, so the next files arrive while these are parsed.
const GROUP_BYTES: f64 = 2.0 * 1024.0 * 1024.0;

/// The draft files among `files` (by index), in groups of about [`GROUP_BYTES`] each read at
/// once; Word and Excel files and oversized ones are read on their own turn.
fn groups(files: &[web_sys::File]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut bytes = f64::INFINITY;
    for (i, f) in files.iter().enumerate() {
        if import::is_office(&f.name(), &[]) || f.size() > draft::MAX_FILE_BYTES as f64 {
            continue;
        }
        if bytes + f.size() > GROUP_BYTES {
            groups.push(Vec::new());
            bytes = 0.0;
        }
        bytes += f.size();
        groups.last_mut().expect("a group was opened").push(i);
    }
    groups
}

/// Read the files one by one (the page stays responsive and shows how far it got).
async fn take(batch: Batch, library: Library, office: Reader, files: Vec<web_sys::File>) {
    let packs = library.packs.get_untracked();
    let n = files.len();
    batch.progress.set(Some((0, n)));
    let (mut entries, mut refused) = (Vec::new(), Vec::new());
    let mut slice = now_ms();
    let mut shown = slice;
    let start = |g: Vec<usize>| {
        let picked: Vec<web_sys::File> = g.iter().map(|&i| files[i].clone()).collect();
        (g, Reading::start(&picked))
    };
    let mut plan = groups(&files).into_iter();
    let mut in_flight: std::collections::VecDeque<_> = plan.by_ref().take(2).map(start).collect();
    let mut texts: Vec<Option<Result<String, String>>> = vec![None; n];
    for (i, file) in files.iter().enumerate() {
        let name = file.name();
        // a draft file's group is awaited at its first file; the group after next starts then
        if in_flight
            .front()
            .is_some_and(|(g, _)| g.first() == Some(&i))
        {
            let (g, reading) = in_flight.pop_front().expect("checked");
            in_flight.extend(plan.next().map(start));
            for (j, text) in g.into_iter().zip(reading.texts().await) {
                texts[j] = Some(text);
            }
        }
        let read = if let Some(text) = texts[i].take() {
            match text {
                Ok(text) => batch::read(&name, &text, &packs),
                Err(e) => Err(batch::Refused {
                    file: name.clone(),
                    reason: format!("无法读取：{e}"),
                }),
            }
        } else if import::is_office(&name, &[]) {
            take_office(office, file.clone(), &packs).await
        } else {
            Err(batch::Refused {
                file: name.clone(),
                reason: "文件过大，不是本工具的草稿文件".into(),
            })
        };
        match read {
            Ok(e) => entries.push(e),
            Err(r) => refused.push(r),
        }
        if now_ms() - slice >= SLICE_MS || i + 1 == n {
            if now_ms() - shown >= TABLE_MS || i + 1 == n {
                batch.entries.update(|l| l.append(&mut entries));
                if !refused.is_empty() {
                    batch.refused.update(|l| l.append(&mut refused));
                }
                shown = now_ms();
            }
            batch.progress.set(Some((i + 1, n)));
            // let the page draw
            crate::web::clock::next_turn().await;
            slice = now_ms();
        }
    }
    batch.progress.set(None);
    if let Some((by, desc)) = batch.sort.get_untracked() {
        batch.entries.update(|e| batch::sort(e, by, desc));
    }
}

#[component]
pub fn BatchPage() -> impl IntoView {
    document().set_title("汇总 · 绩效自评");
    let batch = expect_context::<Batch>();
    let library = expect_context::<Library>();
    let drafts = expect_context::<Drafts>();
    let nav = expect_context::<Nav>();
    let message = RwSignal::new(None::<String>);
    let office = expect_context::<Reader>();
    let files = move |list: Option<web_sys::FileList>| {
        let files: Vec<web_sys::File> = list
            .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
            .unwrap_or_default();
        if !files.is_empty() {
            leptos::task::spawn_local(take(batch, library, office, files));
        }
    };
    let pick = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        files(input.files());
        input.set_value("");
    };
    let drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        files(ev.data_transfer().and_then(|d| d.files()));
    };
    let sort_by = move |col: usize| {
        let desc = batch.sort.get_untracked() == Some((col, false));
        batch.sort.set(Some((col, desc)));
        batch.entries.update(|e| batch::sort(e, col, desc));
    };
    let header = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mark = move || match batch.sort.get() {
                Some((col, false)) if col == i => " ▲",
                Some((col, true)) if col == i => " ▼",
                _ => "",
            };
            view! {
                <th><button type="button" class="link sort" data-col=i.to_string() on:click=move |_| sort_by(i)>{*c}{mark}</button></th>
            }
        })
        .collect_view();
    // keyed by place and what the row shows: rows read earlier are left alone while later
    // files come in (an unkeyed list redrew every row ten times a second), and a row whose
    // key is unchanged shows the same cells at the same place, so its buttons stay right
    let rows = move || {
        let drawn = batch.drawn.get();
        batch.entries.with(|e| {
            batch::table(e)
                .rows
                .into_iter()
                .take(drawn)
                .enumerate()
                .map(|(i, r)| (i, r.shown()))
                .collect::<Vec<_>>()
        })
    };
    let row = move |(i, cells): (usize, Vec<String>)| {
        let cells = cells
            .into_iter()
            .map(|c| view! { <td>{c}</td> })
            .collect_view();
        let view_id = format!("{VIEW_PREFIX}{i}");
        view! {
            <tr class="batch-row" aria-rowindex=(i + 2).to_string()>
                {cells}
                <td><div class="actions">
                    <button type="button" class="view" on:click=move |_| nav.go(Route::Draft { id: view_id.clone(), part: None })>"查看"</button>
                    <button type="button" class="import-row" on:click=move |_| {
                        let Some(e) = batch.entries.with_untracked(|l| l.get(i).cloned()) else { return };
                        match drafts.create(&draft::as_imported(e.report, &new_id())) {
                            Ok(_) => message.set(Some(format!("已将“{}”导入为草稿。", e.file))),
                            Err(err) => message.set(Some(err)),
                        }
                    }>"导入"</button>
                </div></td>
            </tr>
        }
    };
    // more rows as the end of the table comes near: on scrolling, and when rows come in or are
    // drawn (a tall window may show all those drawn); every row before the page is printed
    let scrolled = window_event_listener(leptos::ev::scroll, move |_| {
        batch.draw_more_if_near_the_end()
    });
    let printing = window_event_listener_untyped("beforeprint", move |_| {
        batch.drawn.set(batch.entries.with_untracked(Vec::len));
    });
    on_cleanup(move || {
        scrolled.remove();
        printing.remove();
    });
    Effect::new(move |_| {
        batch.entries.track();
        batch.drawn.track();
        request_animation_frame(move || batch.draw_more_if_near_the_end());
    });
    let export_csv = move |_| {
        let text = batch
            .entries
            .with_untracked(|e| table_csv(&batch::table(e)));
        if let Err(e) = download(
            "部门整体支出绩效自评汇总.csv",
            "text/csv;charset=utf-8",
            &text,
        ) {
            message.set(Some(format!("无法导出：{e}")));
        }
    };
    view! {
        <main class="page batch" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=drop>
            <p><a href="#/">"‹ 草稿列表"</a></p>
            <h1>"汇总"</h1>
            <p class="hint">"把各部门的草稿文件（.json）、本工具导出的网页报告（.html），或未使用本工具的部门报来的 Excel 自评表（.xlsx/.xls），一次拖放到本页，或点击选择（可多选）。文件只在本页中汇总，不会保存；需要时可逐行导入。"</p>
            <div class="new-row">
                <label class="button import">
                    "选择文件（可多选）"
                    <input type="file" id="batch-files" multiple accept=".json,.html,.htm,.xlsx,.xls,.et,.ods,.docx,application/json,text/html" on:change=pick/>
                </label>
                <button type="button" id="batch-csv" disabled=move || batch.entries.with(Vec::is_empty) on:click=export_csv>"下载汇总表 (.csv)"</button>
                {xlsx_button(batch, message)}
                <button type="button" id="batch-clear" disabled=move || batch.entries.with(Vec::is_empty) && batch.refused.with(Vec::is_empty)
                    on:click=move |_| { batch.entries.set(Vec::new()); batch.refused.set(Vec::new()); batch.drawn.set(Batch::FIRST_ROWS); }>"清空"</button>
            </div>
            {move || batch.progress.get().map(|(done, of)| view! {
                <p class="hint" id="batch-progress" role="status">{format!("正在读取：{done} / {of}")}</p>
            })}
            {move || message.get().map(|m| view! { <p class="banner info" id="batch-message">{m}</p> })}
            {move || {
                let refused = batch.refused.get();
                (!refused.is_empty()).then(|| view! {
                    <div class="banner error" id="batch-refused" role="alert">
                        <p>{format!("{} 个文件无法汇总：", refused.len())}</p>
                        <ul>{refused.into_iter().map(|r| view! { <li><b>{r.file}</b>"："{r.reason}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            <p id="batch-count">
                {move || format!("共 {} 个部门", batch.entries.with(Vec::len))}
                // the note sits above the table: at its end, the rows added as it comes near
                // would push it away
                {move || {
                    let (total, drawn) = (batch.entries.with(Vec::len), batch.drawn.get());
                    (drawn < total).then(|| view! {
                        <span class="hint" id="batch-more">
                            {format!("（已显示前 {drawn} 行，向下滚动显示更多）")}
                            <button type="button" class="link" id="batch-all" on:click=move |_| batch.drawn.set(total)>"显示全部"</button>
                        </span>
                    })
                }}
            </p>
            <table class="grid batch-table" id="batch-table" aria-rowcount=move || (batch.entries.with(Vec::len) + 1).to_string()>
                <thead><tr aria-rowindex="1">{header}<th></th></tr></thead>
                <tbody>{keyed(rows, |r| r.clone(), row)}</tbody>
            </table>
        </main>
    }
}

/// The 汇总 as .xlsx, built in the exporter module (loaded on first click).
fn xlsx_button(batch: Batch, message: RwSignal<Option<String>>) -> impl IntoView {
    let exporter = expect_context::<crate::web::exporter::Exporter>();
    let export = move |_| {
        let json = batch.entries.with_untracked(|e| batch::table(e).to_json());
        leptos::task::spawn_local(async move {
            let result = exporter.call("tableXlsx", &[json]).await.and_then(|bytes| {
                crate::web::files::download_bytes(
                    "部门整体支出绩效自评汇总.xlsx",
                    crate::components::exports::XLSX_MIME,
                    &bytes,
                )
            });
            if let Err(e) = result {
                message.set(Some(format!("无法导出：{e}")));
            }
        });
    };
    let loading = move || exporter.load.get() == crate::web::exporter::Load::Loading;
    view! {
        <button type="button" id="batch-xlsx" disabled=move || batch.entries.with(Vec::is_empty) || loading() on:click=export>"下载汇总表 (.xlsx)"</button>
    }
}

use leptos::prelude::*;
use selfeval_core::edit::lifecycle::{blank, carry_forward, duplicate, fresh};
use selfeval_core::file::draft;
use selfeval_core::sample;
use selfeval_core::store::{EntryState, Listing};
use wasm_bindgen::JsCast;

mod import;
mod packs;
mod trash;
mod versions;

use import::ImportPanel;
use packs::PacksPanel;
use trash::TrashPanel;
use versions::VersionsPanel;

use crate::components::keyed;
use crate::state::{open_new, Drafts, Imports, Library, Nav, Notice, Parked, Route, Unsaved};
use crate::web::clock::new_id;
use crate::web::files::{download, file_name};

/// The draft whose 版本历史 is open on the home screen.
#[derive(Clone, Copy)]
pub struct ShowVersions(pub RwSignal<Option<String>>);

/// A draft of this page that storage does not have: open it again, download it, or let it go.
#[component]
fn UnsavedRow(parked: Parked) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let unsaved = expect_context::<Unsaved>();
    let id = parked.report.id.clone();
    let name = parked.report.display_name();
    let (open_id, drop_id) = (id.clone(), id.clone());
    let report = parked.report.clone();
    let drop_name = name.clone();
    view! {
        <tr class="unsaved" data-id=id.clone()>
            <td class="name" colspan="6">
                <a class="open" href=Route::Draft { id: id.clone(), part: None }.href()>{name.clone()}</a>
                " "<b class="tag bad">"未保存"</b>
                <p class="hint">{parked.reason.clone()}"。这份草稿只保存在本页中，关闭或刷新页面就会丢失：请下载草稿文件，或在存储恢复后打开它再保存。"</p>
            </td>
            <td><div class="actions">
                <button type="button" class="primary" on:click=move |_| nav.go(Route::Draft { id: open_id.clone(), part: None })>"打开"</button>
                <button type="button" class="download-unsaved" on:click=move |_| {
                    if let Err(e) = download(&file_name(&report.display_name(), "json"), "application/json", &draft::to_json(&report)) {
                        expect_context::<Drafts>().error.set(Some(format!("无法下载：{e}")));
                    }
                }>"下载 (.json)"</button>
                <button type="button" class="danger" on:click=move |_| {
                    let q = format!("放弃“{drop_name}”未保存的修改？此操作无法撤销。");
                    if window().confirm_with_message(&q).unwrap_or(false) {
                        unsaved.discard(&drop_id);
                    }
                }>"放弃修改"</button>
            </div></td>
        </tr>
    }
}

fn current_year() -> u16 {
    // a report is written in the year after the one it covers
    (js_sys::Date::new_0().get_full_year() as u16).saturating_sub(1)
}

#[component]
fn DraftRow(listing: Listing) -> impl IntoView {
    let drafts = expect_context::<Drafts>();
    let nav = expect_context::<Nav>();
    let id = listing.id.clone();
    let renaming = RwSignal::new(false);
    let name = listing
        .meta
        .as_ref()
        .map(|m| m.name.clone())
        .unwrap_or_else(|| id.clone());
    let href = Route::Draft {
        id: id.clone(),
        part: None,
    }
    .href();
    let report_error = move |r: Result<(), String>| {
        if let Err(e) = r {
            drafts.error.set(Some(e));
        }
    };

    if let EntryState::Damaged(why) = &listing.state {
        let raw_id = id.clone();
        let del_id = id.clone();
        return view! {
            <tr class="damaged" data-id=id.clone()>
                <td colspan="6">
                    <b class="tag bad">"已损坏"</b>" "<code>{id.clone()}</code>
                    <p class="hint">{why.clone()}"。原始内容保持不变，可下载后交技术人员修复，或在确认不需要后删除。"</p>
                </td>
                <td><div class="actions">
                    <button type="button" class="download-raw" on:click=move |_| {
                        if let Some(raw) = drafts.raw(&raw_id) {
                            if let Err(e) = download(&file_name(&format!("已损坏的草稿-{raw_id}"), "txt"), "text/plain;charset=utf-8", &raw) {
                                drafts.error.set(Some(format!("无法下载：{e}")));
                            }
                        }
                    }>"下载原始内容"</button>
                    <button type="button" class="danger" on:click=move |_| report_error(drafts.delete(&del_id))>"移到回收站"</button>
                </div></td>
            </tr>
        }
        .into_any();
    }

    let meta = listing.meta.clone().unwrap_or_default();
    let newer = matches!(listing.state, EntryState::Newer(_));
    let show_versions = expect_context::<ShowVersions>();
    let (dup_id, carry_id, del_id, ren_id, bak_id, open_id) = (
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
    );
    let grade = if meta.grade.is_empty() {
        "—".to_string()
    } else {
        meta.grade.clone()
    };
    let findings = if meta.revision == 0 && meta.total.is_empty() {
        "—".to_string()
    } else {
        format!("{} 错误 / {} 提示", meta.errors, meta.warnings)
    };
    let name_for_input = name.clone();
    view! {
        <tr data-id=id.clone()>
            <td class="name">
                <Show when=move || renaming.get() fallback={
                    let href = href.clone();
                    let name = name.clone();
                    move || view! { <a class="open" href=href.clone()>{name.clone()}</a> }
                }>
                    <input type="text" class="rename-input" value=name_for_input.clone()
                        on:keydown={
                            let ren_id = ren_id.clone();
                            move |ev: web_sys::KeyboardEvent| {
                                if ev.key() == "Enter" {
                                    let v = event_target_value(&ev);
                                    report_error(drafts.rename(&ren_id, &v));
                                    renaming.set(false);
                                } else if ev.key() == "Escape" {
                                    renaming.set(false);
                                }
                            }
                        }/>
                </Show>
                {newer.then(|| view! { <b class="tag warn">"较新版本 · 只读"</b> })}
                <span class="tag status" data-status=meta.status.key()>{meta.status.label()}</span>
                {(meta.open_comments > 0).then(|| view! {
                    <span class="tag comments" title="未解决的批注">{format!("批注 {}", meta.open_comments)}</span>
                })}
            </td>
            <td>{meta.unit.clone()}</td>
            <td class="num">{if meta.year > 0 { meta.year.to_string() } else { String::new() }}</td>
            <td>{meta.pack_name.clone()}</td>
            <td>{meta.saved_at.clone()}</td>
            <td class="num score">{if meta.total.is_empty() { "—".to_string() } else { meta.total.clone() }}" "<b class="grade-tag">{grade}</b><br/><small>{findings}</small></td>
            <td><div class="actions">
                <button type="button" on:click=move |_| nav.go(Route::Draft { id: open_id.clone(), part: None })>"打开"</button>
                <button type="button" disabled=newer on:click=move |_| match drafts.read(&dup_id) {
                    Ok((r, _)) => open_new(duplicate(&r, &new_id())),
                    Err(e) => drafts.error.set(Some(e)),
                }>"复制"</button>
                <button type="button" class="carry" disabled=newer title="保留单位信息、提纲、指标结构和文字，清空本年数字，年度加一"
                    on:click=move |_| match drafts.read(&carry_id) {
                        Ok((r, _)) => open_new(carry_forward(&r, &new_id())),
                        Err(e) => drafts.error.set(Some(e)),
                    }>"结转下一年"</button>
                <button type="button" disabled=newer on:click=move |_| renaming.set(true)>"重命名"</button>
                {listing.has_versions.then(|| view! {
                    <button type="button" class="versions" title="查看并恢复以前保存的版本"
                        on:click=move |_| show_versions.0.set(Some(bak_id.clone()))>"版本历史"</button>
                })}
                <button type="button" class="danger delete" title="移到回收站（可恢复）" on:click=move |_| report_error(drafts.delete(&del_id))>"删除"</button>
            </div></td>
        </tr>
    }
    .into_any()
}

/// The home screen: every stored draft, and ways to make new ones.
#[component]
pub fn Home() -> impl IntoView {
    document().set_title("草稿列表 · 绩效自评");
    let drafts = expect_context::<Drafts>();
    let library = expect_context::<Library>();
    let unsaved = expect_context::<Unsaved>();
    let show_versions = ShowVersions(RwSignal::new(None));
    provide_context(show_versions);
    drafts.refresh();
    // another tab changed storage: show the list as it is now
    let handle = window_event_listener_untyped("storage", move |_| drafts.refresh());
    on_cleanup(move || handle.remove());

    let pack_choice = RwSignal::new(library.packs.with_untracked(|p| p[0].id.clone()));
    let year = RwSignal::new(current_year().to_string());
    let pack_options = move || {
        library.packs.with(|packs| {
            packs
                .iter()
                .map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> })
                .collect_view()
        })
    };
    let new_blank = move |_| {
        let pack = library.for_draft(&pack_choice.get_untracked());
        let y = year
            .get_untracked()
            .trim()
            .parse()
            .unwrap_or_else(|_| current_year());
        open_new(blank(&new_id(), &pack, y));
    };
    let new_sample = move |_| open_new(fresh(&sample(), &new_id()));
    // files picked (one or many) or dropped onto the page go the same way
    let imports = expect_context::<Imports>();
    let take_files = move |list: Option<web_sys::FileList>| {
        let files: Vec<web_sys::File> = list
            .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
            .unwrap_or_default();
        if !files.is_empty() {
            // a Word or Excel file becomes a draft under the framework chosen for new drafts
            let pack = library.for_draft(&pack_choice.get_untracked());
            leptos::task::spawn_local(async move { imports.files(files, pack).await });
        }
    };
    let import = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let files = input.files();
        take_files(files);
        input.set_value("");
    };
    let dragging = RwSignal::new(false);
    let drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        take_files(ev.data_transfer().and_then(|d| d.files()));
    };
    let persisted = move || match drafts.persisted.get() {
        Some(true) => "浏览器已同意持久保存本工具的数据。".to_string(),
        Some(false) => {
            "浏览器未同意持久保存：空间紧张或清理浏览数据时草稿可能被清除，请定期导出草稿文件备份。"
                .to_string()
        }
        None => "请定期导出草稿文件（.json）备份。".to_string(),
    };
    let usage = move || {
        let size = selfeval_core::base::number::fmt_stored(drafts.usage.get());
        format!("草稿共占用本地存储约 {size}（浏览器通常允许约 5 MB）。")
    };
    view! {
        <main class="page home" class:dragging=move || dragging.get()
            on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=drop>
            <div class="panel-head">
                <h1>"我的草稿"</h1>
                <a class="button" id="to-batch" href="#/batch" title="财务部门：汇总多个部门的草稿文件">"汇总"</a>
            </div>
            {move || drafts.error.get().map(|e| view! {
                <div class="banner error" role="alert" id="home-error">
                    <p>{e}</p>
                    <button type="button" on:click=move |_| drafts.error.set(None)>"知道了"</button>
                </div>
            })}
            {move || drafts.notice.get().map(|n| match n {
                Notice::Deleted { id, name } => view! {
                    <div class="banner info" id="undo-delete">
                        <p>{format!("已将“{name}”移到回收站。")}</p>
                        <button type="button" on:click=move |_| {
                            if let Err(e) = drafts.undelete(&id) { drafts.error.set(Some(e)); }
                        }>"撤销删除"</button>
                    </div>
                }.into_any(),
                Notice::Imported(n) => view! {
                    <div class="banner info" id="imported">
                        <p>{format!("已导入 {n} 份草稿，列在下面。")}</p>
                    </div>
                }.into_any(),
                Notice::Restored { id, name, from } => view! {
                    <div class="banner info" id="undo-restore">
                        <p>{format!("已将“{name}”恢复为 {from} 的版本；恢复前的版本已保留在版本历史中。")}</p>
                        <button type="button" on:click=move |_| {
                            // the version the restore replaced is now the newest in the history
                            match drafts.restore(&id, 0, "恢复之前") {
                                Ok(()) => drafts.notice.set(None),
                                Err(e) => drafts.error.set(Some(e)),
                            }
                        }>"撤销恢复"</button>
                    </div>
                }.into_any(),
            })}
            <ImportPanel/>
            <section class="panel new-draft">
                <h2>"新建"</h2>
                <div class="new-row">
                    <label class="field">
                        <span class="field-label">"评价指标体系"</span>
                        <select id="new-pack" on:change=move |ev| pack_choice.set(event_target_value(&ev))>{pack_options}</select>
                    </label>
                    <label class="field">
                        <span class="field-label">"年度"</span>
                        <input id="new-year" type="text" inputmode="numeric" prop:value=move || year.get()
                            on:input=move |ev| year.set(event_target_value(&ev))/>
                    </label>
                    <button type="button" id="new-blank" class="primary" on:click=new_blank>"新建空白草稿"</button>
                    <button type="button" id="new-sample" on:click=new_sample>"从示例新建"</button>
                    <label class="button import">
                        "导入（草稿 .json/.html，或去年的 Word 报告 .docx、自评表 .xlsx/.xls；可多选，也可拖放到本页）"
                        <input type="file" id="import" multiple
                            accept=".json,.html,.htm,.docx,.xlsx,.xls,.et,.ods,.xlsm,application/json,text/html"
                            on:change=import/>
                    </label>
                </div>
            </section>
            <section class="panel">
                <table class="grid drafts" id="drafts">
                    <thead>
                        <tr><th>"名称"</th><th>"单位"</th><th>"年度"</th><th>"指标体系"</th><th>"最后编辑"</th><th>"总分 / 等级"</th><th></th></tr>
                    </thead>
                    <tbody>
                        {keyed(move || unsaved.drafts.get(), |p| (p.report.id.clone(), p.reason.clone(), p.report.display_name()), |parked| view! { <UnsavedRow parked=parked/> })}
                        {keyed(move || drafts.list.get(), |l| (l.id.clone(), l.meta.clone().map(|m| (m.revision, m.name)), l.has_versions), |listing| view! { <DraftRow listing=listing/> })}
                    </tbody>
                </table>
                <Show when=move || drafts.list.with(Vec::is_empty) && unsaved.drafts.with(Vec::is_empty)>
                    <p class="empty">"还没有草稿。可以从示例开始，或新建一份空白草稿。"</p>
                </Show>
            </section>
            <VersionsPanel/>
            <PacksPanel/>
            <TrashPanel/>
            <footer class="storage-note">
                <p id="storage-usage">{usage}</p>
                <p id="persist-state">{persisted}</p>
            </footer>
        </main>
    }
}

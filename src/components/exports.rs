//! Downloads of the finished report and the print view. The bytes come from the core's
//! exporters; this file only hands them to the browser.

use leptos::prelude::*;
use selfeval_core::draft_file;
use selfeval_core::export::{chart, csv, docx, html};

use crate::state::Session;
use crate::storage::{download, download_bytes, file_name, timed};

const DOCX_MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The text of the print view while the browser's print dialog is open.
#[derive(Clone, Copy)]
pub struct PrintView(pub RwSignal<Option<String>>);

/// Say why a download could not be offered (in the toolbar, where the user clicked).
fn report(session: Session, what: &str, result: Result<(), String>) {
    if let Err(e) = result {
        session.edit_error.set(Some(format!("无法导出{what}：{e}")));
    }
}

/// Download the open draft as a .json file (importable elsewhere).
pub fn export_json(session: Session) {
    let (name, text) = session
        .report
        .with_untracked(|r| (r.display_name(), draft_file::to_json(r)));
    let result = download(&file_name(&name, "json"), "application/json", &text);
    report(session, "草稿文件", result);
}

fn title(session: Session) -> String {
    session.report.with_untracked(|r| r.title())
}

pub fn export_docx(session: Session) {
    let bytes = timed("docx", || {
        session
            .evaluation
            .with_untracked(|e| session.report.with_untracked(|r| docx::docx(r, e)))
    });
    let result = download_bytes(&file_name(&title(session), "docx"), DOCX_MIME, &bytes);
    report(session, " Word 文档", result);
}

pub fn export_html(session: Session) {
    let text = timed("html", || {
        session
            .evaluation
            .with_untracked(|e| session.report.with_untracked(|r| html::html(r, e)))
    });
    let result = download(
        &file_name(&title(session), "html"),
        "text/html;charset=utf-8",
        &text,
    );
    report(session, "网页报告", result);
}

pub fn export_csv(session: Session) {
    let text = session.evaluation.with_untracked(|e| {
        session
            .report
            .with_untracked(|r| csv::self_evaluation_csv(r, e))
    });
    let name = format!("{}-自评表", title(session));
    let result = download(&file_name(&name, "csv"), "text/csv;charset=utf-8", &text);
    report(session, "自评表 (.csv)", result);
}

/// The 自评表 as .xlsx (the default `xlsx` cargo feature; it adds about 140 KB gzipped).
#[cfg(feature = "xlsx")]
pub fn export_xlsx(session: Session) {
    let result = session.evaluation.with_untracked(|e| {
        session
            .report
            .with_untracked(|r| selfeval_core::export::xlsx::self_evaluation_xlsx(r, e))
    });
    let result = result.and_then(|bytes| {
        let name = format!("{}-自评表", title(session));
        let mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        download_bytes(&file_name(&name, "xlsx"), mime, &bytes)
    });
    report(session, "自评表 (.xlsx)", result);
}

/// Put the report (the same article as the HTML file) on the page for printing, then open
/// the browser's print dialog; "save as PDF" there gives the PDF.
pub fn print_report(session: Session, view: PrintView) {
    let article = session
        .evaluation
        .with_untracked(|e| session.report.with_untracked(|r| html::article(r, e)));
    view.0.set(Some(article));
    request_animation_frame(move || {
        let _ = window().print();
    });
}

/// Where the print view lives: invisible on screen, the only thing printed.
#[component]
pub fn PrintRoot() -> impl IntoView {
    let view = expect_context::<PrintView>();
    let handle = window_event_listener_untyped("afterprint", move |_| view.0.set(None));
    on_cleanup(move || handle.remove());
    move || {
        view.0.get().map(|article| {
            view! {
                <div class="print-root" id="print-root">
                    <style>{html::REPORT_CSS}</style>
                    <div inner_html=article></div>
                </div>
            }
        })
    }
}

#[cfg(feature = "xlsx")]
fn xlsx_button<F: Fn(leptos::ev::MouseEvent) + 'static>(
    choose: impl Fn(fn(Session)) -> F,
) -> impl IntoView {
    view! { <button type="button" id="export-xlsx" on:click=choose(export_xlsx)>"自评表 (.xlsx)"</button> }
}

#[cfg(not(feature = "xlsx"))]
fn xlsx_button<F: Fn(leptos::ev::MouseEvent) + 'static>(
    _choose: impl Fn(fn(Session)) -> F,
) -> impl IntoView {
}

/// The export buttons of the editor; the menu closes once a choice is made.
#[component]
pub fn ExportMenu() -> impl IntoView {
    let session = expect_context::<Session>();
    let print = expect_context::<PrintView>();
    let menu = NodeRef::<leptos::html::Details>::new();
    let choose = move |action: fn(Session)| {
        move |_| {
            if let Some(d) = menu.get_untracked() {
                d.set_open(false);
            }
            action(session);
        }
    };
    view! {
        <details class="export-menu" node_ref=menu>
            <summary>"导出 ▾"</summary>
            <div class="export-items">
                <button type="button" id="export-docx" on:click=choose(export_docx)>"Word 文档 (.docx)"</button>
                <button type="button" id="export-html" on:click=choose(export_html)>"网页报告 (.html，可再导入)"</button>
                <button type="button" id="export-csv" on:click=choose(export_csv)>"自评表 (.csv，Excel/WPS)"</button>
                {xlsx_button(choose)}
                <button type="button" id="print" on:click=move |_| {
                    if let Some(d) = menu.get_untracked() {
                        d.set_open(false);
                    }
                    print_report(session, print);
                }>"打印 / 另存为 PDF"</button>
                <button type="button" id="export-json" title="下载草稿文件，可在其他电脑导入"
                    on:click=choose(export_json)>"草稿文件 (.json)"</button>
            </div>
        </details>
    }
}

/// Budget against execution, and score against weight: SVG drawn by the core.
#[component]
pub fn Charts() -> impl IntoView {
    let session = expect_context::<Session>();
    // memos: the SVG is rebuilt on every edit, but the DOM only when a chart really changes
    let budget = Memo::new(move |_| {
        session
            .evaluation
            .with(|e| session.report.with(|r| chart::budget_chart(r, e)))
    });
    let score = Memo::new(move |_| session.evaluation.with(chart::score_chart));
    view! {
        <section class="panel charts" aria-label="图表">
            <div id="chart-budget" inner_html=budget></div>
            <div id="chart-score" inner_html=score></div>
        </section>
    }
}

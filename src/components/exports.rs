//! Downloads of the finished report and the print view. The bytes come from the core's
//! exporters; this file only hands them to the browser.

use leptos::prelude::*;
use selfeval_core::export::{csv, html};
use selfeval_core::file::draft;

use crate::state::Session;
use crate::web::exporter::{Exporter, Load};
use crate::web::files::{download, download_bytes, file_name};
use crate::web::focus::focus;
use crate::web::timing::timed;

const DOCX_MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The text of the print view while the browser's print dialog is open.
#[derive(Clone, Copy)]
pub struct PrintView(pub RwSignal<Option<String>>);

/// Say why a download could not be offered (in the toolbar, where the user clicked).
fn report(session: Session, what: &str, result: Result<(), String>) {
    if let Err(e) = result {
        session.edit_error.set(Some(format!("无法导出{what}：{e}")));
    }
}

/// The produced file read back must be the draft: a mismatch is an error, never a broken
/// file handed out.
fn checked(
    session: Session,
    read: impl Fn(&str) -> Option<selfeval_core::Report>,
    text: &str,
) -> Result<(), String> {
    let back = read(text).ok_or("生成的文件无法读回")?;
    let same = session.report.with_untracked(|r| back == *r);
    if same {
        Ok(())
    } else {
        Err("生成的文件读回后与草稿不一致，未提供下载，请报告此问题".into())
    }
}

/// Download the open draft as a .json file (importable elsewhere).
pub fn export_json(session: Session) {
    let (name, text) = session
        .report
        .with_untracked(|r| (r.display_name(), draft::to_json(r)));
    let result = checked(session, |t| draft::from_json(t).ok(), &text)
        .and_then(|_| download(&file_name(&name, "json"), "application/json", &text));
    report(session, "草稿文件", result);
}

fn title(session: Session) -> String {
    session.report.with_untracked(|r| r.title())
}

/// What the exporter module lays out: the figures are the editor's, computed once.
fn module_input(
    session: Session,
    what: fn(&selfeval_core::Report, &selfeval_core::Evaluation) -> String,
) -> Vec<String> {
    let json = session
        .evaluation
        .with_untracked(|e| session.report.with_untracked(|r| what(r, e)));
    vec![json]
}

/// Build a file in the exporter module and offer it: `name` is the module's function, `what`
/// the format as a failure names it.
fn export_with_module(
    session: Session,
    name: &'static str,
    what: &'static str,
    args: Vec<String>,
    file: String,
    mime: &'static str,
) {
    let exporter = expect_context::<Exporter>();
    leptos::task::spawn_local(async move {
        let start = js_sys::Date::now();
        let result = exporter.call(name, &args).await;
        crate::web::timing::record_timing(name, js_sys::Date::now() - start);
        let result = result.and_then(|bytes| download_bytes(&file, mime, &bytes));
        report(session, what, result);
    });
}

pub fn export_docx(session: Session) {
    let file = file_name(&title(session), "docx");
    let args = module_input(session, selfeval_core::report::document::document_json);
    export_with_module(session, "reportDocx", " Word 文档", args, file, DOCX_MIME);
}

pub fn export_html(session: Session) {
    let text = timed("html", || {
        session
            .evaluation
            .with_untracked(|e| session.report.with_untracked(|r| html::html(r, e)))
    });
    let result = checked(session, |t| draft::draft_from_html(t).ok(), &text).and_then(|_| {
        download(
            &file_name(&title(session), "html"),
            "text/html;charset=utf-8",
            &text,
        )
    });
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

/// The 自评表 as .xlsx, built in the exporter module.
pub fn export_xlsx(session: Session) {
    let file = file_name(&format!("{}-自评表", title(session)), "xlsx");
    let args = module_input(session, |r, e| {
        selfeval_core::report::sheet::sheet(r, e).to_json()
    });
    export_with_module(
        session,
        "reportXlsx",
        "自评表 (.xlsx)",
        args,
        file,
        XLSX_MIME,
    );
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

/// One entry of the export menu: its element id, label, tooltip and action.
struct Export {
    id: &'static str,
    label: &'static str,
    title: &'static str,
    run: fn(Session, PrintView),
}

/// The export menu, in order. A new format is one entry here and its function above; every
/// action reports its own failure (see `report`).
const EXPORTS: &[Export] = &[
    Export {
        id: "export-docx",
        label: "Word 文档 (.docx)",
        title: "公文格式的完整报告",
        run: |s, _| export_docx(s),
    },
    Export {
        id: "export-html",
        label: "网页报告 (.html，可再导入)",
        title: "单个网页文件，内含草稿，可再导入本工具",
        run: |s, _| export_html(s),
    },
    Export {
        id: "export-csv",
        label: "自评表 (.csv，Excel/WPS)",
        title: "自评表，Excel 或 WPS 可直接打开",
        run: |s, _| export_csv(s),
    },
    Export {
        id: "export-xlsx",
        label: "自评表 (.xlsx)",
        title: "自评表，Excel 工作簿",
        run: |s, _| export_xlsx(s),
    },
    Export {
        id: "print",
        label: "打印 / 另存为 PDF",
        title: "用浏览器打印，或在打印对话框中另存为 PDF",
        run: print_report,
    },
    Export {
        id: "export-json",
        label: "草稿文件 (.json)",
        title: "下载草稿文件，可在其他电脑导入",
        run: |s, _| export_json(s),
    },
];

/// Close the menu with the focus back on its button (not lost with the hidden item).
fn close_menu(d: &web_sys::HtmlDetailsElement) {
    d.set_open(false);
    if let Ok(Some(s)) = d.query_selector("summary") {
        focus(&s);
    }
}

/// The export buttons of the editor; the menu closes once a choice is made.
#[component]
pub fn ExportMenu() -> impl IntoView {
    let session = expect_context::<Session>();
    let print = expect_context::<PrintView>();
    let menu = NodeRef::<leptos::html::Details>::new();
    let items = EXPORTS
        .iter()
        .map(|x| {
            let run = x.run;
            view! {
                <button type="button" id=x.id title=x.title on:click=move |_| {
                    if let Some(d) = menu.get_untracked() {
                        close_menu(&d);
                    }
                    run(session, print);
                }>{x.label}</button>
            }
        })
        .collect_view();
    // the exporter module starts loading when the menu first opens
    let exporter = expect_context::<Exporter>();
    let toggled = move |_| {
        if menu.get_untracked().is_some_and(|d| d.open()) {
            exporter.preload();
        }
    };
    let note = move || match exporter.load.get() {
        Load::Loading => Some("正在加载导出模块（Word、Excel）…".to_string()),
        Load::Failed(e) => Some(format!("导出模块加载失败：{e}。再次点击导出即重试。")),
        Load::Idle | Load::Ready => None,
    };
    // Esc closes the menu, and the focus goes back to its button
    let keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            if let Some(d) = menu.get_untracked().filter(|d| d.open()) {
                close_menu(&d);
            }
        }
    };
    // what is still unfinished, before anything is handed in
    let unfinished = move || {
        session.summary.with(|s| {
            let (errors, warnings) = (s.errors, s.warnings);
            (errors + warnings > 0).then(|| {
                format!("尚未完成：{errors} 处错误、{warnings} 处提醒（见“检查结果”），导出的报告照现在的内容生成。")
            })
        })
    };
    view! {
        <details class="export-menu" node_ref=menu on:toggle=toggled on:keydown=keydown>
            <summary>"导出 ▾"</summary>
            <div class="export-items">
                <p class="export-unfinished" id="export-unfinished">{unfinished}</p>
                {items}
                <p class="export-note" id="export-note" role="status">{note}</p>
            </div>
        </details>
    }
}

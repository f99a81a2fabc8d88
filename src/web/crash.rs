//! If anything ever panics, the page must not freeze silently with the user's work in it.
//!
//! Every open or unsaved draft is remembered here (a copy, taken at each pause in typing, and
//! the open editor's live report). The panic
//! hook puts a plain-DOM banner on the page — no Leptos, no reactive state, which may be what
//! broke — with a download link for each of those drafts, made while the hook runs.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use leptos::prelude::{RwSignal, WithUntracked};
use selfeval_core::{file::draft, Report};
use wasm_bindgen::JsCast;

thread_local! {
    static OPEN: RefCell<BTreeMap<String, Report>> = const { RefCell::new(BTreeMap::new()) };
    /// The open editor's live report, read by the hook unless a panic struck mid-write.
    static LIVE: RefCell<Option<RwSignal<Report>>> = const { RefCell::new(None) };
    static WRITING: Cell<bool> = const { Cell::new(false) };
}

/// The open editor's report: the banner offers it as it is at the moment of the panic.
pub fn watch(report: RwSignal<Report>) {
    LIVE.with(|l| {
        if let Ok(mut l) = l.try_borrow_mut() {
            *l = Some(report);
        }
    });
}

/// The editor of `report` closed (another one may have opened meanwhile).
pub fn unwatch(report: RwSignal<Report>) {
    LIVE.with(|l| {
        if let Ok(mut l) = l.try_borrow_mut() {
            if *l == Some(report) {
                *l = None;
            }
        }
    });
}

/// Run a write to the live report. A panic inside it leaves the signal locked, so the
/// banner then falls back to the copy taken at the last pause in typing.
pub fn writing<T>(f: impl FnOnce() -> T) -> T {
    WRITING.with(|w| w.set(true));
    let out = f();
    WRITING.with(|w| w.set(false));
    out
}

/// Every draft the banner offers: the remembered copies, the live report over its own.
fn drafts() -> Vec<(String, String)> {
    let mut all: BTreeMap<String, Report> =
        OPEN.with(|o| o.try_borrow().map(|o| o.clone()).unwrap_or_default());
    let live = LIVE.with(|l| l.try_borrow().ok().and_then(|l| *l));
    if let Some(signal) = live.filter(|_| !WRITING.with(Cell::get)) {
        if let Some(r) = signal.try_with_untracked(Clone::clone) {
            all.insert(r.id.clone(), r);
        }
    }
    all.values()
        .map(|r| (r.display_name(), draft::to_json(r)))
        .collect()
}

/// Keep a copy of `report` for the panic banner.
pub fn remember(report: &Report) {
    OPEN.with(|o| {
        if let Ok(mut o) = o.try_borrow_mut() {
            o.insert(report.id.clone(), report.clone());
        }
    });
}

/// A draft no longer open or unsaved anywhere in this page.
pub fn forget(id: &str) {
    OPEN.with(|o| {
        if let Ok(mut o) = o.try_borrow_mut() {
            o.remove(id);
        }
    });
}

/// Install the hook (after the console one, so the message still reaches the console).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let _ = show_banner(&info.to_string());
    }));
}

fn show_banner(message: &str) -> Option<()> {
    let doc = web_sys::window()?.document()?;
    if doc.get_element_by_id("crash").is_some() {
        return Some(());
    }
    let el = |tag: &str| doc.create_element(tag).ok();
    let banner = el("div")?;
    banner.set_id("crash");
    banner.set_attribute("role", "alert").ok()?;
    banner.set_class_name("banner error crash");
    let p = el("p")?;
    p.set_text_content(Some(
        "程序出错，页面已停止响应。您的草稿没有丢失：请先逐一下载下面的草稿文件（.json），然后刷新页面，\
         在草稿列表中导入即可继续。",
    ));
    banner.append_child(&p).ok()?;
    let drafts = drafts();
    let actions = el("div")?;
    actions.set_class_name("banner-actions");
    for (name, text) in drafts {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("application/json");
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let a: web_sys::HtmlAnchorElement = el("a")?.unchecked_into();
        a.set_href(&url);
        a.set_download(&crate::web::files::file_name(&name, "json"));
        a.set_class_name("button crash-download");
        a.set_text_content(Some(&format!("下载“{name}” (.json)")));
        actions.append_child(&a).ok()?;
    }
    let reload: web_sys::HtmlElement = el("button")?.unchecked_into();
    reload.set_text_content(Some("刷新页面"));
    reload.set_attribute("onclick", "location.reload()").ok()?;
    actions.append_child(&reload).ok()?;
    banner.append_child(&actions).ok()?;
    let detail = el("details")?;
    let summary = el("summary")?;
    summary.set_text_content(Some("技术信息"));
    detail.append_child(&summary).ok()?;
    let pre = el("pre")?;
    pre.set_text_content(Some(message));
    detail.append_child(&pre).ok()?;
    banner.append_child(&detail).ok()?;
    let body = doc.body()?;
    body.insert_before(&banner, body.first_child().as_ref())
        .ok()?;
    Some(())
}

/// Panic on purpose, for the end-to-end test of the banner (`window.selfevalTestPanic()`).
#[wasm_bindgen::prelude::wasm_bindgen(js_name = selfevalTestPanic)]
pub fn test_panic() {
    panic!("selfevalTestPanic: a deliberate panic for testing the crash banner");
}

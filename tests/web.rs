//! Browser tests of the shell: `cargo test --target wasm32-unknown-unknown` runs them in
//! headless Chromium through wasm-bindgen-test-runner.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use selfeval::core_::{sample, Pack};
use selfeval::state::Draft;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh host element for one test, so tests do not see each other's DOM.
fn host() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("section").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.dyn_into().unwrap()
}

fn text(host: &web_sys::HtmlElement, sel: &str) -> String {
    host.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("{sel} not found"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn app_shows_the_sample_summary() {
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), selfeval::app::App);
    leptos::task::tick().await;
    assert_eq!(text(&host, "#budget"), "4051.83");
    assert_eq!(text(&host, "#executed"), "3990.84");
    assert_eq!(text(&host, "#rate"), "98.49%");
    assert_eq!(text(&host, "#total"), "99.77");
    assert_eq!(text(&host, "#grade"), "优");
    assert!(text(&host, "#findings-h").starts_with("检查结果"));
}

#[wasm_bindgen_test]
async fn figures_follow_an_edit_to_the_draft() {
    let host = host();
    let draft = StoredValue::new(None::<Draft>);
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        let report = sample();
        let pack = Pack::builtin_by_id(&report.pack_id).unwrap();
        let d = Draft::new(report, pack);
        provide_context(d);
        draft.set_value(Some(d));
        view! { <selfeval::components::SummaryCards/><selfeval::components::FindingsList/> }
    });
    leptos::task::tick().await;
    assert_eq!(text(&host, "#rate"), "98.49%");
    let d = draft.get_value().unwrap();
    // 3000 of 4051.83 is 74.04%: the rate, the total and the findings all follow
    d.report
        .update(|r| r.budget.sources[0].executed = "3,000".into());
    leptos::task::tick().await;
    assert_eq!(text(&host, "#executed"), "3000.00");
    assert_eq!(text(&host, "#rate"), "74.04%");
    let findings = text(&host, "#findings");
    assert!(
        findings.contains("执行率 74.04% 低于 90%，请说明原因"),
        "{findings}"
    );
    assert!(findings.contains("完成预算的 98.49%"), "{findings}");
    // a figure that does not parse is reported, not read as zero
    d.report
        .update(|r| r.budget.sources[0].executed = "三千".into());
    leptos::task::tick().await;
    assert!(text(&host, "#findings").contains("填写的“三千”不是有效数字"));
}

use leptos::prelude::*;

use crate::state::{Layout, Session};

/// The figures that must stay in reach when the side panel is folded (wide mode) or below the
/// form (a narrow window, 125% zoom): 自评总分 and 等级, 执行率, the findings' count (which
/// opens them), and on a narrow window the outline. It sits in the editor's sticky head.
#[component]
pub fn SummaryBar() -> impl IntoView {
    let session = expect_context::<Session>();
    let layout = expect_context::<Layout>();
    let s = session.summary;
    let outline_open = RwSignal::new(false);
    let findings = move || {
        s.with(|s| match (s.errors, s.warnings) {
            (0, 0) => "未发现问题".to_string(),
            (0, w) => format!("{w} 个提示"),
            (e, w) => format!("{e} 个错误，{w} 个提示"),
        })
    };
    let to_findings = move |_| {
        layout.set_wide(false);
        request_animation_frame(|| {
            if let Some(el) = document().get_element_by_id("findings-h") {
                el.scroll_into_view();
            }
        });
    };
    view! {
        <div class="summary-bar" id="summary-bar" role="group" aria-label="计算结果摘要">
            // built when opened: the side's outline is the one on a wide window
            <details class="bar-outline" on:toggle=move |ev| {
                let el: web_sys::HtmlDetailsElement = wasm_bindgen::JsCast::unchecked_into(ev.target().unwrap());
                outline_open.set(el.open());
            }>
                <summary>"目录"</summary>
                {move || outline_open.get().then(|| view! { <super::OutlineNav/> })}
            </details>
            <span>"自评总分 "<b id="bar-total">{move || s.with(|s| s.total.clone())}</b>" 分 "
                <em class="grade" id="bar-grade">{move || s.with(|s| s.grade.clone())}</em></span>
            <span>"预算执行率 "<b id="bar-rate">{move || s.with(|s| s.rate.clone())}</b></span>
            <button type="button" class="bar-findings" id="bar-findings"
                class:has-errors=move || s.with(|s| s.errors > 0)
                on:click=to_findings>{findings}</button>
        </div>
    }
}

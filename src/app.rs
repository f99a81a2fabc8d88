//! The page: header, the draft's summary and its findings.

use leptos::prelude::*;
use selfeval_core::sample;

use crate::components::{FindingsList, PackPicker, ScoreTable, SummaryCards};
use crate::state::{Draft, Library};

#[component]
pub fn App() -> impl IntoView {
    let library = Library::builtin();
    let report = sample();
    let pack = library
        .find(&report.pack_id)
        .or_else(|| library.packs.with_value(|p| p.first().cloned()))
        .expect("at least one built-in pack");
    let draft = Draft::new(report, pack);
    provide_context(library);
    provide_context(draft);

    view! {
        <header class="app-header">
            <span class="brand">"绩效自评"</span>
            <span class="tagline">"部门整体支出绩效自评报告 · 离线起草"</span>
        </header>
        <main class="page">
            <section class="draft-head">
                <p class="eyebrow">"示例草稿"</p>
                <h1 id="title">{move || draft.summary.with(|s| s.title.clone())}</h1>
                <PackPicker/>
            </section>
            <SummaryCards/>
            <div class="columns">
                <ScoreTable/>
                <FindingsList/>
            </div>
        </main>
    }
}

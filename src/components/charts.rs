use leptos::prelude::*;
use selfeval_core::report::chart;

use crate::state::Session;

/// Budget against execution, and score against weight: SVG drawn by the core.
#[component]
pub fn Charts() -> impl IntoView {
    let session = expect_context::<Session>();
    // memos: the SVG is rebuilt on every edit (while the side panel is shown), but the DOM
    // only when a chart really changes
    let budget = session.side_figure(chart::budget_chart);
    let score = session.side_figure(|_, e| chart::score_chart(e));
    view! {
        <section class="panel charts" aria-label="图表">
            <div id="chart-budget" inner_html=budget></div>
            <div id="chart-score" inner_html=score></div>
        </section>
    }
}

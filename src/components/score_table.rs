use leptos::prelude::*;
use selfeval_core::base::number::{fmt2, fmt_plain};

use crate::state::Session;

/// Score against weight for each 一级指标, and the adjustments applied to the total.
#[component]
pub fn ScoreTable() -> impl IntoView {
    let draft = expect_context::<Session>();
    let rows = move || {
        draft.evaluation.with(|e| {
            e.level1
                .iter()
                .map(|s| {
                    view! {
                        <tr>
                            <th scope="row">{s.level1.clone()}</th>
                            <td class="num">{fmt_plain(s.weight.round_dp(2))}</td>
                            <td class="num">{fmt2(s.score)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let adjustments = move || {
        draft.evaluation.with(|e| {
            e.adjustments
                .iter()
                .map(|a| view! { <li>{a.clone()}</li> })
                .collect_view()
        })
    };
    view! {
        <section class="panel" aria-labelledby="score-h">
            <h2 id="score-h">"得分构成"</h2>
            <table id="score-table" class="grid">
                <thead><tr><th>"一级指标"</th><th class="num">"权重"</th><th class="num">"得分"</th></tr></thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">"合计"</th>
                        <td class="num">{move || draft.evaluation.with(|e| fmt_plain(e.weight_total))}</td>
                        <td class="num">{move || draft.summary.with(|s| s.total.clone())}</td>
                    </tr>
                </tfoot>
            </table>
            <ul class="adjustments">{adjustments}</ul>
        </section>
    }
}

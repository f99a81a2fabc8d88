use leptos::prelude::*;

use crate::state::Session;

/// 全年预算数, 执行数, 执行率, 自评总分 and 等级, as computed by the core.
#[component]
pub fn SummaryCards() -> impl IntoView {
    let draft = expect_context::<Session>();
    let s = draft.summary;
    // what a screen reader says when the figures change (politely, after what is being typed)
    let spoken = move || {
        s.with(|s| {
            format!(
                "自评总分 {} 分，等级 {}，预算执行率 {}",
                s.total, s.grade, s.rate
            )
        })
    };
    view! {
        <p class="sr-only" id="announce" aria-live="polite" aria-atomic="true">{spoken}</p>
        <section class="cards" aria-label="计算结果">
            <div class="card">
                <span class="label">"全年预算数"</span>
                <span class="value"><b id="budget">{move || s.with(|s| s.budget.clone())}</b>" 万元"</span>
            </div>
            <div class="card">
                <span class="label">"执行数"</span>
                <span class="value"><b id="executed">{move || s.with(|s| s.executed.clone())}</b>" 万元"</span>
            </div>
            <div class="card">
                <span class="label">"预算执行率"</span>
                <span class="value"><b id="rate">{move || s.with(|s| s.rate.clone())}</b></span>
            </div>
            <div class="card total">
                <span class="label">"自评总分"</span>
                <span class="value">
                    <b id="total">{move || s.with(|s| s.total.clone())}</b>" 分"
                    <em id="grade" class="grade">{move || s.with(|s| s.grade.clone())}</em>
                </span>
                <span class="note">
                    {move || s.with(|s| format!("已评分指标 {}/{}", s.scored, s.applicable))}
                </span>
            </div>
        </section>
        // every score shown carries the pack's assumed weights until the user confirms them
        {move || draft.evaluation.with(|e| e.weights_note.clone()).map(|note| view! {
            <p class="banner warn weights-note" id="weights-note">
                {note}"。"
                <button type="button" id="confirm-weights" disabled=move || draft.is_final()
                    on:click=move |_| { draft.edit(selfeval_core::edit::Edit::ConfirmWeights); }>"已核对，确认权重"</button>
            </p>
        })}
    }
}

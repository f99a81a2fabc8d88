use leptos::prelude::*;

use crate::state::{Draft, Library};

/// Choose the framework pack (指标体系) the draft is scored under.
#[component]
pub fn PackPicker() -> impl IntoView {
    let draft = expect_context::<Draft>();
    let library = expect_context::<Library>();
    let options = library.packs.with_value(|packs| {
        packs
            .iter()
            .map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> })
            .collect_view()
    });
    // every choice starts from the draft as opened, so going back to a pack restores its rows
    let base = StoredValue::new(draft.report.get_untracked());
    let on_change = move |ev| {
        if let Some(pack) = library.find(&event_target_value(&ev)) {
            base.with_value(|b| draft.show_under(b, pack));
        }
    };
    view! {
        <label class="pack-picker">
            <span>"评价指标体系"</span>
            <select id="pack" on:change=on_change prop:value=move || draft.pack.with(|p| p.id.clone())>
                {options}
            </select>
        </label>
        <p class="pack-notes">{move || draft.pack.with(|p| p.notes.clone())}</p>
    }
}

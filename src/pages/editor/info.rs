use leptos::prelude::*;
use selfeval_core::edit::Edit;
use selfeval_core::model::field::{Field, Part, UnitField};

use super::EditorPart;
use crate::components::fields::{Deliberate, FigureInput, TextArea, TextInput};
use crate::state::{Library, Session};

/// 基本信息: the draft's name, the unit, and the framework it is scored under.
#[component]
pub fn InfoPart() -> impl IntoView {
    let session = expect_context::<Session>();
    let library = expect_context::<Library>();
    let options = move || {
        library.packs.with(|packs| {
        packs
            .iter()
            .map(|p| {
                let id = p.id.clone();
                view! {
                    <option value=p.id.clone()
                        selected=move || session.report.with(|r| r.pack_id == id)>{p.name.clone()}</option>
                }
            })
            .collect_view()
    })
    };
    // the pack is switched once chosen, not on each arrow key over the select
    let pick = Deliberate::default();
    let select = NodeRef::<leptos::html::Select>::new();
    let adopt = move || {
        let Some(el) = select.get_untracked() else {
            return;
        };
        let chosen = el.value();
        if session.report.with_untracked(|r| r.pack_id == chosen) {
            return;
        }
        if let Some(pack) = library.find(&chosen) {
            session.edit(Edit::AdoptPack(Box::new(pack)));
        }
    };
    view! {
        <EditorPart part=Part::Info title="基本信息">
            <div class="grid-2">
                <TextInput field=UnitField::Name class="span-2"/>
                <TextInput field=UnitField::Supervisor/>
                <TextInput field=UnitField::Year placeholder="如 2021"/>
                <TextInput field=UnitField::BudgetCode/>
                <TextInput field=Field::Name placeholder="留空则用报告标题"/>
                <TextInput field=UnitField::Contact/>
                <TextInput field=UnitField::Phone/>
                <FigureInput field=UnitField::StaffAuthorized unit="人"/>
                <FigureInput field=UnitField::StaffActual unit="人"/>
            </div>
            <TextArea field=UnitField::Functions/>
            <label class="field wide">
                <span class="field-label">"评价指标体系"</span>
                <select id="pack" data-path="pack_id" node_ref=select
                    on:keydown=move |ev| pick.keydown(&ev, adopt) on:change=move |_| pick.change(adopt)
                    on:blur=move |_| pick.blur(adopt) on:mousedown=move |_| pick.pointer()>{options}</select>
                <span class="hint">
                    "更换后，指标表按新体系重建，名称相同的指标保留已填的值（可撤销）。"
                    {move || session.pack.with(|p| p.notes.clone())}
                </span>
            </label>
        </EditorPart>
    }
}

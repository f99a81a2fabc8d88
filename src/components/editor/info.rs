use leptos::prelude::*;

use crate::components::fields::{FigureInput, TextArea, TextInput};
use crate::state::{Library, Session};

/// 基本信息: the draft's name, the unit, and the framework it is scored under.
#[component]
pub fn InfoPart() -> impl IntoView {
    let session = expect_context::<Session>();
    let library = expect_context::<Library>();
    let options = library.packs.with_value(|packs| {
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
    });
    let change_pack = move |ev| {
        if let Some(pack) = library.find(&event_target_value(&ev)) {
            let next = session.report.with_untracked(|r| pack.adopt(r));
            session.replace(next);
        }
    };
    view! {
        <section class="part" id="part-info">
            <h2>"基本信息"</h2>
            <div class="grid-2">
                <TextInput path="unit.name" label="单位名称" class="span-2"/>
                <TextInput path="unit.supervisor" label="主管部门"/>
                <TextInput path="unit.year" label="年度" placeholder="如 2021"/>
                <TextInput path="unit.budget_code" label="预算编码"/>
                <TextInput path="name" label="草稿名称" placeholder="留空则用报告标题"/>
                <TextInput path="unit.contact" label="联系人"/>
                <TextInput path="unit.phone" label="联系电话"/>
                <FigureInput path="unit.staff_authorized" label="编制数" unit="人"/>
                <FigureInput path="unit.staff_actual" label="实有人数" unit="人"/>
            </div>
            <TextArea path="unit.functions" label="部门职能"/>
            <label class="field wide">
                <span class="field-label">"评价指标体系"</span>
                <select id="pack" data-path="pack_id" on:change=change_pack>{options}</select>
                <span class="hint">
                    "更换后，指标表按新体系重建，名称相同的指标保留已填的值（可撤销）。"
                    {move || session.pack.with(|p| p.notes.clone())}
                </span>
            </label>
        </section>
    }
}

//! 评价指标体系: the built-in packs and the user's own, as files a finance bureau can hand to
//! its departments: export one, import one, copy a built-in one and edit its name, version,
//! grade lines, the reason threshold, text limits, and each indicator's weight and rule (its
//! parameters as text: bands one per line, a ladder as 优=100 良=80 …).

use leptos::prelude::*;
use rust_decimal::Decimal;
use selfeval_core::{Pack, Rule};
use wasm_bindgen::JsCast;

use crate::components::fields::Deliberate;
use crate::state::{Drafts, Library};
use crate::web::clock::new_id;
use crate::web::files::{download, file_name, read_file};

#[component]
pub fn PacksPanel() -> impl IntoView {
    let library = expect_context::<Library>();
    let drafts = expect_context::<Drafts>();
    let editing = RwSignal::new(None::<String>);
    let say = move |r: Result<(), String>| {
        if let Err(e) = r {
            drafts.error.set(Some(e));
        }
    };
    let import = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let name = file.name();
            let result = match read_file(file).await {
                Ok(text) => Pack::from_json(&text).map_err(|e| e.to_string()),
                Err(e) => Err(format!("无法读取：{e}")),
            }
            .and_then(|pack| {
                let clash = library.find(&pack.id).is_some() && !Library::is_builtin(&pack.id);
                let replace = !clash
                    || window()
                        .confirm_with_message(&format!(
                            "已有编号为“{}”的指标体系，用文件中的版本替换？",
                            pack.id
                        ))
                        .unwrap_or(false);
                if replace {
                    library.save(pack)
                } else {
                    Ok(())
                }
            });
            say(result.map_err(|e| format!("指标体系“{name}”未导入：{e}")));
        });
    };
    let rows = move || {
        library.packs.get().into_iter().map(|p| {
            let builtin = Library::is_builtin(&p.id);
            let (export_pack, copy_pack, id) = (p.clone(), p.clone(), p.id.clone());
            let (edit_id, del_id) = (id.clone(), id.clone());
            view! {
                <tr data-pack=p.id.clone()>
                    <td>{p.name.clone()}</td>
                    <td><code>{p.id.clone()}</code></td>
                    <td>{p.version.clone()}</td>
                    <td class="kind">{if builtin { "内置" } else { "我的" }}</td>
                    <td><div class="actions">
                        <button type="button" class="export-pack" on:click=move |_| {
                            say(download(&file_name(&format!("指标体系-{}", export_pack.name), "json"), "application/json", &export_pack.to_json()));
                        }>"导出"</button>
                        <button type="button" class="copy-pack" on:click=move |_| {
                            let copy = copy_pack.copy_as(&format!("my-{}", new_id()));
                            let id = copy.id.clone();
                            say(library.save(copy).map(|_| editing.set(Some(id))));
                        }>"复制为我的体系"</button>
                        {(!builtin).then(|| view! {
                            <button type="button" class="edit-pack" on:click=move |_| editing.set(Some(edit_id.clone()))>"编辑"</button>
                            <button type="button" class="danger" on:click=move |_| {
                                if window().confirm_with_message("删除这个指标体系？使用它的草稿会改按第一个体系计分，直到再次导入。").unwrap_or(false) {
                                    say(library.remove(&del_id));
                                }
                            }>"删除"</button>
                        })}
                    </div></td>
                </tr>
            }
        }).collect_view()
    };
    view! {
        <section class="panel packs" id="packs">
            <div class="panel-head">
                <h2>"评价指标体系"</h2>
                <label class="button import">"导入指标体系（.json）"
                    <input type="file" id="import-pack" accept=".json,application/json" on:change=import/>
                </label>
            </div>
            <table class="grid packs">
                <thead><tr><th>"名称"</th><th>"编号"</th><th>"版本"</th><th></th><th></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {move || editing.get().and_then(|id| library.find(&id)).map(|p| view! { <PackEditor pack=p done=editing/> })}
        </section>
    }
}

/// Edit a user pack's name, version, grade lines and weights; saved only when it is valid.
#[component]
fn PackEditor(pack: Pack, done: RwSignal<Option<String>>) -> impl IntoView {
    let library = expect_context::<Library>();
    let draft = RwSignal::new(pack);
    let error = RwSignal::new(None::<String>);
    let num = |t: &str| selfeval_core::parse_number("数值", t).ok().flatten();
    let grades = move || {
        draft.with(|p| p.grades.iter().enumerate().map(|(i, g)| {
            view! {
                <label class="field">
                    <span class="field-label">{format!("“{}”的分数线", g.label)}</span>
                    <input type="text" class="grade-min" value=g.min.to_string() on:input=move |ev| {
                        if let Some(v) = num(&event_target_value(&ev)) {
                            draft.update(|p| p.grades[i].min = v);
                        }
                    }/>
                </label>
            }
        }).collect_view())
    };
    let weights = move || {
        draft.with_untracked(|p| p.indicators.iter().enumerate().map(|(i, t)| {
            let kinds = Rule::KINDS.iter().map(|(k, l)| {
                let k = *k;
                view! { <option value=k selected=t.rule.kind() == k>{*l}</option> }
            }).collect_view();
            let params = RwSignal::new(t.rule.params_text());
            let rule_error = RwSignal::new(None::<String>);
            let kind = RwSignal::new(t.rule.kind().to_string());
            // the table's headers name the column; these name the row too, for a screen reader
            let name = t.level3.clone();
            let put_rule = move || match Rule::from_params(&kind.get_untracked(), &params.get_untracked()) {
                Ok(r) => {
                    rule_error.set(None);
                    draft.update(|p| p.indicators[i].rule = r);
                }
                Err(e) => rule_error.set(Some(e)),
            };
            let pick = Deliberate::default();
            let rule_select = NodeRef::<leptos::html::Select>::new();
            let take_rule = move || {
                let Some(el) = rule_select.get_untracked() else { return };
                if el.value() == kind.get_untracked() {
                    return;
                }
                kind.set(el.value());
                params.set(Rule::default_of(&kind.get_untracked()).params_text());
                put_rule();
            };
            view! {
                <tr>
                    <td>{t.level1.clone()}</td><td>{t.level2.clone()}</td><td>{t.level3.clone()}</td>
                    <td><input type="text" class="pack-weight" aria-label=format!("“{name}”的权重") value=t.weight.to_string() on:input=move |ev| {
                        let v = num(&event_target_value(&ev)).unwrap_or(Decimal::ZERO);
                        draft.update(|p| p.indicators[i].weight = v);
                    }/></td>
                    <td>
                        // a new rule replaces the parameters: not on each arrow key over the list
                        <select class="pack-rule" aria-label=format!("“{}”的评分规则", t.level3) node_ref=rule_select
                            on:keydown=move |ev| pick.keydown(&ev, take_rule) on:change=move |_| pick.change(take_rule)
                            on:blur=move |_| pick.blur(take_rule) on:mousedown=move |_| pick.pointer()>{kinds}</select>
                        <textarea class="pack-params" rows="2" aria-label=format!("“{}”的评分参数", t.level3)
                            aria-invalid=move || rule_error.with(Option::is_some).to_string() prop:value=move || params.get()
                            on:input=move |ev| { params.set(event_target_value(&ev)); put_rule(); }></textarea>
                        {move || rule_error.get().map(|e| view! { <span class="parse-error">{e}</span> })}
                    </td>
                </tr>
            }
        }).collect_view())
    };
    let limit = move |get: fn(&Pack) -> Option<usize>, put: fn(&mut Pack, Option<usize>)| {
        view! {
            <input type="text" class="pack-limit" placeholder="不限" value=draft.with_untracked(|p| get(p).map(|n| n.to_string()).unwrap_or_default())
                on:input=move |ev| {
                    let v = event_target_value(&ev).trim().parse().ok();
                    draft.update(|p| put(p, v));
                }/>
        }
    };
    let sum = move || draft.with(|p| p.weight_sum().normalize().to_string());
    let save = move |_| match library.save(draft.get_untracked()) {
        Ok(()) => {
            error.set(None);
            done.set(None);
        }
        Err(e) => error.set(Some(e)),
    };
    view! {
        <div class="pack-editor" id="pack-editor">
            <h3>"编辑指标体系"</h3>
            <div class="new-row">
                <label class="field"><span class="field-label">"名称"</span>
                    <input type="text" id="pack-name" prop:value=move || draft.with(|p| p.name.clone())
                        on:input=move |ev| draft.update(|p| p.name = event_target_value(&ev))/></label>
                <label class="field"><span class="field-label">"版本"</span>
                    <input type="text" id="pack-version" prop:value=move || draft.with(|p| p.version.clone())
                        on:input=move |ev| draft.update(|p| p.version = event_target_value(&ev))/></label>
                {grades}
                <label class="field"><span class="field-label">"执行率低于（%）须说明原因"</span>
                    <input type="text" id="pack-reason-rate" value=draft.with_untracked(|p| p.reason_below_rate.to_string())
                        on:input=move |ev| if let Some(v) = num(&event_target_value(&ev)) { draft.update(|p| p.reason_below_rate = v) }/></label>
            </div>
            <div class="new-row">
                <label class="field"><span class="field-label">"偏差原因字数上限"</span>{limit(|p| p.limits.reason, |p, v| p.limits.reason = v)}</label>
                <label class="field"><span class="field-label">"评价结论字数上限"</span>{limit(|p| p.limits.conclusion, |p, v| p.limits.conclusion = v)}</label>
                <label class="field"><span class="field-label">"存在问题字数上限"</span>{limit(|p| p.limits.problems, |p, v| p.limits.problems = v)}</label>
                <label class="field"><span class="field-label">"改进措施字数上限"</span>{limit(|p| p.limits.measures, |p, v| p.limits.measures = v)}</label>
            </div>
            <table class="grid">
                <thead><tr><th>"一级指标"</th><th>"二级指标"</th><th>"三级指标"</th><th>"权重"</th><th>"评分规则与参数"</th></tr></thead>
                <tbody>{weights}</tbody>
            </table>
            <p class="total-line" id="pack-sum">{move || format!("权重合计 {}（总分 {}）", sum(), draft.with(|p| p.total.normalize().to_string()))}</p>
            {move || error.get().map(|e| view! { <p class="banner error" id="pack-error" role="alert">{e}</p> })}
            <div class="banner-actions">
                <button type="button" class="primary" id="pack-save" on:click=save>"保存指标体系"</button>
                <button type="button" on:click=move |_| done.set(None)>"取消"</button>
            </div>
        </div>
    }
}

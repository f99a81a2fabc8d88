use leptos::prelude::*;
use rust_decimal::Decimal;
use selfeval_core::base::number::fmt_plain;
use selfeval_core::edit::Edit;
use selfeval_core::model::field::{Field, IndicatorField};
use selfeval_core::model::rule::{
    bands_text, ladder_text, parse_bands, parse_ladder, ChecklistMode, Direction, Rule,
};
use selfeval_core::model::Indicator;

use crate::components::fields::FigureInput;
use crate::state::Session;

/// A parameter typed as text: applied when it reads, kept with its message when it does not.
#[component]
fn Param(
    #[prop(into)] label: String,
    #[prop(into)] initial: String,
    apply: impl Fn(&str) -> Result<(), String> + 'static,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let text = RwSignal::new(initial);
    let error = RwSignal::new(None::<String>);
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        error.set(apply(&v).err());
        text.set(v);
    };
    let input = if multiline {
        view! { <textarea rows="3" prop:value=move || text.get() on:input=on_input></textarea> }
            .into_any()
    } else {
        view! { <input type="text" prop:value=move || text.get() on:input=on_input/> }.into_any()
    };
    view! {
        <label class="field" class:invalid=move || error.with(Option::is_some)>
            <span class="field-label">{label}</span>
            {input}
            {move || error.get().map(|e| view! { <span class="parse-error">{e}</span> })}
        </label>
    }
}

/// A parameter chosen from fixed values.
#[component]
fn ParamChoice<const N: usize>(
    label: &'static str,
    options: [(&'static str, &'static str); N],
    selected: &'static str,
    pick: impl Fn(&str) -> Result<(), String> + 'static,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(v, l)| view! { <option value=v selected=v == selected>{l}</option> })
        .collect_view();
    view! {
        <label class="field">
            <span class="field-label">{label}</span>
            <select on:change=move |ev| drop(pick(&event_target_value(&ev)))>{options}</select>
        </label>
    }
}

fn number(text: &str) -> Result<Decimal, String> {
    selfeval_core::parse_number("参数", text)
        .map_err(|e| e.reason)?
        .ok_or_else(|| "请填写数字".to_string())
}

#[component]
pub fn RuleEditor(#[prop(into)] id: String, row: Signal<Indicator>) -> impl IntoView {
    let session = expect_context::<Session>();
    // the parameter inputs are rebuilt only when the rule's kind changes, so typing in one
    // keeps its focus; each change reads the rule as it is now and alters one parameter
    let rule_kind = Memo::new(move |_| row.with(|r| r.rule.kind()));
    let id_for_set = id.clone();
    let update = move |change: &dyn Fn(&mut Rule) -> Result<(), String>| -> Result<(), String> {
        let mut rule = row.with_untracked(|r| r.rule.clone());
        change(&mut rule)?;
        session.edit(Edit::SetRule {
            id: id_for_set.clone(),
            rule,
        });
        Ok(())
    };
    let update = StoredValue::new_local(update);
    let set =
        move |change: &dyn Fn(&mut Rule) -> Result<(), String>| update.with_value(|u| u(change));
    let pick = move |ev| {
        let rule = Rule::default_of(&event_target_value(&ev));
        let _ = set(&|r| {
            *r = rule.clone();
            Ok(())
        });
    };
    let options = Rule::KINDS
        .iter()
        .map(|(k, l)| view! { <option value=*k selected=move || rule_kind.get() == *k>{*l}</option> })
        .collect_view();
    // a numeric parameter: read as the parser reads figures, then put into the rule
    let num = move |put: fn(&mut Rule, Decimal)| {
        move |t: &str| {
            let v = number(t)?;
            set(&|r| {
                put(r, v);
                Ok(())
            })
        }
    };
    // a parameter chosen from fixed values, put into the rule
    let choose = move |put: fn(&mut Rule, &str)| {
        move |v: &str| {
            set(&|r| {
                put(r, v);
                Ok(())
            })
        }
    };
    let params = move || {
        let id = id.clone();
        let current = row.with_untracked(|r| r.rule.clone());
        match (rule_kind.get(), current) {
            ("deduct", Rule::Deduct { limit, per_unit, direction, whole_units }) => view! {
                <Param label="限值" initial=fmt_plain(limit)
                    apply=num(|r, v| if let Rule::Deduct { limit, .. } = r { *limit = v })/>
                <Param label="每单位扣分" initial=fmt_plain(per_unit)
                    apply=num(|r, v| if let Rule::Deduct { per_unit, .. } = r { *per_unit = v })/>
                <ParamChoice label="扣分方向" options=[("over", "超过限值扣分"), ("under", "低于限值扣分")]
                    selected=if direction == Direction::Under { "under" } else { "over" }
                    pick=choose(|r, v| if let Rule::Deduct { direction, .. } = r {
                        *direction = if v == "under" { Direction::Under } else { Direction::Over };
                    })/>
                <label class="flag">
                    <input type="checkbox" prop:checked=whole_units on:change=move |ev| {
                        let v = event_target_checked(&ev);
                        let _ = set(&|r| { if let Rule::Deduct { whole_units, .. } = r { *whole_units = v; } Ok(()) });
                    }/>
                    <span>"不足一个单位按一个单位计"</span>
                </label>
            }
            .into_any(),
            ("bands", Rule::Bands { bands }) => view! {
                <Param label="分档（每行一档，如 ≥80 <90 → 4）" initial=bands_text(&bands) multiline=true
                    apply=move |t| {
                        let v = parse_bands(t)?;
                        set(&|r| { *r = Rule::Bands { bands: v.clone() }; Ok(()) })
                    }/>
            }
            .into_any(),
            ("checklist", Rule::Checklist { items, per_item, mode }) => {
                let id2 = id.clone();
                let ticks = move || {
                    let items = row.with(|r| match &r.rule {
                        Rule::Checklist { items, .. } => items.clone(),
                        _ => Vec::new(),
                    });
                    let id = id2.clone();
                    items
                        .into_iter()
                        .map(|item| {
                            let it = item.clone();
                            let it2 = item.clone();
                            let id = id.clone();
                            view! {
                                <label class="flag tick">
                                    <input type="checkbox"
                                        prop:checked=move || row.with(|r| r.checked.contains(&it))
                                        on:change=move |ev| {
                                            session.edit(Edit::Check { id: id.clone(), item: it2.clone(), on: event_target_checked(&ev) });
                                        }/>
                                    <span>{item}</span>
                                </label>
                            }
                        })
                        .collect_view()
                };
                let no_items = move || row.with(|r| matches!(&r.rule, Rule::Checklist { items, .. } if items.is_empty()));
                let actual = Field::indicator(&id, IndicatorField::Actual);
                view! {
                    <Param label="检查项（每行一项；留空则直接填项数）" initial=items.join("\n") multiline=true
                        apply=move |t| {
                            let v: Vec<String> = t.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
                            set(&|r| { if let Rule::Checklist { items, .. } = r { *items = v.clone(); } Ok(()) })
                        }/>
                    <ParamChoice label="计分方式" options=[("add", "符合一项得分"), ("deduct", "违规一项扣分")]
                        selected=if mode == ChecklistMode::Deduct { "deduct" } else { "add" }
                        pick=choose(|r, v| if let Rule::Checklist { mode, .. } = r {
                            *mode = if v == "deduct" { ChecklistMode::Deduct } else { ChecklistMode::Add };
                        })/>
                    <Param label="每项分值" initial=fmt_plain(per_item)
                        apply=num(|r, v| if let Rule::Checklist { per_item, .. } = r { *per_item = v })/>
                    <div class="ticks">{ticks}</div>
                    <Show when=no_items>
                        <FigureInput field=actual.clone() label="项数"
                            value=Signal::derive(move || row.with(|r| r.actual.0.clone()))/>
                    </Show>
                }
                .into_any()
            }
            ("grade", Rule::Grade { ladder }) => {
                let actual = Field::indicator(&id, IndicatorField::Actual);
                let path = actual.to_string();
                let choices = move || {
                    let ladder = row.with(|r| match &r.rule {
                        Rule::Grade { ladder } => ladder.clone(),
                        _ => Vec::new(),
                    });
                    ladder
                        .into_iter()
                        .map(|s| {
                            let l2 = s.label.clone();
                            let label = s.label.clone();
                            view! { <option value=s.label selected=move || row.with(|r| r.actual.0 == l2)>{label}</option> }
                        })
                        .collect_view()
                };
                view! {
                    <label class="field">
                        <span class="field-label">"评定等级"</span>
                        <select data-path=path on:change=move |ev| session.set(&actual, event_target_value(&ev))>
                            <option value="" selected=move || row.with(|r| r.actual.0.is_empty())>"请选择"</option>
                            {choices}
                        </select>
                    </label>
                    <Param label="等级与系数（%）" initial=ladder_text(&ladder)
                        apply=move |t| {
                            let v = parse_ladder(t)?;
                            set(&|r| { *r = Rule::Grade { ladder: v.clone() }; Ok(()) })
                        }/>
                }
                .into_any()
            }
            ("manual", _) => view! {
                <FigureInput field=Field::indicator(&id, IndicatorField::ManualScore)
                    value=Signal::derive(move || row.with(|r| r.manual_score.0.clone()))/>
            }
            .into_any(),
            _ => ().into_any(),
        }
    };
    view! {
        <div class="rule">
            <label class="field">
                <span class="field-label">"评分规则"</span>
                <select class="rule-kind" on:change=pick>{options}</select>
            </label>
            {params}
            <span class="hint criterion">{move || row.with(|r| r.criterion.clone())}</span>
        </div>
    }
}

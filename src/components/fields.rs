//! Inputs bound to a draft field. Each shows the field's value from the draft and sends what
//! the user types back as an edit; each carries the field's path as `data-path`, so a finding
//! can focus it.

use leptos::prelude::*;
use selfeval_core::base::number::{parse_in, parse_measure};
use selfeval_core::model::char_count;
use selfeval_core::model::field::{Field, IndicatorField};

use crate::state::Session;

/// The value of `field`: a signal that changes only when the field does.
pub fn value_of(session: Session, field: &Field) -> Signal<String> {
    session.values.of(field)
}

/// A mark beside a field's label while it has open comments.
fn badge(session: Session, path: &str) -> impl IntoView {
    let path = path.to_string();
    move || {
        session.open_comments.with(|m| m.get(&path).copied()).map(|n| {
            view! { <span class="comment-badge" title=format!("{n} 条未解决的批注")>{format!("批注 {n}")}</span> }
        })
    }
}

/// What every input starts from: the session, the field's value (or the one given), its path.
fn bind(field: &Field, value: Option<Signal<String>>) -> (Session, Signal<String>, String) {
    let session = expect_context::<Session>();
    let value = value.unwrap_or_else(|| value_of(session, field));
    (session, value, field.to_string())
}

/// A one-line text field.
#[component]
pub fn TextInput(
    #[prop(into)] field: Field,
    /// The field's own name unless given.
    #[prop(optional, into)]
    label: Option<String>,
    #[prop(optional, into)] value: Option<Signal<String>>,
    #[prop(optional, into)] placeholder: String,
    #[prop(optional, into)] class: String,
) -> impl IntoView {
    let (session, value, path) = bind(&field, value);
    let label = label.unwrap_or_else(|| field.label().to_string());
    view! {
        <label class=format!("field {class}")>
            <span class="field-label">{label}{badge(session, &path)}</span>
            <input
                type="text"
                data-path=path
                placeholder=placeholder
                prop:value=move || value.get()
                on:input=move |ev| session.set(&field, event_target_value(&ev))
            />
        </label>
    }
}

/// A text area that grows with its text, with a live counter where a limit applies.
#[component]
pub fn TextArea(
    #[prop(into)] field: Field,
    /// The field's own name unless given.
    #[prop(optional, into)]
    label: Option<String>,
    #[prop(optional, into)] value: Option<Signal<String>>,
    #[prop(optional, into)] limit: Option<Signal<Option<usize>>>,
    #[prop(optional, into)] placeholder: String,
    #[prop(optional)] rows: Option<usize>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let value = value.unwrap_or_else(|| value_of(session, &field));
    let limit = limit.unwrap_or_else(|| Signal::derive(|| None));
    let path = field.to_string();
    let label = label.unwrap_or_else(|| field.label().to_string());
    let min_rows = rows.unwrap_or(2);
    // rows as a fallback where CSS field-sizing is not supported
    let rows = move || {
        value.with(|v| {
            let lines: usize = v.lines().map(|l| 1 + l.chars().count() / 48).sum();
            lines.max(min_rows)
        })
    };
    let counter = move || {
        limit.get().map(|max| {
            let n = value.with(|v| char_count(v));
            let over = n > max;
            view! {
                <span class="counter" class:over=over>{format!("{n} / {max} 字")}</span>
            }
        })
    };
    // the label names the field; the counter describes it (not part of its name)
    let id = format!("f-{path}");
    let about = format!("{id}-about");
    view! {
        <div class="field wide">
            <span class="field-label"><label for=id.clone()>{label}</label>{badge(session, &path)}<span id=about.clone()>{counter}</span></span>
            <textarea
                id=id
                aria-describedby=about
                data-path=path
                rows=rows
                placeholder=placeholder
                prop:value=move || value.get()
                on:input=move |ev| session.set(&field, event_target_value(&ev))
            ></textarea>
        </div>
    }
}

/// A number field: accepts every form the core parser does, shows the value it read, and
/// marks a text it cannot read with the parser's message — keeping the text as typed.
#[component]
pub fn FigureInput(
    #[prop(into)] field: Field,
    /// The field's own name unless given.
    #[prop(optional, into)]
    label: Option<String>,
    #[prop(optional, into)] value: Option<Signal<String>>,
    #[prop(optional, into)] unit: String,
    #[prop(optional, into)] class: String,
) -> impl IntoView {
    // a target or result reads as tables write it ("26次", "≥95%"), or as a 定性 word of the pack
    let measure = matches!(
        &field,
        Field::Indicator {
            field: IndicatorField::Target | IndicatorField::TargetAdjusted | IndicatorField::Actual,
            ..
        }
    );
    let (session, value, path) = bind(&field, value);
    let label = label.unwrap_or_else(|| field.label().to_string());
    let name = label.clone();
    let unit_of = unit.clone();
    let parsed = Memo::new(move |_| {
        value.with(|v| {
            if !measure {
                return parse_in(&unit_of, &name, v);
            }
            let word = session
                .pack
                .with(|p| p.qualitative.iter().any(|s| s.label == v.trim()));
            if word {
                Ok(None)
            } else {
                parse_measure(&name, v)
            }
        })
    });
    let unit_view = (!unit.is_empty()).then(|| view! { <span class="unit">{unit.clone()}</span> });
    let hint = move || match parsed.get() {
        Ok(Some(v)) => {
            let typed = value.get();
            let shown = v.normalize().to_string();
            // only echo the value when it differs from what was typed
            (typed.trim() != shown)
                .then(|| view! { <span class="parsed">{format!("= {shown}")}</span> }.into_any())
        }
        Ok(None) => None,
        Err(e) => {
            Some(view! { <span class="parse-error" role="alert">{e.reason}</span> }.into_any())
        }
    };
    // the label names the field; what it read, or what is wrong, describes it
    let id = format!("f-{path}");
    let about = format!("{id}-about");
    view! {
        <div class=format!("field figure {class}") class:invalid=move || parsed.with(|p| p.is_err())>
            <span class="field-label"><label for=id.clone()>{label}</label>{badge(session, &path)}</span>
            <span class="figure-box">
                <input
                    type="text"
                    inputmode="decimal"
                    id=id
                    aria-describedby=about.clone()
                    data-path=path
                    aria-invalid=move || parsed.with(|p| p.is_err()).to_string()
                    prop:value=move || value.get()
                    on:input=move |ev| session.set(&field, event_target_value(&ev))
                />
                {unit_view}
            </span>
            <span class="field-about" id=about>{hint}</span>
        </div>
    }
}

/// A checkbox for a flag field ("true" / "false").
#[component]
pub fn Flag(
    #[prop(into)] field: Field,
    /// The field's own name unless given.
    #[prop(optional, into)]
    label: Option<String>,
    #[prop(optional, into)] value: Option<Signal<String>>,
) -> impl IntoView {
    let (session, value, path) = bind(&field, value);
    let label = label.unwrap_or_else(|| field.label().to_string());
    view! {
        <label class="flag">
            <input
                type="checkbox"
                data-path=path
                prop:checked=move || value.get() == "true"
                on:change=move |ev| session.set(&field, event_target_checked(&ev).to_string())
            />
            <span>{label}</span>
        </label>
    }
}

/// A choice among fixed values: (value, label) pairs.
#[component]
pub fn Choice(
    #[prop(into)] field: Field,
    /// The field's own name unless given.
    #[prop(optional, into)]
    label: Option<String>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] value: Option<Signal<String>>,
    #[prop(optional, into)] class: String,
) -> impl IntoView {
    let (session, value, path) = bind(&field, value);
    let label = label.unwrap_or_else(|| field.label().to_string());
    let options = options
        .into_iter()
        .map(|(v, l)| {
            let v2 = v.clone();
            view! { <option value=v selected=move || value.get() == v2>{l}</option> }
        })
        .collect_view();
    view! {
        <label class=format!("field {class}")>
            <span class="field-label">{label}{badge(session, &path)}</span>
            <select
                data-path=path
                prop:value=move || value.get()
                on:change=move |ev| session.set(&field, event_target_value(&ev))
            >
                {options}
            </select>
        </label>
    }
}

/// A figure the app computes, shown beside the inputs it comes from (read-only): `children`
/// is its `<output>`.
#[component]
pub fn ComputedFigure(#[prop(into)] label: String, children: Children) -> impl IntoView {
    view! {
        <div class="field computed">
            <span class="field-label">{label}</span>
            {children()}
        </div>
    }
}

/// A select that acts when a choice is made, not while the keyboard walks through it: Chromium
/// fires `change` on every arrow key over a closed select, and a pack switch or a 定稿 must not
/// happen on the way to another option. A choice reached by keys is taken on Enter or when
/// the select is left; one picked from the open list (mouse, or Space/Alt+↓ then Enter) at once.
#[derive(Clone, Copy)]
pub struct Deliberate {
    keyed: StoredValue<bool>,
    pending: StoredValue<bool>,
}

impl Default for Deliberate {
    fn default() -> Self {
        Deliberate {
            keyed: StoredValue::new(false),
            pending: StoredValue::new(false),
        }
    }
}

impl Deliberate {
    pub fn keydown(&self, ev: &web_sys::KeyboardEvent, act: impl Fn()) {
        let key = ev.key();
        match key.as_str() {
            "Enter" if self.pending.get_value() => {
                ev.prevent_default();
                self.pending.set_value(false);
                self.keyed.set_value(false);
                act();
            }
            // these open the list: what is picked there is deliberate
            " " | "F4" => self.keyed.set_value(false),
            "ArrowDown" | "ArrowUp" if ev.alt_key() => self.keyed.set_value(false),
            k if k.starts_with("Arrow")
                || matches!(k, "Home" | "End" | "PageUp" | "PageDown")
                || k.chars().count() == 1 =>
            {
                self.keyed.set_value(true)
            }
            _ => {}
        }
    }

    pub fn change(&self, act: impl Fn()) {
        if self.keyed.get_value() {
            self.pending.set_value(true);
        } else {
            act();
        }
    }

    pub fn blur(&self, act: impl Fn()) {
        self.keyed.set_value(false);
        if self.pending.get_value() {
            self.pending.set_value(false);
            act();
        }
    }

    pub fn pointer(&self) {
        self.keyed.set_value(false);
    }
}

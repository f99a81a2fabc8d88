use leptos::prelude::*;
use selfeval_core::model::field::Part;

use crate::state::{Nav, Route, Session};

/// The outline on the side: the form's parts and the report's numbered sections.
#[component]
pub fn OutlineNav() -> impl IntoView {
    let session = expect_context::<Session>();
    let nav = expect_context::<Nav>();
    let id = session.id.get_value();
    let current = move || match nav.route.get() {
        Route::Draft { part, .. } => Some(part.unwrap_or(Part::Info)),
        Route::Home | Route::Batch => None,
    };
    let link = {
        let id = id.clone();
        move |part: Part, label: String, class: &'static str| {
            let href = Route::Draft {
                id: id.clone(),
                part: Some(part.clone()),
            }
            .href();
            let p = part.clone();
            view! {
                <li class=class>
                    <a href=href aria-current=move || (current().as_ref() == Some(&p)).then_some("location")>{label}</a>
                </li>
            }
        }
    };
    let fixed = {
        let link = link.clone();
        Part::BEFORE_TEXT
            .iter()
            .map(|(p, l)| link(p.clone(), l.to_string(), "l0"))
            .collect_view()
    };
    // only the outline's shape matters here: typing in a section's text redraws nothing
    let outline = Memo::new(move |_| {
        session.numbers.with(|numbers| {
            session.report.with(|r| {
                r.sections
                    .iter()
                    .zip(numbers)
                    .map(|(s, (_, n))| (s.id.clone(), s.level, format!("{n}{}", s.title)))
                    .collect::<Vec<_>>()
            })
        })
    });
    let sections = {
        let link = link.clone();
        move || {
            outline
                .get()
                .into_iter()
                .map(|(id, level, label)| {
                    let class = match level {
                        1 => "l1",
                        2 => "l2",
                        _ => "l3",
                    };
                    link(Part::Section(id), label, class)
                })
                .collect_view()
        }
    };
    let tail = Part::AFTER_TEXT
        .iter()
        .map(|(p, l)| link(p.clone(), l.to_string(), "l0"))
        .collect_view();
    view! {
        <nav class="outline" aria-label="目录">
            <ul>
                {fixed}
                <li class="l0 group">"报告正文"</li>
                {sections}
                {tail}
            </ul>
        </nav>
    }
}

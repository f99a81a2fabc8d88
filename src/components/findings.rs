use leptos::prelude::*;
use selfeval_core::model::field::Field;
use selfeval_core::Severity;

use super::keyed;
use crate::state::{Layout, Nav, Route, Session};
use crate::web::focus::focus;

/// Bring `field` into view and focus it (or its part, for a whole-table finding).
/// `layout` is the editor's, where there is one (see `Layout::jump`); it is looked up when the
/// component is made, not in the click, which runs outside any owner.
pub fn focus_field(nav: Nav, session: Session, layout: Option<Layout>, field: &Field) {
    let part = field.part();
    nav.replace(Route::Draft {
        id: session.id.get_value(),
        part: Some(part.clone()),
    });
    // a long grid draws its row first (it scrolls to it in this task; the row is there by the
    // next frame)
    if let Some(layout) = layout {
        layout.jump.set(Some(field.clone()));
    }
    let path = field.to_string();
    request_animation_frame(move || {
        let doc = document();
        let selector = format!("[data-path=\"{}\"]", path.replace('"', ""));
        match doc.query_selector(&selector).ok().flatten() {
            Some(el) => {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
                focus(&el);
            }
            None => {
                if let Some(el) = doc.get_element_by_id(&format!("part-{part}")) {
                    el.scroll_into_view();
                }
            }
        }
    });
}

/// The check results, errors first; clicking one jumps to the field concerned.
#[component]
pub fn FindingsList() -> impl IntoView {
    let session = expect_context::<Session>();
    let nav = expect_context::<Nav>();
    let layout = use_context::<Layout>();
    // keyed by what a finding says and where, with its place among equal ones (not by its
    // place in the list): a finding that comes or goes leaves the others' DOM alone
    let sorted = move || {
        let mut f = session.findings.get();
        // stable: keeps document order within each severity
        selfeval_core::base::sort::sort_by_key(&mut f, |f| f.severity);
        let mut seen = std::collections::HashMap::<(String, String), usize>::new();
        f.into_iter()
            .map(|f| {
                let n = seen
                    .entry((f.path.to_string(), f.message.clone()))
                    .or_default();
                *n += 1;
                (*n, f)
            })
            .collect::<Vec<_>>()
    };
    let heading = move || {
        session.summary.with(|s| match (s.errors, s.warnings) {
            (0, 0) => "检查结果：未发现问题".to_string(),
            (e, w) => format!("检查结果：{e} 个错误，{w} 个提示"),
        })
    };
    view! {
        <section class="panel" aria-labelledby="findings-h">
            <h2 id="findings-h">{heading}</h2>
            <ul id="findings" class="findings">
                {keyed(sorted, |(n, f)| (*n, f.path.clone(), f.message.clone()), move |(_, f)| {
                    let class = match f.severity {
                        Severity::Error => "finding error",
                        Severity::Warning => "finding warning",
                    };
                    let path = f.path.clone();
                    view! {
                        <li class=class>
                            <button type="button" data-finding=f.path.to_string()
                                on:click=move |_| focus_field(nav, session, layout, &path)>
                                <span class="badge">{f.severity.label()}</span>
                                <span class="msg">{f.message.clone()}</span>
                            </button>
                        </li>
                    }
                })}
            </ul>
        </section>
    }
}

use leptos::prelude::*;
use selfeval_core::Severity;

use crate::state::Draft;

/// The check results: errors first, then warnings, each with its message in Chinese.
#[component]
pub fn FindingsList() -> impl IntoView {
    let draft = expect_context::<Draft>();
    let sorted = move || {
        let mut f = draft.findings.get();
        // stable: keeps document order within each severity
        f.sort_by_key(|f| f.severity);
        f.into_iter().enumerate().collect::<Vec<_>>()
    };
    let heading = move || {
        draft.summary.with(|s| match (s.errors, s.warnings) {
            (0, 0) => "检查结果：未发现问题".to_string(),
            (e, w) => format!("检查结果：{e} 个错误，{w} 个提示"),
        })
    };
    view! {
        <section class="panel" aria-labelledby="findings-h">
            <h2 id="findings-h">{heading}</h2>
            <ul id="findings" class="findings">
                <For
                    each=sorted
                    key=|(i, f)| (*i, f.path.clone(), f.message.clone())
                    children=|(_, f)| {
                        let class = match f.severity {
                            Severity::Error => "finding error",
                            Severity::Warning => "finding warning",
                        };
                        view! {
                            <li class=class data-path=f.path.clone()>
                                <span class="badge">{f.severity.label()}</span>
                                <span class="msg">{f.message.clone()}</span>
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}

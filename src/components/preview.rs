use leptos::prelude::*;
use selfeval_core::document::{document, Block, Run};

use crate::state::Session;

fn runs(runs: Vec<Run>) -> impl IntoView {
    runs.into_iter()
        .map(|r| match r {
            Run::Text(t) => view! { <span>{t}</span> }.into_any(),
            Run::Bold(t) => view! { <b>{t}</b> }.into_any(),
        })
        .collect_view()
}

fn block(b: Block) -> AnyView {
    match b {
        Block::Title(t) => view! { <h1 class="doc-title">{t}</h1> }.into_any(),
        Block::Heading { level, number, text, .. } => {
            let text = format!("{number}{text}");
            match level {
                1 => view! { <h2 class="h1">{text}</h2> }.into_any(),
                2 => view! { <h3 class="h2">{text}</h3> }.into_any(),
                _ => view! { <h4 class="h3">{text}</h4> }.into_any(),
            }
        }
        Block::Paragraph(r) => view! { <p>{runs(r)}</p> }.into_any(),
        Block::Table { caption, header, rows } => view! {
            <table class="doc-table">
                <caption>{caption}</caption>
                <thead><tr>{header.into_iter().map(|h| view! { <th>{h}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
    }
}

/// The formatted report as it will be handed in, with computed figures filled in.
#[component]
pub fn Preview() -> impl IntoView {
    let session = expect_context::<Session>();
    let blocks = Memo::new(move |_| {
        session
            .evaluation
            .with(|e| session.report.with(|r| document(r, e)))
    });
    // keyed by position and content: an edit re-renders only the blocks it changed
    let each = move || blocks.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <section class="panel preview" aria-label="报告预览">
            <h2>"预览"</h2>
            <article id="preview" class="doc">
                <For each=each key=|(i, b)| (*i, b.clone())
                    children=|(_, b)| block(b)/>
            </article>
        </section>
    }
}

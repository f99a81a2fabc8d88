use leptos::prelude::*;
use selfeval_core::report::document::{document, Block, Run};

use super::keyed;
use crate::state::Session;

fn runs(runs: Vec<Run>) -> impl IntoView {
    runs.into_iter()
        .map(|r| match r {
            Run::Text(t) => view! { <span>{t}</span> }.into_any(),
            Run::Bold(t) => view! { <b>{t}</b> }.into_any(),
        })
        .collect_view()
}

fn text_block(b: Block) -> AnyView {
    match b {
        Block::Title(t) => view! { <h1 class="doc-title">{t}</h1> }.into_any(),
        Block::Heading {
            level,
            number,
            text,
            ..
        } => {
            let text = format!("{number}{text}");
            match level {
                1 => view! { <h2 class="h1">{text}</h2> }.into_any(),
                2 => view! { <h3 class="h2">{text}</h3> }.into_any(),
                _ => view! { <h4 class="h3">{text}</h4> }.into_any(),
            }
        }
        Block::Paragraph(r) => view! { <p>{runs(r)}</p> }.into_any(),
        Block::Appendix(t) => view! { <h2 class="appendix">{t}</h2> }.into_any(),
        Block::Signoff(fields) => view! {
            <p class="signoff">
                {fields.into_iter().map(|(l, v)| view! { <span>{format!("{l}：{v}")}</span> }).collect_view()}
            </p>
        }
        .into_any(),
        Block::Table(_) => ().into_any(),
    }
}

/// How the preview keys its items: a text block by its content, a table by its caption only
/// (its rows are keyed inside [`DocTable`]).
#[derive(Clone, PartialEq, Eq, Hash)]
enum Item {
    Text(Block),
    Table(String),
}

/// One table of the document; its rows are keyed, so an edit redraws only the rows it changed
/// (a 300-row indicator table stays put while one score moves).
#[component]
fn DocTable(caption: String, blocks: Memo<Vec<Block>>) -> impl IntoView {
    let cap = caption.clone();
    let table = Memo::new(move |_| {
        blocks
            .with(|bs| {
                bs.iter().find_map(|b| match b {
                    Block::Table(t) if t.caption == cap => Some((t.header.clone(), t.rows.clone())),
                    _ => None,
                })
            })
            .unwrap_or_default()
    });
    let header = move || {
        table.with(|t| {
            t.0.iter()
                .map(|h| view! { <th>{h.clone()}</th> })
                .collect_view()
        })
    };
    let rows = move || table.with(|t| t.1.iter().cloned().enumerate().collect::<Vec<_>>());
    let label = caption.clone();
    // the 自评表 prints on a landscape page: here too, scrolling sideways within its sheet
    // rather than squeezed to a character a line
    view! {
        // focusable, so the keyboard can scroll it too
        <div class="doc-landscape" tabindex="0" role="region" aria-label=label>
        <table class="doc-table">
            <caption>{caption}</caption>
            <thead><tr>{header}</tr></thead>
            <tbody>
                {keyed(rows, |(i, r)| (*i, r.clone()), |(_, r)| view! {
                    <tr class:total=r.total>{r.cells.iter().map(|c| view! { <td class:num=c.is_figure()>{c.shown()}</td> }).collect_view()}</tr>
                })}
            </tbody>
        </table>
        </div>
    }
}

/// An A4 page's width in CSS px (210 mm at 96 dpi).
const A4_WIDTH: u32 = 794;

/// The formatted report as it will be handed in, with computed figures filled in.
#[component]
pub fn Preview() -> impl IntoView {
    let session = expect_context::<Session>();
    let blocks = session.side_figure(document);
    // keyed by position and content: an edit re-renders only the blocks it changed
    let items = move || {
        blocks.with(|b| {
            b.iter()
                .map(|b| match b {
                    Block::Table(t) => Item::Table(t.caption.clone()),
                    other => Item::Text(other.clone()),
                })
                .enumerate()
                .collect::<Vec<_>>()
        })
    };
    // the page is an A4 sheet (794 CSS px) scaled to the panel: lines break where they will
    // on paper
    let panel = NodeRef::<leptos::html::Section>::new();
    // in thousandths: formatting an f64 would link the float printer (about 10 KB of wasm)
    let zoom = RwSignal::new(1000_u32);
    // (also called a frame later, when the editor may be gone: another screen opened at once)
    let fit = move || {
        if let Some(Some(el)) = panel.try_get_untracked() {
            let room = el.client_width() - 34;
            if room > 0 {
                zoom.try_set((room as u32 * 1000 / A4_WIDTH).min(1000));
            }
        }
    };
    Effect::new(move |_| {
        if panel.get().is_some() {
            request_animation_frame(fit);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| fit());
    on_cleanup(move || resize.remove());
    view! {
        <section class="panel preview" aria-label="报告预览" node_ref=panel>
            <h2>"预览"</h2>
            <article id="preview" class="doc doc-page" style:zoom=move || { let z = zoom.get(); format!("{}.{:03}", z / 1000, z % 1000) }>
                {keyed(items, |(i, item)| (*i, item.clone()), move |(_, item)| match item {
                    Item::Text(b) => text_block(b),
                    Item::Table(caption) => view! { <DocTable caption=caption blocks=blocks/> }.into_any(),
                })}
            </article>
        </section>
    }
}

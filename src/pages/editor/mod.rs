//! The editor: outline on the side, the form in the middle, figures, findings and the preview
//! beside it (on a tab on narrow screens).

mod budget;
mod closing;
mod grid;
mod indicators;
mod info;
mod lists;
mod rule_editor;
mod sections;

use leptos::prelude::*;
use selfeval_core::model::field::Part;

use crate::components::comments::{CommentDialog, CommentDraft};
use crate::components::{
    Charts, CommentsList, FindingsList, Later, OutlineNav, Preview, PrintRoot, PrintView, Reveal,
    SaveBanner, ScoreTable, SummaryBar, SummaryCards, Toolbar,
};
use crate::state::{Layout, Nav, Route, Session};
use crate::web::focus::focus_start;

pub use budget::BudgetPart;
pub use closing::{ClosingPart, SignoffPart};
pub use indicators::IndicatorsPart;
pub use info::InfoPart;
pub use lists::{GoalsPart, RowTools, TasksPart};
pub use sections::SectionsPart;

/// One part of the form with its heading; its anchor (`part-<slug>`) is what the outline and
/// the URL point at. The narrative, whose sections are parts each, has a plain `anchor`.
#[component]
pub fn EditorPart(
    #[prop(optional)] part: Option<Part>,
    #[prop(optional)] anchor: &'static str,
    title: &'static str,
    children: Children,
) -> impl IntoView {
    let id = part.map_or_else(|| anchor.to_string(), |p| p.slug().to_string());
    view! {
        <section class="part" id=format!("part-{id}")>
            <h2>{title}</h2>
            {children()}
        </section>
    }
}

/// A draft naming a pack this browser does not have: say so, and how to bring it in.
#[component]
fn PackMissing() -> impl IntoView {
    let session = expect_context::<Session>();
    let library = expect_context::<crate::state::Library>();
    move || {
        let id = session.report.with(|r| r.pack_id.clone());
        let present = library.packs.with(|p| p.iter().any(|p| p.id == id));
        (!present).then(|| {
            let used = session.pack.with(|p| p.name.clone());
            view! {
                <div class="banner warn" id="pack-missing" role="alert">
                    <p>{format!(
                        "本草稿使用的评价指标体系“{id}”不在本机，暂按“{used}”计分。请向下发该体系的部门索取其文件，在草稿列表的“评价指标体系”中导入。"
                    )}</p>
                </div>
            }
        })
    }
}

/// Which side panel shows on narrow screens.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pane {
    Form,
    Preview,
}

#[component]
pub fn Editor() -> impl IntoView {
    let session = expect_context::<Session>();
    let nav = expect_context::<Nav>();
    // the page's title names the draft and the part in view (tabs, history, screen readers);
    // a memo, so a keystroke that leaves it as it was does not write it again
    let title = Memo::new(move |_| {
        let name = session.report.with(|r| r.display_name());
        let part = match nav.route.get() {
            Route::Draft { part: Some(p), .. } => session.report.with(|r| p.label(r)),
            _ => String::new(),
        };
        [name, part, "绩效自评".into()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    });
    Effect::new(move |_| title.with(|t| document().set_title(t)));
    // the sample says it is one, and how to start one's own
    let is_sample = move || session.report.with(|r| r.name.starts_with("示例："));
    let pane = RwSignal::new(Pane::Form);
    let layout = Layout::new(session.report.with_untracked(|r| r.indicators.len()));
    provide_context(layout);
    provide_context(CommentDraft(RwSignal::new(None)));
    provide_context(PrintView(RwSignal::new(None)));
    // the blocks below the fold (the `Later` steps below) are built after the first paint
    let reveal = Reveal::after_first_paint(7);
    provide_context(reveal);

    // bring the part named in the URL into view (after a reload too); one reached from the
    // outline takes the focus to its heading, so Tab goes on into it
    Effect::new(move |before: Option<()>| {
        if let Route::Draft {
            part: Some(part), ..
        } = nav.route.get()
        {
            reveal.all();
            let moved = before.is_some();
            request_animation_frame(move || {
                if let Some(el) = document().get_element_by_id(&format!("part-{part}")) {
                    el.scroll_into_view();
                    // only when the outline was the way here: a finding focuses its own field
                    let from_outline = document()
                        .active_element()
                        .is_some_and(|a| a.closest(".outline").ok().flatten().is_some());
                    if moved && from_outline {
                        // its heading, or the section's card itself
                        focus_start(&el.query_selector("h2").ok().flatten().unwrap_or(el));
                    }
                }
            });
        }
    });

    view! {
        <main class="editor-main" class:wide=move || layout.wide()>
        // the bar and any save problem stay in sight while the form scrolls
        <div class="editor-head">
            <Toolbar/>
            <SaveBanner/>
            <PackMissing/>
            <SummaryBar/>
        </div>
        // the sample note scrolls away with the page: it is read once, not worn all the time
        <Show when=is_sample>
                <p class="banner info sample-note" id="sample-note" role="note"><span>
                    "这是示例草稿（广州市黄埔区人大常委会办公室 2021 年的报告），可随意修改试用，不影响其他草稿。起草自己的报告："
                    <a href="#/">"回到草稿列表"</a>
                    "，选好评价指标体系后点“新建空白草稿”，或导入已有的草稿文件。"
                </span></p>
        </Show>
        <div class="editor" class:show-preview=move || pane.get() == Pane::Preview>
            <OutlineNav/>
            <div class="pane-tabs" role="tablist">
                <button role="tab" aria-selected=move || (pane.get() == Pane::Form).to_string()
                    on:click=move |_| pane.set(Pane::Form)>"填写"</button>
                <button role="tab" id="tab-preview" aria-selected=move || (pane.get() == Pane::Preview).to_string()
                    on:click=move |_| pane.set(Pane::Preview)>"预览"</button>
            </div>
            <form class="form" on:submit=|ev| ev.prevent_default()>
                <fieldset disabled=move || session.read_only() || session.is_final()
                    on:focusin=move |ev| {
                        let path = ev.target()
                            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                            .and_then(|el| el.get_attribute("data-path"));
                        if path.is_some() { session.focused.set(path); }
                    }>
                    <InfoPart/>
                    <TasksPart/>
                    <Later step=1><GoalsPart/></Later>
                    <Later step=2><BudgetPart/></Later>
                    <Later step=3><IndicatorsPart/></Later>
                    <Later step=4><SectionsPart/></Later>
                    <Later step=5><ClosingPart/><SignoffPart/></Later>
                </fieldset>
            </form>
            <aside class="side">
                <SummaryCards/>
                <CommentsList/><FindingsList/><ScoreTable/>
                <Later step=6><Charts/></Later>
                <Later step=7 class="preview-slot"><Preview/></Later>
            </aside>
        </div>
        </main>
        <CommentDialog/>
        <PrintRoot/>
    }
}

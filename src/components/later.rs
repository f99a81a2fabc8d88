//! The editor's out-of-sight blocks, built after the first paint.
//!
//! A first visit opens on 基本信息 with the figures beside it; the rest of the form, the charts
//! and the 15-page preview are below the fold. Building them all before the first paint kept
//! the page blank (and a keystroke waiting) for the whole editor. [`Reveal`] builds one block
//! per idle callback after that paint instead, so the first screen shows sooner and input is
//! handled between blocks. A route naming a part (a reload, an outline click, a finding) builds all at
//! once, so the part is there to scroll to.
//!
//! The blocks' code is in the rest of a split build ([`Rest`]): none is built before it is in.
//!
//! Behind a first visit's prerendered screen (src/prerender.rs) the first screen's own blocks
//! ([`Early`]) are built a task each too, hidden, and the page replaces the prerendered one
//! once they are all in: a keystroke into that one never waits for the whole editor.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::prerender;
use crate::state::Rest;

/// How far the editor's blocks are built: block `n` shows once `stage >= n`. Blocks
/// 1..=`first` are the first screen's ([`Early`]), the others below the fold ([`Later`]).
#[derive(Clone, Copy)]
pub struct Reveal {
    stage: RwSignal<u8>,
    first: u8,
    last: u8,
    rest: Rest,
}

impl Reveal {
    /// The first screen's `first` blocks at once (behind a prerendered screen, a task each);
    /// then the `later` ones, the first built once the page is idle after the next paint.
    pub fn after_first_paint(first: u8, later: u8) -> Reveal {
        let staged = prerender::hold();
        let r = Reveal {
            stage: RwSignal::new(if staged { 0 } else { first }),
            first,
            last: first + later,
            rest: expect_context::<Rest>(),
        };
        if staged {
            leptos::task::spawn_local(async move {
                for n in 1..=first {
                    prerender::next_task().await;
                    match r.stage.try_get_untracked() {
                        None => return prerender::release(), // the editor is gone
                        Some(built) if built < n => r.stage.set(n),
                        Some(_) => {}
                    }
                }
                prerender::release();
                request_animation_frame(move || r.next());
            });
        } else {
            request_animation_frame(move || r.next());
        }
        r
    }

    /// Whether the blocks can be built: their code is in (tracked).
    pub fn loaded(self) -> bool {
        self.rest.loaded()
    }

    /// Build the next block in a task of its own, then the one after: when the page is idle
    /// (input and anything else waiting goes first), or after a short wait where the browser
    /// has no idle callbacks (Safari).
    fn next(self) {
        let step = move || {
            // the editor may be gone (another draft opened): its signal with it
            let Some(n) = self.stage.try_get_untracked() else {
                return;
            };
            if n < self.last {
                self.stage.set(n + 1);
                self.next();
            }
        };
        let idle = js_sys::Reflect::get(&window(), &"requestIdleCallback".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        match idle {
            Some(idle) => {
                let cb = Closure::once_into_js(step);
                // within 100 ms even on a page that is never idle
                let options = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&options, &"timeout".into(), &100.into());
                let _ = idle.call2(&window(), &cb, &options);
            }
            None => set_timeout(step, Duration::from_millis(1)),
        }
    }

    /// Everything now (something is about to be scrolled to).
    pub fn all(self) {
        if self.stage.get_untracked() < self.last {
            self.stage.set(self.last);
        }
    }
}

/// `children` once [`Reveal`] reaches `step` (and the rest is in); at once where no `Reveal` is
/// provided.
#[component]
pub fn Later(step: u8, children: ChildrenFn) -> impl IntoView {
    let reveal = use_context::<Reveal>();
    let shown =
        Memo::new(move |_| reveal.is_none_or(|r| r.loaded() && r.stage.get() >= r.first + step));
    view! { <Show when=move || shown.get()>{children()}</Show> }
}

/// A first-screen block: `children` once [`Reveal`] reaches `step` (which is at once unless a
/// prerendered screen stands in meanwhile); at once where no `Reveal` is provided.
#[component]
pub fn Early(step: u8, children: ChildrenFn) -> impl IntoView {
    let reveal = use_context::<Reveal>();
    let shown = Memo::new(move |_| reveal.is_none_or(|r| r.stage.get() >= step));
    view! { <Show when=move || shown.get()>{children()}</Show> }
}

/// `children` a task later where a prerendered screen stands in (src/prerender.rs), so that
/// building them is not part of the mount's task; at once otherwise.
#[component]
pub fn Staged(children: ChildrenFn) -> impl IntoView {
    let held = prerender::hold();
    let shown = RwSignal::new(!held);
    if held {
        leptos::task::spawn_local(async move {
            prerender::next_task().await;
            shown.try_set(true);
            // what they hold themselves (the editor's first screen) they have taken by the
            // next task
            prerender::next_task().await;
            prerender::release();
        });
    }
    view! { <Show when=move || shown.get()>{children()}</Show> }
}

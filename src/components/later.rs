//! The editor's out-of-sight blocks, built after the first paint.
//!
//! A draft opens on 基本信息 with the figures beside it; the rest of the form, the charts and
//! the 15-page preview are below the fold. Building them all before the first paint kept the
//! page blank (and a keystroke waiting) for the whole editor. [`Reveal`] builds one block per
//! idle callback after that paint instead, so the first screen shows sooner and input is
//! handled between blocks. A route naming a part (a reload, an outline click, a finding) builds
//! all at once, so the part is there to scroll to.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How far the editor's blocks below the fold are built: block `n` shows once `stage >= n`.
#[derive(Clone, Copy)]
pub struct Reveal {
    stage: RwSignal<u8>,
    last: u8,
}

impl Reveal {
    /// `blocks` blocks, the first built once the page is idle after the next paint.
    pub fn after_first_paint(blocks: u8) -> Reveal {
        let r = Reveal {
            stage: RwSignal::new(0),
            last: blocks,
        };
        request_animation_frame(move || r.next());
        r
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

/// `children` once [`Reveal`] reaches `step`; at once where no `Reveal` is provided.
///
/// They go into a box of their own (`div.later`, with `class` beside), there from the start:
/// put straight among the parts before them, each block made Chromium build the layout of
/// every part above it again (on a first visit some 5 000 layout objects dropped and made anew,
/// a third of the style and layout time at 4× CPU); into its own box, only the block is new.
#[component]
pub fn Later(
    step: u8,
    #[prop(optional)] class: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let reveal = use_context::<Reveal>();
    let shown = Memo::new(move |_| reveal.is_none_or(|r| r.stage.get() >= step));
    view! { <div class=format!("later {class}")><Show when=move || shown.get()>{children()}</Show></div> }
}

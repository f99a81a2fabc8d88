//! The bridge to the first screen a first visit is shown as HTML before the program is in
//! (`window.selfevalPrerender`, scripts/prerender.js): the page's loader starts the program
//! once that has been painted; the program builds its own page behind it and replaces it,
//! taking what was typed meanwhile.
//!
//! Meanwhile the page must stay responsive: a keystroke into the HTML waits for whatever task
//! is running. So the start goes in steps, each a task of its own, well under 50 ms here: V8
//! compiles a wasm function on its first call, and the first visit's start would compile and
//! run, in one task, the pack and draft readers, the evaluation and check, the store's writes
//! and the views. [`warm_up`] runs the first of them once beforehand, a step each; the mount
//! then does the store's writes and the page's frame, the draft's page follows a task later
//! ([`crate::components::Staged`]), and the editor builds the first screen's blocks a task each
//! ([`crate::components::Early`]). Each of these holds the handover ([`hold`]) until its part
//! is built; the last to let go hands over.

use std::cell::Cell;

use selfeval_core::store::{MemoryStore, Meta, Store};
use selfeval_core::{check, evaluate, sample, Pack, Summary};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// How many parts of the program's page are still being built behind the prerendered one.
    static HOLDS: Cell<u32> = const { Cell::new(0) };
}

fn bridge() -> Option<JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &"selfevalPrerender".into())
        .ok()
        .filter(|v| v.is_object())
}

/// Call the bridge's method `name`; `None` without a prerendered screen.
fn call(name: &str) -> Option<JsValue> {
    let bridge = bridge()?;
    let method: js_sys::Function = js_sys::Reflect::get(&bridge, &name.into())
        .ok()?
        .dyn_into()
        .ok()?;
    method.call0(&bridge).ok()
}

/// Whether a first visit's prerendered screen is on the page (the page's loader started the
/// program once it was painted).
pub fn shown() -> bool {
    bridge().is_some()
}

/// Let the page handle what is waiting (input, a frame) before the next step.
pub async fn next_task() {
    if let Some(next) = call("next").and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) {
        let _ = JsFuture::from(next).await;
    }
}

/// What the first screen's start runs before its views, a step (a task) each: the packs read,
/// the sample read, evaluated and checked, then created, listed and opened again in a store in
/// memory (what the first visit does in local storage).
pub async fn warm_up() {
    next_task().await; // after the instantiation's own task
    let packs = Pack::builtin();
    next_task().await;
    let report = sample();
    next_task().await;
    let Some(pack) = packs.iter().find(|p| p.id == report.pack_id) else {
        return;
    };
    let eval = evaluate(&report, pack);
    let findings = check(&report, pack, &eval);
    let meta = Meta::new(&report, &Summary::new(&report, pack, &eval, &findings));
    next_task().await;
    let mut store = Store::new(MemoryStore::default());
    let _ = store.create(&report, meta, "", "");
    let _ = store.list();
    next_task().await;
    let _ = store.load(&report.id);
    next_task().await;
}

/// Whether a prerendered screen stands in for the page being built: then the caller builds
/// its part in steps, and the handover waits until it calls [`release`].
pub fn hold() -> bool {
    let on = shown();
    if on {
        HOLDS.with(|h| h.set(h.get() + 1));
    }
    on
}

/// A part taken with [`hold`] is built: the last one hands over.
pub fn release() {
    let left = HOLDS.with(|h| {
        h.set(h.get().saturating_sub(1));
        h.get()
    });
    if left == 0 {
        handover();
    }
}

/// The program is mounted: its page replaces the prerendered one now, unless a part of it is
/// still being built in steps ([`hold`]).
pub fn mounted() {
    if HOLDS.with(Cell::get) == 0 {
        handover();
    }
}

/// The program's page is in the DOM: it replaces the prerendered one (if any).
pub fn handover() {
    call("handover");
}

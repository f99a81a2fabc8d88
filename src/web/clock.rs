//! Time and ids from the browser: the local time a save is stamped with, milliseconds for undo
//! grouping, new draft and writer ids, and a turn of the event loop.

/// Local time as "2026-11-28 09:30:05", for `saved_at`.
pub fn now_stamp() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A new draft id: time and randomness, unique enough for one person's browser.
pub fn new_id() -> String {
    let r = (js_sys::Math::random() * 1_679_616.0) as u32; // 36^4
    format!("d{:x}{r:04x}", js_sys::Date::now() as u64)
}

thread_local! {
    static TAB: String = new_id();
    static WRITERS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A new writer id: this tab's id and a counter, so each editing session (and each write from
/// the drafts list) stamps its saves as its own.
pub fn new_writer() -> String {
    let n = WRITERS.with(|w| {
        w.set(w.get() + 1);
        w.get()
    });
    TAB.with(|t| format!("{t}-{n}"))
}

/// One turn of the event loop: the page draws (a progress line, a "reading…" banner) before
/// long work goes on.
pub async fn next_turn() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

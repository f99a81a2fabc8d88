//! The bridge to the browser, the shell's lowest layer: storage (`LocalStore`, `Backend`),
//! small typed settings (`prefs`),
//! time and ids, files in and out, the keyboard focus, the window's height, the exporter module, the panic banner, timings. Above it:
//! `state` → `components` → `pages` → `app`.

pub mod clock;
pub mod crash;
pub mod exporter;
pub mod files;
pub mod focus;
pub mod prefs;
pub mod storage;
pub mod timing;

/// The window's inner height in CSS pixels (0 where the browser gives none).
pub fn window_height() -> f64 {
    leptos::prelude::window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0)
}

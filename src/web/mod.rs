//! The bridge to the browser, the shell's lowest layer: storage (`LocalStore`, `Backend`),
//! small typed settings (`prefs`),
//! time and ids, files in and out, the keyboard focus, the exporter module, the panic banner, timings. Above it:
//! `state` → `components` → `pages` → `app`.

pub mod clock;
pub mod crash;
pub mod exporter;
pub mod files;
pub mod focus;
pub mod prefs;
pub mod storage;
pub mod timing;

//! The one bridge between the app and the browser's storage and files.
//!
//! `LocalStore` implements the core's `KeyValue` over `window.localStorage`, turning every
//! exception (quota exceeded, storage disabled) into a `StoreError` the UI shows. Nothing here
//! decides anything: the rules live in `selfeval_core::store`.

use selfeval_core::store::{KeyValue, Store, StoreError};
use wasm_bindgen::{JsCast, JsValue};

/// localStorage as a `KeyValue`. Looked up on each call: it can vanish (policy, private mode).
#[derive(Clone, Copy, Default)]
pub struct LocalStore;

fn storage() -> Result<web_sys::Storage, StoreError> {
    let window = web_sys::window().ok_or_else(|| StoreError::Unavailable("无窗口".into()))?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(StoreError::Unavailable("浏览器未提供本地存储".into())),
        Err(e) => Err(StoreError::Unavailable(js_message(&e))),
    }
}

/// A JS exception as a short text.
pub fn js_message(e: &JsValue) -> String {
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", ex.name(), ex.message());
    }
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

fn store_error(e: JsValue) -> StoreError {
    match e.dyn_ref::<web_sys::DomException>() {
        // Chromium and Firefox name it differently; both mean "full"
        Some(ex)
            if ex.name() == "QuotaExceededError" || ex.name() == "NS_ERROR_DOM_QUOTA_REACHED" =>
        {
            StoreError::Quota
        }
        Some(ex) if ex.name() == "SecurityError" => StoreError::Unavailable(ex.message()),
        _ => StoreError::Other(js_message(&e)),
    }
}

impl KeyValue for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        storage()?.get_item(key).map_err(store_error)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        storage()?.set_item(key, value).map_err(store_error)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        storage()?.remove_item(key).map_err(store_error)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let s = storage()?;
        let n = s.length().map_err(store_error)?;
        let mut keys = Vec::with_capacity(n as usize);
        for i in 0..n {
            if let Some(k) = s.key(i).map_err(store_error)? {
                keys.push(k);
            }
        }
        Ok(keys)
    }
}

/// Where drafts are kept, provided as a context: localStorage here; another backend
/// (IndexedDB, a folder through the File System Access API) is another `open`.
#[derive(Clone, Copy)]
pub struct Backend {
    open: fn() -> Box<dyn KeyValue>,
}

impl Backend {
    pub fn local() -> Backend {
        Backend {
            open: || Box::new(LocalStore),
        }
    }

    /// The drafts in this backend.
    pub fn store(&self) -> Store<Box<dyn KeyValue>> {
        Store::new((self.open)())
    }
}

/// The drafts in localStorage (for the browser tests; the app goes through [`Backend`]).
pub fn local_store() -> Store<LocalStore> {
    Store::new(LocalStore)
}

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

/// Offer `text` as a file download.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::new();
    parts.push(&JsValue::from_str(text));
    download_parts(filename, mime, &parts)
}

/// Offer `bytes` as a file download.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(bytes));
    download_parts(filename, mime, &parts)
}

fn download_parts(filename: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &opts)
        .map_err(|e| js_message(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| js_message(&e))?;
    let doc = leptos::prelude::document();
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|e| js_message(&e))?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // revoke after the click has been handled
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(5),
    );
    Ok(())
}

/// A file name without characters that file systems refuse.
pub fn file_name(base: &str, ext: &str) -> String {
    let clean: String = base
        .chars()
        .map(|c| if "\\/:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim();
    format!("{}.{ext}", if clean.is_empty() { "草稿" } else { clean })
}

/// Ask the browser to keep this site's storage (not evicted under pressure). Resolves to
/// whether it agreed, or `None` where the API is missing.
pub async fn request_persist() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let promise = storage.persist().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_bool()
}

/// The text of a file the user picked.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|e| js_message(&e))?;
    text.as_string().ok_or_else(|| "文件不是文本".to_string())
}

/// Time `f` and record it as `window.__selfevalTimings[name]` (ms), for the benchmark script.
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let start = js_sys::Date::now();
    let out = f();
    record_timing(name, js_sys::Date::now() - start);
    out
}

/// Note how long `name` took in `window.__selfevalTimings` (read by the benchmark).
pub fn record_timing(name: &str, ms: f64) {
    if let Some(w) = web_sys::window() {
        let key = JsValue::from_str("__selfevalTimings");
        let table = js_sys::Reflect::get(&w, &key)
            .ok()
            .filter(|v| v.is_object())
            .unwrap_or_else(|| js_sys::Object::new().into());
        let _ = js_sys::Reflect::set(&table, &JsValue::from_str(name), &JsValue::from_f64(ms));
        let _ = js_sys::Reflect::set(&w, &key, &table);
    }
}

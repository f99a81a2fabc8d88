//! The browser's storage: `LocalStore` implements the core's `KeyValue` over `window.localStorage`, turning every
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
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return format!(
            "{}: {}",
            String::from(err.name()),
            String::from(err.message())
        );
    }
    // anything else thrown, as JSON (undefined and the like have none)
    e.as_string()
        .or_else(|| js_sys::JSON::stringify(e).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "未知错误".into())
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

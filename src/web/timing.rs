//! How long an export took, for the benchmark script (`window.__selfevalTimings`): the one place
//! the shell measures itself.

use wasm_bindgen::JsValue;

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

//! Moving the keyboard focus: to a control, or to a place to start from (a screen's heading, a
//! part of the form), which is made focusable for it without entering the Tab order.

use wasm_bindgen::JsCast;

/// Focus `el`, if it is an element that can take the focus.
pub fn focus(el: &web_sys::Element) {
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// Focus a heading or a region, so a keyboard or screen reader user goes on from there.
pub fn focus_start(el: &web_sys::Element) {
    let _ = el.set_attribute("tabindex", "-1");
    focus(el);
}

/// Focus the first element matching `selector` in the page, if there is one.
pub fn focus_first(selector: &str) {
    let found = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(el) = found {
        focus(&el);
    }
}

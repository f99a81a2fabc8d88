use leptos::prelude::*;

pub use selfeval_core::app::route::Route;

/// Asked before the route leaves the open draft: `Some(question)` when leaving would put
/// something at risk (the user then confirms or stays).
type Guard = std::sync::Arc<dyn Fn() -> Option<String> + Send + Sync>;

/// The route, following the URL hash.
#[derive(Clone, Copy)]
pub struct Nav {
    pub route: RwSignal<Route>,
    guard: StoredValue<Option<Guard>>,
}

impl Nav {
    pub fn new() -> Self {
        let route = RwSignal::new(Route::parse(&location_hash().unwrap_or_default()));
        let nav = Nav {
            route,
            guard: StoredValue::new(None),
        };
        // a link ("‹ 草稿列表"), Back or a typed URL: `beforeunload` does not fire for these
        let handle = window_event_listener_untyped("hashchange", move |_| {
            let next = Route::parse(&location_hash().unwrap_or_default());
            let current = route.get_untracked();
            if next == current {
                return;
            }
            if !nav.may_leave(&current, &next) {
                // stay: put the address back without another history entry
                nav.replace_url(&current);
                return;
            }
            route.set(next);
        });
        on_cleanup(move || handle.remove());
        nav
    }

    /// Ask before leaving the open draft while its guard says something is at risk.
    fn may_leave(&self, current: &Route, next: &Route) -> bool {
        if !current.leaves_draft(next) {
            return true;
        }
        let question = self.guard.with_value(|g| g.as_ref().and_then(|g| g()));
        match question {
            Some(q) => window().confirm_with_message(&q).unwrap_or(true),
            None => true,
        }
    }

    /// The open draft's guard (see [`Nav::may_leave`]).
    pub fn set_guard(&self, guard: impl Fn() -> Option<String> + Send + Sync + 'static) {
        self.guard.set_value(Some(std::sync::Arc::new(guard)));
    }

    pub fn clear_guard(&self) {
        let _ = self.guard.try_set_value(None);
    }

    /// Go to `route` (adds a browser history entry, so Back works).
    pub fn go(&self, route: Route) {
        let current = self.route.get_untracked();
        if current == route || !self.may_leave(&current, &route) {
            return;
        }
        // the route first: the hashchange that follows then finds nothing to do
        self.route.set(route.clone());
        let _ = location().set_hash(&route.href());
    }

    /// Record the part in view without a new history entry.
    pub fn replace(&self, route: Route) {
        self.replace_url(&route);
        self.route.set(route);
    }

    fn replace_url(&self, route: &Route) {
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&route.href()),
            );
        }
    }
}

impl Default for Nav {
    fn default() -> Self {
        Self::new()
    }
}

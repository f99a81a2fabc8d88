use leptos::prelude::*;

/// Where the user is: the drafts list, or a draft and the part of it in view. Kept in the URL
/// hash (`#/`, `#/d/<id>`, `#/d/<id>/<part>`) so a reload returns to the same place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Draft { id: String, part: Option<String> },
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = h.splitn(3, '/');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("d"), Some(id), part) if !id.is_empty() => Route::Draft {
                id: id.to_string(),
                part: part.filter(|p| !p.is_empty()).map(str::to_string),
            },
            _ => Route::Home,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Draft { id, part: None } => format!("#/d/{id}"),
            Route::Draft { id, part: Some(p) } => format!("#/d/{id}/{p}"),
        }
    }
}

/// The editor part that holds the field at `path` (see `selfeval_core::path`).
pub fn part_of_path(path: &str) -> String {
    let mut it = path.split('.');
    match (it.next(), it.next()) {
        (Some("unit" | "name"), _) => "info".into(),
        (Some("tasks"), _) => "tasks".into(),
        (Some("goals"), _) => "goals".into(),
        (Some("budget"), _) => "budget".into(),
        (Some("indicators"), _) => "indicators".into(),
        (Some("sections"), Some(id)) => id.to_string(),
        (Some("conclusion" | "problems"), _) => "closing".into(),
        (Some("signoff"), _) => "signoff".into(),
        _ => "info".into(),
    }
}

/// The route, following the URL hash.
#[derive(Clone, Copy)]
pub struct Nav {
    pub route: RwSignal<Route>,
}

impl Nav {
    pub fn new() -> Self {
        let route = RwSignal::new(Route::parse(&location_hash().unwrap_or_default()));
        let handle = window_event_listener_untyped("hashchange", move |_| {
            route.set(Route::parse(&location_hash().unwrap_or_default()));
        });
        on_cleanup(move || handle.remove());
        Nav { route }
    }

    /// Go to `route` (adds a browser history entry, so Back works).
    pub fn go(&self, route: Route) {
        let _ = location().set_hash(&route.href());
        self.route.set(route);
    }

    /// Record the part in view without a new history entry.
    pub fn replace(&self, route: Route) {
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&route.href()),
            );
        }
        self.route.set(route);
    }
}

impl Default for Nav {
    fn default() -> Self {
        Self::new()
    }
}

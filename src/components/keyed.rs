//! Keyed lists through one copy of Leptos's `For`.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use leptos::prelude::*;

/// A row of a keyed list: its key, hashed, and its view, still to be made. Every list's rows
/// have this one type, so `For` and its keyed diff are compiled once, not once per list.
struct Row {
    key: u64,
    view: Box<dyn FnOnce() -> AnyView + Send>,
}

/// The items `each` gives, keyed by `key`: an item whose key is unchanged keeps its drawn row,
/// as with `For`. (Two keys alike in their 64-bit hash would share a row: not in a lifetime.)
pub fn keyed<T, K, V>(
    each: impl Fn() -> Vec<T> + Send + Sync + 'static,
    key: impl Fn(&T) -> K + Send + Sync + 'static,
    view: impl Fn(T) -> V + Send + Sync + 'static,
) -> AnyView
where
    T: Send + 'static,
    K: Hash,
    V: IntoView + 'static,
{
    let view = Arc::new(view);
    rows(Box::new(move || {
        each()
            .into_iter()
            .map(|item| {
                let mut hash = DefaultHasher::new();
                key(&item).hash(&mut hash);
                let view = view.clone();
                Row {
                    key: hash.finish(),
                    view: Box::new(move || view(item).into_any()),
                }
            })
            .collect()
    }))
}

fn rows(each: Box<dyn Fn() -> Vec<Row> + Send + Sync>) -> AnyView {
    view! { <For each=each key=|row: &Row| row.key children=|row: Row| (row.view)()/> }.into_any()
}

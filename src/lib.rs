//! The Leptos shell of selfeval: it renders what the core computes and dispatches edits.
//! All domain logic lives in `selfeval-core` (re-exported as `core_`), tested on the host.

pub use selfeval_core as core_;

// the layers, bottom up: each uses only those above it in this list
pub mod app;
pub mod components;
pub mod pages;
pub mod state;
pub mod web;

//! The editor's state without the screen: an open draft's session (edits, undo, autosave
//! through a store, [`session`]), the address of each screen ([`route`]), and the grid's
//! paste plans, cleared ranges and copy ([`grid`]).
//!
//! Uses: base, model, edit, file, scoring, checks, report, store.

pub mod grid;
pub mod import;
pub mod route;
pub mod session;

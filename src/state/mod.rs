//! Reactive state, as named context structs: the packs, the drafts list, the open draft, the
//! unsaved drafts of this page, the route, whether the rest of a split build's code is in.
//! Components read these and call their methods; they hold no domain logic themselves.

mod batch;
mod drafts;
mod imports;
mod library;
mod rest;
mod route;
mod session;
mod settled;
mod unsaved;

pub use batch::{Batch, VIEW_PREFIX};
pub use drafts::{open_new, Drafts, Notice, Version};
pub use imports::{Imports, Incoming, Merging, VIEW_NEWER};
pub use library::Library;
pub use rest::{Rest, RestPending};
pub use route::{Nav, Route};
pub use session::{SaveState, Session};
pub use settled::{settled, IndicatorRows, RowSignals};
pub use unsaved::{Parked, Unsaved};

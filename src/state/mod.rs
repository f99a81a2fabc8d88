//! Reactive state, as named context structs: the packs, the drafts list, the open draft, the
//! unsaved drafts of this page, and the route.
//! Components read these and call their methods; they hold no domain logic themselves.

mod batch;
mod drafts;
mod imports;
mod layout;
mod library;
mod route;
mod session;
mod settled;
mod unsaved;

pub use batch::{Batch, VIEW_PREFIX};
pub use drafts::{open_new, Drafts, Notice, Version};
pub use imports::{Imports, Incoming, Merging, Preview, VIEW_NEWER};
pub use layout::Layout;
pub use library::Library;
pub use route::{Nav, Route};
pub use session::{SaveState, Session};
pub use settled::{settled, FieldValues, IndicatorRows, RowSignals};
pub use unsaved::{Parked, Unsaved};

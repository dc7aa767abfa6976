//! The live engine: rows addressed by identity, indexed for the queries
//! the tabs ask, with the answers kept current as rows change. A keystroke
//! or an event costs what it changes, not a pass over every row.
//!
//! The plain functions ([`crate::select_conversations`],
//! [`crate::ConversationStats`], [`crate::indicators::waits::WaitStats`],
//! [`crate::agent_indicators`]) stay as the reference these are tested
//! against.

pub mod bitset;
mod facets;
pub(crate) mod inbox;
pub(crate) mod index;
mod order;
pub mod record;
mod search_cache;
pub mod summary;
pub mod table;
pub mod view;
pub mod views;

pub use table::RowKey;
pub use views::ViewId;

//! Operations Monitor core: the wire contract and every piece of logic that
//! does not need a browser — decoding, live-event application, filtering,
//! search, sorting, indicators and time formatting. No web dependencies, so
//! all of it is tested on the host.

pub mod enums;
pub mod event;
pub mod open_enum;
pub mod wire;

pub use enums::{AgentStatus, Author, Channel, ConversationStatus, Profile};

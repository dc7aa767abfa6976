//! Operations Monitor core: the wire contract and every piece of logic that
//! does not need a browser — decoding, live-event application, filtering,
//! search, sorting, indicators and time formatting. No web dependencies, so
//! all of it is tested on the host.

pub mod agent_query;
pub mod agent_select;
pub mod alerts;
pub mod awaiting;
pub mod board;
pub mod chart;
pub mod clock;
pub mod columns;
pub mod config;
pub mod draft;
pub mod elapsed;
pub mod embedding;
pub mod enums;
pub mod event;
pub mod export;
pub mod feed;
pub mod indicators;
mod keyed_sort;
pub mod kpi;
pub mod live;
pub mod locale_choice;
pub mod open_enum;
pub mod permissions;
pub mod presence_log;
pub mod query;
pub mod saved_views;
pub mod search;
pub mod select;
#[cfg(any(test, feature = "test-support"))]
pub mod test_support;
pub mod thresholds;
mod url_codec;
pub mod viewport;
pub mod wire;

pub use agent_query::{AgentQuery, AgentSort, AGENT_QUERY_KEYS};
pub use agent_select::select_agents;
pub use board::{Applied, Board};
pub use clock::ClockOffset;
pub use elapsed::format_elapsed;
pub use enums::{AgentStatus, Author, Channel, ConversationStatus, Profile};
pub use indicators::{
    agent_indicators, AgentIndicators, ConversationIndicators, ConversationStats,
};
pub use permissions::{bulk_end_eligible, Permissions, RowAction};
pub use query::{ConversationQuery, ConversationSort, SortDir, UNASSIGNED};
pub use search::SearchNeedle;
pub use select::select_conversations;

//! Reactive glue between the API, `core` and the components: the session, the
//! shared clock, the live board and the URL-held view state.

pub mod actions;
pub mod alerts;
pub mod archive;
pub mod board_cell;
pub mod clock;
pub mod config;
pub mod download;
pub mod drafts;
pub mod embedding;
pub mod feed;
pub mod live;
pub mod row_relays;
pub mod saved_views;
pub mod service_figures;
pub mod session;
pub mod theme;
pub mod timing;
pub mod url_query;
pub mod views;

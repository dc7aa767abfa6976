//! Display-only pieces: they receive data and report user intent through
//! callbacks; pages fetch and decide.

pub mod agent_row;
pub mod agents_table;
pub mod badges;
pub mod conversation_columns;
pub mod conversation_row;
pub mod conversations_table;
pub mod data_gate;
pub mod datetime;
pub mod elapsed;
pub mod error_view;
pub mod export_button;
pub mod feed_status;
pub mod finished_row;
pub mod finished_table;
pub mod indicators;
pub mod modal;
pub mod multi_select;
pub mod row_menu;
pub mod search_box;
pub mod service_cards;
pub mod transcript;
pub mod trend_chart;
pub mod virtual_table;
pub mod wait_breakdown;

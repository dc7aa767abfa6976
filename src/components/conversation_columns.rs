//! How each column of the Conversations table looks: header, sort and
//! width. Which columns show, and in what order, is the user's
//! ([`monitor_core::columns::ColumnLayout`]).

use monitor_core::columns::{ColumnLayout, ConversationColumn};
use monitor_core::query::ConversationSort;

use super::virtual_table::{Column, GridTemplate};
use crate::i18n::Texts;

/// The column's header text.
pub fn label(column: ConversationColumn) -> fn(&Texts) -> &'static str {
    match column {
        ConversationColumn::Ticket => |t| t.col_ticket,
        ConversationColumn::Channel => |t| t.col_channel,
        ConversationColumn::Status => |t| t.col_status,
        ConversationColumn::Customer => |t| t.col_customer,
        ConversationColumn::Agent => |t| t.col_agent,
        ConversationColumn::Department => |t| t.col_group,
        ConversationColumn::Created => |t| t.col_created,
        ConversationColumn::LastMessage => |t| t.col_updated,
        ConversationColumn::AwaitingReply => |t| t.col_awaiting,
        ConversationColumn::TimeInStatus => |t| t.col_time_in_status,
        ConversationColumn::Duration => |t| t.col_duration,
        ConversationColumn::Transfers => |t| t.col_transfers,
    }
}

fn sort(column: ConversationColumn) -> Option<ConversationSort> {
    Some(match column {
        ConversationColumn::Ticket => ConversationSort::Ticket,
        ConversationColumn::Channel => ConversationSort::Channel,
        ConversationColumn::Status => ConversationSort::Status,
        ConversationColumn::Customer => ConversationSort::Customer,
        ConversationColumn::Agent => ConversationSort::Agent,
        ConversationColumn::Department => ConversationSort::Department,
        ConversationColumn::Created => ConversationSort::Created,
        ConversationColumn::LastMessage => ConversationSort::Updated,
        ConversationColumn::AwaitingReply => return None,
        ConversationColumn::TimeInStatus => ConversationSort::TimeInStatus,
        ConversationColumn::Duration => ConversationSort::Duration,
        ConversationColumn::Transfers => ConversationSort::Transfers,
    })
}

/// The grid track of a column, and the least width it needs (px).
fn track(column: ConversationColumn) -> (&'static str, u32) {
    match column {
        ConversationColumn::Ticket => ("110px", 110),
        ConversationColumn::Channel => ("110px", 110),
        ConversationColumn::Status => ("120px", 120),
        ConversationColumn::Customer => ("minmax(180px, 2fr)", 180),
        ConversationColumn::Agent => ("minmax(130px, 1.2fr)", 130),
        ConversationColumn::Department => ("minmax(110px, 1fr)", 110),
        ConversationColumn::Created => ("92px", 92),
        ConversationColumn::LastMessage => ("minmax(150px, 1.5fr)", 150),
        ConversationColumn::AwaitingReply => ("140px", 140),
        ConversationColumn::TimeInStatus => ("150px", 150),
        ConversationColumn::Duration => ("100px", 100),
        // Room for "Transferencias" and "Transferências" in bold.
        ConversationColumn::Transfers => ("136px", 136),
    }
}

/// The selection box before the columns, and the options menu after them.
const SELECT_TRACK: (&str, u32) = ("44px", 44);
const OPTIONS_TRACK: (&str, u32) = ("100px", 100);

/// The headers of the layout's columns, then the options menu's.
pub fn headers(layout: &ColumnLayout) -> Vec<Column<ConversationSort>> {
    layout
        .visible()
        .iter()
        .map(|&c| Column {
            label: label(c),
            sort: sort(c),
        })
        .chain(std::iter::once(Column {
            label: |t: &Texts| t.col_options,
            sort: None,
        }))
        .collect()
}

/// The row grid for the layout, with room for the selection box if any.
pub fn grid(layout: &ColumnLayout, selectable: bool) -> GridTemplate {
    let tracks: Vec<(&str, u32)> = selectable
        .then_some(SELECT_TRACK)
        .into_iter()
        .chain(layout.visible().iter().map(|&c| track(c)))
        .chain(std::iter::once(OPTIONS_TRACK))
        .collect();
    GridTemplate {
        columns: tracks.iter().map(|(t, _)| *t).collect::<Vec<_>>().join(" "),
        // Cell padding is inside the tracks; the extra covers the borders.
        min_width_px: tracks.iter().map(|(_, w)| w).sum::<u32>() + 16,
    }
}

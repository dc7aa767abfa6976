//! The table of finished conversations: the generic virtual table with the
//! finished scope's columns, each sortable but the justification.

use std::ops::Range;

use leptos::prelude::*;
use monitor_core::live::RowKey;
use monitor_core::query::{ConversationQuery, ConversationSort};
use monitor_core::wire::Conversation;

use super::finished_row::FinishedRow;
use super::virtual_table::{Column, VirtualTable};
use crate::i18n::{tr, use_texts};
use crate::state::views::LiveRow;

const COLUMNS: [Column<ConversationSort>; 11] = [
    Column {
        label: |t| t.col_ticket,
        sort: Some(ConversationSort::Ticket),
    },
    Column {
        label: |t| t.col_channel,
        sort: Some(ConversationSort::Channel),
    },
    Column {
        label: |t| t.col_customer,
        sort: Some(ConversationSort::Customer),
    },
    Column {
        label: |t| t.col_agent,
        sort: Some(ConversationSort::Agent),
    },
    Column {
        label: |t| t.col_group,
        sort: Some(ConversationSort::Department),
    },
    Column {
        label: |t| t.col_created,
        sort: Some(ConversationSort::Created),
    },
    Column {
        label: |t| t.col_finished,
        sort: Some(ConversationSort::Finished),
    },
    Column {
        label: |t| t.col_duration,
        sort: Some(ConversationSort::Duration),
    },
    Column {
        label: |t| t.col_transfers,
        sort: Some(ConversationSort::Transfers),
    },
    Column {
        label: |t| t.col_justification,
        sort: None,
    },
    Column {
        label: |t| t.col_options,
        sort: None,
    },
];

/// A row is rebuilt only when its conversation changed.
fn row_identity(row: &LiveRow<Conversation>) -> (RowKey, u64) {
    (row.key, row.version)
}

/// The finished conversations.
#[component]
pub fn FinishedTable(
    /// How many rows the table has (after search and filters).
    #[prop(into)]
    total: Signal<usize>,
    /// The rows at these positions, in display order (read reactively).
    rows_in: Callback<Range<usize>, Vec<LiveRow<Conversation>>>,
    /// The applied query (for the sort indicators).
    #[prop(into)]
    query: Signal<ConversationQuery>,
    /// Called when a sortable column header is activated.
    on_sort: Callback<ConversationSort>,
) -> impl IntoView {
    let t = use_texts();
    let sorted_by = Memo::new(move |_| query.with(|q| (q.sort, q.dir)));
    view! {
        <VirtualTable
            label=tr(t, |t| t.finished_table)
            modifier="finished"
            columns=COLUMNS.to_vec()
            total
            rows_in
            sorted_by
            on_sort
            key=row_identity
            row=move |row, row_index| view! { <FinishedRow conversation=row.record row_index /> }
        />
    }
}

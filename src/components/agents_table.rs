//! The Agents table: the generic virtual table with its columns.

use std::ops::Range;

use leptos::prelude::*;
use monitor_core::agent_query::{AgentQuery, AgentSort};
use monitor_core::live::RowKey;
use monitor_core::wire::Agent;

use super::agent_row::AgentRow;
use super::virtual_table::{Column, VirtualTable};
use crate::i18n::{tr, use_texts};
use crate::state::views::LiveRow;

const COLUMNS: [Column<AgentSort>; 6] = [
    Column {
        label: |t| t.col_agent_name,
        sort: Some(AgentSort::Name),
    },
    Column {
        label: |t| t.col_status,
        sort: Some(AgentSort::Status),
    },
    Column {
        label: |t| t.col_agent_time_in_status,
        sort: Some(AgentSort::TimeInStatus),
    },
    Column {
        label: |t| t.col_active,
        sort: Some(AgentSort::Load),
    },
    Column {
        label: |t| t.col_transfers,
        sort: Some(AgentSort::Transfers),
    },
    Column {
        label: |t| t.col_groups,
        sort: Some(AgentSort::Groups),
    },
];

/// A row is rebuilt only when its agent changed.
fn row_identity(row: &LiveRow<Agent>) -> (RowKey, u64) {
    (row.key, row.version)
}

/// The table of agents.
#[component]
pub fn AgentsTable(
    /// How many rows the table has (after filters).
    #[prop(into)]
    total: Signal<usize>,
    /// The rows at these positions, in display order (read reactively).
    rows_in: Callback<Range<usize>, Vec<LiveRow<Agent>>>,
    /// The applied query (for the sort indicators).
    #[prop(into)]
    query: Signal<AgentQuery>,
    /// Called when a sortable column header is activated.
    on_sort: Callback<AgentSort>,
    /// Opens an agent's drill-down.
    on_details: Callback<String>,
) -> impl IntoView {
    let t = use_texts();
    let sorted_by = Memo::new(move |_| query.with(|q| (q.sort, q.dir)));
    view! {
        <VirtualTable
            label=tr(t, |t| t.agents_table)
            modifier="agents"
            columns=COLUMNS.to_vec()
            total
            rows_in
            sorted_by
            on_sort
            key=row_identity
            row=move |row, row_index| {
                view! { <AgentRow agent=row.record row_index on_details /> }
            }
        />
    }
}

//! The Agents table: the generic virtual table with its columns.

use leptos::prelude::*;
use monitor_core::agent_query::{AgentQuery, AgentSort};
use monitor_core::wire::Agent;

use super::agent_row::AgentRow;
use super::virtual_table::{Column, VirtualTable};
use crate::i18n::use_texts;
use crate::state::live::use_live_board;

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
        label: |t| t.col_time_in_status,
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

/// The table of agents.
#[component]
pub fn AgentsTable(
    /// Indices into the board's agents, in display order.
    #[prop(into)]
    rows: Signal<Vec<usize>>,
    /// The applied query (for the sort indicators).
    #[prop(into)]
    query: Signal<AgentQuery>,
    /// Called when a sortable column header is activated.
    on_sort: Callback<AgentSort>,
    /// Opens an agent's drill-down.
    on_details: Callback<String>,
) -> impl IntoView {
    let live = use_live_board();
    let t = use_texts();
    let rows_in = Callback::new(move |range: std::ops::Range<usize>| {
        rows.with(|rows| {
            live.board.with(|board| {
                let all = board.agents();
                rows.get(range)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|&i| all.get(i).cloned())
                    .collect::<Vec<Agent>>()
            })
        })
    });
    view! {
        <VirtualTable
            label=Signal::derive(move || t.get().agents_table)
            modifier="agents"
            columns=COLUMNS.to_vec()
            total=Signal::derive(move || rows.with(Vec::len))
            rows_in
            sorted_by=Signal::derive(move || query.with(|q| (q.sort, q.dir)))
            on_sort
            key=|a: &Agent| a.clone()
            row=move |agent, row_index| view! { <AgentRow agent row_index on_details /> }
        />
    }
}

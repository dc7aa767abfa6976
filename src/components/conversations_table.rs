//! The Conversations table: the generic virtual table with its columns.

use leptos::prelude::*;
use monitor_core::query::{ConversationQuery, ConversationSort};
use monitor_core::wire::Conversation;

use super::conversation_row::ConversationRow;
use super::virtual_table::{Column, VirtualTable};
use crate::i18n::use_texts;
use crate::state::actions::use_actions;
use crate::state::live::use_live_board;

const COLUMNS: [Column<ConversationSort>; 11] = [
    Column {
        label: |t| t.col_channel,
        sort: Some(ConversationSort::Channel),
    },
    Column {
        label: |t| t.col_status,
        sort: Some(ConversationSort::Status),
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
        label: |t| t.col_updated,
        sort: Some(ConversationSort::Updated),
    },
    Column {
        label: |t| t.col_time_in_status,
        sort: Some(ConversationSort::TimeInStatus),
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
        label: |t| t.col_options,
        sort: None,
    },
];

/// The table of conversations.
#[component]
pub fn ConversationsTable(
    /// Indices into the board's conversations, in display order.
    #[prop(into)]
    rows: Signal<Vec<usize>>,
    /// The applied query (for the sort indicators).
    #[prop(into)]
    query: Signal<ConversationQuery>,
    /// Called when a sortable column header is activated.
    on_sort: Callback<ConversationSort>,
    /// Whether rows can be selected (the profile may end in bulk).
    selectable: bool,
) -> impl IntoView {
    let live = use_live_board();
    let t = use_texts();
    let actions = use_actions();
    // Select-all acts on the rows the filters show, not on the whole board.
    let shown_ids = move || {
        rows.with(|rows| {
            live.board.with(|b| {
                rows.iter()
                    .filter_map(|&i| b.conversations().get(i).map(|c| c.id.clone()))
                    .collect::<Vec<_>>()
            })
        })
    };
    let all_selected = move || {
        let ids = shown_ids();
        !ids.is_empty()
            && actions
                .selection
                .with(|s| ids.iter().all(|id| s.contains(id)))
    };
    let toggle_all = move |_| {
        let ids = shown_ids();
        let select = !all_selected();
        actions.selection.update(|s| {
            for id in ids {
                if select {
                    s.insert(id);
                } else {
                    s.remove(&id);
                }
            }
        });
    };
    let lead = selectable.then(|| {
        ViewFn::from(move || {
            view! {
                <input
                    type="checkbox"
                    aria-label=move || t.get().select_all
                    prop:checked=all_selected
                    on:change=toggle_all
                />
            }
        })
    });
    let rows_in = Callback::new(move |range: std::ops::Range<usize>| {
        rows.with(|rows| {
            live.board.with(|board| {
                let all = board.conversations();
                rows.get(range)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|&i| all.get(i).cloned())
                    .collect::<Vec<Conversation>>()
            })
        })
    });
    view! {
        <VirtualTable
            label=Signal::derive(move || t.get().conversations_table)
            modifier=if selectable { "conversations-selectable" } else { "conversations" }
            columns=&COLUMNS
            total=Signal::derive(move || rows.with(Vec::len))
            rows_in
            sorted_by=Signal::derive(move || query.with(|q| (q.sort, q.dir)))
            on_sort
            key=|c: &Conversation| c.clone()
            row=move |conversation, row_index| view! { <ConversationRow conversation row_index selectable /> }
            lead=lead
        />
    }
}

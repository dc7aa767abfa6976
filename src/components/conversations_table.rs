//! The Conversations table: the generic virtual table with its columns.

use std::sync::Arc;

use leptos::prelude::*;
use monitor_core::columns::ConversationColumn;
use monitor_core::query::{ConversationQuery, ConversationSort};
use monitor_core::wire::Conversation;

use super::conversation_columns::{grid, headers};
use super::conversation_row::ConversationRow;
use super::virtual_table::VirtualTable;
use crate::i18n::use_texts;
use crate::state::actions::use_actions;
use crate::state::config::use_config;
use crate::state::live::use_live_board;

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
    let thresholds = StoredValue::new(use_config().wait_thresholds);
    // The column layout rebuilds the table: it changes by a user's choice,
    // rarely, and every row's cells depend on it.
    let layout = Memo::new(move |_| query.with(|q| q.columns.clone()));
    move || {
        let layout = layout.get();
        let columns: Arc<[ConversationColumn]> = layout.visible().into();
        view! {
            <VirtualTable
                label=Signal::derive(move || t.get().conversations_table)
                modifier="conversations"
                columns=headers(&layout)
                grid=grid(&layout, selectable)
                total=Signal::derive(move || rows.with(Vec::len))
                rows_in
                sorted_by=Signal::derive(move || query.with(|q| (q.sort, q.dir)))
                on_sort
                key=|c: &Conversation| c.clone()
                row=move |conversation: Conversation, row_index| {
                    let crossings = thresholds.with_value(|t| t.crossings(&conversation));
                    let columns = columns.clone();
                    view! { <ConversationRow conversation row_index selectable columns crossings /> }
                }
                lead=lead.clone()
            />
        }
    }
}

//! The Conversations table: the generic virtual table with its columns.

use std::ops::Range;
use std::sync::Arc;

use leptos::prelude::*;
use monitor_core::columns::ConversationColumn;
use monitor_core::live::RowKey;
use monitor_core::query::{ConversationQuery, ConversationSort};
use monitor_core::wire::Conversation;

use super::conversation_columns::{grid, headers};
use super::conversation_row::ConversationRow;
use super::virtual_table::VirtualTable;
use crate::i18n::{tr, use_texts};
use crate::state::config::use_config;
use crate::state::views::LiveRow;

/// A row is rebuilt only when its conversation changed.
fn row_identity(row: &LiveRow<Conversation>) -> (RowKey, u64) {
    (row.key, row.version)
}

/// The table of conversations.
#[component]
pub fn ConversationsTable(
    /// How many rows the table has (after filters).
    #[prop(into)]
    total: Signal<usize>,
    /// The rows at these positions, in display order (read reactively).
    rows_in: Callback<Range<usize>, Vec<LiveRow<Conversation>>>,
    /// The applied query (for the sort indicators and the columns).
    #[prop(into)]
    query: Signal<ConversationQuery>,
    /// Called when a sortable column header is activated.
    on_sort: Callback<ConversationSort>,
    /// Whether rows can be selected (the profile may end in bulk).
    selectable: bool,
    /// Whether every row in view is selected.
    #[prop(into)]
    all_selected: Signal<bool>,
    /// Selects every row in view (`true`) or none.
    on_select_all: Callback<bool>,
) -> impl IntoView {
    let t = use_texts();
    let lead = selectable.then(|| {
        ViewFn::from(move || {
            view! {
                <input
                    type="checkbox"
                    aria-label=tr(t, |t| t.select_all)
                    prop:checked=move || all_selected.get()
                    on:change=move |_| on_select_all.run(!all_selected.get_untracked())
                />
            }
        })
    });
    let thresholds = StoredValue::new(use_config().wait_thresholds);
    // The column layout rebuilds the table: it changes by a user's choice,
    // rarely, and every row's cells depend on it.
    let layout = Memo::new(move |_| query.with(|q| q.columns.clone()));
    let sorted_by = Memo::new(move |_| query.with(|q| (q.sort, q.dir)));
    move || {
        let layout = layout.get();
        let columns: Arc<[ConversationColumn]> = layout.visible().into();
        view! {
            <VirtualTable
                label=tr(t, |t| t.conversations_table)
                modifier="conversations"
                columns=headers(&layout)
                grid=grid(&layout, selectable)
                total
                rows_in
                sorted_by
                on_sort
                key=row_identity
                row=move |row, row_index| {
                    let crossings = thresholds.with_value(|t| t.crossings(&row.record));
                    let columns = columns.clone();
                    let conversation = row.record;
                    view! { <ConversationRow conversation row_index selectable columns crossings /> }
                }
                lead=lead.clone()
            />
        }
    }
}

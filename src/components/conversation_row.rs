//! One row of the Conversations table. A row is a snapshot of its
//! conversation (the table re-keys it when the conversation changes); only
//! its two timers are reactive, driven by the shared clock.

use leptos::prelude::*;
use monitor_core::wire::Conversation;

use super::badges::{ChannelBadge, StatusBadge};
use super::datetime::DateTimeText;
use super::elapsed::Elapsed;
use crate::i18n::use_texts;

/// A conversation as a table row.
#[component]
pub fn ConversationRow(
    /// The conversation shown.
    conversation: Conversation,
    /// 1-based row index within the whole table (header is row 1).
    #[prop(into)]
    row_index: Signal<usize>,
) -> impl IntoView {
    let t = use_texts();
    let Conversation {
        channel,
        status,
        customer,
        agent,
        department,
        created_at,
        updated_at,
        status_since,
        transfers,
        ..
    } = conversation;
    let contact = customer.phone.or(customer.email);
    let agent_cell = match agent {
        Some(agent) => view! { <span>{agent.name}</span> }.into_any(),
        None => view! { <span class="muted">{move || t.get().unassigned}</span> }.into_any(),
    };
    view! {
        <div class="table__row" role="row" aria-rowindex=move || row_index.get()>
            <div class="table__cell table__cell--channel" role="cell">
                <ChannelBadge channel />
            </div>
            <div class="table__cell table__cell--status" role="cell">
                <StatusBadge status />
            </div>
            <div class="table__cell table__cell--customer" role="cell">
                <span class="customer__name">{customer.name}</span>
                <span class="customer__contact muted">{contact}</span>
            </div>
            <div class="table__cell" role="cell">{agent_cell}</div>
            <div class="table__cell" role="cell">{department.name}</div>
            <div class="table__cell" role="cell">
                <DateTimeText at=created_at />
            </div>
            <div class="table__cell" role="cell">
                {updated_at.map(|at| view! { <DateTimeText at /> })}
            </div>
            <div class="table__cell table__cell--number" role="cell">
                <Elapsed since=status_since />
            </div>
            <div class="table__cell table__cell--number" role="cell">
                <Elapsed since=created_at />
            </div>
            <div class="table__cell table__cell--number" role="cell">{transfers}</div>
            <div class="table__cell table__cell--options" role="cell"></div>
        </div>
    }
}

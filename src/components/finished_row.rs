//! One row of the finished conversations: a closed conversation, when it
//! finished, why it was ended, and a button to read it.

use std::sync::Arc;

use leptos::prelude::*;
use monitor_core::elapsed::format_elapsed;
use monitor_core::wire::Conversation;

use super::badges::ChannelBadge;
use super::datetime::DateTimeText;
use crate::i18n::{tr, use_texts};
use crate::state::actions::{options_button_id, use_actions, Dialog};

/// A finished conversation as a table row.
#[component]
pub fn FinishedRow(
    /// The finished conversation.
    conversation: Arc<Conversation>,
    /// 1-based row index within the whole table (header is row 1).
    #[prop(into)]
    row_index: Signal<usize>,
) -> impl IntoView {
    let t = use_texts();
    let actions = use_actions();
    let open = {
        let conversation = conversation.clone();
        move |_| actions.open(Dialog::View(Box::new(Conversation::clone(&conversation))))
    };
    let Conversation {
        id,
        ticket,
        channel,
        customer,
        agent,
        department,
        created_at,
        finished_at,
        transfers,
        end_justification,
        ..
    } = Conversation::clone(&conversation);
    let duration = finished_at.map(|end| format_elapsed(end - created_at));
    view! {
        <div class="table__row" role="row" aria-rowindex=move || row_index.get()>
            <div class="table__cell table__cell--ticket" role="cell">{ticket}</div>
            <div class="table__cell" role="cell"><ChannelBadge channel /></div>
            <div class="table__cell" role="cell">{customer.name}</div>
            <div class="table__cell" role="cell">
                {match agent {
                    Some(a) => view! { <span>{a.name}</span> }.into_any(),
                    None => view! { <span class="muted">{tr(t, |t| t.unassigned)}</span> }.into_any(),
                }}
            </div>
            <div class="table__cell" role="cell">{department.name}</div>
            <div class="table__cell" role="cell"><DateTimeText at=created_at /></div>
            <div class="table__cell" role="cell">{finished_at.map(|at| view! { <DateTimeText at /> })}</div>
            <div class="table__cell table__cell--number" role="cell">{duration}</div>
            <div class="table__cell table__cell--number" role="cell">{transfers}</div>
            <div class="table__cell" role="cell" title=end_justification.clone()>{end_justification.clone()}</div>
            <div class="table__cell table__cell--options" role="cell">
                <button id=options_button_id(&id) class="button button--link" on:click=open>
                    {tr(t, |t| t.view_conversation)}
                </button>
            </div>
        </div>
    }
}

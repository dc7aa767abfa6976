//! One row of the Conversations table. A row is a snapshot of its
//! conversation (the table re-keys it when the conversation changes); only
//! its two timers are reactive, driven by the shared clock.

use leptos::ev;
use leptos::prelude::*;
use monitor_core::wire::Conversation;
use wasm_bindgen::JsCast;

use super::badges::{ChannelBadge, StatusBadge};
use super::datetime::DateTimeText;
use super::elapsed::Elapsed;
use crate::i18n::{fill, use_texts};
use crate::state::actions::{options_button_id, use_actions, MenuAnchor};

/// A conversation as a table row.
#[component]
pub fn ConversationRow(
    /// The conversation shown.
    conversation: Conversation,
    /// 1-based row index within the whole table (header is row 1).
    #[prop(into)]
    row_index: Signal<usize>,
    /// Whether the row has a selection checkbox (bulk end permitted).
    selectable: bool,
) -> impl IntoView {
    let t = use_texts();
    let actions = use_actions();
    let id = conversation.id.clone();
    let menu_open = {
        let id = id.clone();
        move || {
            actions
                .menu
                .with(|m| m.as_ref().is_some_and(|a| a.conversation.id == id))
        }
    };
    let open_menu = {
        let conversation = conversation.clone();
        move |e: ev::MouseEvent| {
            let Some(button) = e
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let rect = button.get_bounding_client_rect();
            actions.menu.set(Some(MenuAnchor {
                conversation: conversation.clone(),
                right: rect.right(),
                top: rect.bottom(),
            }));
        }
    };
    let select_cell = selectable.then(|| {
        let name = conversation.customer.name.clone();
        let checked = {
            let id = id.clone();
            move || actions.selection.with(|s| s.contains(&id))
        };
        let toggle = {
            let id = id.clone();
            move |_| actions.toggle_selected(&id)
        };
        view! {
            <div class="table__cell table__cell--select" role="cell">
                <input
                    type="checkbox"
                    aria-label=move || fill(t.get().select_row, &[("name", &name)])
                    prop:checked=checked
                    on:change=toggle
                />
            </div>
        }
    });
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
            {select_cell}
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
            <div class="table__cell table__cell--options" role="cell">
                <button
                    id=options_button_id(&id)
                    class="row-options"
                    aria-label=move || t.get().col_options
                    aria-haspopup="menu"
                    aria-expanded=move || menu_open().to_string()
                    on:click=open_menu
                >
                    <span aria-hidden="true">"⋯"</span>
                </button>
            </div>
        </div>
    }
}

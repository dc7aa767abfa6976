//! One row of the Conversations table. A row is a snapshot of its
//! conversation (the table re-keys it when the conversation changes); only
//! its timers and its wait level are reactive, driven by the shared clock.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use monitor_core::awaiting::awaiting_reply_since;
use monitor_core::columns::ConversationColumn;
use monitor_core::thresholds::{Crossings, WaitLevel};
use monitor_core::wire::Conversation;
use wasm_bindgen::JsCast;

use super::badges::{ChannelBadge, StatusBadge};
use super::datetime::DateTimeText;
use super::elapsed::Elapsed;
use crate::i18n::{fill, tr, use_texts};
use crate::state::actions::{options_button_id, use_actions, MenuAnchor};
use crate::state::clock::use_clock;
use crate::state::row_relays::use_row_reads;

/// A conversation as a table row.
#[component]
pub fn ConversationRow(
    /// The conversation shown.
    conversation: Arc<Conversation>,
    /// 1-based row index within the whole table (header is row 1).
    #[prop(into)]
    row_index: Signal<usize>,
    /// Whether the row has a selection checkbox (bulk end permitted).
    selectable: bool,
    /// The visible columns, in order.
    columns: Arc<[ConversationColumn]>,
    /// When it crosses its wait limits (none for a finished one).
    crossings: Option<Crossings>,
) -> impl IntoView {
    let now = use_clock().now();
    // A memo: the row's class changes at two instants, not every second.
    let level = Memo::new(move |_| crossings.map_or(WaitLevel::Normal, |c| c.level(now.get())));
    let select_cell = selectable.then(|| select_cell(&conversation));
    let cells = columns
        .iter()
        .map(|&column| cell(&conversation, column, level))
        .collect_view();
    let options = options_cell(&conversation);
    view! {
        <div
            class="table__row"
            class:table__row--warning=move || level.get() == WaitLevel::Warning
            class:table__row--critical=move || level.get() == WaitLevel::Critical
            data-level=move || level.get().as_str()
            data-awaiting=awaiting_reply_since(&conversation).is_some().to_string()
            role="row"
            aria-rowindex=move || row_index.get()
        >
            {select_cell}
            {cells}
            {options}
        </div>
    }
}

/// One column's cell.
fn cell(c: &Conversation, column: ConversationColumn, level: Memo<WaitLevel>) -> AnyView {
    let t = use_texts();
    match column {
        ConversationColumn::Ticket => view! {
            <div class="table__cell table__cell--ticket" role="cell">{c.ticket.clone()}</div>
        }
        .into_any(),
        ConversationColumn::Channel => {
            let channel = c.channel.clone();
            view! { <div class="table__cell table__cell--channel" role="cell"><ChannelBadge channel /></div> }
                .into_any()
        }
        ConversationColumn::Status => {
            let status = c.status.clone();
            view! { <div class="table__cell table__cell--status" role="cell"><StatusBadge status /></div> }
                .into_any()
        }
        ConversationColumn::Customer => {
            let contact = c
                .customer
                .phone
                .clone()
                .or_else(|| c.customer.email.clone());
            view! {
                <div class="table__cell table__cell--customer" role="cell">
                    <span class="customer__name">{c.customer.name.clone()}</span>
                    <span class="customer__contact muted">{contact}</span>
                </div>
            }
            .into_any()
        }
        ConversationColumn::Agent => {
            let name = c.agent.as_ref().map(|a| a.name.clone());
            let content = match name {
                Some(name) => view! { <span>{name}</span> }.into_any(),
                None => view! { <span class="muted">{tr(t, |t| t.unassigned)}</span> }.into_any(),
            };
            view! { <div class="table__cell" role="cell">{content}</div> }.into_any()
        }
        ConversationColumn::Department => {
            view! { <div class="table__cell" role="cell">{c.department.name.clone()}</div> }
                .into_any()
        }
        ConversationColumn::Created => {
            let at = c.created_at;
            view! { <div class="table__cell" role="cell"><DateTimeText at /></div> }.into_any()
        }
        ConversationColumn::LastMessage => {
            let at = c.last_message.as_ref().map(|m| m.sent_at).or(c.updated_at);
            let preview = c.last_message.as_ref().map(|m| m.text.clone());
            let title = preview.clone();
            view! {
                <div class="table__cell table__cell--stacked" role="cell">
                    <span>{at.map(|at| view! { <DateTimeText at /> })}</span>
                    <span class="last-message muted" title=title>{preview}</span>
                </div>
            }
            .into_any()
        }
        ConversationColumn::AwaitingReply => {
            let since = awaiting_reply_since(c);
            view! {
                <div class="table__cell table__cell--number" role="cell">
                    {since.map(|since| view! {
                        <span class="awaiting">
                            <span class="awaiting__icon" aria-hidden="true">"↩"</span>
                            <Elapsed since />
                        </span>
                    })}
                </div>
            }
            .into_any()
        }
        ConversationColumn::TimeInStatus => {
            let since = c.status_since;
            view! {
                <div class="table__cell table__cell--number table__cell--wait" role="cell">
                    <Elapsed since />
                    <LimitMark level />
                </div>
            }
            .into_any()
        }
        ConversationColumn::Duration => {
            let since = c.created_at;
            view! { <div class="table__cell table__cell--number" role="cell"><Elapsed since /></div> }
                .into_any()
        }
        ConversationColumn::Transfers => {
            view! { <div class="table__cell table__cell--number" role="cell">{c.transfers}</div> }
                .into_any()
        }
    }
}

/// The marker beside a timer past a limit: a shape and a text, so the level
/// does not depend on seeing colour.
#[component]
fn LimitMark(level: Memo<WaitLevel>) -> impl IntoView {
    let t = use_texts();
    move || {
        let (icon, text) = match level.get() {
            WaitLevel::Normal => return None,
            WaitLevel::Warning => ("▲", t.get().level_warning),
            WaitLevel::Critical => ("⬢", t.get().level_critical),
        };
        Some(view! {
            <span class=format!("limit-mark limit-mark--{}", level.get().as_str()) title=text>
                <span aria-hidden="true">{icon}</span>
                <span class="visually-hidden">{text}</span>
            </span>
        })
    }
}

fn select_cell(c: &Conversation) -> impl IntoView {
    let t = use_texts();
    let actions = use_actions();
    let reads = use_row_reads();
    let name = c.customer.name.clone();
    let checked = {
        let id = c.id.clone();
        move || reads.is_some_and(|r| r.selection.with(|s| s.contains(&id)))
    };
    let toggle = {
        let id = c.id.clone();
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
}

fn options_cell(c: &Conversation) -> impl IntoView {
    let t = use_texts();
    let actions = use_actions();
    let reads = use_row_reads();
    let id = c.id.clone();
    let menu_open = {
        let id = id.clone();
        move || reads.is_some_and(|r| r.menu.with(|m| m.as_deref() == Some(id.as_str())))
    };
    let open_menu = {
        let conversation = c.clone();
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
    view! {
        <div class="table__cell table__cell--options" role="cell">
            <button
                id=options_button_id(&id)
                class="row-options"
                aria-label=tr(t, |t| t.col_options)
                aria-haspopup="menu"
                aria-expanded=move || menu_open().to_string()
                on:click=open_menu
            >
                <span aria-hidden="true">"⋯"</span>
            </button>
        </div>
    }
}

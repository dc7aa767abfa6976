//! An agent's drill-down: presence now, today's presence changes as the
//! monitor saw them arrive, their open conversations, and — for profiles
//! allowed to — setting their presence or signing them out.

use leptos::prelude::*;
use monitor_core::presence_log::PresenceChange;
use monitor_core::query::{ConversationQuery, ConversationSort, SortDir};
use monitor_core::wire::{Agent, SetPresenceRequest};
use monitor_core::AgentStatus;

use super::dialogs::report_failure;
use crate::api::idempotency_key;
use crate::components::badges::{ChannelBadge, PresenceBadge, StatusBadge};
use crate::components::datetime::DateTimeText;
use crate::components::elapsed::Elapsed;
use crate::components::modal::Modal;
use crate::i18n::{fill, tr, use_texts};
use crate::state::clock::use_clock;
use crate::state::live::use_live_board;
use crate::state::session::use_api;
use crate::state::views::{open_rows, ConversationRows};

/// The presences a supervisor can set, in button order.
const SETTABLE: [AgentStatus; 3] = [
    AgentStatus::Online,
    AgentStatus::Connected,
    AgentStatus::Offline,
];

/// The drill-down dialog of agent `id`.
#[component]
pub fn AgentDialog(
    id: String,
    /// Whether the profile may set presence (`agents.set_presence`).
    can_set_presence: bool,
    on_close: Callback<()>,
    /// The opener's id.
    return_focus: String,
) -> impl IntoView {
    let t = use_texts();
    let live = use_live_board();
    let id = StoredValue::new(id);
    let agent = Memo::new(move |_| {
        let id = id.get_value();
        live.with(|b| b.agent(&id).map(|a| Agent::clone(a)))
    });
    let title = Signal::derive(move || {
        let name = agent
            .with(|a| a.as_ref().map(|a| a.name.clone()))
            .unwrap_or_else(|| id.get_value());
        fill(t.get().agent_details, &[("name", &name)])
    });
    view! {
        <Modal title on_close return_focus>
            {move || agent.get().map(|agent| view! { <PresenceNow agent /> })}
            {can_set_presence.then(|| view! { <PresenceActions id agent /> })}
            <section class="agent-detail__section">
                <h3>{tr(t, |t| t.presence_today)}</h3>
                <PresenceTimeline id />
            </section>
            <section class="agent-detail__section">
                <h3>{tr(t, |t| t.agent_open_conversations)}</h3>
                <OpenConversations id />
            </section>
        </Modal>
    }
}

#[component]
fn PresenceNow(agent: Agent) -> impl IntoView {
    let t = use_texts();
    let set_by = agent
        .status_set_by
        .map(|by| view! { <span class="muted">{move || fill(t.get().presence_set_by, &[("who", &by.name)])}</span> });
    view! {
        <p class="agent-detail__now">
            <PresenceBadge status=agent.status />
            " "
            <Elapsed since=agent.status_since />
            " "
            {set_by}
            <span class="muted">{format!(" · {} / {}", agent.active_conversations, agent.capacity)}</span>
        </p>
    }
}

/// Set online, set connected, sign out. The result reaches the board
/// through the stream; a failure is said in the dialog.
#[component]
fn PresenceActions(id: StoredValue<String>, agent: Memo<Option<Agent>>) -> impl IntoView {
    let t = use_texts();
    let api = use_api();
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let set = Action::new_local(move |status: &AgentStatus| {
        let api = api.clone();
        let body = SetPresenceRequest {
            status: status.clone(),
        };
        // One key per click: each is a distinct intent.
        let key = idempotency_key();
        let path = format!(
            "/agents/{}/presence",
            js_sys::encode_uri_component(&id.get_value())
        );
        async move { api.post_json::<_, Agent>(&path, &body, &key, "agent").await }
    });
    Effect::new(move |_| match set.value().get() {
        Some(Ok(agent)) => {
            problem.set(None);
            let t = t.get_untracked();
            done.set(Some(fill(
                t.presence_set,
                &[
                    ("name", &agent.name),
                    ("status", &t.presence(&agent.status)),
                ],
            )));
        }
        Some(Err(e)) => {
            done.set(None);
            report_failure(e, problem, t.get_untracked());
        }
        None => {}
    });
    let label = move |status: &AgentStatus| {
        let t = t.get();
        match status {
            AgentStatus::Online => t.set_online,
            AgentStatus::Connected => t.set_connected,
            _ => t.sign_agent_out,
        }
    };
    view! {
        <section class="agent-detail__section" aria-label=tr(t, |t| t.set_presence)>
            <div class="agent-detail__actions">
                {SETTABLE.map(|status| {
                    let current = {
                        let status = status.clone();
                        move || agent.with(|a| a.as_ref().is_some_and(|a| a.status == status))
                    };
                    let danger = status == AgentStatus::Offline;
                    let text = {
                        let status = status.clone();
                        move || label(&status)
                    };
                    view! {
                        <button
                            class=if danger { "button button--danger" } else { "button" }
                            disabled=move || current() || set.pending().get()
                            on:click=move |_| { set.dispatch(status.clone()); }
                        >
                            {text}
                        </button>
                    }
                }).collect_view()}
            </div>
            {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
            <p class="muted" role="status">{move || done.get()}</p>
        </section>
    }
}

/// Today's presence changes, newest first, ending with the presence the
/// day began in ("since 22:10 yesterday", shown with its date).
#[component]
fn PresenceTimeline(id: StoredValue<String>) -> impl IntoView {
    let t = use_texts();
    let live = use_live_board();
    let today = use_clock().today();
    let day = Memo::new(move |_| {
        let start = today.get();
        let id = id.get_value();
        live.with(|b| b.presence().day(&id, start))
    });
    let entry = move |change: PresenceChange, carried: bool| {
        let by = change.set_by.map(|by| {
            view! {
                <span class="muted">{move || fill(t.get().presence_set_by, &[("who", &by.name)])}</span>
            }
        });
        let since = carried.then(|| view! { <span>{tr(t, |t| t.presence_since)}</span> });
        view! {
            <li class="timeline__item" class:timeline__item--carried=carried>
                {since}
                <DateTimeText at=change.at />
                <PresenceBadge status=change.status />
                {by}
            </li>
        }
    };
    view! {
        <Show
            when=move || day.with(|d| d.began_in.is_some() || !d.changes.is_empty())
            fallback=move || view! { <p class="muted">{tr(t, |t| t.presence_no_changes)}</p> }
        >
            <ol class="timeline">
                {move || {
                    let day = day.get();
                    let today = day.changes.into_iter().rev().map(|c| entry(c, false));
                    let carried = day.began_in.map(|c| entry(c, true));
                    today.chain(carried).collect_view()
                }}
            </ol>
        </Show>
    }
}

/// The agent's open conversations, longest in their status first.
#[component]
fn OpenConversations(id: StoredValue<String>) -> impl IntoView {
    let t = use_texts();
    // Their conversations, longest in their status first.
    let query = ConversationQuery {
        agents: [id.get_value()].into(),
        sort: ConversationSort::TimeInStatus,
        dir: SortDir::Desc,
        ..ConversationQuery::default()
    };
    let rows: ConversationRows = open_rows(Signal::stored(query));
    let conversations = Memo::new(move |_| rows.records_tracked());
    view! {
        <Show
            when=move || conversations.with(|c| !c.is_empty())
            fallback=move || view! { <p class="muted">{tr(t, |t| t.agent_no_conversations)}</p> }
        >
            <ul class="agent-conversations">
                {move || conversations.get().into_iter().map(|c| view! {
                    <li class="agent-conversations__item">
                        <ChannelBadge channel=c.channel.clone() />
                        <StatusBadge status=c.status.clone() />
                        <span class="agent-conversations__customer">{c.customer.name.clone()}</span>
                        <Elapsed since=c.status_since />
                    </li>
                }).collect_view()}
            </ul>
        </Show>
    }
}

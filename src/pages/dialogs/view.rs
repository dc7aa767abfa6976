//! Read a conversation: its header with live timers, the transcript (new
//! messages appear as they arrive) and the history of supervisor actions.
//! Works for active conversations and for finished ones.

use leptos::prelude::*;
use monitor_core::wire::{ActionsList, Conversation, MessagesList};

use crate::components::badges::{ChannelBadge, StatusBadge};
use crate::components::elapsed::Elapsed;
use crate::components::modal::Modal;
use crate::components::transcript::{ActionHistory, Transcript};
use crate::i18n::{fill, tr, use_texts};
use crate::state::live::use_live_board;
use crate::state::session::use_api;

/// The conversation view dialog.
#[component]
pub fn ViewDialog(
    /// The conversation as last seen (the live board's copy wins while it is active).
    conversation: Conversation,
    /// Closes the dialog.
    on_close: Callback<()>,
    /// Where focus returns afterwards.
    return_focus: String,
) -> impl IntoView {
    let t = use_texts();
    let live = use_live_board();
    let api = use_api();
    let id = conversation.id.clone();
    let current = Memo::new({
        let id = id.clone();
        move |_| {
            live.with(|b| b.conversation(&id).map(|c| Conversation::clone(c)))
                .unwrap_or_else(|| conversation.clone())
        }
    });
    // A new message moves `updated_at`: refetch then, and only then.
    let last_message = Memo::new(move |_| current.with(|c| c.updated_at));
    let path = format!("/conversations/{}", js_sys::encode_uri_component(&id));
    let messages = LocalResource::new({
        let (api, path) = (api.clone(), path.clone());
        move || {
            last_message.track();
            let (api, path) = (api.clone(), path.clone());
            async move {
                api.get_json::<MessagesList>(&format!("{path}/messages"), "transcript", None)
                    .await
            }
        }
    });
    let history = LocalResource::new(move || {
        current.with(|c| (c.transfers, c.status.clone()));
        let (api, path) = (api.clone(), path.clone());
        async move {
            api.get_json::<ActionsList>(&format!("{path}/actions"), "history", None)
                .await
        }
    });

    let header = move || {
        let c = current.get();
        let t = t.get();
        let agent = c
            .agent
            .map(|a| a.name)
            .unwrap_or_else(|| t.unassigned.to_owned());
        let finished = c.finished_at.map(|at| at - c.created_at);
        view! {
            <dl class="conversation-header">
                {c.ticket.map(|ticket| view! { <div><dt>{t.col_ticket}</dt><dd>{ticket}</dd></div> })}
                <div><dt>{t.col_channel}</dt><dd><ChannelBadge channel=c.channel /></dd></div>
                <div><dt>{t.col_status}</dt><dd><StatusBadge status=c.status /></dd></div>
                <div><dt>{t.col_agent}</dt><dd>{agent}</dd></div>
                <div><dt>{t.col_group}</dt><dd>{c.department.name}</dd></div>
                {match finished {
                    Some(duration) => view! {
                        <div><dt>{t.col_duration}</dt><dd>{monitor_core::elapsed::format_elapsed(duration)}</dd></div>
                    }.into_any(),
                    None => view! {
                        <div><dt>{t.col_time_in_status}</dt><dd><Elapsed since=c.status_since /></dd></div>
                        <div><dt>{t.col_duration}</dt><dd><Elapsed since=c.created_at /></dd></div>
                    }.into_any(),
                }}
            </dl>
        }
    };
    // Keep showing the last transcript while a refetch is under way.
    let transcript = move || match messages.get() {
        Some(Ok(list)) => view! { <Transcript messages=list.messages /> }.into_any(),
        Some(Err(e)) => {
            view! { <p class="form-error" role="alert">{e.message(t.get())}</p> }.into_any()
        }
        None => view! { <p class="muted">{tr(t, |t| t.loading)}</p> }.into_any(),
    };
    let actions = move || match history.get() {
        Some(Ok(list)) if !list.actions.is_empty() => Some(view! {
            <section class="conversation-history">
                <h3>{tr(t, |t| t.history)}</h3>
                <ActionHistory actions=list.actions />
            </section>
        }),
        _ => None,
    };

    view! {
        <Modal
            title=Signal::derive(move || fill(t.get().conversation_with, &[("name", &current.with(|c| c.customer.name.clone()))]))
            on_close
            return_focus
        >
            {header}
            {actions}
            <section class="conversation-transcript" aria-label=tr(t, |t| t.transcript)>
                <Transition fallback=move || view! { <p class="muted">{tr(t, |t| t.loading)}</p> }>
                    {transcript}
                </Transition>
            </section>
        </Modal>
    }
}

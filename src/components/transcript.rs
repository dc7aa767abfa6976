//! A conversation's messages and its action history. Every text from the
//! backend is rendered as text (Leptos escapes it), never as markup.

use leptos::prelude::*;
use monitor_core::wire::{ActionKind, ConversationAction, Message};

use super::datetime::DateTimeText;
use crate::i18n::{fill, tr, use_texts};

/// The transcript, oldest first; authors told apart by class and label.
#[component]
pub fn Transcript(
    /// The messages to show.
    messages: Vec<Message>,
) -> impl IntoView {
    let t = use_texts();
    if messages.is_empty() {
        return view! { <p class="muted">{tr(t, |t| t.no_messages)}</p> }.into_any();
    }
    let items = messages
        .into_iter()
        .map(|m| {
            let class = format!(
                "message message--{}",
                super::badges::css_modifier(m.author.as_str())
            );
            let author = m.author.clone();
            let name = m.author_name.clone();
            view! {
                <li class=class>
                    <div class="message__meta">
                        <span class="message__author">
                            {move || match &name {
                                Some(name) => format!("{name} · {}", t.get().author(&author)),
                                None => t.get().author(&author),
                            }}
                        </span>
                        <DateTimeText at=m.sent_at />
                    </div>
                    <p class="message__text">{m.text}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="transcript">{items}</ol> }.into_any()
}

/// Who transferred or ended the conversation, when, and why.
#[component]
pub fn ActionHistory(
    /// The recorded actions, oldest first.
    actions: Vec<ConversationAction>,
) -> impl IntoView {
    let t = use_texts();
    let items = actions
        .into_iter()
        .map(|a| {
            let text = move || {
                let t = t.get();
                let who = a.by.name.as_str();
                match a.kind {
                    ActionKind::End => fill(
                        t.history_end,
                        &[
                            ("who", who),
                            ("why", a.justification.as_deref().unwrap_or("")),
                        ],
                    ),
                    _ => {
                        let from = a
                            .from_department
                            .as_ref()
                            .map(|d| d.name.as_str())
                            .unwrap_or("—");
                        let mut to = a
                            .to_department
                            .as_ref()
                            .map(|d| d.name.clone())
                            .unwrap_or_default();
                        if let Some(agent) = &a.to_agent {
                            to = format!("{to} ({})", agent.name);
                        }
                        fill(
                            t.history_transfer,
                            &[("who", who), ("from", from), ("to", &to)],
                        )
                    }
                }
            };
            view! {
                <li class="history__item">
                    <DateTimeText at=a.at />
                    " "
                    <span>{text}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="history">{items}</ul> }
}

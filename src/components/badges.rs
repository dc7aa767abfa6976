//! Status and channel badges. The class modifier is the wire value, so an
//! unknown value from a newer backend still renders (as its raw text).

use leptos::prelude::*;
use monitor_core::{AgentStatus, Channel, ConversationStatus};

use crate::i18n::use_texts;

/// A CSS-safe modifier from a wire value (unknown values may contain anything).
pub fn css_modifier(raw: &str) -> String {
    raw.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The conversation's status as a coloured badge with its name.
#[component]
pub fn StatusBadge(
    /// The status to show; unknown ones show their raw value.
    status: ConversationStatus,
) -> impl IntoView {
    let t = use_texts();
    let class = format!(
        "badge status-badge status-badge--{}",
        css_modifier(status.as_str())
    );
    view! { <span class=class>{move || t.get().status(&status)}</span> }
}

/// The conversation's channel with its name.
#[component]
pub fn ChannelBadge(
    /// The channel to show; unknown ones show their raw value.
    channel: Channel,
) -> impl IntoView {
    let t = use_texts();
    let class = format!(
        "badge channel-badge channel-badge--{}",
        css_modifier(channel.as_str())
    );
    view! { <span class=class>{move || t.get().channel(&channel)}</span> }
}

/// An agent's presence as a badge with its name.
#[component]
pub fn PresenceBadge(
    /// The presence to show; unknown ones show their raw value.
    status: AgentStatus,
) -> impl IntoView {
    let t = use_texts();
    let class = format!(
        "badge presence-badge presence-badge--{}",
        css_modifier(status.as_str())
    );
    view! { <span class=class>{move || t.get().presence(&status)}</span> }
}

//! The indicator cards above the lists. Values come from `core`; this only
//! lays them out. Averages are shown only when the profile may see them.

use leptos::prelude::*;
use monitor_core::elapsed::format_elapsed;
use monitor_core::indicators::waits::WaitNumbers;
use monitor_core::indicators::{AgentIndicators, ConversationIndicators};

use crate::i18n::{format_count, tr, use_locale, use_texts};

/// One labelled value. The card's accessible name is its label.
#[component]
fn Card(
    /// The indicator's name.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The value as text ("—" when there is nothing to measure).
    #[prop(into)]
    value: Signal<String>,
    /// Visual emphasis modifier (`kpi--{tone}`).
    #[prop(optional)]
    tone: &'static str,
) -> impl IntoView {
    view! {
        <div class=format!("kpi kpi--{tone}") role="group" aria-label=move || label.get()>
            <span class="kpi__label" aria-hidden="true">{move || label.get()}</span>
            <span class="kpi__value">{move || value.get()}</span>
        </div>
    }
}

const NOTHING: &str = "—";

/// The indicators region. `None` hides a group (an agent has no agent counts).
#[component]
pub fn Indicators(
    /// Conversation counts and averages, at the clock's now.
    #[prop(into)]
    conversations: Signal<ConversationIndicators>,
    /// Waits against the thresholds, at the clock's now; `None` hides them
    /// (the agent's simplified monitor shows the main counts only).
    waits: Option<Signal<WaitNumbers>>,
    /// Agent counts and occupancy, when the profile sees agents.
    #[prop(into)]
    agents: Signal<Option<AgentIndicators>>,
    /// Whether the averages are shown (by permission).
    averages: bool,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    // Memos: the inputs change every tick, but a count's text only when
    // the count does, and only then is the card's text node written.
    let c = move |f: fn(&ConversationIndicators) -> usize| {
        Memo::new(move |_| conversations.with(|i| format_count(f(i), locale.get())))
    };
    let duration = move |f: fn(&ConversationIndicators) -> Option<chrono::Duration>| {
        Memo::new(move |_| {
            conversations.with(|i| {
                f(i).map(format_elapsed)
                    .unwrap_or_else(|| NOTHING.to_owned())
            })
        })
    };
    let a = move |f: fn(&AgentIndicators) -> usize| {
        Memo::new(move |_| {
            agents.with(|i| {
                i.as_ref()
                    .map(|i| format_count(f(i), locale.get()))
                    .unwrap_or_default()
            })
        })
    };
    let occupancy = Memo::new(move |_| {
        agents.with(|i| match i.as_ref().and_then(|i| i.occupancy) {
            Some(share) => format!("{:.0}%", share * 100.0),
            None => NOTHING.to_owned(),
        })
    });
    let transfers = Memo::new(move |_| {
        conversations.with(|i| match i.transfers_per_conversation {
            Some(x) => format!("{x:.2}"),
            None => NOTHING.to_owned(),
        })
    });
    let has_agents = move || agents.with(Option::is_some);
    let w = move |waits: Signal<WaitNumbers>, f: fn(&WaitNumbers) -> usize| {
        Memo::new(move |_| waits.with(|i| format_count(f(i), locale.get())))
    };
    let w_time = move |waits: Signal<WaitNumbers>,
                       f: fn(&WaitNumbers) -> Option<chrono::Duration>| {
        Memo::new(move |_| {
            waits.with(|i| {
                f(i).map(format_elapsed)
                    .unwrap_or_else(|| NOTHING.to_owned())
            })
        })
    };

    view! {
        <section class="indicators" aria-label=tr(t, |t| t.indicators)>
            <div class="indicators__group">
                <Card label=tr(t, |t| t.status_queued) value=c(|i| i.queued) tone="queued" />
                <Card label=tr(t, |t| t.status_in_progress) value=c(|i| i.in_progress) tone="in_progress" />
                <Card label=tr(t, |t| t.status_pending) value=c(|i| i.pending) tone="pending" />
                <Card label=tr(t, |t| t.status_inactive) value=c(|i| i.inactive) tone="inactive" />
            </div>
            {waits.map(|waits| view! {
                <div class="indicators__group">
                    <Card label=tr(t, |t| t.kpi_over_limit) value=w(waits, |i| i.critical) tone="critical" />
                    <Card label=tr(t, |t| t.kpi_warning) value=w(waits, |i| i.warning) tone="warning" />
                    <Card label=tr(t, |t| t.kpi_longest_wait) value=w_time(waits, |i| i.longest_wait) />
                    <Card label=tr(t, |t| t.kpi_awaiting) value=w(waits, |i| i.awaiting_reply) />
                    <Card label=tr(t, |t| t.kpi_longest_awaiting) value=w_time(waits, |i| i.longest_awaiting) />
                </div>
            })}
            <Show when=has_agents>
                <div class="indicators__group">
                    <Card label=tr(t, |t| t.presence_online) value=a(|i| i.online) tone="online" />
                    <Card label=tr(t, |t| t.presence_connected) value=a(|i| i.connected) tone="connected" />
                    <Card label=tr(t, |t| t.presence_offline) value=a(|i| i.offline) tone="offline" />
                </div>
            </Show>
            {averages.then(|| view! {
                <div class="indicators__group">
                    <Card label=tr(t, |t| t.kpi_average_wait) value=duration(|i| i.average_wait) />
                    <Card label=tr(t, |t| t.kpi_average_duration) value=duration(|i| i.average_duration) />
                    <Card label=tr(t, |t| t.kpi_occupancy) value=occupancy />
                    <Card label=tr(t, |t| t.kpi_transfers_per_conversation) value=transfers />
                </div>
            })}
        </section>
    }
}

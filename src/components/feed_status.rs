//! Says how fresh the numbers are: the connection indicator in the header and
//! the banner over stale data. A supervisor must never mistake old data for live.

use leptos::prelude::*;

use crate::i18n::{fill, tr, use_locale, use_texts};
use monitor_core::config::Config;

use crate::state::live::{use_live_board, use_stale, FeedPhase};
use crate::state::timing::time_of_day;

/// "Live" / "Reconnecting…" / "Offline since hh:mm:ss", plus "Updated hh:mm:ss".
#[component]
pub fn ConnectionIndicator() -> impl IntoView {
    let live = use_live_board();
    let t = use_texts();
    let locale = use_locale();
    let phase_text = move || {
        let t = t.get();
        match live.phase.get() {
            FeedPhase::Connecting => t.connecting.to_owned(),
            FeedPhase::Live => t.live.to_owned(),
            FeedPhase::Reconnecting => t.reconnecting.to_owned(),
            FeedPhase::Offline { since_ms } => fill(
                t.offline_since,
                &[("time", &time_of_day(since_ms, locale.get().as_str()))],
            ),
        }
    };
    let phase_class = move || {
        let modifier = match live.phase.get() {
            FeedPhase::Connecting | FeedPhase::Reconnecting => "pending",
            FeedPhase::Live => "live",
            FeedPhase::Offline { .. } => "offline",
        };
        format!("connection connection--{modifier}")
    };
    let updated = move || {
        live.synced_at.get().map(|ms| {
            fill(
                t.get().updated_at,
                &[("time", &time_of_day(ms, locale.get().as_str()))],
            )
        })
    };
    view! {
        <div class=phase_class>
            // Only the phase is announced; the "Updated" time changes too often.
            <span class="connection__phase" role="status" aria-live="polite">
                <span class="connection__dot" aria-hidden="true"></span>
                {phase_text}
            </span>
            <span class="connection__updated">{updated}</span>
        </div>
    }
}

/// "Pause updates": freezes the lists (timers keep ticking) and, on resume,
/// shows everything that happened meanwhile.
#[component]
pub fn PauseToggle() -> impl IntoView {
    let live = use_live_board();
    let t = use_texts();
    view! {
        <button
            class="button pause-toggle"
            aria-pressed=move || live.paused.get().to_string()
            on:click=move |_| live.paused.update(|p| *p = !*p)
        >
            {tr(t, |t| t.pause_updates)}
        </button>
        <Show when=move || live.paused.get()>
            <span class="pause-waiting">
                {move || fill(t.get().paused_waiting, &[("n", &live.waiting.get().to_string())])}
            </span>
        </Show>
    }
}

/// Over the table when the rows cannot be trusted as current: the feed is
/// failing (what failed, how old the rows are, Retry), or nothing has come
/// from the server for longer than the configured limit. The rows stay.
#[component]
pub fn StaleDataBanner() -> impl IntoView {
    let live = use_live_board();
    let t = use_texts();
    let locale = use_locale();
    let stale_after = use_context::<Config>()
        .map(|c| c.stale_after_ms)
        .unwrap_or(45_000);
    let stale = use_stale(stale_after);
    let silent = move || {
        (stale.get() && live.error.with(Option::is_none)).then(|| {
            let at = live.synced_at.get().unwrap_or_default();
            fill(
                t.get().stale_data,
                &[("time", &time_of_day(at, locale.get().as_str()))],
            )
        })
    };
    let message = move || {
        let error = live.error.get()?;
        let t = t.get();
        let mut text = error.message(t);
        if let Some(ms) = live.synced_at.get() {
            text.push(' ');
            text.push_str(&fill(
                t.showing_last_good,
                &[("time", &time_of_day(ms, locale.get().as_str()))],
            ));
        }
        Some(text)
    };
    view! {
        <Show when=move || live.error.with(Option::is_some)>
            <div class="banner banner--warning" role="alert">
                <span class="banner__text">{message}</span>
                <button class="button" on:click=move |_| live.retry_now()>
                    {tr(t, |t| t.retry)}
                </button>
            </div>
        </Show>
        {move || silent().map(|text| view! {
            <div class="banner banner--warning" role="alert">
                <span class="banner__text">{text}</span>
                <button class="button" on:click=move |_| live.retry_now()>
                    {tr(t, |t| t.retry)}
                </button>
            </div>
        })}
    }
}

//! The alerts' settings and the recent alerts, behind the header's
//! "Alerts" button. Everything is opt-in and kept in this browser.

use leptos::prelude::*;

use crate::components::datetime::DateTimeText;
use crate::components::modal::Modal;
use crate::i18n::{tr, use_texts};
use crate::state::alerts::{permission, use_alerts};

pub const ALERTS_BUTTON: &str = "alerts-button";

/// The header button, with the number of alerts not seen yet.
#[component]
pub fn AlertsButton(open: RwSignal<bool>) -> impl IntoView {
    let t = use_texts();
    let alerts = use_alerts();
    view! {
        <button
            id=ALERTS_BUTTON
            class="button alerts-button"
            aria-haspopup="dialog"
            aria-label=tr(t, |t| t.alerts)
            on:click=move |_| {
                alerts.unseen.set(0);
                open.set(true);
            }
        >
            {tr(t, |t| t.alerts)}
            <Show when=move || alerts.unseen.get() != 0>
                <span class="alerts-button__count" aria-hidden="true">{move || alerts.unseen.get()}</span>
            </Show>
        </button>
    }
}

/// A checkbox bound to one boolean setting.
#[component]
fn Setting(
    label: fn(&crate::i18n::Texts) -> &'static str,
    get: fn(&monitor_core::alerts::AlertSettings) -> bool,
    set: fn(&mut monitor_core::alerts::AlertSettings, bool),
) -> impl IntoView {
    let t = use_texts();
    let alerts = use_alerts();
    view! {
        <label class="toggle">
            <input
                type="checkbox"
                prop:checked=move || alerts.settings.with(get)
                on:change=move |e| {
                    let on = event_target_checked(&e);
                    alerts.change(|s| set(s, on));
                }
            />
            {move || label(t.get())}
        </label>
    }
}

#[component]
pub fn AlertsDialog(on_close: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let alerts = use_alerts();
    // Re-read when settings change (asking for permission is one of those).
    let blocked = move || {
        alerts.settings.track();
        alerts.settings.with(|s| s.notify)
            && permission() == web_sys::NotificationPermission::Denied
    };
    let queue_on = move || alerts.settings.with(|s| s.queue_size.is_some());
    let queue_size = move || {
        alerts
            .settings
            .with(|s| s.queue_size.unwrap_or(DEFAULT_QUEUE_SIZE))
    };
    view! {
        <Modal
            title=Signal::derive(move || t.get().alerts.to_owned())
            on_close
            return_focus=ALERTS_BUTTON
        >
            <fieldset class="alerts-settings">
                <legend class="visually-hidden">{tr(t, |t| t.alerts)}</legend>
                <Setting label=|t| t.alerts_critical get=|s| s.critical set=|s, on| s.critical = on />
                <div class="alerts-settings__queue">
                    <label class="toggle">
                        <input
                            type="checkbox"
                            prop:checked=queue_on
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                alerts.change(|s| s.queue_size = on.then_some(queue_size_or_default(s.queue_size)));
                            }
                        />
                        {tr(t, |t| t.alerts_queue)}
                    </label>
                    <input
                        type="number"
                        min="1"
                        max="100000"
                        aria-label=tr(t, |t| t.alerts_queue_size)
                        disabled=move || !queue_on()
                        prop:value=move || queue_size().to_string()
                        on:change=move |e| {
                            // Only a whole number from 1 up; anything else
                            // leaves the size as it was.
                            if let Ok(n) = event_target_value(&e).trim().parse::<u32>() {
                                if n > 0 {
                                    alerts.change(|s| s.queue_size = Some(n));
                                }
                            }
                        }
                    />
                </div>
                <Setting label=|t| t.alerts_notify get=|s| s.notify set=|s, on| s.notify = on />
                <Setting label=|t| t.alerts_sound get=|s| s.sound set=|s, on| s.sound = on />
                <Setting label=|t| t.alerts_mute_focused get=|s| s.mute_while_focused set=|s, on| s.mute_while_focused = on />
            </fieldset>
            <Show when=blocked>
                <p class="banner banner--info">{tr(t, |t| t.alerts_blocked)}</p>
            </Show>
            <section class="alerts-log">
                <h3>{tr(t, |t| t.alerts_recent)}</h3>
                <Show
                    when=move || alerts.log.with(|l| !l.is_empty())
                    fallback=move || view! { <p class="muted">{tr(t, |t| t.alerts_none)}</p> }
                >
                    <ul class="alerts-log__list">
                        {move || alerts.log.get().into_iter().map(|a| view! {
                            <li class="alerts-log__item"><DateTimeText at=a.at />" "{a.text}</li>
                        }).collect_view()}
                    </ul>
                </Show>
            </section>
        </Modal>
    }
}

/// The queue size offered before the user picks one.
const DEFAULT_QUEUE_SIZE: u32 = 20;

fn queue_size_or_default(current: Option<u32>) -> u32 {
    current.unwrap_or(DEFAULT_QUEUE_SIZE)
}

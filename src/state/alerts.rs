//! The alerts engine: once a second, while the user has alerts on, asks
//! `core` what is new, lists it on the page, and — unless muted — shows a
//! browser notification and plays a short tone.

use std::cell::RefCell;
use std::collections::VecDeque;

use leptos::prelude::*;
use monitor_core::alerts::{Alert, AlertSettings, AlertTracker};
use monitor_core::elapsed::format_elapsed;
use monitor_core::wire::Timestamp;

use super::clock::use_clock;
use super::config::use_config;
use super::live::use_live_board;
use crate::i18n::{fill, format_count, use_locale, use_texts, Texts};

/// Where the user's choices are kept.
const KEY: &str = "ops-monitor.alerts";
/// Alerts listed on the page; older ones drop off.
const LOG_SIZE: usize = 20;

/// One alert as listed.
#[derive(Clone, Debug, PartialEq)]
pub struct LoggedAlert {
    pub at: Timestamp,
    pub text: String,
}

/// The alerts' settings and recent list, in context.
#[derive(Clone, Copy)]
pub struct Alerts {
    pub settings: RwSignal<AlertSettings>,
    pub log: RwSignal<VecDeque<LoggedAlert>>,
    /// Alerts since the list was last opened.
    pub unseen: RwSignal<usize>,
}

impl Alerts {
    /// Changes the settings and keeps them. Called from a user gesture, so
    /// this is where the browser may ask for notification permission and
    /// where audio may be unlocked.
    pub fn change(&self, change: impl FnOnce(&mut AlertSettings)) {
        self.settings.update(change);
        let settings = self.settings.get_untracked();
        if let Some(storage) = storage() {
            let _ = storage.set_item(KEY, &serde_json::to_string(&settings).unwrap_or_default());
        }
        if settings.notify
            && settings.any()
            && permission() == web_sys::NotificationPermission::Default
        {
            let _ = web_sys::Notification::request_permission();
        }
        if settings.sound && settings.any() {
            with_audio(|audio| {
                let _ = audio.resume();
            });
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Notification permission; "denied" where the API does not exist.
pub fn permission() -> web_sys::NotificationPermission {
    let exists = js_sys::Reflect::has(&window(), &"Notification".into()).unwrap_or(false);
    if exists {
        web_sys::Notification::permission()
    } else {
        web_sys::NotificationPermission::Denied
    }
}

thread_local! {
    /// One audio context for the page's life (browsers limit how many).
    static AUDIO: RefCell<Option<web_sys::AudioContext>> = const { RefCell::new(None) };
}

fn with_audio(f: impl FnOnce(&web_sys::AudioContext)) {
    AUDIO.with(|audio| {
        let mut audio = audio.borrow_mut();
        if audio.is_none() {
            *audio = web_sys::AudioContext::new().ok();
        }
        if let Some(audio) = audio.as_ref() {
            f(audio);
        }
    });
}

/// A short two-note tone: synthesized, so no sound file to ship.
fn play_tone() {
    with_audio(|audio| {
        let start = audio.current_time();
        for (i, frequency) in [880.0f32, 660.0].into_iter().enumerate() {
            let (Ok(oscillator), Ok(gain)) = (audio.create_oscillator(), audio.create_gain())
            else {
                return;
            };
            let at = start + 0.18 * i as f64;
            oscillator.frequency().set_value(frequency);
            gain.gain().set_value(0.15);
            let _ = oscillator.connect_with_audio_node(&gain);
            let _ = gain.connect_with_audio_node(&audio.destination());
            let _ = oscillator.start_with_when(at);
            let _ = oscillator.stop_with_when(at + 0.15);
        }
    });
}

fn describe(alert: &Alert, t: &Texts, locale: crate::i18n::Locale) -> String {
    match alert {
        Alert::Critical {
            customer,
            department,
            waited,
            ..
        } => fill(
            t.alert_critical,
            &[
                ("name", customer),
                ("department", department),
                ("time", &format_elapsed(*waited)),
            ],
        ),
        Alert::Queue { queued, limit } => fill(
            t.alert_queue,
            &[
                ("n", &format_count(*queued, locale)),
                ("max", &limit.to_string()),
            ],
        ),
    }
}

fn notify(alert: &Alert, text: &str, t: &Texts) {
    if permission() != web_sys::NotificationPermission::Granted {
        return;
    }
    let options = web_sys::NotificationOptions::new();
    options.set_body(text);
    // One notification per conversation (or for the queue) at a time.
    options.set_tag(&match alert {
        Alert::Critical { id, .. } => format!("ops-monitor-critical-{id}"),
        Alert::Queue { .. } => "ops-monitor-queue".to_owned(),
    });
    let _ = web_sys::Notification::new_with_options(t.app_title, &options);
}

/// Starts the engine for this session and puts the alerts in context.
pub fn provide_alerts() -> Alerts {
    let stored = storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    let alerts = Alerts {
        settings: RwSignal::new(stored),
        log: RwSignal::new(VecDeque::new()),
        unseen: RwSignal::new(0),
    };
    provide_context(alerts);
    let live = use_live_board();
    let now = use_clock().now();
    let t = use_texts();
    let locale = use_locale();
    let thresholds = StoredValue::new(use_config().wait_thresholds);
    let tracker = StoredValue::new(AlertTracker::default());
    Effect::new(move |_| {
        let now = now.get();
        let settings = alerts.settings.get();
        if !settings.any() {
            // Nothing to watch: no pass over the board. Switching alerts on
            // later starts from what is known then.
            tracker.set_value(AlertTracker::default());
            return;
        }
        let fresh = live.with_untracked(|b| {
            thresholds.with_value(|thresholds| {
                tracker
                    .try_update_value(|tracker| {
                        tracker.check(b.conversations().map(|c| &**c), thresholds, &settings, now)
                    })
                    .unwrap_or_default()
            })
        });
        if fresh.is_empty() {
            return;
        }
        let t = t.get_untracked();
        let muted = settings.mute_while_focused && document().has_focus().unwrap_or(false);
        for alert in &fresh {
            let text = describe(alert, t, locale.get_untracked());
            if settings.notify && !muted {
                notify(alert, &text, t);
            }
            alerts.log.update(|log| {
                log.push_front(LoggedAlert { at: now, text });
                log.truncate(LOG_SIZE);
            });
        }
        alerts.unseen.update(|n| *n += fresh.len());
        if settings.sound && !muted {
            play_tone();
        }
    });
    alerts
}

pub fn use_alerts() -> Alerts {
    expect_context::<Alerts>()
}

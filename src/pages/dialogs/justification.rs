//! The justification field shared by the end dialogs: required, trimmed, a
//! length limit shown as you type — the same rule as the backend's.

use leptos::prelude::*;
use monitor_core::wire::{checked_justification, JustificationError, JUSTIFICATION_MAX_CHARS};

use crate::i18n::{fill, tr, use_texts};

/// A labelled textarea with a live character count and the rule's message.
#[component]
pub fn JustificationField(
    /// The text as typed (kept by the dialog, so a failed request loses nothing).
    text: RwSignal<String>,
) -> impl IntoView {
    let t = use_texts();
    let count = move || text.with(|s| s.trim().chars().count());
    let over = move || count() > JUSTIFICATION_MAX_CHARS;
    let problem = move || match text.with(|s| checked_justification(s).map(|_| ()).err()) {
        Some(JustificationError::TooLong(_)) => Some(fill(
            t.get().justification_too_long,
            &[("max", &JUSTIFICATION_MAX_CHARS.to_string())],
        )),
        _ => None,
    };
    view! {
        <div class="field">
            <label for="justification">{tr(t, |t| t.justification)}</label>
            <textarea
                id="justification"
                rows="4"
                aria-describedby="justification-count justification-hint"
                prop:value=move || text.get()
                on:input=move |e| text.set(event_target_value(&e))
            ></textarea>
            <div class="field__meta">
                <span id="justification-hint" class="muted">
                    {move || problem().unwrap_or_else(|| t.get().justification_blank.to_owned())}
                </span>
                <span id="justification-count" class="field__count" class:field__count--over=over>
                    {move || format!("{} / {JUSTIFICATION_MAX_CHARS}", count())}
                </span>
            </div>
        </div>
    }
}

/// The justification to send, or `None` while the rule refuses it.
pub fn valid_justification(text: &str) -> Option<String> {
    checked_justification(text).ok().map(str::to_owned)
}

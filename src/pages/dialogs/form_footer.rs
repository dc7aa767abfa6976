//! What every action dialog ends with: the reason the last attempt failed,
//! Cancel, and the submit button whose label says what will happen now
//! (the action, "Sending…", or "Retry" after a failure).

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{tr, use_texts, Texts};

/// The failure message and the two buttons of an action dialog's form.
#[component]
pub fn FormFooter(
    /// Why the last attempt failed, if it did.
    problem: RwSignal<Option<String>>,
    /// The action's name on the submit button ("End", "Transfer").
    action: fn(&Texts) -> &'static str,
    /// A request is under way.
    #[prop(into)]
    pending: Signal<bool>,
    /// The form cannot be sent yet (besides while pending).
    #[prop(into)]
    blocked: Signal<bool>,
    /// Styles the submit button as destructive.
    #[prop(optional)]
    danger: bool,
    /// Closes the dialog.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let label = move || {
        let t = t.get();
        if pending.get() {
            t.sending
        } else if problem.with(Option::is_some) {
            t.retry
        } else {
            action(t)
        }
    };
    let class = if danger {
        "button button--danger"
    } else {
        "button button--primary"
    };
    view! {
        {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
        <div class="dialog-form__actions">
            <button type="button" class="button" on:click=move |_| on_cancel.run(())>
                {tr(t, |t| t.cancel)}
            </button>
            <button type="submit" class=class disabled=move || pending.get() || blocked.get()>
                {label}
            </button>
        </div>
    }
}

/// A failed action, shown in the dialog, which keeps what was typed. A 401
/// has already ended the session (`api::unauthorized`); the dialog goes with
/// the monitor and its draft waits for the next sign-in.
pub fn report_failure(error: ApiError, problem: RwSignal<Option<String>>, t: &Texts) {
    if error != ApiError::Unauthorized {
        problem.set(Some(error.message(t)));
    }
}

//! Top-level sign-in: paste a token. In the portal's iframe the token comes
//! by message instead (`portal_wait`); this screen is for direct use and
//! the demo.

use leptos::prelude::*;
use monitor_core::wire::Me;

use crate::api::ApiError;
use crate::i18n::{tr, use_texts};
use crate::state::session::{use_session, SignInNotice};

/// The sign-in form. A rejected or unreachable sign-in keeps the typed token.
#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let token = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);

    let attempt = Action::new_local(move |token: &String| {
        let token = token.clone();
        async move {
            let me = session
                .client_for(&token)
                .get_json::<Me>("/me", "profile", None)
                .await;
            (token, me)
        }
    });
    Effect::new(move |_| {
        if let Some((token, result)) = attempt.value().get() {
            match result {
                Ok(me) => session.sign_in(token, me),
                Err(ApiError::Unauthorized) => {
                    problem.set(Some(t.get_untracked().token_rejected.to_owned()))
                }
                Err(e) => problem.set(Some(e.message(t.get_untracked()))),
            }
        }
    });
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let typed = token.get_untracked().trim().to_owned();
        if typed.is_empty() {
            problem.set(Some(t.get_untracked().token_required.to_owned()));
            return;
        }
        // One request at a time: a double click must not sign in twice.
        if !attempt.pending().get_untracked() {
            problem.set(None);
            attempt.dispatch(typed);
        }
    };
    let notice = move || {
        session.notice().map(|notice| match notice {
            SignInNotice::SessionExpired => t.get().session_expired,
        })
    };

    view! {
        <main class="sign-in">
            <form class="sign-in__card" on:submit=submit novalidate>
                <h1>{tr(t, |t| t.sign_in_title)}</h1>
                <p class="muted">{tr(t, |t| t.sign_in_intro)}</p>
                {move || notice().map(|text| view! { <p class="notice" role="status">{text}</p> })}
                <label for="access-token">{tr(t, |t| t.access_token)}</label>
                <input
                    id="access-token"
                    type="password"
                    autocomplete="off"
                    prop:value=move || token.get()
                    on:input=move |e| token.set(event_target_value(&e))
                />
                {move || problem.get().map(|text| view! { <p class="form-error" role="alert">{text}</p> })}
                <button class="button button--primary" type="submit" disabled=move || attempt.pending().get()>
                    {move || if attempt.pending().get() { t.get().signing_in } else { t.get().sign_in }}
                </button>
            </form>
        </main>
    }
}

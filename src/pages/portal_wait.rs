//! Inside the portal, before its token arrives: a wait, not a sign-in
//! form (the portal owns the session). If the token does not come within
//! [`PATIENCE`], or comes and is refused, or the page around the monitor
//! is not an allowed portal, the screen says which, so whoever sees it can
//! tell the portal's administrator something precise.

use std::time::Duration;

use leptos::prelude::*;

use crate::components::error_view::ErrorView;
use crate::i18n::{fill, tr, use_texts};
use crate::state::embedding::{use_embedding, Host};
use crate::state::session::{use_session, SignInNotice};

/// How long the portal has to hand over a token.
pub const PATIENCE: Duration = Duration::from_secs(8);

/// The wait for the portal's token, or why it is not coming.
#[component]
pub fn PortalWait() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let Some(embedding) = use_embedding() else {
        return ().into_any();
    };
    if let Host::Refused(origin) = &embedding.host {
        let origin = origin.clone();
        return view! {
            <section class="error-view" role="alert" aria-labelledby="portal-problem">
                <h2 id="portal-problem">{tr(t, |t| t.error_title)}</h2>
                <p class="error-view__message">
                    {move || fill(t.get().portal_not_allowed, &[("origin", &origin)])}
                </p>
            </section>
        }
        .into_any();
    }

    // Each ask starts the wait over; the one before is cancelled.
    let asks = RwSignal::new(0u32);
    let late = RwSignal::new(false);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let cancel = move || {
        if let Some(Some(handle)) = timer.try_get_value() {
            handle.clear();
        }
    };
    Effect::new(move |_| {
        asks.track();
        cancel();
        late.set(false);
        timer.set_value(set_timeout_with_handle(move || late.set(true), PATIENCE).ok());
    });
    on_cleanup(cancel);
    let problem = embedding.problem;
    let ask_again = Callback::new(move |_| {
        problem.set(None);
        embedding.ask_for_token();
        asks.update(|n| *n += 1);
    });
    let message = Signal::derive(move || {
        let t = t.get();
        if let Some(e) = problem.get() {
            e.message(t)
        } else if session.notice() == Some(SignInNotice::SessionExpired) {
            t.portal_token_refused.to_owned()
        } else {
            fill(t.portal_no_token, &[("s", &PATIENCE.as_secs().to_string())])
        }
    });
    let failed = move || late.get() || problem.with(Option::is_some);
    view! {
        <main class="sign-in">
            <Show
                when=failed
                fallback=move || view! {
                    <p class="loading" role="status">{tr(t, |t| t.waiting_for_portal)}</p>
                }
            >
                <ErrorView message on_retry=ask_again />
            </Show>
        </main>
    }
    .into_any()
}

//! The app shell: context providers, then sign-in or the monitor.

use leptos::prelude::*;
use leptos_router::components::Router;
use monitor_core::config::Config;
use monitor_core::wire::Me;

use crate::api::ApiError;
use crate::components::error_view::ErrorView;
use crate::i18n::{provide_locale, tr, use_locale, use_locale_choice, use_texts};
use crate::pages::monitor::Monitor;
use crate::pages::portal_wait::PortalWait;
use crate::pages::sign_in::SignInPage;
use crate::state::clock::provide_clock;
use crate::state::config::load_config;
use crate::state::embedding::{provide_embedding, Host};
use crate::state::session::{provide_session, use_session};
use crate::state::theme::provide_theme;

#[component]
pub fn App() -> impl IntoView {
    provide_locale();
    provide_theme();
    provide_clock();
    let config = LocalResource::new(load_config);
    let locale = use_locale();
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", locale.get().as_str());
        }
    });
    move || match config.get() {
        None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
        Some(Err(problem)) => view! { <ConfigError problem /> }.into_any(),
        Some(Ok(config)) => view! { <Configured config /> }.into_any(),
    }
}

/// A missing or invalid `config.json`: say so plainly (this is a deployment
/// error, so the text names the file and field for whoever deployed it).
#[component]
fn ConfigError(problem: String) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="error-view" role="alert" aria-labelledby="config-error-title">
            <h2 id="config-error-title">{tr(t, |t| t.error_title)}</h2>
            <p class="error-view__message">{problem}</p>
        </section>
    }
}

/// The app once the configuration is known.
#[component]
fn Configured(config: Config) -> impl IntoView {
    provide_session(config.api_base_url.clone(), config.request_timeout_ms);
    let embedding = provide_embedding(&config);
    let session = use_session();
    let language = use_locale_choice();
    language.set_deployment(config.default_locale.clone());
    Effect::new(move |_| language.set_user(session.me().and_then(|me| me.locale)));
    provide_context(config);
    // In the portal's frame the portal owns the session: no sign-in form.
    let portal = embedding.host != Host::Own;

    // Keyed on the token: another sign-in rebuilds the monitor from scratch,
    // so no row or number of the previous profile survives.
    let base = base_path();
    provide_context(AppBase(base.clone()));
    let token = Memo::new(move |_| session.token());
    let me = Memo::new(move |_| session.me());
    view! {
        <Router base=base.clone()>
            {move || match (token.get(), me.get()) {
                (Some(token), Some(me)) => {
                    let api = session.session_client(&token);
                    view! { <Monitor me api /> }.into_any()
                }
                (Some(token), None) => view! { <RestoreSession token /> }.into_any(),
                _ if portal => view! { <PortalWait /> }.into_any(),
                _ => view! { <SignInPage /> }.into_any(),
            }}
        </Router>
    }
}

/// After a reload the tab still has its token: ask `/me` who it is.
#[component]
fn RestoreSession(token: String) -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let attempt = RwSignal::new(0u32);
    let me = LocalResource::new(move || {
        attempt.track();
        let api = session.session_client(&token);
        async move { api.get_json::<Me>("/me", "profile", None).await }
    });
    // A 401 ends the session where every 401 does (`api::unauthorized`).
    Effect::new(move |_| {
        if let Some(Ok(me)) = me.get() {
            session.restore(me);
        }
    });
    move || match me.get() {
        Some(Err(e)) if e != ApiError::Unauthorized => view! {
            <ErrorView
                message=Signal::derive(move || e.message(t.get()))
                on_retry=Callback::new(move |_| attempt.update(|n| *n += 1))
            />
        }
        .into_any(),
        _ => view! { <p class="loading" role="status">{tr(t, |t| t.loading)}</p> }.into_any(),
    }
}

/// The path the app is served under, in context for links: the router
/// prefixes it when navigating, but `<A href="/…">` takes absolute paths as
/// they are.
#[derive(Clone, Debug, PartialEq)]
pub struct AppBase(pub String);

/// The path the app is served under ("" at the root, "/monitor" under a
/// sub-path), from where its own module was loaded: one build works at any
/// path, and links and routes stay inside it.
fn base_path() -> String {
    document()
        .query_selector("link[rel=modulepreload]")
        .ok()
        .flatten()
        .and_then(|link| link.get_attribute("href"))
        .and_then(|href| {
            web_sys::Url::new_with_base(&href, &document().base_uri().ok().flatten()?).ok()
        })
        .map(|url| {
            let path = url.pathname();
            path[..path.rfind('/').unwrap_or(0)].to_owned()
        })
        .unwrap_or_default()
}

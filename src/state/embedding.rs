//! Running inside the vendor portal's iframe. The monitor says `ready` to
//! the parent, takes a token (and locale, theme) only from an allowed origin
//! and only from `window.parent`, never posts to `*`, asks again on a 401,
//! and reports its height so the portal can size the iframe. The portal
//! owns the session there: the monitor shows no sign-in form and no
//! sign-out, only a wait for the token (see `pages::portal_wait`).

use leptos::ev;
use leptos::prelude::*;
use monitor_core::config::Config;
use monitor_core::embedding::{FromPortal, ToPortal, PROTOCOL_VERSION};
use monitor_core::wire::Me;
use wasm_bindgen::{JsCast, JsValue};

use super::session::{use_session, SignInNotice};
use super::theme::{use_theme, Theme};
use crate::api::ApiError;
use crate::i18n::use_locale_choice;

/// Who holds the session, from where the monitor runs.
#[derive(Clone, Debug, PartialEq)]
pub enum Host {
    /// A page of its own (or a frame of a deployment that names no
    /// portal): the monitor signs in itself.
    Own,
    /// A frame of an allowed portal (or one whose origin cannot be told
    /// yet): the portal hands over the token.
    Portal,
    /// A frame of a page the deployment does not allow, by its origin.
    Refused(String),
}

/// Whether the monitor is embedded, and the parent's origin if it is allowed.
#[derive(Clone, Debug, PartialEq)]
pub struct Embedding {
    pub host: Host,
    /// Why the portal's token could not be checked (not a refusal: the
    /// server could not be asked), shown by the wait screen.
    pub problem: RwSignal<Option<ApiError>>,
    /// Only an allowed origin is ever a target; otherwise nothing is posted.
    parent_origin: Option<String>,
}

impl Embedding {
    /// Says `ready` again: the portal answers with a token.
    pub fn ask_for_token(&self) {
        self.post(&ToPortal::Ready {
            version: PROTOCOL_VERSION,
        });
    }

    fn post(&self, message: &ToPortal) {
        let (Some(origin), Some(parent)) = (&self.parent_origin, parent_window()) else {
            return;
        };
        if let Ok(data) = js_sys::JSON::parse(&message.to_json()) {
            let _ = parent.post_message(&data, origin);
        }
    }
}

fn parent_window() -> Option<web_sys::Window> {
    let window = window();
    let parent = window.parent().ok().flatten()?;
    // A top-level page is its own parent.
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// The embedding page's origin: `ancestorOrigins` where the browser has it,
/// else the referrer's origin.
fn parent_origin_guess() -> Option<String> {
    let location = window().location();
    let from_ancestors = js_sys::Reflect::get(&location, &JsValue::from_str("ancestorOrigins"))
        .ok()
        .and_then(|list| js_sys::Reflect::get(&list, &JsValue::from_f64(0.0)).ok())
        .and_then(|origin| origin.as_string());
    from_ancestors.or_else(|| {
        let referrer = document().referrer();
        web_sys::Url::new(&referrer).ok().map(|u| u.origin())
    })
}

/// Sets up the protocol; a no-op at top level.
pub fn provide_embedding(config: &Config) -> Embedding {
    let embedded = parent_window().is_some();
    let guess = parent_origin_guess().filter(|_| embedded);
    let parent_origin = guess.clone().filter(|o| config.allows_parent(o));
    let host = match guess {
        _ if !embedded || config.allowed_parent_origins.is_empty() => Host::Own,
        Some(origin) if parent_origin.is_none() => Host::Refused(origin),
        _ => Host::Portal,
    };
    let embedding = Embedding {
        host,
        problem: RwSignal::new(None),
        parent_origin,
    };
    provide_context(embedding.clone());
    if !embedded {
        return embedding;
    }
    embedding.ask_for_token();

    let session = use_session();
    let language = use_locale_choice();
    let theme = use_theme();
    let config = config.clone();
    let problem = embedding.problem;
    let listener = window_event_listener(ev::message, move |e: web_sys::MessageEvent| {
        // Both checks: the right origin, and the actual parent window (not a
        // sibling frame or a popup that happens to share the origin).
        let from_parent = match (e.source(), parent_window()) {
            (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
            _ => false,
        };
        if !from_parent || !config.allows_parent(&e.origin()) {
            return;
        }
        let json = js_sys::JSON::stringify(&e.data())
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        let Some(FromPortal::Token {
            token,
            locale: tag,
            theme: wanted,
        }) = FromPortal::parse(&json)
        else {
            return;
        };
        if let Some(tag) = tag {
            language.set_portal(tag);
        }
        if let Some(t) = wanted.as_deref().and_then(Theme::from_name) {
            theme.set(Some(t));
        }
        let api = session.client_for(&token);
        leptos::task::spawn_local(async move {
            match api.get_json::<Me>("/me", "profile", None).await {
                Ok(me) => {
                    problem.set(None);
                    session.sign_in(token, me);
                }
                Err(ApiError::Unauthorized) => session.expire(SignInNotice::SessionExpired),
                Err(e) => problem.set(Some(e)),
            }
        });
    });
    on_cleanup(move || listener.remove());

    // A 401 anywhere ends the session: ask the portal for a fresh token.
    let asker = embedding.clone();
    Effect::new(move |_| {
        if session.notice() == Some(SignInNotice::SessionExpired) {
            asker.post(&ToPortal::TokenExpired);
        }
    });
    report_height(embedding.clone());
    embedding
}

/// Posts the document's height whenever it changes.
fn report_height(embedding: Embedding) {
    let last = std::cell::Cell::new(0u32);
    let callback = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        let height = document()
            .document_element()
            .map(|e| e.scroll_height())
            .unwrap_or(0)
            .max(0) as u32;
        if height != last.get() {
            last.set(height);
            embedding.post(&ToPortal::Resize { height });
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        if let Some(root) = document().document_element() {
            observer.observe(&root);
        }
    }
    // The observer lives as long as the page; so does its callback.
    callback.forget();
}

pub fn use_embedding() -> Option<Embedding> {
    use_context::<Embedding>()
}

/// Whether the portal holds the session (no sign-in form, no sign-out).
pub fn portal_holds_the_session() -> bool {
    use_embedding().is_some_and(|e| e.host != Host::Own)
}

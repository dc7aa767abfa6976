//! Who is signed in. The token lives in memory and sessionStorage only:
//! never in a URL, localStorage or a log line.

use leptos::prelude::*;
use monitor_core::wire::Me;

use crate::api::ApiClient;

const TOKEN_KEY: &str = "ops-monitor.token";

/// Why the sign-in screen is showing a message.
#[derive(Clone, Debug, PartialEq)]
pub enum SignInNotice {
    SessionExpired,
}

#[derive(Clone, Copy)]
pub struct Session {
    /// The REST root from the configuration.
    api_base: StoredValue<String>,
    /// Every request's deadline, from the configuration.
    timeout_ms: u32,
    token: RwSignal<Option<String>>,
    me: RwSignal<Option<Me>>,
    notice: RwSignal<Option<SignInNotice>>,
}

impl Session {
    /// The stored token, if any (a reload keeps the tab's session).
    pub fn token(&self) -> Option<String> {
        self.token.get()
    }

    pub fn me(&self) -> Option<Me> {
        self.me.get()
    }

    pub fn notice(&self) -> Option<SignInNotice> {
        self.notice.get()
    }

    /// A client trying a token (at sign-in, or handed by the portal): its
    /// 401 means "not accepted", not "session over".
    pub fn client_for(&self, token: &str) -> ApiClient {
        ApiClient::new(self.api_base.get_value(), token, self.timeout_ms)
    }

    /// The signed-in session's client: any 401 it meets ends the session.
    pub fn session_client(&self, token: &str) -> ApiClient {
        self.client_for(token).for_session()
    }

    pub fn sign_in(&self, token: String, me: Me) {
        store_token(Some(&token));
        self.notice.set(None);
        self.me.set(Some(me));
        self.token.set(Some(token));
    }

    /// The backend refused the token (401): back to sign-in, saying why.
    pub fn expire(&self, notice: SignInNotice) {
        store_token(None);
        self.me.set(None);
        self.token.set(None);
        self.notice.set(Some(notice));
    }

    /// The user's own choice: their drafts go too.
    pub fn sign_out(&self) {
        super::drafts::clear();
        store_token(None);
        self.me.set(None);
        self.token.set(None);
        self.notice.set(None);
    }

    /// `/me` answered for a restored token.
    pub fn restore(&self, me: Me) {
        self.me.set(Some(me));
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn store_token(token: Option<&str>) {
    if let Some(storage) = storage() {
        let _ = match token {
            Some(t) => storage.set_item(TOKEN_KEY, t),
            None => storage.remove_item(TOKEN_KEY),
        };
    }
}

pub fn provide_session(api_base: String, timeout_ms: u32) {
    let stored = storage().and_then(|s| s.get_item(TOKEN_KEY).ok().flatten());
    let session = Session {
        api_base: StoredValue::new(api_base),
        timeout_ms,
        token: RwSignal::new(stored.filter(|t| !t.is_empty())),
        me: RwSignal::new(None),
        notice: RwSignal::new(None),
    };
    provide_context(session);
    // What any 401 of the session means; embedded, the portal is then
    // asked for a new token (`state::embedding`).
    crate::api::on_unauthorized(move || {
        if session.token.try_get_untracked().flatten().is_some() {
            session.expire(SignInNotice::SessionExpired);
        }
    });
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The signed-in session's API client, provided by the monitor.
pub fn use_api() -> ApiClient {
    expect_context::<ApiClient>()
}

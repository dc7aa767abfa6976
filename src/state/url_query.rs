//! A tab's search, filters and sort live in the URL query, so a reload or a
//! shared link shows the same view. Each tab's query type says which keys it
//! owns; every other parameter (such as `lang`) is kept untouched.

use leptos::leptos_dom::helpers::{window_event_listener_untyped, TimeoutHandle};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use monitor_core::agent_query::{AgentQuery, AGENT_QUERY_KEYS};
use monitor_core::query::{ConversationQuery, QUERY_KEYS};

/// A view state that round-trips through URL query pairs (codecs live in `core`).
pub trait UrlState: Clone + PartialEq + Send + Sync + 'static {
    /// Every key this state writes; the others in the URL are not its own.
    fn keys() -> &'static [&'static str];
    fn to_pairs(&self) -> Vec<(&'static str, String)>;
    fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self;
}

impl UrlState for ConversationQuery {
    fn keys() -> &'static [&'static str] {
        &QUERY_KEYS
    }
    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        self.to_query_pairs()
    }
    fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self::from_query_pairs(pairs)
    }
}

impl UrlState for AgentQuery {
    fn keys() -> &'static [&'static str] {
        &AGENT_QUERY_KEYS
    }
    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        self.to_query_pairs()
    }
    fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self::from_query_pairs(pairs)
    }
}

/// How long the URL waits for typing to stop before it is rewritten: the
/// query itself changes at once, the address bar (and the router) only
/// once the user pauses.
const URL_DELAY_MS: u64 = 250;

/// Where a URL not yet written when the page went away is kept (the tab's
/// sessionStorage), with the address it was meant to replace.
const PENDING_KEY: &str = "ops-monitor.pending-url";

/// A tab's view state, owned by the page as a typed signal and mirrored in
/// the URL: read [`Self::query`], change it with [`Self::set`] or
/// [`Self::update`] (a click: the URL follows at once) or
/// [`Self::update_typing`] (a keystroke: the URL follows once typing
/// pauses). A URL changed from outside (a link, a saved view, back and
/// forward) changes the signal.
pub struct UrlQuery<Q: UrlState> {
    pub query: ReadSignal<Q>,
    write: WriteSignal<Q>,
    /// The URL query string last written from the signal: the router
    /// echoing it back is not a change from outside.
    written: StoredValue<Option<String>>,
    pending: StoredValue<Option<TimeoutHandle>>,
    navigate: StoredValue<Callback<String>>,
}

impl<Q: UrlState> Clone for UrlQuery<Q> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Q: UrlState> Copy for UrlQuery<Q> {}

impl<Q: UrlState> UrlQuery<Q> {
    /// Replaces the state; the URL follows at once.
    pub fn set(&self, query: Q) {
        if self.change(query) {
            self.write_url();
        }
    }

    /// Applies `change` to the current state; the URL follows at once.
    pub fn update(&self, change: impl FnOnce(&mut Q)) {
        let mut next = self.query.get_untracked();
        change(&mut next);
        self.set(next);
    }

    /// Applies a keystroke's `change`: the URL follows once typing pauses.
    pub fn update_typing(&self, change: impl FnOnce(&mut Q)) {
        let mut next = self.query.get_untracked();
        change(&mut next);
        if self.change(next) {
            self.schedule_url();
        }
    }

    /// Sets the signal; whether it changed.
    fn change(&self, query: Q) -> bool {
        if self.query.with_untracked(|q| *q == query) {
            return false;
        }
        self.write.set(query);
        true
    }

    fn cancel_pending(&self) -> bool {
        let Some(handle) = self.pending.try_get_value().flatten() else {
            return false;
        };
        handle.clear();
        self.pending.set_value(None);
        true
    }

    fn write_url(&self) {
        self.cancel_pending();
        let Some(query) = self.query.try_get_untracked() else {
            return;
        };
        self.written.set_value(Some(to_query_string(&query)));
        self.navigate.with_value(|n| n.run(String::new()));
    }

    fn schedule_url(&self) {
        self.cancel_pending();
        let this = *self;
        let handle = set_timeout_with_handle(
            move || {
                this.pending.set_value(None);
                this.write_url();
            },
            std::time::Duration::from_millis(URL_DELAY_MS),
        )
        .ok();
        self.pending.set_value(handle);
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

fn current_href() -> Option<String> {
    window().location().href().ok()
}

/// The query a reload should open with, when the page went away before
/// its URL was written: kept only for the address it was meant to replace.
fn take_pending_url() -> Option<String> {
    let storage = session_storage()?;
    let kept = storage.get_item(PENDING_KEY).ok()??;
    let _ = storage.remove_item(PENDING_KEY);
    let (from, to) = kept.split_once('\n')?;
    (current_href()?.as_str() == from).then(|| to.to_owned())
}

/// The page's query of type `Q`, starting from the URL.
pub fn use_url_query<Q: UrlState>() -> UrlQuery<Q> {
    let params = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let parse = move |p: &leptos_router::params::ParamsMap| {
        let pairs: Vec<_> = p.clone().into_iter().collect();
        Q::from_pairs(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_str())))
    };
    let kept = take_pending_url();
    let opening = match &kept {
        Some(to) => from_query_string(to.split_once('?').map_or("", |(_, q)| q)),
        None => params.with_untracked(parse),
    };
    let (query, write) = signal(opening);
    let written = StoredValue::new(None::<String>);
    // The URL for the signal's state: the other parameters (such as
    // `lang`) are kept, this state's keys are replaced.
    let url_now = move || -> Option<String> {
        let search = web_sys::UrlSearchParams::new().ok()?;
        params.with_untracked(|p| {
            for (key, value) in p.clone() {
                if !Q::keys().contains(&key.as_ref()) {
                    search.append(&key, &value);
                }
            }
        });
        for (key, value) in query.get_untracked().to_pairs() {
            search.append(key, &value);
        }
        let qs = String::from(search.to_string());
        let path = location.pathname.get_untracked();
        Some(if qs.is_empty() {
            path
        } else {
            format!("{path}?{qs}")
        })
    };
    let rewrite = Callback::new(move |_: String| {
        let Some(url) = url_now() else {
            return;
        };
        // `pathname` already includes the router's base: do not resolve it again.
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                resolve: false,
                ..Default::default()
            },
        );
    });
    let url_query = UrlQuery {
        query,
        write,
        written,
        pending: StoredValue::new(None),
        navigate: StoredValue::new(rewrite),
    };
    // A URL changed from outside wins; the router echoing our own write
    // (which may lag what has been typed since) does not.
    Effect::new(move |first_run_done: Option<()>| {
        let from_url = params.with(parse);
        // The URL the page opened with is in the signal already, and the
        // page may have changed it since (a default view).
        if first_run_done.is_none() {
            return;
        }
        let own = to_query_string(&from_url);
        if written.get_value().as_deref() == Some(own.as_str()) {
            return;
        }
        if query.with_untracked(|q| *q != from_url) {
            url_query.cancel_pending();
            write.set(from_url);
        }
    });
    // A reload or a closed tab inside the typing pause would lose the last
    // keystrokes: the URL a reload loads is fixed before the page hears it
    // is going, so the pending one is kept in the tab's storage for the
    // reload to open with.
    let leaving = window_event_listener_untyped("pagehide", move |_| {
        if !url_query.cancel_pending() {
            return;
        }
        if let (Some(storage), Some(from), Some(to)) =
            (session_storage(), current_href(), url_now())
        {
            let _ = storage.set_item(PENDING_KEY, &format!("{from}\n{to}"));
        }
    });
    if kept.is_some() {
        url_query.schedule_url();
    }
    on_cleanup(move || {
        leaving.remove();
        if let Some(handle) = url_query.pending.try_get_value().flatten() {
            handle.clear();
        }
    });
    url_query
}

/// `state` as a URL query string (without `?`), percent-encoded.
pub fn to_query_string<Q: UrlState>(state: &Q) -> String {
    let Ok(search) = web_sys::UrlSearchParams::new() else {
        return String::new();
    };
    for (key, value) in state.to_pairs() {
        search.append(key, &value);
    }
    String::from(search.to_string())
}

/// The state a URL query string (with or without `?`) describes.
pub fn from_query_string<Q: UrlState>(query: &str) -> Q {
    let pairs: Vec<(String, String)> = web_sys::UrlSearchParams::new_with_str(query)
        .ok()
        .map(|search| {
            js_sys::try_iter(&search)
                .ok()
                .flatten()
                .into_iter()
                .flatten()
                .filter_map(|entry| {
                    let entry: js_sys::Array = entry.ok()?.into();
                    Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
                })
                .collect()
        })
        .unwrap_or_default();
    Q::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// Whether the current URL carries any of `Q`'s own keys.
pub fn url_has_state<Q: UrlState>() -> bool {
    use_query_map().with_untracked(|p| Q::keys().iter().any(|k| p.get(k).is_some()))
}

//! A tab's search, filters and sort live in the URL query, so a reload or a
//! shared link shows the same view. Each tab's query type says which keys it
//! owns; every other parameter (such as `lang`) is kept untouched.

use leptos::leptos_dom::helpers::TimeoutHandle;
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

/// A tab's view state, owned by the page as a typed signal and mirrored in
/// the URL: read [`Self::query`], change it with [`Self::set`] or
/// [`Self::update`]. A keystroke changes the signal only; the URL is
/// rewritten once typing pauses. A URL changed from outside (a link, a
/// saved view, back and forward) changes the signal.
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
    pub fn set(&self, query: Q) {
        if self.query.with_untracked(|q| *q == query) {
            return;
        }
        self.write.set(query);
        self.schedule_url();
    }

    /// Applies `change` to the current state.
    pub fn update(&self, change: impl FnOnce(&mut Q)) {
        let mut next = self.query.get_untracked();
        change(&mut next);
        self.set(next);
    }

    fn schedule_url(&self) {
        if let Some(handle) = self.pending.get_value() {
            handle.clear();
        }
        let this = *self;
        let handle = set_timeout_with_handle(
            move || {
                this.pending.set_value(None);
                let Some(query) = this.query.try_get_untracked() else {
                    return;
                };
                let own = to_query_string(&query);
                this.written.set_value(Some(own));
                this.navigate.with_value(|n| n.run(String::new()));
            },
            std::time::Duration::from_millis(URL_DELAY_MS),
        )
        .ok();
        self.pending.set_value(handle);
    }
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
    let (query, write) = signal(params.with_untracked(parse));
    let written = StoredValue::new(None::<String>);
    // Rewrites the URL from the signal: the other parameters (such as
    // `lang`) are kept, this state's keys are replaced.
    let rewrite = Callback::new(move |_: String| {
        let Ok(search) = web_sys::UrlSearchParams::new() else {
            return;
        };
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
        let url = if qs.is_empty() {
            path
        } else {
            format!("{path}?{qs}")
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
            if let Some(handle) = url_query.pending.get_value() {
                handle.clear();
            }
            write.set(from_url);
        }
    });
    on_cleanup(move || {
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

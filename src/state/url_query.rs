//! A tab's search, filters and sort live in the URL query, so a reload or a
//! shared link shows the same view. Each tab's query type says which keys it
//! owns; every other parameter (such as `lang`) is kept untouched.

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

/// The state currently in the URL, and a setter that rewrites the URL.
pub struct UrlQuery<Q: UrlState> {
    pub query: Memo<Q>,
    set: Callback<Q>,
}

impl<Q: UrlState> Clone for UrlQuery<Q> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Q: UrlState> Copy for UrlQuery<Q> {}

impl<Q: UrlState> UrlQuery<Q> {
    pub fn set(&self, query: Q) {
        self.set.run(query);
    }

    /// Applies `change` to the current state and writes it to the URL.
    pub fn update(&self, change: impl FnOnce(&mut Q)) {
        let mut next = self.query.get_untracked();
        change(&mut next);
        self.set(next);
    }
}

pub fn use_url_query<Q: UrlState>() -> UrlQuery<Q> {
    let params = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let query = Memo::new(move |_| {
        let pairs: Vec<_> = params.get().into_iter().collect();
        Q::from_pairs(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_str())))
    });
    let set = Callback::new(move |next: Q| {
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
        for (key, value) in next.to_pairs() {
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
    UrlQuery { query, set }
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

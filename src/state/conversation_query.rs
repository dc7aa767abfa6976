//! The Conversations tab's search, filters and sort live in the URL query, so
//! a reload or a shared link shows the same view. Other parameters (such as
//! `lang`) are kept untouched.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use monitor_core::query::{ConversationQuery, QUERY_KEYS};

/// The query currently in the URL, and a setter that rewrites the URL.
#[derive(Clone, Copy)]
pub struct UrlConversationQuery {
    pub query: Memo<ConversationQuery>,
    set: Callback<ConversationQuery>,
}

impl UrlConversationQuery {
    pub fn set(&self, query: ConversationQuery) {
        self.set.run(query);
    }

    /// Applies `change` to the current query and writes it to the URL.
    pub fn update(&self, change: impl FnOnce(&mut ConversationQuery)) {
        let mut next = self.query.get_untracked();
        change(&mut next);
        self.set(next);
    }
}

pub fn use_conversation_query() -> UrlConversationQuery {
    let params = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let query = Memo::new(move |_| {
        let pairs: Vec<_> = params.get().into_iter().collect();
        ConversationQuery::from_query_pairs(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_str())))
    });
    let set = Callback::new(move |next: ConversationQuery| {
        let search = match web_sys::UrlSearchParams::new() {
            Ok(search) => search,
            Err(_) => return,
        };
        params.with_untracked(|p| {
            for (key, value) in p.clone() {
                if !QUERY_KEYS.contains(&key.as_ref()) {
                    search.append(&key, &value);
                }
            }
        });
        for (key, value) in next.to_query_pairs() {
            search.append(key, &value);
        }
        let qs = String::from(search.to_string());
        let path = location.pathname.get_untracked();
        let url = if qs.is_empty() {
            path
        } else {
            format!("{path}?{qs}")
        };
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    UrlConversationQuery { query, set }
}

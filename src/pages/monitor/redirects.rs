//! Addresses that lead elsewhere: a page the profile may not see, and the
//! old Finished tab (now a scope of Atenciones).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::Notice;
use crate::i18n::use_texts;
use crate::route::Page;

/// Replaces the current address with `target` (a path with its query).
fn go(target: String) {
    let navigate = use_navigate();
    Effect::new(move |_| {
        navigate(
            &target,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
}

/// A page's address for a profile without it: back to the conversations,
/// saying why, instead of an empty or forbidden page.
#[component]
pub fn NotForThisProfile(page: Page) -> impl IntoView {
    let t = use_texts();
    let notice = expect_context::<Notice>();
    let lang = use_query_map().with_untracked(|p| p.get("lang"));
    let text = t.get_untracked();
    notice.0.set(Some(match page {
        Page::Agents => text.agents_not_available,
        _ => text.page_not_available,
    }));
    go(Page::Conversations.href("", lang.as_deref()));
}

/// `/finished` (an old bookmark): the finished scope of Atenciones, with
/// the same dates.
#[component]
pub fn FinishedIsAScopeNow() -> impl IntoView {
    let params = use_query_map();
    let mut query = String::from("/?scope=finished");
    params.with_untracked(|p| {
        for key in ["from", "to", "lang"] {
            if let Some(value) = p.get(key) {
                query.push_str(&format!("&{key}={}", js_sys::encode_uri_component(&value)));
            }
        }
    });
    go(query);
}

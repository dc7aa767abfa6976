//! The Atenciones tab: the conversations going on, live, or (a scope
//! switch away) those finished in a date range, with the same search,
//! filters and sortable columns. Each scope opens its own view of its own
//! board while it is shown.

mod finished;
mod ongoing;
mod search;

use leptos::prelude::*;
use monitor_core::permissions::Permissions;
use monitor_core::query::{ConversationQuery, ConversationScope};

use crate::state::url_query::use_url_query;
use finished::FinishedConversations;
use ongoing::OngoingConversations;

#[component]
pub fn ConversationsPage(permissions: Permissions) -> impl IntoView {
    let url = use_url_query::<ConversationQuery>();
    let scope = Memo::new(move |_| url.query.with(|q| q.scope));
    view! {
        <section class="page page--conversations">
            {move || match scope.get() {
                ConversationScope::Ongoing => {
                    view! { <OngoingConversations url permissions /> }.into_any()
                }
                ConversationScope::Finished => {
                    view! { <FinishedConversations url permissions /> }.into_any()
                }
            }}
        </section>
    }
}

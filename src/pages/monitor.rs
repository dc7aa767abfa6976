//! The signed-in monitor: header (title, tabs, connection, user) and the
//! current section. Mounting it starts this session's live feed; unmounting
//! it (sign-out, another profile) stops the feed and drops its data.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;
use monitor_core::wire::Me;

use super::conversations::ConversationsPage;
use crate::api::ApiClient;
use crate::components::feed_status::ConnectionIndicator;
use crate::i18n::use_texts;
use crate::state::live::provide_live_board;
use crate::state::session::use_session;

/// The monitor for one signed-in user.
#[component]
pub fn Monitor(
    /// The signed-in user.
    me: Me,
    /// Their API client.
    api: ApiClient,
) -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    provide_live_board(api);

    view! {
        <div class="monitor">
            <header class="monitor__header">
                <h1 class="monitor__title">{move || t.get().app_title}</h1>
                <nav class="tabs" role="tablist" aria-label=move || t.get().tabs_label>
                    <a class="tabs__tab" role="tab" aria-selected="true" href="">
                        {move || t.get().tab_conversations}
                    </a>
                </nav>
                <ConnectionIndicator />
                <div class="monitor__user">
                    <span class="muted">{move || t.get().signed_in_as}</span>
                    " "
                    <strong>{me.name}</strong>
                    <button class="button button--link" on:click=move |_| session.sign_out()>
                        {move || t.get().sign_out}
                    </button>
                </div>
            </header>
            <main class="monitor__main">
                <Routes fallback=ConversationsPage>
                    <Route path=path!("") view=ConversationsPage />
                </Routes>
            </main>
        </div>
    }
}

//! The monitor screen: the header (title, tabs, connection, the
//! supervisor's tools, the user) over the current page.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use monitor_core::permissions::Permissions;

use super::tabs::Tabs;
use super::Notice;
use crate::app::AppBase;
use crate::components::feed_status::{ConnectionIndicator, PauseToggle};
use crate::components::row_menu::RowMenu;
use crate::i18n::{tr, use_texts};
use crate::pages::agents::AgentsPage;
use crate::pages::alerts_dialog::{AlertsButton, AlertsDialog};
use crate::pages::conversations::ConversationsPage;
use crate::pages::dialogs::ActionDialogs;
use crate::route::Page;
use crate::state::actions::use_actions;
use crate::state::embedding::portal_holds_the_session;
use crate::state::session::use_session;

/// The header and `page` (Atenciones or Agentes).
#[component]
pub fn MonitorScreen(
    /// The page shown under the header.
    page: Page,
    /// The signed-in user's name.
    name: String,
    permissions: Permissions,
) -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let actions = use_actions();
    let notice = expect_context::<Notice>();
    let can_view_agents = permissions.can_view_agents();
    let supervise = permissions.can_supervise();
    let alerts_open = RwSignal::new(false);

    view! {
        <div class="monitor">
            <header class="monitor__header">
                <h1 class="monitor__title">{tr(t, |t| t.app_title)}</h1>
                <Tabs current=page agents=can_view_agents />
                <ConnectionIndicator />
                {supervise.then(|| view! {
                    <PauseToggle />
                    <AlertsButton open=alerts_open />
                    <ToolsMenu />
                })}
                <div class="monitor__user">
                    <span class="muted">{tr(t, |t| t.signed_in_as)}</span>
                    " "
                    <strong>{name}</strong>
                    // The portal owns the session: signing out is done there.
                    {(!portal_holds_the_session()).then(|| view! {
                        <button class="button button--link" on:click=move |_| session.sign_out()>
                            {tr(t, |t| t.sign_out)}
                        </button>
                    })}
                </div>
            </header>
            {move || notice.0.get().map(|text| view! {
                <div class="banner banner--info">
                    <span class="banner__text" role="status">{text}</span>
                    <button class="button button--link" on:click=move |_| notice.0.set(None)>
                        {tr(t, |t| t.dismiss)}
                    </button>
                </div>
            })}
            // Results of actions and connection changes, read politely.
            <div class="visually-hidden" role="status" aria-live="polite">{move || actions.announcement.get()}</div>
            <RowMenu />
            <ActionDialogs />
            {supervise.then(|| view! {
                <Show when=move || alerts_open.get()>
                    <AlertsDialog on_close=Callback::new(move |_| alerts_open.set(false)) />
                </Show>
            })}
            <main class="monitor__main">
                {match page {
                    Page::Agents => view! { <AgentsPage averages=permissions.sees_averages() /> }.into_any(),
                    _ => view! { <ConversationsPage permissions /> }.into_any(),
                }}
            </main>
        </div>
    }
}

/// The supervisor's other views, in a menu: the wallboard.
#[component]
fn ToolsMenu() -> impl IntoView {
    let t = use_texts();
    let params = use_query_map();
    let base = use_context::<AppBase>().map(|b| b.0).unwrap_or_default();
    let wallboard = move || {
        let lang = params.with(|p| p.get("lang"));
        Page::Wallboard.href(&base, lang.as_deref())
    };
    view! {
        <details class="tools-menu">
            <summary class="button">{tr(t, |t| t.tools)}</summary>
            <ul class="tools-menu__list" aria-label=tr(t, |t| t.tools)>
                <li><a class="tools-menu__item" href=wallboard>{tr(t, |t| t.wallboard)}</a></li>
            </ul>
        </details>
    }
}

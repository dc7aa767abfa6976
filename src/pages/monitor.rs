//! The signed-in monitor: header (title, tabs, connection, user) and the
//! current section. What it shows comes from the permissions in `/me`, never
//! from the profile name. Mounting it starts this session's live feed;
//! unmounting it (sign-out, another profile) stops the feed and drops its data.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes, A};
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::path;
use leptos_router::NavigateOptions;
use monitor_core::permissions::Permissions;
use monitor_core::wire::Me;

use super::agents::AgentsPage;
use super::alerts_dialog::{AlertsButton, AlertsDialog};
use super::conversations::ConversationsPage;
use super::dialogs::ActionDialogs;
use super::finished::FinishedPage;
use super::wallboard::WallboardPage;
use crate::api::ApiClient;
use crate::app::AppBase;
use crate::components::feed_status::{ConnectionIndicator, PauseToggle};
use crate::components::row_menu::RowMenu;
use crate::i18n::use_texts;
use crate::state::actions::{provide_actions, use_actions};
use crate::state::alerts::provide_alerts;
use crate::state::clock::use_clock;
use crate::state::config::use_config;
use crate::state::feed::start_feed;
use crate::state::live::{provide_live_board, use_live_board};
use crate::state::session::use_session;

/// A short message shown under the header until dismissed.
#[derive(Clone, Copy)]
struct Notice(RwSignal<Option<&'static str>>);

/// The monitor for one signed-in user: this session's live feed, alerts
/// and actions, shown as the monitor screen or as the wallboard.
#[component]
pub fn Monitor(
    /// The signed-in user.
    me: Me,
    /// Their API client.
    api: ApiClient,
) -> impl IntoView {
    let permissions = Permissions::from_me(&me);
    let can_view_agents = permissions.can_view_agents();
    provide_context(permissions);
    provide_context(api.clone());
    let live = provide_live_board(use_config().wait_thresholds);
    start_feed(api, live, can_view_agents);
    forget_yesterdays_presence();
    provide_alerts();
    provide_actions();
    provide_context(Notice(RwSignal::new(None)));
    let location = use_location();
    // The wallboard is the whole screen: no header, no tabs, no controls.
    let on_wallboard = Memo::new(move |_| {
        location
            .pathname
            .with(|p| p.trim_end_matches('/').ends_with("/wallboard"))
    });
    let name = me.name;
    move || {
        if on_wallboard.get() {
            view! { <WallboardPage agents=can_view_agents /> }.into_any()
        } else {
            view! { <MonitorScreen name=name.clone() permissions /> }.into_any()
        }
    }
}

/// The path of the wallboard, inside the app's base path.
fn wallboard_href() -> String {
    let base = use_context::<AppBase>().map(|b| b.0).unwrap_or_default();
    format!("{base}/wallboard")
}

/// At each new day, today's presence timelines start over (keeping the
/// presence each agent began the day in), so a monitor left open for days
/// holds one day of changes at most.
fn forget_yesterdays_presence() {
    let live = use_live_board();
    let today = use_clock().today();
    Effect::new(move |_| live.forget_presence_before(today.get()));
}

/// The header, tabs and the current section.
#[component]
fn MonitorScreen(
    /// The signed-in user's name.
    name: String,
    permissions: Permissions,
) -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let actions = use_actions();
    let notice = expect_context::<Notice>();
    let can_view_agents = permissions.can_view_agents();
    let averages = permissions.sees_averages();
    let can_bulk_end = permissions.can_bulk_end();
    let alerts_open = RwSignal::new(false);
    let wallboard = wallboard_href();

    view! {
        <div class="monitor">
            <header class="monitor__header">
                <h1 class="monitor__title">{move || t.get().app_title}</h1>
                <Tabs agents=can_view_agents />
                <ConnectionIndicator />
                <PauseToggle />
                <AlertsButton open=alerts_open />
                <a class="button button--link" href=wallboard>{move || t.get().wallboard}</a>
                <div class="monitor__user">
                    <span class="muted">{move || t.get().signed_in_as}</span>
                    " "
                    <strong>{name}</strong>
                    <button class="button button--link" on:click=move |_| session.sign_out()>
                        {move || t.get().sign_out}
                    </button>
                </div>
            </header>
            {move || notice.0.get().map(|text| view! {
                <div class="banner banner--info">
                    <span class="banner__text" role="status">{text}</span>
                    <button class="button button--link" on:click=move |_| notice.0.set(None)>
                        {move || t.get().dismiss}
                    </button>
                </div>
            })}
            // Results of actions and connection changes, read politely.
            <div class="visually-hidden" role="status" aria-live="polite">{move || actions.announcement.get()}</div>
            <RowMenu />
            <ActionDialogs />
            <Show when=move || alerts_open.get()>
                <AlertsDialog on_close=Callback::new(move |_| alerts_open.set(false)) />
            </Show>
            <main class="monitor__main">
                <Routes fallback=move || view! { <ConversationsPage averages agents=can_view_agents bulk_end=can_bulk_end /> }>
                    <Route path=path!("") view=move || view! { <ConversationsPage averages agents=can_view_agents bulk_end=can_bulk_end /> } />
                    <Route path=path!("finished") view=FinishedPage />
                    <Route
                        path=path!("agents")
                        view=move || {
                            if can_view_agents {
                                view! { <AgentsPage averages /> }.into_any()
                            } else {
                                view! { <AgentsNotAvailable /> }.into_any()
                            }
                        }
                    />
                </Routes>
            </main>
        </div>
    }
}

/// The section tabs; `agents` only for profiles that may see agents.
#[component]
fn Tabs(agents: bool) -> impl IntoView {
    let t = use_texts();
    let location = use_location();
    let params = use_query_map();
    let base = StoredValue::new(use_context::<AppBase>().map(|b| b.0).unwrap_or_default());
    // Switching tabs keeps the language choice, not the other tab's filters.
    let href = move |path: &str| match params.with(|p| p.get("lang")) {
        Some(lang) => format!("{}{path}?lang={lang}", base.get_value()),
        None => format!("{}{path}", base.get_value()),
    };
    // The section the path names: "" (conversations), "agents" or "finished".
    let selected = move |section: &'static str| {
        let current = location.pathname.with(|p| {
            let last = p.trim_end_matches('/').rsplit('/').next().unwrap_or("");
            if last == "agents" || last == "finished" {
                last.to_owned()
            } else {
                String::new()
            }
        });
        (current == section).to_string()
    };
    view! {
        <nav class="tabs" role="tablist" aria-label=move || t.get().tabs_label on:keydown=move_between_tabs>
            <A href=move || href("/") attr:class="tabs__tab" attr:role="tab" attr:aria-selected=move || selected("")>
                {move || t.get().tab_conversations}
            </A>
            {agents.then(|| view! {
                <A href=move || href("/agents") attr:class="tabs__tab" attr:role="tab" attr:aria-selected=move || selected("agents")>
                    {move || t.get().tab_agents}
                </A>
            })}
            <A href=move || href("/finished") attr:class="tabs__tab" attr:role="tab" attr:aria-selected=move || selected("finished")>
                {move || t.get().tab_finished}
            </A>
        </nav>
    }
}

/// Arrow keys, Home and End move focus between the tabs (Enter opens one).
fn move_between_tabs(e: leptos::ev::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let step: i32 = match e.key().as_str() {
        "ArrowRight" | "ArrowDown" => 1,
        "ArrowLeft" | "ArrowUp" => -1,
        "Home" => i32::MIN,
        "End" => i32::MAX,
        _ => return,
    };
    let Some(list) = e
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(tabs) = list.query_selector_all("[role=tab]") else {
        return;
    };
    let count = tabs.length() as i32;
    if count == 0 {
        return;
    }
    e.prevent_default();
    let active = document().active_element();
    let current = (0..count)
        .find(|&i| {
            tabs.item(i as u32)
                .map(|n| n.unchecked_into::<web_sys::Element>())
                == active
        })
        .unwrap_or(0);
    let next = match step {
        i32::MIN => 0,
        i32::MAX => count - 1,
        _ => (current + step).rem_euclid(count),
    };
    if let Some(tab) = tabs
        .item(next as u32)
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = tab.focus();
    }
}

/// The Agents URL for a profile without agents: back to the conversations,
/// saying why, instead of an empty or forbidden page.
#[component]
fn AgentsNotAvailable() -> impl IntoView {
    let t = use_texts();
    let notice = expect_context::<Notice>();
    let navigate = use_navigate();
    let params = use_query_map();
    Effect::new(move |_| {
        notice.0.set(Some(t.get_untracked().agents_not_available));
        let target = match params.with_untracked(|p| p.get("lang")) {
            Some(lang) => format!("/?lang={lang}"),
            None => "/".to_owned(),
        };
        navigate(
            &target,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
}

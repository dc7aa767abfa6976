//! The signed-in monitor: its pages, routed by [`Page`]. What each profile
//! gets comes from the permissions in `/me`, never from the profile name:
//! the Agents page needs `agents.view`, the wallboard the supervisor's
//! tools, and the routes themselves refuse them otherwise. Mounting the
//! monitor starts this session's live feed; unmounting it (sign-out,
//! another profile) stops the feed and drops its data.

mod redirects;
mod screen;
mod tabs;

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;
use monitor_core::permissions::Permissions;
use monitor_core::wire::Me;

use super::wallboard::WallboardPage;
use crate::api::ApiClient;
use crate::route::Page;
use crate::state::actions::provide_actions;
use crate::state::alerts::provide_alerts;
use crate::state::clock::use_clock;
use crate::state::config::use_config;
use crate::state::drafts::provide_drafts;
use crate::state::feed::start_feed;
use crate::state::live::{provide_live_board, use_live_board};
use redirects::{FinishedIsAScopeNow, NotForThisProfile};
use screen::MonitorScreen;

/// A short message shown under the header until dismissed.
#[derive(Clone, Copy)]
struct Notice(RwSignal<Option<&'static str>>);

/// The monitor for one signed-in user: this session's live feed, alerts
/// and actions, and its pages.
#[component]
pub fn Monitor(
    /// The signed-in user.
    me: Me,
    /// Their API client.
    api: ApiClient,
) -> impl IntoView {
    let permissions = Permissions::from_me(&me);
    let can_view_agents = permissions.can_view_agents();
    let supervise = permissions.can_supervise();
    let can_see_trends = permissions.sees_trends();
    provide_context(permissions);
    provide_context(api.clone());
    let live = provide_live_board(use_config().wait_thresholds);
    start_feed(api, live, can_view_agents);
    forget_yesterdays_presence();
    if supervise {
        provide_alerts();
    }
    let actions = provide_actions();
    provide_drafts(me.id.clone(), actions, live);
    provide_context(Notice(RwSignal::new(None)));
    let name = StoredValue::new(me.name);
    let screen = move |page: Page| {
        view! { <MonitorScreen page name=name.get_value() permissions /> }
    };
    view! {
        <Routes fallback=move || screen(Page::Conversations)>
            <Route path=path!("") view=move || screen(Page::Conversations) />
            <Route
                path=path!("agents")
                view=move || {
                    if can_view_agents {
                        screen(Page::Agents).into_any()
                    } else {
                        view! { <NotForThisProfile page=Page::Agents /> }.into_any()
                    }
                }
            />
            // The whole screen: no header, no tabs, no controls.
            <Route
                path=path!("wallboard")
                view=move || {
                    if supervise {
                        view! { <WallboardPage agents=can_view_agents trends=can_see_trends /> }.into_any()
                    } else {
                        view! { <NotForThisProfile page=Page::Wallboard /> }.into_any()
                    }
                }
            />
            <Route path=path!("finished") view=FinishedIsAScopeNow />
        </Routes>
    }
}

/// At each new day, today's presence timelines start over (keeping the
/// presence each agent began the day in), so a monitor left open for days
/// holds one day of changes at most.
fn forget_yesterdays_presence() {
    let live = use_live_board();
    let today = use_clock().today();
    Effect::new(move |_| live.forget_presence_before(today.get()));
}

//! The two tabs, Atenciones and Agentes, with arrow-key movement.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::app::AppBase;
use crate::i18n::{tr, use_texts};
use crate::route::Page;

/// The section tabs; Agentes only for profiles that may see agents.
#[component]
pub fn Tabs(
    /// The page shown.
    current: Page,
    /// Whether the profile may see agents.
    agents: bool,
) -> impl IntoView {
    let t = use_texts();
    let params = use_query_map();
    let base = StoredValue::new(use_context::<AppBase>().map(|b| b.0).unwrap_or_default());
    // Switching tabs keeps the language choice, not the other tab's filters.
    let href = move |page: Page| {
        let lang = params.with(|p| p.get("lang"));
        page.href(&base.get_value(), lang.as_deref())
    };
    let selected = move |page: Page| (page == current).to_string();
    view! {
        <nav class="tabs" role="tablist" aria-label=tr(t, |t| t.tabs_label) on:keydown=move_between_tabs>
            <A
                href=move || href(Page::Conversations)
                attr:class="tabs__tab"
                attr:role="tab"
                attr:aria-selected=selected(Page::Conversations)
            >
                {tr(t, |t| t.tab_conversations)}
            </A>
            {agents.then(|| view! {
                <A
                    href=move || href(Page::Agents)
                    attr:class="tabs__tab"
                    attr:role="tab"
                    attr:aria-selected=selected(Page::Agents)
                >
                    {tr(t, |t| t.tab_agents)}
                </A>
            })}
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

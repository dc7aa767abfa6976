//! The glue between a tab's query and the address bar (`state::url_query`),
//! under a real router in headless Chromium: a click writes the address at
//! once, typing writes it once the typing pauses, and an address changed
//! from outside (back, forward, a link) changes the query.
//! Run by wasm-bindgen-test (`cargo xtask test`, step "wasm").
#![cfg(target_arch = "wasm32")]

use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use leptos_router::components::Router;
use monitor_core::query::ConversationQuery;
use monitor_core::ConversationStatus;
use ops_monitor::state::url_query::{to_query_string, use_url_query, UrlQuery};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

type Found = Arc<Mutex<Option<UrlQuery<ConversationQuery>>>>;

/// Hands the page's query out of the view, as the tabs use it.
#[component]
fn Probe(found: Found) -> impl IntoView {
    *found.lock().unwrap() = Some(use_url_query::<ConversationQuery>());
}

/// A router on a page whose address carries no query, and the query
/// handle of a component under it.
async fn mount() -> UrlQuery<ConversationQuery> {
    run("history.replaceState(null, '', location.pathname)");
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let found = Found::default();
    let probe = found.clone();
    leptos::mount::mount_to(host, move || {
        let found = probe.clone();
        view! { <Router><Probe found /></Router> }
    })
    .forget();
    wait_ms(0).await;
    let query = *found.lock().unwrap();
    query.expect("the probe ran")
}

/// Runs a line of the page's script (the history API, an event).
fn run(script: &str) {
    js_sys::eval(script).expect(script);
}

async fn wait_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn address_query() -> String {
    window()
        .location()
        .search()
        .unwrap()
        .trim_start_matches('?')
        .to_owned()
}

fn queued() -> ConversationQuery {
    let mut query = ConversationQuery::default();
    query.statuses.insert(ConversationStatus::Queued);
    query
}

#[wasm_bindgen_test]
async fn a_click_writes_the_address_at_once() {
    let url = mount().await;
    url.update(|q| {
        q.statuses.insert(ConversationStatus::Queued);
    });
    wait_ms(0).await;
    assert_eq!(address_query(), to_query_string(&queued()));
}

#[wasm_bindgen_test]
async fn typing_writes_the_address_once_it_pauses() {
    let url = mount().await;
    for text in ["a", "an", "ana"] {
        url.update_typing(|q| q.search = text.to_owned());
        wait_ms(50).await;
    }
    // The query follows every keystroke; the address waits.
    assert_eq!(url.query.get_untracked().search, "ana");
    assert_eq!(address_query(), "", "written while still typing");
    wait_ms(400).await;
    let typed = ConversationQuery {
        search: "ana".into(),
        ..ConversationQuery::default()
    };
    assert_eq!(address_query(), to_query_string(&typed));
}

#[wasm_bindgen_test]
async fn an_address_changed_from_outside_changes_the_query() {
    let url = mount().await;
    run(&format!(
        "history.pushState(null, '', location.pathname + '?{}')",
        to_query_string(&queued())
    ));
    // What the browser sends on back and forward.
    run("dispatchEvent(new PopStateEvent('popstate'))");
    wait_ms(50).await;
    assert_eq!(url.query.get_untracked(), queued());
}

//! The live feed never lies: through injected faults it keeps the last good
//! rows, never goes blank, and once the faults stop it converges on the
//! backend's truth. Pausing freezes the lists and resuming catches up.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use demo_backend::Faults;
use e2e::{api_get, eventually, start_backend, Browser, Role, CAPTURE_ERRORS};
use monitor_core::wire::ConversationsSnapshot;
use monitor_core::ConversationStatus;

const TABLE: &str = "Conversations";
/// The time-in-status cell, with the selection column first.
const TIME_IN_STATUS: usize = 9;

/// A backend small enough that every row is rendered at once, so the whole
/// table can be compared with the backend's snapshot.
fn small() -> demo_backend::Options {
    demo_backend::Options {
        conversations: 5,
        agents: 6,
        rate: 0.0,
        heartbeat_secs: 1,
        ..Default::default()
    }
}

fn status_label(status: &ConversationStatus) -> String {
    match status {
        ConversationStatus::Queued => "Queued".into(),
        ConversationStatus::InProgress => "In progress".into(),
        ConversationStatus::Pending => "Pending".into(),
        ConversationStatus::Inactive => "Inactive".into(),
        other => other.as_str().to_owned(),
    }
}

/// (customer, status, agent) → how many, as the backend has it.
async fn backend_view(server: &demo_backend::Server) -> BTreeMap<(String, String, String), usize> {
    let snapshot: ConversationsSnapshot =
        api_get(server, "/monitor/conversations", "demo-admin").await;
    let mut view = BTreeMap::new();
    for c in snapshot.conversations {
        let agent = c
            .agent
            .map(|a| a.name)
            .unwrap_or_else(|| "Unassigned".into());
        *view
            .entry((c.customer.name, status_label(&c.status), agent))
            .or_default() += 1;
    }
    view
}

/// The same, as the table shows it (columns: select, ticket, channel, status, customer, agent).
async fn table_view(
    browser: &Browser,
    names: &[String],
) -> BTreeMap<(String, String, String), usize> {
    let mut view = BTreeMap::new();
    for row in browser.table_rows(TABLE).await {
        // The customer cell also shows the contact; keep the known name.
        let customer = names
            .iter()
            .filter(|n| row[4].starts_with(n.as_str()))
            .max_by_key(|n| n.len());
        let customer = customer.cloned().unwrap_or_else(|| row[4].clone());
        *view
            .entry((customer, row[3].clone(), row[5].clone()))
            .or_default() += 1;
    }
    view
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_faults_stop_the_table_equals_the_backend_within_five_seconds() {
    let server = start_backend(small()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.goto("/?lang=en").await;
    browser
        .client
        .execute(CAPTURE_ERRORS, vec![])
        .await
        .unwrap();
    browser.submit_token("demo-admin").await;
    browser.wait_for_rows(TABLE).await;

    server.set_faults(Faults {
        fail_share: 0.3,
        drop_stream_secs: 2,
        duplicate_share: 0.3,
        reorder_share: 0.3,
        malformed_share: 0.2,
        ..Faults::default()
    });
    let mut names: Vec<String> = Vec::new();
    for n in 0..8 {
        let name = format!("Fault Arrival {n}");
        server.inject_arrival(&name);
        names.push(name);
        tokio::time::sleep(Duration::from_millis(700)).await;
        let visible: usize = browser
            .eval("return document.body.innerText.trim().length")
            .await;
        assert!(visible > 0, "the page went blank during the faults");
    }
    server.set_faults(Faults::default());
    let stopped = Instant::now();
    // The reorder fault holds an event until the next one; any later change
    // releases it, as it would in production.
    server.inject_arrival("Fault Arrival final");
    names.push("Fault Arrival final".to_owned());

    let snapshot: ConversationsSnapshot =
        api_get(&server, "/monitor/conversations", "demo-admin").await;
    names.extend(
        snapshot
            .conversations
            .iter()
            .map(|c| c.customer.name.clone()),
    );
    let expected = backend_view(&server).await;
    loop {
        let shown = table_view(&browser, &names).await;
        if shown == expected {
            break;
        }
        assert!(
            stopped.elapsed() < Duration::from_secs(5),
            "5 s after the faults stopped the table still differs:\nshown    {shown:?}\nexpected {expected:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let errors: Vec<String> = browser.eval("return window.__errors").await;
    assert!(errors.is_empty(), "errors reached the console: {errors:?}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pausing_freezes_the_list_and_resuming_shows_what_happened() {
    let server = start_backend(small()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for(Role::Status, "Live").await;
    browser.click(Role::Button, "Pause updates").await;
    server.inject_arrival("Paused Arrival");
    eventually("the waiting count", || async {
        let text: String = browser.eval("return document.body.innerText").await;
        text.contains("Paused · 1 changes waiting").then_some(())
    })
    .await;
    assert!(!browser
        .table_rows(TABLE)
        .await
        .iter()
        .any(|r| r[4].contains("Paused Arrival")));
    let before = browser.table_rows(TABLE).await[0][TIME_IN_STATUS].clone();
    eventually("timers keep ticking while paused", || async {
        (browser.table_rows(TABLE).await[0][TIME_IN_STATUS] != before).then_some(())
    })
    .await;
    browser.click(Role::Button, "Pause updates").await;
    eventually("the held arrival appears on resume", || async {
        browser
            .table_rows(TABLE)
            .await
            .iter()
            .any(|r| r[4].contains("Paused Arrival"))
            .then_some(())
    })
    .await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_stays_out_of_the_url_and_local_storage() {
    let server = start_backend(small()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for(Role::Status, "Live").await;
    let local: usize = browser.eval("return localStorage.length").await;
    assert_eq!(local, 0);
    let url = browser.current_url().await;
    assert!(!url.contains("demo-admin"), "{url}");
    let resources: Vec<String> = browser
        .eval("return performance.getEntriesByType('resource').map(e => e.name)")
        .await;
    assert!(
        resources.iter().all(|r| !r.contains("demo-admin")),
        "token in a request URL: {resources:?}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polling_mode_from_the_config_keeps_the_list_current_without_a_stream() {
    let options = demo_backend::Options {
        live_mode: demo_backend::LiveMode::Poll,
        poll_interval_ms: 1_000,
        ..small()
    };
    let server = start_backend(options).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows(TABLE).await;
    server.inject_arrival("Polled Arrival");
    eventually("the arrival shows after a poll", || async {
        browser
            .table_rows(TABLE)
            .await
            .iter()
            .any(|r| r[4].contains("Polled Arrival"))
            .then_some(())
    })
    .await;
    let streams: usize = browser
        .eval("return performance.getEntriesByType('resource').filter(e => e.name.includes('/monitor/events')).length")
        .await;
    assert_eq!(streams, 0, "no stream is opened in polling mode");
    server.stop().await;
}

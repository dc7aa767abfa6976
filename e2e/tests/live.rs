//! The live feed: pausing freezes the lists and resuming catches up; the
//! token stays out of reach; polling mode keeps the list current. (Faults
//! are in `convergence.rs` and `feed_faults.rs`.)

use e2e::{eventually, start_backend, Browser, Role};

const TABLE: &str = "Conversations";
/// The time-in-status cell, with the selection column first.
const TIME_IN_STATUS: usize = 9;

/// A backend small enough that every row is rendered at once.
fn small() -> demo_backend::Options {
    demo_backend::Options {
        conversations: 5,
        agents: 6,
        rate: 0.0,
        heartbeat_secs: 1,
        ..Default::default()
    }
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

//! The feed under the failures real backends have: it does not hammer the
//! backend with snapshots, does not call a connection live before it has
//! proven itself, and does not wait forever on a hung request.

use std::time::{Duration, Instant};

use demo_backend::Faults;
use e2e::{eventually, start_backend, Browser, Role};

const TABLE: &str = "Conversations";

/// A backend of `conversations` with `rate` events a second and a
/// heartbeat every second (so data counts as stale after 3 s).
fn backend(conversations: usize, rate: f64) -> demo_backend::Options {
    demo_backend::Options {
        conversations,
        agents: (conversations / 16).max(4),
        rate,
        heartbeat_secs: 1,
        ..demo_backend::Options::default()
    }
}

/// Signed in as a supervisor, with rows on screen.
async fn signed_in(server: &demo_backend::Server) -> Browser {
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows(TABLE).await;
    browser
}

/// What the connection indicator says now.
async fn phase(browser: &Browser) -> String {
    browser
        .eval("return document.querySelector('.connection__phase')?.innerText ?? ''")
        .await
}

/// Waits until the indicator says `Live`.
async fn wait_live(browser: &Browser) {
    eventually("the feed to be live", || async {
        (phase(browser).await.trim() == "Live").then_some(())
    })
    .await;
}

/// The alert whose text contains `needle`, once one shows.
async fn alert_with(browser: &Browser, needle: &str) -> String {
    eventually(&format!("an alert saying {needle:?}"), || async {
        for alert in browser.find_all(Role::Alert, None).await {
            let text = alert.text().await.unwrap_or_default();
            if text.contains(needle) {
                return Some(text);
            }
        }
        None
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resyncs_that_keep_coming_ask_for_few_snapshots() {
    // The review's storm: every reconnect refused, events lost now and then.
    let server = start_backend(backend(1_000, 50.0)).await;
    let browser = signed_in(&server).await;
    wait_live(&browser).await;

    let before = server.traffic();
    server.set_faults(Faults {
        drop_stream_secs: 5,
        refuse_resume: true,
        malformed_share: 0.02,
        ..Faults::default()
    });
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(40)).await;
    let after = server.traffic();
    let snapshots = after.snapshots - before.snapshots;
    eprintln!("snapshot requests in 40 s of resync storm: {snapshots}");
    // Unpaced, each lost event (one a second) and each refused resume (one
    // every 5 s) reloads at once: about 48 in 40 s (the review counted 17 a
    // second before the stream was kept open). Paced, the reloads slow to
    // one every 1.5–3 s at this size.
    assert!(
        snapshots <= 24,
        "{snapshots} snapshot requests in {:?}",
        started.elapsed()
    );
    assert!(snapshots >= 2, "the resyncs were answered: {snapshots}");

    // Once the faults stop, the feed is live again within seconds.
    server.set_faults(Faults::default());
    wait_live(&browser).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_that_dies_at_once_backs_off_and_is_never_called_live() {
    let server = start_backend(backend(50, 0.0)).await;
    server.set_faults(Faults {
        stream_dies_at_once: true,
        ..Faults::default()
    });
    let browser = signed_in(&server).await;
    let before = server.traffic();
    let started = Instant::now();
    let mut phases = Vec::new();
    while started.elapsed() < Duration::from_secs(12) {
        phases.push(phase(&browser).await);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let opened = server.traffic().streams - before.streams;
    eprintln!("stream connections in 12 s of streams dying at once: {opened}");
    // Backing off from 0.5 s, doubling: at most 6 tries in 12 s. Without
    // it, every 250–500 ms: 24 or more.
    assert!(opened <= 7, "{opened} stream connections in 12 s");
    assert!(
        phases.iter().all(|p| p.trim() != "Live"),
        "a stream that never sent anything was called live: {phases:?}"
    );
    // Nothing new arrives: the data is flagged as old.
    alert_with(&browser, "No news from the server since").await;

    // Once streams stay open, the feed is live.
    server.set_faults(Faults::default());
    browser.click(Role::Button, "Retry").await;
    wait_live(&browser).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_request_times_out_says_so_and_retry_sends_it_again_at_once() {
    let server = start_backend(demo_backend::Options {
        request_timeout_ms: 2_000,
        ..backend(50, 0.0)
    })
    .await;
    let browser = signed_in(&server).await;
    wait_live(&browser).await;

    // The stream is cut and every request from now on hangs.
    server.set_faults(Faults {
        hang_share: 1.0,
        drop_stream_secs: 1,
        ..Faults::default()
    });
    let alert = alert_with(&browser, "The server did not answer within 2 s.").await;
    assert!(alert.contains("Showing the data received at"), "{alert}");
    assert!(!browser.table_rows(TABLE).await.is_empty(), "rows stay");

    // "Retry" does not wait for the backoff: a new attempt goes out now.
    let before = server.traffic().streams;
    browser.click(Role::Button, "Retry").await;
    eventually("a new stream request right after Retry", || async {
        (server.traffic().streams > before).then_some(())
    })
    .await;
    // Hung requests are answered once the hangs stop; the feed recovers.
    server.set_faults(Faults::default());
    wait_live(&browser).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_sign_in_says_so_in_spanish_and_keeps_the_token() {
    let server = start_backend(demo_backend::Options {
        request_timeout_ms: 1_000,
        ..backend(10, 0.0)
    })
    .await;
    let browser = Browser::open(&server.base_url()).await;
    browser.goto("/?lang=es").await;
    let field = browser.wait_for(Role::TextBox, "Token de acceso").await;
    server.set_faults(Faults {
        hang_share: 1.0,
        ..Faults::default()
    });
    field.send_keys("demo-admin").await.unwrap();
    browser.click(Role::Button, "Ingresar").await;
    alert_with(&browser, "El servidor no respondió en 1 s.").await;
    let kept = browser
        .wait_for(Role::TextBox, "Token de acceso")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("demo-admin"));
    server.stop().await;
}

/// Counts the page's pending `setTimeout`s: added when set, removed when
/// fired or cleared.
const COUNT_TIMERS: &str = r#"
    (() => {
      const pending = new Set();
      const set = window.setTimeout.bind(window);
      const clear = window.clearTimeout.bind(window);
      window.setTimeout = (f, ms, ...args) => {
        const id = set((...a) => { pending.delete(id); typeof f === 'function' ? f(...a) : null; }, ms, ...args);
        pending.add(id);
        return id;
      };
      window.clearTimeout = (id) => { pending.delete(id); clear(id); };
      window.__pending_timers = () => pending.size;
    })();
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timers_do_not_pile_up_as_events_stream_in() {
    let server = start_backend(backend(300, 50.0)).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.on_every_page(COUNT_TIMERS).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows(TABLE).await;
    wait_live(&browser).await;
    let mut counts = Vec::new();
    for _ in 0..8 {
        tokio::time::sleep(Duration::from_secs(1)).await;
        counts.push(
            browser
                .eval::<usize>("return window.__pending_timers()")
                .await,
        );
    }
    eprintln!("pending timers at 50 events/s, once a second: {counts:?}");
    // One silence watchdog per connection, re-armed, plus the flush and the
    // clock: a handful. A watchdog per event, never cleared, would leave
    // hundreds (50 a second, each pending for the silence limit).
    assert!(counts.iter().all(|&n| n < 30), "pending timers: {counts:?}");
    server.stop().await;
}

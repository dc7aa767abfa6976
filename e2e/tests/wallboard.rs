//! The wallboard: big tiles with the live numbers, a card per department
//! and channel, a spotlight that rotates through the departments, and not
//! a single control.

use std::collections::BTreeSet;

use e2e::{api_get, eventually, quiet_options, start_backend, Browser};
use monitor_core::wire::ConversationsSnapshot;
use monitor_core::ConversationStatus;

async fn tile(browser: &Browser, label: &str) -> String {
    browser
        .eval(&format!(
            "const t = document.querySelector('.tile[aria-label=\"{label}\"] .tile__value'); return t ? t.innerText : ''"
        ))
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wallboard_shows_live_tiles_rotates_and_has_no_controls() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows("Conversations").await;
    browser.goto("/wallboard?lang=en&rotate=2").await;

    let snapshot: ConversationsSnapshot =
        api_get(&server, "/monitor/conversations", "demo-admin").await;
    let queued = snapshot
        .conversations
        .iter()
        .filter(|c| c.status == ConversationStatus::Queued)
        .count();
    eventually("the Queued tile", || async {
        (tile(&browser, "Queued").await == queued.to_string()).then_some(())
    })
    .await;

    // No buttons, links, inputs or selects: nothing to touch on a wall.
    let controls: usize = browser
        .eval("return document.querySelectorAll('button, a[href], input, select, textarea, [role=tab]').length")
        .await;
    assert_eq!(controls, 0);

    // A card per department with conversations, and per channel.
    let departments: BTreeSet<&str> = snapshot
        .conversations
        .iter()
        .map(|c| c.department.name.as_str())
        .collect();
    let cards: Vec<String> = browser
        .eval("return Array.from(document.querySelectorAll('.wallboard__groups')[0].querySelectorAll('.wall-card')).map(c => c.getAttribute('aria-label'))")
        .await;
    assert_eq!(cards.len(), departments.len(), "{cards:?}");

    // The spotlight moves on by itself.
    let spotlight = || async {
        browser
            .eval::<String>("const c = document.querySelector('.wallboard__spotlight .wall-card'); return c ? c.getAttribute('aria-label') : ''")
            .await
    };
    let first = eventually("a department in the spotlight", || async {
        let s = spotlight().await;
        (!s.is_empty()).then_some(s)
    })
    .await;
    eventually("the spotlight rotates", || async {
        let now = spotlight().await;
        (!now.is_empty() && now != first).then_some(())
    })
    .await;

    // Live: a new arrival reaches the tile without a reload.
    server.inject_arrival("Wall Watcher");
    eventually("the Queued tile counts the arrival", || async {
        (tile(&browser, "Queued").await == (queued + 1).to_string()).then_some(())
    })
    .await;
}

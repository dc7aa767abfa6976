//! The Conversations tab, end to end: a real headless Chromium against the
//! demo backend serving the built SPA.

use e2e::{eventually, quiet_options, start_backend, Browser, Role};

const TABLE: &str = "Conversations";

async fn signed_in_admin() -> (demo_backend::Server, Browser) {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows(TABLE).await;
    (server, browser)
}

/// Cell positions for the admin, whose first column selects rows for bulk end:
/// 2 is Status, 3 Customer (name, then contact), 8 Time in status.
const STATUS: usize = 3;
const CUSTOMER: usize = 4;
const TIME_IN_STATUS: usize = 9;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_sees_the_conversations_tab_with_every_column_and_rows() {
    let (server, browser) = signed_in_admin().await;
    browser.wait_for(Role::Tab, "Conversations").await;
    let headers = browser.names(Role::ColumnHeader).await;
    // The first column selects rows for bulk end (the admin may end in bulk).
    browser
        .wait_for(Role::Checkbox, "Select all conversations shown")
        .await;
    assert_eq!(
        headers[1..],
        [
            "Ticket number",
            "Channel",
            "Status",
            "Customer",
            "Agent",
            "Group",
            "Created",
            "Updated",
            "Time in status",
            "Duration",
            "Transfers",
            "Options"
        ]
    );
    for name in ["Search"] {
        browser.wait_for(Role::SearchBox, name).await;
    }
    for name in ["Status", "Agent", "Group", "Channel"] {
        browser.wait_for(Role::Button, name).await;
    }
    let rows = browser.table_rows(TABLE).await;
    assert!(
        rows.len() >= 10,
        "a virtualized window of rows is rendered: {}",
        rows.len()
    );
    assert!(
        rows.len() < 120,
        "not every one of the 120 conversations is in the DOM"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_narrows_the_rows_to_matching_customers() {
    let (server, browser) = signed_in_admin().await;
    let rows = browser.table_rows(TABLE).await;
    let name = rows[0][CUSTOMER]
        .split(' ')
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    browser
        .wait_for(Role::SearchBox, "Search")
        .await
        .send_keys(&name)
        .await
        .unwrap();
    // Every word must match, each in any column (a customer's surname and
    // an agent's first name can pick a second row).
    let words: Vec<&str> = name.split(' ').collect();
    let narrowed = eventually("rows narrowed by the search", || async {
        let rows = browser.table_rows(TABLE).await;
        let every_word = |r: &Vec<String>| words.iter().all(|w| r.iter().any(|c| c.contains(w)));
        (rows.iter().any(|r| r[CUSTOMER].contains(&name)) && rows.iter().all(every_word))
            .then_some(rows)
    })
    .await;
    assert!(
        narrowed.len() < 20,
        "search for {name:?} left {} rows",
        narrowed.len()
    );
    server.stop().await;
}

async fn filter_status(browser: &Browser, status: &str) {
    browser.click(Role::Button, "Status").await;
    browser.click(Role::Checkbox, status).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_filter_narrows_the_rows_to_that_status() {
    let (server, browser) = signed_in_admin().await;
    let before = browser.table_rows(TABLE).await;
    assert!(
        before.iter().any(|r| r[STATUS] != "Queued"),
        "the seed has more than queued rows"
    );
    filter_status(&browser, "Queued").await;
    eventually("only queued rows", || async {
        let rows = browser.table_rows(TABLE).await;
        (!rows.is_empty() && rows.iter().all(|r| r[STATUS] == "Queued")).then_some(())
    })
    .await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_keeps_the_search_and_filters_from_the_url() {
    let (server, browser) = signed_in_admin().await;
    filter_status(&browser, "Queued").await;
    let search = browser.wait_for(Role::SearchBox, "Search").await;
    search.send_keys("a").await.unwrap();
    eventually("the URL holds the view", || async {
        let url = browser.current_url().await;
        (url.contains("status=queued") && url.contains("q=a")).then_some(())
    })
    .await;
    browser.reload().await;
    let rows = browser.wait_for_rows(TABLE).await;
    assert!(
        rows.iter().all(|r| r[STATUS] == "Queued"),
        "filter survived the reload: {rows:?}"
    );
    let value = browser
        .wait_for(Role::SearchBox, "Search")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(value.as_deref(), Some("a"));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn time_in_status_ticks_within_two_seconds() {
    let (server, browser) = signed_in_admin().await;
    let first = browser.table_rows(TABLE).await[0][TIME_IN_STATUS].clone();
    let started = std::time::Instant::now();
    loop {
        let now = browser.table_rows(TABLE).await[0][TIME_IN_STATUS].clone();
        if now != first {
            break;
        }
        assert!(
            started.elapsed().as_millis() < 2_000,
            "timer stuck at {first}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_conversation_from_the_stream_appears_without_reload() {
    let (server, browser) = signed_in_admin().await;
    let name = "Zed Streamed-Arrival";
    browser
        .wait_for(Role::SearchBox, "Search")
        .await
        .send_keys(name)
        .await
        .unwrap();
    eventually("no row matches yet", || async {
        browser.table_rows(TABLE).await.is_empty().then_some(())
    })
    .await;
    browser.wait_for(Role::Status, "Live").await;
    server.inject_arrival(name);
    let rows = browser.wait_for_rows(TABLE).await;
    assert!(rows[0][CUSTOMER].contains(name));
    assert_eq!(rows[0][STATUS], "Queued");
    server.stop().await;
}

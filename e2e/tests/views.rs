//! Saved views and columns: the column chooser hides, shows and reorders
//! columns; a view keeps search, filters, sort and columns under a name in
//! local storage; the default view opens on a bare visit; a view's link
//! opens it anywhere.

use e2e::{eventually, quiet_options, start_backend, Browser, Role};

const TABLE: &str = "Conversations";

async fn headers(browser: &Browser) -> Vec<String> {
    browser
        .eval("return Array.from(document.querySelectorAll('[role=table][aria-label=Conversations] [role=columnheader]')).map(h => h.innerText.trim()).filter(t => t)")
        .await
}

async fn signed_in() -> (demo_backend::Server, Browser) {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows(TABLE).await;
    (server, browser)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn columns_hide_show_and_move_and_the_url_keeps_them() {
    let (_server, browser) = signed_in().await;
    browser.click(Role::Button, "Columns").await;
    browser.wait_for(Role::Dialog, "Columns shown").await;
    browser.click(Role::Checkbox, "Channel").await;
    // Ticket number, Status, Customer: twice up makes Customer first.
    browser.click(Role::Button, "Move Customer up").await;
    browser.click(Role::Button, "Move Customer up").await;
    eventually("the table follows the chooser", || async {
        let h = headers(&browser).await;
        (h.first().map(String::as_str) == Some("Customer") && !h.contains(&"Channel".to_owned()))
            .then_some(())
    })
    .await;
    // Customer is first now, so its "up" is disabled: focus went to its
    // "down", not to the page.
    let focused: Option<String> = browser
        .eval("return document.activeElement.getAttribute('aria-label')")
        .await;
    assert_eq!(focused.as_deref(), Some("Move Customer down"));
    // The cells follow their headers.
    let rows = browser.table_rows(TABLE).await;
    assert!(!rows[0][1].is_empty() && !rows[0][1].contains("WhatsApp"));
    browser.click(Role::Button, "Close").await;

    // The address is written after a short pause, but leaving the page
    // writes it at once: an immediate reload keeps the last move.
    browser.reload().await;
    browser.wait_for_rows(TABLE).await;
    let h = headers(&browser).await;
    assert_eq!(h.first().map(String::as_str), Some("Customer"), "{h:?}");
    assert!(!h.contains(&"Channel".to_owned()));

    // Showing it again puts it last, before the options.
    browser.click(Role::Button, "Columns").await;
    browser.click(Role::Checkbox, "Channel").await;
    eventually("Channel shown again, last", || async {
        let h = headers(&browser).await;
        (h.len() >= 2 && h[h.len() - 2] == "Channel").then_some(())
    })
    .await;
}

/// The address follows typing after a pause; a reload inside that pause
/// must not lose what was typed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_right_after_typing_keeps_the_search() {
    let (_server, browser) = signed_in().await;
    let search = browser.wait_for(Role::SearchBox, "Search").await;
    search.send_keys("zq").await.unwrap();
    browser.reload().await;
    browser.wait_for(Role::Table, TABLE).await;
    let typed: String = browser
        .eval("return document.querySelector('[role=searchbox], input[type=search]').value")
        .await;
    assert_eq!(typed, "zq");
    // The reloaded page writes what it was given into its own address.
    eventually("the search in the address", || async {
        browser.current_url().await.contains("q=zq").then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_view_reopens_becomes_the_default_and_is_shared_by_link() {
    let (server, browser) = signed_in().await;
    browser
        .goto("/?lang=en&status=queued&sort=customer&dir=asc&cols=customer,status,time_in_status")
        .await;
    browser.wait_for_rows(TABLE).await;

    browser.click(Role::Button, "Views").await;
    browser.wait_for(Role::Dialog, "Saved views").await;
    // A blank name is refused, saying why.
    browser.click(Role::Button, "Save current view").await;
    browser.wait_for(Role::Alert, "Give the view a name.").await;
    let name = browser.wait_for(Role::TextBox, "View name").await;
    name.send_keys("Cola por cliente").await.unwrap();
    browser.click(Role::Button, "Save current view").await;
    browser
        .wait_for(Role::Button, "Open Cola por cliente")
        .await;
    browser
        .click(Role::Button, "Make Cola por cliente the default")
        .await;
    let link: String = eventually("the share link", || async {
        let value: String = browser
            .eval("const i = document.querySelector('.views__link input'); return i ? i.value : ''")
            .await;
        (!value.is_empty()).then_some(value)
    })
    .await;
    assert!(link.contains("status=queued"), "{link}");
    assert!(
        link.contains("cols=customer%2Cstatus%2Ctime_in_status"),
        "{link}"
    );
    browser.click(Role::Button, "Close").await;

    // A bare visit opens the default view.
    browser.goto("/?lang=en").await;
    eventually("the default view is applied", || async {
        let url = browser.current_url().await;
        (url.contains("status=queued") && url.contains("sort=customer")).then_some(())
    })
    .await;
    browser.wait_for_rows(TABLE).await;
    assert_eq!(
        headers(&browser).await,
        ["Customer", "Status", "Time in status", "Options"]
    );

    // The link opens the same view in another browser, with no saved views.
    let other = Browser::open(&server.base_url()).await;
    other.sign_in("demo-admin").await;
    other.wait_for_rows(TABLE).await;
    let path = link.trim_start_matches(&server.base_url()).to_owned();
    other.goto(&format!("{path}&lang=en")).await;
    other.wait_for_rows(TABLE).await;
    assert_eq!(
        headers(&other).await,
        ["Customer", "Status", "Time in status", "Options"]
    );
    let statuses: Vec<String> = other
        .table_rows(TABLE)
        .await
        .into_iter()
        .map(|r| r[2].clone())
        .collect();
    assert!(statuses.iter().all(|s| s == "Queued"), "{statuses:?}");

    // Deleting the default leaves bare visits bare.
    browser.click(Role::Button, "Views").await;
    browser.click(Role::Button, "Delete Cola por cliente").await;
    browser.wait_for(Role::Dialog, "Saved views").await;
    eventually("the view is gone", || async {
        browser
            .find_all(Role::Button, Some("Open Cola por cliente"))
            .await
            .is_empty()
            .then_some(())
    })
    .await;
    browser.click(Role::Button, "Close").await;
    browser.goto("/?lang=en").await;
    browser.wait_for_rows(TABLE).await;
    assert!(!browser.current_url().await.contains("status="));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreadable_saved_views_are_reported_not_silently_dropped() {
    let (_server, browser) = signed_in().await;
    browser
        .eval::<()>("localStorage.setItem('ops-monitor.views.conversations', '{broken')")
        .await;
    browser.reload().await;
    browser.wait_for_rows(TABLE).await;
    browser.click(Role::Button, "Views").await;
    let alerts = browser.names(Role::Alert).await;
    assert!(
        alerts
            .iter()
            .any(|a| a.starts_with("The saved views could not be read")),
        "{alerts:?}"
    );
}

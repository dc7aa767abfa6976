//! The monitor without a mouse: sign in, filter, open a row's menu, open and
//! close the transcript — every step by keyboard.

use e2e::{eventually, quiet_options, start_backend, Browser, Role};
use fantoccini::key::Key;

/// The focused element's accessible name and role, as the tests see them.
async fn focused(browser: &Browser) -> (String, String) {
    browser
        .eval::<(String, String)>(
            "const e = document.activeElement; const label = e.labels && e.labels.length ? e.labels[0].innerText : ''; return [(e.getAttribute('aria-label') || label || e.innerText || '').trim(), e.getAttribute('role') || e.tagName.toLowerCase()];",
        )
        .await
}

async fn press(browser: &Browser, key: Key) {
    let active = browser
        .client
        .active_element()
        .await
        .expect("a focused element");
    active
        .send_keys(&char::from(key).to_string())
        .await
        .expect("key press");
}

/// Tabs forward until the focused element has this name (at most 60 stops).
async fn tab_to(browser: &Browser, name: &str) {
    for _ in 0..60 {
        if focused(browser).await.0 == name {
            return;
        }
        press(browser, Key::Tab).await;
    }
    panic!(
        "Tab never reached {name:?}; focus is on {:?}",
        focused(browser).await
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_filter_and_read_a_transcript_by_keyboard_only() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.goto("/?lang=en").await;
    browser.wait_for(Role::TextBox, "Access token").await;
    browser
        .client
        .execute("document.body.focus()", vec![])
        .await
        .unwrap();
    for _ in 0..10 {
        if browser
            .eval::<String>("return document.activeElement.id")
            .await
            == "access-token"
        {
            break;
        }
        press(&browser, Key::Tab).await;
    }
    let active = browser.client.active_element().await.unwrap();
    active.send_keys("demo-admin").await.unwrap();
    press(&browser, Key::Enter).await;
    browser.wait_for_rows("Conversations").await;

    tab_to(&browser, "Status").await;
    press(&browser, Key::Enter).await;
    press(&browser, Key::Tab).await;
    assert_eq!(focused(&browser).await.0, "Queued");
    press(&browser, Key::Space).await;
    eventually("only queued rows", || async {
        let rows = browser.table_rows("Conversations").await;
        (!rows.is_empty() && rows.iter().all(|r| r[3] == "Queued")).then_some(())
    })
    .await;
    press(&browser, Key::Escape).await;
    assert_eq!(
        focused(&browser).await.0,
        "Status",
        "Escape returns focus to the filter button"
    );

    tab_to(&browser, "Options").await;
    press(&browser, Key::Enter).await;
    eventually("focus in the menu", || async {
        let (name, role) = focused(&browser).await;
        (role == "menuitem" && name == "View conversation").then_some(())
    })
    .await;
    press(&browser, Key::Enter).await;
    let dialog = eventually("the transcript dialog", || async {
        browser
            .find_all(Role::Dialog, None)
            .await
            .into_iter()
            .next()
    })
    .await;
    assert!(dialog.text().await.unwrap().contains("Conversation with"));
    press(&browser, Key::Escape).await;
    eventually("the dialog closes", || async {
        browser
            .find_all(Role::Dialog, None)
            .await
            .is_empty()
            .then_some(())
    })
    .await;
    assert_eq!(
        focused(&browser).await.0,
        "Options",
        "focus returns to the row's Options button"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arrow_keys_move_between_the_tabs() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for(Role::Tab, "Conversations").await;
    browser
        .client
        .execute("document.querySelector('[role=tab]').focus()", vec![])
        .await
        .unwrap();
    press(&browser, Key::Right).await;
    assert_eq!(focused(&browser).await.0, "Agents");
    press(&browser, Key::Home).await;
    assert_eq!(focused(&browser).await.0, "Conversations");
    press(&browser, Key::End).await;
    assert_eq!(focused(&browser).await.0, "Agents");
    press(&browser, Key::Right).await;
    assert_eq!(focused(&browser).await.0, "Conversations", "wraps around");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_360_pixels_the_page_fits_and_the_table_scrolls_with_its_first_column_kept() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows("Conversations").await;
    let (page_width, viewport): (f64, f64) = browser
        .eval("return [document.documentElement.scrollWidth, window.innerWidth]")
        .await;
    assert!(
        page_width <= viewport + 1.0,
        "the page scrolls sideways: {page_width} > {viewport}"
    );
    let (table_scroll, table_client, sticky): (f64, f64, String) = browser
        .eval("const t = document.querySelector('[role=table]'); const c = t.querySelector('[role=row] [role=cell]'); return [t.scrollWidth, t.clientWidth, getComputedStyle(c).position]")
        .await;
    assert!(
        table_scroll > table_client,
        "the table scrolls inside itself"
    );
    assert_eq!(sticky, "sticky", "the first column stays in view");
    server.stop().await;
}

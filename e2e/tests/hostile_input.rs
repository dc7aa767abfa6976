//! Hostile and broken input: text from the backend is text, never markup;
//! a token revoked mid-session returns to sign-in without reloading the page.

use demo_backend::Author;
use e2e::{eventually, quiet_options, start_backend, Browser, Role};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markup_in_a_customer_name_and_a_message_renders_as_text() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.goto_capturing_errors("/?lang=en").await;
    // Any script that runs would bump this counter (and alert() is caught too).
    browser
        .client
        .execute(
            "window.__xss = 0; window.alert = () => { window.__xss += 1; };",
            vec![],
        )
        .await
        .unwrap();
    browser.submit_token("demo-admin").await;
    browser.wait_for(Role::Status, "Live").await;

    let name = "<img src=x onerror=alert(1)>";
    let id = server.inject_arrival(name);
    assert!(server.inject_message(
        &id,
        Author::Customer,
        "<script>window.__xss = 99</script> hi"
    ));
    browser
        .wait_for(Role::SearchBox, "Search")
        .await
        .send_keys("onerror")
        .await
        .unwrap();
    let row = eventually("the row with the markup name", || async {
        browser
            .table_rows("Conversations")
            .await
            .into_iter()
            .find(|r| r.iter().any(|c| c.contains(name)))
    })
    .await;
    assert!(
        row.iter().any(|c| c.contains(name)),
        "shown as text: {row:?}"
    );
    browser.click_in_row("Conversations", name, "Options").await;
    browser.click(Role::MenuItem, "View conversation").await;
    let dialog = browser
        .wait_for(Role::Dialog, &format!("Conversation with {name}"))
        .await;
    eventually("the message is shown", || async {
        dialog
            .text()
            .await
            .ok()?
            .contains("<script>window.__xss = 99</script> hi")
            .then_some(())
    })
    .await;
    let injected: usize = browser
        .eval("return document.querySelectorAll('img[src=x], .transcript script, [role=table] img').length")
        .await;
    assert_eq!(injected, 0, "markup became elements");
    let xss: i64 = browser.eval("return window.__xss").await;
    assert_eq!(xss, 0, "a script ran");
    let errors: Vec<String> = browser.eval("return window.__errors").await;
    assert!(errors.is_empty(), "{errors:?}");
    server.stop().await;
}

/// Issue 14: "no reload loop" used to compare counts of navigation entries,
/// which are always 1 (a reload replaces the entry); a marker planted on
/// `window` is what a reload would wipe.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_revoked_mid_session_returns_to_sign_in_once() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-operator").await;
    browser.wait_for(Role::Status, "Live").await;
    browser.eval::<()>("window.__same_page = 'yes'").await;
    server.revoke_token("demo-operator");
    browser
        .wait_for(Role::Status, "Your session has ended. Sign in again.")
        .await;
    browser.wait_for(Role::TextBox, "Access token").await;
    let stored: Option<String> = browser
        .eval("return sessionStorage.getItem('ops-monitor.token')")
        .await;
    assert_eq!(stored, None, "the refused token is forgotten");
    // No reload, now or a moment later: the page the marker was put on stays.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let marker: Option<String> = browser.eval("return window.__same_page ?? null").await;
    assert_eq!(marker.as_deref(), Some("yes"), "the page was reloaded");
    browser.wait_for(Role::TextBox, "Access token").await;
    server.stop().await;
}

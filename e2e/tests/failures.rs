//! What the user sees when things go wrong: never a blank page, never a
//! silent stale table, never a lost token field.

use e2e::{eventually, quiet_options, start_backend, Browser, Role};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backend_stopped_shows_the_error_with_retry_and_keeps_the_rows() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows("Conversations").await;
    server.stop().await;
    let alert = eventually("an alert saying the server is unreachable", || async {
        for alert in browser.find_all(Role::Alert, None).await {
            let text = alert.text().await.unwrap_or_default();
            if text.contains("Cannot reach the server") {
                return Some(text);
            }
        }
        None
    })
    .await;
    assert!(alert.contains("Showing the data received at"), "{alert}");
    browser.wait_for(Role::Button, "Retry").await;
    let indicator: String = browser
        .eval("return document.querySelector('.connection__phase').innerText")
        .await;
    assert!(indicator.contains("Offline since"), "{indicator}");
    assert!(
        !browser.table_rows("Conversations").await.is_empty(),
        "last good rows stay on screen"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_while_the_backend_is_down_says_so_and_keeps_the_token() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.goto("/?lang=en").await;
    let field = browser.wait_for(Role::TextBox, "Access token").await;
    server.stop().await;
    field.send_keys("demo-admin").await.unwrap();
    browser.click(Role::Button, "Sign in").await;
    let alert = eventually("an error message", || async {
        let alerts = browser.find_all(Role::Alert, None).await;
        match alerts.first() {
            Some(a) => a.text().await.ok(),
            None => None,
        }
    })
    .await;
    assert!(alert.contains("Cannot reach the server"), "{alert}");
    let kept = browser
        .wait_for(Role::TextBox, "Access token")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("demo-admin"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_token_stays_on_sign_in_with_a_message() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("not-a-real-token").await;
    let alert = browser
        .wait_for(Role::Alert, "The access token was not accepted.")
        .await;
    assert!(alert.is_displayed().await.unwrap());
    assert!(browser.table_rows("Conversations").await.is_empty());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_the_backend_no_longer_accepts_returns_to_sign_in() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.goto("/?lang=en").await;
    browser.wait_for(Role::TextBox, "Access token").await;
    // A tab whose stored token was revoked: the reload asks /me and gets 401.
    browser
        .client
        .execute(
            "sessionStorage.setItem('ops-monitor.token', 'revoked-token')",
            vec![],
        )
        .await
        .unwrap();
    browser.reload().await;
    browser
        .wait_for(Role::Status, "Your session has ended. Sign in again.")
        .await;
    browser.wait_for(Role::TextBox, "Access token").await;
    let url = browser.current_url().await;
    assert!(
        !url.contains("token"),
        "the token never goes in the URL: {url}"
    );
    server.stop().await;
}

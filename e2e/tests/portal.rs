//! Ready for the portal: the demo portal on another origin embeds the
//! monitor and hands over a token; a message from an origin not in the list
//! is ignored; the app works under the strict CSP and from a sub-path; each
//! language renders completely.

use demo_backend::{BasePath, Options};
use e2e::{eventually, quiet_options, start_backend, Browser, Role, CAPTURE_CSP_VIOLATIONS};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portal_on_another_origin_signs_the_monitor_in_with_the_chosen_profile() {
    let server = start_backend(quiet_options()).await;
    let portal = server.portal_url().expect("the portal runs");
    assert_ne!(portal, server.base_url(), "the portal is another origin");
    let browser = Browser::open(&portal).await;
    browser.goto("/?profile=agent&lang=en").await;
    let frame = eventually("the monitor's iframe", || async {
        browser
            .client
            .find(fantoccini::Locator::Css("iframe"))
            .await
            .ok()
    })
    .await;
    frame.enter_frame().await.unwrap();
    browser.wait_for_rows("Conversations").await;
    assert_eq!(
        browser.names(Role::Tab).await,
        ["Conversations"],
        "the agent profile's tabs, in the portal's language (the user's own is Spanish)"
    );
    assert!(
        browser
            .find_all(Role::Button, Some("Sign out"))
            .await
            .is_empty(),
        "the portal owns the session: no sign-out inside it"
    );
    assert!(browser
        .find_all(Role::TextBox, Some("Access token"))
        .await
        .is_empty());
    browser.client.enter_parent_frame().await.unwrap();
    let log: String = browser
        .eval("return document.getElementById('handshake-log').innerText")
        .await;
    assert!(log.contains("ready"), "{log}");
    server.stop().await;
}

/// The hostile page's own tally: token messages it posted, and messages it
/// heard from the monitor's origin.
async fn hostile_tally(browser: &Browser) -> Option<(u32, u32)> {
    let status: String = browser
        .eval("return document.querySelector('[role=status]').innerText")
        .await;
    let count = |label: &str| -> Option<u32> {
        status
            .split(label)
            .nth(1)?
            .split(';')
            .next()?
            .trim()
            .parse()
            .ok()
    };
    Some((
        count("token messages posted: ")?,
        count("messages from the monitor: ")?,
    ))
}

/// Issue 14: the test used to check only that the hostile token signed
/// nobody in, never that the monitor kept silent towards the page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_from_an_origin_not_in_the_list_is_ignored_and_the_monitor_posts_it_nothing() {
    let server = start_backend(Options {
        hostile_port: Some(0),
        ..quiet_options()
    })
    .await;
    let hostile = server.hostile_url().expect("the hostile page runs");
    let browser = Browser::open(&hostile).await;
    browser.goto("/").await;
    let frame = eventually("the monitor's iframe", || async {
        browser
            .client
            .find(fantoccini::Locator::Css("iframe"))
            .await
            .ok()
    })
    .await;
    eventually("several token messages posted", || async {
        let (posted, _) = hostile_tally(&browser).await?;
        (posted >= 3).then_some(())
    })
    .await;
    frame.enter_frame().await.unwrap();
    // No sign-in form either: the page is told plainly it is not a portal.
    let origin = hostile.trim_end_matches('/');
    eventually("the refusal naming the page's origin", || async {
        let text: String = browser
            .eval("const a = document.querySelector('[role=alert]'); return a ? a.innerText : ''")
            .await;
        (text.contains(&format!("Esta página ({origin}) no puede abrir el monitor"))).then_some(())
    })
    .await;
    assert!(browser.find_all(Role::TextBox, None).await.is_empty());
    assert!(
        browser.table_rows("Conversations").await.is_empty()
            && browser.table_rows("Atenciones").await.is_empty(),
        "the hostile token signed nobody in"
    );
    browser.client.enter_parent_frame().await.unwrap();
    // The monitor is up, and a message posted while it booted (its `ready`)
    // or after (an answer to a token) arrives well within a second.
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let (_, heard) = hostile_tally(&browser).await.expect("the tally");
    assert_eq!(heard, 0, "the monitor posted to a parent it does not allow");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_portal_that_never_hands_over_its_token_gets_a_wait_then_a_clear_message() {
    let server = start_backend(quiet_options()).await;
    let portal = server.portal_url().expect("the portal runs");
    let browser = Browser::open(&portal).await;
    browser.goto("/?profile=agent&hold=1").await;
    let frame = eventually("the monitor's iframe", || async {
        browser
            .client
            .find(fantoccini::Locator::Css("iframe"))
            .await
            .ok()
    })
    .await;
    frame.enter_frame().await.unwrap();
    // In the deployment's language (Spanish): no portal language came.
    browser
        .wait_for(Role::Status, "Esperando que el portal inicie su sesión…")
        .await;
    assert!(
        browser.find_all(Role::TextBox, None).await.is_empty(),
        "no sign-in form inside the portal"
    );
    eventually("the message once the portal is late", || async {
        let text: String = browser
            .eval("const a = document.querySelector('[role=alert]'); return a ? a.innerText : ''")
            .await;
        text.contains("El portal no entregó una sesión en 8 segundos")
            .then_some(())
    })
    .await;
    assert!(browser.find_all(Role::TextBox, None).await.is_empty());
    // Asking again says ready again (the portal logs it) and waits anew.
    browser.click(Role::Button, "Reintentar").await;
    browser
        .wait_for(Role::Status, "Esperando que el portal inicie su sesión…")
        .await;
    browser.client.enter_parent_frame().await.unwrap();
    eventually("a second ready in the portal's log", || async {
        let log: String = browser
            .eval("return document.getElementById('handshake-log').innerText")
            .await;
        (log.matches("ready received").count() >= 2).then_some(())
    })
    .await;
    server.stop().await;
}

/// Issue 14: this test used to count resource URLs containing "csp", which
/// no violation ever produces; now the browser's own violation events are
/// recorded from before the first script, and a planted violation proves
/// the recorder hears them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_monitor_works_from_a_sub_path_under_the_strict_csp() {
    let options = Options {
        base_path: BasePath::parse("/monitor").unwrap(),
        ..quiet_options()
    };
    let server = start_backend(options).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.on_every_page(CAPTURE_CSP_VIOLATIONS).await;
    browser.goto("/monitor/?lang=en").await;
    browser.submit_token("demo-admin").await;
    browser.wait_for_rows("Conversations").await;
    browser.click(Role::Tab, "Agents").await;
    browser.wait_for_rows("Agents").await;
    let url = browser.current_url().await;
    assert!(url.contains("/monitor/agents"), "{url}");
    browser.reload().await;
    browser.wait_for_rows("Agents").await;
    let violations: Vec<String> = browser.eval("return window.__csp_violations").await;
    assert_eq!(violations, Vec::<String>::new(), "the monitor itself");

    // An inline script, as an injection would add: refused, and reported.
    browser
        .eval::<()>(
            "const s = document.createElement('script'); \
             s.textContent = 'window.__planted_ran = true'; document.body.append(s);",
        )
        .await;
    let reported = eventually("the planted inline script is reported", || async {
        let violations: Vec<String> = browser.eval("return window.__csp_violations").await;
        (!violations.is_empty()).then_some(violations)
    })
    .await;
    assert_eq!(reported, ["script-src-elem blocked inline"]);
    let ran: bool = browser.eval("return window.__planted_ran === true").await;
    assert!(!ran, "the planted script ran");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_language_renders_its_own_words_with_nothing_missing() {
    let server = start_backend(quiet_options()).await;
    let cases = [
        ("es", "Atenciones", "Cliente", "Ingresar"),
        ("pt-BR", "Atendimentos", "Cliente", "Entrar"),
        ("en", "Conversations", "Customer", "Sign in"),
    ];
    for (lang, tab, column, sign_in) in cases {
        let browser = Browser::open(&server.base_url()).await;
        browser.goto(&format!("/?lang={lang}")).await;
        browser.wait_for(Role::Button, sign_in).await;
        let field = browser.find_all(Role::TextBox, None).await.remove(0);
        field.send_keys("demo-admin").await.unwrap();
        browser.click(Role::Button, sign_in).await;
        browser.wait_for(Role::Tab, tab).await;
        eventually(&format!("the {column} column in {lang}"), || async {
            browser
                .names(Role::ColumnHeader)
                .await
                .iter()
                .any(|h| h == column)
                .then_some(())
        })
        .await;
        let lang_attr: String = browser.eval("return document.documentElement.lang").await;
        assert_eq!(lang_attr, lang);
        let text: String = browser.eval("return document.body.innerText").await;
        assert!(
            !text.contains('{') && !text.contains('}'),
            "{lang}: an unfilled placeholder in {text}"
        );
    }
    server.stop().await;
}

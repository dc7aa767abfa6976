//! axe-core (the npm package, injected into the page) finds no WCAG 2.2 A/AA
//! violation on any view or dialog, in light and in dark.

use e2e::{eventually, quiet_options, start_backend, Browser, Role};

/// The axe-core build installed by xtask (`AXE_CORE` overrides the path).
fn axe_source() -> String {
    let path = std::env::var("AXE_CORE").unwrap_or_else(|_| {
        let home = std::env::var("HOME").unwrap_or_default();
        format!("{home}/.cache/ops-monitor/tools/node_modules/axe-core/axe.min.js")
    });
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("axe-core at {path}: {e} (run `cargo xtask test`)"))
}

/// Runs axe on the page; the violations as "rule: help — nodes".
async fn violations(browser: &Browser, axe: &str) -> Vec<String> {
    browser
        .client
        .execute(axe, vec![])
        .await
        .expect("inject axe-core");
    let script = r#"
        const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
          .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' — ' +
              v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
          .catch(e => done(['axe failed: ' + e]));
    "#;
    let found = browser
        .client
        .execute_async(script, vec![])
        .await
        .expect("axe runs");
    serde_json::from_value(found).unwrap_or_default()
}

async fn check(browser: &Browser, axe: &str, view: &str, all: &mut Vec<String>) {
    for v in violations(browser, axe).await {
        all.push(format!("[{view}] {v}"));
    }
}

/// Waits until `selector` matches an element whose `what` (a JS
/// expression of `e`) is not empty: polled figures and charts arrive a
/// moment after the rows, and axe must see them drawn.
async fn wait_drawn(browser: &Browser, selector: &str, what: &str) {
    let script = format!(
        "return Array.from(document.querySelectorAll('{selector}')).some(e => ({what}) !== '')"
    );
    eventually(selector, || async {
        browser.eval::<bool>(&script).await.then_some(())
    })
    .await;
}

/// The service cards with their first figures, and (for profiles with
/// trends) the sparklines with a line.
async fn wait_for_service_figures(browser: &Browser, trends: bool) {
    wait_drawn(
        browser,
        "section.service .kpi__value",
        "e.innerText.replace('—', '').trim()",
    )
    .await;
    if trends {
        wait_drawn(browser, "svg.sparkline path", "e.getAttribute('d') || ''").await;
    }
}

async fn open_row_action(browser: &Browser, action: &str) {
    browser.find_all(Role::Button, Some("Options")).await[0]
        .click()
        .await
        .unwrap();
    browser.click(Role::MenuItem, action).await;
}

async fn close_dialog(browser: &Browser) {
    browser.click(Role::Button, "Close").await;
}

async fn every_view_in(theme: &str) {
    let axe = axe_source();
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    let mut all = Vec::new();
    browser.goto(&format!("/?lang=en&theme={theme}")).await;
    browser.wait_for(Role::TextBox, "Access token").await;
    check(&browser, &axe, "sign-in", &mut all).await;
    browser.submit_token("demo-admin").await;
    browser.wait_for_rows("Conversations").await;
    wait_for_service_figures(&browser, true).await;
    check(&browser, &axe, "conversations", &mut all).await;

    browser.click(Role::Button, "Status").await;
    check(&browser, &axe, "status filter open", &mut all).await;
    browser.click(Role::Button, "Status").await;

    browser.find_all(Role::Button, Some("Options")).await[0]
        .click()
        .await
        .unwrap();
    browser.wait_for(Role::MenuItem, "View conversation").await;
    check(&browser, &axe, "row menu", &mut all).await;
    browser.click(Role::MenuItem, "View conversation").await;
    eventually("transcript", || async {
        let text: String = browser
            .eval("return document.querySelector('dialog[open]')?.innerText || ''")
            .await;
        (!text.contains("Loading")).then_some(())
    })
    .await;
    check(&browser, &axe, "view dialog", &mut all).await;
    close_dialog(&browser).await;

    open_row_action(&browser, "Transfer conversation").await;
    browser
        .wait_for(Role::Dialog, "Transfer conversation")
        .await;
    check(&browser, &axe, "transfer dialog", &mut all).await;
    close_dialog(&browser).await;

    open_row_action(&browser, "End conversation").await;
    browser.wait_for(Role::Dialog, "End conversation").await;
    check(&browser, &axe, "end dialog", &mut all).await;
    close_dialog(&browser).await;

    browser.find_all(Role::Checkbox, None).await[1]
        .click()
        .await
        .unwrap();
    browser.click(Role::Button, "End selected").await;
    browser
        .wait_for(Role::Dialog, "End selected conversations")
        .await;
    check(&browser, &axe, "end selected dialog", &mut all).await;
    close_dialog(&browser).await;

    browser.click(Role::Button, "Columns").await;
    browser.wait_for(Role::Dialog, "Columns shown").await;
    check(&browser, &axe, "columns dialog", &mut all).await;
    close_dialog(&browser).await;
    browser.click(Role::Button, "Views").await;
    let name = browser.wait_for(Role::TextBox, "View name").await;
    name.send_keys("Mi vista").await.unwrap();
    browser.click(Role::Button, "Save current view").await;
    browser.wait_for(Role::Button, "Open Mi vista").await;
    check(&browser, &axe, "views dialog", &mut all).await;
    close_dialog(&browser).await;
    browser.click(Role::Button, "Alerts").await;
    browser.wait_for(Role::Dialog, "Alerts").await;
    check(&browser, &axe, "alerts dialog", &mut all).await;
    close_dialog(&browser).await;
    browser
        .eval::<()>("document.querySelector('details.breakdown summary').click()")
        .await;
    e2e::eventually("the breakdown tables", || async {
        browser
            .eval::<bool>("return document.querySelectorAll('.breakdown__table').length === 2")
            .await
            .then_some(())
    })
    .await;
    check(&browser, &axe, "wait breakdown", &mut all).await;

    browser.click(Role::Tab, "Agents").await;
    browser.wait_for_rows("Agents").await;
    check(&browser, &axe, "agents", &mut all).await;
    browser
        .eval::<()>("document.querySelector('.table__row .link-button').click()")
        .await;
    browser.wait_for(Role::Button, "Set online").await;
    check(&browser, &axe, "agent drill-down", &mut all).await;
    close_dialog(&browser).await;

    browser
        .goto(&format!("/wallboard?lang=en&theme={theme}"))
        .await;
    browser.wait_for(Role::Group, "Queued").await;
    wait_drawn(
        &browser,
        "figure.trend-chart .trend-chart__line",
        "e.getAttribute('d') || ''",
    )
    .await;
    check(&browser, &axe, "wallboard with trends", &mut all).await;
    browser
        .goto(&format!("/agents?lang=en&theme={theme}"))
        .await;
    browser.wait_for_rows("Agents").await;

    browser.click(Role::Tab, "Conversations").await;
    browser.click(Role::Radio, "Finished").await;
    browser
        .wait_for(Role::Table, "Finished conversations")
        .await;
    check(&browser, &axe, "finished", &mut all).await;

    browser.click(Role::Button, "Sign out").await;
    browser.goto(&format!("/?lang=en&theme={theme}")).await;
    browser.submit_token("demo-agent").await;
    browser.wait_for_rows("Conversations").await;
    wait_for_service_figures(&browser, false).await;
    check(&browser, &axe, "agent profile", &mut all).await;

    assert!(
        all.is_empty(),
        "axe-core found {} violations in {theme}:\n{}",
        all.len(),
        all.join("\n")
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_view_and_dialog_has_no_axe_violations_in_light() {
    every_view_in("light").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_view_and_dialog_has_no_axe_violations_in_dark() {
    every_view_in("dark").await;
}

/// Guards the guard: a page with a known violation must be reported, or the
/// zero-violation tests above would prove nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_reports_a_planted_violation() {
    let axe = axe_source();
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.goto("/?lang=en").await;
    browser.wait_for(Role::TextBox, "Access token").await;
    browser
        .client
        .execute(
            "const i = document.createElement('img'); i.src = 'data:,'; document.body.append(i);",
            vec![],
        )
        .await
        .unwrap();
    let found = violations(&browser, &axe).await;
    assert!(
        found.iter().any(|v| v.starts_with("image-alt")),
        "{found:?}"
    );
    server.stop().await;
}

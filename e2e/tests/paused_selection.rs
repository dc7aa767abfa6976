//! What the user sees is what they act on, while the backend changes fast
//! and the list is paused: the rows seen when scrolling through the whole
//! list, the rows checked by "Select all", the count the page states and
//! the conversations "End selected" sends are one and the same set.
//!
//! Guards the bug where row lists were positions into a board that kept
//! changing underneath a paused list: scrolling showed rows the count did
//! not include, select-all left rows on screen unchecked, and "End
//! selected" offered conversations that were never on screen.

use std::collections::BTreeSet;
use std::time::Duration;

use e2e::{eventually, start_backend, Browser, Role};

const TABLE: &str = "Conversations";

/// Records the body of every bulk-end request the page sends (as a URL
/// and options, or as a `Request`).
const RECORD_BULK_END: &str = r#"
    window.__bulk = [];
    const original = window.fetch.bind(window);
    window.fetch = (input, init) => {
        const url = typeof input === 'string' ? input : input.url;
        if (url.includes('/conversations/bulk-end')) {
            if (init && typeof init.body === 'string') {
                window.__bulk.push(JSON.parse(init.body));
            } else if (typeof input !== 'string') {
                input.clone().text().then((text) => window.__bulk.push(JSON.parse(text)));
            }
        }
        return original(input, init);
    };
"#;

/// The rows rendered now: (conversation id, checked).
const RENDERED: &str = r#"
    const t = document.querySelector('[role=table][aria-label=Conversations]');
    return Array.from(t.querySelectorAll('[role=rowgroup] [role=row]'))
      .filter(r => r.querySelector('[role=cell]'))
      .map(r => [
        r.querySelector('button[id^=options-]').id.slice('options-'.length),
        r.querySelector('input[type=checkbox]').checked,
      ]);
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_list_selects_counts_and_ends_exactly_the_rows_on_screen() {
    // A large operation, so that even calm its queue is longer than the
    // screen (the default one has about a screenful).
    let server = start_backend(demo_backend::Options {
        conversations: 3_000,
        agents: 120,
        rate: 50.0,
        ..demo_backend::Options::default()
    })
    .await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.goto("/?lang=en&status=queued").await;
    browser.wait_for_rows(TABLE).await;
    browser.wait_for(Role::Status, "Live").await;

    browser.click(Role::Button, "Pause updates").await;
    // The backend goes on changing: hundreds of events while paused.
    tokio::time::sleep(Duration::from_secs(8)).await;
    let waiting: String = browser.eval("return document.body.innerText").await;
    assert!(waiting.contains("changes waiting"), "news is held back");

    let count: String = browser
        .eval("return document.querySelector('.toolbar__count').innerText")
        .await;
    let shown: usize = count
        .split_whitespace()
        .next()
        .and_then(|n| n.replace([',', '.'], "").parse().ok())
        .unwrap_or_else(|| panic!("a count in {count:?}"));
    assert!(shown > 20, "a list longer than the screen: {count}");

    browser
        .click(Role::Checkbox, "Select all conversations shown")
        .await;
    let selected_text = format!("{shown} selected");
    eventually("the selection count", || async {
        let text: String = browser.eval("return document.body.innerText").await;
        text.contains(&selected_text).then_some(())
    })
    .await;

    // Scroll through all of it, noting every row and whether it is checked.
    browser
        .eval::<()>(
            "document.querySelector('[role=table][aria-label=Conversations]').scrollTop = 0",
        )
        .await;
    let mut seen = BTreeSet::new();
    let mut unchecked = BTreeSet::new();
    loop {
        tokio::time::sleep(Duration::from_millis(150)).await;
        let rows: Vec<(String, bool)> = browser.eval(RENDERED).await;
        for (id, checked) in rows {
            if !checked {
                unchecked.insert(id.clone());
            }
            seen.insert(id);
        }
        let at_end: bool = browser
            .eval(
                "const t = document.querySelector('[role=table][aria-label=Conversations]');
                 const end = t.scrollTop + t.clientHeight >= t.scrollHeight - 1;
                 t.scrollTop += t.clientHeight / 2;
                 return end;",
            )
            .await;
        if at_end {
            break;
        }
    }
    assert_eq!(seen.len(), shown, "rows seen when scrolling = the count");
    assert!(unchecked.is_empty(), "rows left unchecked: {unchecked:?}");

    browser
        .client
        .execute(RECORD_BULK_END, vec![])
        .await
        .expect("the recorder installs");
    browser.click(Role::Button, "End selected").await;
    browser
        .wait_for(Role::Dialog, "End selected conversations")
        .await;
    let field = browser.wait_for(Role::TextBox, "Justification").await;
    field
        .send_keys("Cierre masivo tras revisar la cola")
        .await
        .expect("type");
    browser.click(Role::Button, "End").await;
    let offered: Vec<String> = eventually("the bulk-end request", || async {
        let sent: Vec<serde_json::Value> = browser.eval("return window.__bulk").await;
        let ids = sent.first()?.get("ids")?.as_array()?.clone();
        Some(
            ids.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        )
    })
    .await;
    let offered: BTreeSet<String> = offered.into_iter().collect();
    assert_eq!(offered, seen, "End selected sends exactly the rows seen");
    server.stop().await;
}

//! The service indicators on Atenciones: the cards say what
//! `/monitor/indicators` says at the same moment, the sparklines follow
//! `/monitor/trends` live, the agent gets the main values only, failures
//! are shown and old figures marked stale, and polling waits while the
//! page is hidden and ends with the page.

use std::collections::BTreeMap;
use std::time::Duration;

use demo_backend::{Faults, Options, Server};
use e2e::{api_get, eventually, start_backend, Browser, Role};
use monitor_core::chart::{percent, seconds};
use monitor_core::kpi::{Figures, IndicatorsSnapshot, TrendsSnapshot};

/// Each card of the service section, by group and card name.
type Cards = BTreeMap<String, BTreeMap<String, String>>;

const READ_CARDS: &str = r#"
    const s = document.querySelector('section.service');
    const groups = {};
    if (s) for (const g of s.querySelectorAll('.service__group')) {
        const cards = {};
        for (const c of g.querySelectorAll('.kpi')) {
            cards[c.getAttribute('aria-label')] = c.querySelector('.kpi__value').innerText;
        }
        groups[g.getAttribute('aria-label')] = cards;
    }
    return groups;
"#;

/// (role, accessible name, path) of every sparkline.
const READ_SPARKLINES: &str = r#"
    return Array.from(document.querySelectorAll('svg.sparkline')).map(s =>
        [s.getAttribute('role') || '', s.getAttribute('aria-label') || '',
         s.querySelector('path')?.getAttribute('d') || '']);
"#;

/// A running operation polled every second, to be paused once it has a
/// history (the figures of a paused operation stand still).
fn busy_options() -> Options {
    Options {
        conversations: 120,
        agents: 20,
        rate: 300.0,
        indicators_interval_ms: 1_000,
        ..Options::default()
    }
}

/// Lets the operation make a history, then pauses it.
async fn with_a_history(server: &Server) {
    eventually("a history of waits and services", || async {
        let (waits, handles) = server.day_records();
        (waits.len() >= 10 && handles.len() >= 10).then_some(())
    })
    .await;
    server.pause_simulation(true);
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// "1,234" as English groups it.
fn english_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The cards a window's figures should read, in English.
fn expected(f: &Figures, averages: bool) -> BTreeMap<String, String> {
    let mut cards = BTreeMap::from([
        ("Service level".to_owned(), percent(f.service_level)),
        ("Abandonment rate".to_owned(), percent(f.abandonment_rate)),
        ("Handled".to_owned(), english_count(f.handled)),
    ]);
    if averages {
        cards.insert(
            "Average speed of answer".to_owned(),
            seconds(f.average_speed_of_answer_secs),
        );
        cards.insert(
            "Average handle time".to_owned(),
            seconds(f.average_handle_secs),
        );
    }
    cards
}

async fn signed_in(server: &Server, token: &str) -> Browser {
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in(token).await;
    browser.wait_for_rows("Conversations").await;
    browser
}

/// Waits until the cards of `token`'s monitor read what the API answers
/// `token` (asked anew each time: the monitor polls on its own beat).
async fn cards_match_the_api(server: &Server, browser: &Browser, token: &str, averages: bool) {
    eventually("the cards read what /monitor/indicators says", || async {
        let api: IndicatorsSnapshot = api_get(server, "/monitor/indicators", token).await;
        let cards: Cards = browser.eval(READ_CARDS).await;
        let today = cards.get("Today")?;
        let recent = cards.get("Last 30 minutes")?;
        (*today == expected(&api.day.overall, averages)
            && *recent == expected(&api.last_30_minutes.overall, averages))
        .then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cards_read_the_indicators_and_the_sparklines_follow_the_trends_live() {
    let server = start_backend(busy_options()).await;
    let browser = signed_in(&server, "demo-admin").await;
    with_a_history(&server).await;
    cards_match_the_api(&server, &browser, "demo-admin", true).await;
    let api: IndicatorsSnapshot = api_get(&server, "/monitor/indicators", "demo-admin").await;
    assert!(api.day.overall.handled >= 10, "a history to compare");

    // Three sparklines, images named with their numbers, each with a line.
    let sparklines: Vec<(String, String, String)> = browser.eval(READ_SPARKLINES).await;
    assert_eq!(sparklines.len(), 3, "{sparklines:?}");
    for (role, label, _) in &sparklines {
        assert_eq!(role, "img");
        assert!(label.contains(", last hour: "), "{label}");
    }
    assert!(sparklines[0].2.starts_with('M'), "the queue has a line");

    // The queue card is the trend's last point; an arrival moves both it
    // and its sparkline's numbers at the next poll, without a reload. (Not
    // necessarily its drawing: a line whose last point is its highest is
    // drawn the same one higher, the scale growing with it.)
    let queued = eventually("the queue card reads the trend's last point", || async {
        let trends: TrendsSnapshot = api_get(&server, "/monitor/trends", "demo-admin").await;
        let last = trends.points.last()?.queued;
        let cards: Cards = browser.eval(READ_CARDS).await;
        (cards.get("Last hour's trend")?.get("Queued")? == &last.to_string()).then_some(last)
    })
    .await;
    server.inject_arrival("Trend Watcher");
    let now = format!("now {}", queued + 1);
    eventually(
        "the arrival reaches the queue card and sparkline",
        || async {
            let cards: Cards = browser.eval(READ_CARDS).await;
            let card = cards.get("Last hour's trend")?.get("Queued")?.clone();
            let after: Vec<(String, String, String)> = browser.eval(READ_SPARKLINES).await;
            let (_, label, path) = after.first()?;
            (card == (queued + 1).to_string() && label.contains(&now) && path.starts_with('M'))
                .then_some(())
        },
    )
    .await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agent_sees_the_main_values_only_and_no_trends() {
    let server = start_backend(busy_options()).await;
    let browser = signed_in(&server, "demo-agent").await;
    with_a_history(&server).await;
    cards_match_the_api(&server, &browser, "demo-agent", false).await;
    let cards: Cards = browser.eval(READ_CARDS).await;
    let groups: Vec<&String> = cards.keys().collect();
    assert_eq!(groups, ["Last 30 minutes", "Today"], "no trends group");
    let sparklines: Vec<(String, String, String)> = browser.eval(READ_SPARKLINES).await;
    assert!(sparklines.is_empty(), "{sparklines:?}");
    // Trends are never asked for, so no 403 is shown either.
    let alerts: usize = browser
        .eval("return document.querySelectorAll('section.service [role=alert]').length")
        .await;
    assert_eq!(alerts, 0);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_backend_is_said_and_old_figures_are_marked_stale() {
    let server = start_backend(busy_options()).await;
    let browser = signed_in(&server, "demo-admin").await;
    with_a_history(&server).await;
    cards_match_the_api(&server, &browser, "demo-admin", true).await;
    let shown: Cards = browser.eval(READ_CARDS).await;

    server.set_faults(Faults {
        fail_share: 1.0,
        ..Faults::default()
    });
    let notices = || async {
        browser
            .eval::<Vec<String>>(
                "return Array.from(document.querySelectorAll('.service__notice')).map(n => n.innerText)",
            )
            .await
    };
    eventually("the failure and then the staleness are said", || async {
        let notices = notices().await;
        let failed = notices
            .iter()
            .any(|n| n.starts_with("The service indicators could not be updated:"));
        let stale = notices
            .iter()
            .any(|n| n.starts_with("Service indicators from "));
        (failed && stale).then_some(())
    })
    .await;
    // The last good figures stay on screen meanwhile.
    let kept: Cards = browser.eval(READ_CARDS).await;
    assert_eq!(kept, shown);

    server.set_faults(Faults::default());
    eventually("the notices go once the figures are fresh", || async {
        notices().await.is_empty().then_some(())
    })
    .await;
    server.stop().await;
}

/// Makes the page look hidden (or visible again) to the monitor, as a tab
/// in the background does.
async fn set_hidden(browser: &Browser, hidden: bool) {
    browser
        .eval::<()>(&format!(
            "Object.defineProperty(document, 'hidden', {{ configurable: true, get: () => {hidden} }});
             document.dispatchEvent(new Event('visibilitychange', {{ bubbles: true }}));"
        ))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polling_waits_while_the_page_is_hidden_and_ends_with_the_page() {
    let server = start_backend(busy_options()).await;
    let browser = signed_in(&server, "demo-admin").await;
    server.pause_simulation(true);
    eventually("the monitor polls", || async {
        (server.traffic().indicators >= 2).then_some(())
    })
    .await;
    let polls = || server.traffic().indicators;

    set_hidden(&browser, true).await;
    // A poll already under way may still land.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let hidden_at = polls();
    tokio::time::sleep(Duration::from_millis(3_500)).await;
    assert_eq!(polls(), hidden_at, "no polls while hidden");

    set_hidden(&browser, false).await;
    // Showing the page wakes the poller: without the wake it would wait
    // for a visibility change forever. (Generous: the machine may be busy.)
    tokio::time::timeout(Duration::from_millis(3_000), async {
        while polls() == hidden_at {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("a poll as soon as the page shows again");

    browser.click(Role::Tab, "Agents").await;
    browser.wait_for_rows("Agents").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let left_at = polls();
    tokio::time::sleep(Duration::from_millis(3_500)).await;
    assert_eq!(polls(), left_at, "no polls once the page is gone");
    server.stop().await;
}

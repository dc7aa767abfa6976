//! Alerts: switched on by the user, they list and notify (with a tone) a
//! conversation passing its critical limit once, and the queue reaching a
//! size; muted while the page has focus if the user chooses.
//!
//! The browser's Notification and the audio oscillator are replaced by recorders
//! in the page, since a headless browser shows no notification and plays
//! no sound; the monitor calls them as it would the real ones.

use e2e::{api_get, eventually, quiet_options, start_backend, Browser, Role};
use monitor_core::thresholds::WaitThresholds;
use monitor_core::wire::ConversationsSnapshot;
use monitor_core::ConversationStatus;

const RECORDERS: &str = r#"
window.__notes = [];
window.Notification = class {
  constructor(title, options) { window.__notes.push({ title, body: options.body, tag: options.tag }); }
  static get permission() { return 'granted'; }
  static requestPermission() { return Promise.resolve('granted'); }
};
window.__tones = 0;
// On the prototype: the page keeps its own reference to the constructor.
const oscillator = BaseAudioContext.prototype.createOscillator;
BaseAudioContext.prototype.createOscillator = function () {
  window.__tones += 1;
  return oscillator.call(this);
};
"#;

async fn notes(browser: &Browser) -> Vec<(String, String)> {
    browser
        .eval("return window.__notes.map(n => [n.body, n.tag])")
        .await
}

async fn log(browser: &Browser) -> Vec<String> {
    browser
        .eval("return Array.from(document.querySelectorAll('.alerts-log__item')).map(i => i.innerText)")
        .await
}

/// Ids of the queued conversations that have waited at least `secs` by
/// the backend's clock.
async fn already_late(server: &demo_backend::Server, secs: i64) -> Vec<String> {
    let snapshot: ConversationsSnapshot =
        api_get(server, "/monitor/conversations", "demo-admin").await;
    let now = server.now();
    snapshot
        .conversations
        .into_iter()
        .filter(|c| c.status == ConversationStatus::Queued)
        .filter(|c| (now - c.status_since).num_seconds() >= secs)
        .map(|c| c.id)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crossing_alerts_once_and_the_queue_alerts_at_its_size() {
    let thresholds: WaitThresholds =
        serde_json::from_str(r#"{"queue": {"warning_secs": 1, "critical_secs": 3}}"#).unwrap();
    let server = start_backend(demo_backend::Options {
        wait_thresholds: thresholds,
        ..quiet_options()
    })
    .await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows("Conversations").await;
    browser.eval::<()>(RECORDERS).await;
    let queued: usize = browser
        .eval("return Number(document.querySelector('[aria-label=\"Conversation indicators\"] [role=group][aria-label=Queued] .kpi__value').innerText)")
        .await;

    browser.click(Role::Button, "Alerts").await;
    browser.wait_for(Role::Dialog, "Alerts").await;
    // Queued conversations already past their critical limit (3 s, with a
    // second to spare for the two clocks) before alerts go on. Others may
    // still cross it while the test waits: those are real crossings.
    let late = already_late(&server, 3 + 1).await;
    assert!(
        !late.is_empty(),
        "the test needs conversations that are already late"
    );
    browser
        .click(
            Role::Checkbox,
            "Alert when a conversation passes its critical limit",
        )
        .await;
    browser
        .click(Role::Checkbox, "Mute while this page has focus")
        .await;
    browser
        .click(Role::Checkbox, "Alert when the queue reaches")
        .await;
    let size = browser.wait_for(Role::SpinButton, "Queue size").await;
    size.clear().await.unwrap();
    size.send_keys(&format!("{}\t", queued + 2)).await.unwrap();

    // Everything already over its limit was known when alerts went on.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let burst: Vec<_> = notes(&browser)
        .await
        .into_iter()
        .filter(|(_, tag)| {
            late.iter()
                .any(|id| tag == &format!("ops-monitor-critical-{id}"))
        })
        .collect();
    assert!(
        burst.is_empty(),
        "no burst for what was already late: {burst:?}"
    );

    let id = server.inject_arrival("Alerta Primera");
    let expected_tag = format!("ops-monitor-critical-{id}");
    eventually("one notification for the crossing", || async {
        notes(&browser)
            .await
            .iter()
            .any(|(body, tag)| tag == &expected_tag && body.contains("Alerta Primera"))
            .then_some(())
    })
    .await;
    let tones: usize = browser.eval("return window.__tones").await;
    assert!(tones > 0, "a tone was played");
    // It stays over its limit, and is not announced again.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let for_it = notes(&browser)
        .await
        .iter()
        .filter(|(_, tag)| tag == &expected_tag)
        .count();
    assert_eq!(for_it, 1);
    let listed = log(&browser).await;
    assert!(
        listed
            .iter()
            .any(|l| l.contains("Alerta Primera (") && l.contains(") passed the critical limit")),
        "{listed:?}"
    );

    // The second arrival makes the queue reach its size.
    server.inject_arrival("Alerta Segunda");
    eventually("the queue alert", || async {
        notes(&browser)
            .await
            .iter()
            .any(|(body, tag)| {
                tag == "ops-monitor-queue"
                    && body.contains(&format!("{} conversations queued", queued + 2))
            })
            .then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn muted_while_focused_alerts_are_listed_without_notifying() {
    let thresholds: WaitThresholds =
        serde_json::from_str(r#"{"queue": {"warning_secs": 1, "critical_secs": 2}}"#).unwrap();
    let server = start_backend(demo_backend::Options {
        wait_thresholds: thresholds,
        ..quiet_options()
    })
    .await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows("Conversations").await;
    browser.eval::<()>(RECORDERS).await;
    // The page has focus (it is the one the user is looking at).
    browser.eval::<()>("document.hasFocus = () => true").await;
    browser.click(Role::Button, "Alerts").await;
    browser
        .click(
            Role::Checkbox,
            "Alert when a conversation passes its critical limit",
        )
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    server.inject_arrival("Alerta Silenciosa");
    eventually("the alert is listed", || async {
        log(&browser)
            .await
            .iter()
            .any(|l| l.contains("Alerta Silenciosa"))
            .then_some(())
    })
    .await;
    assert!(notes(&browser).await.is_empty());
    let tones: usize = browser.eval("return window.__tones").await;
    assert_eq!(tones, 0);
    // The choice is kept for the next visit.
    browser.reload().await;
    browser.wait_for_rows("Conversations").await;
    browser.click(Role::Button, "Alerts").await;
    let checked: bool = browser
        .eval("return Array.from(document.querySelectorAll('dialog input[type=checkbox]'))[0].checked")
        .await;
    assert!(checked);
}

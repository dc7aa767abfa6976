//! "Today" around midnight, whatever the hour the suite runs at and in more
//! than one time zone: the demo backend's clock starts just before or just
//! after local midnight, and the browser runs in UTC or in São Paulo
//! (UTC−3 all year).
//!
//! Guards the bug where, in the first hours after midnight, the agent
//! drill-down dropped the presence the agent had been in since the day
//! before (its timeline kept only changes from today), so the drill-down
//! test failed for part of every day.

use chrono::{DateTime, TimeDelta};
use demo_backend::{Options, Server};
use e2e::{api_get, api_post, eventually, quiet_options, start_backend, Browser, Role};
use monitor_core::wire::{AgentsSnapshot, ConversationsSnapshot, EndRequest, Timestamp};
use monitor_core::{AgentStatus, ConversationStatus};

const UTC: (&str, &str) = ("UTC", "Z");
const SAO_PAULO: (&str, &str) = ("America/Sao_Paulo", "-03:00");

/// The local midnight the scenarios turn around: 2 March 2026 in `zone`.
fn midnight(zone: (&str, &str)) -> Timestamp {
    instant(zone, "2026-03-02T00:00:00")
}

fn instant(zone: (&str, &str), local: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("{local}{}", zone.1))
        .expect("an RFC 3339 instant")
        .to_utc()
}

/// A quiet backend whose clock starts at `local` in `zone`, and a browser
/// in that zone signed in as the admin.
async fn start(zone: (&str, &str), local: &str) -> (Server, Browser) {
    let server = start_backend(Options {
        start_at: Some(instant(zone, local)),
        ..quiet_options()
    })
    .await;
    let browser = Browser::open_in_time_zone(&server.base_url(), zone.0).await;
    let browser_zone: String = browser
        .eval("return Intl.DateTimeFormat().resolvedOptions().timeZone")
        .await;
    assert_eq!(browser_zone, zone.0, "the browser runs in the chosen zone");
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows("Conversations").await;
    (server, browser)
}

/// One entry of the drill-down's presence timeline, as shown.
#[derive(Debug, serde::Deserialize)]
struct Entry {
    text: String,
    carried: bool,
    /// The `datetime` of its time, RFC 3339.
    at: String,
}

impl Entry {
    /// Whether the time is shown with its date (as for another day).
    fn has_date(&self) -> bool {
        self.text.contains('/')
    }

    fn at(&self) -> Timestamp {
        DateTime::parse_from_rfc3339(&self.at)
            .expect("the timeline's datetime")
            .to_utc()
    }
}

async fn timeline(browser: &Browser) -> Vec<Entry> {
    browser
        .eval(
            "return Array.from(document.querySelectorAll('.timeline__item')).map(e => ({
                text: e.innerText,
                carried: e.classList.contains('timeline__item--carried'),
                at: e.querySelector('time').getAttribute('datetime'),
            }))",
        )
        .await
}

/// The online agent with the most work, with the drill-down open on them.
async fn open_drill_down(server: &Server, browser: &Browser) -> String {
    let agents: AgentsSnapshot = api_get(server, "/monitor/agents", "demo-admin").await;
    let agent = agents
        .agents
        .iter()
        .filter(|a| a.status == AgentStatus::Online)
        .max_by_key(|a| a.active_conversations)
        .expect("an online agent");
    browser
        .goto(&format!(
            "/agents?lang=en&q={}",
            agent.name.replace(' ', "+")
        ))
        .await;
    browser.wait_for_rows("Agents").await;
    browser
        .click(Role::Button, &format!("Details of {}", agent.name))
        .await;
    browser
        .wait_for(Role::Dialog, &format!("Agent {}", agent.name))
        .await;
    agent.id.clone()
}

/// Sets the agent connected from the drill-down and returns the timeline
/// once it shows the change, newest first.
async fn set_connected(server: &Server, browser: &Browser, agent_id: &str) -> Vec<Entry> {
    browser
        .click(Role::Button, "Set connected (no new conversations)")
        .await;
    eventually("the backend has them connected", || async {
        (server.agent(agent_id)?.status == AgentStatus::Connected).then_some(())
    })
    .await;
    eventually("the timeline shows the change", || async {
        let entries = timeline(browser).await;
        entries
            .first()
            .is_some_and(|e| e.text.contains("Connected") && e.text.contains("set by"))
            .then_some(entries)
    })
    .await
}

/// Every time in the Conversations table shows its date exactly when it
/// is from before `midnight` (the start of the server's local today).
async fn assert_dates_only_for_other_days(browser: &Browser, midnight: Timestamp) {
    let times: Vec<(String, String)> = browser
        .eval(
            "const t = document.querySelector('[role=table][aria-label=Conversations]');
             return Array.from(t.querySelectorAll('[role=row] time')).map(e => [e.getAttribute('datetime'), e.innerText]);",
        )
        .await;
    assert!(!times.is_empty());
    for (at, text) in times {
        let at = DateTime::parse_from_rfc3339(&at).unwrap().to_utc();
        assert_eq!(text.contains('/'), at < midnight, "{at}: {text:?}");
    }
}

async fn before_midnight_the_day_is_todays_changes(zone: (&str, &str)) {
    let (server, browser) = start(zone, "2026-03-01T23:58:00").await;
    assert_dates_only_for_other_days(&browser, midnight(zone) - TimeDelta::days(1)).await;
    let agent = open_drill_down(&server, &browser).await;
    let entries = set_connected(&server, &browser, &agent).await;
    assert!(server.now() < midnight(zone), "still before midnight");
    // The presence they were in began earlier the same day: no carry-over.
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(entries[1].text.contains("Online"), "{entries:?}");
    for entry in &entries {
        assert!(!entry.carried && !entry.has_date(), "{entry:?}");
    }
}

async fn after_midnight_the_day_begins_in_yesterdays_presence(zone: (&str, &str)) {
    let (server, browser) = start(zone, "2026-03-02T00:00:30").await;
    assert_dates_only_for_other_days(&browser, midnight(zone)).await;
    let agent = open_drill_down(&server, &browser).await;
    let entries = set_connected(&server, &browser, &agent).await;
    assert_eq!(entries.len(), 2, "{entries:?}");
    let (today, carried) = (&entries[0], &entries[1]);
    assert!(!today.carried && !today.has_date(), "{today:?}");
    assert!(today.at() >= midnight(zone));
    assert!(carried.carried, "{carried:?}");
    assert!(carried.text.starts_with("Since"), "{carried:?}");
    assert!(carried.text.contains("Online"), "{carried:?}");
    assert!(
        carried.has_date(),
        "yesterday's time shows its date: {carried:?}"
    );
    assert!(carried.at() < midnight(zone));

    // The Finished tab opens on today, the server's today in this zone.
    let conversations: ConversationsSnapshot =
        api_get(&server, "/monitor/conversations", "demo-admin").await;
    let ended = conversations
        .conversations
        .iter()
        .find(|c| c.status == ConversationStatus::Pending)
        .expect("a pending conversation");
    api_post(
        &server,
        &format!("/conversations/{}/end", ended.id),
        "demo-admin",
        &EndRequest {
            justification: "Cerrada tras la medianoche".into(),
        },
    )
    .await;
    browser.goto("/?scope=finished&lang=en").await;
    eventually("the conversation ended today is listed", || async {
        browser
            .table_rows("Finished conversations")
            .await
            .iter()
            .any(|row| row.iter().any(|cell| cell.contains(&ended.customer.name)))
            .then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn just_before_midnight_in_utc_the_timeline_holds_todays_changes() {
    before_midnight_the_day_is_todays_changes(UTC).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn just_before_midnight_in_sao_paulo_the_timeline_holds_todays_changes() {
    before_midnight_the_day_is_todays_changes(SAO_PAULO).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn just_after_midnight_in_utc_the_timeline_begins_with_yesterdays_presence() {
    after_midnight_the_day_begins_in_yesterdays_presence(UTC).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn just_after_midnight_in_sao_paulo_the_timeline_begins_with_yesterdays_presence() {
    after_midnight_the_day_begins_in_yesterdays_presence(SAO_PAULO).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_drill_down_turns_the_day_over_at_midnight() {
    let zone = SAO_PAULO;
    let (server, browser) = start(zone, "2026-03-01T23:59:35").await;
    open_drill_down(&server, &browser).await;
    let before = timeline(&browser).await;
    assert!(
        server.now() < midnight(zone),
        "the test reached the dialog in time"
    );
    assert_eq!(before.len(), 1, "{before:?}");
    assert!(!before[0].carried && !before[0].has_date(), "{before:?}");
    // Past midnight, the same presence is yesterday's, carried into today.
    while server.now() < midnight(zone) {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    eventually("the timeline turns over to the new day", || async {
        let after = timeline(&browser).await;
        (after.len() == 1 && after[0].carried && after[0].has_date()).then_some(())
    })
    .await;
}

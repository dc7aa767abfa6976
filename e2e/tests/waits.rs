//! Wait thresholds and "awaiting reply" in the browser: rows and timers
//! carry the level (a shape and a text, not only colour), the indicators
//! count what is over its limit overall, per department and per channel,
//! and the awaiting-reply filter shows exactly the conversations whose
//! newest message is the customer's.

use e2e::{api_get, eventually, quiet_options, start_backend, Browser, Role};
use monitor_core::awaiting::is_awaiting_reply;
use monitor_core::indicators::waits::WaitStats;
use monitor_core::thresholds::{WaitLevel, WaitThresholds};
use monitor_core::wire::ConversationsSnapshot;
use monitor_core::{Author, ConversationStatus};

const TABLE: &str = "Conversations";

async fn active(server: &demo_backend::Server) -> ConversationsSnapshot {
    api_get(server, "/monitor/conversations", "demo-admin").await
}

/// Rows in the DOM with their customer name and `data-level`.
async fn row_levels(browser: &Browser) -> Vec<(String, String, String)> {
    browser
        .eval(
            "return Array.from(document.querySelectorAll('[role=table][aria-label=Conversations] [role=rowgroup] [role=row][data-level]'))
               .map(r => [r.querySelector('.customer__name').innerText, r.dataset.level, r.innerText])",
        )
        .await
}

/// The value of the indicator card named `label`.
async fn indicator(browser: &Browser, label: &str) -> String {
    let script = format!(
        "return document.querySelector('[aria-label=\"Conversation indicators\"] [role=group][aria-label=\"{label}\"] .kpi__value').innerText"
    );
    browser.eval(&script).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn levels_follow_per_department_limits_and_the_indicators_count_them() {
    // Seeded queues have waited minutes: with a 1 s / 2 s default every
    // queued one is critical, except in the department whose own queue
    // limit is a day. The same seed gives the same data on every start.
    let seeded: ConversationsSnapshot = {
        let probe = start_backend(quiet_options()).await;
        active(&probe).await
    };
    let queued_in = |department: &str| {
        seeded
            .conversations
            .iter()
            .filter(|c| c.status == ConversationStatus::Queued && c.department.id == department)
            .count()
    };
    let mut departments: Vec<String> = seeded
        .conversations
        .iter()
        .map(|c| c.department.id.clone())
        .collect();
    departments.sort_by_key(|d| std::cmp::Reverse(queued_in(d)));
    departments.dedup();
    let (patient, hurried) = (departments[0].clone(), departments[1].clone());
    assert!(queued_in(&patient) > 0 && queued_in(&hurried) > 0);
    let thresholds: WaitThresholds = serde_json::from_str(&format!(
        r#"{{"queue": {{"warning_secs": 1, "critical_secs": 2}},
            "departments": {{"{patient}": {{"queue": {{"warning_secs": 86400, "critical_secs": 90000}}}}}}}}"#
    ))
    .unwrap();
    let server = start_backend(demo_backend::Options {
        wait_thresholds: thresholds.clone(),
        ..quiet_options()
    })
    .await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    let snapshot = active(&server).await;

    for (department, expected) in [
        (&patient, WaitLevel::Normal),
        (&hurried, WaitLevel::Critical),
    ] {
        browser
            .goto(&format!("/?lang=en&status=queued&dept={department}"))
            .await;
        browser.wait_for_rows(TABLE).await;
        let rows = eventually("queued rows with their levels", || async {
            let rows = row_levels(&browser).await;
            (!rows.is_empty() && rows.len() >= queued_in(department).min(10)).then_some(rows)
        })
        .await;
        for (customer, level, text) in &rows {
            assert_eq!(level, expected.as_str(), "{customer} in {department}");
            match expected {
                WaitLevel::Critical => assert!(text.contains("Over the critical limit"), "{text}"),
                _ => assert!(!text.contains("limit"), "{text}"),
            }
        }
        // The shape is not the only sign: it is not shown in colour alone.
        if expected == WaitLevel::Critical {
            let marks: usize = browser
                .eval("return document.querySelectorAll('[role=row][data-level=critical] .limit-mark--critical [aria-hidden=true]').length")
                .await;
            assert_eq!(marks, rows.len());
        }
    }

    // The cards and the breakdown agree with core over the same rows.
    browser.goto("/?lang=en").await;
    browser.wait_for_rows(TABLE).await;
    let all: Vec<usize> = (0..snapshot.conversations.len()).collect();
    let stats = WaitStats::from_rows(&snapshot.conversations, &all, &thresholds);
    let expected = stats.total_at(server.now());
    eventually("the Over limit card", || async {
        (indicator(&browser, "Over limit").await == expected.critical.to_string()).then_some(())
    })
    .await;
    browser
        .eval::<()>("document.querySelector('details.breakdown summary').click()")
        .await;
    let by_department: Vec<(String, String)> = eventually("the department table", || async {
        let rows: Vec<(String, String)> = browser
            .eval(
                "const t = document.querySelectorAll('.breakdown__table')[0];
                 if (!t) return [];
                 return Array.from(t.querySelectorAll('tbody tr')).map(r => [r.querySelector('th').innerText, r.querySelectorAll('td')[4].innerText]);",
            )
            .await;
        (!rows.is_empty()).then_some(rows)
    })
    .await;
    let numbers = stats.departments_at(server.now());
    assert_eq!(by_department.len(), numbers.len());
    for ((name, over), (department, n)) in by_department.iter().zip(&numbers) {
        assert_eq!(name, &department.name);
        assert_eq!(over, &n.critical.to_string(), "{name}");
    }
    let channel_total: usize = browser
        .eval(
            "const t = document.querySelectorAll('.breakdown__table')[1];
             return Array.from(t.querySelectorAll('tbody tr')).reduce((s, r) => s + Number(r.querySelectorAll('td')[4].innerText), 0);",
        )
        .await;
    assert_eq!(channel_total, expected.critical);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_conversation_turns_warning_then_critical_as_it_waits() {
    let thresholds: WaitThresholds =
        serde_json::from_str(r#"{"queue": {"warning_secs": 2, "critical_secs": 4}}"#).unwrap();
    let server = start_backend(demo_backend::Options {
        wait_thresholds: thresholds,
        ..quiet_options()
    })
    .await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows(TABLE).await;
    server.inject_arrival("Zuleica Recién Llegada");
    browser.goto("/?lang=en&q=Zuleica").await;
    let level = |wanted: &'static str| {
        let browser = &browser;
        async move {
            eventually(&format!("the new row at level {wanted}"), || async {
                let rows = row_levels(browser).await;
                rows.iter().any(|(_, l, _)| l == wanted).then_some(())
            })
            .await
        }
    };
    // Seen normal first, then each level in turn, by the clock alone.
    level("normal").await;
    level("warning").await;
    level("critical").await;
    let classes: String = browser
        .eval("return document.querySelector('[role=row][data-level=critical]').className")
        .await;
    assert!(classes.contains("table__row--critical"), "{classes}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_awaiting_reply_filter_shows_who_wrote_last_and_follows_new_messages() {
    let server = start_backend(quiet_options()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.sign_in("demo-admin").await;
    browser.wait_for_rows(TABLE).await;

    let snapshot = active(&server).await;
    let awaiting = snapshot
        .conversations
        .iter()
        .filter(|c| is_awaiting_reply(c))
        .count();
    assert!(awaiting > 0, "the demo has customers waiting for an answer");
    browser.click(Role::Checkbox, "Only awaiting reply").await;
    eventually("the URL keeps the filter", || async {
        browser
            .current_url()
            .await
            .contains("awaiting=1")
            .then_some(())
    })
    .await;
    let count = format!("{awaiting} of {}", snapshot.conversations.len());
    eventually(&format!("the count says {count}"), || async {
        let text: String = browser
            .eval("return document.querySelector('.toolbar__count').innerText")
            .await;
        text.starts_with(&count).then_some(())
    })
    .await;
    let marked: Vec<String> = browser
        .eval("return Array.from(document.querySelectorAll('[role=table] [role=row][data-awaiting]')).map(r => r.dataset.awaiting)")
        .await;
    assert!(marked.iter().all(|m| m == "true"), "{marked:?}");

    // An agent's answer removes one from the list; the customer writing
    // again puts it back.
    let answered = snapshot
        .conversations
        .iter()
        .find(|c| is_awaiting_reply(c) && c.agent.is_some())
        .unwrap();
    assert!(server.inject_message(&answered.id, Author::Agent, "Ya lo reviso"));
    let fewer = format!("{} of", awaiting - 1);
    eventually("one fewer awaiting", || async {
        let text: String = browser
            .eval("return document.querySelector('.toolbar__count').innerText")
            .await;
        text.starts_with(&fewer).then_some(())
    })
    .await;
    assert!(server.inject_message(&answered.id, Author::Customer, "¿Y entonces?"));
    eventually("back to the first count", || async {
        let text: String = browser
            .eval("return document.querySelector('.toolbar__count').innerText")
            .await;
        text.starts_with(&count).then_some(())
    })
    .await;
}

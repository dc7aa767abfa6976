//! The live feed converges on the backend's truth after every fault: a
//! busy simulation (1,000 conversations, 50 events a second) runs through
//! each injected fault alone and then all at once, for a supervisor and for
//! an agent; within 5 s of a fault stopping (16 s after all of them, see
//! `CONVERGE_AFTER_ALL_WITHIN`; the simulation paused, so
//! that there is one truth to compare with) every visible row, the row
//! count and the count indicators match the backend's snapshot.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use demo_backend::Faults;
use e2e::{api_get, start_backend, Browser};
use monitor_core::wire::{Conversation, ConversationsSnapshot};
use monitor_core::ConversationStatus;

const TABLE: &str = "Conversations";
/// How long each fault is in force.
const FAULT_TIME: Duration = Duration::from_secs(6);
/// How soon after a fault stops the monitor must match the backend.
const CONVERGE_WITHIN: Duration = Duration::from_secs(5);
/// The same after all of them at once, which keep the stream failing for
/// the whole 6 s: its reconnect backoff (`core::feed::pacing`: waits from
/// 0.25–0.5 s, doubling) reaches at most its 4–8 s step in that time, so
/// up to 8 s of waiting may be left when the faults stop, and the request
/// after it may hang to its 3 s deadline. Then the same 5 s.
const CONVERGE_AFTER_ALL_WITHIN: Duration = Duration::from_secs(8 + 3 + 5);

fn busy() -> demo_backend::Options {
    demo_backend::Options {
        conversations: 1_000,
        agents: 60,
        rate: 50.0,
        heartbeat_secs: 1,
        request_timeout_ms: 3_000,
        ..demo_backend::Options::default()
    }
}

/// Each fault alone, then all of them at once.
fn scenarios() -> Vec<(&'static str, Faults)> {
    let none = Faults::default();
    let alone = vec![
        (
            "refused requests",
            Faults {
                fail_share: 0.3,
                ..none
            },
        ),
        (
            "slow answers",
            Faults {
                latency_ms: 400,
                ..none
            },
        ),
        (
            "hung requests",
            Faults {
                hang_share: 0.1,
                ..none
            },
        ),
        (
            "cut streams",
            Faults {
                drop_stream_secs: 2,
                ..none
            },
        ),
        (
            "refused resumes",
            Faults {
                drop_stream_secs: 2,
                refuse_resume: true,
                ..none
            },
        ),
        (
            "duplicated events",
            Faults {
                duplicate_share: 0.3,
                ..none
            },
        ),
        (
            "reordered events",
            Faults {
                reorder_share: 0.3,
                ..none
            },
        ),
        (
            "malformed events",
            Faults {
                malformed_share: 0.05,
                ..none
            },
        ),
    ];
    let all = Faults {
        fail_share: 0.2,
        latency_ms: 200,
        hang_share: 0.05,
        drop_stream_secs: 2,
        refuse_resume: true,
        duplicate_share: 0.2,
        reorder_share: 0.2,
        malformed_share: 0.03,
        ..none
    };
    let mut scenarios = alone;
    scenarios.push(("all at once", all));
    scenarios
}

fn status_label(status: &ConversationStatus) -> String {
    match status {
        ConversationStatus::Queued => "Queued".into(),
        ConversationStatus::InProgress => "In progress".into(),
        ConversationStatus::Pending => "Pending".into(),
        ConversationStatus::Inactive => "Inactive".into(),
        other => other.as_str().to_owned(),
    }
}

/// Where the cells are: a supervisor's table starts with the selection column.
struct Columns {
    ticket: usize,
    status: usize,
    agent: usize,
}

/// The first difference between what the monitor shows and `truth`, if any.
async fn difference(
    browser: &Browser,
    truth: &[Conversation],
    columns: &Columns,
) -> Option<String> {
    // Every demo conversation has a ticket number.
    let by_ticket: BTreeMap<&str, &Conversation> = truth
        .iter()
        .filter_map(|c| Some((c.ticket.as_deref()?, c)))
        .collect();
    let rows = browser.table_rows(TABLE).await;
    if rows.is_empty() {
        return Some("no rows on screen".into());
    }
    for row in &rows {
        let Some(conversation) = by_ticket.get(row[columns.ticket].as_str()) else {
            return Some(format!("a row the backend does not have: {row:?}"));
        };
        let agent = conversation
            .agent
            .as_ref()
            .map_or("Unassigned", |a| a.name.as_str());
        if row[columns.status] != status_label(&conversation.status) || row[columns.agent] != agent
        {
            return Some(format!("row {row:?} differs from {conversation:?}"));
        }
    }
    let count: String = browser
        .eval("return document.querySelector('.toolbar__count').innerText")
        .await;
    let numbers: Vec<usize> = count
        .split(|c: char| !c.is_ascii_digit() && c != ',')
        .filter_map(|n| n.replace(',', "").parse().ok())
        .collect();
    if numbers != [truth.len(), truth.len()] {
        return Some(format!("count {count:?}, the backend has {}", truth.len()));
    }
    for (label, status) in [
        ("Queued", ConversationStatus::Queued),
        ("In progress", ConversationStatus::InProgress),
        ("Pending", ConversationStatus::Pending),
        ("Inactive", ConversationStatus::Inactive),
    ] {
        let expected = truth.iter().filter(|c| c.status == status).count();
        let script = format!(
            "return document.querySelector('[aria-label=\"Conversation indicators\"] [role=group][aria-label=\"{label}\"] .kpi__value')?.innerText ?? ''"
        );
        let shown: String = browser.eval(&script).await;
        if shown.replace(',', "") != expected.to_string() {
            return Some(format!(
                "indicator {label}: {shown}, the backend has {expected}"
            ));
        }
    }
    None
}

async fn converges_after_every_fault(token: &str, columns: Columns) {
    let server = start_backend(busy()).await;
    let browser = Browser::open(&server.base_url()).await;
    browser.goto_capturing_errors("/?lang=en").await;
    browser.submit_token(token).await;
    browser.wait_for_rows(TABLE).await;

    for (round, (name, faults)) in scenarios().into_iter().enumerate() {
        server.pause_simulation(false);
        server.set_faults(faults);
        tokio::time::sleep(FAULT_TIME).await;
        let visible: usize = browser
            .eval("return document.body.innerText.trim().length")
            .await;
        assert!(visible > 0, "{name}: the page went blank");

        server.set_faults(Faults::default());
        server.pause_simulation(true);
        let stopped = Instant::now();
        let within = if name == "all at once" {
            CONVERGE_AFTER_ALL_WITHIN
        } else {
            CONVERGE_WITHIN
        };
        // A reordered event is held until the next one: a later change
        // releases it, as it would in production.
        server.inject_arrival(&format!("Convergence probe {round}"));
        let truth: ConversationsSnapshot = api_get(&server, "/monitor/conversations", token).await;
        loop {
            let Some(difference) = difference(&browser, &truth.conversations, &columns).await
            else {
                break;
            };
            assert!(
                stopped.elapsed() < within,
                "{name}, {token}: {within:?} after the faults stopped the monitor still differs: {difference}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    let errors: Vec<String> = browser.eval("return window.__errors").await;
    assert!(errors.is_empty(), "errors reached the console: {errors:?}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisors_monitor_converges_after_every_fault() {
    converges_after_every_fault(
        "demo-admin",
        Columns {
            ticket: 1,
            status: 3,
            agent: 5,
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agents_monitor_converges_after_every_fault() {
    converges_after_every_fault(
        "demo-agent",
        Columns {
            ticket: 0,
            status: 2,
            agent: 4,
        },
    )
    .await;
}

//! The SSE change stream: resume, resync, scope, heartbeats and shutdown.

mod common;

use common::{frozen, frozen_with, get_json, post, sequence, SseReader, ADMIN, AGENT};
use demo_backend::Options;
use monitor_core::event::{decode_event, Change, StreamEvent};
use monitor_core::wire::{ConversationsSnapshot, Me};

fn decoded(event: &common::SseEvent) -> StreamEvent {
    decode_event(
        &event.event,
        event.id.as_deref().unwrap_or_default(),
        &event.data,
    )
    .expect("decodable event")
}

/// Asserts `event` is the upsert of conversation `id` with this sequence and `after`.
fn assert_upsert(event: &common::SseEvent, id: &str, sequence: u64, after: u64) {
    match decoded(event) {
        StreamEvent::Change {
            sequence: s,
            after: a,
            change: Change::ConversationUpsert(c),
        } => {
            assert_eq!((c.id.as_str(), s, a), (id, sequence, after), "{event:?}");
        }
        other => panic!("expected an upsert of {id}, got {other:?}"),
    }
}

#[tokio::test]
async fn stream_resumed_at_the_snapshot_sequence_delivers_an_injected_arrival_right_after_it() {
    let server = frozen().await;
    let base = sequence(&server).await;
    server.inject_arrival("Before Snapshot");
    let snapshot: ConversationsSnapshot =
        get_json(&server, "/api/v1/monitor/conversations", ADMIN).await;
    assert_eq!(snapshot.sequence, base + 1);
    let mut stream = SseReader::connect(&server, ADMIN, Some(&snapshot.sequence.to_string())).await;
    let id = server.inject_arrival("Zoë Núñez");
    let event = stream.next_change().await;
    assert_eq!(event.event, "conversation.upsert");
    assert_eq!(event.id, Some((base + 2).to_string()));
    assert_upsert(&event, &id, base + 2, snapshot.sequence);
    assert_eq!(
        event.json()["conversation"]["customer"]["name"],
        "Zoë Núñez"
    );
    assert_eq!(event.json()["conversation"]["status"], "queued");
}

#[tokio::test]
async fn stream_without_last_event_id_continues_from_the_current_sequence() {
    let server = frozen().await;
    let base = sequence(&server).await;
    server.inject_arrival("One");
    server.inject_arrival("Two");
    let mut stream = SseReader::connect(&server, ADMIN, None).await;
    let id = server.inject_arrival("Three");
    assert_upsert(&stream.next_change().await, &id, base + 3, base + 2);
}

#[tokio::test]
async fn resuming_inside_the_buffer_replays_what_was_missed_in_order() {
    let server = frozen().await;
    let base = sequence(&server).await;
    let ids: Vec<String> = ["A", "B", "C"]
        .iter()
        .map(|n| server.inject_arrival(n))
        .collect();
    let mut stream = SseReader::connect(&server, ADMIN, Some(&(base + 1).to_string())).await;
    assert_upsert(&stream.next_change().await, &ids[1], base + 2, base + 1);
    assert_upsert(&stream.next_change().await, &ids[2], base + 3, base + 2);
    let live = server.inject_arrival("D");
    assert_upsert(&stream.next_change().await, &live, base + 4, base + 3);
}

#[tokio::test]
async fn resuming_from_an_event_id_older_than_the_buffer_yields_resync_then_live_changes() {
    let server = frozen().await;
    let base = sequence(&server).await;
    // The ring keeps the last 10,000 changes: push the first ones out.
    for i in 0..10_050 {
        server.inject_arrival(&format!("Customer {i}"));
    }
    let mut stream = SseReader::connect(&server, ADMIN, Some(&(base + 3).to_string())).await;
    let resync = stream.next_change().await;
    assert_eq!(
        (resync.event.as_str(), resync.id.as_deref()),
        ("resync", None)
    );
    let id = server.inject_arrival("After Resync");
    assert_upsert(
        &stream.next_change().await,
        &id,
        base + 10_051,
        base + 10_050,
    );
}

#[tokio::test]
async fn resuming_from_a_future_or_garbled_event_id_yields_resync() {
    let server = frozen().await;
    server.inject_arrival("Only");
    let future = (sequence(&server).await + 99).to_string();
    for last_event_id in [future.as_str(), "not-a-number"] {
        let mut stream = SseReader::connect(&server, ADMIN, Some(last_event_id)).await;
        let event = stream.next_change().await;
        assert_eq!(event.event, "resync", "Last-Event-ID {last_event_id}");
        assert_eq!(event.json(), serde_json::json!({}));
    }
}

#[tokio::test]
async fn an_event_id_from_before_a_restart_yields_resync_not_replays() {
    let earlier = frozen().await;
    for name in ["A", "B", "C"] {
        earlier.inject_arrival(name);
    }
    let last_seen = sequence(&earlier).await;
    earlier.stop().await;

    let restarted = frozen().await;
    let base = sequence(&restarted).await;
    assert!(
        base > last_seen,
        "a new run starts above the old one: {base} vs {last_seen}"
    );
    // Enough changes that the old id would fall inside a journal starting at 0.
    for name in ["D", "E", "F", "G"] {
        restarted.inject_arrival(name);
    }
    let mut stream = SseReader::connect(&restarted, ADMIN, Some(&last_seen.to_string())).await;
    assert_eq!(stream.next_change().await.event, "resync");
    let id = restarted.inject_arrival("Live");
    assert_upsert(&stream.next_change().await, &id, base + 5, base + 4);
}

#[tokio::test]
async fn agent_stream_gets_arrivals_queued_in_its_departments() {
    // inject_arrival queues in the first department (Sales), one of the demo agent's.
    let server = frozen().await;
    let base = sequence(&server).await;
    let mut stream = SseReader::connect(&server, AGENT, None).await;
    let id = server.inject_arrival("Para Ventas");
    assert_upsert(&stream.next_change().await, &id, base + 1, base);
}

#[tokio::test]
async fn an_open_admin_stream_receives_the_changes_of_a_transfer_and_an_end() {
    let server = frozen().await;
    let snapshot: ConversationsSnapshot =
        get_json(&server, "/api/v1/monitor/conversations", ADMIN).await;
    let c = snapshot
        .conversations
        .iter()
        .find(|c| c.agent.is_some() && c.department.id != "d-returns")
        .expect("a served conversation");
    let agent = c.agent.clone().unwrap().id;
    let mut stream = SseReader::connect(&server, ADMIN, None).await;

    let response = transfer(&server, &c.id, "d-returns").await;
    assert_eq!(response.status(), 200);
    match decoded(&stream.next_change().await) {
        StreamEvent::Change {
            after,
            change: Change::ConversationUpsert(moved),
            ..
        } => {
            assert_eq!(after, snapshot.sequence);
            assert_eq!(
                (moved.id.as_str(), moved.department.id.as_str()),
                (c.id.as_str(), "d-returns")
            );
            assert_eq!(moved.agent, None);
        }
        other => panic!("expected the transfer's upsert, got {other:?}"),
    }
    match decoded(&stream.next_change().await) {
        StreamEvent::Change {
            change: Change::AgentUpsert(a),
            ..
        } => assert_eq!(a.id, agent),
        other => panic!("expected the old agent's new load, got {other:?}"),
    }

    let response = end(&server, &c.id, "Spam").await;
    assert_eq!(response.status(), 200);
    let removed = decoded(&stream.next_change().await);
    assert!(
        matches!(&removed, StreamEvent::Change { change: Change::ConversationRemove { id }, .. } if *id == c.id),
        "{removed:?}"
    );
}

#[tokio::test]
async fn an_agent_stream_gets_a_remove_when_its_conversation_is_transferred_away() {
    let server = frozen().await;
    let me: Me = get_json(&server, "/api/v1/me", AGENT).await;
    let mine: ConversationsSnapshot =
        get_json(&server, "/api/v1/monitor/conversations", AGENT).await;
    let own = mine
        .conversations
        .iter()
        .find(|c| c.agent.as_ref().is_some_and(|a| a.id == me.id))
        .expect("the demo agent serves some");
    let mut stream = SseReader::connect(&server, AGENT, None).await;

    // Billing is not one of the demo agent's departments: its queue is out of scope.
    let response = transfer(&server, &own.id, "d-billing").await;
    assert_eq!(response.status(), 200);
    let event = stream.next_change().await;
    assert_eq!(event.event, "conversation.remove");
    assert_eq!(event.json()["id"], own.id.as_str());
    assert_eq!(event.json()["after"], mine.sequence);
}

#[tokio::test]
async fn stream_disables_caching_and_proxy_buffering() {
    let server = frozen().await;
    let stream = SseReader::connect(&server, ADMIN, None).await;
    let header = |name: &str| {
        stream
            .response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(header("content-type").as_deref(), Some("text/event-stream"));
    assert_eq!(header("cache-control").as_deref(), Some("no-cache"));
    assert_eq!(header("x-accel-buffering").as_deref(), Some("no"));
}

#[tokio::test]
async fn stream_sends_heartbeats_with_the_server_time() {
    let server = frozen_with(Options {
        heartbeat_secs: 1,
        ..Default::default()
    })
    .await;
    let mut stream = SseReader::connect(&server, ADMIN, None).await;
    // One on connecting, then one a period.
    for _ in 0..2 {
        let event = stream.next().await;
        assert_eq!(
            (event.event.as_str(), event.id.as_deref()),
            ("heartbeat", None)
        );
        assert!(
            matches!(decoded(&event), StreamEvent::Heartbeat { .. }),
            "{event:?}"
        );
    }
}

#[tokio::test]
async fn every_connection_opens_with_a_heartbeat_so_the_client_knows_it_flows() {
    // The period is long: only the opening heartbeat can come at once.
    let server = frozen().await;
    let started = std::time::Instant::now();
    let mut stream = SseReader::connect(&server, ADMIN, None).await;
    let event = stream.next().await;
    assert_eq!(event.event, "heartbeat");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[tokio::test]
async fn stopping_the_server_ends_open_streams_and_refuses_new_connections() {
    let server = frozen().await;
    let base = server.base_url();
    let mut stream = SseReader::connect(&server, ADMIN, None).await;
    server.stop().await;
    assert!(stream.ends().await, "the stream ended");
    let refused = reqwest::Client::new()
        .get(format!("{base}/api/v1/me"))
        .bearer_auth(ADMIN)
        .send()
        .await;
    assert!(refused.is_err(), "{refused:?}");
}

/// Issue 14, "newer wins": an action's answer names the stream sequence
/// that published it, so the monitor can tell it from older events.
#[tokio::test]
async fn an_actions_answer_carries_the_sequence_of_the_event_that_published_it() {
    let server = frozen().await;
    let snapshot: ConversationsSnapshot =
        get_json(&server, "/api/v1/monitor/conversations", ADMIN).await;
    let c = snapshot
        .conversations
        .iter()
        .find(|c| {
            c.department.id != "d-returns"
                && c.status != monitor_core::ConversationStatus::InProgress
        })
        .expect("a conversation to move");
    let mut stream = SseReader::connect(&server, ADMIN, None).await;

    let response = transfer(&server, &c.id, "d-returns").await;
    let moved: monitor_core::wire::Conversation = response.json().await.expect("the answer");
    match decoded(&stream.next_change().await) {
        StreamEvent::Change {
            sequence,
            change: Change::ConversationUpsert(published),
            ..
        } => {
            assert_eq!(moved.version, Some(sequence));
            assert_eq!(published, moved, "the answer is the published copy");
        }
        other => panic!("expected the transfer's upsert, got {other:?}"),
    }

    let response = end(&server, &c.id, "Spam").await;
    let ended: monitor_core::wire::Conversation = response.json().await.expect("the answer");
    loop {
        if let StreamEvent::Change {
            sequence,
            change: Change::ConversationRemove { id },
            ..
        } = decoded(&stream.next_change().await)
        {
            assert_eq!(id, c.id);
            assert_eq!(ended.version, Some(sequence));
            break;
        }
    }
}

/// Transfers conversation `id` to `department` as the admin.
async fn transfer(server: &demo_backend::Server, id: &str, department: &str) -> reqwest::Response {
    let path = format!("/api/v1/conversations/{id}/transfer");
    post(
        server,
        &path,
        ADMIN,
        None,
        &serde_json::json!({ "department_id": department }),
    )
    .await
}

/// Ends conversation `id` as the admin, saying `why`.
async fn end(server: &demo_backend::Server, id: &str, why: &str) -> reqwest::Response {
    let path = format!("/api/v1/conversations/{id}/end");
    post(
        server,
        &path,
        ADMIN,
        None,
        &serde_json::json!({ "justification": why }),
    )
    .await
}

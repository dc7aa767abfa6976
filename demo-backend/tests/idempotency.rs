//! `Idempotency-Key` on the actions: retries replay, key reuse is refused,
//! racing duplicates act once.

mod common;

use common::{frozen, get_json, observable_state, post, problem, SseEvent, SseReader, ADMIN};
use demo_backend::idempotency::REPLAYED_HEADER;
use demo_backend::Server;
use monitor_core::wire::{ActionsList, Conversation, ConversationsSnapshot};
use monitor_core::ConversationStatus;
use serde_json::{json, Value};

async fn conversation(server: &Server, pred: impl Fn(&Conversation) -> bool) -> Conversation {
    let snapshot: ConversationsSnapshot =
        get_json(server, "/api/v1/monitor/conversations", ADMIN).await;
    snapshot
        .conversations
        .into_iter()
        .find(|c| pred(c))
        .expect("a matching conversation")
}

/// Status, body bytes and whether it was marked as a replay.
async fn send(server: &Server, path: &str, key: &str, body: &Value) -> (u16, Vec<u8>, bool) {
    let response = post(server, path, ADMIN, Some(key), body).await;
    let replayed = response.headers().get(REPLAYED_HEADER).is_some();
    let status = response.status().as_u16();
    (
        status,
        response.bytes().await.expect("body").to_vec(),
        replayed,
    )
}

/// The stream's events up to a marker arrival injected now: everything the
/// actions before it produced, and nothing more.
async fn events_so_far(server: &Server, stream: &mut SseReader) -> Vec<SseEvent> {
    let marker = server.inject_arrival("Marcador");
    let mut events = Vec::new();
    loop {
        let event = stream.next_change().await;
        if event.data.contains(&marker) {
            return events;
        }
        events.push(event);
    }
}

/// Sends the same request twice under one key and checks the retry is the
/// first response again, byte for byte, and streamed nothing. Returns the
/// body and the events of the first.
async fn assert_retry_replays(
    server: &Server,
    path: &str,
    body: &Value,
) -> (Vec<u8>, Vec<SseEvent>) {
    let mut stream = SseReader::connect(server, ADMIN, None).await;
    let first = send(server, path, "key-1", body).await;
    assert_eq!(
        (first.0, first.2),
        (200, false),
        "{}",
        String::from_utf8_lossy(&first.1)
    );
    let events = events_so_far(server, &mut stream).await;
    let state = observable_state(server).await;

    let retry = send(server, path, "key-1", body).await;
    assert_eq!((retry.0, retry.2), (200, true));
    assert_eq!(retry.1, first.1, "byte-for-byte replay");
    assert_eq!(
        observable_state(server).await,
        state,
        "the retry changed nothing"
    );
    assert_eq!(
        events_so_far(server, &mut stream).await,
        vec![],
        "nor streamed anything"
    );
    (first.1, events)
}

fn count(events: &[SseEvent], name: &str, id: &str) -> usize {
    events
        .iter()
        .filter(|e| e.event == name && e.data.contains(id))
        .count()
}

#[tokio::test]
async fn a_retried_transfer_replays_the_first_response_and_transfers_once() {
    let server = frozen().await;
    let c = conversation(&server, |c| {
        c.agent.is_some() && c.department.id != "d-billing"
    })
    .await;
    let path = format!("/api/v1/conversations/{}/transfer", c.id);
    let (body, events) =
        assert_retry_replays(&server, &path, &json!({ "department_id": "d-billing" })).await;

    let moved: Conversation = serde_json::from_slice(&body).unwrap();
    assert_eq!(moved.transfers, c.transfers + 1);
    assert_eq!(count(&events, "conversation.upsert", &c.id), 1);
    assert_eq!(count(&events, "agent.upsert", &c.agent.unwrap().id), 1);
}

#[tokio::test]
async fn a_retried_end_replays_the_finished_conversation_instead_of_a_409() {
    let server = frozen().await;
    let c = conversation(&server, |c| c.agent.is_some()).await;
    let path = format!("/api/v1/conversations/{}/end", c.id);
    let (body, events) =
        assert_retry_replays(&server, &path, &json!({ "justification": "Spam" })).await;

    let ended: Conversation = serde_json::from_slice(&body).unwrap();
    assert_eq!(ended.status, ConversationStatus::Finished);
    assert_eq!(count(&events, "conversation.remove", &c.id), 1);
    // Without the key a second attempt is a new request, and it is too late.
    let again = post(
        &server,
        &path,
        ADMIN,
        None,
        &json!({ "justification": "Spam" }),
    )
    .await;
    problem(again, 409).await;
}

#[tokio::test]
async fn a_retried_bulk_end_replays_its_results_and_ends_once() {
    let server = frozen().await;
    let a = conversation(&server, |c| c.status == ConversationStatus::Queued).await;
    let b = conversation(&server, |c| c.status == ConversationStatus::Pending).await;
    let body = json!({ "ids": [a.id, b.id], "justification": "Duplicadas" });
    let (response, events) =
        assert_retry_replays(&server, "/api/v1/conversations/bulk-end", &body).await;

    let response: Value = serde_json::from_slice(&response).unwrap();
    assert_eq!(response["results"][0]["outcome"], "ended");
    assert_eq!(response["results"][1]["outcome"], "ended");
    assert_eq!(count(&events, "conversation.remove", &a.id), 1);
    assert_eq!(count(&events, "conversation.remove", &b.id), 1);
}

#[tokio::test]
async fn reusing_a_key_for_another_request_is_422_and_changes_nothing() {
    let server = frozen().await;
    let c = conversation(&server, |c| c.agent.is_some() && c.department.id != "d-vip").await;
    let other = conversation(&server, |x| x.agent.is_some() && x.id != c.id).await;
    let path = |id: &str| format!("/api/v1/conversations/{id}/transfer");
    let first = send(
        &server,
        &path(&c.id),
        "k",
        &json!({ "department_id": "d-vip" }),
    )
    .await;
    assert_eq!(first.0, 200);
    let state = observable_state(&server).await;

    let other_body = post(
        &server,
        &path(&c.id),
        ADMIN,
        Some("k"),
        &json!({ "department_id": "d-sales" }),
    )
    .await;
    let detail = problem(other_body, 422).await;
    assert!(detail.contains("Idempotency-Key"), "{detail}");
    let other_path = post(
        &server,
        &path(&other.id),
        ADMIN,
        Some("k"),
        &json!({ "department_id": "d-vip" }),
    )
    .await;
    problem(other_path, 422).await;
    assert_eq!(observable_state(&server).await, state);
    // Keys belong to their caller: another user's "k" is a new key.
    let operator = post(
        &server,
        &path(&other.id),
        "demo-operator",
        Some("k"),
        &json!({ "department_id": "d-vip" }),
    )
    .await;
    assert_eq!(operator.status(), 200);
}

#[tokio::test]
async fn a_refused_request_keeps_nothing_so_its_key_can_be_used_once_fixed() {
    let server = frozen().await;
    let c = conversation(&server, |c| c.agent.is_some()).await;
    let path = format!("/api/v1/conversations/{}/end", c.id);
    let blank = post(
        &server,
        &path,
        ADMIN,
        Some("k"),
        &json!({ "justification": " " }),
    )
    .await;
    problem(blank, 422).await;
    let fixed = send(&server, &path, "k", &json!({ "justification": "Spam" })).await;
    assert_eq!((fixed.0, fixed.2), (200, false));
}

// Several workers, so the server really handles the racers at the same time.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn identical_requests_racing_with_one_key_act_once_and_all_get_the_same_answer() {
    let server = frozen().await;
    let c = conversation(&server, |c| c.agent.is_some()).await;
    let path = format!("/api/v1/conversations/{}/end", c.id);
    let body = json!({ "justification": "Carrera" });
    let racers = (0..8).map(|_| send(&server, &path, "race", &body));
    let answers = futures_util::future::join_all(racers).await;

    assert!(
        answers.iter().all(|a| a.0 == 200 && a.1 == answers[0].1),
        "{answers:?}"
    );
    assert_eq!(
        answers.iter().filter(|a| !a.2).count(),
        1,
        "exactly one acted"
    );
    let history: ActionsList = get_json(
        &server,
        &format!("/api/v1/conversations/{}/actions", c.id),
        ADMIN,
    )
    .await;
    assert_eq!(history.actions.len(), 1);
}

#[tokio::test]
async fn a_malformed_key_is_400() {
    let server = frozen().await;
    let c = conversation(&server, |c| c.agent.is_some()).await;
    let path = format!("/api/v1/conversations/{}/end", c.id);
    let long = "k".repeat(256);
    let response = post(
        &server,
        &path,
        ADMIN,
        Some(&long),
        &json!({ "justification": "x" }),
    )
    .await;
    problem(response, 400).await;
}

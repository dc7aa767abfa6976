//! The "done, but the answer was lost" fault: an action is carried out, then
//! answered 503 or cut off; a retry with the same `Idempotency-Key` gets the
//! kept answer and acts no second time.

mod common;

use common::{frozen, get, get_json, post, problem, ADMIN, PATIENCE};
use demo_backend::idempotency::REPLAYED_HEADER;
use demo_backend::{Faults, LostAnswer, Server};
use monitor_core::wire::{
    ActionKind, ActionsList, Conversation, ConversationsSnapshot, DepartmentsList,
};
use monitor_core::ConversationStatus;
use serde_json::json;

fn losing(how: LostAnswer) -> Faults {
    Faults {
        lost_answer_share: 1.0,
        lost_answer: how,
        ..Faults::default()
    }
}

async fn queued(server: &Server) -> Conversation {
    let snapshot: ConversationsSnapshot =
        get_json(server, "/api/v1/monitor/conversations", ADMIN).await;
    snapshot
        .conversations
        .into_iter()
        .find(|c| c.status == ConversationStatus::Queued)
        .expect("a queued conversation")
}

async fn endings(server: &Server, id: &str) -> usize {
    let history: ActionsList = get_json(
        server,
        &format!("/api/v1/conversations/{id}/actions"),
        ADMIN,
    )
    .await;
    history
        .actions
        .iter()
        .filter(|a| a.kind == ActionKind::End)
        .count()
}

async fn finished(server: &Server, id: &str) -> bool {
    let snapshot: ConversationsSnapshot =
        get_json(server, "/api/v1/monitor/conversations", ADMIN).await;
    !snapshot.conversations.iter().any(|c| c.id == id)
}

/// The retry, with the faults off: the answer kept for `key`, marked as a replay.
async fn retry_replays(server: &Server, path: &str, key: &str) -> Conversation {
    server.set_faults(Faults::default());
    let body = json!({ "justification": "Spam" });
    let response = post(server, path, ADMIN, Some(key), &body).await;
    assert_eq!(response.status(), 200);
    assert_eq!(common::header(&response, REPLAYED_HEADER), "true");
    response.json().await.expect("the kept conversation")
}

#[tokio::test]
async fn an_end_answered_503_after_it_was_done_is_replayed_on_retry_and_ended_once() {
    let server = frozen().await;
    let target = queued(&server).await;
    let path = format!("/api/v1/conversations/{}/end", target.id);
    server.set_faults(losing(LostAnswer::Unavailable));
    let body = json!({ "justification": "Spam" });
    let detail = problem(post(&server, &path, ADMIN, Some("k-1"), &body).await, 503).await;
    assert!(detail.contains("lost"), "{detail}");
    assert!(finished(&server, &target.id).await, "it was done anyway");

    let ended = retry_replays(&server, &path, "k-1").await;
    assert_eq!(ended.status, ConversationStatus::Finished);
    assert_eq!(endings(&server, &target.id).await, 1);
}

#[tokio::test]
async fn an_end_whose_connection_is_cut_after_it_was_done_gets_no_answer_and_ends_once() {
    let server = frozen().await;
    let target = queued(&server).await;
    let path = format!("/api/v1/conversations/{}/end", target.id);
    server.set_faults(losing(LostAnswer::Cut));
    let request = reqwest::Client::new()
        .post(format!("{}{path}", server.base_url()))
        .bearer_auth(ADMIN)
        .header("Idempotency-Key", "k-1")
        .json(&json!({ "justification": "Spam" }))
        .send();
    let sent = tokio::time::timeout(PATIENCE, request)
        .await
        .expect("the connection ends in time");
    let error = sent.expect_err("no answer at all, not even a status line");
    assert!(!error.is_timeout(), "{error}");
    assert!(finished(&server, &target.id).await, "it was done anyway");

    retry_replays(&server, &path, "k-1").await;
    assert_eq!(endings(&server, &target.id).await, 1);
}

#[tokio::test]
async fn every_action_can_lose_its_answer_but_refusals_and_reads_keep_theirs() {
    let server = frozen().await;
    let target = queued(&server).await;
    let departments: DepartmentsList = get_json(&server, "/api/v1/departments", ADMIN).await;
    let elsewhere = departments
        .departments
        .iter()
        .find(|d| d.id != target.department.id)
        .expect("another department");
    server.set_faults(losing(LostAnswer::Unavailable));
    let actions = [
        (
            format!("/api/v1/conversations/{}/transfer", target.id),
            json!({ "department_id": elsewhere.id }),
        ),
        (
            "/api/v1/conversations/bulk-end".to_owned(),
            json!({ "ids": [target.id], "justification": "Spam" }),
        ),
        (
            "/api/v1/agents/a-0001/presence".to_owned(),
            json!({ "status": "offline" }),
        ),
    ];
    for (path, body) in &actions {
        problem(post(&server, path, ADMIN, None, body).await, 503).await;
    }
    assert!(finished(&server, &target.id).await);
    // A refusal did nothing: there is nothing whose answer could be lost.
    let end = format!("/api/v1/conversations/{}/end", target.id);
    let again = json!({ "justification": "Spam" });
    problem(post(&server, &end, ADMIN, None, &again).await, 409).await;
    for path in [
        "/api/v1/me",
        "/api/v1/monitor/conversations",
        "/api/v1/departments",
    ] {
        assert_eq!(
            get(&server, path, Some(ADMIN)).await.status(),
            200,
            "{path}"
        );
    }
}

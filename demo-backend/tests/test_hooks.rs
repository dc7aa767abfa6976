//! The library's test hooks for the end-to-end tests: injecting a message
//! into a conversation and revoking a token.

mod common;

use common::{frozen, get, get_json, post, problem, sequence, SseReader, ADMIN};
use demo_backend::Author;
use monitor_core::event::{decode_event, Change, StreamEvent};
use monitor_core::wire::{ConversationsSnapshot, MessagesList};

const OPERATOR: &str = "demo-operator";

#[tokio::test]
async fn injected_message_ends_the_transcript_and_reaches_open_streams_as_an_upsert() {
    let server = frozen().await;
    let snapshot: ConversationsSnapshot =
        get_json(&server, "/api/v1/monitor/conversations", ADMIN).await;
    let target = snapshot.conversations[0].clone();
    let mut stream = SseReader::connect(&server, ADMIN, None).await;

    assert!(server.inject_message(&target.id, Author::Customer, "¿Hay alguien ahí?"));

    let event = stream.next_change().await;
    let StreamEvent::Change {
        change: Change::ConversationUpsert(upserted),
        ..
    } = decode_event(
        &event.event,
        event.id.as_deref().unwrap_or_default(),
        &event.data,
    )
    .expect("decodable")
    else {
        panic!("expected an upsert, got {event:?}");
    };
    assert_eq!(upserted.id, target.id);
    assert!(upserted.updated_at > target.updated_at, "{upserted:?}");
    assert_eq!(upserted.status, target.status);

    let path = format!("/api/v1/conversations/{}/messages", target.id);
    let messages: MessagesList = get_json(&server, &path, ADMIN).await;
    let last = messages.messages.last().expect("a transcript");
    assert_eq!(last.text, "¿Hay alguien ahí?");
    assert_eq!(last.author, Author::Customer);
    assert_eq!(
        last.author_name.as_deref(),
        Some(target.customer.name.as_str())
    );
    assert_eq!(Some(last.sent_at), upserted.updated_at);
    let row = upserted.last_message.expect("the row's last message");
    assert_eq!(
        (row.author, row.sent_at, row.text.as_str()),
        (Author::Customer, last.sent_at, "¿Hay alguien ahí?")
    );
}

#[tokio::test]
async fn injecting_into_an_unknown_conversation_changes_nothing() {
    let server = frozen().await;
    let before = sequence(&server).await;
    assert!(!server.inject_message("c-999999", Author::Agent, "hola"));
    assert_eq!(sequence(&server).await, before);
}

#[tokio::test]
async fn a_revoked_token_gets_a_401_everywhere_and_other_tokens_keep_working() {
    let server = frozen().await;
    let snapshot: ConversationsSnapshot =
        get_json(&server, "/api/v1/monitor/conversations", ADMIN).await;
    let id = snapshot.conversations[0].id.clone();
    server.revoke_token(ADMIN);
    for path in [
        "/api/v1/me".to_owned(),
        "/api/v1/monitor/conversations".to_owned(),
        "/api/v1/monitor/agents".to_owned(),
        "/api/v1/monitor/events".to_owned(),
        format!("/api/v1/conversations/{id}/messages"),
    ] {
        problem(get(&server, &path, Some(ADMIN)).await, 401).await;
    }
    let end = post(
        &server,
        &format!("/api/v1/conversations/{id}/end"),
        ADMIN,
        Some("k-1"),
        &serde_json::json!({"justification": "revoked"}),
    )
    .await;
    problem(end, 401).await;
    assert_eq!(
        get(&server, "/api/v1/me", Some(OPERATOR)).await.status(),
        200
    );
}

#[tokio::test]
async fn revoking_a_token_ends_its_open_streams_only() {
    let server = frozen().await;
    let mut revoked = SseReader::connect(&server, ADMIN, None).await;
    let mut kept = SseReader::connect(&server, OPERATOR, None).await;
    server.revoke_token(ADMIN);
    assert!(revoked.ends().await, "the revoked stream ends");
    let id = server.inject_arrival("Still Watching");
    let event = kept.next_change().await;
    assert!(event.data.contains(&id), "{event:?}");
}

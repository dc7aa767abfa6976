//! Valid payloads of every decoded kind, and one way to decode each: the
//! starting points the decoder fuzz tests mutate.

#![allow(dead_code)] // each property uses a different part

pub mod mutate;
pub mod sites;

use monitor_core::event::{decode_event, name};
use monitor_core::wire::chunked::SnapshotDecoder;
use monitor_core::wire::{AgentsSnapshot, Me, Message, MessagesList, Timestamp};
use monitor_core::Author;
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Value};

/// Cases per property: 256, or `PROPTEST_CASES` for a long run. Set here
/// rather than left to proptest's default so the default stays short even if
/// proptest's changes, and the variable still works.
pub fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(256);
    Config {
        cases,
        ..Config::default()
    }
}

/// What a payload is decoded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Conversations,
    Agents,
    Messages,
    Me,
    /// The data of a stream event with this name.
    Event(&'static str),
}

/// Decodes `bytes` as `kind`: the decoded value (as `Debug` text, so two
/// decodings compare) or the error's text. Stream event data arrives as text,
/// so it goes through lossy UTF-8 first, as the SPA's SSE reader does.
pub fn decode(kind: Kind, bytes: &[u8]) -> Result<String, String> {
    fn slice<T: serde::de::DeserializeOwned + std::fmt::Debug>(
        bytes: &[u8],
    ) -> Result<String, String> {
        serde_json::from_slice::<T>(bytes)
            .map(|v| format!("{v:?}"))
            .map_err(|e| e.to_string())
    }
    match kind {
        // As the SPA decodes it: in steps of a few rows.
        Kind::Conversations => in_steps(bytes, 2),
        Kind::Agents => slice::<AgentsSnapshot>(bytes),
        Kind::Messages => slice::<MessagesList>(bytes),
        Kind::Me => slice::<Me>(bytes),
        Kind::Event(event) => decode_event(event, "42", &String::from_utf8_lossy(bytes))
            .map(|v| format!("{v:?}"))
            .map_err(|e| e.to_string()),
    }
}

/// A conversations snapshot decoded as the SPA does, `rows` at a time.
pub fn in_steps(bytes: &[u8], rows: usize) -> Result<String, String> {
    let mut decoder = SnapshotDecoder::new(bytes);
    loop {
        match decoder.step(rows) {
            Ok(Some(snapshot)) => return Ok(format!("{snapshot:?}")),
            Ok(None) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
}

pub fn time(minutes: i64) -> Timestamp {
    chrono::DateTime::from_timestamp(1_790_000_000 + minutes * 60, 0).unwrap_or_default()
}

/// A conversation with every optional field set.
pub fn conversation() -> Value {
    json!({
        "id": "c-000001", "ticket": "T-1", "channel": "whatsapp", "status": "in_progress",
        "customer": {"name": "Ana Souza", "phone": "+5511999990000", "email": "ana@example.com"},
        "agent": {"id": "a-0001", "name": "José"},
        "department": {"id": "d-sales", "name": "Ventas"},
        "created_at": time(0), "updated_at": time(3), "status_since": time(1),
        "finished_at": null, "transfers": 2
    })
}

/// An agent with every optional field set.
pub fn agent() -> Value {
    json!({
        "id": "a-0001", "name": "José", "email": "jose@example.com", "status": "online",
        "status_since": time(0), "active_conversations": 2, "capacity": 5, "transfers": 1,
        "departments": [{"id": "d-sales", "name": "Ventas"}, {"id": "d-vip", "name": "VIP"}]
    })
}

pub fn conversations_snapshot() -> Value {
    let mut queued = conversation();
    queued["id"] = json!("c-000002");
    queued["status"] = json!("queued");
    queued["agent"] = Value::Null;
    json!({
        "server_time": time(5), "sequence": 1_790_000_000_000_000_u64,
        "conversations": [conversation(), queued], "next_cursor": "f-12"
    })
}

pub fn agents_snapshot() -> Value {
    json!({"server_time": time(5), "sequence": 7, "agents": [agent(), agent()]})
}

pub fn messages_list() -> Value {
    let message = Message {
        id: "m-1".into(),
        author: Author::Customer,
        author_name: Some("Ana".into()),
        sent_at: time(2),
        text: "Hola, ¿me ayudan?".into(),
    };
    json!({"server_time": time(5), "messages": [message, {
        "id": "m-2", "author": "agent", "sent_at": time(3), "text": "Claro"
    }]})
}

pub fn me() -> Value {
    json!({
        "id": "u-admin", "name": "Admin Demo", "profile": "admin",
        "permissions": ["conversations.view_all", "agents.view"], "locale": "es"
    })
}

/// A valid payload of `kind`.
pub fn sample(kind: Kind) -> Value {
    match kind {
        Kind::Conversations => conversations_snapshot(),
        Kind::Agents => agents_snapshot(),
        Kind::Messages => messages_list(),
        Kind::Me => me(),
        Kind::Event(name::CONVERSATION_UPSERT) => {
            json!({"after": 41, "conversation": conversation()})
        }
        Kind::Event(name::CONVERSATION_REMOVE) => json!({"after": 41, "id": "c-000001"}),
        Kind::Event(name::AGENT_UPSERT) => json!({"after": 41, "agent": agent()}),
        Kind::Event(name::HEARTBEAT) => json!({"server_time": time(5)}),
        Kind::Event(_) => json!({}),
    }
}

/// Every kind with a payload of its own.
pub const KINDS: [Kind; 8] = [
    Kind::Conversations,
    Kind::Agents,
    Kind::Messages,
    Kind::Me,
    Kind::Event(name::CONVERSATION_UPSERT),
    Kind::Event(name::CONVERSATION_REMOVE),
    Kind::Event(name::AGENT_UPSERT),
    Kind::Event(name::HEARTBEAT),
];

pub fn kind() -> impl Strategy<Value = Kind> {
    proptest::sample::select(KINDS.to_vec())
}

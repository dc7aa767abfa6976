//! The live change stream (`GET /api/v1/monitor/events`, Server-Sent Events).
//!
//! Every change event has `id: <sequence>` (global, increasing) and a JSON
//! body carrying `after`: the sequence of the previous event sent on this
//! connection, or the resume point it started from. A scoped stream (an agent
//! sees only their conversations) skips sequences, so a gap in `id` alone is
//! normal; `after` ≠ the client's last applied sequence is what says an event
//! was lost. `resync` and `heartbeat` carry no `id`.

use serde::{Deserialize, Serialize};

use crate::wire::{Agent, Conversation, Timestamp};

/// SSE event names, as on the wire.
pub mod name {
    pub const CONVERSATION_UPSERT: &str = "conversation.upsert";
    pub const CONVERSATION_REMOVE: &str = "conversation.remove";
    pub const AGENT_UPSERT: &str = "agent.upsert";
    pub const RESYNC: &str = "resync";
    pub const HEARTBEAT: &str = "heartbeat";
}

/// A change to the monitored state.
// Most changes are conversation upserts, so boxing that variant would add
// an allocation to nearly every event to save space on the rare others.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    ConversationUpsert(Conversation),
    ConversationRemove { id: String },
    AgentUpsert(Agent),
}

impl Change {
    /// The SSE event name of this change.
    pub fn event_name(&self) -> &'static str {
        match self {
            Change::ConversationUpsert(_) => name::CONVERSATION_UPSERT,
            Change::ConversationRemove { .. } => name::CONVERSATION_REMOVE,
            Change::AgentUpsert(_) => name::AGENT_UPSERT,
        }
    }

    /// The JSON body of this change sent after sequence `after`.
    pub fn to_data(&self, after: u64) -> String {
        let body = match self {
            Change::ConversationUpsert(c) => serde_json::to_string(&ConversationUpsertBody {
                after,
                conversation: c,
            }),
            Change::ConversationRemove { id } => serde_json::to_string(&ConversationRemoveBody {
                after,
                id: id.clone(),
            }),
            Change::AgentUpsert(a) => serde_json::to_string(&AgentUpsertBody { after, agent: a }),
        };
        // Serializing these plain structs into a String cannot fail.
        body.unwrap_or_default()
    }
}

/// One decoded stream event.
// Events are short-lived and moved once, so the size of `Change` costs
// nothing measurable; boxing it would change a type the SPA matches on.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamEvent {
    Change {
        sequence: u64,
        after: u64,
        change: Change,
    },
    /// The server cannot continue from where the client is: reload the snapshot.
    Resync,
    Heartbeat {
        server_time: Timestamp,
    },
    /// An event name this version does not know; ignored by design.
    Unknown {
        name: String,
    },
}

/// Why an event could not be decoded. The message names the event and field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub String);

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DecodeError {}

#[derive(Serialize, Deserialize)]
struct ConversationUpsertBody<C> {
    after: u64,
    conversation: C,
}

#[derive(Serialize, Deserialize)]
struct ConversationRemoveBody {
    after: u64,
    id: String,
}

#[derive(Serialize, Deserialize)]
struct AgentUpsertBody<A> {
    after: u64,
    agent: A,
}

#[derive(Deserialize)]
struct HeartbeatBody {
    server_time: Timestamp,
}

/// Decodes one SSE event from its `event`, `id` and `data` fields.
pub fn decode_event(event: &str, id: &str, data: &str) -> Result<StreamEvent, DecodeError> {
    let fail = |what: &dyn std::fmt::Display| DecodeError(format!("event `{event}`: {what}"));
    let sequence = || -> Result<u64, DecodeError> {
        id.trim()
            .parse::<u64>()
            .map_err(|_| fail(&format_args!("invalid id {id:?}")))
    };
    match event {
        name::CONVERSATION_UPSERT => {
            let b: ConversationUpsertBody<Conversation> =
                serde_json::from_str(data).map_err(|e| fail(&e))?;
            Ok(StreamEvent::Change {
                sequence: sequence()?,
                after: b.after,
                change: Change::ConversationUpsert(b.conversation),
            })
        }
        name::CONVERSATION_REMOVE => {
            let b: ConversationRemoveBody = serde_json::from_str(data).map_err(|e| fail(&e))?;
            Ok(StreamEvent::Change {
                sequence: sequence()?,
                after: b.after,
                change: Change::ConversationRemove { id: b.id },
            })
        }
        name::AGENT_UPSERT => {
            let b: AgentUpsertBody<Agent> = serde_json::from_str(data).map_err(|e| fail(&e))?;
            Ok(StreamEvent::Change {
                sequence: sequence()?,
                after: b.after,
                change: Change::AgentUpsert(b.agent),
            })
        }
        name::RESYNC => Ok(StreamEvent::Resync),
        name::HEARTBEAT => {
            let b: HeartbeatBody = serde_json::from_str(data).map_err(|e| fail(&e))?;
            Ok(StreamEvent::Heartbeat {
                server_time: b.server_time,
            })
        }
        other => Ok(StreamEvent::Unknown {
            name: other.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_event_round_trips() {
        let change = Change::ConversationRemove { id: "c9".into() };
        let data = change.to_data(41);
        let ev = decode_event(change.event_name(), "42", &data).unwrap();
        assert_eq!(
            ev,
            StreamEvent::Change {
                sequence: 42,
                after: 41,
                change
            }
        );
    }

    #[test]
    fn malformed_data_names_the_event() {
        let err = decode_event(name::CONVERSATION_UPSERT, "1", "{not json").unwrap_err();
        assert!(err.0.contains("conversation.upsert"), "{err}");
    }

    #[test]
    fn unknown_event_names_are_tolerated() {
        let ev = decode_event("presence.typing", "", "{}").unwrap();
        assert_eq!(
            ev,
            StreamEvent::Unknown {
                name: "presence.typing".into()
            }
        );
    }
}

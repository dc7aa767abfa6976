//! The REST contract's payloads (`api/openapi.yaml`), as the SPA decodes them
//! and the demo backend encodes them.
//!
//! Decoding is tolerant where the contract allows growth: extra fields are
//! ignored (serde's default), optional fields may be missing, and enums are
//! open (see [`crate::open_enum`]). Required fields stay required: a payload
//! without them is malformed and must be reported, not guessed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::enums::{AgentStatus, Author, Channel, ConversationStatus, Profile};

/// A point in time on the wire (RFC 3339, UTC).
pub type Timestamp = DateTime<Utc>;

/// The customer of a conversation; only the name is required.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Customer {
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// A reference to an agent inside another payload.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AgentRef {
    pub id: String,
    pub name: String,
}

/// A reference to a department (group).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DepartmentRef {
    pub id: String,
    pub name: String,
}

/// One conversation (an "atención").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Conversation {
    pub id: String,
    #[serde(default)]
    pub ticket: Option<String>,
    pub channel: Channel,
    pub status: ConversationStatus,
    pub customer: Customer,
    #[serde(default)]
    pub agent: Option<AgentRef>,
    pub department: DepartmentRef,
    pub created_at: Timestamp,
    /// Time of the last message.
    #[serde(default)]
    pub updated_at: Option<Timestamp>,
    pub status_since: Timestamp,
    #[serde(default)]
    pub finished_at: Option<Timestamp>,
    #[serde(default)]
    pub transfers: u32,
}

/// One agent as the monitor sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    pub status: AgentStatus,
    pub status_since: Timestamp,
    #[serde(default)]
    pub active_conversations: u32,
    #[serde(default)]
    pub capacity: u32,
    #[serde(default)]
    pub transfers: u32,
    #[serde(default)]
    pub departments: Vec<DepartmentRef>,
}

/// A department (group) with its agents' ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub agent_ids: Vec<String>,
}

/// One transcript message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    pub author: Author,
    #[serde(default)]
    pub author_name: Option<String>,
    pub sent_at: Timestamp,
    pub text: String,
}

/// `GET /api/v1/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: String,
    pub name: String,
    pub profile: Profile,
    #[serde(default)]
    pub permissions: Vec<String>,
    #[serde(default)]
    pub locale: Option<String>,
}

/// `GET /api/v1/monitor/conversations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationsSnapshot {
    pub server_time: Timestamp,
    /// The stream sequence this snapshot is consistent with.
    pub sequence: u64,
    pub conversations: Vec<Conversation>,
    /// Next page, for `scope=finished`.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// `GET /api/v1/monitor/agents`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentsSnapshot {
    pub server_time: Timestamp,
    pub sequence: u64,
    pub agents: Vec<Agent>,
}

/// `GET /api/v1/departments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentsList {
    pub server_time: Timestamp,
    pub departments: Vec<Department>,
}

/// `GET /api/v1/conversations/{id}/messages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessagesList {
    pub server_time: Timestamp,
    pub messages: Vec<Message>,
}

/// An `application/problem+json` error body (RFC 9457).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    #[serde(rename = "type", default = "Problem::default_type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default)]
    pub detail: Option<String>,
}

impl Problem {
    fn default_type() -> String {
        "about:blank".to_owned()
    }

    /// A problem of the given status with a human-readable title and detail.
    pub fn new(status: u16, title: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            kind: Self::default_type(),
            title: title.into(),
            status,
            detail: Some(detail.into()),
        }
    }
}

/// Permission names in `Me::permissions`. The UI renders from these.
pub mod permission {
    pub const VIEW_ALL_CONVERSATIONS: &str = "conversations.view_all";
    pub const VIEW_AGENTS: &str = "agents.view";
    pub const VIEW_AVERAGES: &str = "indicators.averages";
    pub const TRANSFER: &str = "conversations.transfer";
    pub const END: &str = "conversations.end";
    pub const BULK_END: &str = "conversations.bulk_end";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversation_decodes_with_extra_fields_and_missing_optionals() {
        let json = r#"{
            "id": "c1", "channel": "whatsapp", "status": "queued",
            "customer": {"name": "Ana"},
            "department": {"id": "d1", "name": "Sales"},
            "created_at": "2026-11-21T10:00:00Z",
            "status_since": "2026-11-21T10:00:00Z",
            "brand_new_field": {"nested": true}
        }"#;
        let c: Conversation = serde_json::from_str(json).unwrap();
        assert_eq!(c.agent, None);
        assert_eq!(c.transfers, 0);
        assert_eq!(c.customer.phone, None);
    }

    #[test]
    fn conversation_without_required_status_is_an_error() {
        let json = r#"{"id": "c1", "channel": "whatsapp",
            "customer": {"name": "Ana"}, "department": {"id": "d1", "name": "S"},
            "created_at": "2026-11-21T10:00:00Z", "status_since": "2026-11-21T10:00:00Z"}"#;
        let err = serde_json::from_str::<Conversation>(json).unwrap_err();
        assert!(err.to_string().contains("status"), "{err}");
    }
}

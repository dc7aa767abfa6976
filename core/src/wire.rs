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

pub mod chunked;

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
    /// The newest message, for the "last message" column and for knowing
    /// whether the customer is waiting for an answer. Optional: a backend
    /// without it simply shows no preview and no "awaiting reply".
    #[serde(default)]
    pub last_message: Option<LastMessage>,
    /// Why it was ended, when a supervisor ended it (finished ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_justification: Option<String>,
    /// The stream sequence of the event that published this copy (its
    /// last change); absent from a backend that does not say. An action's
    /// answer carries it too, so the monitor can tell whether the copy is
    /// newer or older than what the stream already showed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u64>,
}

/// The newest message of a conversation, as carried in its row.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LastMessage {
    pub author: Author,
    pub sent_at: Timestamp,
    /// A preview of the text (the backend may shorten it).
    #[serde(default)]
    pub text: String,
}

/// One agent as the monitor sees it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// Who set the current presence, when it was not the agent: a
    /// supervisor through `POST /agents/{id}/presence`.
    #[serde(default)]
    pub status_set_by: Option<UserRef>,
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
    /// The last hour's trends (queue, longest wait, service level).
    pub const VIEW_TRENDS: &str = "indicators.trends";
    pub const TRANSFER: &str = "conversations.transfer";
    pub const END: &str = "conversations.end";
    pub const BULK_END: &str = "conversations.bulk_end";
    /// Set an agent's presence, or sign them out (presence `offline`).
    pub const SET_AGENT_PRESENCE: &str = "agents.set_presence";
    /// The supervisor's tools: wallboard, export, alerts, pause, saved
    /// views and columns, the wait indicators and their breakdown. Without
    /// it the monitor is the agent's simplified one.
    pub const SUPERVISE: &str = "monitor.supervise";
}

/// Longest justification of an end or bulk end, in characters (Unicode
/// scalar values) after trimming. The SPA shows the same limit.
pub const JUSTIFICATION_MAX_CHARS: usize = 500;

/// Most ids one `POST /conversations/bulk-end` may name.
pub const BULK_END_MAX_IDS: usize = 1_000;

/// Why a justification is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JustificationError {
    /// Empty or whitespace only.
    Blank,
    /// Longer than [`JUSTIFICATION_MAX_CHARS`] once trimmed; carries its length.
    TooLong(usize),
}

impl std::fmt::Display for JustificationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Blank => f.write_str("the justification must not be blank"),
            Self::TooLong(n) => write!(
                f,
                "the justification has {n} characters; at most {JUSTIFICATION_MAX_CHARS} are allowed"
            ),
        }
    }
}

impl std::error::Error for JustificationError {}

/// The justification as stored: trimmed, non-blank, at most
/// [`JUSTIFICATION_MAX_CHARS`] characters. The backend and the SPA apply
/// this same rule.
pub fn checked_justification(raw: &str) -> Result<&str, JustificationError> {
    let trimmed = raw.trim();
    let chars = trimmed.chars().count();
    if chars == 0 {
        Err(JustificationError::Blank)
    } else if chars > JUSTIFICATION_MAX_CHARS {
        Err(JustificationError::TooLong(chars))
    } else {
        Ok(trimmed)
    }
}

/// `POST /api/v1/conversations/{id}/transfer`.
///
/// Requests are decoded strictly (unlike responses, which tolerate extra
/// fields): a misspelt optional field such as `agentId` would otherwise be
/// dropped, and the conversation queued instead of assigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferRequest {
    pub department_id: String,
    /// Assign directly to this agent of the department; without it the
    /// conversation is queued there.
    #[serde(default)]
    pub agent_id: Option<String>,
}

/// `POST /api/v1/conversations/{id}/end`; strict like [`TransferRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndRequest {
    pub justification: String,
}

/// `POST /api/v1/conversations/bulk-end`; strict like [`TransferRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BulkEndRequest {
    pub ids: Vec<String>,
    pub justification: String,
}

crate::open_enum! {
    /// What a bulk end did with one id.
    pub enum BulkEndOutcome {
        Ended = "ended",
        /// Not ended on purpose: `in_progress` ones are never ended in bulk.
        Refused = "refused",
        /// Unknown, or outside the caller's scope.
        NotFound = "not_found",
        AlreadyFinished = "already_finished",
    }
}

/// One id's result in a bulk end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkEndResult {
    pub id: String,
    pub outcome: BulkEndOutcome,
    /// Why it was not ended, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The answer to `POST /api/v1/conversations/bulk-end`: one result per
/// requested id, in request order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkEndResponse {
    pub results: Vec<BulkEndResult>,
}

/// The signed-in user who did something (not necessarily an agent).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UserRef {
    pub id: String,
    pub name: String,
}

crate::open_enum! {
    /// A supervisor action on a conversation.
    pub enum ActionKind {
        Transfer = "transfer",
        End = "end",
    }
}

/// One recorded action on a conversation: who, when, and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationAction {
    pub kind: ActionKind,
    pub at: Timestamp,
    pub by: UserRef,
    /// Transfers: the department and agent before and after.
    #[serde(default)]
    pub from_department: Option<DepartmentRef>,
    #[serde(default)]
    pub to_department: Option<DepartmentRef>,
    #[serde(default)]
    pub from_agent: Option<AgentRef>,
    #[serde(default)]
    pub to_agent: Option<AgentRef>,
    /// Ends: the trimmed justification.
    #[serde(default)]
    pub justification: Option<String>,
}

/// `POST /api/v1/agents/{id}/presence`: set an agent's presence on their
/// behalf; `offline` signs them out. Answered with the updated [`Agent`],
/// whose `status_set_by` names the caller. Strict like [`TransferRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetPresenceRequest {
    pub status: AgentStatus,
}

/// `GET /api/v1/conversations/{id}/actions`, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionsList {
    pub server_time: Timestamp,
    pub actions: Vec<ConversationAction>,
}

#[cfg(test)]
mod tests;

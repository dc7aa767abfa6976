//! What the operation remembers of its day: every wait that ended (the
//! customer was answered or gave up) and every service that ended (the
//! conversation finished or was passed to another department). The key
//! performance indicators are computed from these and the current state.

use serde::{Deserialize, Serialize};

use crate::enums::Channel;
use crate::wire::Timestamp;

/// How a wait in a department's queue ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitOutcome {
    /// An agent took the conversation.
    Answered,
    /// The customer left before anyone did.
    Abandoned,
}

/// One wait in a department's queue, from joining it to leaving it. A
/// conversation transferred to another queue waits there again: each wait
/// is offered to the department it happened in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitRecord {
    pub department_id: String,
    pub channel: Channel,
    pub queued_at: Timestamp,
    pub left_at: Timestamp,
    pub outcome: WaitOutcome,
}

/// One agent's handling of a conversation, from being answered to
/// finishing it or passing it on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandleRecord {
    pub department_id: String,
    pub channel: Channel,
    pub answered_at: Timestamp,
    pub ended_at: Timestamp,
}

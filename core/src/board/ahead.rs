//! The answers to the user's own actions that the stream has not caught
//! up with yet. An answer carries the `version` (stream sequence) that
//! published it; while it is ahead, stream changes to its conversation
//! older than it are skipped, so an event the answer already overtook
//! never rolls the row back nor brings an ended conversation back. The
//! stream event that reaches the answer's version retires it.

use std::collections::HashMap;

use crate::event::Change;
use crate::wire::Conversation;

/// Answers ahead of the stream, by conversation id.
#[derive(Debug, Clone, Default)]
pub(super) struct Ahead(HashMap<String, Conversation>);

impl Ahead {
    /// The answer to show, if it is newer than what the board reflects
    /// (`position`): one without a version is taken as it is; one the
    /// stream already reached is old news.
    pub(super) fn admit(&mut self, own: Conversation, position: u64) -> Option<Conversation> {
        let Some(version) = own.version else {
            return Some(own);
        };
        if version <= position {
            return None;
        }
        self.0.insert(own.id.clone(), own.clone());
        Some(own)
    }

    /// Whether a stream change at `sequence` is at least as new as the
    /// answer for its conversation (if one is ahead).
    pub(super) fn passes(&mut self, change: &Change, sequence: u64) -> bool {
        let id = match change {
            Change::ConversationUpsert(c) => &c.id,
            Change::ConversationRemove { id } => id,
            Change::AgentUpsert(_) => return true,
        };
        match self.0.get(id).and_then(|own| own.version) {
            Some(version) if sequence < version => false,
            Some(_) => {
                self.0.remove(id);
                true
            }
            None => true,
        }
    }

    /// After a snapshot at `sequence`: the answers still newer than it,
    /// to show again over the snapshot's older copies.
    pub(super) fn newer_than(&mut self, sequence: u64) -> impl Iterator<Item = Conversation> + '_ {
        self.0.retain(|_, own| own.version > Some(sequence));
        self.0.values().cloned()
    }
}

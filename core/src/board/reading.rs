//! Reading the board: the stream position to resume from, the rows by
//! id or by key, and what the views judge by.

use std::sync::Arc;

use super::Board;
use crate::live::table::RowKey;
use crate::presence_log::PresenceLog;
use crate::thresholds::WaitThresholds;
use crate::wire::{Agent, Conversation, Timestamp};

impl Board {
    /// The stream position to resume from, counting everything staged: the
    /// smallest sequence among the loaded snapshots (conversations, and
    /// agents if loaded), advanced by every accepted event.
    pub fn sequence(&self) -> u64 {
        self.staged.stream
    }

    /// Agents' presence changes seen so far (see [`PresenceLog`]).
    pub fn presence(&self) -> &PresenceLog {
        &self.presence
    }

    /// Forgets presence changes from before `start` (a new day began).
    pub fn forget_presence_before(&mut self, start: Timestamp) {
        self.presence.forget_before(start);
    }

    /// The active conversations, in no particular order.
    pub fn conversations(&self) -> impl Iterator<Item = &Arc<Conversation>> {
        self.conversations
            .table()
            .rows()
            .map(|(_, row)| &row.record)
    }

    /// How many active conversations there are.
    pub fn conversation_count(&self) -> usize {
        self.conversations.len()
    }

    /// The conversation with `id`, if active.
    pub fn conversation(&self, id: &str) -> Option<&Arc<Conversation>> {
        self.conversations.table().by_id(id).map(|row| &row.record)
    }

    /// The conversation `key` names and its version, unless it has left.
    pub fn conversation_at(&self, key: RowKey) -> Option<(&Arc<Conversation>, u64)> {
        self.conversations
            .get(key)
            .map(|row| (&row.record, row.version))
    }

    /// The agents, in no particular order.
    pub fn agents(&self) -> impl Iterator<Item = &Arc<Agent>> {
        self.agents.table().rows().map(|(_, row)| &row.record)
    }

    pub fn agent_count(&self) -> usize {
        self.agents.len()
    }

    /// The agent with `id`, if known.
    pub fn agent(&self, id: &str) -> Option<&Arc<Agent>> {
        self.agents.table().by_id(id).map(|row| &row.record)
    }

    /// The agent `key` names and its version.
    pub fn agent_at(&self, key: RowKey) -> Option<(&Arc<Agent>, u64)> {
        self.agents.get(key).map(|row| (&row.record, row.version))
    }

    /// The thresholds the views judge waits by.
    pub fn thresholds(&self) -> &WaitThresholds {
        self.conversations.context().thresholds()
    }
}

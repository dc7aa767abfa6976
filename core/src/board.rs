//! The live state the monitor shows: snapshots plus the change stream.
//!
//! The two snapshots (conversations, agents) are fetched separately and may
//! be consistent with different stream sequences. Each collection remembers
//! the sequence it reflects, so one stream serves both without an event
//! already contained in a snapshot rolling it back.

mod collection;
#[cfg(test)]
mod tests;

use collection::Collection;

use crate::enums::ConversationStatus;
use crate::event::Change;
use crate::presence_log::PresenceLog;
use crate::wire::{Agent, AgentsSnapshot, Conversation, ConversationsSnapshot};

/// What [`Board::apply`] did with an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The stream position advanced (the change itself may have been
    /// skipped if a snapshot already contained it).
    Changed,
    /// `sequence` <= stream position: a duplicate or an old event, ignored.
    Ignored,
    /// `after` != stream position: an event was lost; nothing was changed;
    /// reload the snapshot.
    Gap,
}

/// Conversations and agents as of [`Board::sequence`].
#[derive(Debug, Clone, Default)]
pub struct Board {
    conversations: Collection<Conversation>,
    agents: Collection<Agent>,
    /// The sequence each collection reflects: its snapshot's, advanced by
    /// every applied event. `None` until its snapshot is loaded.
    conversations_sequence: Option<u64>,
    agents_sequence: Option<u64>,
    /// The last event applied (or skipped as already contained).
    position: u64,
    /// Agents' presence changes as they reached the board.
    presence: PresenceLog,
}

impl Board {
    /// An empty board at stream position 0.
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces all conversations with the snapshot (active ones only: a
    /// `finished` one is dropped). A repeated id keeps its last occurrence.
    pub fn load_conversations(&mut self, snapshot: ConversationsSnapshot) {
        self.conversations.replace_all(
            snapshot
                .conversations
                .into_iter()
                .filter(|c| c.status != ConversationStatus::Finished),
        );
        self.conversations_sequence = Some(snapshot.sequence);
        self.reset_position();
    }

    /// Replaces all agents with the snapshot.
    pub fn load_agents(&mut self, snapshot: AgentsSnapshot) {
        for agent in &snapshot.agents {
            self.presence.observe(agent);
        }
        self.agents.replace_all(snapshot.agents);
        let agents = &self.agents;
        self.presence.retain_agents(|id| agents.get(id).is_some());
        self.agents_sequence = Some(snapshot.sequence);
        self.reset_position();
    }

    /// The stream position to resume from: the smallest sequence among the
    /// loaded snapshots (conversations, and agents if loaded), advanced by
    /// every applied event.
    pub fn sequence(&self) -> u64 {
        self.position
    }

    /// Applies one stream change.
    ///
    /// `sequence` <= [`Self::sequence`] ⇒ [`Applied::Ignored`]. `after` !=
    /// [`Self::sequence`] ⇒ [`Applied::Gap`] (nothing changes). Otherwise the
    /// position advances to `sequence`, and the change is applied to its
    /// collection only if `sequence` is newer than what that collection
    /// already reflects ⇒ [`Applied::Changed`]. An upsert with status
    /// `finished` removes the conversation; removing an unknown id is fine.
    pub fn apply(&mut self, sequence: u64, after: u64, change: Change) -> Applied {
        if sequence <= self.position {
            return Applied::Ignored;
        }
        if after != self.position {
            return Applied::Gap;
        }
        self.position = sequence;
        match change {
            Change::ConversationUpsert(c) => {
                if advance(&mut self.conversations_sequence, sequence) {
                    if c.status == ConversationStatus::Finished {
                        self.conversations.remove(&c.id);
                    } else {
                        self.conversations.upsert(c);
                    }
                }
                advance(&mut self.agents_sequence, sequence);
            }
            Change::ConversationRemove { id } => {
                if advance(&mut self.conversations_sequence, sequence) {
                    self.conversations.remove(&id);
                }
                advance(&mut self.agents_sequence, sequence);
            }
            Change::AgentUpsert(a) => {
                if advance(&mut self.agents_sequence, sequence) {
                    self.presence.observe(&a);
                    self.agents.upsert(a);
                }
                advance(&mut self.conversations_sequence, sequence);
            }
        }
        Applied::Changed
    }

    /// Shows the result of the user's own action (a transfer or an end) at
    /// once, before its stream event arrives. The stream position does not
    /// move: the event, when it comes, applies the same state again. A
    /// finished conversation leaves the board.
    pub fn reflect_action(&mut self, conversation: Conversation) {
        if conversation.status == ConversationStatus::Finished {
            self.conversations.remove(&conversation.id);
        } else {
            self.conversations.upsert(conversation);
        }
    }

    /// Agents' presence changes seen so far (see [`PresenceLog`]).
    pub fn presence(&self) -> &PresenceLog {
        &self.presence
    }

    /// Forgets presence changes from before `start` (a new day began).
    pub fn forget_presence_before(&mut self, start: crate::wire::Timestamp) {
        self.presence.forget_before(start);
    }

    /// The active conversations, in no particular order.
    pub fn conversations(&self) -> &[Conversation] {
        self.conversations.items()
    }

    /// The conversation with `id`, if active.
    pub fn conversation(&self, id: &str) -> Option<&Conversation> {
        self.conversations.get(id)
    }

    /// The agents, in no particular order.
    pub fn agents(&self) -> &[Agent] {
        self.agents.items()
    }

    /// The agent with `id`, if known.
    pub fn agent(&self, id: &str) -> Option<&Agent> {
        self.agents.get(id)
    }

    /// After a snapshot load the stream must resume where the least recent
    /// collection stands, so that nothing it lacks is skipped.
    fn reset_position(&mut self) {
        self.position = match (self.conversations_sequence, self.agents_sequence) {
            (Some(c), Some(a)) => c.min(a),
            (Some(s), None) | (None, Some(s)) => s,
            (None, None) => 0,
        };
    }
}

/// Moves a collection's sequence up to `sequence`; returns whether the event
/// is news to it (not already in its snapshot). A collection with no snapshot
/// yet takes every event.
fn advance(collection_sequence: &mut Option<u64>, sequence: u64) -> bool {
    match collection_sequence {
        Some(s) if *s >= sequence => false,
        Some(s) => {
            *s = sequence;
            true
        }
        None => true,
    }
}

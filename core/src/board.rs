//! The live state the monitor shows: snapshots plus the change stream,
//! addressed by identity, and the views (queries) open on it.
//!
//! Everything that arrives is first *staged* ([`Board::stage`]): checked
//! against the stream position and kept in the inbox. [`Board::flush`]
//! applies what waits in one step and brings every open view up to date
//! in the same step, so a list, its count, its selection and its figures
//! always describe the same rows. Not flushing (a pause, a hidden tab)
//! leaves all of them exactly as they are.
//!
//! The two snapshots (conversations, agents) are fetched separately and may
//! be consistent with different stream sequences. Each collection remembers
//! the sequence it reflects, so one stream serves both without an event
//! already contained in a snapshot rolling it back.

mod ahead;
mod reading;
#[cfg(test)]
mod tests;
mod views;

use std::sync::Arc;

use self::ahead::Ahead;
use crate::agent_query::AgentQuery;
use crate::enums::ConversationStatus;
use crate::event::Change;
use crate::live::inbox::{Inbox, Item};
pub use crate::live::index::Listing;
use crate::live::index::{Change as RowChange, Index, Op};
use crate::live::summary::{AgentSummary, ConversationContext, ConversationSummary};
use crate::live::view::View;
use crate::live::views::Views;
use crate::presence_log::PresenceLog;
use crate::query::ConversationQuery;
use crate::thresholds::WaitThresholds;
use crate::wire::{Agent, AgentsSnapshot, Conversation, ConversationsSnapshot};

pub use crate::live::inbox::{Input, Staged};

/// A view of conversations: the rows of a query, in order, and their figures.
pub type ConversationView = View<Conversation, ConversationQuery, ConversationSummary>;
/// A view of agents.
pub type AgentView = View<Agent, AgentQuery, AgentSummary>;

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

/// Where the stream stands for each collection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Positions {
    /// The sequence each collection reflects: its snapshot's, advanced by
    /// every applied event. `None` until its snapshot is loaded.
    conversations: Option<u64>,
    agents: Option<u64>,
    /// The last event applied (or skipped as already contained).
    stream: u64,
}

impl Positions {
    /// After a snapshot load the stream must resume where the least recent
    /// collection stands, so that nothing it lacks is skipped.
    fn reset(&mut self) {
        self.stream = match (self.conversations, self.agents) {
            (Some(c), Some(a)) => c.min(a),
            (Some(s), None) | (None, Some(s)) => s,
            (None, None) => 0,
        };
    }

    /// Checks an event against the stream position.
    fn check(&self, sequence: u64, after: u64) -> Staged {
        if sequence <= self.stream {
            Staged::Ignored
        } else if after != self.stream {
            Staged::Gap
        } else {
            Staged::Accepted
        }
    }

    /// Takes an accepted event: which collections it is news to.
    fn advance(&mut self, sequence: u64) -> (bool, bool) {
        self.stream = sequence;
        (
            advance(&mut self.conversations, sequence),
            advance(&mut self.agents, sequence),
        )
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

/// Conversations and agents as of the last flush, and the views open on them.
#[derive(Debug, Clone, Default)]
pub struct Board {
    conversations: Index<Conversation>,
    agents: Index<Agent>,
    /// As of the last flush.
    applied: Positions,
    /// As of everything staged: where the stream resumes.
    staged: Positions,
    inbox: Inbox,
    /// Answers to the user's own actions ahead of the stream.
    ahead: Ahead,
    /// Agents' presence changes as they reached the board.
    presence: PresenceLog,
    conversation_views: Views<Conversation, ConversationQuery, ConversationSummary>,
    agent_views: Views<Agent, AgentQuery, AgentSummary>,
    /// Bumped by every flush that changed something.
    revision: u64,
}

impl Board {
    /// An empty board at stream position 0, with the default thresholds.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty board whose views judge waits by `thresholds`.
    pub fn with_thresholds(thresholds: WaitThresholds) -> Self {
        Self {
            conversations: Index::with_context(ConversationContext::new(thresholds)),
            ..Self::default()
        }
    }

    /// How views list their rows; [`Listing::Adaptive`] unless a test
    /// wants one path checked at any size.
    pub fn set_listing(&mut self, listing: Listing) {
        self.conversations.set_listing(listing);
        self.agents.set_listing(listing);
    }

    // ---- Staging and flushing -------------------------------------------

    /// Takes `input` into the inbox, checking a stream change against the
    /// position everything staged so far leads to. Nothing on the board
    /// changes until [`Self::flush`].
    pub fn stage(&mut self, input: Input) -> Staged {
        let item = match input {
            Input::Conversations(snapshot) => {
                self.staged.conversations = Some(snapshot.sequence);
                self.staged.reset();
                Item::Conversations(snapshot)
            }
            Input::Agents(snapshot) => {
                self.staged.agents = Some(snapshot.sequence);
                self.staged.reset();
                Item::Agents(snapshot)
            }
            Input::Change {
                sequence,
                after,
                change,
            } => {
                let verdict = self.staged.check(sequence, after);
                if verdict != Staged::Accepted {
                    return verdict;
                }
                self.staged.advance(sequence);
                Item::Change { sequence, change }
            }
            Input::Own(conversation) => Item::Own(conversation),
            Input::Archived(conversation) => Item::Archived(conversation),
        };
        self.inbox.push(item);
        Staged::Accepted
    }

    /// How many staged items wait for the next flush (one per row at most).
    pub fn waiting(&self) -> usize {
        self.inbox.len()
    }

    /// Applies everything staged, and updates every open view, in one
    /// step. Returns whether anything on the board changed.
    pub fn flush(&mut self) -> bool {
        if self.inbox.is_empty() {
            return false;
        }
        let (items, superseded_presence) = self.inbox.take();
        let mut conversation_ops = Vec::new();
        let mut agent_ops = Vec::new();
        let (mut conversation_changes, mut agent_changes) = (Vec::new(), Vec::new());
        for (id, change) in superseded_presence {
            self.presence.observe_change(&id, change);
        }
        for item in items {
            match item {
                Item::Conversations(snapshot) => {
                    conversation_changes.extend(
                        self.conversations
                            .apply(std::mem::take(&mut conversation_ops)),
                    );
                    let ops = replace_all(&self.conversations, active_only(snapshot.conversations));
                    conversation_changes.extend(self.conversations.apply(ops));
                    // An answer newer than the snapshot still shows.
                    conversation_ops.extend(
                        self.ahead
                            .newer_than(snapshot.sequence)
                            .map(conversation_op),
                    );
                    self.applied.conversations = Some(snapshot.sequence);
                    self.applied.reset();
                }
                Item::Agents(snapshot) => {
                    agent_changes.extend(self.agents.apply(std::mem::take(&mut agent_ops)));
                    for agent in &snapshot.agents {
                        self.presence.observe(agent);
                    }
                    let ops = replace_all(&self.agents, snapshot.agents.into_iter().map(Arc::new));
                    agent_changes.extend(self.agents.apply(ops));
                    let agents = &self.agents;
                    self.presence
                        .retain_agents(|id| agents.table().by_id(id).is_some());
                    self.applied.agents = Some(snapshot.sequence);
                    self.applied.reset();
                }
                Item::Change { sequence, change } => {
                    let (to_conversations, to_agents) = self.applied.advance(sequence);
                    let to_conversations = to_conversations && self.ahead.passes(&change, sequence);
                    match change {
                        Change::ConversationUpsert(c) if to_conversations => {
                            conversation_ops.push(conversation_op(c));
                        }
                        Change::ConversationRemove { id } if to_conversations => {
                            conversation_ops.push(Op::Remove(id));
                        }
                        Change::AgentUpsert(a) if to_agents => {
                            self.presence.observe(&a);
                            agent_ops.push(Op::Upsert(Arc::new(a)));
                        }
                        _ => {}
                    }
                }
                Item::Own(c) => {
                    let position = self.applied.conversations.unwrap_or(0);
                    if let Some(c) = self.ahead.admit(c, position) {
                        conversation_ops.push(conversation_op(c));
                    }
                }
                Item::Archived(c) => conversation_ops.push(Op::Upsert(Arc::new(c))),
            }
        }
        conversation_changes.extend(self.conversations.apply(conversation_ops));
        agent_changes.extend(self.agents.apply(agent_ops));
        self.update_views(&conversation_changes, &agent_changes);
        let changed = !conversation_changes.is_empty() || !agent_changes.is_empty();
        if changed {
            self.revision += 1;
        }
        changed
    }

    fn update_views(
        &mut self,
        conversations: &[RowChange<Conversation>],
        agents: &[RowChange<Agent>],
    ) {
        self.conversation_views
            .apply(&mut self.conversations, conversations);
        self.agent_views.apply(&mut self.agents, agents);
    }

    /// Changes on every flush that changed a row.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    // ---- Immediate changes (stage + flush) ------------------------------

    /// Replaces all conversations with the snapshot (active ones only: a
    /// `finished` one is dropped). A repeated id keeps its last occurrence.
    pub fn load_conversations(&mut self, snapshot: ConversationsSnapshot) {
        self.stage(Input::Conversations(snapshot));
        self.flush();
    }

    /// Replaces all agents with the snapshot.
    pub fn load_agents(&mut self, snapshot: AgentsSnapshot) {
        self.stage(Input::Agents(snapshot));
        self.flush();
    }

    /// Applies one stream change at once.
    ///
    /// `sequence` <= [`Self::sequence`] ⇒ [`Applied::Ignored`]. `after` !=
    /// [`Self::sequence`] ⇒ [`Applied::Gap`] (nothing changes). Otherwise the
    /// position advances to `sequence`, and the change is applied to its
    /// collection only if `sequence` is newer than what that collection
    /// already reflects ⇒ [`Applied::Changed`]. An upsert with status
    /// `finished` removes the conversation; removing an unknown id is fine.
    pub fn apply(&mut self, sequence: u64, after: u64, change: Change) -> Applied {
        let verdict = self.stage(Input::Change {
            sequence,
            after,
            change,
        });
        self.flush();
        match verdict {
            Staged::Accepted => Applied::Changed,
            Staged::Ignored => Applied::Ignored,
            Staged::Gap => Applied::Gap,
        }
    }

    /// Shows the result of the user's own action (a transfer or an end) at
    /// once, before its stream event arrives. The stream position does not
    /// move: the event, when it comes, applies the same state again. A
    /// finished conversation leaves the board.
    pub fn reflect_action(&mut self, conversation: Conversation) {
        self.stage(Input::Own(conversation));
        self.flush();
    }
}

/// A finished conversation leaves the board; any other is upserted.
fn conversation_op(c: Conversation) -> Op<Conversation> {
    if c.status == ConversationStatus::Finished {
        Op::Remove(c.id)
    } else {
        Op::Upsert(Arc::new(c))
    }
}

/// The active conversations of a snapshot (a `finished` one is dropped).
fn active_only(conversations: Vec<Conversation>) -> impl Iterator<Item = Arc<Conversation>> {
    conversations
        .into_iter()
        .filter(|c| c.status != ConversationStatus::Finished)
        .map(Arc::new)
}

/// The operations that turn `index` into exactly `records` (a repeated id
/// keeps its last occurrence): upserts, which change only what differs,
/// then removals of what the snapshot lacks. Rows that did not change keep
/// their key and version, so a resync rebuilds nothing on screen for them.
fn replace_all<R: crate::live::record::Indexed>(
    index: &Index<R>,
    records: impl Iterator<Item = Arc<R>>,
) -> Vec<Op<R>> {
    let mut ops: Vec<Op<R>> = records.map(Op::Upsert).collect();
    let kept: std::collections::HashSet<&str> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Upsert(r) => Some(r.id()),
            Op::Remove(_) => None,
        })
        .collect();
    let gone: Vec<String> = index
        .table()
        .rows()
        .map(|(_, row)| row.record.id())
        .filter(|id| !kept.contains(id))
        .map(str::to_owned)
        .collect();
    ops.extend(gone.into_iter().map(Op::Remove));
    ops
}

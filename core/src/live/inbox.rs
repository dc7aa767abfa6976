//! What has arrived but is not on the board yet. Snapshots, stream changes
//! and the results of the user's own actions are checked for order when
//! they arrive and applied together at the next flush; until then the
//! board — and every list drawn from it — stays exactly as it was. Pausing
//! is simply not flushing.
//!
//! A later change to a row supersedes an earlier one still waiting (the
//! last upsert or removal of an id decides its state), so a long pause
//! holds one change per row, not one per event. The answers to the user's
//! own actions are kept apart: the board weighs them against the stream by
//! version.

use std::collections::HashMap;

use crate::event::Change;
use crate::presence_log::PresenceChange;
use crate::wire::{Agent, AgentsSnapshot, Conversation, ConversationsSnapshot};

/// Most agent presence changes kept while waiting (the oldest go first).
const PRESENCE_KEPT: usize = 10_000;

/// Something to put on the board.
#[derive(Debug, Clone)]
pub enum Input {
    Conversations(ConversationsSnapshot),
    Agents(AgentsSnapshot),
    /// A stream change: its sequence and the one it follows.
    Change {
        sequence: u64,
        after: u64,
        change: Change,
    },
    /// The result of the user's own action, shown before its stream event.
    Own(Conversation),
    /// A row of a board that keeps what it is given, finished or not (the
    /// finished conversations of a date range); no stream position.
    Archived(Conversation),
}

/// What staging an input did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Staged {
    /// Taken; the stream position advanced (or a snapshot set it).
    Accepted,
    /// `sequence` <= the position: a duplicate or an old event, dropped.
    Ignored,
    /// `after` != the position: an event was lost; nothing was taken.
    Gap,
}

/// One waiting item, as the board will apply it.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    Conversations(ConversationsSnapshot),
    Agents(AgentsSnapshot),
    Change { sequence: u64, change: Change },
    Own(Conversation),
    Archived(Conversation),
}

/// The kinds of row an item changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Conversation,
    Agent,
    /// The answer to the user's own action: it neither supersedes nor is
    /// superseded by stream changes to the same conversation, because which
    /// of them is newer is decided by their versions at the flush.
    Own,
}

/// Which row an item changes, for superseding.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct RowOf(Kind, String);

impl Item {
    /// The row it changes; `None` for a snapshot (it changes them all).
    fn row(&self) -> Option<RowOf> {
        match self {
            Item::Conversations(_) | Item::Agents(_) => None,
            Item::Change { change, .. } => Some(match change {
                Change::ConversationUpsert(c) => RowOf(Kind::Conversation, c.id.clone()),
                Change::ConversationRemove { id } => RowOf(Kind::Conversation, id.clone()),
                Change::AgentUpsert(a) => RowOf(Kind::Agent, a.id.clone()),
            }),
            Item::Own(c) => Some(RowOf(Kind::Own, c.id.clone())),
            Item::Archived(c) => Some(RowOf(Kind::Conversation, c.id.clone())),
        }
    }

    /// The kind of row a snapshot replaces.
    fn snapshot_of(&self) -> Option<Kind> {
        match self {
            Item::Conversations(_) => Some(Kind::Conversation),
            Item::Agents(_) => Some(Kind::Agent),
            _ => None,
        }
    }
}

/// Waiting items in arrival order, one per row at most.
#[derive(Debug, Clone, Default)]
pub(crate) struct Inbox {
    /// `None`: superseded by a later item.
    items: Vec<Option<Item>>,
    /// The waiting item of each row.
    latest: HashMap<RowOf, usize>,
    live: usize,
    /// Presence changes of superseded agent upserts, so the timeline keeps
    /// every presence the stream reported, not just the last.
    presence: Vec<(String, PresenceChange)>,
}

impl Inbox {
    pub(crate) fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// How many items wait.
    pub(crate) fn len(&self) -> usize {
        self.live
    }

    pub(crate) fn push(&mut self, item: Item) {
        match (item.row(), item.snapshot_of()) {
            (Some(row), _) => self.supersede(&row),
            (None, Some(kind)) => self.supersede_kind(kind),
            (None, None) => {}
        }
        if let Some(row) = item.row() {
            self.latest.insert(row, self.items.len());
        }
        self.items.push(Some(item));
        self.live += 1;
    }

    /// Takes every waiting item, in arrival order, and the presence
    /// changes of superseded agent upserts.
    pub(crate) fn take(&mut self) -> (Vec<Item>, Vec<(String, PresenceChange)>) {
        let items = std::mem::take(&mut self.items)
            .into_iter()
            .flatten()
            .collect();
        self.latest.clear();
        self.live = 0;
        (items, std::mem::take(&mut self.presence))
    }

    fn supersede(&mut self, row: &RowOf) {
        if let Some(index) = self.latest.remove(row) {
            self.drop_item(index);
        }
        self.compact();
    }

    /// A snapshot of `kind` replaces every waiting change of that kind
    /// and any earlier snapshot of it.
    fn supersede_kind(&mut self, kind: Kind) {
        self.latest.retain(|row, _| row.0 != kind);
        for index in 0..self.items.len() {
            let of_kind = self.items[index].as_ref().is_some_and(|item| {
                item.row().map(|r| r.0) == Some(kind) || item.snapshot_of() == Some(kind)
            });
            if of_kind {
                self.drop_item(index);
            }
        }
        self.compact();
    }

    fn drop_item(&mut self, index: usize) {
        if let Some(item) = self.items.get_mut(index).and_then(Option::take) {
            self.keep_presence(item);
            self.live -= 1;
        }
    }

    fn keep_presence(&mut self, item: Item) {
        if let Item::Change {
            change: Change::AgentUpsert(agent),
            ..
        } = item
        {
            if self.presence.len() >= PRESENCE_KEPT {
                self.presence.remove(0);
            }
            self.presence.push((agent.id.clone(), presence_of(&agent)));
        }
    }

    /// Drops superseded entries once they outnumber the waiting ones, so a
    /// long pause costs memory per row, not per event.
    fn compact(&mut self) {
        if self.items.len() < 64 || self.items.len() < self.live * 2 {
            return;
        }
        let items: Vec<Item> = std::mem::take(&mut self.items)
            .into_iter()
            .flatten()
            .collect();
        self.latest.clear();
        for (index, item) in items.iter().enumerate() {
            if let Some(row) = item.row() {
                self.latest.insert(row, index);
            }
        }
        self.items = items.into_iter().map(Some).collect();
    }
}

fn presence_of(agent: &Agent) -> PresenceChange {
    PresenceChange {
        at: agent.status_since,
        status: agent.status.clone(),
        set_by: agent.status_set_by.clone(),
    }
}

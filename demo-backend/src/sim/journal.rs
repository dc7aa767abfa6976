//! The change journal: the global sequence, a ring buffer of recent changes
//! (for `Last-Event-ID` resume) and the broadcast to live streams.
//!
//! Everything here is called with the simulation lock held, so "snapshot at
//! sequence N" and "subscribe after sequence N" are exact: no change can slip
//! between reading the state and subscribing.

use std::collections::VecDeque;
use std::sync::Arc;

use monitor_core::event::Change;
use monitor_core::wire::Conversation;
use monitor_core::ConversationStatus;
use tokio::sync::broadcast;

/// Changes kept for resuming.
pub const RING_CAPACITY: usize = 10_000;

/// Changes a slow stream may fall behind before it is told to resync.
const BROADCAST_CAPACITY: usize = 4_096;

/// One change with its global sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub sequence: u64,
    pub change: Change,
    /// Where the conversation stood before this change, if it existed: a
    /// scoped stream needs it to tell that a conversation left its scope.
    pub before: Option<Footprint>,
}

/// The parts of a conversation that decide who may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footprint {
    pub agent_id: Option<String>,
    pub department_id: String,
    pub queued: bool,
}

impl Footprint {
    pub fn of(c: &Conversation) -> Self {
        Self {
            agent_id: c.agent.as_ref().map(|a| a.id.clone()),
            department_id: c.department.id.clone(),
            queued: c.status == ConversationStatus::Queued,
        }
    }
}

#[derive(Debug)]
pub struct Journal {
    sequence: u64,
    ring: VecDeque<Arc<Entry>>,
    capacity: usize,
    tx: broadcast::Sender<Arc<Entry>>,
}

impl Default for Journal {
    fn default() -> Self {
        Self::with_capacity(RING_CAPACITY)
    }
}

impl Journal {
    pub fn with_capacity(capacity: usize) -> Self {
        let (tx, _) = broadcast::channel(BROADCAST_CAPACITY);
        Self {
            sequence: 0,
            ring: VecDeque::new(),
            capacity: capacity.max(1),
            tx,
        }
    }

    /// A journal whose first change gets sequence `base + 1`, and from which
    /// only `base` itself can be resumed until then: any earlier point (say,
    /// from before a restart) gets `resync`.
    pub fn starting_after(base: u64) -> Self {
        Self {
            sequence: base,
            ..Self::default()
        }
    }

    /// The sequence of the latest change (the base before any).
    pub fn sequence(&self) -> u64 {
        self.sequence
    }

    /// Records a change under the next sequence and sends it to live streams.
    /// The sequence the next pushed change will get.
    pub fn next_sequence(&self) -> u64 {
        self.sequence + 1
    }

    pub fn push(&mut self, change: Change, before: Option<Footprint>) -> u64 {
        self.sequence += 1;
        let entry = Arc::new(Entry {
            sequence: self.sequence,
            change,
            before,
        });
        if self.ring.len() >= self.capacity {
            self.ring.pop_front();
        }
        self.ring.push_back(entry.clone());
        // No receiver is not an error: nobody is watching right now.
        let _ = self.tx.send(entry);
        self.sequence
    }

    /// A receiver of every change pushed from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Entry>> {
        self.tx.subscribe()
    }

    /// The changes after `after`, or `None` when they cannot all be given:
    /// `after` is older than the ring or ahead of the current sequence.
    pub fn since(&self, after: u64) -> Option<Vec<Arc<Entry>>> {
        if after > self.sequence {
            return None;
        }
        // The oldest sequence still resumable from: everything after it is in the ring.
        let oldest = self
            .ring
            .front()
            .map_or(self.sequence, |first| first.sequence - 1);
        if after < oldest {
            return None;
        }
        let skip = usize::try_from(after - oldest).ok()?;
        Some(self.ring.iter().skip(skip).cloned().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remove(id: &str) -> Change {
        Change::ConversationRemove { id: id.into() }
    }

    #[test]
    fn since_replays_what_came_after_a_point_inside_the_ring() {
        let mut journal = Journal::with_capacity(3);
        for id in ["a", "b", "c", "d", "e"] {
            journal.push(remove(id), None);
        }
        // Ring holds 3, 4, 5: resumable from 2 on.
        let after_two: Vec<u64> = journal
            .since(2)
            .unwrap()
            .iter()
            .map(|e| e.sequence)
            .collect();
        assert_eq!(after_two, [3, 4, 5]);
        assert_eq!(journal.since(4).unwrap().len(), 1);
        assert!(journal.since(5).unwrap().is_empty());
        assert!(
            journal.since(1).is_none(),
            "4 lost changes cannot be replayed"
        );
        assert!(
            journal.since(6).is_none(),
            "the future cannot be resumed from"
        );
    }

    #[test]
    fn a_fresh_journal_resumes_only_from_zero() {
        let journal = Journal::default();
        assert_eq!(journal.since(0), Some(vec![]));
        assert!(journal.since(1).is_none());
    }

    #[test]
    fn a_journal_started_after_a_base_resumes_only_from_the_base_on() {
        let mut journal = Journal::starting_after(1_000);
        assert_eq!(journal.since(1_000), Some(vec![]));
        assert!(journal.since(999).is_none(), "an id of an earlier run");
        assert_eq!(journal.push(remove("a"), None), 1_001);
        assert_eq!(journal.since(1_000).unwrap().len(), 1);
        assert!(journal.since(0).is_none());
    }

    #[test]
    fn subscribers_receive_pushed_changes_in_order() {
        let mut journal = Journal::default();
        let mut rx = journal.subscribe();
        journal.push(remove("a"), None);
        journal.push(remove("b"), None);
        assert_eq!(rx.try_recv().unwrap().sequence, 1);
        assert_eq!(rx.try_recv().unwrap().sequence, 2);
    }
}

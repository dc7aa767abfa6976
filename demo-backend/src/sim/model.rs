//! The simulated contact center's state: departments, agents, active and
//! finished conversations. Stored as the wire types themselves, so a snapshot
//! is a filter and a clone.

use std::collections::{BTreeSet, HashMap, VecDeque};

use monitor_core::wire::{
    Agent, AgentRef, Conversation, ConversationAction, DepartmentRef, Message, Timestamp,
};
use monitor_core::ConversationStatus;

use super::preview;

/// How many finished conversations are kept for `scope=finished` and transcripts.
pub const FINISHED_CAPACITY: usize = 20_000;

/// Messages produced by the simulation kept per conversation (the oldest go first).
const LIVE_MESSAGES_CAPACITY: usize = 100;

/// A conversation with what is needed to produce its transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvRecord {
    pub conversation: Conversation,
    pub opening: Opening,
    /// Messages produced by the simulation after the opening.
    pub live: Vec<Message>,
    /// Supervisors' actions on it (transfers, the ending), oldest first:
    /// who did what and when. Kept as long as the record.
    pub actions: Vec<ConversationAction>,
}

/// The facts the generated part of a transcript is built from, frozen when the
/// conversation was created, so the transcript does not change under later
/// transfers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub agent: Option<AgentRef>,
    pub department: DepartmentRef,
    /// Time of the last generated message.
    pub until: Timestamp,
}

impl ConvRecord {
    /// Appends a message to the transcript. The conversation's
    /// `last_message` and `updated_at` follow here, in the one place every
    /// message goes through, so the row can never disagree with the
    /// transcript.
    pub fn push_message(&mut self, message: Message) {
        if self.live.len() >= LIVE_MESSAGES_CAPACITY {
            self.live.remove(0);
        }
        self.conversation.updated_at = Some(message.sent_at);
        self.conversation.last_message = Some(preview::last_message(&message));
        self.live.push(message);
    }
}

/// The whole simulated state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct World {
    pub departments: Vec<DepartmentRef>,
    pub agents: Vec<Agent>,
    pub agent_index: HashMap<String, usize>,
    /// Agent indices per department index.
    pub members: Vec<Vec<usize>>,
    pub active: ActiveStore,
    pub finished: FinishedStore,
}

impl World {
    pub fn department_index(&self, id: &str) -> Option<usize> {
        self.departments.iter().position(|d| d.id == id)
    }

    pub fn agent(&self, id: &str) -> Option<&Agent> {
        self.agent_index.get(id).map(|&i| &self.agents[i])
    }

    /// The active or finished conversation with this id.
    pub fn record(&self, id: &str) -> Option<&ConvRecord> {
        self.active.get(id).or_else(|| self.finished.get(id))
    }
}

/// Active conversations: random access by position (for the simulation's
/// random picks), lookup by id, and the queue in arrival order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActiveStore {
    records: Vec<ConvRecord>,
    index: HashMap<String, usize>,
    /// Queued conversations, longest waiting first.
    queue: BTreeSet<(Timestamp, String)>,
}

fn queue_key(c: &Conversation) -> Option<(Timestamp, String)> {
    (c.status == ConversationStatus::Queued).then(|| (c.status_since, c.id.clone()))
}

impl ActiveStore {
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &ConvRecord> {
        self.records.iter()
    }

    pub fn at(&self, position: usize) -> &ConvRecord {
        &self.records[position]
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&ConvRecord> {
        self.position(id).map(|i| &self.records[i])
    }

    /// Ids of queued conversations, longest waiting first.
    pub fn queue(&self) -> impl Iterator<Item = &str> {
        self.queue.iter().map(|(_, id)| id.as_str())
    }

    pub fn insert(&mut self, record: ConvRecord) {
        if let Some(key) = queue_key(&record.conversation) {
            self.queue.insert(key);
        }
        self.index
            .insert(record.conversation.id.clone(), self.records.len());
        self.records.push(record);
    }

    pub fn remove(&mut self, position: usize) -> ConvRecord {
        let record = self.records.swap_remove(position);
        self.index.remove(&record.conversation.id);
        if let Some(moved) = self.records.get(position) {
            self.index.insert(moved.conversation.id.clone(), position);
        }
        if let Some(key) = queue_key(&record.conversation) {
            self.queue.remove(&key);
        }
        record
    }

    /// Changes a record in place, keeping the queue index right. The id must
    /// not change.
    pub fn modify<R>(&mut self, position: usize, f: impl FnOnce(&mut ConvRecord) -> R) -> R {
        let record = &mut self.records[position];
        let before = queue_key(&record.conversation);
        let result = f(record);
        let after = queue_key(&record.conversation);
        if before != after {
            if let Some(key) = before {
                self.queue.remove(&key);
            }
            if let Some(key) = after {
                self.queue.insert(key);
            }
        }
        result
    }
}

/// The most recently finished conversations, oldest evicted first. Each gets
/// an increasing serial number, which is what paging cursors point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinishedStore {
    records: VecDeque<ConvRecord>,
    first_serial: u64,
    index: HashMap<String, u64>,
    capacity: usize,
}

impl Default for FinishedStore {
    fn default() -> Self {
        Self::with_capacity(FINISHED_CAPACITY)
    }
}

impl FinishedStore {
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            records: VecDeque::new(),
            first_serial: 0,
            index: HashMap::new(),
            capacity: capacity.max(1),
        }
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn push(&mut self, record: ConvRecord) {
        if self.records.len() >= self.capacity {
            if let Some(old) = self.records.pop_front() {
                self.index.remove(&old.conversation.id);
            }
            self.first_serial += 1;
        }
        let serial = self.end_serial();
        self.index.insert(record.conversation.id.clone(), serial);
        self.records.push_back(record);
    }

    pub fn get(&self, id: &str) -> Option<&ConvRecord> {
        self.index.get(id).and_then(|&s| self.at_serial(s))
    }

    /// The serial the next pushed record will get.
    pub fn end_serial(&self) -> u64 {
        self.first_serial + self.records.len() as u64
    }

    pub fn first_serial(&self) -> u64 {
        self.first_serial
    }

    pub fn at_serial(&self, serial: u64) -> Option<&ConvRecord> {
        let offset = serial.checked_sub(self.first_serial)?;
        self.records.get(usize::try_from(offset).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use monitor_core::wire::Customer;
    use monitor_core::Channel;

    fn record(id: &str, status: ConversationStatus, secs: i64) -> ConvRecord {
        let at = Utc.timestamp_opt(1_800_000_000 + secs, 0).unwrap();
        let department = DepartmentRef {
            id: "d".into(),
            name: "D".into(),
        };
        ConvRecord {
            conversation: Conversation {
                id: id.into(),
                ticket: None,
                channel: Channel::Webchat,
                status,
                customer: Customer {
                    name: "C".into(),
                    phone: None,
                    email: None,
                },
                agent: None,
                department: department.clone(),
                created_at: at,
                updated_at: None,
                status_since: at,
                finished_at: None,
                transfers: 0,
                last_message: None,
                end_justification: None,
                version: None,
            },
            opening: Opening {
                agent: None,
                department,
                until: at,
            },
            live: vec![],
            actions: vec![],
        }
    }

    #[test]
    fn queue_lists_queued_conversations_longest_waiting_first_and_follows_changes() {
        let mut store = ActiveStore::default();
        store.insert(record("late", ConversationStatus::Queued, 50));
        store.insert(record("early", ConversationStatus::Queued, 10));
        store.insert(record("served", ConversationStatus::InProgress, 0));
        assert_eq!(store.queue().collect::<Vec<_>>(), ["early", "late"]);

        let early = store.position("early").unwrap();
        store.modify(early, |r| {
            r.conversation.status = ConversationStatus::InProgress
        });
        assert_eq!(store.queue().collect::<Vec<_>>(), ["late"]);

        let late = store.position("late").unwrap();
        store.remove(late);
        assert_eq!(store.queue().count(), 0);
        assert!(store.get("early").is_some() && store.get("served").is_some());
        assert_eq!(store.len(), 2);
    }

    #[test]
    fn finished_store_evicts_the_oldest_and_keeps_serials_stable() {
        let mut store = FinishedStore::with_capacity(2);
        for id in ["a", "b", "c"] {
            store.push(record(id, ConversationStatus::Finished, 0));
        }
        assert!(store.get("a").is_none());
        assert_eq!(store.first_serial(), 1);
        assert_eq!(store.at_serial(2).unwrap().conversation.id, "c");
        assert_eq!(store.get("b").unwrap().conversation.id, "b");
    }
}

//! What the simulation has planned: the next arrival, when each queued
//! customer gives up, when each served conversation ends.
//!
//! Plans are not withdrawn when a supervisor acts on a conversation; each
//! names the state it was made for, and a plan whose conversation has moved
//! on since is dropped when it comes due.

use std::collections::BTreeMap;

use monitor_core::wire::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// The next customer arrives.
    Arrival,
    /// A queued customer gives up, if still queued since `queued_since`.
    Abandon { id: String, queued_since: Timestamp },
    /// An agent is done with a conversation: it ends or is passed on, if
    /// `agent` still serves it and it has not been transferred since.
    ServiceEnd {
        id: String,
        agent: String,
        transfers: u32,
        /// When this agent took it (the handle time starts there).
        answered_at: Timestamp,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agenda {
    /// By time, then by the order they were planned in (ties are common
    /// at whole seconds, and the order must not depend on anything else).
    items: BTreeMap<(Timestamp, u64), Due>,
    planned: u64,
}

impl Agenda {
    pub fn plan(&mut self, at: Timestamp, due: Due) {
        self.items.insert((at, self.planned), due);
        self.planned += 1;
    }

    /// The earliest plan due at `now` or before, taken off the agenda.
    pub fn next_due(&mut self, now: Timestamp) -> Option<(Timestamp, Due)> {
        let entry = self.items.first_entry()?;
        if entry.key().0 > now {
            return None;
        }
        let ((at, _), due) = entry.remove_entry();
        Some((at, due))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_come_due_in_time_order_then_in_planning_order() {
        let t = |s: i64| chrono::DateTime::from_timestamp(1_800_000_000 + s, 0).unwrap();
        let mut agenda = Agenda::default();
        agenda.plan(t(5), Due::Arrival);
        let abandon = |id: &str| Due::Abandon {
            id: id.into(),
            queued_since: t(0),
        };
        agenda.plan(t(2), abandon("b"));
        agenda.plan(t(2), abandon("a"));
        assert_eq!(agenda.next_due(t(1)), None);
        assert_eq!(agenda.next_due(t(3)), Some((t(2), abandon("b"))));
        assert_eq!(agenda.next_due(t(3)), Some((t(2), abandon("a"))));
        assert_eq!(agenda.next_due(t(3)), None);
        assert_eq!(agenda.next_due(t(9)), Some((t(5), Due::Arrival)));
        assert_eq!(agenda.next_due(t(99)), None);
    }
}

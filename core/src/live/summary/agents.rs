//! The agent indicators, kept by deltas.

use crate::enums::AgentStatus;
use crate::indicators::AgentIndicators;
use crate::wire::Agent;

use super::Summary;

/// What an agent adds to the indicators.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AgentFacts {
    presence: Presence,
    active: u32,
    capacity: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Presence {
    #[default]
    Online,
    Connected,
    Offline,
    Other,
}

impl AgentFacts {
    pub fn of(agent: &Agent) -> Self {
        Self {
            presence: match agent.status {
                AgentStatus::Online => Presence::Online,
                AgentStatus::Connected => Presence::Connected,
                AgentStatus::Offline => Presence::Offline,
                AgentStatus::Other(_) => Presence::Other,
            },
            active: agent.active_conversations,
            capacity: agent.capacity,
        }
    }
}

/// Counts by presence and the load of agents who are not offline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentSummary {
    online: usize,
    connected: usize,
    offline: usize,
    other: usize,
    active: u64,
    capacity: u64,
}

impl AgentSummary {
    /// The indicators (the same as [`crate::agent_indicators`] over the
    /// same agents).
    pub fn indicators(&self) -> AgentIndicators {
        AgentIndicators {
            online: self.online,
            connected: self.connected,
            offline: self.offline,
            other: self.other,
            total: self.online + self.connected + self.offline + self.other,
            occupancy: (self.capacity > 0).then(|| self.active as f64 / self.capacity as f64),
        }
    }

    fn count(&mut self, facts: &AgentFacts, add: bool) {
        let step = |n: &mut usize| {
            *n = if add { *n + 1 } else { n.saturating_sub(1) };
        };
        match facts.presence {
            Presence::Online => step(&mut self.online),
            Presence::Connected => step(&mut self.connected),
            Presence::Offline => {
                step(&mut self.offline);
                // An offline agent takes no conversations: not in the load.
                return;
            }
            Presence::Other => step(&mut self.other),
        }
        let (active, capacity) = (u64::from(facts.active), u64::from(facts.capacity));
        if add {
            self.active += active;
            self.capacity += capacity;
        } else {
            self.active = self.active.saturating_sub(active);
            self.capacity = self.capacity.saturating_sub(capacity);
        }
    }
}

impl Summary<AgentFacts> for AgentSummary {
    fn add(&mut self, facts: &AgentFacts) {
        self.count(facts, true);
    }

    fn remove(&mut self, facts: &AgentFacts) {
        self.count(facts, false);
    }

    fn is_settled(&self) -> bool {
        true
    }

    fn settle<'a>(&mut self, _rows: impl Iterator<Item = &'a AgentFacts>) {}
}

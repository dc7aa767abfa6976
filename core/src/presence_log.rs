//! Each agent's presence changes as the monitor saw them: from the first
//! snapshot (the status the agent was in, since when) and every change the
//! stream or a reloaded snapshot brought. The drill-down shows today's.
//!
//! Bounded for a monitor left open for days: at most [`PER_AGENT`] changes
//! per agent, and [`PresenceLog::forget_before`] drops the older days.

use std::collections::{HashMap, VecDeque};

use crate::enums::AgentStatus;
use crate::wire::{Agent, Timestamp, UserRef};

/// Most changes kept per agent; the oldest go first.
pub const PER_AGENT: usize = 200;

/// One presence change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresenceChange {
    /// When the agent entered `status` (the agent's `status_since`).
    pub at: Timestamp,
    pub status: AgentStatus,
    /// The supervisor who set it, when it was not the agent.
    pub set_by: Option<UserRef>,
}

/// One agent's presence over a day, see [`PresenceLog::day`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PresenceDay {
    /// The presence the day began in, entered before the day started;
    /// `None` when the first presence seen is from the day itself.
    pub began_in: Option<PresenceChange>,
    /// The changes during the day, oldest first.
    pub changes: Vec<PresenceChange>,
}

/// Presence changes by agent id, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PresenceLog {
    by_agent: HashMap<String, VecDeque<PresenceChange>>,
}

impl PresenceLog {
    /// Records `agent`'s presence unless it is already recorded (same
    /// status since the same instant): an upsert that changed only, say,
    /// the load records nothing, nor does a reloaded snapshot.
    pub fn observe(&mut self, agent: &Agent) {
        self.observe_change(
            &agent.id,
            PresenceChange {
                at: agent.status_since,
                status: agent.status.clone(),
                set_by: agent.status_set_by.clone(),
            },
        );
    }

    /// Records that agent `agent_id` entered `change.status` at
    /// `change.at`, unless that is already recorded.
    pub fn observe_change(&mut self, agent_id: &str, change: PresenceChange) {
        let changes = self.by_agent.entry(agent_id.to_owned()).or_default();
        let known = changes
            .iter()
            .rev()
            .any(|c| c.status == change.status && c.at == change.at);
        if known {
            return;
        }
        // Events can come out of order only across a resync; keep the
        // timeline sorted by time anyway.
        let at = changes.partition_point(|c| c.at <= change.at);
        changes.insert(at, change);
        if changes.len() > PER_AGENT {
            changes.pop_front();
        }
    }

    /// The changes recorded for `agent_id`, oldest first.
    pub fn of(&self, agent_id: &str) -> impl Iterator<Item = &PresenceChange> {
        self.by_agent.get(agent_id).into_iter().flatten()
    }

    /// `agent_id`'s day that starts at `start`: the presence in effect
    /// when it began (entered on an earlier day) and the changes since,
    /// oldest first. After midnight an agent online since 22:10 yesterday
    /// is still online today: the day must not look empty.
    pub fn day(&self, agent_id: &str, start: Timestamp) -> PresenceDay {
        let Some(changes) = self.by_agent.get(agent_id) else {
            return PresenceDay::default();
        };
        let first_today = changes.partition_point(|c| c.at < start);
        PresenceDay {
            began_in: first_today
                .checked_sub(1)
                .and_then(|i| changes.get(i))
                .cloned(),
            changes: changes.range(first_today..).cloned().collect(),
        }
    }

    /// Drops changes before `start` (the start of today), keeping each
    /// agent's latest one before it: that is the presence today began in.
    pub fn forget_before(&mut self, start: Timestamp) {
        for changes in self.by_agent.values_mut() {
            let before = changes.partition_point(|c| c.at < start);
            changes.drain(..before.saturating_sub(1));
        }
    }

    /// Drops agents no longer on the board.
    pub fn retain_agents(&mut self, keep: impl Fn(&str) -> bool) {
        self.by_agent.retain(|id, _| keep(id));
    }

    /// How many changes are kept in all (for tests and the soak benchmark).
    pub fn len(&self) -> usize {
        self.by_agent.values().map(VecDeque::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;

    fn at(minutes: i64) -> Timestamp {
        DateTime::from_timestamp(1_790_000_000 + minutes * 60, 0).unwrap_or_default()
    }

    fn agent(status: AgentStatus, since: i64) -> Agent {
        Agent {
            id: "a1".into(),
            name: "Bruno".into(),
            email: None,
            status,
            status_since: at(since),
            active_conversations: 0,
            capacity: 3,
            transfers: 0,
            departments: vec![],
            status_set_by: None,
        }
    }

    #[test]
    fn records_changes_not_repeats() {
        let mut log = PresenceLog::default();
        log.observe(&agent(AgentStatus::Online, 0));
        let mut busier = agent(AgentStatus::Online, 0);
        busier.active_conversations = 2;
        log.observe(&busier);
        let mut paused = agent(AgentStatus::Connected, 5);
        paused.status_set_by = Some(UserRef {
            id: "u1".into(),
            name: "Supervisora".into(),
        });
        log.observe(&paused);
        let seen: Vec<_> = log.of("a1").map(|c| (c.status.clone(), c.at)).collect();
        assert_eq!(
            seen,
            [
                (AgentStatus::Online, at(0)),
                (AgentStatus::Connected, at(5))
            ]
        );
        assert_eq!(
            log.of("a1")
                .last()
                .and_then(|c| c.set_by.as_ref())
                .map(|u| u.name.as_str()),
            Some("Supervisora")
        );
        assert_eq!(log.of("nobody").count(), 0);
    }

    #[test]
    fn a_late_change_is_put_in_time_order() {
        let mut log = PresenceLog::default();
        log.observe(&agent(AgentStatus::Online, 10));
        log.observe(&agent(AgentStatus::Offline, 5));
        let times: Vec<_> = log.of("a1").map(|c| c.at).collect();
        assert_eq!(times, [at(5), at(10)]);
    }

    #[test]
    fn stays_bounded_per_agent() {
        let mut log = PresenceLog::default();
        for minute in 0..(PER_AGENT as i64 * 3) {
            let status = if minute % 2 == 0 {
                AgentStatus::Online
            } else {
                AgentStatus::Connected
            };
            log.observe(&agent(status, minute));
        }
        assert_eq!(log.len(), PER_AGENT);
        assert_eq!(
            log.of("a1").last().map(|c| c.at),
            Some(at(PER_AGENT as i64 * 3 - 1))
        );
    }

    #[test]
    fn a_day_starts_with_the_presence_in_effect_at_its_start() {
        let mut log = PresenceLog::default();
        log.observe(&agent(AgentStatus::Offline, 0));
        log.observe(&agent(AgentStatus::Online, 10));
        log.observe(&agent(AgentStatus::Connected, 30));
        log.observe(&agent(AgentStatus::Online, 40));
        // The day starts at minute 20: online since minute 10 carries over.
        let day = log.day("a1", at(20));
        assert_eq!(
            day.began_in.map(|c| (c.status, c.at)),
            Some((AgentStatus::Online, at(10)))
        );
        let today: Vec<_> = day.changes.iter().map(|c| c.at).collect();
        assert_eq!(today, [at(30), at(40)]);
        // A change exactly at the start belongs to the day.
        let day = log.day("a1", at(30));
        assert_eq!(day.began_in.map(|c| c.at), Some(at(10)));
        assert_eq!(day.changes.len(), 2);
        // Nothing before the start: nothing carried over.
        let day = log.day("a1", at(0));
        assert_eq!(day.began_in, None);
        assert_eq!(day.changes.len(), 4);
        // A quiet day still shows the presence it began in.
        let day = log.day("a1", at(60));
        assert_eq!(day.began_in.map(|c| c.at), Some(at(40)));
        assert!(day.changes.is_empty());
        assert_eq!(log.day("nobody", at(0)), PresenceDay::default());
    }

    #[test]
    fn the_day_after_forgetting_still_begins_in_yesterdays_presence() {
        let mut log = PresenceLog::default();
        log.observe(&agent(AgentStatus::Online, 0));
        log.observe(&agent(AgentStatus::Connected, 10));
        log.forget_before(at(20));
        let day = log.day("a1", at(20));
        assert_eq!(
            day.began_in.map(|c| (c.status, c.at)),
            Some((AgentStatus::Connected, at(10)))
        );
        assert!(day.changes.is_empty());
    }

    #[test]
    fn forgetting_yesterday_keeps_the_presence_today_began_in() {
        let mut log = PresenceLog::default();
        log.observe(&agent(AgentStatus::Online, 0));
        log.observe(&agent(AgentStatus::Connected, 10));
        log.observe(&agent(AgentStatus::Online, 30));
        log.forget_before(at(20));
        let times: Vec<_> = log.of("a1").map(|c| c.at).collect();
        assert_eq!(times, [at(10), at(30)]);
        log.retain_agents(|id| id != "a1");
        assert!(log.is_empty());
    }
}

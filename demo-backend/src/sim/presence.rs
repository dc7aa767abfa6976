//! Agents' presence: following their rota (shifts and breaks, `rota.rs`),
//! and a supervisor setting it on an agent's behalf (`POST
//! /agents/{id}/presence`), which the rota then leaves alone for a while.

use chrono::TimeDelta;
use monitor_core::wire::{Agent, Timestamp, UserRef};
use monitor_core::AgentStatus;

use super::rota::{self, Duty};
use super::Sim;

/// How long the simulation leaves a presence a supervisor set alone: an
/// agent signed out by a supervisor must not be back online a second later.
pub const SUPERVISOR_HOLD: TimeDelta = TimeDelta::minutes(10);

/// Why a presence was not set. Nothing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresenceRefusal {
    /// A presence this backend does not know (the enum is open on the wire,
    /// but only known presences can be set).
    UnknownStatus,
    UnknownAgent,
}

impl Sim {
    /// Sets agent `id`'s presence as `by`, a supervisor: `status_since` is
    /// now and `status_set_by` is `by`, and the simulation leaves it alone
    /// for [`SUPERVISOR_HOLD`]. Setting the presence the agent already has
    /// changes nothing, not even who set it. An agent's conversations stay
    /// theirs whatever the presence: signing out does not requeue them
    /// (only `online` agents are assigned queued ones, and transfers to an
    /// `offline` one are refused). Returns the agent as it now is.
    pub fn set_agent_presence(
        &mut self,
        id: &str,
        status: AgentStatus,
        by: &UserRef,
        now: Timestamp,
    ) -> Result<Agent, PresenceRefusal> {
        if !status.is_known() {
            return Err(PresenceRefusal::UnknownStatus);
        }
        let a = *self
            .world
            .agent_index
            .get(id)
            .ok_or(PresenceRefusal::UnknownAgent)?;
        if self.world.agents[a].status == status {
            return Ok(self.world.agents[a].clone());
        }
        let agent = &mut self.world.agents[a];
        agent.status = status;
        agent.status_since = now;
        agent.status_set_by = Some(by.clone());
        let agent = agent.clone();
        self.presence_holds.insert(a, now + SUPERVISOR_HOLD);
        self.emit_agent(a);
        Ok(agent)
    }

    /// Agents follow their rota, at most once a simulated second: working
    /// is online, a break is connected (signed in, taking nothing new), off
    /// shift is offline once their last conversation is done. The demo
    /// agent (the user's presence) and agents a supervisor just set are
    /// left alone.
    pub(super) fn follow_rota(&mut self, now: Timestamp) {
        if self
            .rota_checked
            .is_some_and(|at| now - at < TimeDelta::seconds(1))
        {
            return;
        }
        self.rota_checked = Some(now);
        for a in 1..self.world.agents.len() {
            if self.presence_held(a, now) {
                continue;
            }
            let agent = &self.world.agents[a];
            let wanted = match rota::duty(self.seed, a, now).0 {
                Duty::Working => AgentStatus::Online,
                Duty::Break => AgentStatus::Connected,
                Duty::Off if agent.active_conversations > 0 => AgentStatus::Connected,
                Duty::Off => AgentStatus::Offline,
            };
            if agent.status != wanted {
                let agent = &mut self.world.agents[a];
                agent.status = wanted;
                agent.status_since = now;
                agent.status_set_by = None;
                self.emit_agent(a);
            }
        }
    }

    /// Whether a supervisor's setting of agent `a` still holds at `now`;
    /// forgets it once it no longer does.
    pub(super) fn presence_held(&mut self, a: usize, now: Timestamp) -> bool {
        match self.presence_holds.get(&a) {
            Some(&until) if now < until => true,
            Some(_) => {
                self.presence_holds.remove(&a);
                false
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests;

//! One simulated event at a time: arrivals, assignments, status changes and
//! messages (transfers and finishes: `handoff.rs`; agents' presence:
//! `presence.rs`).

use monitor_core::wire::{AgentRef, Conversation, Timestamp};
use monitor_core::{AgentStatus, Author, ConversationStatus};
use rand::seq::IndexedRandom;
use rand::RngExt;

use super::journal::Footprint;
use super::names::{AGENT_LINES, CUSTOMER_LINES};
use super::{seed, Sim};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Arrival,
    Assign,
    Status,
    Message,
    Transfer,
    Finish,
    Presence,
}

/// Queued conversations looked at per assignment: enough to skip departments
/// without free agents, bounded so a 50,000-long queue stays cheap.
const ASSIGN_SCAN: usize = 200;

/// Random picks tried when looking for a conversation of some kind.
const SAMPLE_TRIES: usize = 16;

impl Sim {
    /// Runs `events` simulated events at time `now`.
    pub fn advance(&mut self, events: usize, now: Timestamp) {
        for _ in 0..events {
            self.step(now);
        }
    }

    /// One event; each journals at least one change.
    fn step(&mut self, now: Timestamp) {
        // Arrivals and finishes lean against the drift from the target, which
        // keeps the active count around its initial value.
        let active = self.world.active.len().max(1) as f64;
        let pressure = (self.target_active.max(1) as f64 / active).clamp(0.1, 10.0);
        let weighted = [
            (Kind::Arrival, (12.0 * pressure).max(1.0) as u32),
            (Kind::Finish, (12.0 / pressure).max(1.0) as u32),
            (Kind::Assign, 30),
            (Kind::Message, 25),
            (Kind::Status, 12),
            (Kind::Transfer, 3),
            (Kind::Presence, 4),
        ];
        let kind = weighted[seed::pick_weighted(&mut self.rng, weighted.iter().map(|k| k.1))].0;
        let done = match kind {
            Kind::Arrival => self.random_arrival(now),
            Kind::Assign => self.assign(now),
            Kind::Status => self.change_status(now),
            Kind::Message => self.new_message(now),
            Kind::Transfer => self.transfer(now),
            Kind::Finish => self.finish(now),
            Kind::Presence => self.presence(now),
        };
        // Nothing to do for that kind (no free agent, empty queue…): a message
        // or, with no conversations at all, an arrival keeps the pace.
        if !done && !self.new_message(now) {
            self.random_arrival(now);
        }
    }

    /// Position of a random active conversation matching `pred`, if one is found quickly.
    pub(super) fn sample(&mut self, pred: impl Fn(&Conversation) -> bool) -> Option<usize> {
        let len = self.world.active.len();
        if len == 0 {
            return None;
        }
        (0..SAMPLE_TRIES)
            .map(|_| self.rng.random_range(0..len))
            .find(|&p| pred(&self.world.active.at(p).conversation))
    }

    fn random_arrival(&mut self, now: Timestamp) -> bool {
        let department = seed::department(&mut self.rng);
        let channel = seed::channel(&mut self.rng);
        let customer = seed::customer(&mut self.rng, &channel);
        self.arrive(department, channel, customer, now);
        true
    }

    /// The longest-waiting queued conversation whose department has an online
    /// agent with room goes to the least loaded such agent.
    fn assign(&mut self, now: Timestamp) -> bool {
        let world = &self.world;
        let best: Vec<Option<usize>> = world
            .members
            .iter()
            .map(|members| {
                members
                    .iter()
                    .copied()
                    .filter(|&a| {
                        let agent = &world.agents[a];
                        agent.status == AgentStatus::Online
                            && agent.active_conversations < agent.capacity
                    })
                    .min_by_key(|&a| {
                        let agent = &world.agents[a];
                        (agent.active_conversations * 100 / agent.capacity.max(1), a)
                    })
            })
            .collect();
        let choice = world.active.queue().take(ASSIGN_SCAN).find_map(|id| {
            let c = &world.active.get(id)?.conversation;
            let agent = (*best.get(world.department_index(&c.department.id)?)?)?;
            Some((id.to_owned(), agent))
        });
        let Some((id, a)) = choice else {
            return false;
        };
        let Some(position) = self.world.active.position(&id) else {
            return false;
        };
        let agent = AgentRef {
            id: self.world.agents[a].id.clone(),
            name: self.world.agents[a].name.clone(),
        };
        let before = Footprint::of(&self.world.active.at(position).conversation);
        let customer = self
            .world
            .active
            .at(position)
            .conversation
            .customer
            .name
            .clone();
        let note = self.message(
            Author::System,
            None,
            format!("Asignada a {}", agent.name),
            now,
        );
        let greeting = format!(
            "Hola {}, soy {}. ¿En qué te ayudo?",
            customer.split_whitespace().next().unwrap_or(&customer),
            agent.name.split_whitespace().next().unwrap_or(&agent.name)
        );
        let greeting = self.message(Author::Agent, Some(agent.name.clone()), greeting, now);
        self.world.active.modify(position, |r| {
            r.conversation.status = ConversationStatus::InProgress;
            r.conversation.status_since = now;
            r.conversation.agent = Some(agent);
            r.push_message(note);
            r.push_message(greeting);
        });
        self.world.agents[a].active_conversations += 1;
        self.emit_conversation(&id, Some(before));
        self.emit_agent(a);
        true
    }

    /// in_progress → pending (waiting for the customer) → inactive (silent),
    /// and back to in_progress when the customer returns.
    fn change_status(&mut self, now: Timestamp) -> bool {
        let Some(position) = self.sample(|c| c.agent.is_some()) else {
            return false;
        };
        let back = self.rng.random_bool(0.5);
        let next = match self.world.active.at(position).conversation.status {
            ConversationStatus::InProgress => ConversationStatus::Pending,
            ConversationStatus::Pending if back => ConversationStatus::InProgress,
            ConversationStatus::Pending => ConversationStatus::Inactive,
            _ => ConversationStatus::InProgress,
        };
        let before = Footprint::of(&self.world.active.at(position).conversation);
        let id = self.world.active.modify(position, |r| {
            r.conversation.status = next;
            r.conversation.status_since = now;
            r.conversation.id.clone()
        });
        self.emit_conversation(&id, Some(before));
        true
    }

    /// A customer or agent message; a customer writing wakes the conversation
    /// up. Whoever did not write last is the likelier to write now (a
    /// waiting customer gets an answer, an answered one writes back), so
    /// "awaiting reply" comes and goes, holding for a third or more of the
    /// served conversations. An offline agent does not write.
    fn new_message(&mut self, now: Timestamp) -> bool {
        let Some(position) = self.sample(|_| true) else {
            return false;
        };
        let c = &self.world.active.at(position).conversation;
        let agent_writes = c
            .agent
            .as_ref()
            .and_then(|a| self.world.agent(&a.id))
            .is_some_and(|a| a.status != AgentStatus::Offline);
        let customer_waits = c
            .last_message
            .as_ref()
            .is_some_and(|m| m.author == Author::Customer);
        let customer_odds = if customer_waits { 0.25 } else { 0.7 };
        let from_customer = !agent_writes || self.rng.random_bool(customer_odds);
        let (author, name, pool) = match &c.agent {
            Some(agent) if !from_customer => (Author::Agent, agent.name.clone(), AGENT_LINES),
            _ => (Author::Customer, c.customer.name.clone(), CUSTOMER_LINES),
        };
        let wakes = from_customer
            && matches!(
                c.status,
                ConversationStatus::Pending | ConversationStatus::Inactive
            );
        let before = Footprint::of(c);
        let text = pool
            .choose(&mut self.rng)
            .copied()
            .unwrap_or_default()
            .to_owned();
        let message = self.message(author, Some(name), text, now);
        let id = self.world.active.modify(position, |r| {
            if wakes {
                r.conversation.status = ConversationStatus::InProgress;
                r.conversation.status_since = now;
            }
            r.push_message(message);
            r.conversation.id.clone()
        });
        self.emit_conversation(&id, Some(before));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::SimConfig;
    use super::*;

    fn run(steps: usize) -> Sim {
        let mut sim = Sim::new(
            SimConfig {
                seed: 9,
                agents: 40,
                conversations: 300,
            },
            seed::anchor(),
        );
        let mut now = seed::anchor();
        for _ in 0..steps {
            now += chrono::TimeDelta::milliseconds(200);
            sim.advance(1, now);
        }
        sim
    }

    #[test]
    fn every_event_journals_at_least_one_change() {
        let sim = run(500);
        assert!(sim.journal().sequence() >= 500);
    }

    #[test]
    fn active_count_stays_near_target_and_agent_loads_stay_consistent() {
        let sim = run(5_000);
        let world = sim.world();
        let active = world.active.len();
        assert!((200..=400).contains(&active), "active drifted to {active}");
        let mut load = vec![0u32; world.agents.len()];
        for r in world.active.iter() {
            let c = &r.conversation;
            assert_eq!(
                c.agent.is_none(),
                c.status == ConversationStatus::Queued,
                "{}",
                c.id
            );
            if let Some(a) = &c.agent {
                load[world.agent_index[&a.id]] += 1;
            }
        }
        for (agent, load) in world.agents.iter().zip(load) {
            assert_eq!(agent.active_conversations, load, "{}", agent.id);
            assert!(load <= agent.capacity, "{} over capacity", agent.id);
        }
        let queued = world
            .active
            .iter()
            .filter(|r| r.conversation.status == ConversationStatus::Queued)
            .count();
        assert_eq!(world.active.queue().count(), queued);
    }

    #[test]
    fn finished_conversations_leave_the_active_set_with_a_finish_time() {
        let sim = run(2_000);
        let world = sim.world();
        assert!(world.finished.len() > 50);
        let first = world.finished.first_serial();
        for serial in first..world.finished.end_serial() {
            let c = &world.finished.at_serial(serial).unwrap().conversation;
            assert_eq!(c.status, ConversationStatus::Finished);
            assert!(c.finished_at.is_some());
            assert!(world.active.get(&c.id).is_none());
        }
    }

    #[test]
    fn assignments_and_transfers_happen_and_the_demo_agent_stays_online() {
        let sim = run(3_000);
        let world = sim.world();
        assert!(world.active.iter().any(|r| r.conversation.transfers > 0));
        assert!(world
            .active
            .iter()
            .any(|r| r.live.iter().any(|m| m.text.starts_with("Asignada a"))));
        assert_eq!(world.agents[0].status, AgentStatus::Online);
    }
}

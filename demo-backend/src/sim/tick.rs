//! The event rate's filler: between what the operation's flow makes
//! happen when it is due (`flow.rs`), agents and customers write and
//! conversations change status, so the stream carries `rate` changes a
//! second.

use monitor_core::wire::{Conversation, Timestamp};
use monitor_core::{AgentStatus, Author, ConversationStatus};
use rand::seq::IndexedRandom;
use rand::RngExt;

use super::journal::Footprint;
use super::names::{AGENT_LINES, CUSTOMER_LINES};
use super::{seed, Sim};

/// Random picks tried when looking for a conversation of some kind.
const SAMPLE_TRIES: usize = 16;

/// Messages against status changes among the filler events.
const MESSAGE_WEIGHT: u32 = 25;
const STATUS_WEIGHT: u32 = 12;

impl Sim {
    /// Brings the simulation to `now`: everything due by then happens, and
    /// messages and status changes make up the `events` changes asked for.
    pub fn advance(&mut self, events: usize, now: Timestamp) {
        let before = self.journal.sequence();
        self.run_flow(now);
        let done = usize::try_from(self.journal.sequence() - before).unwrap_or(usize::MAX);
        for _ in done..events {
            self.step(now);
        }
    }

    /// One filler event; each journals at least one change.
    fn step(&mut self, now: Timestamp) {
        let weights = [MESSAGE_WEIGHT, STATUS_WEIGHT];
        let done = match seed::pick_weighted(&mut self.rng, weights.into_iter()) {
            0 => self.new_message(now),
            _ => self.change_status(now),
        };
        // Nothing to change (no served conversation…): a message or, with
        // no conversations at all, an arrival keeps the pace.
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

    fn random_arrival(&mut self, now: Timestamp) {
        let department = seed::department(&mut self.rng);
        let channel = seed::channel(&mut self.rng);
        let customer = seed::customer(&mut self.rng, &channel);
        let id = self.arrive(department, channel.clone(), customer, now);
        self.plan_patience(&id, &channel, now, now);
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
                ..SimConfig::default()
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
    fn active_count_stays_near_the_size_asked_for_and_agent_loads_stay_consistent() {
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

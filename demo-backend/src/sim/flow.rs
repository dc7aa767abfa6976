//! The operation's flow in time: customers arrive, wait, are answered or
//! give up, are served for their channel's handle time and leave or are
//! passed on (agents follow their rota: `presence.rs`). Everything here
//! happens when it is due, whatever the event rate (`tick.rs` fills the
//! rest of it with messages and status changes).

use chrono::TimeDelta;
use monitor_core::kpi::{HandleRecord, WaitOutcome, WaitRecord};
use monitor_core::wire::{AgentRef, Conversation, Timestamp};
use monitor_core::{AgentStatus, Author, Channel, ConversationStatus};
use rand::RngExt;

use super::agenda::Due;
use super::journal::Footprint;
use super::layout::exponential;
use super::names::DEPARTMENTS;
use super::operation::{self, MAX_ROUTING_SECS, MIN_PATIENCE_SECS, TRANSFER_SHARE};
use super::rota;
use super::{bursts, seed, Sim};

/// Queued conversations looked at per pass: enough to skip departments
/// without free agents, bounded so a 50,000-long queue stays cheap.
const ASSIGN_SCAN: usize = 200;

/// Longest gap planned between two arrivals, so a near-zero rate cannot
/// overflow the clock.
const MAX_GAP_SECS: f64 = 86_400.0;

fn after(at: Timestamp, secs: f64) -> Timestamp {
    let gap = TimeDelta::milliseconds((secs.clamp(0.0, MAX_GAP_SECS) * 1000.0) as i64);
    at.checked_add_signed(gap).unwrap_or(at)
}

/// How long the conversation takes to reach an agent with room: seconds
/// (at the operation's pace), fixed per conversation and wait (a hash, not
/// a draw, so it does not depend on how often the queue is looked at).
fn routing_delay(seed: u64, c: &Conversation, time_scale: f64) -> TimeDelta {
    let hash = c.id.bytes().fold(seed ^ u64::from(c.transfers), |h, b| {
        rota::mix(h ^ u64::from(b))
    });
    let secs = 3 + hash % (MAX_ROUTING_SECS - 2);
    TimeDelta::milliseconds((secs as f64 * 1000.0 * time_scale) as i64)
}

impl Sim {
    /// Runs everything due at `now`: the rota, the planned arrivals, give-ups
    /// and service ends, then the assignments they make possible.
    pub(super) fn run_flow(&mut self, now: Timestamp) {
        self.follow_rota(now);
        while let Some((at, due)) = self.agenda.next_due(now) {
            match due {
                Due::Arrival => self.planned_arrival(at, now),
                Due::Abandon { id, queued_since } => self.abandon(&id, queued_since, now),
                Due::ServiceEnd {
                    id,
                    agent,
                    transfers,
                    answered_at,
                } => self.end_service(&id, &agent, transfers, answered_at, now),
            }
        }
        self.assign_waiting(now);
    }

    /// Arrivals per department at `at`, with their bursts.
    fn arrival_weights(&self, at: Timestamp) -> Vec<f64> {
        DEPARTMENTS
            .iter()
            .enumerate()
            .map(|(d, dep)| f64::from(dep.2) * bursts::factor(&self.bursts, d, at))
            .collect()
    }

    /// Plans the next arrival after `at` (a Poisson process whose rate
    /// follows the day, the load and the bursts).
    pub(super) fn plan_next_arrival(&mut self, at: Timestamp) {
        let weights = self.arrival_weights(at);
        let planned: f64 = DEPARTMENTS.iter().map(|d| f64::from(d.2)).sum();
        let rate = self.sizing.arrivals_per_sec
            * self.sizing.load
            * operation::shape_relative_to(self.anchor, at)
            * (weights.iter().sum::<f64>() / planned.max(1.0));
        let gap = if rate > 0.0 {
            exponential(&mut self.rng, 1.0 / rate)
        } else {
            MAX_GAP_SECS
        };
        self.agenda.plan(after(at, gap), Due::Arrival);
    }

    /// Plans when a customer who joined a queue at `since` gives up,
    /// counting their patience from `from` (memoryless: a customer still
    /// there is as patient as a new one).
    pub(super) fn plan_patience(
        &mut self,
        id: &str,
        channel: &Channel,
        since: Timestamp,
        from: Timestamp,
    ) {
        let Some(mean) = operation::profile(channel).patience_secs else {
            return;
        };
        let patience =
            (MIN_PATIENCE_SECS + exponential(&mut self.rng, mean)) * self.sizing.time_scale;
        let due = Due::Abandon {
            id: id.to_owned(),
            queued_since: since,
        };
        self.agenda.plan(after(from, patience), due);
    }

    /// Plans when the agent now serving `c` is done with it.
    pub(super) fn plan_service_end(
        &mut self,
        c: &Conversation,
        answered_at: Timestamp,
        from: Timestamp,
    ) {
        let Some(agent) = &c.agent else {
            return;
        };
        let mean = self.sizing.handle_secs(&c.channel);
        // At least a minute (at the operation's pace), at most six times the
        // mean; `max` then `min`, as a clamp would panic on a tiny mean.
        let handle = exponential(&mut self.rng, mean)
            .max(60.0 * self.sizing.time_scale)
            .min(6.0 * mean);
        let due = Due::ServiceEnd {
            id: c.id.clone(),
            agent: agent.id.clone(),
            transfers: c.transfers,
            answered_at,
        };
        self.agenda.plan(after(from, handle), due);
    }

    fn planned_arrival(&mut self, at: Timestamp, now: Timestamp) {
        let weights = self.arrival_weights(now);
        let total: f64 = weights.iter().sum();
        let mut ticket = self.rng.random::<f64>() * total;
        let department = weights
            .iter()
            .position(|&w| {
                ticket -= w;
                ticket < 0.0
            })
            .unwrap_or(0);
        let channel = seed::channel(&mut self.rng);
        let customer = seed::customer(&mut self.rng, &channel);
        let id = self.arrive(department, channel.clone(), customer, now);
        self.plan_patience(&id, &channel, now, now);
        self.plan_next_arrival(at);
    }

    fn abandon(&mut self, id: &str, queued_since: Timestamp, now: Timestamp) {
        let Some(position) = self.world.active.position(id) else {
            return;
        };
        let c = &self.world.active.at(position).conversation;
        if c.status != ConversationStatus::Queued || c.status_since != queued_since {
            return;
        }
        self.history.record_wait(WaitRecord {
            department_id: c.department.id.clone(),
            channel: c.channel.clone(),
            queued_at: queued_since,
            left_at: now,
            outcome: WaitOutcome::Abandoned,
        });
        self.finish_at(position, now, "El cliente abandonó la espera");
    }

    fn end_service(
        &mut self,
        id: &str,
        agent: &str,
        transfers: u32,
        answered_at: Timestamp,
        now: Timestamp,
    ) {
        let Some(position) = self.world.active.position(id) else {
            return;
        };
        let c = &self.world.active.at(position).conversation;
        let serving = c.agent.as_ref().is_some_and(|a| a.id == agent);
        if !serving || c.transfers != transfers {
            return;
        }
        self.history.record_handle(HandleRecord {
            department_id: c.department.id.clone(),
            channel: c.channel.clone(),
            answered_at,
            ended_at: now,
        });
        if self.rng.random_bool(TRANSFER_SHARE) && self.transfer_at(position, now) {
            return;
        }
        self.finish_at(position, now, "Atención finalizada");
    }

    /// The online agent of department `d` with room and the lowest load.
    fn best_free(&self, d: usize) -> Option<usize> {
        let world = &self.world;
        world
            .members
            .get(d)?
            .iter()
            .copied()
            .filter(|&a| {
                let agent = &world.agents[a];
                agent.status == AgentStatus::Online && agent.active_conversations < agent.capacity
            })
            .min_by_key(|&a| {
                let agent = &world.agents[a];
                (agent.active_conversations * 100 / agent.capacity.max(1), a)
            })
    }

    /// Gives queued conversations, longest waiting first, to agents of
    /// their department with room, once their routing time has passed.
    fn assign_waiting(&mut self, now: Timestamp) {
        let departments = self.world.departments.len();
        let mut best: Vec<Option<usize>> = (0..departments).map(|d| self.best_free(d)).collect();
        if best.iter().all(Option::is_none) {
            return;
        }
        let waiting: Vec<String> = self
            .world
            .active
            .queue()
            .take(ASSIGN_SCAN)
            .map(str::to_owned)
            .collect();
        for id in waiting {
            let Some(c) = self.world.active.get(&id).map(|r| &r.conversation) else {
                continue;
            };
            let Some(d) = self.world.department_index(&c.department.id) else {
                continue;
            };
            let Some(a) = best[d] else {
                continue;
            };
            // Counted from the start at the earliest: the seeded queue is
            // routed over the first seconds, not emptied at the first tick.
            let since = c.status_since.max(self.anchor);
            if now < since + routing_delay(self.seed, c, self.sizing.time_scale) {
                continue;
            }
            self.assign_to(&id, a, now);
            for (d, best) in best.iter_mut().enumerate() {
                if self.world.members[d].contains(&a) {
                    *best = self.best_free(d);
                }
            }
        }
    }

    /// Agent `a` takes the queued conversation `id`.
    fn assign_to(&mut self, id: &str, a: usize, now: Timestamp) {
        let Some(position) = self.world.active.position(id) else {
            return;
        };
        let agent = AgentRef {
            id: self.world.agents[a].id.clone(),
            name: self.world.agents[a].name.clone(),
        };
        let c = &self.world.active.at(position).conversation;
        let before = Footprint::of(c);
        self.history.record_wait(WaitRecord {
            department_id: c.department.id.clone(),
            channel: c.channel.clone(),
            queued_at: c.status_since,
            left_at: now,
            outcome: WaitOutcome::Answered,
        });
        let customer = c.customer.name.clone();
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
        let served = self.world.active.modify(position, |r| {
            r.conversation.status = ConversationStatus::InProgress;
            r.conversation.status_since = now;
            r.conversation.agent = Some(agent);
            r.push_message(note);
            r.push_message(greeting);
            r.conversation.clone()
        });
        self.world.agents[a].active_conversations += 1;
        self.plan_service_end(&served, now, now);
        self.emit_conversation(id, Some(before));
        self.emit_agent(a);
    }
}

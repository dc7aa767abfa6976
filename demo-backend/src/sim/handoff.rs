//! Conversations leaving their agent: transfers to another department's
//! queue, and finishes (moved to the finished store).

use monitor_core::wire::{Conversation, Timestamp};
use monitor_core::{Author, ConversationStatus};
use rand::RngExt;

use super::journal::Footprint;
use super::Sim;

impl Sim {
    /// An agent sends the conversation to another department's queue.
    pub(super) fn transfer(&mut self, now: Timestamp) -> bool {
        let departments = self.world.departments.len();
        if departments < 2 {
            return false;
        }
        let Some(position) = self.sample(|c| c.agent.is_some()) else {
            return false;
        };
        let c = &self.world.active.at(position).conversation;
        let from = self.world.department_index(&c.department.id).unwrap_or(0);
        let to = (from + self.rng.random_range(1..departments)) % departments;
        let department = self.world.departments[to].clone();
        let agent = c
            .agent
            .as_ref()
            .and_then(|a| self.world.agent_index.get(&a.id).copied());
        let before = Footprint::of(c);
        let text = format!("Transferida de {} a {}", c.department.name, department.name);
        let note = self.message(Author::System, None, text, now);
        let id = self.world.active.modify(position, |r| {
            r.conversation.department = department;
            r.conversation.agent = None;
            r.conversation.status = ConversationStatus::Queued;
            r.conversation.status_since = now;
            r.conversation.transfers += 1;
            r.push_message(note);
            r.conversation.id.clone()
        });
        self.emit_conversation(&id, Some(before));
        if let Some(a) = agent {
            let agent = &mut self.world.agents[a];
            agent.active_conversations = agent.active_conversations.saturating_sub(1);
            agent.transfers += 1;
            self.emit_agent(a);
        }
        true
    }

    /// A served conversation ends, or (less often) a queued customer gives up.
    pub(super) fn finish(&mut self, now: Timestamp) -> bool {
        let served = |c: &Conversation| c.agent.is_some();
        let queued = |c: &Conversation| c.status == ConversationStatus::Queued;
        let position = if self.rng.random_bool(0.15) {
            self.sample(queued).or_else(|| self.sample(served))
        } else {
            self.sample(served).or_else(|| self.sample(queued))
        };
        let Some(position) = position else {
            return false;
        };
        let mut record = self.world.active.remove(position);
        let before = Footprint::of(&record.conversation);
        let agent = record
            .conversation
            .agent
            .as_ref()
            .and_then(|a| self.world.agent_index.get(&a.id).copied());
        let note = self.message(Author::System, None, "Atención finalizada".to_owned(), now);
        record.push_message(note);
        let c = &mut record.conversation;
        c.status = ConversationStatus::Finished;
        c.status_since = now;
        c.finished_at = Some(now);
        let id = c.id.clone();
        self.world.finished.push(record);
        self.emit_removal(id, before);
        if let Some(a) = agent {
            let agent = &mut self.world.agents[a];
            agent.active_conversations = agent.active_conversations.saturating_sub(1);
            self.emit_agent(a);
        }
        true
    }
}

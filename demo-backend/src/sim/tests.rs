//! The simulation's initial state and what can be injected into it.

use super::*;
use monitor_core::{AgentStatus, ConversationStatus};

fn config(seed: u64) -> SimConfig {
    SimConfig {
        seed,
        agents: 40,
        conversations: 300,
        ..SimConfig::default()
    }
}

#[test]
fn same_seed_and_anchor_give_an_identical_world() {
    let a = Sim::new(config(11), seed::anchor());
    let b = Sim::new(config(11), seed::anchor());
    assert_eq!(a.world(), b.world());
    let c = Sim::new(config(12), seed::anchor());
    assert_ne!(a.world(), c.world());
}

#[test]
fn demo_agent_is_online_with_room_in_departments_and_has_conversations() {
    let sim = Sim::new(config(7), seed::anchor());
    let agent = &sim.world().agents[0];
    assert_eq!(agent.status, AgentStatus::Online);
    assert!(!agent.departments.is_empty());
    assert!(agent.active_conversations > 0 && agent.active_conversations < agent.capacity);
    let own = sim
        .world()
        .active
        .iter()
        .filter(|r| {
            r.conversation
                .agent
                .as_ref()
                .is_some_and(|a| a.id == agent.id)
        })
        .count();
    assert_eq!(own as u32, agent.active_conversations);
}

#[test]
fn initial_state_is_consistent() {
    let sim = Sim::new(
        SimConfig {
            seed: 5,
            agents: 60,
            conversations: 2_000,
            ..SimConfig::default()
        },
        seed::anchor(),
    );
    let world = sim.world();
    assert_eq!(world.active.len(), 2_000);
    let mut load = vec![0u32; world.agents.len()];
    for r in world.active.iter() {
        let c = &r.conversation;
        assert!(
            c.created_at <= c.status_since && c.status_since <= seed::anchor(),
            "{}",
            c.id
        );
        assert!(c
            .updated_at
            .is_some_and(|u| u >= c.created_at && u <= seed::anchor()));
        match &c.agent {
            None => assert_eq!(c.status, ConversationStatus::Queued),
            Some(a) => {
                assert_ne!(c.status, ConversationStatus::Queued);
                let agent = world.agent(&a.id).unwrap();
                assert!(
                    agent.departments.contains(&c.department),
                    "{} outside its agent's departments",
                    c.id
                );
                load[world.agent_index[&a.id]] += 1;
            }
        }
    }
    for (agent, load) in world.agents.iter().zip(load) {
        assert_eq!(agent.active_conversations, load, "{}", agent.id);
        assert!(load <= agent.capacity);
    }
    let statuses: std::collections::HashSet<_> = world
        .active
        .iter()
        .map(|r| r.conversation.status.clone())
        .collect();
    assert_eq!(
        statuses.len(),
        4,
        "every active status appears: {statuses:?}"
    );
}

#[test]
fn injected_arrival_is_queued_in_the_first_department_and_journaled() {
    let mut sim = Sim::new(config(7), seed::anchor());
    let id = sim.inject_arrival("Zoë Núñez", chrono::Utc::now());
    let record = sim.world().active.get(&id).unwrap();
    assert_eq!(record.conversation.status, ConversationStatus::Queued);
    assert_eq!(record.conversation.department.id, "d-sales");
    assert_eq!(record.conversation.customer.name, "Zoë Núñez");
    assert_eq!(sim.journal().sequence(), 1);
    assert_eq!(sim.world().active.queue().last(), Some(id.as_str()));
}

#[test]
fn injected_message_ends_the_transcript_moves_updated_at_and_is_journaled() {
    let mut sim = Sim::new(config(7), seed::anchor());
    let record = sim.world().active.at(0).clone();
    let id = record.conversation.id.clone();
    let now = chrono::Utc::now();
    assert!(sim.inject_message(&id, Author::Customer, "¿Siguen ahí?", now));
    let after = sim.world().active.get(&id).unwrap();
    assert_eq!(after.conversation.updated_at, Some(now));
    assert_eq!(after.conversation.status, record.conversation.status);
    let last = transcript::transcript(sim.seed(), after).pop().unwrap();
    assert_eq!(
        (
            last.author,
            last.author_name,
            last.text.as_str(),
            last.sent_at
        ),
        (
            Author::Customer,
            Some(record.conversation.customer.name.clone()),
            "¿Siguen ahí?",
            now
        )
    );
    assert_eq!(sim.journal().sequence(), 1);
    assert!(!sim.inject_message("c-nope", Author::Agent, "x", now));
    assert_eq!(sim.journal().sequence(), 1);
}

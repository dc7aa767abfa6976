//! Actions on the simulation: effects, loads, journal and history.

use monitor_core::event::Change;
use monitor_core::wire::{ActionKind, UserRef};
use monitor_core::{AgentStatus, ConversationStatus};

use super::Refusal;
use crate::sim::{seed, Sim, SimConfig};

fn sim() -> Sim {
    Sim::new(
        SimConfig {
            seed: 7,
            agents: 40,
            conversations: 300,
            ..SimConfig::default()
        },
        seed::anchor(),
    )
}

fn admin() -> UserRef {
    UserRef {
        id: "u-admin".into(),
        name: "Admin Demo".into(),
    }
}

/// Id of the first active conversation matching `pred`.
fn find(sim: &Sim, pred: impl Fn(&monitor_core::wire::Conversation) -> bool) -> String {
    sim.world()
        .active
        .iter()
        .map(|r| &r.conversation)
        .find(|c| pred(c))
        .expect("a matching conversation")
        .id
        .clone()
}

fn load(sim: &Sim, agent_id: &str) -> u32 {
    sim.world().agent(agent_id).unwrap().active_conversations
}

/// Index of a department the conversation is not in, and an agent of it
/// (other than `avoid`) that is online with room.
fn other_department_with_free_agent(sim: &Sim, id: &str, avoid: &str) -> (String, String) {
    free_agent_elsewhere(sim, id, avoid).expect("a department with a free agent")
}

/// The first conversation `pred` accepts that can move to another
/// department with an agent (not its own) online with room. Who is on
/// shift follows the simulated hour, so the conversation is picked for it.
fn transferable(sim: &Sim, pred: impl Fn(&monitor_core::wire::Conversation) -> bool) -> String {
    sim.world()
        .active
        .iter()
        .map(|r| &r.conversation)
        .filter(|c| pred(c))
        .find(|c| {
            let own = c.agent.as_ref().map_or("", |a| a.id.as_str());
            free_agent_elsewhere(sim, &c.id, own).is_some()
        })
        .expect("a conversation that can move to a department with a free agent")
        .id
        .clone()
}

fn free_agent_elsewhere(sim: &Sim, id: &str, avoid: &str) -> Option<(String, String)> {
    let world = sim.world();
    let c = &world.active.get(id).unwrap().conversation;
    world
        .departments
        .iter()
        .zip(&world.members)
        .filter(|(d, _)| d.id != c.department.id)
        .find_map(|(d, members)| {
            members.iter().map(|&a| &world.agents[a]).find_map(|a| {
                let free = a.status == AgentStatus::Online && a.active_conversations < a.capacity;
                (free && a.id != avoid).then(|| (d.id.clone(), a.id.clone()))
            })
        })
}

#[test]
fn transfer_without_agent_queues_it_in_the_new_department_and_frees_the_old_agent() {
    let mut sim = sim();
    let id = transferable(&sim, |c| c.agent.is_some());
    let before = sim.world().active.get(&id).unwrap().conversation.clone();
    let old_agent = before.agent.clone().unwrap().id;
    let old_load = load(&sim, &old_agent);
    let (department, _) = other_department_with_free_agent(&sim, &id, "");
    let now = seed::anchor() + chrono::TimeDelta::seconds(5);
    let sequence = sim.journal().sequence();

    let after = sim
        .transfer_conversation(&id, &department, None, &admin(), now)
        .unwrap();

    assert_eq!(after.status, ConversationStatus::Queued);
    assert_eq!(
        (after.department.id.as_str(), after.agent.as_ref()),
        (department.as_str(), None)
    );
    assert_eq!(after.transfers, before.transfers + 1);
    assert_eq!(after.status_since, now);
    assert_eq!(sim.world().active.get(&id).unwrap().conversation, after);
    assert!(sim.world().active.queue().any(|q| q == id));
    assert_eq!(load(&sim, &old_agent), old_load - 1);
    let changes = sim.journal().since(sequence).unwrap();
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert_eq!(changes[0].change, Change::ConversationUpsert(after.clone()));
    assert!(matches!(&changes[1].change, Change::AgentUpsert(a) if a.id == old_agent));
    let history = &sim.world().active.get(&id).unwrap().actions;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].kind, ActionKind::Transfer);
    assert_eq!((history[0].by.clone(), history[0].at), (admin(), now));
    assert_eq!(history[0].from_department, Some(before.department));
    assert_eq!(history[0].from_agent, before.agent);
    assert_eq!(history[0].to_agent, None);
}

#[test]
fn transfer_to_an_agent_puts_it_in_progress_and_moves_the_load() {
    let mut sim = sim();
    let id = transferable(&sim, |c| c.agent.is_some());
    let old_agent = sim
        .world()
        .active
        .get(&id)
        .unwrap()
        .conversation
        .agent
        .clone()
        .unwrap()
        .id;
    let (department, new_agent) = other_department_with_free_agent(&sim, &id, &old_agent);
    let (old_load, new_load) = (load(&sim, &old_agent), load(&sim, &new_agent));

    let after = sim
        .transfer_conversation(&id, &department, Some(&new_agent), &admin(), seed::anchor())
        .unwrap();

    assert_eq!(after.status, ConversationStatus::InProgress);
    assert_eq!(after.agent.map(|a| a.id), Some(new_agent.clone()));
    assert_eq!(load(&sim, &old_agent), old_load - 1);
    assert_eq!(load(&sim, &new_agent), new_load + 1);
    assert!(!sim.world().active.queue().any(|q| q == id));
}

#[test]
fn refused_transfers_change_nothing() {
    let mut sim = sim();
    let id = find(&sim, |c| c.agent.is_some());
    let world = sim.world().clone();
    let sequence = sim.journal().sequence();
    let c = &world.active.get(&id).unwrap().conversation;
    let department = world
        .departments
        .iter()
        .position(|d| d.id != c.department.id)
        .unwrap();
    let outsider = world
        .agents
        .iter()
        .enumerate()
        .find(|(a, _)| !world.members[department].contains(a))
        .unwrap()
        .1
        .id
        .clone();
    let department = world.departments[department].id.clone();
    let invalid = |r: Result<_, Refusal>| matches!(r, Err(Refusal::Invalid(_)));
    let now = seed::anchor();
    let (by, agent) = (admin(), c.agent.clone().unwrap().id);

    assert!(invalid(sim.transfer_conversation(
        &id,
        "d-nowhere",
        None,
        &by,
        now
    )));
    assert!(invalid(sim.transfer_conversation(
        &id,
        &department,
        Some(&outsider),
        &by,
        now
    )));
    assert!(invalid(sim.transfer_conversation(
        &id,
        &department,
        Some("a-9999"),
        &by,
        now
    )));
    let home = c.department.id.clone();
    assert!(invalid(sim.transfer_conversation(
        &id,
        &home,
        Some(&agent),
        &by,
        now
    )));
    assert_eq!(
        sim.transfer_conversation("c-999999", &department, None, &by, now),
        Err(Refusal::NotFound)
    );
    assert_eq!(sim.world(), &world);
    assert_eq!(sim.journal().sequence(), sequence);
}

#[test]
fn transfer_to_an_offline_or_full_agent_is_refused_but_the_serving_agent_may_keep_it() {
    let mut sim = sim();
    let world = sim.world().clone();
    let unavailable = |status: Option<AgentStatus>| {
        world
            .agents
            .iter()
            .enumerate()
            .find(|(_, a)| match &status {
                Some(s) => &a.status == s,
                None => a.status != AgentStatus::Offline && a.active_conversations >= a.capacity,
            })
            .map(|(i, a)| (i, a.id.clone()))
            .expect("such an agent in the seeded world")
    };
    for (a, agent_id) in [unavailable(Some(AgentStatus::Offline)), unavailable(None)] {
        let d = world.members.iter().position(|m| m.contains(&a)).unwrap();
        let department = world.departments[d].id.clone();
        let id = find(&sim, |c| c.agent.as_ref().is_none_or(|x| x.id != agent_id));
        let refused =
            sim.transfer_conversation(&id, &department, Some(&agent_id), &admin(), seed::anchor());
        assert!(
            matches!(refused, Err(Refusal::Invalid(_))),
            "{agent_id}: {refused:?}"
        );
    }
    // A full agent moving their own conversation to another of their departments.
    let (a, full) = unavailable(None);
    let id = find(&sim, |c| c.agent.as_ref().is_some_and(|x| x.id == full));
    let home = sim
        .world()
        .active
        .get(&id)
        .unwrap()
        .conversation
        .department
        .id
        .clone();
    let elsewhere = sim.world().agents[a]
        .departments
        .iter()
        .find(|d| d.id != home)
        .map(|d| d.id.clone());
    if let Some(department) = elsewhere {
        let before = load(&sim, &full);
        let moved =
            sim.transfer_conversation(&id, &department, Some(&full), &admin(), seed::anchor());
        assert!(moved.is_ok(), "{moved:?}");
        assert_eq!(load(&sim, &full), before);
    }
}

#[test]
fn ending_moves_it_to_the_finished_store_with_its_history_and_frees_the_agent() {
    let mut sim = sim();
    let id = find(&sim, |c| c.status == ConversationStatus::InProgress);
    let agent = sim
        .world()
        .active
        .get(&id)
        .unwrap()
        .conversation
        .agent
        .clone()
        .unwrap()
        .id;
    let before = load(&sim, &agent);
    let now = seed::anchor() + chrono::TimeDelta::seconds(9);
    let sequence = sim.journal().sequence();

    let ended = sim
        .end_conversation(&id, "Duplicada", &admin(), now)
        .unwrap();

    assert_eq!(ended.status, ConversationStatus::Finished);
    assert_eq!((ended.finished_at, ended.status_since), (Some(now), now));
    assert!(sim.world().active.get(&id).is_none());
    let record = sim.world().finished.get(&id).unwrap();
    assert_eq!(record.conversation, ended);
    assert_eq!(
        record.actions[0].justification.as_deref(),
        Some("Duplicada")
    );
    assert_eq!(record.actions[0].kind, ActionKind::End);
    assert!(record.live.last().unwrap().text.contains("Duplicada"));
    assert_eq!(load(&sim, &agent), before - 1);
    let changes = sim.journal().since(sequence).unwrap();
    assert_eq!(
        changes[0].change,
        Change::ConversationRemove { id: id.clone() }
    );
    assert_eq!(changes.len(), 2);
    assert_eq!(
        sim.end_conversation(&id, "Otra vez", &admin(), now),
        Err(Refusal::Finished)
    );
}

#[test]
fn bulk_end_refuses_in_progress_and_ends_the_other_statuses() {
    let mut sim = sim();
    let busy = find(&sim, |c| c.status == ConversationStatus::InProgress);
    let sequence = sim.journal().sequence();
    assert_eq!(
        sim.end_conversation_in_bulk(&busy, "x", &admin(), seed::anchor()),
        Err(Refusal::InProgress)
    );
    assert_eq!(sim.journal().sequence(), sequence);
    for status in [
        ConversationStatus::Queued,
        ConversationStatus::Pending,
        ConversationStatus::Inactive,
    ] {
        let id = find(&sim, |c| c.status == status);
        assert!(sim
            .end_conversation_in_bulk(&id, "x", &admin(), seed::anchor())
            .is_ok());
    }
}

//! Supervisors setting agents' presence, and the simulation respecting it.

use chrono::TimeDelta;
use monitor_core::event::Change;
use monitor_core::wire::{Timestamp, UserRef};
use monitor_core::AgentStatus;

use super::{PresenceRefusal, SUPERVISOR_HOLD};
use crate::sim::{seed, Sim, SimConfig};

fn sim() -> Sim {
    Sim::new(
        SimConfig {
            seed: 7,
            agents: 4,
            conversations: 40,
            ..SimConfig::default()
        },
        seed::anchor(),
    )
}

fn operator() -> UserRef {
    UserRef {
        id: "u-operator".into(),
        name: "Operadora Demo".into(),
    }
}

/// Index and id of the first agent other than the demo agent with this presence.
fn agent_with(sim: &Sim, status: AgentStatus) -> (usize, String) {
    let (a, agent) = sim
        .world()
        .agents
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, agent)| agent.status == status)
        .expect("such an agent in the seeded world");
    (a, agent.id.clone())
}

/// Runs one event every 200 ms from `from` for `steps` events; returns the time reached.
fn run(sim: &mut Sim, from: Timestamp, steps: usize, mut each: impl FnMut(&Sim)) -> Timestamp {
    let mut now = from;
    for _ in 0..steps {
        now += TimeDelta::milliseconds(200);
        sim.advance(1, now);
        each(sim);
    }
    now
}

#[test]
fn setting_a_presence_records_who_and_when_and_is_journaled() {
    let mut sim = sim();
    let (a, id) = agent_with(&sim, AgentStatus::Online);
    let now = seed::anchor() + TimeDelta::seconds(3);
    let sequence = sim.journal().sequence();

    let agent = sim
        .set_agent_presence(&id, AgentStatus::Connected, &operator(), now)
        .unwrap();

    assert_eq!(agent.status, AgentStatus::Connected);
    assert_eq!(agent.status_since, now);
    assert_eq!(agent.status_set_by, Some(operator()));
    assert_eq!(sim.world().agents[a], agent);
    let changes = sim.journal().since(sequence).unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].change, Change::AgentUpsert(agent));
}

#[test]
fn setting_the_presence_an_agent_already_has_changes_nothing() {
    let mut sim = sim();
    let (_, id) = agent_with(&sim, AgentStatus::Online);
    let world = sim.world().clone();
    let sequence = sim.journal().sequence();
    let later = seed::anchor() + TimeDelta::seconds(30);

    let agent = sim
        .set_agent_presence(&id, AgentStatus::Online, &operator(), later)
        .unwrap();

    assert_eq!(Some(&agent), world.agent(&id));
    assert_eq!(agent.status_set_by, None);
    assert_eq!(sim.world(), &world);
    assert_eq!(sim.journal().sequence(), sequence);
}

#[test]
fn an_unknown_agent_or_presence_is_refused_and_changes_nothing() {
    let mut sim = sim();
    let (_, id) = agent_with(&sim, AgentStatus::Online);
    let world = sim.world().clone();
    let now = seed::anchor();
    assert_eq!(
        sim.set_agent_presence("a-9999", AgentStatus::Offline, &operator(), now),
        Err(PresenceRefusal::UnknownAgent)
    );
    let busy = AgentStatus::Other("busy".into());
    assert_eq!(
        sim.set_agent_presence(&id, busy, &operator(), now),
        Err(PresenceRefusal::UnknownStatus)
    );
    assert_eq!(sim.world(), &world);
    assert_eq!(sim.journal().sequence(), 0);
}

#[test]
fn an_agent_signed_out_by_a_supervisor_stays_out_and_gets_nothing_new_until_the_hold_ends() {
    let mut sim = sim();
    let (a, id) = agent_with(&sim, AgentStatus::Online);
    let start = seed::anchor();
    let load = sim.world().agents[a].active_conversations;
    sim.set_agent_presence(&id, AgentStatus::Offline, &operator(), start)
        .unwrap();

    // 2,000 events in 400 s: the agent is drawn for a presence change
    // dozens of times, and conversations are assigned all along.
    let mut most = load;
    let held = run(&mut sim, start, 2_000, |sim| {
        let agent = &sim.world().agents[a];
        assert_eq!(agent.status, AgentStatus::Offline);
        assert_eq!(agent.status_set_by, Some(operator()));
        most = most.max(agent.active_conversations);
    });
    assert!(held - start < SUPERVISOR_HOLD);
    assert_eq!(
        most, load,
        "no conversation was assigned to the offline agent"
    );

    let mut changed = false;
    run(&mut sim, start + SUPERVISOR_HOLD, 2_000, |sim| {
        changed |= sim.world().agents[a].status != AgentStatus::Offline;
    });
    assert!(changed, "the simulation takes the agent over again");
    assert_eq!(sim.world().agents[a].status_set_by, None);
}

#[test]
fn an_agent_signed_out_keeps_their_conversations() {
    let mut sim = sim();
    let (a, id) = sim
        .world()
        .agents
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, agent)| agent.status != AgentStatus::Offline && agent.active_conversations > 0)
        .map(|(a, agent)| (a, agent.id.clone()))
        .expect("a signed-in agent with conversations");
    let load = sim.world().agents[a].active_conversations;
    sim.set_agent_presence(&id, AgentStatus::Offline, &operator(), seed::anchor())
        .unwrap();
    let own = sim
        .world()
        .active
        .iter()
        .filter(|r| r.conversation.agent.as_ref().is_some_and(|x| x.id == id))
        .count();
    assert_eq!(sim.world().agents[a].active_conversations, load);
    assert_eq!(own as u32, load);
}

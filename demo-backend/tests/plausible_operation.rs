//! The simulation looks like a real operation: with the default knobs the
//! queue moves in seconds to a few minutes and most rows are calm, and the
//! load knob overloads it visibly (issue 17: the demo used to open on 116
//! conversations queued for up to 2.5 hours, every agent full).

use chrono::TimeDelta;
use demo_backend::sim::{Sim, SimConfig};
use demo_backend::Options;
use monitor_core::kpi::WaitOutcome;
use monitor_core::thresholds::{WaitLevel, WaitThresholds};
use monitor_core::wire::Timestamp;
use monitor_core::ConversationStatus;

/// What the floor looks like at one instant, and how the waits went.
#[derive(Debug)]
struct Figures {
    rows: usize,
    queued: usize,
    /// Share of rows under their warning limit.
    calm: f64,
    /// Share of rows over their critical limit.
    critical: f64,
    /// Median of the waits that ended (answered or given up), in seconds.
    median_wait: i64,
    /// Share of the waits that ended with the customer giving up.
    abandoned: f64,
    /// Share of signed-in agents' capacity in use.
    #[allow(dead_code)] // Printed with the figures.
    occupancy: f64,
}

fn figures(sim: &Sim, since: Timestamp, now: Timestamp) -> Figures {
    let thresholds = WaitThresholds::default();
    let world = sim.world();
    let rows = world.active.len();
    let level = |l: WaitLevel| {
        world
            .active
            .iter()
            .filter(|r| thresholds.level(&r.conversation, now) == l)
            .count() as f64
            / rows.max(1) as f64
    };
    let mut waits: Vec<i64> = sim
        .history()
        .waits()
        .filter(|w| w.left_at >= since)
        .map(|w| (w.left_at - w.queued_at).num_seconds())
        .collect();
    waits.sort_unstable();
    let abandoned = sim
        .history()
        .waits()
        .filter(|w| w.left_at >= since && w.outcome == WaitOutcome::Abandoned)
        .count();
    let signed_in = world
        .agents
        .iter()
        .filter(|a| a.status != monitor_core::AgentStatus::Offline);
    let (busy, capacity) = signed_in.fold((0, 0), |(b, c), a| {
        (b + a.active_conversations, c + a.capacity)
    });
    Figures {
        rows,
        queued: world.active.queue().count(),
        calm: level(WaitLevel::Normal),
        critical: level(WaitLevel::Critical),
        median_wait: waits.get(waits.len() / 2).copied().unwrap_or(0),
        abandoned: abandoned as f64 / waits.len().max(1) as f64,
        occupancy: f64::from(busy) / f64::from(capacity.max(1)),
    }
}

/// A fixed start, so that the day's shape is the same whenever the test
/// runs: mid-morning, the busiest time.
fn start() -> Timestamp {
    "2026-03-02T10:00:00Z".parse().unwrap()
}

/// Runs the backend's default operation at `load` for `minutes` of
/// simulated time, as the ticker does (`rate` events a second), and
/// returns the figures of its last half hour; the shares of calm and
/// critical rows are averaged over a look every minute of it, so that
/// one lucky or unlucky instant does not decide.
fn run(load: f64, minutes: i64) -> Figures {
    let options = Options::default();
    let config = SimConfig {
        seed: options.seed,
        agents: options.agents,
        conversations: options.conversations,
        rate: options.rate,
        load,
    };
    let start = start();
    let mut sim = Sim::new(config, start);
    let events = options.rate as usize;
    let mut now = start;
    let (mut calm, mut critical, mut looks) = (0.0, 0.0, 0.0);
    for second in 1..=minutes * 60 {
        now += TimeDelta::seconds(1);
        sim.advance(events, now);
        if second > (minutes - 30) * 60 && second % 60 == 0 {
            let f = figures(&sim, now, now);
            calm += f.calm;
            critical += f.critical;
            looks += 1.0;
        }
    }
    Figures {
        calm: calm / looks,
        critical: critical / looks,
        ..figures(&sim, now - TimeDelta::minutes(30), now)
    }
}

#[test]
fn with_the_default_knobs_waits_are_short_and_most_rows_are_calm() {
    let f = run(1.0, 90);
    eprintln!("load 1.0 after 90 min: {f:?}");
    assert!(f.median_wait < 90, "{f:?}");
    assert!(f.calm > 0.85, "{f:?}");
    assert!(f.critical < 0.08, "{f:?}");
    assert!(f.abandoned < 0.08, "{f:?}");
    let rows = Options::default().conversations as f64;
    assert!((0.8..1.25).contains(&(f.rows as f64 / rows)), "{f:?}");
}

#[test]
fn the_load_knob_overloads_the_operation_visibly() {
    let calm = run(1.0, 60);
    let busy = run(1.3, 60);
    eprintln!("load 1.0: {calm:?}\nload 1.3: {busy:?}");
    assert!(busy.median_wait > 120, "{busy:?}");
    assert!(busy.median_wait > 3 * calm.median_wait, "{busy:?}");
    let over = |f: &Figures| 1.0 - f.calm;
    assert!(over(&busy) > 0.03, "{busy:?}");
    assert!(over(&busy) > 5.0 * over(&calm), "{busy:?}");
    assert!(busy.queued > 2 * calm.queued, "{busy:?}");
    assert!(busy.abandoned > 3.0 * calm.abandoned, "{busy:?}");
}

#[test]
fn the_seeded_floor_is_calm_already() {
    let options = Options::default();
    let sim = Sim::new(
        SimConfig {
            seed: options.seed,
            agents: options.agents,
            conversations: options.conversations,
            rate: options.rate,
            load: 1.0,
        },
        start(),
    );
    let f = figures(&sim, start(), start());
    eprintln!("seeded: {f:?}");
    assert!(f.calm > 0.85, "{f:?}");
    assert!(f.queued < f.rows / 8, "{f:?}");
    let full = sim
        .world()
        .agents
        .iter()
        .filter(|a| a.active_conversations >= a.capacity)
        .count();
    assert!(
        full < sim.world().agents.len() / 2,
        "{full} agents at capacity"
    );
    let queued_longest = sim
        .world()
        .active
        .iter()
        .filter(|r| r.conversation.status == ConversationStatus::Queued)
        .map(|r| (start() - r.conversation.status_since).num_seconds())
        .max()
        .unwrap_or(0);
    assert!(queued_longest < 30 * 60, "longest wait {queued_longest} s");
}

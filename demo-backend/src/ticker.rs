//! Drives the simulation in real time at `rate` events per second.

use std::time::Duration;

use tokio::time::{interval, Instant, MissedTickBehavior};

use crate::state::AppState;

const TICK: Duration = Duration::from_millis(100);

/// Upper bound of events per tick, so a stalled process does not catch up
/// with one huge burst under the lock.
const MAX_EVENTS_PER_TICK: f64 = 10_000.0;

/// Runs until the server shuts down. `rate` must be positive.
pub async fn run(state: AppState, rate: f64) {
    let mut ticks = interval(TICK);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut last = Instant::now();
    // Fractions of an event carry over, so low rates still average out right.
    let mut budget = 0.0_f64;
    loop {
        tokio::select! {
            _ = state.shutdown().cancelled() => return,
            _ = ticks.tick() => {}
        }
        let now = Instant::now();
        if state.simulation_paused() {
            // Paused time is not owed afterwards.
            last = now;
            continue;
        }
        budget = (budget + rate * (now - last).as_secs_f64()).min(MAX_EVENTS_PER_TICK);
        last = now;
        let events = budget.floor();
        budget -= events;
        if events >= 1.0 {
            state.sim().advance(events as usize, state.clock().now());
        }
    }
}

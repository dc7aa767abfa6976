//! Agents' shifts and breaks: where each seat of the roster is at any
//! instant, as a pure function of the seed, the agent and the time.
//!
//! Seats are worked in shifts of eight hours with three breaks, and handed
//! over after a gap; the shifts are staggered across the roster so that the
//! same share works at every hour, and the demo looks the same whenever it
//! is started.

use chrono::TimeDelta;
use monitor_core::wire::Timestamp;

/// Where an agent is in their rota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duty {
    /// On shift, taking conversations.
    Working,
    /// On shift, on a break: signed in, taking nothing new.
    Break,
    /// Between shifts.
    Off,
}

const SHIFT_SECS: i64 = 8 * 3600;
/// Shift plus the handover gap.
const CYCLE_SECS: i64 = SHIFT_SECS + 90 * 60;
/// Breaks: (start after the shift's start, length), in seconds.
const BREAKS: [(i64, i64); 3] = [
    (2 * 3600, 15 * 60),
    (4 * 3600, 30 * 60),
    (6 * 3600, 15 * 60),
];

/// A well-mixed 64-bit value of `x` (splitmix64's finalizer): per-agent
/// and per-conversation values that depend on nothing but their inputs.
pub fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Agent `agent`'s duty at `at`, and since when they have been on it.
pub fn duty(seed: u64, agent: usize, at: Timestamp) -> (Duty, Timestamp) {
    let phase = (mix(seed ^ mix(agent as u64)) % CYCLE_SECS as u64) as i64;
    let into = (at.timestamp() + phase).rem_euclid(CYCLE_SECS);
    let back = |secs: i64| at - TimeDelta::seconds(secs);
    if into >= SHIFT_SECS {
        return (Duty::Off, back(into - SHIFT_SECS));
    }
    let mut segment_start = 0;
    for (start, length) in BREAKS {
        if into < start {
            break;
        }
        if into < start + length {
            return (Duty::Break, back(into - start));
        }
        segment_start = start + length;
    }
    (Duty::Working, back(into - segment_start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn about_three_quarters_of_the_roster_work_at_any_hour() {
        for hour in [0, 7, 13, 22] {
            let at: Timestamp = format!("2026-03-02T{hour:02}:30:00Z").parse().unwrap();
            let working = (0..1_000)
                .filter(|&a| duty(7, a, at).0 == Duty::Working)
                .count();
            assert!((680..=800).contains(&working), "{hour}h: {working}");
        }
    }

    #[test]
    fn a_duty_holds_from_its_start_until_the_next_one() {
        let at: Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
        for agent in 0..50 {
            let (now, since) = duty(3, agent, at);
            assert!(since <= at && at - since < TimeDelta::hours(8));
            assert_eq!(duty(3, agent, since).0, now, "agent {agent}");
            assert_eq!(duty(3, agent, since).1, since);
            if since > at - TimeDelta::hours(7) {
                assert_ne!(duty(3, agent, since - TimeDelta::seconds(1)).0, now);
            }
        }
    }
}

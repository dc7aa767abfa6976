//! The shape of the simulated operation: how long each channel's
//! conversations take, how patient its customers are, how arrivals move
//! over the day, and how big the operation is for the knobs it was given.
//!
//! The knobs keep their meaning: `conversations` is about how many active
//! rows there are (the arrival rate is derived from it by Little's law),
//! `agents` is the roster (their capacities are sized so that it can serve
//! that many rows at a calm occupancy) and `rate` is the changes per second
//! the stream carries, which sets the pace: the operation's own changes
//! (arrivals, answers, ends) take a fixed share of it, messages and status
//! changes the rest. At the defaults (300 rows, 5 changes a second) that
//! is real time; a higher rate fast-forwards the operation, a lower one
//! slows it down. `load` multiplies arrivals over what the staffing was
//! planned for: above 1 the operation falls behind.

use chrono::Timelike;
use monitor_core::wire::Timestamp;
use monitor_core::Channel;

/// What a channel's conversations are like, in seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChannelProfile {
    /// Mean time from being answered to being finished.
    pub handle_secs: f64,
    /// Mean time a customer waits in the queue before giving up (after a
    /// first few seconds nobody gives up in); `None`: never gives up (a
    /// mail stays in the queue until someone answers it).
    pub patience_secs: Option<f64>,
}

/// Chat channels are handled in minutes, e-mail in hours. A web chat's
/// customer leaves the page after a few minutes; on a messaging app they
/// wait longer, and a mail waits for as long as it takes.
pub fn profile(channel: &Channel) -> ChannelProfile {
    let (handle_min, patience_min) = match channel {
        Channel::Whatsapp => (14.0, Some(20.0)),
        Channel::Webchat => (9.0, Some(5.0)),
        Channel::Instagram => (12.0, Some(25.0)),
        Channel::Messenger => (11.0, Some(20.0)),
        Channel::Email => (60.0, None),
        Channel::Sms => (16.0, Some(30.0)),
        Channel::Telegram => (12.0, Some(20.0)),
        _ => (10.0, Some(10.0)),
    };
    ChannelProfile {
        handle_secs: handle_min * 60.0,
        patience_secs: patience_min.map(|m| m * 60.0),
    }
}

/// Nobody gives up in their first seconds in the queue.
pub const MIN_PATIENCE_SECS: f64 = 15.0;

/// Share of served conversations an agent passes to another department
/// instead of finishing them.
pub const TRANSFER_SHARE: f64 = 0.06;

/// Longest time a conversation takes to reach an agent once one has room
/// (routing, the agent accepting it): the seconds of a calm queue.
pub const MAX_ROUTING_SECS: u64 = 40;

/// Share of the on-shift agents' capacity in use at the planned load:
/// calm, with little room to spare for bursts (and none for 30 % more).
const PLANNED_OCCUPANCY: f64 = 0.85;

/// Share of the roster on shift at any time (see `rota.rs`). Agents on a
/// break keep serving what they have, so capacity is planned over all of
/// them.
const ON_SHIFT_SHARE: f64 = 8.0 / 9.5;

/// Share of the rows being served at the planned load (the rest queued).
const SERVED_SHARE: f64 = 0.93;

/// Changes one conversation's life journals outside its messages: its
/// arrival, its assignment and its end (the last two with its agent's).
const LIFECYCLE_CHANGES: f64 = 5.5;

/// Share of `rate` the lifecycle takes; messages and status changes fill
/// the rest.
const LIFECYCLE_SHARE: f64 = 0.3;

/// How far the pace may be from real time either way.
const TIME_SCALE_RANGE: (f64, f64) = (0.001, 1000.0);

/// Arrivals by hour of the day (UTC), relative to the busiest hour: quiet
/// nights, a morning peak and a smaller afternoon one.
const DAY_SHAPE: [f64; 24] = [
    0.30, 0.25, 0.22, 0.22, 0.25, 0.32, 0.45, 0.62, 0.80, 0.93, 1.00, 0.98, 0.88, 0.85, 0.92, 0.96,
    0.90, 0.80, 0.70, 0.62, 0.56, 0.50, 0.42, 0.35,
];

/// How far arrivals may drift from the start's level over the day. The
/// roster does not follow the day (the demo must look the same at any
/// hour it is started), so the shape is damped: quieter hours go down to
/// 70 %, busier ones barely above the level the staffing was planned for
/// (a demo started at night would otherwise be overloaded by the morning).
const SHAPE_RANGE: (f64, f64) = (0.7, 1.05);

/// The day's shape at `at`, between hours linearly.
fn day_shape(at: Timestamp) -> f64 {
    let hour = at.hour() as usize;
    let into = f64::from(at.minute() * 60 + at.second()) / 3600.0;
    let next = DAY_SHAPE[(hour + 1) % 24];
    DAY_SHAPE[hour] * (1.0 - into) + next * into
}

/// Arrivals at `at` relative to `anchor`'s: the operation is sized for
/// the start, and the day moves it from there.
pub fn shape_relative_to(anchor: Timestamp, at: Timestamp) -> f64 {
    (day_shape(at) / day_shape(anchor)).clamp(SHAPE_RANGE.0, SHAPE_RANGE.1)
}

/// Mean handle time over the channel mix of arrivals, in seconds.
fn mean_handle_secs() -> f64 {
    let total: u32 = super::names::CHANNELS.iter().map(|c| c.1).sum();
    super::names::CHANNELS
        .iter()
        .map(|&(name, weight)| {
            let channel: Channel = name.parse().unwrap_or(Channel::Webchat);
            profile(&channel).handle_secs * f64::from(weight)
        })
        .sum::<f64>()
        / f64::from(total.max(1))
}

/// The operation's size for the knobs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sizing {
    /// Arrivals per second at the start, before `load`.
    pub arrivals_per_sec: f64,
    /// The operation's durations (handle times, patience, routing) are
    /// multiplied by this, its arrival rate divided: the pace at which its
    /// lifecycle takes its share of `rate`. About 1 at the defaults.
    pub time_scale: f64,
    /// Mean capacity of an agent.
    pub capacity: f64,
    /// Arrivals multiplier over the planned load.
    pub load: f64,
}

impl Sizing {
    /// `rate` 0 is a frozen simulation: nothing is scaled for it.
    pub fn new(conversations: usize, agents: usize, rate: f64, load: f64) -> Self {
        let rows = conversations.max(1) as f64;
        let time_in_system = mean_handle_secs() * (1.0 + TRANSFER_SHARE) + 30.0;
        let natural = rows / time_in_system;
        let budget = LIFECYCLE_SHARE * rate;
        let time_scale = if rate.is_finite() && rate > 0.0 {
            (natural * LIFECYCLE_CHANGES / budget).clamp(TIME_SCALE_RANGE.0, TIME_SCALE_RANGE.1)
        } else {
            1.0
        };
        let on_shift = (agents.max(1) as f64 * ON_SHIFT_SHARE).max(1.0);
        Self {
            arrivals_per_sec: natural / time_scale,
            time_scale,
            capacity: (rows * SERVED_SHARE / (on_shift * PLANNED_OCCUPANCY)).max(2.0),
            load: if load.is_finite() && load > 0.0 {
                load
            } else {
                1.0
            },
        }
    }

    /// Mean handle time of `channel` in this operation.
    pub fn handle_secs(&self, channel: &Channel) -> f64 {
        profile(channel).handle_secs * self.time_scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chats_take_minutes_and_mail_takes_hours() {
        assert!(profile(&Channel::Webchat).handle_secs < 20.0 * 60.0);
        assert!(profile(&Channel::Email).handle_secs >= 3600.0);
        assert_eq!(profile(&Channel::Email).patience_secs, None);
    }

    #[test]
    fn the_defaults_run_in_about_real_time_and_the_rate_sets_the_pace() {
        let default = Sizing::new(300, 40, 5.0, 1.0);
        assert!((0.9..1.1).contains(&default.time_scale), "{default:?}");
        for (rows, agents, rate) in [(300, 40, 5.0), (300, 40, 50.0), (50_000, 2_000, 200.0)] {
            let sizing = Sizing::new(rows, agents, rate, 1.0);
            let time_in_system = mean_handle_secs() * 1.06 + 30.0;
            let open = sizing.arrivals_per_sec * time_in_system * sizing.time_scale;
            assert!((open - rows as f64).abs() < 1.0, "{sizing:?}");
            let lifecycle = sizing.arrivals_per_sec * LIFECYCLE_CHANGES;
            assert!((lifecycle - 0.3 * rate).abs() < 1e-6, "{sizing:?}");
        }
        assert!(Sizing::new(300, 40, 50.0, 1.0).time_scale < 0.2);
        assert_eq!(Sizing::new(300, 40, 0.0, 1.0).time_scale, 1.0);
    }

    #[test]
    fn the_day_moves_arrivals_within_a_damped_range_from_the_start() {
        let anchor: Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
        assert_eq!(shape_relative_to(anchor, anchor), 1.0);
        let night: Timestamp = "2026-03-02T03:00:00Z".parse().unwrap();
        assert_eq!(shape_relative_to(anchor, night), SHAPE_RANGE.0);
        let quarter: Timestamp = "2026-03-02T10:15:00Z".parse().unwrap();
        assert!((shape_relative_to(anchor, quarter) - 1.0).abs() < 0.02);
    }
}

//! How the initial conversations are laid out: as a running operation has
//! them at any instant, so the demo opens on a plausible picture rather
//! than one that has to settle. A few are queued, most for seconds; the
//! served ones have been with their agent for part of their channel's
//! handle time; a few rows sit past their limits, as in any real floor.

use chrono::TimeDelta;
use monitor_core::wire::Timestamp;
use monitor_core::{Channel, ConversationStatus};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::names::CHANNELS;
use super::operation::Sizing;
use super::seed::pick_weighted;

/// Share of the rows that are queued at the planned load; more when the
/// operation is overloaded (its queue grows until customers give up).
pub fn queue_share(load: f64) -> f64 {
    (0.07 + 0.8 * (load - 1.0).max(0.0)).min(0.6)
}

/// A served conversation's status: mostly in progress, a third waiting for
/// the customer, some gone quiet.
pub fn served_status(rng: &mut ChaCha8Rng) -> ConversationStatus {
    let statuses = [
        ConversationStatus::InProgress,
        ConversationStatus::Pending,
        ConversationStatus::Inactive,
    ];
    statuses[pick_weighted(rng, [50, 33, 17].into_iter())].clone()
}

/// A row's channel. Queued rows follow the arrivals' mix; served rows the
/// mix of what is open, where a channel that takes longer stays longer
/// (by Little's law, in proportion to its handle time).
pub fn channel(rng: &mut ChaCha8Rng, queued: bool) -> Channel {
    let channel = |name: &str| name.parse().unwrap_or(Channel::Webchat);
    let weight = |&(name, weight): &(&str, u32)| {
        if queued {
            weight
        } else {
            weight * (super::operation::profile(&channel(name)).handle_secs / 60.0) as u32
        }
    };
    let i = pick_weighted(rng, CHANNELS.iter().map(weight));
    channel(CHANNELS[i].0)
}

/// A row's times; `status` may be softened (a conversation too young to
/// have gone quiet is pending).
pub struct Times {
    pub status: ConversationStatus,
    pub created_at: Timestamp,
    pub status_since: Timestamp,
    pub updated_at: Timestamp,
    pub transfers: u32,
    /// When its agent took it; `None` while queued.
    pub answered_at: Option<Timestamp>,
}

fn secs(s: f64) -> TimeDelta {
    TimeDelta::milliseconds((s * 1000.0) as i64).max(TimeDelta::zero())
}

/// An exponential draw with this mean.
pub fn exponential(rng: &mut ChaCha8Rng, mean: f64) -> f64 {
    -mean * (1.0 - rng.random::<f64>()).ln()
}

/// Share of served rows left in their status past the warning limit.
const STALE_SHARE: f64 = 0.04;

pub fn times(
    rng: &mut ChaCha8Rng,
    sizing: &Sizing,
    channel: &Channel,
    mut status: ConversationStatus,
    now: Timestamp,
) -> Times {
    let transfers = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2][rng.random_range(0..17)];
    let with_bot = rng.random_range(20.0..90.0);
    if status == ConversationStatus::Queued {
        // Seconds mostly, and a tail of minutes; longer as load grows.
        let over = (sizing.load - 1.0).max(0.0);
        let waited = if rng.random_bool(0.88) {
            exponential(rng, 25.0 * (1.0 + 10.0 * over)).min(110.0 * (1.0 + 10.0 * over))
        } else {
            rng.random_range(60.0..400.0) * (1.0 + 10.0 * over)
        };
        let status_since = now - secs(waited.round());
        // A transferred one was served for a while before.
        let before = with_bot
            + match transfers {
                0 => 0.0,
                _ => exponential(rng, sizing.handle_secs(channel) / 2.0),
            };
        return Times {
            status,
            created_at: status_since - secs(before.round()),
            status_since,
            updated_at: status_since,
            transfers,
            answered_at: None,
        };
    }
    let served_for = exponential(rng, sizing.handle_secs(channel))
        .clamp(20.0, 6.0 * 3600.0)
        .round();
    let waited = exponential(rng, 25.0).min(300.0).round();
    let created_at = now - secs(served_for + waited + with_bot.round());
    let stale = rng.random_bool(STALE_SHARE);
    let in_status = |rng: &mut ChaCha8Rng, calm_max: f64| {
        let span = if stale {
            rng.random_range(900.0..2400.0)
        } else {
            rng.random_range(0.0..calm_max)
        };
        span.min(served_for).round()
    };
    if status == ConversationStatus::Inactive && served_for < 660.0 {
        // Too young to have gone quiet for ten minutes.
        status = ConversationStatus::Pending;
    }
    let (status_since, updated_at) = match status {
        ConversationStatus::InProgress => {
            let since = now - secs(in_status(rng, 420.0));
            let room = (now - since).num_seconds().clamp(0, 240) as f64;
            (since, now - secs(rng.random_range(0.0..=room).round()))
        }
        ConversationStatus::Pending => {
            let since = now - secs(in_status(rng, 600.0));
            (since, since)
        }
        _ => {
            // Silent for ten minutes before it turned inactive.
            let quiet = in_status(rng, 420.0).min(served_for - 600.0);
            let since = now - secs(quiet);
            (since, since - secs(600.0))
        }
    };
    Times {
        status,
        created_at,
        status_since,
        updated_at,
        transfers,
        answered_at: Some(now - secs(served_for)),
    }
}

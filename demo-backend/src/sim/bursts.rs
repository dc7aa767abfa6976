//! Occasional bursts: for a quarter of an hour or so, one department gets
//! two to three times its usual arrivals (an outage, a campaign, a
//! delivery gone wrong). Laid out once from the seed, so the same seed has
//! the same bursts at the same times.

use chrono::TimeDelta;
use monitor_core::wire::Timestamp;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Mean time between two bursts, anywhere in the operation.
const MEAN_GAP_SECS: f64 = 2.0 * 3600.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Burst {
    pub department: usize,
    pub from: Timestamp,
    pub until: Timestamp,
    /// Arrivals multiplier of the department while it lasts.
    pub factor: f64,
}

/// The bursts from a day before `anchor` to two days after it.
pub fn schedule(seed: u64, anchor: Timestamp, departments: &[u32]) -> Vec<Burst> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6275_7273_7473);
    // Near the ends of the calendar there are no bursts, rather than a panic.
    let (Some(mut at), Some(end)) = (
        anchor.checked_sub_signed(TimeDelta::days(1)),
        anchor.checked_add_signed(TimeDelta::days(2)),
    ) else {
        return Vec::new();
    };
    let mut bursts = Vec::new();
    while at < end && !departments.is_empty() {
        let gap = -MEAN_GAP_SECS * (1.0 - rng.random::<f64>()).ln();
        at += TimeDelta::seconds(gap as i64);
        if at >= end {
            break;
        }
        let department = super::seed::pick_weighted(&mut rng, departments.iter().copied());
        let length = TimeDelta::seconds(rng.random_range(10 * 60..25 * 60));
        bursts.push(Burst {
            department,
            from: at,
            until: at + length,
            factor: rng.random_range(2.0..3.0),
        });
    }
    bursts
}

/// Department `department`'s arrivals multiplier at `at`.
pub fn factor(bursts: &[Burst], department: usize, at: Timestamp) -> f64 {
    bursts
        .iter()
        .filter(|b| b.department == department && b.from <= at && at < b.until)
        .map(|b| b.factor)
        .fold(1.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bursts_are_occasional_short_and_the_same_for_the_same_seed() {
        let anchor: Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
        let bursts = schedule(7, anchor, &[22, 30, 15]);
        assert_eq!(bursts, schedule(7, anchor, &[22, 30, 15]));
        assert!((20..=60).contains(&bursts.len()), "{}", bursts.len());
        for b in &bursts {
            assert!(b.until - b.from <= TimeDelta::minutes(25));
            assert!(factor(&bursts, b.department, b.from) >= 2.0);
        }
        let calm = (0..3)
            .filter(|&d| factor(&bursts, d, anchor) == 1.0)
            .count();
        assert!(calm >= 2);
    }
}

//! When polled figures stop being current: the monitor marks them stale
//! rather than letting old numbers pass for today's.

/// Whether figures answered `age_ms` ago, by a poll every `interval_ms`,
/// are stale: two polls have passed without a new answer. One late answer
/// (a slow network) is not yet a fault worth a mark.
pub fn figures_stale(age_ms: f64, interval_ms: u32) -> bool {
    age_ms > 2.0 * f64::from(interval_ms)
}

#[cfg(test)]
mod tests {
    use super::figures_stale;

    #[test]
    fn figures_go_stale_after_two_missed_polls() {
        assert!(!figures_stale(0.0, 15_000));
        assert!(!figures_stale(29_999.0, 15_000));
        assert!(!figures_stale(30_000.0, 15_000));
        assert!(figures_stale(30_001.0, 15_000));
        assert!(figures_stale(2_001.0, 1_000));
    }
}

//! Delays between attempts: reconnecting the stream and reloading the
//! snapshot. Both grow exponentially with jitter, so that a backend that
//! keeps failing (or a load balancer that cannot resume a stream) is not
//! hammered, and so that many monitors do not retry in step.

/// No wait between attempts grows beyond this.
pub const BACKOFF_CAP_MS: u32 = 30_000;

/// `base_ms · 2^attempt`, capped at `cap_ms`, scaled by a jitter factor in
/// [0.5, 1] drawn from `random` (in [0, 1)).
fn backoff(base_ms: u32, attempt: u32, cap_ms: u32, random: f64) -> u32 {
    let full = base_ms.saturating_mul(1u32 << attempt.min(16)).min(cap_ms);
    let jitter = 0.5 + random.clamp(0.0, 1.0) * 0.5;
    (f64::from(full) * jitter) as u32
}

/// The stream's reconnect policy. A connection counts as good only once it
/// has proven itself with an event or a heartbeat: one that opens and dies
/// at once (a proxy that accepts and drops) is a failure like one that
/// never opened, so reconnects back off instead of spinning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconnects {
    /// Failed attempts in a row.
    failures: u32,
    /// The current connection delivered an event or a heartbeat.
    proven: bool,
}

impl Reconnects {
    /// First try waits this (times jitter): a dropped healthy stream comes
    /// back almost at once.
    pub const FIRST_MS: u32 = 500;

    /// A connection opened; it has proven nothing yet.
    pub fn opened(&mut self) {
        self.proven = false;
    }

    /// An event or a heartbeat arrived. True the first time on this
    /// connection: the feed is live from now on, and failures are forgiven.
    pub fn proof(&mut self) -> bool {
        if self.proven {
            return false;
        }
        self.proven = true;
        self.failures = 0;
        true
    }

    /// The connection ended, failed to open, or went silent: how long to
    /// wait before the next try. `random` is in [0, 1).
    pub fn delay_after_end(&mut self, random: f64) -> u32 {
        let attempt = if self.proven { 0 } else { self.failures };
        if !self.proven {
            self.failures = self.failures.saturating_add(1);
        }
        self.proven = false;
        backoff(Self::FIRST_MS, attempt, BACKOFF_CAP_MS, random)
    }

    /// The current connection has delivered an event or a heartbeat.
    pub fn proven(&self) -> bool {
        self.proven
    }

    /// Failed attempts in a row, for the connection indicator.
    pub fn failures(&self) -> u32 {
        self.failures
    }
}

/// How soon the snapshot may be reloaded after the last reload. One resync
/// is answered at once; resyncs that keep coming (every reconnect refused,
/// a stream that keeps losing events) are answered ever later, until the
/// feed has been calm for [`Self::CALM_MS`]. The longest wait follows what
/// a reload costs: ten times its last load time, from [`Self::FLOOR_MS`]
/// (a small operation converges within seconds once the trouble stops) to
/// [`BACKOFF_CAP_MS`] (a big one spends at most a tenth of its time
/// reloading).
#[derive(Debug, Clone, PartialEq)]
pub struct ResyncPacer {
    /// Reloads in a row, each within `CALM_MS` of the previous one.
    streak: u32,
    /// When (ms, any monotonic clock) the last reload was requested.
    last_ms: Option<f64>,
    /// The longest wait, from the last load time.
    cap_ms: u32,
}

impl Default for ResyncPacer {
    fn default() -> Self {
        Self {
            streak: 0,
            last_ms: None,
            cap_ms: Self::FLOOR_MS,
        }
    }
}

impl ResyncPacer {
    /// The second reload in a row waits about this long after the first.
    pub const BASE_MS: u32 = 1_000;
    /// This long without a reload and the next one is answered at once.
    pub const CALM_MS: f64 = 60_000.0;
    /// The longest wait for a snapshot that loads in under 300 ms.
    pub const FLOOR_MS: u32 = 3_000;

    /// A reload is needed at `now_ms`: how long to wait before requesting it.
    /// `random` is in [0, 1). Call [`Self::requested`] when it is sent.
    pub fn delay(&self, now_ms: f64, random: f64) -> u32 {
        match self.last_ms {
            Some(last) if now_ms - last < Self::CALM_MS => {
                let wanted = backoff(
                    Self::BASE_MS,
                    self.streak.saturating_sub(1),
                    self.cap_ms,
                    random,
                );
                let elapsed = (now_ms - last).max(0.0) as u32;
                wanted.saturating_sub(elapsed)
            }
            _ => 0,
        }
    }

    /// A reload took `took_ms` from request to decoded answer.
    pub fn loaded(&mut self, took_ms: f64) {
        let cap = (took_ms.max(0.0) * 10.0).min(f64::from(BACKOFF_CAP_MS)) as u32;
        self.cap_ms = cap.max(Self::FLOOR_MS);
    }

    /// A reload was requested at `now_ms`.
    pub fn requested(&mut self, now_ms: f64) {
        let in_a_row = self
            .last_ms
            .is_some_and(|last| now_ms - last < Self::CALM_MS);
        self.streak = if in_a_row {
            self.streak.saturating_add(1)
        } else {
            1
        };
        self.last_ms = Some(now_ms);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_stream_that_dies_before_any_event_backs_off_further_each_time() {
        let mut reconnects = Reconnects::default();
        let mut delays = Vec::new();
        for _ in 0..8 {
            reconnects.opened();
            delays.push(reconnects.delay_after_end(0.999_999));
        }
        assert_eq!(delays[0], 499);
        assert!(delays.windows(2).all(|w| w[1] >= w[0]), "{delays:?}");
        assert!(delays[6] >= 29_000, "{delays:?}");
        assert_eq!(reconnects.failures(), 8);
    }

    #[test]
    fn a_stream_that_proved_itself_reconnects_at_once_and_is_forgiven() {
        let mut reconnects = Reconnects::default();
        for _ in 0..5 {
            reconnects.opened();
            reconnects.delay_after_end(0.5);
        }
        reconnects.opened();
        assert!(reconnects.proof(), "the first proof makes the feed live");
        assert!(!reconnects.proof(), "later ones change nothing");
        assert_eq!(reconnects.failures(), 0);
        assert!(reconnects.delay_after_end(0.999) <= Reconnects::FIRST_MS);
        // The next connection must prove itself again.
        reconnects.opened();
        reconnects.delay_after_end(0.999);
        assert_eq!(reconnects.failures(), 1);
    }

    #[test]
    fn the_first_resync_is_at_once_and_a_run_of_them_slows_down() {
        let mut pacer = ResyncPacer::default();
        // A big operation: each reload takes 4 s.
        pacer.loaded(4_000.0);
        let mut now = 0.0;
        let mut waits = Vec::new();
        for _ in 0..10 {
            let wait = pacer.delay(now, 0.999);
            waits.push(wait);
            now += f64::from(wait);
            pacer.requested(now);
            // Each reload is answered, then the next resync comes at once.
            now += 100.0;
        }
        assert_eq!(waits[0], 0);
        assert!(waits.windows(2).all(|w| w[1] >= w[0]), "{waits:?}");
        assert!(waits[9] >= 29_000, "{waits:?}");
        // Over a minute of those, few reloads.
        let mut pacer = ResyncPacer::default();
        pacer.loaded(4_000.0);
        let (mut now, mut reloads) = (0.0, 0);
        while now < 60_000.0 {
            now += f64::from(pacer.delay(now, 0.0));
            pacer.requested(now);
            reloads += 1;
            now += 100.0;
        }
        assert!(reloads <= 10, "{reloads} reloads in a minute");
    }

    #[test]
    fn a_calm_minute_makes_the_next_resync_immediate_again() {
        let mut pacer = ResyncPacer::default();
        for at in [0.0, 100.0, 200.0, 300.0] {
            pacer.requested(at);
        }
        assert!(pacer.delay(400.0, 0.5) > 0);
        assert_eq!(pacer.delay(300.0 + ResyncPacer::CALM_MS, 0.5), 0);
        pacer.requested(300.0 + ResyncPacer::CALM_MS);
        assert!(pacer.delay(400.0 + ResyncPacer::CALM_MS, 0.5) <= ResyncPacer::BASE_MS);
    }

    #[test]
    fn a_cheap_snapshot_is_never_owed_for_more_than_a_few_seconds() {
        let mut pacer = ResyncPacer::default();
        pacer.loaded(120.0);
        let mut now = 0.0;
        for _ in 0..20 {
            let wait = pacer.delay(now, 0.999);
            assert!(wait <= ResyncPacer::FLOOR_MS, "{wait}");
            now += f64::from(wait);
            pacer.requested(now);
            now += 100.0;
        }
        // And a costly one waits longer, up to the cap.
        pacer.loaded(60_000.0);
        assert!(pacer.delay(now, 0.999) > 29_000);
    }

    proptest! {
        #[test]
        fn every_wait_is_within_half_and_all_of_the_capped_exponential(
            attempt in 0u32..40, random in 0.0f64..1.0,
        ) {
            let full = (500u64 << attempt.min(16)).min(u64::from(BACKOFF_CAP_MS)) as f64;
            let wait = f64::from(backoff(500, attempt, BACKOFF_CAP_MS, random));
            prop_assert!(wait >= full * 0.5 - 1.0 && wait <= full, "{wait} for {full}");
        }
    }
}

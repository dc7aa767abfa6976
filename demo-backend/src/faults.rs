//! Fault injection: what the demo backend does wrong on purpose, so the
//! monitor's handling of a failing, slow or misbehaving backend can be seen
//! and tested. Set at start from the command line, switchable at run time
//! ([`crate::Server::set_faults`]). All faults are off by default, and with
//! all of them off the backend behaves exactly as if they did not exist.
//!
//! Where each one acts: refusals, hangs and latency in [`http`], a middleware over
//! the API (static files are never affected); lost answers in
//! [`lost_answer`], over the actions only; drops, refused resumes and the
//! per-event faults and streams that die at once in the change stream (`stream.rs`, `stream/mangle.rs`).

pub mod http;
pub mod lost_answer;

use std::sync::{Mutex, MutexGuard, PoisonError};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tokio::sync::watch;

/// Mixed into the simulation seed, so fault draws do not mirror the
/// simulation's own random choices.
const SEED_SALT: u64 = 0xFA17_5EED_0000_0005;

/// The faults to inject. A share is the probability (0 to 1) that one request
/// or one stream change event is affected; 0 and `Default` mean none.
#[derive(clap::Args, Clone, Copy, Debug, Default, PartialEq)]
#[command(next_help_heading = "Fault injection")]
pub struct Faults {
    /// Share (0..1) of API requests, the stream's connection included,
    /// answered `503` problem+json without being acted on.
    #[arg(long, default_value_t = 0.0, value_parser = share)]
    pub fail_share: f64,
    /// Milliseconds added before every API response (for the stream: before
    /// its headers, not before each event).
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Share (0..1) of API requests, the stream's connection included, that
    /// are never answered: the connection stays open, silent, until the
    /// client gives up (or the server stops), as behind a hung proxy.
    #[arg(long, default_value_t = 0.0, value_parser = share)]
    pub hang_share: f64,
    /// Accept every change stream, then close it before sending anything,
    /// as a load balancer that drops the connection right after the headers.
    #[arg(long)]
    pub stream_dies_at_once: bool,
    /// Cut every open change stream this many seconds after it connected
    /// (0 = never); the client must reconnect with `Last-Event-ID`.
    #[arg(long, default_value_t = 0)]
    pub drop_stream_secs: u64,
    /// Share (0..1) of stream change events sent twice, with the same id.
    #[arg(long, default_value_t = 0.0, value_parser = share)]
    pub duplicate_share: f64,
    /// Share (0..1) of stream change events held back and sent right after
    /// the next one; `after` keeps the order the server computed.
    #[arg(long, default_value_t = 0.0, value_parser = share)]
    pub reorder_share: f64,
    /// Share (0..1) of stream change events whose data is replaced by
    /// malformed JSON (the event name and id stay).
    #[arg(long, default_value_t = 0.0, value_parser = share)]
    pub malformed_share: f64,
    /// Answer every resume (`Last-Event-ID`) with `resync`, as if the resume
    /// point were too old.
    #[arg(long)]
    pub refuse_resume: bool,
    /// Share (0..1) of successful actions (transfer, end, bulk end,
    /// presence) whose answer is lost after they were carried out and kept
    /// under their `Idempotency-Key`: the client sees a failure, and only a
    /// retry with the same key tells it what happened.
    #[arg(long, default_value_t = 0.0, value_parser = share)]
    pub lost_answer_share: f64,
    /// How such an answer is lost: replaced by a `503` problem+json, or
    /// `cut` (the connection is closed without an answer).
    #[arg(long, value_enum, default_value_t = LostAnswer::Unavailable)]
    pub lost_answer: LostAnswer,
}

/// How the answer of an action hit by `lost_answer_share` is lost.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LostAnswer {
    /// A `503` problem+json, as from a proxy that gave up waiting.
    #[default]
    #[value(name = "503")]
    Unavailable,
    /// The connection closes without an answer, as when a proxy dies.
    Cut,
}

/// Parses a share: a number from 0 to 1.
fn share(raw: &str) -> Result<f64, String> {
    let value: f64 = raw
        .trim()
        .parse()
        .map_err(|_| format!("{raw:?} is not a number"))?;
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{value} is not a share from 0 to 1"))
    }
}

/// Whether something with probability `share` happens this time. Shares set
/// through the library API are not validated, so above 1 is always and NaN
/// or below 0 is never. Nothing is drawn for a certain outcome, so faults
/// that are off leave the generator untouched.
pub fn chance(rng: &mut ChaCha8Rng, share: f64) -> bool {
    if share >= 1.0 {
        return true;
    }
    if share.is_nan() || share <= 0.0 {
        return false;
    }
    rng.random::<f64>() < share
}

/// The faults in force, shared by the API middleware and every stream.
#[derive(Debug)]
pub struct FaultSwitch {
    /// A watch channel rather than a plain lock, so open streams notice a
    /// change at once (turning drops on cuts streams that are already old).
    faults: watch::Sender<Faults>,
    /// Draws for the request faults, and the seed of each stream's own
    /// generator (streams draw per event; they should not contend for this).
    rng: Mutex<ChaCha8Rng>,
}

impl FaultSwitch {
    /// `faults` in force; draws seeded from the simulation's `seed`.
    pub fn new(faults: Faults, seed: u64) -> Self {
        Self {
            faults: watch::Sender::new(faults),
            rng: Mutex::new(ChaCha8Rng::seed_from_u64(seed ^ SEED_SALT)),
        }
    }

    pub fn current(&self) -> Faults {
        *self.faults.borrow()
    }

    /// Puts `faults` in force for every later request and event.
    pub fn set(&self, faults: Faults) {
        self.faults.send_replace(faults);
    }

    /// The faults in force, notified of each [`FaultSwitch::set`].
    pub fn watch(&self) -> watch::Receiver<Faults> {
        self.faults.subscribe()
    }

    /// Whether a request is hit by a fault of this share.
    pub fn roll(&self, share: f64) -> bool {
        chance(&mut self.rng(), share)
    }

    /// A generator of its own for one stream connection.
    pub fn stream_rng(&self) -> ChaCha8Rng {
        ChaCha8Rng::seed_from_u64(self.rng().random())
    }

    /// A panic while drawing leaves a usable generator: poisoning is ignored.
    fn rng(&self) -> MutexGuard<'_, ChaCha8Rng> {
        self.rng.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;
    use clap::Parser;

    #[test]
    fn fault_flags_build_the_initial_faults() {
        let options = Options::parse_from([
            "demo-backend",
            "--fail-share",
            "0.25",
            "--latency-ms",
            "300",
            "--drop-stream-secs",
            "4",
            "--duplicate-share",
            "0.5",
            "--reorder-share",
            "1",
            "--malformed-share",
            "0.1",
            "--refuse-resume",
            "--lost-answer-share",
            "0.75",
            "--lost-answer",
            "cut",
            "--hang-share",
            "0.05",
            "--stream-dies-at-once",
        ]);
        let expected = Faults {
            fail_share: 0.25,
            latency_ms: 300,
            drop_stream_secs: 4,
            duplicate_share: 0.5,
            reorder_share: 1.0,
            malformed_share: 0.1,
            refuse_resume: true,
            lost_answer_share: 0.75,
            lost_answer: LostAnswer::Cut,
            hang_share: 0.05,
            stream_dies_at_once: true,
        };
        assert_eq!(options.faults, expected);
    }

    #[test]
    fn a_lost_answer_is_a_503_unless_cut_is_asked_for() {
        let share = ["demo-backend", "--lost-answer-share", "1"];
        let options = Options::parse_from(share);
        assert_eq!(options.faults.lost_answer, LostAnswer::Unavailable);
        let options = Options::parse_from([&share[..], &["--lost-answer", "503"]].concat());
        assert_eq!(options.faults.lost_answer, LostAnswer::Unavailable);
        assert!(
            Options::try_parse_from([&share[..], &["--lost-answer", "drop"]].concat()).is_err()
        );
    }

    #[test]
    fn shares_outside_zero_to_one_are_refused_on_the_command_line() {
        for bad in ["1.5", "-0.1", "NaN", "half"] {
            for flag in ["--fail-share", "--lost-answer-share"] {
                let parsed = Options::try_parse_from(["demo-backend", flag, bad]);
                assert!(parsed.is_err(), "{flag} {bad}");
            }
        }
    }

    #[test]
    fn chance_is_certain_at_one_and_impossible_at_zero_or_nan() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        assert!((0..100).all(|_| chance(&mut rng, 1.0) && chance(&mut rng, 7.0)));
        assert!((0..100).all(|_| !chance(&mut rng, 0.0) && !chance(&mut rng, f64::NAN)));
        assert!(!chance(&mut rng, -3.0));
    }

    #[test]
    fn chance_of_a_half_happens_about_half_the_time() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let hits = (0..10_000).filter(|_| chance(&mut rng, 0.5)).count();
        assert!((4_500..5_500).contains(&hits), "{hits}");
    }

    #[test]
    fn faults_switched_at_run_time_are_seen_by_watchers() {
        let switch = FaultSwitch::new(Faults::default(), 7);
        let mut watcher = switch.watch();
        let on = Faults {
            drop_stream_secs: 3,
            ..Faults::default()
        };
        switch.set(on);
        assert!(watcher.has_changed().unwrap_or(false));
        assert_eq!(*watcher.borrow_and_update(), on);
        assert_eq!(switch.current(), on);
    }
}

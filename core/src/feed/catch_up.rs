//! The stream's changes kept while the board cannot take them yet.
//!
//! Two things put the feed in that state. A gap (`after` is not the
//! board's position) may only be a late event: the missing one often comes
//! right behind (a proxy reordered them), and then the kept events apply in
//! order with no reload. A `resync`, an unreadable event or a gap that does
//! not close needs a fresh snapshot; the stream stays open meanwhile and its
//! events are kept, so that once the snapshot is on the board only the
//! events newer than it apply: no second reload, and nothing missed between
//! the snapshot and the stream.
//!
//! What comes out is always a chain: each change follows the one before it
//! on the server's connection, the first follows the board's position (or
//! is covered by the snapshot). The board then takes them as in-order
//! events.

use std::collections::BTreeMap;

use crate::event::Change;

/// Most changes kept (the oldest go first). A snapshot that takes longer
/// than this many events to load is followed by another: dropping old
/// events can only cause a gap, never a wrong row.
const KEPT: usize = 20_000;

/// Changes waiting for the board, by sequence.
#[derive(Debug, Clone, Default)]
pub struct CatchUp {
    /// sequence → (the sequence it follows on its connection, the change).
    events: BTreeMap<u64, (u64, Change)>,
    /// Only a snapshot can bring the board back in step.
    needs_snapshot: bool,
}

/// Changes the board can take in order after a snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Caught {
    /// (sequence, change), oldest first; each follows the previous one.
    pub changes: Vec<(u64, Change)>,
    /// Whether every kept event applied; if not, some are still waiting
    /// for one that has not arrived.
    pub complete: bool,
}

impl CatchUp {
    /// Nothing is waiting and nothing is owed: the board follows the stream.
    pub fn is_idle(&self) -> bool {
        self.events.is_empty() && !self.needs_snapshot
    }

    /// Events are waiting for one that has not arrived.
    pub fn is_waiting(&self) -> bool {
        !self.events.is_empty()
    }

    /// Only a fresh snapshot can bring the board back in step.
    pub fn needs_snapshot(&self) -> bool {
        self.needs_snapshot
    }

    /// Keeps a change the board could not take yet. A duplicate (same
    /// sequence) is dropped.
    pub fn keep(&mut self, sequence: u64, after: u64, change: Change) {
        self.events.entry(sequence).or_insert((after, change));
        while self.events.len() > KEPT {
            self.events.pop_first();
        }
    }

    /// The server said `resync`: it goes on from its current sequence, so
    /// what was kept before cannot chain on to what comes next.
    pub fn resync(&mut self) {
        self.events.clear();
        self.needs_snapshot = true;
    }

    /// An event was lost for good (it could not be read), or a gap did not
    /// close in time: a snapshot is owed.
    pub fn give_up_waiting(&mut self) {
        self.needs_snapshot = true;
    }

    /// The kept changes that follow on from the board's `position` without
    /// a hole, taken out in order; events at or before it are dropped.
    pub fn heal(&mut self, position: u64) -> Vec<(u64, Change)> {
        self.take_chain(position, |after| after == position)
    }

    /// A snapshot as of `position` is on the board: the kept changes newer
    /// than it, in order, as far as they chain. The first may follow an
    /// event the snapshot already holds (its `after` is at or before
    /// `position`: nothing of this connection came in between).
    pub fn after_snapshot(&mut self, position: u64) -> Caught {
        self.needs_snapshot = false;
        let changes = self.take_chain(position, |after| after <= position);
        Caught {
            changes,
            complete: self.events.is_empty(),
        }
    }

    fn take_chain(
        &mut self,
        position: u64,
        first_fits: impl Fn(u64) -> bool,
    ) -> Vec<(u64, Change)> {
        // Older than the position: already on the board.
        let newer = self.events.split_off(&position.saturating_add(1));
        self.events = newer;
        let mut chain = Vec::new();
        let mut previous: Option<u64> = None;
        while let Some(entry) = self.events.first_entry() {
            let (sequence, &(after, _)) = (*entry.key(), entry.get());
            let fits = match previous {
                None => first_fits(after),
                Some(p) => after == p,
            };
            if !fits {
                break;
            }
            let (_, change) = entry.remove();
            chain.push((sequence, change));
            previous = Some(sequence);
        }
        chain
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn change(n: u64) -> Change {
        Change::ConversationRemove {
            id: format!("c-{n}"),
        }
    }

    fn sequences(changes: &[(u64, Change)]) -> Vec<u64> {
        changes.iter().map(|(s, _)| *s).collect()
    }

    #[test]
    fn a_late_event_closes_the_gap_and_both_apply_in_order() {
        let mut catch_up = CatchUp::default();
        // The board is at 10; 12 (after 11) came before 11.
        catch_up.keep(12, 11, change(12));
        assert!(catch_up.heal(10).is_empty());
        assert!(catch_up.is_waiting());
        catch_up.keep(11, 10, change(11));
        assert_eq!(sequences(&catch_up.heal(10)), [11, 12]);
        assert!(catch_up.is_idle());
    }

    #[test]
    fn after_a_snapshot_only_newer_events_apply_even_if_the_first_follows_an_older_one() {
        let mut catch_up = CatchUp::default();
        catch_up.resync();
        // The server went on from 20; the snapshot is taken at 23.
        for (sequence, after) in [(21, 20), (22, 21), (25, 22), (26, 25)] {
            catch_up.keep(sequence, after, change(sequence));
        }
        let caught = catch_up.after_snapshot(23);
        assert_eq!(sequences(&caught.changes), [25, 26]);
        assert!(caught.complete);
        assert!(catch_up.is_idle());
    }

    #[test]
    fn an_event_lost_after_the_snapshot_leaves_the_rest_waiting() {
        let mut catch_up = CatchUp::default();
        catch_up.give_up_waiting();
        // 31 was unreadable; 32 follows it.
        for (sequence, after) in [(30, 29), (32, 31), (33, 32)] {
            catch_up.keep(sequence, after, change(sequence));
        }
        let caught = catch_up.after_snapshot(29);
        assert_eq!(sequences(&caught.changes), [30]);
        assert!(!caught.complete);
        assert!(catch_up.is_waiting());
    }

    #[test]
    fn a_resync_forgets_what_was_kept_before_it() {
        let mut catch_up = CatchUp::default();
        catch_up.keep(5, 4, change(5));
        catch_up.resync();
        assert!(!catch_up.is_waiting());
        assert!(catch_up.needs_snapshot());
    }

    /// The server's events as one connection sends them: increasing
    /// sequences, each naming the previous one sent.
    fn connection(steps: &[u64]) -> Vec<(u64, u64)> {
        let mut at = 0;
        steps
            .iter()
            .map(|step| {
                let event = (at + step, at);
                at += step;
                event
            })
            .collect()
    }

    proptest! {
        /// However a connection's events are duplicated and reordered on
        /// the way, once all have arrived the snapshot plus what comes out
        /// is every event after the snapshot, in order, exactly once.
        #[test]
        fn snapshot_then_catch_up_yields_every_newer_event_once_in_order(
            steps in prop::collection::vec(1u64..4, 1..60),
            snapshot_pick in any::<prop::sample::Index>(),
            shuffle in prop::collection::vec(any::<prop::sample::Index>(), 0..30),
            duplicates in prop::collection::vec(any::<prop::sample::Index>(), 0..10),
        ) {
            let events = connection(&steps);
            let mut arrivals = events.clone();
            for pick in &duplicates {
                arrivals.push(events[pick.index(events.len())]);
            }
            for (i, pick) in shuffle.iter().enumerate() {
                let len = arrivals.len();
                arrivals.swap(i % len, pick.index(len));
            }
            let last = events.last().map_or(0, |e| e.0);
            let position = snapshot_pick.index(last as usize + 1) as u64;

            let mut catch_up = CatchUp::default();
            catch_up.resync();
            for (sequence, after) in arrivals {
                catch_up.keep(sequence, after, change(sequence));
            }
            let caught = catch_up.after_snapshot(position);
            let expected: Vec<u64> = events.iter().map(|e| e.0).filter(|s| *s > position).collect();
            prop_assert_eq!(sequences(&caught.changes), expected);
            prop_assert!(caught.complete);
        }

        /// With one event missing, nothing at or past the hole comes out.
        #[test]
        fn a_missing_event_stops_the_chain_right_before_it(
            steps in prop::collection::vec(1u64..4, 2..60),
            missing_pick in any::<prop::sample::Index>(),
        ) {
            let events = connection(&steps);
            let missing = missing_pick.index(events.len());
            let mut catch_up = CatchUp::default();
            for (i, (sequence, after)) in events.iter().enumerate() {
                if i != missing {
                    catch_up.keep(*sequence, *after, change(*sequence));
                }
            }
            let healed = catch_up.heal(0);
            let expected: Vec<u64> = events[..missing].iter().map(|e| e.0).collect();
            prop_assert_eq!(sequences(&healed), expected);
            prop_assert_eq!(catch_up.is_waiting(), missing + 1 < events.len());
        }
    }
}

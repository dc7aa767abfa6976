//! The per-event stream faults: change events sent twice, out of order, or
//! with malformed data. Heartbeats and `resync` are never touched: the faults
//! are about what a client applies, and those carry nothing to apply.

use std::collections::VecDeque;

use axum::response::sse::Event;
use rand_chacha::ChaCha8Rng;

use crate::faults::{chance, Faults};

/// One event on its way out, kept in parts so a fault can still change it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub name: &'static str,
    /// The sequence, for change events; `resync` and `heartbeat` have none.
    pub id: Option<u64>,
    pub data: String,
}

impl Outgoing {
    /// The SSE event: `event`, then `id`, then `data`.
    pub fn into_event(self) -> Event {
        let event = Event::default().event(self.name);
        let event = match self.id {
            Some(id) => event.id(id.to_string()),
            None => event,
        };
        event.data(self.data)
    }
}

/// Applies the stream faults to one connection's change events.
#[derive(Debug)]
pub struct Mangler {
    rng: ChaCha8Rng,
    /// Change events held back (one, or its two copies), to go out right
    /// after the next one.
    held: Vec<Outgoing>,
}

impl Mangler {
    pub fn new(rng: ChaCha8Rng) -> Self {
        Self {
            rng,
            held: Vec::new(),
        }
    }

    /// Queues the change event `event` on `ready` as `faults` would have it
    /// go out. With every share at 0 that is `event`, once, in order.
    pub fn pass(&mut self, faults: &Faults, mut event: Outgoing, ready: &mut VecDeque<Outgoing>) {
        if chance(&mut self.rng, faults.malformed_share) {
            event.data = malformed(&event.data);
        }
        let twice = chance(&mut self.rng, faults.duplicate_share);
        let batch = if twice {
            vec![event.clone(), event]
        } else {
            vec![event]
        };
        if !self.held.is_empty() {
            // This one overtakes the one held back; it is never held itself,
            // or a share of 1 would hold every event back forever.
            ready.extend(batch);
            ready.extend(self.held.drain(..));
        } else if chance(&mut self.rng, faults.reorder_share) {
            self.held = batch;
        } else {
            ready.extend(batch);
        }
    }

    /// Drops what is held back: the client is about to be told to resync.
    pub fn forget(&mut self) {
        self.held.clear();
    }
}

/// `data` turned into text no JSON decoder accepts: an object left open,
/// whose next "key" is another object.
fn malformed(data: &str) -> String {
    let mut half = data.len() / 2;
    while !data.is_char_boundary(half) {
        half -= 1;
    }
    format!("{{\"injected_fault\": \"malformed\", {}", &data[..half])
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn change(id: u64) -> Outgoing {
        Outgoing {
            name: "conversation.upsert",
            id: Some(id),
            data: format!(
                r#"{{"after":{},"conversation":{{"id":"c-{id}","name":"Zoë"}}}}"#,
                id - 1
            ),
        }
    }

    /// Passes changes 1..=n through a mangler with `faults`; what goes out, as ids.
    fn run(faults: Faults, n: u64) -> Vec<Outgoing> {
        let mut mangler = Mangler::new(ChaCha8Rng::seed_from_u64(3));
        let mut ready = VecDeque::new();
        for id in 1..=n {
            mangler.pass(&faults, change(id), &mut ready);
        }
        ready.into()
    }

    fn ids(events: &[Outgoing]) -> Vec<u64> {
        events.iter().filter_map(|e| e.id).collect()
    }

    #[test]
    fn without_faults_every_event_goes_out_once_in_order_unchanged() {
        let out = run(Faults::default(), 5);
        assert_eq!(out, (1..=5).map(change).collect::<Vec<_>>());
    }

    #[test]
    fn duplicate_share_one_sends_every_event_twice_in_a_row() {
        let faults = Faults {
            duplicate_share: 1.0,
            ..Faults::default()
        };
        assert_eq!(ids(&run(faults, 3)), [1, 1, 2, 2, 3, 3]);
    }

    #[test]
    fn reorder_share_one_swaps_each_pair_and_keeps_the_data_as_computed() {
        let faults = Faults {
            reorder_share: 1.0,
            ..Faults::default()
        };
        let out = run(faults, 5);
        // The fifth is held until a sixth comes.
        assert_eq!(ids(&out), [2, 1, 4, 3]);
        assert_eq!(out[0], change(2));
    }

    #[test]
    fn a_held_event_is_forgotten_before_a_resync() {
        let faults = Faults {
            reorder_share: 1.0,
            ..Faults::default()
        };
        let mut mangler = Mangler::new(ChaCha8Rng::seed_from_u64(3));
        let mut ready = VecDeque::new();
        mangler.pass(&faults, change(1), &mut ready);
        mangler.forget();
        mangler.pass(&Faults::default(), change(2), &mut ready);
        assert_eq!(ids(ready.make_contiguous()), [2]);
    }

    #[test]
    fn malformed_events_keep_name_and_id_but_their_data_is_not_json() {
        let faults = Faults {
            malformed_share: 1.0,
            ..Faults::default()
        };
        for event in run(faults, 4) {
            assert_eq!(event.name, "conversation.upsert");
            assert!(event.id.is_some());
            let parsed = serde_json::from_str::<serde_json::Value>(&event.data);
            assert!(parsed.is_err(), "{}", event.data);
        }
    }

    #[test]
    fn malformed_data_cuts_at_a_character_boundary_and_stays_invalid_when_empty() {
        assert!(malformed("ñññ").starts_with("{\"injected_fault\""));
        assert!(serde_json::from_str::<serde_json::Value>(&malformed("")).is_err());
        assert!(serde_json::from_str::<serde_json::Value>(&malformed("{}")).is_err());
    }

    #[test]
    fn a_share_of_a_half_affects_some_events_but_not_all() {
        let faults = Faults {
            duplicate_share: 0.5,
            ..Faults::default()
        };
        let sent = run(faults, 200).len();
        assert!((250..350).contains(&sent), "{sent} sent for 200 events");
    }
}

//! State shared by the handlers, the stream and the ticker.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use monitor_core::thresholds::WaitThresholds;
use monitor_core::wire::AgentRef;
use tokio_util::sync::CancellationToken;

use crate::clock::Clock;
use crate::faults::FaultSwitch;
use crate::idempotency::KeyStore;
use crate::revocation::Revocations;
use crate::sim::Sim;
use crate::traffic::Traffic;

#[derive(Clone, Debug)]
pub struct AppState {
    inner: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    /// Never held across an `.await`: every use is a short synchronous section.
    sim: Mutex<Sim>,
    /// Actions hold it from looking their key up until their response is
    /// kept, the simulation lock inside it (always in this order), so two
    /// racing retries cannot both act.
    keys: Mutex<KeyStore>,
    demo_agent: AgentRef,
    heartbeat: Option<Duration>,
    /// Cancelled when the server stops; open streams end on it.
    shutdown: CancellationToken,
    faults: FaultSwitch,
    revocations: Revocations,
    clock: Clock,
    traffic: Traffic,
    /// The simulation stands still (tests compare the monitor with it).
    paused: AtomicBool,
    /// The limits the monitor is configured with: a department's queue
    /// warning limit is its service threshold.
    thresholds: WaitThresholds,
}

impl AppState {
    pub fn new(
        sim: Sim,
        heartbeat: Option<Duration>,
        shutdown: CancellationToken,
        faults: FaultSwitch,
        clock: Clock,
        thresholds: WaitThresholds,
    ) -> Self {
        // Without simulated agents the agent user exists but sees no one's work.
        let demo_agent = sim.demo_agent().unwrap_or_else(|| AgentRef {
            id: "a-demo".to_owned(),
            name: "Agente Demo".to_owned(),
        });
        Self {
            inner: Arc::new(Shared {
                sim: Mutex::new(sim),
                keys: Mutex::new(KeyStore::default()),
                demo_agent,
                heartbeat,
                shutdown,
                faults,
                revocations: Revocations::default(),
                clock,
                traffic: Traffic::default(),
                paused: AtomicBool::new(false),
                thresholds,
            }),
        }
    }

    /// Locks the simulation. A panic elsewhere while holding it leaves a state
    /// that is still coherent enough for a demo, so poisoning is ignored.
    pub fn sim(&self) -> MutexGuard<'_, Sim> {
        self.inner
            .sim
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Locks the idempotency keys; take it before [`AppState::sim`], never after.
    pub fn keys(&self) -> MutexGuard<'_, KeyStore> {
        self.inner
            .keys
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub fn demo_agent(&self) -> &AgentRef {
        &self.inner.demo_agent
    }

    pub fn heartbeat(&self) -> Option<Duration> {
        self.inner.heartbeat
    }

    pub fn shutdown(&self) -> &CancellationToken {
        &self.inner.shutdown
    }

    /// The injected faults in force.
    pub fn faults(&self) -> &FaultSwitch {
        &self.inner.faults
    }

    /// Stops (or restarts) the simulation's own events; actions still act.
    pub fn pause_simulation(&self, paused: bool) {
        self.inner.paused.store(paused, Ordering::Relaxed);
    }

    pub fn simulation_paused(&self) -> bool {
        self.inner.paused.load(Ordering::Relaxed)
    }

    /// What clients have asked for so far.
    pub fn traffic(&self) -> &Traffic {
        &self.inner.traffic
    }

    /// The simulation's and the API's "now".
    pub fn thresholds(&self) -> &WaitThresholds {
        &self.inner.thresholds
    }

    pub fn clock(&self) -> Clock {
        self.inner.clock
    }

    /// Tokens revoked by the test hook.
    pub fn revocations(&self) -> &Revocations {
        &self.inner.revocations
    }
}

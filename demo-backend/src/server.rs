//! Starting and stopping the whole backend.

use std::future::IntoFuture;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use axum::Router;
use monitor_core::kpi::{HandleRecord, WaitRecord};
use monitor_core::wire::{Agent, Timestamp};
use monitor_core::Author;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::clock::Clock;
use crate::csp::MonitorPolicy;
use crate::faults::{FaultSwitch, Faults};
use crate::options::Options;
use crate::origins::Origins;
use crate::portal::{self, Monitor, Page};
use crate::routes::{self, Site};
use crate::sim::{seed, Sim, SimConfig};
use crate::state::AppState;
use crate::{runtime_config, ticker};

/// How long [`Server::stop`] waits for connections to close before cutting them.
const STOP_GRACE: Duration = Duration::from_secs(5);

/// A running backend. Dropping it stops serving too, without waiting.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    state: AppState,
    portal_url: Option<String>,
    hostile_url: Option<String>,
    /// The monitor's listener first, then the portal's and the hostile page's.
    serving: Vec<JoinHandle<io::Result<()>>>,
    ticking: Option<JoinHandle<()>>,
}

/// Binds the monitor's listener (port 0 = any free port) and, unless turned
/// off, the portal's and the hostile page's on the same address; seeds the
/// simulation, starts the tick task and the HTTP servers.
pub async fn spawn(options: Options) -> io::Result<Server> {
    let listener = bind(options.bind, options.port, "monitor").await?;
    let addr = listener.local_addr()?;
    let portal = match options.no_portal {
        true => None,
        false => Some(bind(options.bind, options.portal_port, "demo portal").await?),
    };
    let hostile = match options.hostile_port {
        Some(port) => Some(bind(options.bind, port, "hostile page").await?),
        None => None,
    };
    let origins = Origins::new(
        options.bind,
        addr.port(),
        port_of(portal.as_ref())?,
        port_of(hostile.as_ref())?,
    );
    let config = SimConfig {
        seed: options.seed,
        agents: options.agents,
        conversations: options.conversations,
        rate: options.rate,
        load: options.load,
    };
    let clock = options
        .start_at
        .map_or_else(Clock::real, Clock::starting_at);
    let anchor = clock.seed_anchor(seed::anchor);
    // Seeding 50,000 conversations takes a moment: keep it off the async workers.
    let sim = tokio::task::spawn_blocking(move || Sim::new(config, anchor))
        .await
        .map_err(io::Error::other)?
        .with_sequence_base(crate::clock::sequence_base());
    let heartbeat =
        (options.heartbeat_secs > 0).then(|| Duration::from_secs(options.heartbeat_secs));
    let shutdown = CancellationToken::new();
    let faults = FaultSwitch::new(options.faults, options.seed);
    let state = AppState::new(
        sim,
        heartbeat,
        shutdown.clone(),
        faults,
        clock,
        options.wait_thresholds.clone(),
    );

    let site = Site {
        base: options.base_path.clone(),
        static_dir: options.static_dir.clone(),
        config: runtime_config::body(&runtime_config::config(&options, &origins)),
        csp: MonitorPolicy::new(&origins.framers()),
        cors_origins: options.cors_origins.clone(),
    };
    let monitor = Monitor {
        origin: origins.monitor.clone(),
        url: format!("{}{}", origins.monitor, options.base_path.dir()),
    };
    let mut serving = vec![serve(
        listener,
        routes::router(state.clone(), site),
        &shutdown,
    )];
    for (listener, page) in [(portal, Page::Portal), (hostile, Page::Hostile)] {
        if let Some(listener) = listener {
            serving.push(serve(listener, portal::router(page, &monitor), &shutdown));
        }
    }
    let rate = options.rate;
    let ticking =
        (rate.is_finite() && rate > 0.0).then(|| tokio::spawn(ticker::run(state.clone(), rate)));
    Ok(Server {
        addr,
        state,
        portal_url: origins.portal,
        hostile_url: origins.hostile,
        serving,
        ticking,
    })
}

/// Binds `ip:port`; the error says which listener could not start.
async fn bind(ip: IpAddr, port: u16, what: &str) -> io::Result<TcpListener> {
    TcpListener::bind((ip, port)).await.map_err(|e| {
        io::Error::new(
            e.kind(),
            format!(
                "cannot listen for the {what} on {}: {e}",
                SocketAddr::new(ip, port)
            ),
        )
    })
}

/// The port a listener actually got (what port 0 turned into).
fn port_of(listener: Option<&TcpListener>) -> io::Result<Option<u16>> {
    listener
        .map(|l| l.local_addr().map(|a| a.port()))
        .transpose()
}

/// Serves `app` on `listener` until `shutdown`.
fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: &CancellationToken,
) -> JoinHandle<io::Result<()>> {
    let serve =
        axum::serve(listener, app).with_graceful_shutdown(shutdown.clone().cancelled_owned());
    tokio::spawn(serve.into_future())
}

impl Server {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://<addr>`, e.g. `http://127.0.0.1:8080`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The demo portal's origin, e.g. `http://127.0.0.1:8081` (its page is
    /// at `/`); `None` when it was turned off.
    pub fn portal_url(&self) -> Option<String> {
        self.portal_url.clone()
    }

    /// Test only: the origin of the hostile page (at `/`), which embeds the
    /// monitor and posts it a valid token without being an allowed parent;
    /// `None` unless [`Options::hostile_port`] was set.
    pub fn hostile_url(&self) -> Option<String> {
        self.hostile_url.clone()
    }

    /// Test/demo control: appends a message by `author` to the active
    /// conversation's transcript, moves its `updated_at` to now and emits it
    /// on the stream (a `conversation.upsert`), so open monitors see it.
    /// `false`, and nothing happens, when no active conversation has this id.
    pub fn inject_message(&self, conversation_id: &str, author: Author, text: &str) -> bool {
        self.state
            .sim()
            .inject_message(conversation_id, author, text, self.state.clock().now())
    }

    /// Test view: agent `id` as it is now (presence, who set it, load), as
    /// `GET /api/v1/monitor/agents` would list it; `None` for an unknown id.
    pub fn agent(&self, id: &str) -> Option<Agent> {
        self.state.sim().world().agent(id).cloned()
    }

    /// The server's "now" (its simulated clock when started with
    /// [`Options::start_at`]): what tests compare the monitor's times with.
    pub fn now(&self) -> Timestamp {
        self.state.clock().now()
    }

    /// Test control: from now on `token` is refused with a 401 on every
    /// request, like an unknown token, and open streams signed in with it end
    /// (their reconnect meets the 401). There is no undoing it.
    pub fn revoke_token(&self, token: &str) {
        self.state.revocations().revoke(token);
    }

    /// Test control: accepts a revoked token again (the user signed in anew).
    pub fn reinstate_token(&self, token: &str) {
        self.state.revocations().reinstate(token);
    }

    /// Test/demo control: adds a new queued conversation with this customer
    /// name (channel webchat, first department), emitted on the stream like
    /// any arrival. Returns its id.
    pub fn inject_arrival(&self, customer_name: &str) -> String {
        self.state
            .sim()
            .inject_arrival(customer_name, self.state.clock().now())
    }

    /// Puts `faults` in force from the next request and stream event on
    /// (`Faults::default()` turns them all off). Open streams notice at once.
    pub fn set_faults(&self, faults: Faults) {
        self.state.faults().set(faults);
    }

    /// The faults in force.
    pub fn faults(&self) -> Faults {
        self.state.faults().current()
    }

    /// Test control: stops the simulation's own events (`true`) or lets
    /// them run again, at the configured rate. Actions and injected
    /// arrivals still act.
    pub fn pause_simulation(&self, paused: bool) {
        self.state.pause_simulation(paused);
    }

    /// What the simulation remembers of its day: the waits and the
    /// services that ended, oldest first (the indicators are computed from
    /// them; tests check them against it).
    pub fn day_records(&self) -> (Vec<WaitRecord>, Vec<HandleRecord>) {
        let sim = self.state.sim();
        let history = sim.history();
        (
            history.waits().cloned().collect(),
            history.handles().cloned().collect(),
        )
    }

    /// Snapshots asked for and streams opened since the start, refused
    /// ones included.
    pub fn traffic(&self) -> crate::TrafficCounts {
        self.state.traffic().counts()
    }

    /// Stops serving: the listener is closed so new connections are refused
    /// and open streams end.
    pub async fn stop(mut self) {
        self.state.shutdown().cancel();
        if let Some(ticking) = self.ticking.take() {
            ticking.abort();
        }
        // Streams end on the cancellation; a client that keeps an idle
        // connection open past the grace period is cut off.
        let deadline = tokio::time::Instant::now() + STOP_GRACE;
        for mut serving in self.serving.drain(..) {
            if tokio::time::timeout_at(deadline, &mut serving)
                .await
                .is_err()
            {
                serving.abort();
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.state.shutdown().cancel();
    }
}

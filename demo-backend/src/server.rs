//! Starting and stopping the whole backend.

use std::future::IntoFuture;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::faults::{FaultSwitch, Faults};
use crate::options::Options;
use crate::sim::{seed, Sim, SimConfig};
use crate::state::AppState;
use crate::{routes, ticker};

/// How long [`Server::stop`] waits for connections to close before cutting them.
const STOP_GRACE: Duration = Duration::from_secs(5);

/// A running backend. Dropping it stops serving too, without waiting.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    state: AppState,
    serving: Option<JoinHandle<io::Result<()>>>,
    ticking: Option<JoinHandle<()>>,
}

/// Binds (port 0 = any free port), seeds the simulation, starts the tick task
/// and the HTTP server.
pub async fn spawn(options: Options) -> io::Result<Server> {
    let listener = TcpListener::bind((options.bind, options.port)).await?;
    let addr = listener.local_addr()?;
    let config = SimConfig {
        seed: options.seed,
        agents: options.agents,
        conversations: options.conversations,
    };
    // Seeding 50,000 conversations takes a moment: keep it off the async workers.
    let sim = tokio::task::spawn_blocking(move || Sim::new(config, seed::anchor()))
        .await
        .map_err(io::Error::other)?
        .with_sequence_base(crate::clock::sequence_base());
    let heartbeat =
        (options.heartbeat_secs > 0).then(|| Duration::from_secs(options.heartbeat_secs));
    let shutdown = CancellationToken::new();
    let faults = FaultSwitch::new(options.faults, options.seed);
    let state = AppState::new(sim, heartbeat, shutdown.clone(), faults);

    let app = routes::router(state.clone(), options.static_dir.as_deref());
    let serve = axum::serve(listener, app).with_graceful_shutdown(shutdown.cancelled_owned());
    let serving = tokio::spawn(serve.into_future());
    let rate = options.rate;
    let ticking =
        (rate.is_finite() && rate > 0.0).then(|| tokio::spawn(ticker::run(state.clone(), rate)));
    Ok(Server {
        addr,
        state,
        serving: Some(serving),
        ticking,
    })
}

impl Server {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://<addr>`, e.g. `http://127.0.0.1:8080`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Test/demo control: adds a new queued conversation with this customer
    /// name (channel webchat, first department), emitted on the stream like
    /// any arrival. Returns its id.
    pub fn inject_arrival(&self, customer_name: &str) -> String {
        self.state
            .sim()
            .inject_arrival(customer_name, crate::clock::now())
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

    /// Stops serving: the listener is closed so new connections are refused
    /// and open streams end.
    pub async fn stop(mut self) {
        self.state.shutdown().cancel();
        if let Some(ticking) = self.ticking.take() {
            ticking.abort();
        }
        if let Some(mut serving) = self.serving.take() {
            // Streams end on the cancellation; a client that keeps an idle
            // connection open past the grace period is cut off.
            if tokio::time::timeout(STOP_GRACE, &mut serving)
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

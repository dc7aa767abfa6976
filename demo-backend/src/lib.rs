//! The Operations Monitor's demo backend: the REST contract (snapshots and
//! supervisors' actions) and the SSE change stream (`api/openapi.yaml`) over a seeded simulation of a
//! contact center, plus the built SPA as static files with its runtime
//! `config.json` under a Content-Security-Policy (cached and compressed as a
//! CDN would), and a demo portal on a second origin that embeds the monitor.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let options = demo_backend::Options { port: 0, portal_port: 0, ..Default::default() };
//! let server = demo_backend::spawn(options).await?;
//! println!("{} (portal: {:?})", server.base_url(), server.portal_url());
//! server.stop().await;
//! # Ok(()) }
//! ```

pub mod auth;
mod clock;
mod cross_origin;
mod csp;
mod faults;
pub mod idempotency;
mod options;
mod origins;
mod portal;
pub mod problem;
mod revocation;
mod routes;
mod runtime_config;
mod server;
pub mod sim;
mod state;
mod static_files;
mod stream;
mod ticker;
mod traffic;

pub use faults::{Faults, LostAnswer};
pub use monitor_core::config::LiveMode;
/// Who wrote a message, for [`Server::inject_message`].
pub use monitor_core::Author;
pub use options::Options;
pub use server::{spawn, Server};
pub use static_site::BasePath;
pub use traffic::TrafficCounts;

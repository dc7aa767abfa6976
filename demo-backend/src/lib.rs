//! The Operations Monitor's demo backend: the REST contract (snapshots and
//! supervisors' actions) and the SSE change stream (`api/openapi.yaml`) over a seeded simulation of a
//! contact center, plus the built SPA as static files.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let server = demo_backend::spawn(demo_backend::Options { port: 0, ..Default::default() }).await?;
//! println!("{}", server.base_url());
//! server.stop().await;
//! # Ok(()) }
//! ```

pub mod auth;
mod clock;
mod faults;
pub mod idempotency;
mod options;
pub mod problem;
mod routes;
mod server;
pub mod sim;
mod state;
mod static_files;
mod stream;
mod ticker;

pub use faults::Faults;
pub use options::Options;
pub use server::{spawn, Server};

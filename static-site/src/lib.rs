//! What serving the built SPA as static files takes, shared by the demo
//! backend (which serves it) and `cargo xtask dist` (which packages it for a
//! CDN), so that both send the same policy and the same cache rules:
//!
//! * [`csp`]: the Content-Security-Policy, with the hashes of the inline
//!   bootstrap Trunk writes into `index.html`;
//! * [`cache`]: which files may be kept for a year and which are
//!   revalidated on every use;
//! * [`base_href`] and [`BasePath`]: the sub-path the SPA lives under;
//! * [`dist`]: the deployable folder (compressed copies, `config.json`,
//!   a `_headers` file).

pub mod base_href;
mod base_path;
pub mod cache;
pub mod csp;
pub mod dist;

pub use base_path::BasePath;

/// `X-Content-Type-Options`: browsers take a file for what its
/// `Content-Type` says and never guess a script out of something else.
pub const NOSNIFF: &str = "nosniff";

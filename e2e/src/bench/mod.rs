//! `cargo xtask bench`: the monitor measured from the outside, in headless
//! Chromium, through the browser's own Performance APIs and the DevTools
//! protocol. Nothing here asserts a time; the figures go to a table and to
//! `BENCHMARKS.md`.
//!
//! - [`config`] — what a run does (full or `--quick`, scales).
//! - [`cdp`] — DevTools protocol commands through chromedriver.
//! - [`probe`] — the JS injected into the page and the snippets that read it.
//! - [`floor`] — the browser's own per-second cost on this machine.
//! - [`page`] — one signed-in page and what can be measured on it.
//! - [`scenario`] — the steps at one scale (a frozen and a live backend).
//! - [`stats`] — percentiles.
//! - [`bundle`] — sizes of the built wasm, JS and CSS (raw, gzip, brotli).
//! - [`attribution`] — the wasm's bytes by crate (twiggy).
//! - [`machine`] — date and machine description.
//! - [`targets`] — the targets judged on the largest scale.
//! - [`report`] — the table and `BENCHMARKS.md`.
//! - [`soak`] — `cargo xtask soak`: an hour with faults on and off in turns.
//! - [`sections`] — the soak's section of `BENCHMARKS.md`, kept by both runs.

pub mod attribution;
pub mod bundle;
pub mod cdp;
pub mod config;
pub mod floor;
pub mod machine;
pub mod memory;
pub mod page;
pub mod phases;
pub mod probe;
pub mod report;
pub mod scenario;
pub mod sections;
pub mod soak;
pub mod stats;
pub mod targets;

pub use config::{Config, Scale};

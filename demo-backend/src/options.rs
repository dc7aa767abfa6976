//! Command-line options of the demo backend (also the library's configuration).

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use crate::faults::Faults;

/// How to run the demo backend.
#[derive(clap::Parser, Clone, Debug)]
#[command(
    name = "demo-backend",
    about = "Operations Monitor demo backend (REST + SSE)"
)]
pub struct Options {
    /// TCP port to listen on (0 = any free port).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Seed of the simulation: the same seed yields the same initial state.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Initial number of active conversations (the simulation hovers around it).
    #[arg(long, default_value_t = 300)]
    pub conversations: usize,
    /// Number of simulated agents.
    #[arg(long, default_value_t = 40)]
    pub agents: usize,
    /// Simulated events per second (0 = frozen: nothing changes by itself).
    #[arg(long, default_value_t = 5.0)]
    pub rate: f64,
    /// Built SPA (`dist/`) to serve at `/`, with deep links falling back to its index.html.
    #[arg(long)]
    pub static_dir: Option<PathBuf>,
    /// Seconds between `heartbeat` events on the change stream (0 = none).
    #[arg(long, default_value_t = 15)]
    pub heartbeat_secs: u64,
    /// Faults to inject from the start (none by default); switchable later
    /// through [`crate::Server::set_faults`].
    #[command(flatten)]
    pub faults: Faults,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            port: 8080,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            seed: 7,
            conversations: 300,
            agents: 40,
            rate: 5.0,
            static_dir: None,
            heartbeat_secs: 15,
            faults: Faults::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn default_matches_the_command_line_defaults() {
        let parsed = Options::parse_from(["demo-backend"]);
        let default = Options::default();
        assert_eq!(format!("{parsed:?}"), format!("{default:?}"));
    }
}

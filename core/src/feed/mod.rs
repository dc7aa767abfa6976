//! How the live feed behaves under failure, apart from the browser: when to
//! reconnect, when a stream has proven itself live, how often a snapshot may
//! be reloaded, and how the stream's events are kept while one loads. The
//! SPA's feed task (`src/state/feed.rs`) only does the I/O these decide.

mod catch_up;
mod pacing;

pub use catch_up::{CatchUp, Caught};
pub use pacing::{Reconnects, ResyncPacer, BACKOFF_CAP_MS};

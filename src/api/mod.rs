//! The typed REST client and the live change stream.

mod client;
mod error;
mod in_flight;
mod snapshot;
mod stream;
mod unauthorized;
mod yield_now;

pub use client::{idempotency_key, ApiClient};
pub use error::ApiError;
pub use stream::{open_stream, StreamItem};
pub use unauthorized::on_unauthorized;

//! The typed REST client and the live change stream.

mod client;
mod error;
mod in_flight;
mod stream;

pub use client::{idempotency_key, ApiClient};
pub use error::ApiError;
pub use stream::{open_stream, StreamItem};

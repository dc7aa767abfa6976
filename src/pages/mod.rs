//! One module per screen.

pub mod conversations;
pub mod monitor;
pub mod sign_in;

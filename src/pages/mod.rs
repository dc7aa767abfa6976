//! One module per screen.

pub mod agent_detail;
pub mod agents;
pub mod alerts_dialog;
pub mod conversation_tools;
pub mod conversations;
pub mod dialogs;
pub mod monitor;
pub mod portal_wait;
pub mod sign_in;
pub mod wallboard;

/// Parses an open enum from a URL or form value (its `FromStr` cannot fail:
/// unknown values are kept as they are).
pub(crate) fn parse_open<T: std::str::FromStr<Err = std::convert::Infallible>>(raw: &str) -> T {
    match raw.parse() {
        Ok(value) => value,
        Err(never) => match never {},
    }
}

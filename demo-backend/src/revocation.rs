//! Revoked tokens (a test hook: [`crate::Server::revoke_token`]). A revoked
//! token is refused like an unknown one on every request, and open streams
//! signed in with it end, so a client meets the 401 on its reconnect.

use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

use tokio::sync::watch;

#[derive(Debug)]
pub struct Revocations {
    /// Never held across an `.await`.
    tokens: Mutex<HashSet<String>>,
    /// Bumped on each revocation, so that streams wake up and check theirs.
    generation: watch::Sender<u64>,
}

impl Default for Revocations {
    fn default() -> Self {
        Self {
            tokens: Mutex::default(),
            generation: watch::Sender::new(0),
        }
    }
}

impl Revocations {
    pub fn revoke(&self, token: &str) {
        self.tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(token.to_owned());
        self.generation.send_modify(|g| *g += 1);
    }

    /// Accepts a revoked token again (as if the user's sign-in was renewed).
    pub fn reinstate(&self, token: &str) {
        self.tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(token);
    }

    pub fn is_revoked(&self, token: &str) -> bool {
        self.tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(token)
    }

    /// Changes on every revocation from now on; a stream checks its token then.
    pub fn watch(&self) -> watch::Receiver<u64> {
        self.generation.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revoked_token_stays_revoked_and_watchers_are_told() {
        let revocations = Revocations::default();
        let mut watcher = revocations.watch();
        assert!(!revocations.is_revoked("demo-admin"));
        revocations.revoke("demo-admin");
        assert!(revocations.is_revoked("demo-admin"));
        assert!(!revocations.is_revoked("demo-agent"));
        assert!(watcher.has_changed().unwrap());
        watcher.mark_unchanged();
        revocations.revoke("demo-admin");
        assert!(watcher.has_changed().unwrap());
    }
}

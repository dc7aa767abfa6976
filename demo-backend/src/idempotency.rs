//! `Idempotency-Key`: a retried action gets its first response back instead
//! of acting twice.
//!
//! Per caller and key, the store keeps the first successful request's
//! fingerprint (method, path, body) and its response. The same key with the
//! same request replays that response byte for byte and changes nothing; the
//! same key with another request is refused. Failed requests are not kept:
//! they changed nothing, so running them again is already harmless, and a
//! retry then sees the current state (an agent who has room again) instead of
//! a stale refusal. The store is bounded in keys and bytes, oldest out first.

use std::collections::{HashMap, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode};

use crate::problem::ApiError;

pub const HEADER: &str = "idempotency-key";

/// Set to `true` on a response that is a replay of a kept one.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";

/// Longest accepted key.
pub const MAX_KEY_CHARS: usize = 255;

/// Keys kept, over all callers.
pub const CAPACITY: usize = 10_000;

/// Bytes of kept response bodies: bulk-end answers run to ~100 kB, and
/// 10,000 of them should not take a gigabyte.
pub const BYTE_BUDGET: usize = 32 * 1024 * 1024;

/// The request's key: `None` without the header; a 400 when it is empty,
/// too long or not visible ASCII.
pub fn key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get(HEADER) else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .ok()
        .filter(|k| (1..=MAX_KEY_CHARS).contains(&k.len()))
        .filter(|k| k.bytes().all(|b| b.is_ascii_graphic()))
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "Idempotency-Key must be 1 to {MAX_KEY_CHARS} visible ASCII characters"
            ))
        })?;
    Ok(Some(key.to_owned()))
}

/// What makes two requests "the same": method, path and body bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    hash: u64,
    body_len: usize,
}

impl Fingerprint {
    pub fn of(method: &Method, path: &str, body: &[u8]) -> Self {
        // SipHash with fixed keys: stable within the process, which is as
        // long as the store lives. The length makes a collision even less
        // likely than its 2^-64.
        let mut hasher = DefaultHasher::new();
        method.as_str().hash(&mut hasher);
        path.hash(&mut hasher);
        body.hash(&mut hasher);
        Self {
            hash: hasher.finish(),
            body_len: body.len(),
        }
    }
}

/// A kept response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub status: StatusCode,
    /// The JSON body exactly as first sent.
    pub body: Bytes,
}

/// What the store says about a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Never seen (or forgotten): carry it out.
    Fresh,
    /// Seen with this same request: send this again.
    Replay(Kept),
    /// The key was used for another request.
    Mismatch,
}

/// Kept responses by caller and key.
#[derive(Debug)]
pub struct KeyStore {
    entries: HashMap<(String, String), (Fingerprint, Kept)>,
    /// Insertion order, for eviction.
    order: VecDeque<(String, String)>,
    bytes: usize,
    capacity: usize,
    byte_budget: usize,
}

impl Default for KeyStore {
    fn default() -> Self {
        Self::with_limits(CAPACITY, BYTE_BUDGET)
    }
}

impl KeyStore {
    pub fn with_limits(capacity: usize, byte_budget: usize) -> Self {
        Self {
            entries: HashMap::new(),
            order: VecDeque::new(),
            bytes: 0,
            capacity: capacity.max(1),
            byte_budget,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn lookup(&self, caller: &str, key: &str, fingerprint: Fingerprint) -> Lookup {
        match self.entries.get(&(caller.to_owned(), key.to_owned())) {
            None => Lookup::Fresh,
            Some((kept_print, kept)) if *kept_print == fingerprint => Lookup::Replay(kept.clone()),
            Some(_) => Lookup::Mismatch,
        }
    }

    /// Keeps `response` for `caller` and `key` (a key already kept is left
    /// alone: the first response wins), evicting the oldest beyond the limits.
    pub fn keep(&mut self, caller: &str, key: &str, fingerprint: Fingerprint, response: Kept) {
        let id = (caller.to_owned(), key.to_owned());
        if self.entries.contains_key(&id) {
            return;
        }
        self.bytes += response.body.len();
        self.entries.insert(id.clone(), (fingerprint, response));
        self.order.push_back(id);
        while self.entries.len() > self.capacity
            || (self.bytes > self.byte_budget && self.entries.len() > 1)
        {
            let Some(old) = self.order.pop_front() else {
                break;
            };
            if let Some((_, kept)) = self.entries.remove(&old) {
                self.bytes -= kept.body.len();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn print(body: &str) -> Fingerprint {
        Fingerprint::of(
            &Method::POST,
            "/api/v1/conversations/c-1/end",
            body.as_bytes(),
        )
    }

    fn kept(body: &str) -> Kept {
        Kept {
            status: StatusCode::OK,
            body: Bytes::from(body.to_owned()),
        }
    }

    #[test]
    fn same_request_replays_the_first_response_and_another_request_is_a_mismatch() {
        let mut store = KeyStore::default();
        assert_eq!(store.lookup("u", "k", print("a")), Lookup::Fresh);
        store.keep("u", "k", print("a"), kept("first"));
        store.keep("u", "k", print("a"), kept("second"));
        assert_eq!(
            store.lookup("u", "k", print("a")),
            Lookup::Replay(kept("first"))
        );
        assert_eq!(store.lookup("u", "k", print("b")), Lookup::Mismatch);
        let other_path = Fingerprint::of(&Method::POST, "/api/v1/conversations/c-2/end", b"a");
        assert_eq!(store.lookup("u", "k", other_path), Lookup::Mismatch);
        assert_eq!(store.lookup("someone-else", "k", print("b")), Lookup::Fresh);
    }

    #[test]
    fn oldest_keys_go_first_beyond_the_key_and_byte_limits() {
        let mut store = KeyStore::with_limits(2, 1_000);
        for k in ["k1", "k2", "k3"] {
            store.keep("u", k, print(k), kept(k));
        }
        assert_eq!(store.len(), 2);
        assert_eq!(store.lookup("u", "k1", print("k1")), Lookup::Fresh);
        assert!(matches!(
            store.lookup("u", "k3", print("k3")),
            Lookup::Replay(_)
        ));

        let mut store = KeyStore::with_limits(10, 10);
        store.keep("u", "small", print("s"), kept("12345"));
        store.keep("u", "big", print("b"), kept("1234567890"));
        assert_eq!(store.lookup("u", "small", print("s")), Lookup::Fresh);
        assert!(matches!(
            store.lookup("u", "big", print("b")),
            Lookup::Replay(_)
        ));
    }

    #[test]
    fn keys_must_be_short_visible_ascii() {
        let mut headers = HeaderMap::new();
        assert_eq!(key(&headers).unwrap(), None);
        headers.insert(HEADER, "3f2a-01".parse().unwrap());
        assert_eq!(key(&headers).unwrap().as_deref(), Some("3f2a-01"));
        for bad in [String::new(), "x".repeat(MAX_KEY_CHARS + 1), "a b".into()] {
            headers.insert(HEADER, bad.parse().unwrap());
            assert!(key(&headers).is_err(), "{bad:?}");
        }
    }
}

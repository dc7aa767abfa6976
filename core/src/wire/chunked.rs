//! A conversations snapshot decoded a slice at a time, so the SPA can hand
//! the main thread back to the browser between slices: at 50,000 rows one
//! `serde_json::from_slice` is a single task of a third of a second, during
//! which nothing paints and no input is handled.
//!
//! The envelope is walked by hand (keys in any order, unknown ones skipped,
//! as serde's derive does); every value in it, each conversation included,
//! is decoded by serde_json itself. The result is the same as decoding the
//! whole body at once, which the decoder fuzz tests check.

use serde::de::{DeserializeOwned, IgnoredAny};

use super::{Conversation, ConversationsSnapshot, Timestamp};

/// What a [`SnapshotDecoder`] found wrong, with where (a byte offset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkError(pub String);

impl std::fmt::Display for ChunkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the opening brace.
    Start,
    /// Before a key or the closing brace; `first` before the first key.
    Keys { first: bool },
    /// Inside the conversations array, before an element.
    Conversations,
    /// The snapshot was handed out.
    Done,
}

/// Decodes a `ConversationsSnapshot` body in steps (see [`Self::step`]).
pub struct SnapshotDecoder<'a> {
    bytes: &'a [u8],
    at: usize,
    place: Place,
    server_time: Option<Timestamp>,
    sequence: Option<u64>,
    next_cursor: Option<Option<String>>,
    conversations: Option<Vec<Conversation>>,
}

impl<'a> SnapshotDecoder<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            at: 0,
            place: Place::Start,
            server_time: None,
            sequence: None,
            next_cursor: None,
            conversations: None,
        }
    }

    /// Decodes up to `rows` more conversations (and whatever else comes
    /// before them). `Ok(Some)` once the snapshot is complete; `Ok(None)`
    /// when there is more to decode.
    pub fn step(&mut self, rows: usize) -> Result<Option<ConversationsSnapshot>, ChunkError> {
        let mut decoded = 0;
        loop {
            match self.place {
                Place::Start => {
                    self.expect(b'{')?;
                    self.place = Place::Keys { first: true };
                }
                Place::Keys { first } => {
                    self.skip_space();
                    if self.peek() == Some(b'}') {
                        self.at += 1;
                        return self.finish().map(Some);
                    }
                    if !first {
                        self.expect(b',')?;
                    }
                    self.field()?;
                }
                Place::Conversations => {
                    if decoded == rows.max(1) {
                        return Ok(None);
                    }
                    let row = self.value::<Conversation>()?;
                    self.conversations.get_or_insert_with(Vec::new).push(row);
                    decoded += 1;
                    self.skip_space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            self.place = Place::Keys { first: false };
                        }
                        _ => return Err(self.error("expected `,` or `]` after a conversation")),
                    }
                }
                Place::Done => return Err(self.error("the snapshot was already decoded")),
            }
        }
    }

    /// How far through the body the decoder is, from 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.bytes.is_empty() {
            1.0
        } else {
            self.at as f64 / self.bytes.len() as f64
        }
    }

    /// One `"key": value` of the envelope; the conversations array is only
    /// opened here, its elements come in steps.
    fn field(&mut self) -> Result<(), ChunkError> {
        let key = self.value::<String>()?;
        self.expect(b':')?;
        self.place = Place::Keys { first: false };
        match key.as_str() {
            "server_time" => {
                let value = self.value()?;
                set_once(&mut self.server_time, value, &key)
            }
            "sequence" => {
                let value = self.value()?;
                set_once(&mut self.sequence, value, &key)
            }
            "next_cursor" => {
                let value = self.value()?;
                set_once(&mut self.next_cursor, value, &key)
            }
            "conversations" => {
                self.expect(b'[')?;
                set_once(&mut self.conversations, Vec::new(), &key)?;
                self.skip_space();
                if self.peek() == Some(b']') {
                    self.at += 1;
                } else {
                    self.place = Place::Conversations;
                }
                Ok(())
            }
            _ => self.value::<IgnoredAny>().map(drop),
        }
    }

    fn finish(&mut self) -> Result<ConversationsSnapshot, ChunkError> {
        self.skip_space();
        if self.at < self.bytes.len() {
            return Err(self.error("trailing characters after the snapshot"));
        }
        self.place = Place::Done;
        let missing = |field: &str| ChunkError(format!("missing field `{field}`"));
        Ok(ConversationsSnapshot {
            server_time: self
                .server_time
                .take()
                .ok_or_else(|| missing("server_time"))?,
            sequence: self.sequence.take().ok_or_else(|| missing("sequence"))?,
            conversations: self
                .conversations
                .take()
                .ok_or_else(|| missing("conversations"))?,
            next_cursor: self.next_cursor.take().flatten(),
        })
    }

    /// One JSON value at the current position, decoded by serde_json.
    fn value<T: DeserializeOwned>(&mut self) -> Result<T, ChunkError> {
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        let mut values = serde_json::Deserializer::from_slice(rest).into_iter::<T>();
        match values.next() {
            Some(Ok(value)) => {
                self.at += values.byte_offset();
                Ok(value)
            }
            Some(Err(e)) => Err(self.error(&e.to_string())),
            None => Err(self.error("unexpected end of the snapshot")),
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), ChunkError> {
        self.skip_space();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected `{}`", byte as char)))
        }
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn error(&self, what: &str) -> ChunkError {
        ChunkError(format!("{what} (at byte {})", self.at))
    }
}

/// Stores a field's value, refusing a second one as serde's derive does.
fn set_once<T>(slot: &mut Option<T>, value: T, key: &str) -> Result<(), ChunkError> {
    if slot.is_some() {
        return Err(ChunkError(format!("duplicate field `{key}`")));
    }
    *slot = Some(value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::conversation;

    fn snapshot(rows: usize) -> ConversationsSnapshot {
        ConversationsSnapshot {
            server_time: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default(),
            sequence: 42,
            conversations: (0..rows).map(|i| conversation(&format!("c{i}"))).collect(),
            next_cursor: None,
        }
    }

    fn in_steps(bytes: &[u8], rows: usize) -> (Result<ConversationsSnapshot, ChunkError>, usize) {
        let mut decoder = SnapshotDecoder::new(bytes);
        let mut steps = 0;
        loop {
            steps += 1;
            match decoder.step(rows) {
                Ok(Some(done)) => return (Ok(done), steps),
                Ok(None) => {}
                Err(e) => return (Err(e), steps),
            }
        }
    }

    #[test]
    fn decodes_in_as_many_steps_as_the_rows_ask_and_equals_one_decode() {
        let original = snapshot(10);
        let body = serde_json::to_vec_pretty(&original).unwrap_or_default();
        let (decoded, steps) = in_steps(&body, 3);
        assert_eq!(decoded, Ok(original));
        // 3 + 3 + 3 + 1 rows, then the closing brace in the last step.
        assert_eq!(steps, 4);
    }

    #[test]
    fn keys_in_any_order_unknown_ones_skipped_and_an_empty_list() {
        let body = br#" { "x_new": {"a": [1, {"b": null}]}, "conversations" : [ ], "sequence": 7,
            "next_cursor": "n1", "server_time": "2026-12-03T10:00:00Z" } "#;
        let (decoded, _) = in_steps(body, 1);
        let decoded = decoded.expect("decodes");
        assert_eq!(decoded.sequence, 7);
        assert_eq!(decoded.next_cursor.as_deref(), Some("n1"));
        assert!(decoded.conversations.is_empty());
    }

    #[test]
    fn missing_duplicate_and_trailing_are_errors_that_say_so() {
        let cases: [(&[u8], &str); 4] = [
            (
                br#"{"sequence": 1, "conversations": []}"#,
                "missing field `server_time`",
            ),
            (
                br#"{"sequence": 1, "sequence": 2}"#,
                "duplicate field `sequence`",
            ),
            (
                br#"{"sequence": 1, "server_time": "2026-12-03T10:00:00Z", "conversations": []} x"#,
                "trailing characters",
            ),
            (br#"{"conversations": [{"id": 1}]}"#, "invalid type"),
        ];
        for (body, says) in cases {
            let (decoded, _) = in_steps(body, 5);
            let error = decoded.expect_err("an error").0;
            assert!(error.contains(says), "{error:?} should say {says:?}");
        }
    }
}

//! A conversation's `last_message`: the newest transcript message as its row
//! carries it, with the text cut to a preview.

use monitor_core::wire::{LastMessage, Message};

/// Longest preview, in characters (Unicode scalar values), ellipsis included:
/// a row shows one line of it, and 50,000 rows of whole messages would
/// weigh on every snapshot.
pub const PREVIEW_MAX_CHARS: usize = 140;

const ELLIPSIS: char = '…';

/// `text` as is when it fits in [`PREVIEW_MAX_CHARS`], else its beginning
/// followed by "…", at most [`PREVIEW_MAX_CHARS`] characters in all.
pub fn preview(text: &str) -> String {
    if text.chars().nth(PREVIEW_MAX_CHARS).is_none() {
        return text.to_owned();
    }
    // Where the last character kept ends, leaving room for the ellipsis.
    let keep = text
        .char_indices()
        .nth(PREVIEW_MAX_CHARS - 1)
        .map_or(text.len(), |(i, _)| i);
    let mut short = text[..keep].trim_end().to_owned();
    short.push(ELLIPSIS);
    short
}

/// The row's summary of `message`.
pub fn last_message(message: &Message) -> LastMessage {
    LastMessage {
        author: message.author.clone(),
        sent_at: message.sent_at,
        text: preview(&message.text),
    }
}

#[cfg(test)]
mod tests;

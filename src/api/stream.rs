//! The SSE change stream, read over `fetch` so the bearer token travels in a
//! header (a browser `EventSource` cannot send one, and the token must never
//! be in a URL). Parsing is `eventsource-stream`'s; decoding is `core`'s.

use super::in_flight::{within, InFlight};
use super::{ApiClient, ApiError};
use eventsource_stream::Eventsource;
use futures::{Stream, StreamExt};
use gloo_net::http::Request;
use monitor_core::event::{decode_event, DecodeError, StreamEvent};
use wasm_bindgen::JsCast;

/// One item of the live feed.
#[derive(Debug, Clone, PartialEq)]
pub enum StreamItem {
    /// Boxed: an event carries a whole conversation, the other items a line.
    Event(Box<StreamEvent>),
    /// An event arrived but could not be decoded; the feed must resync.
    Malformed(DecodeError),
    /// The connection broke (the server went away, the network dropped).
    Broken(String),
}

/// Opens the stream, resuming after `last_event_id`; the answer's headers
/// must come within the client's deadline. Ends when the server closes it;
/// the caller decides whether and when to reconnect. Dropping the stream
/// closes the connection.
pub async fn open_stream(
    api: &ApiClient,
    last_event_id: u64,
) -> Result<impl Stream<Item = StreamItem>, ApiError> {
    let in_flight = InFlight::new(None);
    let response = within(api.timeout_ms(), async {
        let response = Request::get(&api.url("/monitor/events"))
            .header("Authorization", &api.bearer())
            .header("Accept", "text/event-stream")
            .header("Last-Event-ID", &last_event_id.to_string())
            .abort_signal(in_flight.signal().as_ref())
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        let status = response.status();
        if !(200..300).contains(&status) {
            let body = response.text().await.unwrap_or_default();
            return Err(ApiError::from_status(status, &body));
        }
        Ok(response)
    })
    .await;
    let response = api.checked(response)?;
    let body = response
        .body()
        .ok_or_else(|| ApiError::Network("the stream response has no body".to_owned()))?;
    let bytes = wasm_streams::ReadableStream::from_raw(body.unchecked_into())
        .into_stream()
        // The connection lives as long as the stream that reads it.
        .map(move |chunk| {
            let _open = &in_flight;
            chunk
                .and_then(|value| value.dyn_into::<js_sys::Uint8Array>())
                .map(|array| array.to_vec())
                .map_err(|e| format!("{e:?}"))
        });
    Ok(bytes.eventsource().map(|item| match item {
        Ok(ev) => match decode_event(&ev.event, &ev.id, &ev.data) {
            Ok(event) => StreamItem::Event(Box::new(event)),
            Err(e) => StreamItem::Malformed(e),
        },
        Err(e) => StreamItem::Broken(e.to_string()),
    }))
}

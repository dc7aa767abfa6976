//! The conversations snapshot, decoded in slices: at 50,000 rows a single
//! decode would hold the main thread for a third of a second (no paint, no
//! input); in slices of a few milliseconds the page stays responsive while
//! the rows load.

use monitor_core::wire::chunked::SnapshotDecoder;
use monitor_core::wire::ConversationsSnapshot;
use web_sys::AbortSignal;

use super::client::UserTiming;
use super::yield_now::yield_now;
use super::{ApiClient, ApiError};

/// Main-thread time one slice may take before the browser gets a turn.
const SLICE_MS: f64 = 12.0;
/// Rows decoded between two looks at the clock.
const ROWS_PER_LOOK: usize = 200;

impl ApiClient {
    /// GETs a conversations snapshot (or a page of finished ones) at
    /// `path` and decodes it in slices; `what` names it in errors and in
    /// the decode's User Timing measure.
    pub async fn get_conversations(
        &self,
        path: &str,
        what: &str,
        abort: Option<&AbortSignal>,
    ) -> Result<ConversationsSnapshot, ApiError> {
        let body = self.get_body(path, abort).await?;
        let _timing = UserTiming::start(what);
        let mut decoder = SnapshotDecoder::new(&body);
        loop {
            let slice_start = now();
            while now() - slice_start < SLICE_MS {
                match decoder.step(ROWS_PER_LOOK) {
                    Ok(Some(snapshot)) => return Ok(snapshot),
                    Ok(None) => {}
                    Err(e) => {
                        return Err(ApiError::Malformed {
                            what: what.to_owned(),
                            detail: e.to_string(),
                        })
                    }
                }
            }
            yield_now().await;
        }
    }
}

/// Milliseconds on the page's monotonic clock.
fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

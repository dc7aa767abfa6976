//! JSON over HTTP with the bearer token.

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use web_sys::AbortSignal;

use super::in_flight::{within, InFlight};
use super::ApiError;

/// The REST client of one signed-in session.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiClient {
    base: String,
    token: String,
    /// Every request is aborted if its answer (body included) takes longer.
    timeout_ms: u32,
    /// The signed-in session's client: its 401s end the session
    /// (`unauthorized`). A client only trying a token does not.
    session: bool,
}

impl ApiClient {
    /// `base` is the API root without a trailing slash (e.g. `/api/v1`).
    pub fn new(base: impl Into<String>, token: impl Into<String>, timeout_ms: u32) -> Self {
        Self {
            base: base.into().trim_end_matches('/').to_owned(),
            token: token.into(),
            timeout_ms,
            session: false,
        }
    }

    /// The same client, as the signed-in session's: a 401 ends the session.
    pub fn for_session(self) -> Self {
        Self {
            session: true,
            ..self
        }
    }

    /// Passes `result` on, reporting a 401 of the session first.
    pub(super) fn checked<T>(&self, result: Result<T, ApiError>) -> Result<T, ApiError> {
        if self.session && matches!(result, Err(ApiError::Unauthorized)) {
            super::unauthorized::report();
        }
        result
    }

    /// The deadline of every request, in milliseconds.
    pub fn timeout_ms(&self) -> u32 {
        self.timeout_ms
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn bearer(&self) -> String {
        format!("Bearer {}", self.token)
    }

    /// GETs `path` and decodes it; `what` names the resource in errors.
    /// `abort` (if any) cancels it; so does dropping the returned future.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        what: &str,
        abort: Option<&AbortSignal>,
    ) -> Result<T, ApiError> {
        let body = self.get_body(path, abort).await?;
        decode_json(&body, what)
    }

    /// GETs `path` and returns its body undecoded (a 2xx one), for a
    /// caller that decodes it its own way (the snapshot, in slices).
    pub async fn get_body(
        &self,
        path: &str,
        abort: Option<&AbortSignal>,
    ) -> Result<Vec<u8>, ApiError> {
        let in_flight = InFlight::new(abort);
        let request = Request::get(&self.url(path))
            .header("Authorization", &self.bearer())
            .header("Accept", "application/json")
            .abort_signal(in_flight.signal().as_ref())
            .build()
            .map_err(|e| ApiError::Network(e.to_string()))?;
        self.exchange(request).await
    }

    /// POSTs `body` as JSON with an `Idempotency-Key`: a retry with the same
    /// key (after a timeout, a double click) acts once on the backend.
    pub async fn post_json<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        idempotency_key: &str,
        what: &str,
    ) -> Result<T, ApiError> {
        let request = Request::post(&self.url(path))
            .header("Authorization", &self.bearer())
            .header("Accept", "application/json")
            .header("Idempotency-Key", idempotency_key);
        let in_flight = InFlight::new(None);
        let request = request
            .abort_signal(in_flight.signal().as_ref())
            .json(body)
            .map_err(|e| ApiError::Network(e.to_string()))?;
        let body = self.exchange(request).await?;
        decode_json(&body, what)
    }

    /// Sends `request` and reads its answer's body within the deadline; a
    /// 401 is the session's (`checked`). The caller holds the request's
    /// `InFlight`.
    async fn exchange(&self, request: gloo_net::http::Request) -> Result<Vec<u8>, ApiError> {
        let answer = within(self.timeout_ms, async {
            let response = request
                .send()
                .await
                .map_err(|e| ApiError::Network(e.to_string()))?;
            body(response).await
        })
        .await;
        self.checked(answer)
    }
}

/// A 2xx answer's body, or the error the answer stands for.
async fn body(response: Response) -> Result<Vec<u8>, ApiError> {
    let status = response.status();
    // The body as bytes, decoded in place: no detour through a JS string
    // (UTF-16) copied back into wasm (a 50k snapshot is tens of megabytes).
    let body = response
        .binary()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !(200..300).contains(&status) {
        return Err(ApiError::from_status(
            status,
            &String::from_utf8_lossy(&body),
        ));
    }
    Ok(body)
}

/// A body decoded as `T`. Decoding here (not response.json()) keeps
/// serde's message, which names the field that did not fit. Timed as a
/// User Timing measure (`ops:decode <what>`), which the bench reads.
fn decode_json<T: DeserializeOwned>(body: &[u8], what: &str) -> Result<T, ApiError> {
    let _timing = UserTiming::start(what);
    serde_json::from_slice(body).map_err(|e| ApiError::Malformed {
        what: what.to_owned(),
        detail: e.to_string(),
    })
}

/// A User Timing measure `ops:decode <what>`, from creation to drop; only
/// the latest of each `what` is kept.
pub(super) struct UserTiming(Option<(web_sys::Performance, String)>);

impl UserTiming {
    pub(super) fn start(what: &str) -> Self {
        let performance = web_sys::window().and_then(|w| w.performance());
        let name = format!("ops:decode {what}");
        UserTiming(performance.and_then(|p| {
            p.mark(&format!("{name}:start")).ok()?;
            Some((p, name))
        }))
    }
}

impl Drop for UserTiming {
    fn drop(&mut self) {
        if let Some((performance, name)) = self.0.take() {
            let (start, end) = (format!("{name}:start"), format!("{name}:end"));
            let _ = performance.mark(&end);
            // The latest of each kind only: a long session adds none.
            performance.clear_measures_with_measure_name(&name);
            let _ = performance.measure_with_start_mark_and_end_mark(&name, &start, &end);
            // Only the measure is kept: marks of every request would pile up.
            performance.clear_marks_with_mark_name(&start);
            performance.clear_marks_with_mark_name(&end);
        }
    }
}

/// A fresh idempotency key for one user intent (kept across its retries).
pub fn idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        // Without Web Crypto a time-and-random key still separates two
        // intents of one user.
        .unwrap_or_else(|| format!("{}-{}", js_sys::Date::now(), js_sys::Math::random()))
}

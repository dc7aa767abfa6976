//! JSON over HTTP with the bearer token.

use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use web_sys::AbortSignal;

use super::ApiError;

/// The REST client of one signed-in session.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiClient {
    base: String,
    token: String,
}

impl ApiClient {
    /// `base` is the API root without a trailing slash (e.g. `/api/v1`).
    pub fn new(base: impl Into<String>, token: impl Into<String>) -> Self {
        Self {
            base: base.into().trim_end_matches('/').to_owned(),
            token: token.into(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn bearer(&self) -> String {
        format!("Bearer {}", self.token)
    }

    /// GETs `path` and decodes it; `what` names the resource in errors.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        what: &str,
        abort: Option<&AbortSignal>,
    ) -> Result<T, ApiError> {
        let response = Request::get(&self.url(path))
            .header("Authorization", &self.bearer())
            .header("Accept", "application/json")
            .abort_signal(abort)
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        let status = response.status();
        let body = response
            .text()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        if !(200..300).contains(&status) {
            return Err(ApiError::from_status(status, &body));
        }
        // Decoding from text (not response.json()) keeps serde's message,
        // which names the field that did not fit.
        serde_json::from_str(&body).map_err(|e| ApiError::Malformed {
            what: what.to_owned(),
            detail: e.to_string(),
        })
    }
}

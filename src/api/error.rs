//! What can go wrong talking to the backend, in words a supervisor can act on.

use monitor_core::wire::Problem;

use crate::i18n::Texts;

/// A failed request. Every variant renders as a message naming what failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No HTTP answer at all: server down, network gone, CORS refused.
    Network(String),
    /// 401: the token is missing, wrong or expired.
    Unauthorized,
    /// No answer within the request's deadline; the request was aborted.
    Timeout { seconds: u32 },
    /// Any other non-2xx answer, with the problem+json detail when there is one.
    Status { status: u16, detail: String },
    /// The answer is not what the contract says (`what` names the resource).
    Malformed { what: String, detail: String },
}

impl ApiError {
    /// Builds the error for a non-2xx answer from its body.
    pub fn from_status(status: u16, body: &str) -> ApiError {
        if status == 401 {
            return ApiError::Unauthorized;
        }
        let detail = serde_json::from_str::<Problem>(body)
            .map(|p| p.detail.unwrap_or(p.title))
            .unwrap_or_else(|_| format!("HTTP {status}"));
        ApiError::Status { status, detail }
    }

    /// The sentence shown to the user.
    pub fn message(&self, t: &Texts) -> String {
        match self {
            ApiError::Network(detail) => format!("{} ({detail})", t.cannot_reach),
            ApiError::Timeout { seconds } => {
                crate::i18n::fill(t.no_answer_within, &[("seconds", &seconds.to_string())])
            }
            ApiError::Unauthorized => t.session_expired.to_owned(),
            ApiError::Status { status, detail } => {
                format!("{} HTTP {status}: {detail}", t.server_error)
            }
            ApiError::Malformed { what, detail } => {
                format!("{} {what}: {detail}", t.malformed_data)
            }
        }
    }
}

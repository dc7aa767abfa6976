//! Decoding an action's JSON body strictly: a body that is not declared as
//! JSON is a 415, one that is not JSON a 400, and JSON that does not fit the
//! request type (not an object; an unknown, missing, repeated or mistyped
//! field) a 422 naming the field. A request that is not exactly what the
//! client meant must never act.

use axum::http::{header, HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::error::Category;

use crate::problem::ApiError;

/// The body as a `B`, or the problem saying why it is not one.
pub fn decode<B: DeserializeOwned>(headers: &HeaderMap, body: &[u8]) -> Result<B, ApiError> {
    if !declares_json(headers) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the body must be sent as `Content-Type: application/json`",
        ));
    }
    let request = serde_json::from_slice(body).map_err(|e| match e.classify() {
        Category::Data => ApiError::unprocessable(format!("the body does not fit: {e}")),
        Category::Syntax | Category::Eof | Category::Io => {
            ApiError::bad_request(format!("the body is not JSON: {e}"))
        }
    })?;
    // serde also takes a struct from an array of its fields in order
    // (`["d-billing", "a-0007"]`): a body no client means, so never a request.
    if body.trim_ascii_start().first() != Some(&b'{') {
        return Err(ApiError::unprocessable(
            "the body does not fit: it must be a JSON object",
        ));
    }
    Ok(request)
}

/// `application/json`, in any case and with any parameters (`charset`).
fn declares_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use monitor_core::wire::EndRequest;

    fn typed(content_type: Option<&'static str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(value) = content_type {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(value));
        }
        headers
    }

    fn status(headers: &HeaderMap, body: &str) -> u16 {
        match decode::<EndRequest>(headers, body.as_bytes()) {
            Ok(_) => 200,
            Err(problem) => problem.0.status,
        }
    }

    #[test]
    fn json_with_any_case_and_parameters_is_json() {
        let body = r#"{"justification": "x"}"#;
        for value in [
            "application/json",
            "Application/JSON",
            "application/json; charset=utf-8",
            " application/json ;charset=UTF-8",
        ] {
            assert_eq!(status(&typed(Some(value)), body), 200, "{value}");
        }
    }

    #[test]
    fn anything_else_or_nothing_is_415() {
        let body = r#"{"justification": "x"}"#;
        for value in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/jsonp",
            "application/problem+json",
        ] {
            assert_eq!(status(&typed(Some(value)), body), 415, "{value}");
        }
        assert_eq!(status(&typed(None), body), 415);
    }

    #[test]
    fn not_json_is_400_and_json_that_does_not_fit_is_422() {
        let json = typed(Some("application/json"));
        for body in ["", "{", "justification=x", "{'justification': 'x'}"] {
            assert_eq!(status(&json, body), 400, "{body:?}");
        }
        for body in [
            "{}",
            "[]",
            r#"{"justification": 3}"#,
            r#"{"justification": "x", "Justification": "y"}"#,
            r#"{"justification": "x", "justification": "y"}"#,
            r#"["x"]"#,
            "null",
        ] {
            assert_eq!(status(&json, body), 422, "{body:?}");
        }
    }

    #[test]
    fn the_422_names_the_unknown_field() {
        let json = typed(Some("application/json"));
        let problem = decode::<EndRequest>(&json, br#"{"justificaton": "x"}"#).unwrap_err();
        let detail = problem.0.detail.unwrap_or_default();
        assert!(detail.contains("unknown field `justificaton`"), "{detail}");
    }
}

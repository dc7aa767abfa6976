//! The `{id}` of a path, percent-decoded. axum's own `Path` refuses an id
//! that does not decode (`%FF` is not UTF-8) with a plain-text 400; this one
//! says the same as problem+json, like every other error of the API.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use crate::problem::ApiError;

/// A conversation's or an agent's id, taken from the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(id)) => Ok(Self(id)),
            Err(rejection) => Err(ApiError::new(rejection.status(), rejection.body_text())),
        }
    }
}

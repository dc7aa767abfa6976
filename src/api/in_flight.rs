//! The lifetime of one request: a deadline, and an abort that reaches the
//! browser's `fetch`. A request the caller stops waiting for — a retry, a
//! sign-out, a page that went away — is dropped, and dropping it aborts
//! the fetch, so no hung request holds a connection or answers late.

use std::future::Future;

use futures::future::{select, Either};
use wasm_bindgen::JsCast;
use web_sys::{AbortController, AbortSignal};

use super::ApiError;
use crate::state::timing::sleep;

/// Aborts its fetch when dropped, and when the caller's own signal (if
/// any) aborts. Aborting a request that already finished does nothing.
pub(super) struct InFlight {
    controller: Option<AbortController>,
    /// The caller's signal and the listener that forwards its abort.
    linked: Option<(AbortSignal, js_sys::Function)>,
}

impl InFlight {
    pub(super) fn new(caller: Option<&AbortSignal>) -> Self {
        let controller = AbortController::new().ok();
        let linked = caller.zip(controller.as_ref()).and_then(|(caller, own)| {
            // `own.abort` bound to `own`: a plain function, no Rust closure to keep alive.
            let abort = js_sys::Reflect::get(own, &"abort".into())
                .ok()?
                .dyn_into::<js_sys::Function>()
                .ok()?
                .bind0(own);
            caller
                .add_event_listener_with_callback("abort", &abort)
                .ok()?;
            if caller.aborted() {
                own.abort();
            }
            Some((caller.clone(), abort))
        });
        Self { controller, linked }
    }

    pub(super) fn signal(&self) -> Option<AbortSignal> {
        self.controller.as_ref().map(AbortController::signal)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Some((caller, abort)) = self.linked.take() {
            let _ = caller.remove_event_listener_with_callback("abort", &abort);
        }
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }
}

/// `request`, or [`ApiError::Timeout`] once `ms` have passed; the request
/// is then dropped, which aborts it.
pub(super) async fn within<T>(
    ms: u32,
    request: impl Future<Output = Result<T, ApiError>>,
) -> Result<T, ApiError> {
    let request = std::pin::pin!(request);
    match select(request, sleep(ms)).await {
        Either::Left((answer, _)) => answer,
        Either::Right(_) => Err(ApiError::Timeout {
            seconds: ms.div_ceil(1_000),
        }),
    }
}

//! Small browser timing helpers shared by the live feed and the clock.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use wasm_bindgen_futures::JsFuture;

/// Milliseconds since the epoch, from the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A number in [0, 1), for the jitter of retry delays.
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// Waits `ms` milliseconds without blocking the page. Dropping the wait
/// before it ends clears its timer, so a wait that lost a race (the silence
/// watchdog, a request's deadline) leaves nothing pending behind.
pub fn sleep(ms: u32) -> Sleep {
    let mut handle = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let delay = i32::try_from(ms).unwrap_or(i32::MAX);
            handle = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, delay)
                .ok();
        }
    });
    Sleep {
        timer: JsFuture::from(promise),
        handle,
    }
}

/// A pending [`sleep`].
pub struct Sleep {
    timer: JsFuture,
    handle: Option<i32>,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match Pin::new(&mut self.timer).poll(cx) {
            Poll::Ready(_) => {
                self.handle = None;
                Poll::Ready(())
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let (Some(handle), Some(window)) = (self.handle.take(), web_sys::window()) {
            window.clear_timeout_with_handle(handle);
        }
    }
}

/// Local time of day of a browser timestamp, "hh:mm:ss" in the user's locale.
pub fn time_of_day(ms: f64, locale: &str) -> String {
    crate::i18n::intl::format(locale, crate::i18n::intl::Kind::TimeWithSeconds, ms)
        .unwrap_or_default()
}

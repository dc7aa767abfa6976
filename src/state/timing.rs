//! Small browser timing helpers shared by the live feed and the clock.

use wasm_bindgen_futures::JsFuture;

/// Milliseconds since the epoch, from the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Waits `ms` milliseconds without blocking the page.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let delay = i32::try_from(ms).unwrap_or(i32::MAX);
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, delay);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Reconnect delay for the `attempt`-th retry: exponential from 500 ms,
/// capped at 30 s, with jitter so many monitors do not reconnect in step.
pub fn backoff_ms(attempt: u32) -> u32 {
    let base = 500u32.saturating_mul(1u32 << attempt.min(6)).min(30_000);
    let jitter = 0.5 + js_sys::Math::random() * 0.5;
    (f64::from(base) * jitter) as u32
}

/// Local time of day of a browser timestamp, "hh:mm:ss" in the user's locale.
pub fn time_of_day(ms: f64, locale: &str) -> String {
    crate::i18n::intl::format(locale, crate::i18n::intl::Kind::TimeWithSeconds, ms)
        .unwrap_or_default()
}

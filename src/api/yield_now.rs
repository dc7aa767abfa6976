//! Handing the main thread back to the browser in the middle of long work,
//! so it can paint and take input before the work goes on.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Resumes in a new task: after `scheduler.yield()` where the browser has
/// it (the continuation keeps its priority), else after a message to self
/// (unlike a zero timeout, never clamped to 4 ms when repeated).
pub async fn yield_now() {
    if let Some(promise) = scheduler_yield() {
        let _ = JsFuture::from(promise).await;
        return;
    }
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        channel.port1().set_onmessage(Some(resolve.unchecked_ref()));
        if channel.port2().post_message(&JsValue::NULL).is_err() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
    channel.port1().set_onmessage(None);
}

/// `scheduler.yield()`, if this browser has it.
fn scheduler_yield() -> Option<js_sys::Promise> {
    let scheduler = js_sys::Reflect::get(&js_sys::global(), &"scheduler".into()).ok()?;
    let yield_fn: js_sys::Function = js_sys::Reflect::get(&scheduler, &"yield".into())
        .ok()?
        .dyn_into()
        .ok()?;
    yield_fn.call0(&scheduler).ok()?.dyn_into().ok()
}

//! Operations Monitor SPA: a Leptos client-side app. The modules follow the
//! one-way dependency `pages → components/state → api → core`.

pub mod api;
pub mod app;
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod heap;
pub mod i18n;
pub mod pages;
pub mod route;
pub mod state;

/// Mounts the monitor on the page's body.
pub fn start() {
    // A panic in wasm kills the app; at least say where in the console.
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

//! The page shown instead of data when there is no data to show: it says what
//! failed and offers to try again. Never a blank page.

use leptos::prelude::*;

use crate::i18n::{tr, use_texts};

/// A full-area error with a retry button.
#[component]
pub fn ErrorView(
    /// What failed, in words.
    #[prop(into)]
    message: Signal<String>,
    /// Called when the user asks to try again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="error-view" role="alert" aria-labelledby="error-view-title">
            <h2 id="error-view-title">{tr(t, |t| t.error_title)}</h2>
            <p class="error-view__message">{move || message.get()}</p>
            <button class="button button--primary" on:click=move |_| on_retry.run(())>
                {tr(t, |t| t.retry)}
            </button>
        </section>
    }
}

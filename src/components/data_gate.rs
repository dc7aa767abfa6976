//! Shows its content once the board has data; before that, the error that
//! keeps it from loading (with Retry) or a loading note. Never a blank page.

use leptos::prelude::*;

use super::error_view::ErrorView;
use crate::i18n::{tr, use_texts};
use crate::state::live::use_live_board;

/// Gate on the live board having loaded at least once.
#[component]
pub fn DataGate(children: ChildrenFn) -> impl IntoView {
    let live = use_live_board();
    let t = use_texts();
    // A memo, so the content is not rebuilt each time `synced_at` moves.
    let has_data = Memo::new(move |_| live.has_data());
    move || {
        if has_data.get() {
            children().into_any()
        } else if let Some(error) = live.error.get() {
            view! {
                <ErrorView
                    message=Signal::derive(move || error.message(t.get()))
                    on_retry=Callback::new(move |_| live.retry_now())
                />
            }
            .into_any()
        } else {
            view! { <p class="loading" role="status">{tr(t, |t| t.loading)}</p> }.into_any()
        }
    }
}

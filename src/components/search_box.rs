//! The search field. It keeps its own text so typing is never overwritten by
//! the URL round-trip, and follows the URL when it changes from elsewhere
//! (back button, a shared link).

use leptos::prelude::*;

/// A labelled search input.
#[component]
pub fn SearchBox(
    /// The accessible name ("Search").
    #[prop(into)]
    label: Signal<&'static str>,
    /// Hint shown while empty.
    #[prop(into)]
    placeholder: Signal<&'static str>,
    /// The search currently applied.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the text on every keystroke.
    on_input: Callback<String>,
) -> impl IntoView {
    let text = RwSignal::new(value.get_untracked());
    Effect::new(move |_| {
        let applied = value.get();
        if text.get_untracked() != applied {
            text.set(applied);
        }
    });
    view! {
        <input
            class="search-box"
            type="search"
            autocomplete="off"
            spellcheck="false"
            aria-label=move || label.get()
            placeholder=move || placeholder.get()
            prop:value=move || text.get()
            on:input=move |e| {
                let typed = event_target_value(&e);
                text.set(typed.clone());
                on_input.run(typed);
            }
        />
    }
}

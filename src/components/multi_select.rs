//! A filter with several choices: a button named after the filter opens a
//! group of checkboxes. Escape or a second click closes it.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::ev;
use leptos::prelude::*;

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// One choice: the value kept in the URL and the text shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub value: String,
    pub text: String,
}

/// A multi-select filter.
#[component]
pub fn MultiSelect(
    /// The filter's name; also the button's accessible name.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The choices, read only while the list is open.
    #[prop(into)]
    choices: Signal<Vec<Choice>>,
    /// The values currently selected.
    #[prop(into)]
    selected: Signal<BTreeSet<String>>,
    /// Called with the new selection on every change.
    on_change: Callback<BTreeSet<String>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let panel_id = format!("multi-select-{id}");
    let count_id = format!("multi-select-{id}-count");
    let button_ref = NodeRef::<leptos::html::Button>::new();

    let toggle_value = move |value: String| {
        let mut next = selected.get_untracked();
        if !next.remove(&value) {
            next.insert(value);
        }
        on_change.run(next);
    };
    let close_on_escape = move |e: ev::KeyboardEvent| {
        if e.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(button) = button_ref.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    let count = move || {
        let n = selected.with(BTreeSet::len);
        (n > 0).then(|| n.to_string())
    };

    view! {
        <div class="multi-select" on:keydown=close_on_escape>
            <button
                node_ref=button_ref
                class="multi-select__button"
                class:multi-select__button--active=move || selected.with(|s| !s.is_empty())
                aria-label=move || label.get()
                aria-describedby=count_id.clone()
                aria-haspopup="true"
                aria-expanded=move || open.get().to_string()
                aria-controls=panel_id.clone()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || label.get()}
                <span id=count_id.clone() class="multi-select__count">{count}</span>
            </button>
            <Show when=move || open.get()>
                <div id=panel_id.clone() class="multi-select__panel" role="group" aria-label=move || label.get()>
                    <For
                        each=move || choices.get()
                        key=|choice| choice.value.clone()
                        let:choice
                    >
                        {
                            let value = choice.value.clone();
                            let checked = {
                                let value = value.clone();
                                move || selected.with(|s| s.contains(&value))
                            };
                            view! {
                                <label class="multi-select__choice">
                                    <input
                                        type="checkbox"
                                        prop:checked=checked
                                        on:change=move |_| toggle_value(value.clone())
                                    />
                                    {choice.text}
                                </label>
                            }
                        }
                    </For>
                </div>
            </Show>
        </div>
    }
}

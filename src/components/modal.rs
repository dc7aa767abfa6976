//! A modal dialog on the native `<dialog>`: the browser traps focus inside
//! it and keeps the page behind inert; Escape closes it. Focus goes back to
//! the element named by `return_focus` when it closes.

use leptos::prelude::*;

use crate::i18n::{tr, use_texts};

/// A titled modal dialog.
#[component]
pub fn Modal(
    /// The dialog's title, also its accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// Called on Escape, the close button, or a parent closing it.
    on_close: Callback<()>,
    /// The id of the element to focus after closing (the opener).
    #[prop(optional, into)]
    return_focus: Option<String>,
    children: Children,
) -> impl IntoView {
    let t = use_texts();
    let node = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(dialog) = node.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    });
    on_cleanup(move || {
        // After the dialog has left the DOM: removing a modal dialog moves
        // focus to <body>, which would undo an earlier focus call.
        if let Some(id) = return_focus {
            request_animation_frame(move || {
                if let Some(el) = document().get_element_by_id(&id) {
                    if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                        let _ = el.focus();
                    }
                }
            });
        }
    });
    view! {
        <dialog
            node_ref=node
            class="modal"
            aria-labelledby="modal-title"
            on:cancel=move |e: leptos::ev::Event| {
                // Escape: close through the app's state, not only the DOM.
                e.prevent_default();
                on_close.run(());
            }
        >
            <header class="modal__header">
                <h2 id="modal-title" class="modal__title">{move || title.get()}</h2>
                <button
                    class="modal__close"
                    aria-label=tr(t, |t| t.close)
                    on:click=move |_| on_close.run(())
                >
                    "×"
                </button>
            </header>
            <div class="modal__body">{children()}</div>
        </dialog>
    }
}

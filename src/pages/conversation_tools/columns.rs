//! Show, hide and reorder the Conversations table's columns. Every change
//! applies at once; the layout is part of the URL, so a saved view or a
//! shared link carries it.

use leptos::prelude::*;
use monitor_core::columns::ConversationColumn;
use monitor_core::query::ConversationQuery;

use crate::components::conversation_columns::label;
use crate::components::modal::Modal;
use crate::i18n::{fill, use_texts};
use crate::state::url_query::UrlQuery;

/// The id of a column's move button, to keep focus on it as it moves.
fn move_button_id(column: ConversationColumn, later: bool) -> String {
    let direction = if later { "down" } else { "up" };
    format!("column-{}-{direction}", column.as_str())
}

/// After a move, on the next frame (once the list has re-rendered), puts
/// focus back on the button pressed, or on its twin when the column reached
/// an edge and the pressed one is now disabled.
fn refocus_after_move(column: ConversationColumn, later: bool) {
    request_animation_frame(move || {
        let button = |later| {
            document()
                .get_element_by_id(&move_button_id(column, later))
                .and_then(|el| {
                    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlButtonElement>(el).ok()
                })
        };
        let target = button(later)
            .filter(|b| !b.disabled())
            .or_else(|| button(!later));
        if let Some(target) = target {
            let _ = target.focus();
        }
    });
}

#[component]
pub fn ColumnsDialog(
    url: UrlQuery<ConversationQuery>,
    on_close: Callback<()>,
    /// The opener's id, focused again on close.
    return_focus: &'static str,
) -> impl IntoView {
    let t = use_texts();
    let layout = Memo::new(move |_| url.query.with(|q| q.columns.clone()));
    // Visible columns in their order, then the hidden ones.
    let entries = move || {
        layout.with(|l| {
            l.visible()
                .iter()
                .copied()
                .chain(l.hidden())
                .collect::<Vec<_>>()
        })
    };
    let item = move |column: ConversationColumn| {
        let name = move || label(column)(t.get());
        let shown = move || layout.with(|l| l.shows(column));
        let position = move || layout.with(|l| l.visible().iter().position(|c| *c == column));
        let is_last = move || layout.with(|l| l.visible().last() == Some(&column));
        let only = move || layout.with(|l| l.shows(column) && l.visible().len() == 1);
        let shift = move |later: bool| {
            url.update(|q| {
                q.columns.shift(column, later);
            });
            refocus_after_move(column, later);
        };
        view! {
            <li class="columns__item" data-column=column.as_str()>
                <label class="toggle">
                    <input
                        type="checkbox"
                        prop:checked=shown
                        disabled=only
                        on:change=move |_| url.update(|q| {
                            q.columns.toggle(column);
                        })
                    />
                    {name}
                </label>
                <span class="columns__move" class:columns__move--hidden=move || !shown()>
                    <button
                        id=move_button_id(column, false)
                        class="button button--icon"
                        aria-label=move || fill(t.get().column_move_up, &[("name", name())])
                        disabled=move || matches!(position(), None | Some(0))
                        on:click=move |_| shift(false)
                    >"↑"</button>
                    <button
                        id=move_button_id(column, true)
                        class="button button--icon"
                        aria-label=move || fill(t.get().column_move_down, &[("name", name())])
                        disabled=move || !shown() || is_last()
                        on:click=move |_| shift(true)
                    >"↓"</button>
                </span>
            </li>
        }
    };
    view! {
        <Modal
            title=Signal::derive(move || t.get().columns_title.to_owned())
            on_close
            return_focus=return_focus
        >
            <ul class="columns">
                <For each=entries key=|column| *column children=item />
            </ul>
        </Modal>
    }
}

//! The row's Options menu. It is rendered once, `fixed` at the button that
//! opened it (so the scrolling table cannot clip it), with menu keyboard
//! behaviour: focus on the first item, arrows move, Escape closes and
//! returns focus to the button.

use leptos::ev;
use leptos::prelude::*;
use monitor_core::permissions::{Permissions, RowAction};
use wasm_bindgen::JsCast;

use crate::i18n::{tr, use_texts};
use crate::state::actions::{options_button_id, use_actions, Dialog, MenuAnchor};

fn focus_by_id(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Moves focus among the menu's items by `step`, wrapping around.
fn move_focus(menu: &web_sys::Element, step: i32) {
    let Ok(items) = menu.query_selector_all("[role=menuitem]") else {
        return;
    };
    let count = items.length() as i32;
    if count == 0 {
        return;
    }
    let active = document().active_element();
    let current = (0..count).find(|&i| {
        items
            .item(i as u32)
            .map(|n| n.unchecked_into::<web_sys::Element>())
            == active
    });
    let next = match current {
        Some(i) => (i + step).rem_euclid(count),
        None => 0,
    };
    if let Some(item) = items
        .item(next as u32)
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = item.focus();
    }
}

/// The open row menu, if any.
#[component]
pub fn RowMenu() -> impl IntoView {
    let actions = use_actions();
    move || {
        actions
            .menu
            .get()
            .map(|anchor| view! { <OpenMenu anchor /> })
    }
}

#[component]
fn OpenMenu(anchor: MenuAnchor) -> impl IntoView {
    let t = use_texts();
    let actions = use_actions();
    let permissions = use_context::<Permissions>();
    let menu_ref = NodeRef::<leptos::html::Div>::new();
    let button_id = options_button_id(&anchor.conversation.id);
    let entries = permissions
        .map(|p| p.row_actions())
        .unwrap_or_else(|| vec![RowAction::View]);

    let close = {
        let button_id = button_id.clone();
        move || {
            actions.menu.set(None);
            focus_by_id(&button_id);
        }
    };
    Effect::new(move |_| {
        if let Some(menu) = menu_ref.get() {
            move_focus(&menu, 1);
        }
    });
    let on_keydown = {
        let close = close.clone();
        move |e: ev::KeyboardEvent| {
            let Some(menu) = menu_ref.get_untracked() else {
                return;
            };
            match e.key().as_str() {
                "ArrowDown" => {
                    e.prevent_default();
                    move_focus(&menu, 1);
                }
                "ArrowUp" => {
                    e.prevent_default();
                    move_focus(&menu, -1);
                }
                "Escape" | "Tab" => {
                    e.prevent_default();
                    close();
                }
                _ => {}
            }
        }
    };
    let width = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(0.0);
    let items = entries
        .into_iter()
        .map(|action| {
            let conversation = anchor.conversation.clone();
            let label = move || match action {
                RowAction::View => t.get().view_conversation,
                RowAction::Transfer => t.get().transfer_conversation,
                RowAction::End => t.get().end_conversation,
            };
            let open = move |_| {
                let id = conversation.id.clone();
                actions.open(match action {
                    RowAction::View => Dialog::View(Box::new(conversation.clone())),
                    RowAction::Transfer => Dialog::Transfer(id),
                    RowAction::End => Dialog::End(id),
                });
            };
            view! {
                <button class="menu__item" role="menuitem" tabindex="-1" on:click=open>
                    {label}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="menu-overlay" on:click=move |_| close()></div>
        <div
            node_ref=menu_ref
            class="menu"
            role="menu"
            aria-label=tr(t, |t| t.col_options)
            style:top=format!("{}px", anchor.top)
            style:right=format!("{}px", (width - anchor.right).max(0.0))
            on:keydown=on_keydown
        >
            {items}
        </div>
    }
}

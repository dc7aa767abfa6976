//! The dialogs of the conversation actions, shown one at a time in front of
//! the monitor.

mod bulk_end;
mod end;
mod form_footer;
mod justification;
mod transfer;
mod view;

use leptos::prelude::*;

pub(crate) use form_footer::report_failure;

/// `on_close`, dropping the dialog's draft first: closed (cancelled or
/// done) is the end of that piece of work. A dialog torn down with the
/// monitor (a 401, a new token, a reload) is not closed, so its draft stays.
fn close_dropping_draft(on_close: Callback<()>) -> Callback<()> {
    Callback::new(move |()| {
        crate::state::drafts::clear();
        on_close.run(());
    })
}

use crate::state::actions::{options_button_id, use_actions, Dialog};

/// Renders the open dialog, if any.
#[component]
pub fn ActionDialogs() -> impl IntoView {
    let actions = use_actions();
    let close = Callback::new(move |_| actions.close_dialog());
    move || {
        actions.dialog.get().map(|dialog| match dialog {
            Dialog::View(conversation) => {
                let return_focus = options_button_id(&conversation.id);
                let conversation = *conversation;
                view! { <view::ViewDialog conversation on_close=close return_focus /> }.into_any()
            }
            Dialog::Transfer(id) => {
                let return_focus = options_button_id(&id);
                view! { <transfer::TransferDialog id on_close=close return_focus /> }.into_any()
            }
            Dialog::End(id) => {
                let return_focus = options_button_id(&id);
                view! { <end::EndDialog id on_close=close return_focus /> }.into_any()
            }
            Dialog::BulkEnd(ids) => {
                view! { <bulk_end::BulkEndDialog ids on_close=close /> }.into_any()
            }
        })
    }
}

//! End one conversation, with a required justification. A failed request
//! keeps the dialog open with the text and says why; a retry (or a double
//! click) reuses the idempotency key, so the backend ends it once. The text
//! is a draft (`state::drafts`): a 401 or a reload does not lose it, and an
//! end interrupted by one is sent once after the next sign-in.

use leptos::prelude::*;
use monitor_core::wire::{Conversation, EndRequest};

use super::form_footer::{report_failure, FormFooter};
use super::justification::{valid_justification, JustificationField};
use monitor_core::draft::DraftAction;

use super::close_dropping_draft;
use crate::components::modal::Modal;
use crate::i18n::use_texts;
use crate::state::actions::use_actions;
use crate::state::drafts::use_drafts;
use crate::state::live::use_live_board;
use crate::state::session::use_api;

/// The "End conversation" dialog for conversation `id`.
#[component]
pub fn EndDialog(
    /// The conversation to end.
    id: String,
    /// Closes the dialog.
    on_close: Callback<()>,
    /// Where focus returns afterwards.
    return_focus: String,
) -> impl IntoView {
    let t = use_texts();
    let live = use_live_board();
    let actions = use_actions();
    let api = use_api();
    let drafts = use_drafts();
    let draft = drafts.open(DraftAction::End {
        id: id.clone(),
        justification: String::new(),
    });
    let text = RwSignal::new(draft.action.justification().to_owned());
    let submitted = RwSignal::new(draft.submitted);
    let problem = RwSignal::new(None::<String>);
    let key = draft.key.clone();
    let on_close = close_dropping_draft(on_close);
    drafts.follow(draft, submitted, {
        let id = id.clone();
        move || DraftAction::End {
            id: id.clone(),
            justification: text.get(),
        }
    });
    let customer = live.with_untracked(|b| b.conversation(&id).map(|c| c.customer.name.clone()));

    let end = Action::new_local({
        let id = id.clone();
        move |justification: &String| {
            let (api, id, key) = (api.clone(), id.clone(), key.clone());
            let body = EndRequest {
                justification: justification.clone(),
            };
            async move {
                let path = format!("/conversations/{}/end", js_sys::encode_uri_component(&id));
                api.post_json::<_, Conversation>(&path, &body, &key, "ended conversation")
                    .await
            }
        }
    });
    Effect::new(move |_| match end.value().get() {
        Some(Ok(conversation)) => {
            actions.selection.update(|s| {
                s.remove(&conversation.id);
            });
            live.show_own_results([conversation]);
            actions.announce(t.get_untracked().outcome_ended);
            on_close.run(());
        }
        Some(Err(e)) => report_failure(e, problem, t.get_untracked()),
        None => {}
    });
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        if let Some(justification) = text.with_untracked(|s| valid_justification(s)) {
            if !end.pending().get_untracked() {
                problem.set(None);
                submitted.set(true);
                end.dispatch(justification);
            }
        }
    };
    // Pressed before the monitor was torn down: sent once more, same key.
    if submitted.get_untracked() {
        if let Some(justification) = text.with_untracked(|s| valid_justification(s)) {
            end.dispatch(justification);
        }
    }

    view! {
        <Modal title=Signal::derive(move || t.get().end_conversation.to_owned()) on_close return_focus>
            <form class="dialog-form" on:submit=submit>
                {customer.map(|name| view! { <p class="dialog-form__subject">{name}</p> })}
                <JustificationField text />
                <FormFooter
                    problem
                    action=|t| t.end
                    pending=end.pending()
                    blocked=Signal::derive(move || text.with(|s| valid_justification(s).is_none()))
                    danger=true
                    on_cancel=on_close
                />
            </form>
        </Modal>
    }
}

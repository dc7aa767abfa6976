//! End the selected conversations with one justification. Conversations in
//! progress are never ended in bulk: they are left out before sending, and
//! the dialog says how many and why. The result lists what ended and what
//! did not. The justification is a draft, as in the end dialog.

use leptos::prelude::*;
use monitor_core::permissions::bulk_end_eligible;
use monitor_core::wire::{BulkEndOutcome, BulkEndRequest, BulkEndResponse, Conversation};
use monitor_core::ConversationStatus;

use super::form_footer::{report_failure, FormFooter};
use super::justification::{valid_justification, JustificationField};
use monitor_core::draft::DraftAction;

use super::close_dropping_draft;
use crate::components::modal::Modal;
use crate::i18n::{fill, use_texts};
use crate::state::actions::use_actions;
use crate::state::drafts::use_drafts;
use crate::state::live::use_live_board;
use crate::state::session::use_api;

/// The "End selected conversations" dialog.
#[component]
pub fn BulkEndDialog(
    /// The selected ids when the dialog opened.
    ids: Vec<String>,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let live = use_live_board();
    let actions = use_actions();
    let api = use_api();
    let drafts = use_drafts();
    let draft = drafts.open(DraftAction::BulkEnd {
        ids: ids.clone(),
        justification: String::new(),
    });
    let text = RwSignal::new(draft.action.justification().to_owned());
    let submitted = RwSignal::new(draft.submitted);
    let problem = RwSignal::new(None::<String>);
    let key = draft.key.clone();
    let on_close = close_dropping_draft(on_close);
    drafts.follow(draft, submitted, {
        let ids = ids.clone();
        move || DraftAction::BulkEnd {
            ids: ids.clone(),
            justification: text.get(),
        }
    });

    // Split once, when the dialog opens: what will be sent is what was shown.
    // Names too: ended ones leave the board, but the result still names them.
    let (eligible, in_progress, names) = live.with_untracked(|b| {
        let mut eligible = Vec::new();
        let mut in_progress = 0usize;
        let mut names = std::collections::HashMap::new();
        for c in ids.iter().filter_map(|id| b.conversation(id)) {
            names.insert(c.id.clone(), c.customer.name.clone());
            if bulk_end_eligible(c) {
                eligible.push(c.id.clone());
            } else if c.status == ConversationStatus::InProgress {
                in_progress += 1;
            }
        }
        (eligible, in_progress, names)
    });
    let eligible_count = eligible.len();

    let end = Action::new_local(move |justification: &String| {
        let (api, key) = (api.clone(), key.clone());
        let body = BulkEndRequest {
            ids: eligible.clone(),
            justification: justification.clone(),
        };
        async move {
            api.post_json::<_, BulkEndResponse>("/conversations/bulk-end", &body, &key, "bulk end")
                .await
        }
    });
    let results = RwSignal::new(None::<BulkEndResponse>);
    Effect::new(move |_| match end.value().get() {
        Some(Ok(response)) => {
            let ended: Vec<String> = response
                .results
                .iter()
                .filter(|r| r.outcome == BulkEndOutcome::Ended)
                .map(|r| r.id.clone())
                .collect();
            let finished: Vec<Conversation> = live.with_untracked(|b| {
                ended
                    .iter()
                    .filter_map(|id| b.conversation(id))
                    .map(|c| Conversation {
                        status: ConversationStatus::Finished,
                        // The bulk answer names no version: shown as it is.
                        version: None,
                        ..Conversation::clone(c)
                    })
                    .collect()
            });
            live.show_own_results(finished);
            actions.selection.update(|s| {
                ended.iter().for_each(|id| {
                    s.remove(id);
                })
            });
            let t = t.get_untracked();
            let not_ended = response.results.len() - ended.len();
            actions.announce(fill(
                t.bulk_result,
                &[
                    ("ended", &ended.len().to_string()),
                    ("not_ended", &not_ended.to_string()),
                ],
            ));
            results.set(Some(response));
            // Done: the result shows until closed, but nothing is left to resend.
            crate::state::drafts::clear();
        }
        Some(Err(e)) => report_failure(e, problem, t.get_untracked()),
        None => {}
    });
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        if let Some(justification) = text.with_untracked(|s| valid_justification(s)) {
            if eligible_count > 0 && !end.pending().get_untracked() {
                problem.set(None);
                submitted.set(true);
                end.dispatch(justification);
            }
        }
    };
    // Pressed before the monitor was torn down: sent once more, same key.
    if submitted.get_untracked() && eligible_count > 0 {
        if let Some(justification) = text.with_untracked(|s| valid_justification(s)) {
            end.dispatch(justification);
        }
    }

    let summary = move || {
        let t = t.get();
        let mut lines = Vec::new();
        if eligible_count == 0 {
            lines.push(t.bulk_nothing.to_owned());
        } else {
            lines.push(fill(t.bulk_will_end, &[("n", &eligible_count.to_string())]));
        }
        if in_progress > 0 {
            lines.push(fill(t.bulk_excluded, &[("n", &in_progress.to_string())]));
        }
        lines
            .into_iter()
            .map(|l| view! { <p>{l}</p> })
            .collect_view()
    };
    let result_view = move || {
        results.get().map(|response| {
            let t = t.get();
            let ended = response.results.iter().filter(|r| r.outcome == BulkEndOutcome::Ended).count();
            let not_ended = response.results.len() - ended;
            let headline = fill(t.bulk_result, &[("ended", &ended.to_string()), ("not_ended", &not_ended.to_string())]);
            let items = response
                .results
                .into_iter()
                .map(|r| {
                    let name = names.get(&r.id).cloned().unwrap_or_else(|| r.id.clone());
                    let label = format!("{name} — {}", t.outcome(&r.outcome));
                    view! { <li class=format!("bulk-result bulk-result--{}", r.outcome.as_str())>{label}</li> }
                })
                .collect_view();
            view! {
                <div class="bulk-results">
                    <p role="status"><strong>{headline}</strong></p>
                    <ul class="bulk-results__list">{items}</ul>
                    <div class="dialog-form__actions">
                        <button class="button button--primary" on:click=move |_| on_close.run(())>{t.close}</button>
                    </div>
                </div>
            }
        })
    };

    view! {
        <Modal title=Signal::derive(move || t.get().end_selected_title.to_owned()) on_close>
            <Show when=move || results.with(Option::is_none) fallback=result_view>
                <form class="dialog-form" on:submit=submit>
                    <div class="dialog-form__summary">{summary}</div>
                    <JustificationField text />
                    <FormFooter
                        problem
                        action=|t| t.end
                        pending=end.pending()
                        blocked=Signal::derive(move || eligible_count == 0 || text.with(|s| valid_justification(s).is_none()))
                        danger=true
                        on_cancel=on_close
                    />
                </form>
            </Show>
        </Modal>
    }
}

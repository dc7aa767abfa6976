//! Transfer a conversation to a department (required) and optionally one of
//! its agents. Each agent shows presence and load; offline and full agents
//! are marked and cannot be picked (the backend refuses them too). The
//! choice is a draft, as in the end dialog.

use leptos::prelude::*;
use monitor_core::wire::{Agent, Conversation, DepartmentsList, TransferRequest};
use monitor_core::AgentStatus;

use super::form_footer::{report_failure, FormFooter};
use monitor_core::draft::DraftAction;

use super::close_dropping_draft;
use crate::components::modal::Modal;
use crate::i18n::{tr, use_texts, Texts};
use crate::state::actions::use_actions;
use crate::state::drafts::use_drafts;
use crate::state::live::use_live_board;
use crate::state::session::use_api;

/// Why an agent cannot take the conversation, if they cannot.
fn unavailable(agent: &Agent, t: &Texts) -> Option<&'static str> {
    if agent.status == AgentStatus::Offline {
        Some(t.agent_unavailable_offline)
    } else if agent.active_conversations >= agent.capacity {
        Some(t.agent_unavailable_full)
    } else {
        None
    }
}

/// The "Transfer conversation" dialog for conversation `id`.
#[component]
pub fn TransferDialog(
    /// The conversation to transfer.
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
    let draft = drafts.open(DraftAction::Transfer {
        id: id.clone(),
        department_id: String::new(),
        agent_id: String::new(),
    });
    let (department, agent) = match &draft.action {
        DraftAction::Transfer {
            department_id,
            agent_id,
            ..
        } => (department_id.clone(), agent_id.clone()),
        _ => Default::default(),
    };
    let department = RwSignal::new(department);
    let agent = RwSignal::new(agent);
    let submitted = RwSignal::new(draft.submitted);
    let problem = RwSignal::new(None::<String>);
    let key = draft.key.clone();
    let on_close = close_dropping_draft(on_close);
    drafts.follow(draft, submitted, {
        let id = id.clone();
        move || DraftAction::Transfer {
            id: id.clone(),
            department_id: department.get(),
            agent_id: agent.get(),
        }
    });
    let current = live.with_untracked(|b| b.conversation(&id).map(|c| Conversation::clone(c)));

    let departments = LocalResource::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move {
                api.get_json::<DepartmentsList>("/departments", "departments", None)
                    .await
            }
        }
    });
    // The department's agents, from the live board: presence and load stay current.
    let agents = Memo::new(move |_| {
        let chosen = department.get();
        live.with(|b| {
            let mut agents: Vec<Agent> = b
                .agents()
                .filter(|a| a.departments.iter().any(|d| d.id == chosen))
                .map(|a| Agent::clone(a))
                .collect();
            agents.sort_by(|a, b| a.name.cmp(&b.name));
            agents
        })
    });

    let transfer = Action::new_local({
        let id = id.clone();
        move |request: &TransferRequest| {
            let (api, id, key, body) = (api.clone(), id.clone(), key.clone(), request.clone());
            async move {
                let path = format!(
                    "/conversations/{}/transfer",
                    js_sys::encode_uri_component(&id)
                );
                api.post_json::<_, Conversation>(&path, &body, &key, "transferred conversation")
                    .await
            }
        }
    });
    Effect::new(move |_| match transfer.value().get() {
        Some(Ok(conversation)) => {
            live.show_own_results([conversation]);
            actions.announce(t.get_untracked().transfer_conversation);
            on_close.run(());
        }
        Some(Err(e)) => report_failure(e, problem, t.get_untracked()),
        None => {}
    });
    let send = move || {
        let department_id = department.get_untracked();
        if department_id.is_empty() || transfer.pending().get_untracked() {
            return;
        }
        let agent_id = Some(agent.get_untracked()).filter(|a| !a.is_empty());
        problem.set(None);
        submitted.set(true);
        transfer.dispatch(TransferRequest {
            department_id,
            agent_id,
        });
    };
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        send();
    };
    // Pressed before the monitor was torn down: sent once more, same key.
    if submitted.get_untracked() {
        send();
    }

    let current_department = current.as_ref().map(|c| c.department.id.clone());
    let department_options = move || {
        let current_department = current_department.clone();
        departments.get().and_then(Result::ok).map(|list| {
            list.departments
                .into_iter()
                .map(|d| {
                    let text = if Some(&d.id) == current_department.as_ref() {
                        format!("{} ✓", d.name)
                    } else {
                        d.name
                    };
                    view! { <option value=d.id>{text}</option> }
                })
                .collect_view()
        })
    };
    let departments_error = move || match departments.get() {
        Some(Err(e)) => Some(e.message(t.get())),
        _ => None,
    };
    let agent_options = move || {
        let t = t.get();
        agents
            .get()
            .into_iter()
            .map(|a| {
                let blocked = unavailable(&a, t);
                let mut text = format!(
                    "{} — {} — {} / {}",
                    a.name,
                    t.presence(&a.status),
                    a.active_conversations,
                    a.capacity
                );
                if let Some(why) = blocked {
                    text.push_str(&format!(" ({why})"));
                }
                view! { <option value=a.id disabled=blocked.is_some()>{text}</option> }
            })
            .collect_view()
    };

    view! {
        <Modal title=Signal::derive(move || t.get().transfer_conversation.to_owned()) on_close return_focus>
            <form class="dialog-form" on:submit=submit>
                {current.as_ref().map(|c| view! {
                    <p class="dialog-form__subject">{c.customer.name.clone()} " · " {c.department.name.clone()}</p>
                })}
                <div class="field">
                    <label for="transfer-department">{tr(t, |t| t.transfer_department)}</label>
                    <select
                        id="transfer-department"
                        required
                        // Again once the options are in: a draft's choice shows.
                        prop:value=move || {
                            departments.track();
                            department.get()
                        }
                        on:change=move |e| {
                            department.set(event_target_value(&e));
                            agent.set(String::new());
                        }
                    >
                        <option value="" disabled>{tr(t, |t| t.choose_department)}</option>
                        {department_options}
                    </select>
                    {move || departments_error().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
                </div>
                <div class="field">
                    <label for="transfer-agent">{tr(t, |t| t.transfer_agent)}</label>
                    <select
                        id="transfer-agent"
                        prop:value=move || {
                            agents.track();
                            agent.get()
                        }
                        disabled=move || department.with(String::is_empty)
                        on:change=move |e| agent.set(event_target_value(&e))
                    >
                        <option value="">{tr(t, |t| t.transfer_to_queue)}</option>
                        {agent_options}
                    </select>
                </div>
                <FormFooter
                    problem
                    action=|t| t.transfer
                    pending=transfer.pending()
                    blocked=Signal::derive(move || department.with(String::is_empty))
                    on_cancel=on_close
                />
            </form>
        </Modal>
    }
}

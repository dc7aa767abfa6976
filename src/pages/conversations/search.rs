//! What both scopes of Atenciones share above their list: the scope switch
//! ("En curso" / "Finalizadas"), the search box and the filters.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use monitor_core::query::{ConversationQuery, ConversationScope, UNASSIGNED};
use monitor_core::{Channel, ConversationStatus};

use crate::components::multi_select::{Choice, MultiSelect};
use crate::components::search_box::SearchBox;
use crate::i18n::{tr, use_texts};
use crate::pages::parse_open;
use crate::state::board_cell::BoardCell;
use crate::state::url_query::UrlQuery;

/// The statuses an ongoing conversation can have, in filter order.
const ONGOING_STATUSES: [ConversationStatus; 4] = [
    ConversationStatus::Queued,
    ConversationStatus::InProgress,
    ConversationStatus::Pending,
    ConversationStatus::Inactive,
];

/// The scope switch, the search box and the filters of the conversations
/// on the board in `rows_from` (whose agents and groups are the choices).
#[component]
pub fn ConversationSearch(
    url: UrlQuery<ConversationQuery>,
    /// The board whose conversations are listed.
    rows_from: BoardCell,
) -> impl IntoView {
    let t = use_texts();
    let query = url.query;
    let ongoing = query.with_untracked(|q| q.scope == ConversationScope::Ongoing);

    let status_choices = Signal::derive(move || {
        let t = t.get();
        ONGOING_STATUSES
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                text: t.status(s),
            })
            .collect()
    });
    let channel_choices = Signal::derive(move || {
        let t = t.get();
        Channel::KNOWN
            .iter()
            .map(|c| Choice {
                value: c.as_str().to_owned(),
                text: t.channel(c),
            })
            .collect()
    });
    // Agents and groups come from the conversations listed; these are read
    // only while their list is open.
    let agent_choices = Signal::derive(move || {
        let unassigned = t.get().unassigned.to_owned();
        let mut agents = BTreeMap::new();
        rows_from.with(|b| {
            for c in b.conversations() {
                if let Some(a) = &c.agent {
                    agents.entry(a.name.clone()).or_insert_with(|| a.id.clone());
                }
            }
        });
        let unassigned = Choice {
            value: UNASSIGNED.to_owned(),
            text: unassigned,
        };
        std::iter::once(unassigned)
            .chain(
                agents
                    .into_iter()
                    .map(|(text, value)| Choice { value, text }),
            )
            .collect()
    });
    let department_choices = Signal::derive(move || {
        let mut departments = BTreeMap::new();
        rows_from.with(|b| {
            for c in b.conversations() {
                departments
                    .entry(c.department.name.clone())
                    .or_insert_with(|| c.department.id.clone());
            }
        });
        departments
            .into_iter()
            .map(|(text, value)| Choice { value, text })
            .collect()
    });

    // Each reads only its part of the query.
    let selected_statuses = Memo::new(move |_| {
        query.with(|q| q.statuses.iter().map(|s| s.as_str().to_owned()).collect())
    });
    let selected_channels = Memo::new(move |_| {
        query.with(|q| q.channels.iter().map(|c| c.as_str().to_owned()).collect())
    });
    let selected_agents = Memo::new(move |_| query.with(|q| q.agents.clone()));
    let selected_departments = Memo::new(move |_| query.with(|q| q.departments.clone()));
    let search = Memo::new(move |_| query.with(|q| q.search.clone()));
    let awaiting = Memo::new(move |_| query.with(|q| q.awaiting));
    let unfiltered = Memo::new(move |_| query.with(ConversationQuery::is_unfiltered));
    let choose_scope = move |scope: ConversationScope| {
        url.update(|q| *q = q.in_scope(scope));
    };
    let scope_option = move |scope: ConversationScope,
                             text: fn(&crate::i18n::Texts) -> &'static str| {
        view! {
            <label class="scope-switch__option">
                <input
                    type="radio"
                    name="conversation-scope"
                    prop:checked=move || query.with(|q| q.scope == scope)
                    on:change=move |_| choose_scope(scope)
                />
                {move || text(t.get())}
            </label>
        }
    };

    view! {
        <div class="scope-switch" role="radiogroup" aria-label=tr(t, |t| t.scope_label)>
            {scope_option(ConversationScope::Ongoing, |t| t.scope_ongoing)}
            {scope_option(ConversationScope::Finished, |t| t.scope_finished)}
        </div>
        <SearchBox
            label=tr(t, |t| t.search)
            placeholder=tr(t, |t| t.search_placeholder)
            value=search
            on_input=Callback::new(move |text: String| url.update_typing(|q| q.search = text))
        />
        <div class="toolbar__filters" role="group" aria-label=tr(t, |t| t.filters)>
            // Finished ones have one status: no status filter there.
            {ongoing.then(|| view! {
                <MultiSelect
                    label=tr(t, |t| t.filter_status)
                    choices=status_choices
                    selected=selected_statuses
                    on_change=Callback::new(move |set: BTreeSet<String>| {
                        url.update(|q| q.statuses = set.iter().map(|s| parse_open(s)).collect())
                    })
                />
            })}
            <MultiSelect
                label=tr(t, |t| t.filter_agent)
                choices=agent_choices
                selected=selected_agents
                on_change=Callback::new(move |set: BTreeSet<String>| url.update(|q| q.agents = set))
            />
            <MultiSelect
                label=tr(t, |t| t.filter_department)
                choices=department_choices
                selected=selected_departments
                on_change=Callback::new(move |set: BTreeSet<String>| url.update(|q| q.departments = set))
            />
            <MultiSelect
                label=tr(t, |t| t.filter_channel)
                choices=channel_choices
                selected=selected_channels
                on_change=Callback::new(move |set: BTreeSet<String>| {
                    url.update(|q| q.channels = set.iter().map(|s| parse_open(s)).collect())
                })
            />
            {ongoing.then(|| view! {
                <label class="toggle">
                    <input
                        type="checkbox"
                        prop:checked=move || awaiting.get()
                        on:change=move |e| {
                            let on = event_target_checked(&e);
                            url.update(|q| q.awaiting = on)
                        }
                    />
                    {tr(t, |t| t.filter_awaiting)}
                </label>
            })}
            <Show when=move || !unfiltered.get()>
                <button class="button button--link" on:click=move |_| url.update(|q| *q = q.without_filters())>
                    {tr(t, |t| t.clear_filters)}
                </button>
            </Show>
        </div>
    }
}

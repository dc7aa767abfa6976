//! The Finished view: conversations closed in a date range, paged from the
//! backend (`scope=finished`), newest first. Rows open the same transcript
//! as active ones. The range lives in the URL (`from`, `to`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use monitor_core::wire::{Conversation, ConversationsSnapshot, Timestamp};
use wasm_bindgen::JsValue;

use crate::api::ApiError;
use crate::components::finished_row::FinishedRow;
use crate::components::virtual_table::{Column, VirtualTable};
use crate::i18n::{fill, use_texts};
use crate::state::clock::use_clock;
use crate::state::session::{use_api, use_session, SignInNotice};

const COLUMNS: [Column<()>; 9] = [
    Column {
        label: |t| t.col_channel,
        sort: None,
    },
    Column {
        label: |t| t.col_customer,
        sort: None,
    },
    Column {
        label: |t| t.col_agent,
        sort: None,
    },
    Column {
        label: |t| t.col_group,
        sort: None,
    },
    Column {
        label: |t| t.col_created,
        sort: None,
    },
    Column {
        label: |t| t.col_finished,
        sort: None,
    },
    Column {
        label: |t| t.col_duration,
        sort: None,
    },
    Column {
        label: |t| t.col_transfers,
        sort: None,
    },
    Column {
        label: |t| t.col_options,
        sort: None,
    },
];

/// The local date (`YYYY-MM-DD`) of the day starting at `day_start`.
fn local_date(day_start: Timestamp) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(day_start.timestamp_millis() as f64));
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

/// The UTC instant of local midnight starting `date` (`YYYY-MM-DD`), `days` later.
fn local_midnight_utc(date: &str, days: u32) -> Option<String> {
    let start = js_sys::Date::new(&format!("{date}T00:00:00").into());
    if start.get_time().is_nan() {
        return None;
    }
    start.set_date(start.get_date() + days);
    start.to_iso_string().as_string()
}

#[component]
pub fn FinishedPage() -> impl IntoView {
    let t = use_texts();
    let api = use_api();
    let session = use_session();
    let params = use_query_map();
    // A date the user has not chosen is today by the server-corrected
    // clock, as every "today" in the app: it follows the clock (known only
    // once the first snapshot has said what time the server has) and
    // moves on at midnight.
    let today = use_clock().today();
    let chosen_from = RwSignal::new(params.with_untracked(|p| p.get("from")));
    let chosen_to = RwSignal::new(params.with_untracked(|p| p.get("to")));
    let day_or_today = move |chosen: RwSignal<Option<String>>| {
        Memo::new(move |_| chosen.get().unwrap_or_else(|| local_date(today.get())))
    };
    let (from, to) = (day_or_today(chosen_from), day_or_today(chosen_to));
    let rows = RwSignal::new(Vec::<Conversation>::new());
    let next = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);

    let load = Action::new_local(move |cursor: &Option<String>| {
        let api = api.clone();
        let cursor = cursor.clone();
        let (from, to) = (from.get_untracked(), to.get_untracked());
        async move {
            let mut path = "/monitor/conversations?scope=finished".to_owned();
            for (key, value) in [
                ("from", local_midnight_utc(&from, 0)),
                ("to", local_midnight_utc(&to, 1)),
                ("cursor", cursor),
            ] {
                if let Some(value) = value {
                    path.push_str(&format!("&{key}={}", js_sys::encode_uri_component(&value)));
                }
            }
            let page = api
                .get_json::<ConversationsSnapshot>(&path, "finished conversations", None)
                .await;
            (page, cursor_is_first(&path))
        }
    });
    Effect::new(move |_| match load.value().get() {
        Some((Ok(page), first)) => {
            problem.set(None);
            next.set(page.next_cursor);
            if first {
                rows.set(page.conversations);
            } else {
                rows.update(|r| r.extend(page.conversations));
            }
        }
        Some((Err(ApiError::Unauthorized), _)) => session.expire(SignInNotice::SessionExpired),
        Some((Err(e), _)) => problem.set(Some(e.message(t.get_untracked()))),
        None => {}
    });
    // First page for the range, now and whenever it changes.
    Effect::new(move |_| {
        from.track();
        to.track();
        load.dispatch(None);
    });

    let rows_in = Callback::new(move |range: std::ops::Range<usize>| {
        rows.with(|r| {
            r.get(range)
                .map(<[Conversation]>::to_vec)
                .unwrap_or_default()
        })
    });
    let date_field = move |id: &'static str,
                           label: fn(&crate::i18n::Texts) -> &'static str,
                           value: Memo<String>,
                           chosen: RwSignal<Option<String>>| {
        view! {
            <label class="date-field" for=id>
                <span>{move || label(t.get())}</span>
                <input id=id type="date" prop:value=move || value.get() on:change=move |e| chosen.set(Some(event_target_value(&e))) />
            </label>
        }
    };

    view! {
        <section class="page page--finished">
            <div class="toolbar">
                {date_field("finished-from", |t| t.date_from, from, chosen_from)}
                {date_field("finished-to", |t| t.date_to, to, chosen_to)}
                <p class="toolbar__count">{move || fill(t.get().finished_shown, &[("n", &rows.with(Vec::len).to_string())])}</p>
            </div>
            {move || problem.get().map(|p| view! {
                <div class="banner banner--warning" role="alert">
                    <span class="banner__text">{p}</span>
                    <button class="button" on:click=move |_| { load.dispatch(None); }>{move || t.get().retry}</button>
                </div>
            })}
            <VirtualTable
                label=Signal::derive(move || t.get().finished_table)
                modifier="finished"
                columns=COLUMNS.to_vec()
                total=Signal::derive(move || rows.with(Vec::len))
                rows_in
                sorted_by=Signal::derive(|| ((), monitor_core::query::SortDir::Desc))
                on_sort=Callback::new(|_| {})
                key=|c: &Conversation| c.id.clone()
                row=|conversation, row_index| view! { <FinishedRow conversation row_index /> }
            />
            <Show when=move || rows.with(Vec::is_empty) && !load.pending().get() && problem.with(Option::is_none)>
                <p class="empty">{move || t.get().no_finished}</p>
            </Show>
            <Show when=move || next.with(Option::is_some)>
                <button class="button load-more" disabled=move || load.pending().get() on:click=move |_| { load.dispatch(next.get_untracked()); }>
                    {move || t.get().load_more}
                </button>
            </Show>
        </section>
    }
}

/// Whether a request path asks for the first page (no cursor).
fn cursor_is_first(path: &str) -> bool {
    !path.contains("&cursor=")
}

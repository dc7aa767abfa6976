//! "Export CSV": downloads the rows in view, and says how many went out.

use leptos::prelude::*;
use monitor_core::export::{iso, AgentField, ConversationField};

use crate::i18n::{fill, format_count, tr, use_locale, use_texts, Texts};
use crate::state::clock::use_clock;
use crate::state::download::download_text;

/// An export's file: `monitor_core::export::csv_text` over the rows in view.
pub struct CsvFile {
    /// The file name's first word, e.g. `conversations`.
    pub kind: &'static str,
    /// How many rows it holds, to say so.
    pub rows: usize,
    pub text: String,
}

/// A button that downloads the file `file(texts, now)` makes at click time.
#[component]
pub fn ExportButton(
    /// Builds the file at the instant of the click.
    file: Callback<(&'static Texts, monitor_core::wire::Timestamp), CsvFile>,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let now = use_clock().now();
    let result = RwSignal::new(None::<String>);
    let export = move |_| {
        let at = now.get_untracked();
        let CsvFile { kind, rows, text } = file.run((t.get_untracked(), at));
        // Colons are not allowed in file names on Windows.
        let name = format!("{kind}-{}.csv", iso(at).replace(':', "-"));
        if download_text(&name, "text/csv;charset=utf-8", &text) {
            result.set(Some(fill(
                t.get_untracked().export_done,
                &[
                    ("n", &format_count(rows, locale.get_untracked())),
                    ("file", &name),
                ],
            )));
        }
    };
    view! {
        <button class="button" on:click=export>{tr(t, |t| t.export_csv)}</button>
        <span class="export-result muted" role="status">{move || result.get()}</span>
    }
}

/// The conversations export's header in the user's language.
pub fn conversation_header(t: &'static Texts) -> Vec<&'static str> {
    ConversationField::ALL
        .iter()
        .map(|field| match field {
            ConversationField::Id => t.csv_id,
            ConversationField::Ticket => t.col_ticket,
            ConversationField::Channel => t.col_channel,
            ConversationField::Status => t.col_status,
            ConversationField::Customer => t.col_customer,
            ConversationField::Phone => t.csv_phone,
            ConversationField::Email => t.csv_email,
            ConversationField::Agent => t.col_agent,
            ConversationField::Department => t.col_group,
            ConversationField::CreatedAt => t.col_created,
            ConversationField::LastMessageAt => t.col_updated,
            ConversationField::StatusSince => t.csv_status_since,
            ConversationField::TimeInStatusSecs => t.csv_time_in_status_secs,
            ConversationField::DurationSecs => t.csv_duration_secs,
            ConversationField::Transfers => t.col_transfers,
            ConversationField::AwaitingReplySince => t.csv_awaiting_since,
        })
        .collect()
}

/// The agents export's header in the user's language.
pub fn agent_header(t: &'static Texts) -> Vec<&'static str> {
    AgentField::ALL
        .iter()
        .map(|field| match field {
            AgentField::Id => t.csv_id,
            AgentField::Name => t.csv_name,
            AgentField::Email => t.csv_email,
            AgentField::Status => t.col_status,
            AgentField::StatusSince => t.csv_status_since,
            AgentField::TimeInStatusSecs => t.csv_time_in_status_secs,
            AgentField::ActiveConversations => t.csv_active,
            AgentField::Capacity => t.csv_capacity,
            AgentField::Transfers => t.col_transfers,
            AgentField::Departments => t.csv_departments,
        })
        .collect()
}

//! Every string of the interface, as one struct per language, and the
//! labels of the contract's enums (unknown values show as they come).

use monitor_core::wire::BulkEndOutcome;
use monitor_core::{AgentStatus, Author, Channel, ConversationStatus};

/// Every string of the interface, for one language.
pub struct Texts {
    pub app_title: &'static str,
    pub tab_conversations: &'static str,
    pub tabs_label: &'static str,
    pub conversations_table: &'static str,
    /// The ticket number ("número de ticket").
    pub col_ticket: &'static str,
    pub col_channel: &'static str,
    pub col_status: &'static str,
    pub col_customer: &'static str,
    pub col_agent: &'static str,
    pub col_group: &'static str,
    pub col_created: &'static str,
    pub col_updated: &'static str,
    pub col_time_in_status: &'static str,
    pub col_duration: &'static str,
    pub col_transfers: &'static str,
    pub col_options: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub filter_status: &'static str,
    pub filter_agent: &'static str,
    pub filter_department: &'static str,
    pub filter_channel: &'static str,
    pub filters: &'static str,
    pub clear_filters: &'static str,
    pub unassigned: &'static str,
    pub status_queued: &'static str,
    pub status_in_progress: &'static str,
    pub status_pending: &'static str,
    pub status_inactive: &'static str,
    pub status_finished: &'static str,
    pub channel_whatsapp: &'static str,
    pub channel_webchat: &'static str,
    pub channel_instagram: &'static str,
    pub channel_messenger: &'static str,
    pub channel_email: &'static str,
    pub channel_sms: &'static str,
    pub channel_telegram: &'static str,
    /// "{shown} of {total} conversations"
    pub rows_shown: &'static str,
    pub no_rows: &'static str,
    pub loading: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub access_token: &'static str,
    pub sign_in: &'static str,
    pub signing_in: &'static str,
    pub sign_out: &'static str,
    pub token_required: &'static str,
    pub token_rejected: &'static str,
    pub session_expired: &'static str,
    pub cannot_reach: &'static str,
    /// A request timed out; `{seconds}` is its deadline.
    pub no_answer_within: &'static str,
    pub server_error: &'static str,
    pub malformed_data: &'static str,
    /// "Showing the data received at {time}."
    pub showing_last_good: &'static str,
    pub retry: &'static str,
    pub error_title: &'static str,
    pub live: &'static str,
    pub connecting: &'static str,
    pub reconnecting: &'static str,
    /// "Offline since {time}"
    pub offline_since: &'static str,
    /// "Updated {time}"
    pub updated_at: &'static str,
    pub tab_agents: &'static str,
    pub agents_table: &'static str,
    pub col_agent_name: &'static str,
    pub col_active: &'static str,
    pub col_groups: &'static str,
    /// The Agents table's time column ("Tiempo en el estado actual").
    pub col_agent_time_in_status: &'static str,
    pub presence_online: &'static str,
    pub presence_connected: &'static str,
    pub presence_offline: &'static str,
    /// "{shown} of {total} agents"
    pub agents_shown: &'static str,
    pub no_agents: &'static str,
    pub search_agents_placeholder: &'static str,
    pub agents_not_available: &'static str,
    pub dismiss: &'static str,
    pub indicators: &'static str,
    pub kpi_average_wait: &'static str,
    pub kpi_longest_wait: &'static str,
    pub kpi_average_duration: &'static str,
    pub kpi_occupancy: &'static str,
    pub kpi_transfers_per_conversation: &'static str,
    pub view_conversation: &'static str,
    pub transfer_conversation: &'static str,
    pub end_conversation: &'static str,
    pub end_selected: &'static str,
    pub end_selected_title: &'static str,
    pub select_all: &'static str,
    pub select_row: &'static str,
    pub selected_count: &'static str,
    pub justification: &'static str,
    pub justification_blank: &'static str,
    pub justification_too_long: &'static str,
    pub transfer_department: &'static str,
    pub transfer_agent: &'static str,
    pub transfer_to_queue: &'static str,
    pub choose_department: &'static str,
    pub agent_unavailable_offline: &'static str,
    pub agent_unavailable_full: &'static str,
    pub transfer: &'static str,
    pub end: &'static str,
    pub cancel: &'static str,
    pub close: &'static str,
    pub sending: &'static str,
    pub transcript: &'static str,
    pub no_messages: &'static str,
    pub author_customer: &'static str,
    pub author_agent: &'static str,
    pub author_bot: &'static str,
    pub author_system: &'static str,
    pub history: &'static str,
    pub history_transfer: &'static str,
    pub history_end: &'static str,
    pub conversation_with: &'static str,
    pub bulk_will_end: &'static str,
    pub bulk_excluded: &'static str,
    pub bulk_nothing: &'static str,
    pub bulk_result: &'static str,
    pub outcome_ended: &'static str,
    pub outcome_refused: &'static str,
    pub outcome_not_found: &'static str,
    pub outcome_already_finished: &'static str,
    pub finished_table: &'static str,
    pub date_from: &'static str,
    pub date_to: &'static str,
    pub load_more: &'static str,
    pub col_finished: &'static str,
    /// Why a finished conversation was ended.
    pub col_justification: &'static str,
    /// The scope switch of Atenciones and its two scopes.
    pub scope_label: &'static str,
    pub scope_ongoing: &'static str,
    pub scope_finished: &'static str,
    /// The finished scope's date fields, as a group.
    pub finished_dates: &'static str,
    pub finished_truncated: &'static str,
    /// The header's menu of the supervisor's other views.
    pub tools: &'static str,
    /// A page's address for a profile without that page.
    pub page_not_available: &'static str,
    pub finished_shown: &'static str,
    pub no_finished: &'static str,
    pub pause_updates: &'static str,
    pub paused_waiting: &'static str,
    pub stale_data: &'static str,
    /// The page around the monitor is not an allowed portal (`{origin}`).
    pub portal_not_allowed: &'static str,
    /// No token from the portal within `{s}` seconds.
    pub portal_no_token: &'static str,
    pub portal_token_refused: &'static str,
    pub waiting_for_portal: &'static str,
    pub signed_in_as: &'static str,
    pub level_warning: &'static str,
    pub level_critical: &'static str,
    pub col_awaiting: &'static str,
    pub filter_awaiting: &'static str,
    pub kpi_over_limit: &'static str,
    pub kpi_warning: &'static str,
    pub kpi_awaiting: &'static str,
    pub kpi_longest_awaiting: &'static str,
    pub breakdown: &'static str,
    pub breakdown_by_department: &'static str,
    pub breakdown_by_channel: &'static str,
    pub col_conversations: &'static str,
    pub export_csv: &'static str,
    /// "{n} rows exported to {file}"
    pub export_done: &'static str,
    pub csv_id: &'static str,
    pub csv_phone: &'static str,
    pub csv_email: &'static str,
    pub csv_status_since: &'static str,
    pub csv_time_in_status_secs: &'static str,
    pub csv_duration_secs: &'static str,
    pub csv_awaiting_since: &'static str,
    pub csv_name: &'static str,
    pub csv_active: &'static str,
    pub csv_capacity: &'static str,
    pub csv_departments: &'static str,
    pub views: &'static str,
    pub views_title: &'static str,
    pub view_name: &'static str,
    pub view_save: &'static str,
    /// "Open {name}"
    pub view_open: &'static str,
    /// "Make {name} the default"
    pub view_make_default: &'static str,
    pub view_default: &'static str,
    pub view_unset_default: &'static str,
    /// "Delete {name}"
    pub view_delete: &'static str,
    /// "Link to {name}"
    pub view_share: &'static str,
    pub views_empty: &'static str,
    pub view_name_blank: &'static str,
    /// "{n} characters: at most {max}."
    pub view_name_too_long: &'static str,
    /// "At most {max} views: delete one first."
    pub views_too_many: &'static str,
    /// "The saved views could not be read ({error}); saving a view replaces them."
    pub views_unreadable: &'static str,
    pub views_not_stored: &'static str,
    /// "View {name} saved"
    pub view_saved: &'static str,
    pub columns: &'static str,
    pub columns_title: &'static str,
    /// "Move {name} up"
    pub column_move_up: &'static str,
    /// "Move {name} down"
    pub column_move_down: &'static str,
    /// "Agent {name}"
    pub agent_details: &'static str,
    pub agent_open_conversations: &'static str,
    pub agent_no_conversations: &'static str,
    pub presence_today: &'static str,
    pub presence_no_changes: &'static str,
    /// Before the time of the presence a day began in (entered on an earlier day).
    pub presence_since: &'static str,
    /// "set by {who}"
    pub presence_set_by: &'static str,
    pub set_presence: &'static str,
    pub set_online: &'static str,
    pub set_connected: &'static str,
    pub sign_agent_out: &'static str,
    /// "{name}: {status}"
    pub presence_set: &'static str,
    /// "Details of {name}"
    pub agent_details_button: &'static str,
    pub wallboard: &'static str,
    pub wallboard_all: &'static str,
    pub wallboard_channels: &'static str,
    pub alerts: &'static str,
    pub alerts_critical: &'static str,
    pub alerts_queue: &'static str,
    pub alerts_queue_size: &'static str,
    pub alerts_notify: &'static str,
    pub alerts_sound: &'static str,
    pub alerts_mute_focused: &'static str,
    pub alerts_blocked: &'static str,
    pub alerts_recent: &'static str,
    pub alerts_none: &'static str,
    /// "{name} ({department}) passed the critical limit: {time}"
    pub alert_critical: &'static str,
    /// "{n} conversations queued (alert at {max})"
    pub alert_queue: &'static str,
    pub service_indicators: &'static str,
    pub kpi_today: &'static str,
    pub kpi_last_30_minutes: &'static str,
    pub kpi_last_hour_trend: &'static str,
    pub kpi_service_level: &'static str,
    pub kpi_abandonment: &'static str,
    pub kpi_speed_of_answer: &'static str,
    pub kpi_handled: &'static str,
    pub kpi_handle_time: &'static str,
    /// "{name}, last hour: first {first}, now {last}, lowest {min}, highest {max}"
    pub trend_summary: &'static str,
    /// "{name}, last hour: no data yet"
    pub trend_no_data: &'static str,
    pub chart_hour_ago: &'static str,
    pub chart_now: &'static str,
    /// "Service indicators from {time}: …"
    pub figures_stale: &'static str,
    pub figures_failed: &'static str,
}

impl Texts {
    pub fn status(&self, status: &ConversationStatus) -> String {
        match status {
            ConversationStatus::Queued => self.status_queued,
            ConversationStatus::InProgress => self.status_in_progress,
            ConversationStatus::Pending => self.status_pending,
            ConversationStatus::Inactive => self.status_inactive,
            ConversationStatus::Finished => self.status_finished,
            ConversationStatus::Other(raw) => raw,
        }
        .to_owned()
    }

    pub fn presence(&self, status: &AgentStatus) -> String {
        match status {
            AgentStatus::Online => self.presence_online,
            AgentStatus::Connected => self.presence_connected,
            AgentStatus::Offline => self.presence_offline,
            AgentStatus::Other(raw) => raw,
        }
        .to_owned()
    }

    pub fn author(&self, author: &Author) -> String {
        match author {
            Author::Customer => self.author_customer,
            Author::Agent => self.author_agent,
            Author::Bot => self.author_bot,
            Author::System => self.author_system,
            Author::Other(raw) => raw,
        }
        .to_owned()
    }

    pub fn outcome(&self, outcome: &BulkEndOutcome) -> String {
        match outcome {
            BulkEndOutcome::Ended => self.outcome_ended,
            BulkEndOutcome::Refused => self.outcome_refused,
            BulkEndOutcome::NotFound => self.outcome_not_found,
            BulkEndOutcome::AlreadyFinished => self.outcome_already_finished,
            BulkEndOutcome::Other(raw) => raw,
        }
        .to_owned()
    }

    pub fn channel(&self, channel: &Channel) -> String {
        match channel {
            Channel::Whatsapp => self.channel_whatsapp,
            Channel::Webchat => self.channel_webchat,
            Channel::Instagram => self.channel_instagram,
            Channel::Messenger => self.channel_messenger,
            Channel::Email => self.channel_email,
            Channel::Sms => self.channel_sms,
            Channel::Telegram => self.channel_telegram,
            Channel::Other(raw) => raw,
        }
        .to_owned()
    }
}

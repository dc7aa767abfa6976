//! Which columns the Conversations table shows, and in what order: part of
//! a view, so kept in the URL (`cols=`) and in saved views. The selection
//! box before the first column and the options menu after the last are not
//! columns of the layout: they are always there when the profile has them.

use crate::url_codec::url_enum;

url_enum! {
    /// A column of the Conversations table.
    pub enum ConversationColumn {
        /// The ticket number, by which customers and agents name it.
        Ticket = "ticket",
        Channel = "channel",
        Status = "status",
        Customer = "customer",
        Agent = "agent",
        Department = "department",
        Created = "created",
        /// The newest message: its time and a preview.
        LastMessage = "last_message",
        /// Since when the customer has waited for an answer.
        AwaitingReply = "awaiting",
        TimeInStatus = "time_in_status",
        Duration = "duration",
        Transfers = "transfers",
    }
}

/// The visible columns, in display order; never empty, never repeating.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ColumnLayout(Vec<ConversationColumn>);

impl Default for ColumnLayout {
    /// Every column the product's Atenciones screen has, in declaration
    /// order; "awaiting reply" is one to add.
    fn default() -> Self {
        Self(
            ConversationColumn::ALL
                .iter()
                .copied()
                .filter(|c| *c != ConversationColumn::AwaitingReply)
                .collect(),
        )
    }
}

impl ColumnLayout {
    /// The visible columns, in order.
    pub fn visible(&self) -> &[ConversationColumn] {
        &self.0
    }

    /// The hidden columns, in declaration order.
    pub fn hidden(&self) -> Vec<ConversationColumn> {
        ConversationColumn::ALL
            .iter()
            .copied()
            .filter(|c| !self.0.contains(c))
            .collect()
    }

    pub fn shows(&self, column: ConversationColumn) -> bool {
        self.0.contains(&column)
    }

    /// Shows a hidden column (at the end) or hides a visible one. Hiding
    /// the last visible column is refused: a table needs one. Returns
    /// whether anything changed.
    pub fn toggle(&mut self, column: ConversationColumn) -> bool {
        match self.0.iter().position(|c| *c == column) {
            Some(_) if self.0.len() == 1 => false,
            Some(i) => {
                self.0.remove(i);
                true
            }
            None => {
                self.0.push(column);
                true
            }
        }
    }

    /// Moves a visible column one place earlier (`-1`) or later (`+1`).
    /// Returns whether it moved (not at an edge, and visible).
    pub fn shift(&mut self, column: ConversationColumn, later: bool) -> bool {
        let Some(i) = self.0.iter().position(|c| *c == column) else {
            return false;
        };
        let j = if later { i + 1 } else { i.wrapping_sub(1) };
        if j >= self.0.len() {
            return false;
        }
        self.0.swap(i, j);
        true
    }

    /// The URL value: the visible columns, comma-separated.
    pub fn to_url_value(&self) -> String {
        let names: Vec<&str> = self.0.iter().map(|c| c.as_str()).collect();
        names.join(",")
    }

    /// Inverse of [`Self::to_url_value`]. Unknown names (a column a newer
    /// version added, or a typo) and repeats are skipped; if nothing known
    /// is left, the default layout, since a stale link should still open.
    pub fn from_url_value(value: &str) -> Self {
        let mut columns = Vec::new();
        for column in value.split(',').filter_map(|s| s.trim().parse().ok()) {
            if !columns.contains(&column) {
                columns.push(column);
            }
        }
        if columns.is_empty() {
            Self::default()
        } else {
            Self(columns)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ConversationColumn as C;

    #[test]
    fn the_default_is_the_products_columns_ticket_first_awaiting_reply_hidden() {
        let layout = ColumnLayout::default();
        assert_eq!(
            layout.visible(),
            [
                C::Ticket,
                C::Channel,
                C::Status,
                C::Customer,
                C::Agent,
                C::Department,
                C::Created,
                C::LastMessage,
                C::TimeInStatus,
                C::Duration,
                C::Transfers,
            ]
        );
        assert_eq!(layout.hidden(), [C::AwaitingReply]);
    }

    #[test]
    fn hiding_and_showing_again_puts_the_column_last() {
        let mut layout = ColumnLayout::default();
        assert!(layout.toggle(C::Channel));
        assert!(!layout.shows(C::Channel));
        assert_eq!(layout.hidden(), [C::Channel, C::AwaitingReply]);
        assert!(layout.toggle(C::Channel));
        assert_eq!(layout.visible().last(), Some(&C::Channel));
    }

    #[test]
    fn the_last_visible_column_cannot_be_hidden() {
        let mut layout = ColumnLayout::from_url_value("customer");
        assert!(!layout.toggle(C::Customer));
        assert_eq!(layout.visible(), [C::Customer]);
    }

    #[test]
    fn shifting_stops_at_the_edges() {
        let mut layout = ColumnLayout::from_url_value("status,customer,agent");
        assert!(!layout.shift(C::Status, false));
        assert!(layout.shift(C::Status, true));
        assert_eq!(layout.visible(), [C::Customer, C::Status, C::Agent]);
        assert!(layout.shift(C::Status, true));
        assert!(!layout.shift(C::Status, true));
        assert!(
            !layout.shift(C::Channel, true),
            "hidden columns do not move"
        );
    }

    #[test]
    fn url_values_round_trip_and_bad_ones_fall_back() {
        let layout = ColumnLayout::from_url_value("agent,status");
        assert_eq!(ColumnLayout::from_url_value(&layout.to_url_value()), layout);
        assert_eq!(
            ColumnLayout::from_url_value("agent,sentiment,agent,status").visible(),
            [C::Agent, C::Status]
        );
        assert_eq!(ColumnLayout::from_url_value(""), ColumnLayout::default());
        assert_eq!(
            ColumnLayout::from_url_value("nope,,"),
            ColumnLayout::default()
        );
    }
}

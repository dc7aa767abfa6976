//! The Conversations tab's view tools: saved views and the column chooser,
//! each a dialog opened from the toolbar.

mod columns;
mod views;

pub use columns::ColumnsDialog;
pub use views::{apply_default_view, ViewsDialog};

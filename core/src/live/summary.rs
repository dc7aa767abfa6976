//! Indicator figures kept by deltas. Each row's contribution is worked out
//! once per row version (its "facts": status, instants, group numbers) and
//! kept by slot; a view adds a row's facts when the row enters it and takes
//! them away when it leaves or changes — a handful of additions, no
//! allocation, no hashing. A smallest or largest instant that leaves is
//! found again by one pass over the view's facts at the end of the batch.
//! Figures that move with the clock are read at `now` from the same facts.

mod agents;
mod conversations;
mod extreme;

pub use agents::{AgentFacts, AgentSummary};
pub use conversations::{
    ConversationContext, ConversationFacts, ConversationFigures, ConversationSummary,
};

/// Figures over a view's rows, updated one row at a time.
pub trait Summary<F>: Clone + Default + Send + Sync + 'static {
    /// A row with these facts entered the view.
    fn add(&mut self, facts: &F);
    /// A row with these facts, as they were added, left the view.
    fn remove(&mut self, facts: &F);
    /// Whether a smallest or largest value left and must be found again.
    fn is_settled(&self) -> bool;
    /// Finds again what left, from every row now in the view.
    fn settle<'a>(&mut self, rows: impl Iterator<Item = &'a F>)
    where
        F: 'a;
}

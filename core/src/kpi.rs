//! Key performance indicators of the operation: service level,
//! abandonment, speed of answer, longest wait, conversations handled,
//! handle time and occupancy, for the day so far and for the last half
//! hour, overall, per department and per channel.
//!
//! The last hour as points a minute apart is [`trend`].
//!
//! The backend keeps the day's records (`record.rs`) and computes these
//! ([`windows`]); the SPA decodes them ([`IndicatorsSnapshot`]).

mod compute;
mod figures;
mod freshness;
mod record;
mod trend;

pub use compute::{day_and_recent, day_start, windows, Scope, RECENT};
pub use figures::{ChannelFigures, DepartmentFigures, Figures, IndicatorsSnapshot, Window};
pub use freshness::figures_stale;
pub use record::{HandleRecord, WaitOutcome, WaitRecord};
pub use trend::{
    trend, trend_instants, TrendPoint, TrendsSnapshot, TREND_POINTS, TREND_SPAN, TREND_STEP,
};

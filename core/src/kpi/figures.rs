//! The indicators of one scope (the operation, a department or a channel)
//! over one window, as sent on the wire, and the sums they are made of.

use serde::{Deserialize, Serialize};

use crate::enums::Channel;
use crate::wire::Timestamp;

/// One scope's indicators over one window. Counts are of the waits and
/// services that ended in the window; `longest_wait_secs` and `occupancy`
/// are of the current state. A rate or average with nothing to average is
/// `null`, never 0: "no customer yet" is not "nobody answered".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Waits that ended: answered plus abandoned.
    pub offered: u64,
    pub answered: u64,
    /// Answered within the department's service threshold.
    pub answered_in_time: u64,
    pub abandoned: u64,
    /// Services that ended (finished, or passed to another department).
    pub handled: u64,
    /// `answered_in_time / offered`.
    #[serde(default)]
    pub service_level: Option<f64>,
    /// `abandoned / offered`.
    #[serde(default)]
    pub abandonment_rate: Option<f64>,
    /// The longest wait in the queue now, in seconds.
    #[serde(default)]
    pub longest_wait_secs: Option<f64>,
    /// Mean wait of the answered ones, in seconds. An average: not for
    /// every profile.
    #[serde(default)]
    pub average_speed_of_answer_secs: Option<f64>,
    /// Mean time from answer to end of the handled ones, in seconds. An
    /// average: not for every profile.
    #[serde(default)]
    pub average_handle_secs: Option<f64>,
    /// Share of the signed-in agents' capacity in use now (by the agents
    /// of the scope; none for a channel). An average: not for every
    /// profile.
    #[serde(default)]
    pub occupancy: Option<f64>,
}

impl Figures {
    /// The main values only, for profiles that do not see averages.
    pub fn without_averages(self) -> Self {
        Self {
            average_speed_of_answer_secs: None,
            average_handle_secs: None,
            occupancy: None,
            ..self
        }
    }
}

/// A department's indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentFigures {
    pub department_id: String,
    #[serde(flatten)]
    pub figures: Figures,
}

/// A channel's indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelFigures {
    pub channel: Channel,
    #[serde(flatten)]
    pub figures: Figures,
}

/// Every scope's indicators over one window, which ends now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Window {
    pub from: Timestamp,
    pub overall: Figures,
    /// Every department asked for, in the order asked.
    pub departments: Vec<DepartmentFigures>,
    /// Every channel seen in the window or the queue, by name.
    pub channels: Vec<ChannelFigures>,
}

impl Window {
    /// The main values only, for profiles that do not see averages.
    pub fn without_averages(self) -> Self {
        Self {
            from: self.from,
            overall: self.overall.without_averages(),
            departments: self
                .departments
                .into_iter()
                .map(|d| DepartmentFigures {
                    figures: d.figures.without_averages(),
                    ..d
                })
                .collect(),
            channels: self
                .channels
                .into_iter()
                .map(|c| ChannelFigures {
                    figures: c.figures.without_averages(),
                    ..c
                })
                .collect(),
        }
    }
}

/// `GET /api/v1/monitor/indicators`: the day so far and the last half hour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorsSnapshot {
    pub server_time: Timestamp,
    pub sequence: u64,
    pub day: Window,
    pub last_30_minutes: Window,
}

/// The sums a scope's figures are made of. Times in milliseconds, as the
/// records have them, so sums are exact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Sums {
    pub answered: u64,
    pub answered_in_time: u64,
    pub abandoned: u64,
    pub wait_ms: i64,
    pub handled: u64,
    pub handle_ms: i64,
    pub longest_wait_ms: Option<i64>,
    pub busy: u64,
    pub capacity: u64,
}

fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

fn mean_secs(total_ms: i64, count: u64) -> Option<f64> {
    (count > 0).then(|| total_ms as f64 / 1000.0 / count as f64)
}

impl Sums {
    pub fn figures(&self, with_occupancy: bool) -> Figures {
        let offered = self.answered + self.abandoned;
        Figures {
            offered,
            answered: self.answered,
            answered_in_time: self.answered_in_time,
            abandoned: self.abandoned,
            handled: self.handled,
            service_level: ratio(self.answered_in_time, offered),
            abandonment_rate: ratio(self.abandoned, offered),
            longest_wait_secs: self.longest_wait_ms.map(|ms| ms as f64 / 1000.0),
            average_speed_of_answer_secs: mean_secs(self.wait_ms, self.answered),
            average_handle_secs: mean_secs(self.handle_ms, self.handled),
            occupancy: ratio(self.busy, self.capacity).filter(|_| with_occupancy),
        }
    }
}

//! The geometry of the trend charts, as plain functions: a series of
//! values (some missing) scaled into a box and drawn as an SVG path, its
//! summary for the text alternative, and the series of each trend. The
//! components only put the results into `<svg>`.

use crate::kpi::TrendPoint;

/// The range of values a chart spans, bottom to top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
}

impl Scale {
    /// From zero to the largest value, and never less than `least` high, so
    /// a flat line at a small count does not fill the box (one queued
    /// customer is not a full chart).
    pub fn from_zero(values: &[Option<f64>], least: f64) -> Scale {
        let top = values
            .iter()
            .flatten()
            .copied()
            .filter(|v| v.is_finite())
            .fold(least, f64::max);
        Scale { min: 0.0, max: top }
    }

    /// A share: 0 to 1 (0 % to 100 %).
    pub const SHARE: Scale = Scale { min: 0.0, max: 1.0 };

    /// `v`'s height in a box `height` tall, 0 at the top (SVG's y axis
    /// points down); values outside the scale are clamped to its edges.
    pub fn y(&self, v: f64, height: f64) -> f64 {
        let span = self.max - self.min;
        let share = if span > 0.0 {
            ((v - self.min) / span).clamp(0.0, 1.0)
        } else {
            0.0
        };
        height * (1.0 - share)
    }
}

/// One decimal is finer than a pixel on any of the charts, and keeps the
/// path short.
fn coordinate(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    // `-0` would read oddly; it is 0.
    format!("{}", rounded + 0.0)
}

/// The line through `values`, evenly spaced across `width`, scaled by
/// `scale` into `height`: an SVG path (`M x y L x y …`). A missing value
/// breaks the line (a new `M` after it); a value alone between gaps is a
/// zero-length segment, which a round line cap draws as a dot. Empty when
/// no value is present.
pub fn line_path(values: &[Option<f64>], scale: Scale, width: f64, height: f64) -> String {
    let step = if values.len() > 1 {
        width / (values.len() - 1) as f64
    } else {
        0.0
    };
    let mut path = String::new();
    let mut drawing = false;
    let mut alone = false;
    for (i, value) in values.iter().enumerate() {
        let Some(v) = value.filter(|v| v.is_finite()) else {
            if alone {
                path.push_str(" l0 0");
            }
            drawing = false;
            alone = false;
            continue;
        };
        let (x, y) = (coordinate(step * i as f64), coordinate(scale.y(v, height)));
        if !path.is_empty() {
            path.push(' ');
        }
        path.push_str(if drawing { "L" } else { "M" });
        path.push_str(&x);
        path.push(' ');
        path.push_str(&y);
        alone = !drawing;
        drawing = true;
    }
    if alone {
        path.push_str(" l0 0");
    }
    path
}

/// What a chart says in numbers, for its text alternative.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// The oldest present value.
    pub first: f64,
    /// The newest present value.
    pub last: f64,
    pub min: f64,
    pub max: f64,
}

/// The summary of the present values; `None` when there are none.
pub fn summary(values: &[Option<f64>]) -> Option<Summary> {
    let mut present = values.iter().flatten().copied().filter(|v| v.is_finite());
    let first = present.next()?;
    let (last, min, max) = present.fold((first, first, first), |(_, lo, hi), v| {
        (v, lo.min(v), hi.max(v))
    });
    Some(Summary {
        first,
        last,
        min,
        max,
    })
}

/// The trends a chart can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trend {
    /// Conversations in a queue.
    Queue,
    /// The longest current wait, in seconds.
    LongestWait,
    /// The service level of the half hour before each point, 0 to 1.
    ServiceLevel,
}

impl Trend {
    pub const ALL: [Trend; 3] = [Trend::Queue, Trend::LongestWait, Trend::ServiceLevel];

    /// The CSS modifier and test id of the trend's chart.
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Queue => "queue",
            Trend::LongestWait => "longest_wait",
            Trend::ServiceLevel => "service_level",
        }
    }

    /// The values of this trend, oldest first. Nobody waiting is a wait of
    /// 0; an hour with no wait ended has no service level (a gap).
    pub fn series(self, points: &[TrendPoint]) -> Vec<Option<f64>> {
        points
            .iter()
            .map(|p| match self {
                Trend::Queue => Some(p.queued as f64),
                Trend::LongestWait => Some(p.longest_wait_secs.unwrap_or(0.0)),
                Trend::ServiceLevel => p.service_level,
            })
            .collect()
    }

    /// The scale to draw this trend's values on: shares on 0–100 %, counts
    /// from zero (at least 5 high), waits from zero (at least a minute).
    pub fn scale(self, values: &[Option<f64>]) -> Scale {
        match self {
            Trend::Queue => Scale::from_zero(values, 5.0),
            Trend::LongestWait => Scale::from_zero(values, 60.0),
            Trend::ServiceLevel => Scale::SHARE,
        }
    }
}

/// A share as a whole percentage (`0.874` → `"87%"`); "—" with none.
pub fn percent(share: Option<f64>) -> String {
    match share.filter(|s| s.is_finite()) {
        Some(s) => format!("{:.0}%", s * 100.0),
        None => "—".to_owned(),
    }
}

/// Seconds as timer text (`"1:05"`), via [`crate::elapsed::format_elapsed`];
/// "—" with none.
pub fn seconds(secs: Option<f64>) -> String {
    match secs.filter(|s| s.is_finite()) {
        // Clamped before the conversion: a payload's absurd number must
        // read oddly, never reach chrono's out-of-range panic (a panic
        // ends the app). A hundred years is past any wait.
        Some(s) => crate::elapsed::format_elapsed(chrono::Duration::milliseconds(
            (s.clamp(0.0, 3.2e9) * 1000.0).round() as i64,
        )),
        None => "—".to_owned(),
    }
}

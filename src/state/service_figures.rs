//! The key performance indicators and the last hour's trends, polled from
//! the backend while a page that shows them is open and visible.
//!
//! They are not on the change stream (the backend's history is not the
//! board's), so they are asked for every `indicators_interval_ms`. Polling
//! waits while the page is hidden (nobody reads a background tab, and a
//! wall screen that is switched back shows fresh figures at once) and
//! stops with the component that started it: dropping the task aborts a
//! request in flight. A failure keeps the last good figures on screen,
//! says so, and they are marked stale once two polls are missed.

use futures::channel::{mpsc, oneshot};
use futures::future::{join, select};
use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use monitor_core::config::Config;
use monitor_core::kpi::{figures_stale, IndicatorsSnapshot, TrendsSnapshot};
use send_wrapper::SendWrapper;

use super::session::use_api;
use super::timing::{now_ms, sleep};
use crate::api::{ApiClient, ApiError};

/// Used when no configuration is in context (component tests).
const DEFAULT_INTERVAL_MS: u32 = 15_000;

/// What the last polls brought.
#[derive(Clone, Copy)]
pub struct ServiceFigures {
    pub indicators: RwSignal<Option<IndicatorsSnapshot>>,
    /// Stays `None` for a profile without trends: they are never asked for.
    pub trends: RwSignal<Option<TrendsSnapshot>>,
    /// The last poll's failure, until one succeeds.
    pub error: RwSignal<Option<ApiError>>,
    /// Browser time (ms) of the last poll that brought everything.
    pub fetched_at: RwSignal<Option<f64>>,
    interval_ms: u32,
}

impl ServiceFigures {
    /// Whether the figures on screen are older than two polls, at the
    /// browser time `local_ms`. No figures yet is not stale: it is loading.
    pub fn stale_at(&self, local_ms: f64) -> bool {
        self.fetched_at
            .get()
            .is_some_and(|at| figures_stale(local_ms - at, self.interval_ms))
    }
}

/// Starts polling the indicators (and, with `with_trends`, the trends)
/// for the calling component; it stops when that component is dropped.
pub fn poll_service_figures(with_trends: bool) -> ServiceFigures {
    let interval_ms =
        use_context::<Config>().map_or(DEFAULT_INTERVAL_MS, |c| c.indicators_interval_ms);
    let figures = ServiceFigures {
        indicators: RwSignal::new(None),
        trends: RwSignal::new(None),
        error: RwSignal::new(None),
        fetched_at: RwSignal::new(None),
        interval_ms,
    };
    // Each change of visibility wakes the task: to wait, or to poll at once.
    let (wake_tx, wake_rx) = mpsc::unbounded::<()>();
    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        let _ = wake_tx.unbounded_send(());
    });
    // Dropping the sender resolves `stopped`, which drops the task and
    // with it the request in flight (it aborts on drop).
    let (stop, stopped) = oneshot::channel::<()>();
    let stop = SendWrapper::new(stop);
    on_cleanup(move || {
        visibility.remove();
        drop(stop.take());
    });
    let api = use_api();
    spawn_local(async move {
        let run = std::pin::pin!(run(api, figures, with_trends, wake_rx));
        select(run, stopped).await;
    });
    figures
}

async fn run(
    api: ApiClient,
    figures: ServiceFigures,
    with_trends: bool,
    mut wake: mpsc::UnboundedReceiver<()>,
) {
    loop {
        if document().hidden() {
            if wake.next().await.is_none() {
                return;
            }
            continue;
        }
        let indicators =
            api.get_json::<IndicatorsSnapshot>("/monitor/indicators", "indicators", None);
        let trends = async {
            match with_trends {
                true => Some(
                    api.get_json::<TrendsSnapshot>("/monitor/trends", "trends", None)
                        .await,
                ),
                false => None,
            }
        };
        let (indicators, trends) = join(indicators, trends).await;
        let mut failure = None;
        match indicators {
            Ok(i) => {
                figures.indicators.try_set(Some(i));
            }
            Err(e) => failure = Some(e),
        }
        match trends {
            Some(Ok(t)) => {
                figures.trends.try_set(Some(t));
            }
            Some(Err(e)) => failure = failure.or(Some(e)),
            None => {}
        }
        match failure {
            // The session is over (the client has ended it): so is polling.
            Some(ApiError::Unauthorized) => return,
            Some(e) => {
                figures.error.try_set(Some(e));
            }
            None => {
                figures.error.try_set(None);
                figures.fetched_at.try_set(Some(now_ms()));
            }
        }
        let pause = std::pin::pin!(sleep(figures.interval_ms));
        select(pause, wake.next()).await;
    }
}

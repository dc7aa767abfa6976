//! One instrumented, signed-in monitor page and what can be measured on it.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::Client;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

pub use super::memory::MemorySample;
use super::probe::{self, LoadTimings, Recorded, View};
use super::stats::Summary;
use super::{cdp, machine};
use crate::{Browser, Role};

/// The demo token the benchmark signs in with (an admin sees every column and agents).
pub const TOKEN: &str = "demo-admin";
/// Where the app keeps the tab's token (a reload restores the session from it).
const TOKEN_KEY: &str = "ops-monitor.token";
/// The table measured.
pub const TABLE: &str = "Conversations";

/// Main-thread time summed over a window (CDP `Performance.getMetrics`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Cpu {
    /// Wall time of the window, s.
    pub wall: f64,
    /// Main-thread task time (DevTools commands excluded), s.
    pub task: f64,
    /// Of which script (JS and wasm), s.
    pub script: f64,
    /// Of which style recalculation and layout, s.
    pub style_layout: f64,
    /// Layouts done in the window (1 per second: only the tick renders).
    pub layouts: f64,
    /// Share of all the machine's CPUs busy meanwhile (this page, the
    /// backend, chromedriver, and anything else running).
    pub machine_busy: f64,
    /// Main-thread ms in each second of the window.
    pub per_second: Option<Summary>,
}

impl Cpu {
    /// Share of the wall time the main thread was busy.
    pub fn share(&self) -> f64 {
        if self.wall > 0.0 {
            self.task / self.wall
        } else {
            f64::NAN
        }
    }

    /// Main-thread ms per second of wall time, averaged over the window.
    pub fn ms_per_second(&self) -> f64 {
        self.share() * 1000.0
    }

    /// The median second's main-thread ms (one clock tick per second): a
    /// stray garbage collection or late task in one second does not move it.
    pub fn median_second(&self) -> f64 {
        self.per_second.map_or(self.ms_per_second(), |s| s.p50)
    }
}

pub struct Page {
    pub browser: Browser,
    /// When the first rows were seen painted (host clock).
    pub loaded_at: Instant,
}

impl Page {
    /// Starts Chromium with the instrumentation, stores the token in the tab,
    /// empties the HTTP cache and loads the monitor: the navigation measured.
    /// Returns once the first rows are painted (or fails after `patience`).
    pub async fn open(base_url: &str, patience: Duration) -> Result<Page, String> {
        Self::open_with(base_url, "/?lang=en", patience, &[]).await
    }

    /// [`Self::open`] at `path`, with `scripts` run at the start of every
    /// document too (e.g. [`crate::CAPTURE_ERRORS`]).
    pub async fn open_with(
        base_url: &str,
        path: &str,
        patience: Duration,
        scripts: &[&str],
    ) -> Result<Page, String> {
        let browser = Browser::open(base_url).await;
        let client = &browser.client;
        cdp::on_new_document(client, probe::INSTRUMENT).await?;
        for script in scripts {
            cdp::on_new_document(client, script).await?;
        }
        cdp::enable_performance(client).await?;
        browser.goto("/?lang=en").await;
        let stored: Value = client
            .execute(
                "sessionStorage.setItem(arguments[0], arguments[1]); return true;",
                vec![json!(TOKEN_KEY), json!(TOKEN)],
            )
            .await
            .map_err(|e| format!("storing the token: {e}"))?;
        if stored != json!(true) {
            return Err("could not store the token in sessionStorage".into());
        }
        cdp::clear_cache(client).await?;
        browser.goto(path).await;
        let mut page = Page {
            browser,
            loaded_at: Instant::now(),
        };
        let deadline = Instant::now() + patience;
        loop {
            // Sparse polling: each check is a (tiny) task on the page's main thread.
            tokio::time::sleep(Duration::from_millis(250)).await;
            let painted: Option<f64> = page
                .eval(
                    "return window.__bench ? window.__bench.firstRows : null",
                    vec![],
                )
                .await?;
            if painted.is_some() {
                page.loaded_at = Instant::now();
                return Ok(page);
            }
            if Instant::now() > deadline {
                let text: String = page
                    .eval(
                        "return document.body ? document.body.innerText.slice(0, 300) : ''",
                        vec![],
                    )
                    .await
                    .unwrap_or_default();
                return Err(format!(
                    "no conversation rows painted within {patience:?}; the page shows: {text:?}"
                ));
            }
        }
    }

    /// Runs a script and decodes its result.
    pub async fn eval<T: DeserializeOwned>(
        &self,
        script: &str,
        args: Vec<Value>,
    ) -> Result<T, String> {
        let value = self
            .browser
            .client
            .execute(script, args)
            .await
            .map_err(|e| format!("script failed: {e}"))?;
        serde_json::from_value(value).map_err(|e| format!("script result: {e}"))
    }

    pub async fn load_timings(&self) -> Result<LoadTimings, String> {
        self.eval(probe::LOAD_TIMINGS, vec![]).await
    }

    pub async fn view(&self) -> Result<View, String> {
        self.eval(probe::VIEW, vec![json!(TABLE)]).await
    }

    /// The page's frame interval (median over 60 frames), ms.
    pub async fn frame_interval(&self) -> Result<f64, String> {
        let value = self
            .browser
            .client
            .execute_async(probe::FRAME_INTERVAL, vec![])
            .await
            .map_err(|e| format!("frame interval: {e}"))?;
        value
            .as_f64()
            .ok_or_else(|| format!("frame interval: unexpected answer {value}"))
    }

    /// Seconds since the first rows were painted.
    pub fn since_load(&self) -> f64 {
        self.loaded_at.elapsed().as_secs_f64()
    }

    /// Main-thread time over `window`, with the page left alone.
    pub async fn cpu_over(&self, window: Duration) -> Result<Cpu, String> {
        cpu_over(&self.browser.client, window).await
    }

    /// Types at least `keystrokes` keys in the search box: the start of a
    /// customer name on screen, then as many backspaces, name after name.
    pub async fn type_in_search(
        &self,
        keystrokes: usize,
        pause: Duration,
    ) -> Result<Recorded, String> {
        let names: Vec<String> = self.eval(probe::CUSTOMER_NAMES, vec![]).await?;
        let words = search_words(&names);
        let search = self.browser.wait_for(Role::SearchBox, "Search").await;
        search
            .click()
            .await
            .map_err(|e| format!("focus the search box: {e}"))?;
        let _: bool = self.eval(probe::RESET_INTERACTIONS, vec![]).await?;
        let backspace = Key::Backspace.to_string();
        let mut sent = 0;
        for word in words.iter().cycle() {
            if sent >= keystrokes {
                break;
            }
            let keys = word
                .chars()
                .map(String::from)
                .chain(std::iter::repeat_n(backspace.clone(), word.chars().count()));
            for key in keys {
                search
                    .send_keys(&key)
                    .await
                    .map_err(|e| format!("typing in the search box: {e}"))?;
                sent += 1;
                tokio::time::sleep(pause).await;
            }
        }
        self.recorded(sent).await
    }

    /// How long a change takes from the backend to the screen: `samples`
    /// times, a message with a fresh marker is injected into the first
    /// conversation on screen, and the time from the injection to the
    /// paint that shows the marker is taken (wall clock, same machine).
    /// Markers never painted (the row left the screen) are counted apart.
    pub async fn freshness(
        &self,
        server: &demo_backend::Server,
        samples: usize,
    ) -> Result<(Vec<f64>, usize), String> {
        let mut latencies = Vec::new();
        let mut missed = 0;
        for i in 0..samples {
            let Some(id) = self
                .eval::<Option<String>>(probe::FIRST_ROW_ID, vec![])
                .await?
            else {
                missed += 1;
                continue;
            };
            let marker = format!("fresh-{i}-{}", std::process::id());
            let watching: bool = self
                .eval(probe::WATCH_FOR_TEXT, vec![json!(marker)])
                .await?;
            if !watching {
                missed += 1;
                continue;
            }
            let emitted = wall_ms();
            if !server.inject_message(&id, demo_backend::Author::Customer, &marker) {
                missed += 1;
                continue;
            }
            let deadline = Instant::now() + Duration::from_secs(3);
            let painted = loop {
                tokio::time::sleep(Duration::from_millis(50)).await;
                let at: Option<f64> = self
                    .eval(
                        "return (window.__fresh || {})[arguments[0]] || null",
                        vec![json!(marker)],
                    )
                    .await?;
                if at.is_some() || Instant::now() > deadline {
                    break at;
                }
            };
            match painted {
                Some(at) => latencies.push(at - emitted),
                None => missed += 1,
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Ok((latencies, missed))
    }

    /// Clicks the "Queued" choice of the Status filter `clicks` times.
    pub async fn toggle_status_filter(
        &self,
        clicks: usize,
        pause: Duration,
    ) -> Result<Recorded, String> {
        let button = self.browser.wait_for(Role::Button, "Status").await;
        button
            .click()
            .await
            .map_err(|e| format!("open the Status filter: {e}"))?;
        let queued = self.browser.wait_for(Role::Checkbox, "Queued").await;
        let _: bool = self.eval(probe::RESET_INTERACTIONS, vec![]).await?;
        for _ in 0..clicks {
            queued
                .click()
                .await
                .map_err(|e| format!("click Queued: {e}"))?;
            tokio::time::sleep(pause).await;
        }
        let recorded = self.recorded(clicks).await;
        button
            .click()
            .await
            .map_err(|e| format!("close the Status filter: {e}"))?;
        recorded
    }

    /// Waits (briefly) for the last interactions' paints, then reads them all.
    async fn recorded(&self, expected: usize) -> Result<Recorded, String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let recorded: Recorded = self.eval(probe::INTERACTIONS, vec![]).await?;
            let done = recorded.interactions.len() >= expected
                && recorded.interactions.iter().all(|i| i.paint.is_some());
            if done || Instant::now() > deadline {
                return Ok(recorded);
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

/// Milliseconds since the epoch, as the browser's `performance.timeOrigin +
/// performance.now()` counts them.
fn wall_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Main-thread time of the page in `client` over `window` (CDP
/// `Performance.getMetrics` deltas, read every second; the domain must be
/// enabled). DevTools commands' own time is left out.
pub async fn cpu_over(client: &Client, window: Duration) -> Result<Cpu, String> {
    let task = |a: &cdp::Metrics, b: &cdp::Metrics| {
        (a.delta(b, "TaskDuration") - a.delta(b, "DevToolsCommandDuration")).max(0.0)
    };
    let first = cdp::metrics(client).await?;
    let host_before = machine::cpu_times();
    let start = Instant::now();
    let mut last = first.clone();
    let mut steps = Vec::new();
    while start.elapsed() < window {
        let step = (window - start.elapsed()).min(Duration::from_secs(1));
        tokio::time::sleep(step).await;
        let now = cdp::metrics(client).await?;
        let wall = last.delta(&now, "Timestamp");
        if wall > 0.5 {
            steps.push(task(&last, &now) / wall * 1000.0);
        }
        last = now;
    }
    let host_after = machine::cpu_times();
    let d = |name| first.delta(&last, name);
    Ok(Cpu {
        wall: d("Timestamp"),
        task: task(&first, &last),
        script: d("ScriptDuration"),
        style_layout: d("RecalcStyleDuration") + d("LayoutDuration"),
        layouts: d("LayoutCount"),
        machine_busy: machine::busy_share(host_before, host_after),
        per_second: Summary::of(steps),
    })
}

/// What to type: the first 6 characters of each distinct name, from names
/// whose start is plain ASCII (every key exists on the WebDriver keyboard).
pub fn search_words(names: &[String]) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for name in names {
        let word: String = name.chars().take(6).collect();
        let word = word.trim_end().to_owned();
        let typeable = word.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ');
        if typeable && word.len() >= 3 && !words.contains(&word) {
            words.push(word);
        }
    }
    if words.is_empty() {
        words = ["Maria", "Jose", "Ana", "Carlos"]
            .map(String::from)
            .to_vec();
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_from_names() {
        let names = ["María Gómez", "Jo", "Lucas Pereira", "Lucas Perez"].map(String::from);
        assert_eq!(search_words(&names), ["Lucas"]);
        assert_eq!(search_words(&[]).len(), 4);
    }
}

//! The browser's own floor on this machine, measured the same way as the
//! monitor: main-thread time per second of an empty page, and of a page
//! whose only work is changing one text node once a second (whatever the
//! app does per tick, it cannot cost less than the second); and keystroke →
//! next paint on a page whose search box only copies its text into one
//! text node (no keystroke can be painted sooner).

use std::time::Duration;

use fantoccini::key::Key;

use super::cdp;
use super::page::{cpu_over, Cpu};
use super::probe::{self, Recorded};
use super::scenario::Interactions;
use crate::{Browser, Role};

const EMPTY: &str = "<!DOCTYPE html><title>empty</title><p>empty page</p>";
const TICKING: &str = "<!DOCTYPE html><title>tick</title><p id=t>0</p><script>\
    setInterval(() => { document.getElementById('t').textContent = String(Date.now()); }, 1000);\
    </script>";

const TYPING: &str = "<!DOCTYPE html><title>typing</title>\
    <input type=search aria-label=Search><p id=t></p><script>\
    document.querySelector('input').addEventListener('input', (e) => {\
    document.getElementById('t').textContent = e.target.value; });\
    </script>";

#[derive(Clone, Debug, Default)]
pub struct Floor {
    pub empty: Cpu,
    pub ticking: Cpu,
    /// Keystrokes on the page that only copies its text.
    pub keystroke: Interactions,
}

/// Measures both pages over `window` each, in one fresh browser, and
/// `keystrokes_typed` keystrokes `pause` apart on the typing page.
pub async fn measure(
    window: Duration,
    keystrokes_typed: usize,
    pause: Duration,
) -> Result<Floor, String> {
    // The base URL is never used: both pages are data: URLs.
    let browser = Browser::open("http://127.0.0.1:9").await;
    let client = &browser.client;
    cdp::enable_performance(client).await?;
    let mut cpu = [Cpu::default(); 2];
    for (slot, html) in cpu.iter_mut().zip([EMPTY, TICKING]) {
        client
            .goto(&format!("data:text/html,{}", percent_encode(html)))
            .await
            .map_err(|e| format!("open a calibration page: {e}"))?;
        tokio::time::sleep(Duration::from_secs(2)).await;
        *slot = cpu_over(client, window).await?;
    }
    Ok(Floor {
        empty: cpu[0],
        ticking: cpu[1],
        keystroke: keystrokes(keystrokes_typed, pause).await?,
    })
}

/// Types `count` keys (a word, then as many backspaces, again and again)
/// on the typing page, instrumented like the monitor's.
async fn keystrokes(count: usize, pause: Duration) -> Result<Interactions, String> {
    let browser = Browser::open("http://127.0.0.1:9").await;
    let client = &browser.client;
    cdp::on_new_document(client, probe::INSTRUMENT).await?;
    client
        .goto(&format!("data:text/html,{}", percent_encode(TYPING)))
        .await
        .map_err(|e| format!("open the typing page: {e}"))?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let search = browser.wait_for(Role::SearchBox, "Search").await;
    search
        .click()
        .await
        .map_err(|e| format!("focus the typing page's box: {e}"))?;
    client
        .execute(probe::RESET_INTERACTIONS, vec![])
        .await
        .map_err(|e| format!("reset: {e}"))?;
    let backspace = Key::Backspace.to_string();
    let word = ["M", "a", "r", "i", "a", "n"];
    let keys = word
        .iter()
        .map(|k| (*k).to_owned())
        .chain(std::iter::repeat_n(backspace, word.len()))
        .cycle()
        .take(count);
    for key in keys {
        search
            .send_keys(&key)
            .await
            .map_err(|e| format!("typing on the typing page: {e}"))?;
        tokio::time::sleep(pause).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let recorded: Recorded = serde_json::from_value(
        client
            .execute(probe::INTERACTIONS, vec![])
            .await
            .map_err(|e| format!("read the interactions: {e}"))?,
    )
    .map_err(|e| format!("decode the interactions: {e}"))?;
    Ok(Interactions::from_recorded(&recorded, "search"))
}

/// Every byte but ASCII letters and digits as `%XX` (safe in a data: URL).
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn encodes_everything_but_letters_and_digits() {
        assert_eq!(
            percent_encode("<p id=t>0</p>"),
            "%3Cp%20id%3Dt%3E0%3C%2Fp%3E"
        );
    }
}
